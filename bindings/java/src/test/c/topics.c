/*
 * The C side of B02TopicsTest: prints one line per topic builder call, the
 * topic or "error <status name>", in the order B02TopicsTest makes the same
 * calls through Java.
 */
#include <stdio.h>

#include "jet.h"

static void show(jet_status_t status, char *topic)
{
    if (status == JET_STATUS_OK) {
        printf("%s\n", topic);
    } else {
        printf("error %s\n", jet_status_str(status));
    }
    jet_string_free(topic);
}

/* Calls a builder that writes `t`, then prints it (in two steps: C leaves
 * the order of evaluating a call's arguments open). */
#define SHOW(call)                         \
    do {                                   \
        jet_status_t status_ = (call);     \
        show(status_, t);                  \
        t = NULL;                          \
    } while (0)

int main(void)
{
    char *t = NULL;
    SHOW(jet_topic_all_events(&t));
    SHOW(jet_topic_all_kernel_events(&t));
    SHOW(jet_topic_config_update(&t));
    SHOW(jet_topic_ifd(JET_OP_ADD, NULL, &t));
    SHOW(jet_topic_ifd(JET_OP_ALL, NULL, &t));
    SHOW(jet_topic_ifd(JET_OP_ADD, "ge-0/0/0", &t));
    SHOW(jet_topic_ifl(JET_OP_CHANGE, NULL, JET_ANY, &t));
    SHOW(jet_topic_ifl(JET_OP_CHANGE, "ge-0/0/0", 0, &t));
    SHOW(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0", JET_ANY, &t));
    SHOW(jet_topic_iff(JET_OP_ADD, NULL, JET_ANY, NULL, &t));
    SHOW(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", 0, "inet6", &t));
    SHOW(jet_topic_ifa(JET_OP_DELETE, NULL, JET_ANY, NULL, NULL, &t));
    SHOW(jet_topic_ifa(JET_OP_ADD, "xe-0/0/0", 0, "inet", "192.0.2.1/32", &t));
    SHOW(jet_topic_ifa(JET_OP_ALL, "xe-0/0/0", 0, "inet", NULL, &t));
    SHOW(jet_topic_firewall_filter(JET_OP_ADD, NULL, &t));
    SHOW(jet_topic_firewall_filter(JET_OP_ADD, "filter-by-jet", &t));
    SHOW(jet_topic_route(JET_OP_ADD, NULL, NULL, JET_ANY, &t));
    SHOW(jet_topic_route(JET_OP_ADD, "inet", "198.51.100.0", 24, &t));
    SHOW(jet_topic_route(JET_OP_ADD, "inet", "198.51.100.0", 129, &t));
    SHOW(jet_topic_route_table(JET_OP_ADD, NULL, NULL, &t));
    SHOW(jet_topic_route_table(JET_OP_ADD, "blue.inet.0", "default", &t));
    SHOW(jet_topic_syslog(NULL, &t));
    SHOW(jet_topic_syslog("UI_CHILD_STATUS", &t));
    SHOW(jet_topic_ifd(JET_OP_ADD, "ge-0/0/0/+", &t));
    return 0;
}
