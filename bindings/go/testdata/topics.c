/*
 * Builds topics with libjet's C ABI, for the Go tests' comparison (B2).
 * Each line of stdin is one call, tab-separated: a builder name, then its
 * arguments ("~" for NULL, integers as text). Each line of stdout is the
 * topic, or "error <status name>".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jet.h"

/* Argument i of the line, NULL for "~" or a missing one. */
static const char *arg(char **fields, int count, int i)
{
    return i < count && strcmp(fields[i], "~") != 0 ? fields[i] : NULL;
}

static long num(char **fields, int count, int i)
{
    const char *text = arg(fields, count, i);
    return text ? strtol(text, NULL, 10) : JET_ANY;
}

static jet_status_t build(char **f, int n, char **out)
{
    const char *kind = f[0];
    int op = (int)num(f, n, 1);
    if (strcmp(kind, "ifd") == 0)
        return jet_topic_ifd(op, arg(f, n, 2), out);
    if (strcmp(kind, "ifl") == 0)
        return jet_topic_ifl(op, arg(f, n, 2), num(f, n, 3), out);
    if (strcmp(kind, "iff") == 0)
        return jet_topic_iff(op, arg(f, n, 2), num(f, n, 3), arg(f, n, 4), out);
    if (strcmp(kind, "ifa") == 0)
        return jet_topic_ifa(op, arg(f, n, 2), num(f, n, 3), arg(f, n, 4), arg(f, n, 5), out);
    if (strcmp(kind, "firewall") == 0)
        return jet_topic_firewall_filter(op, arg(f, n, 2), out);
    if (strcmp(kind, "route") == 0)
        return jet_topic_route(op, arg(f, n, 2), arg(f, n, 3), (int32_t)num(f, n, 4), out);
    if (strcmp(kind, "route-table") == 0)
        return jet_topic_route_table(op, arg(f, n, 2), arg(f, n, 3), out);
    if (strcmp(kind, "syslog") == 0)
        return jet_topic_syslog(arg(f, n, 1), out);
    if (strcmp(kind, "all") == 0)
        return jet_topic_all_events(out);
    if (strcmp(kind, "kernel") == 0)
        return jet_topic_all_kernel_events(out);
    if (strcmp(kind, "config") == 0)
        return jet_topic_config_update(out);
    return JET_STATUS_INVALID_ARGUMENT;
}

int main(void)
{
    char line[1024];
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *fields[8];
        int count = 0;
        line[strcspn(line, "\n")] = '\0';
        for (char *field = strtok(line, "\t"); field && count < 8; field = strtok(NULL, "\t"))
            fields[count++] = field;
        if (count == 0)
            continue;
        char *topic = NULL;
        jet_status_t status = build(fields, count, &topic);
        if (status == JET_STATUS_OK) {
            printf("%s\n", topic);
            jet_string_free(topic);
        } else {
            printf("error %s\n", jet_status_str(status));
        }
    }
    jet_shutdown();
    return 0;
}
