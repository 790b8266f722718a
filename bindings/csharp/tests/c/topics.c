/* Prints, one per line, the topic filters the C ABI builds for the cases
 * that TopicsTest.cs builds through the C# binding (B2). */
#include <stdio.h>
#include "jet.h"

static char *t = NULL; /* the topic of the last call */

/* Prints the topic the call just made (read after the call), or its status. */
static void show(jet_status_t status)
{
    printf("%s\n", status == JET_STATUS_OK ? t : jet_status_str(status));
    jet_string_free(t);
    t = NULL;
}

int main(void)
{
    show(jet_topic_ifd(JET_OP_ALL, NULL, &t));
    show(jet_topic_ifd(JET_OP_ADD, "ge-0/0/0", &t));
    show(jet_topic_ifl(JET_OP_ALL, NULL, JET_ANY, &t));
    show(jet_topic_ifl(JET_OP_CHANGE, "ge-0/0/0", 0, &t));
    show(jet_topic_iff(JET_OP_ALL, NULL, JET_ANY, NULL, &t));
    show(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", 0, "inet6", &t));
    show(jet_topic_ifa(JET_OP_ALL, NULL, JET_ANY, NULL, NULL, &t));
    show(jet_topic_ifa(JET_OP_ADD, "xe-0/0/0", 0, "inet", "192.0.2.1/32", &t));
    show(jet_topic_firewall_filter(JET_OP_ALL, NULL, &t));
    show(jet_topic_firewall_filter(JET_OP_ADD, "filter-by-jet", &t));
    show(jet_topic_route(JET_OP_ALL, NULL, NULL, JET_ANY, &t));
    show(jet_topic_route(JET_OP_ADD, "inet", "198.51.100.0", 24, &t));
    show(jet_topic_route_table(JET_OP_ALL, NULL, NULL, &t));
    show(jet_topic_route_table(JET_OP_ADD, "blue.inet.0", "default", &t));
    show(jet_topic_syslog(NULL, &t));
    show(jet_topic_syslog("UI_COMMIT", &t));
    show(jet_topic_all_events(&t));
    show(jet_topic_all_kernel_events(&t));
    show(jet_topic_config_update(&t));
    return 0;
}
