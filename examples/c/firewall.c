/*
 * firewall: installs a JET firewall filter on a Junos device, binds it to a
 * logical interface, reads its counter, and removes it again.
 *
 *   firewall --device HOST --port N --user U --password P [--client-id ID]
 *            [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
 *            --interface IFL
 *
 * The filter, jet-demo-icmp (family inet): term t1 counts ICMP into counter
 * icmp-count and discards it; term t2 accepts everything else. One line is
 * printed per step, with the IDL generation the device spoke; errors go to
 * stderr with a non-zero exit (and the filter is removed if it was added).
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jet.h"
#include "service_args.h"

static const char USAGE[] =
    "usage: firewall --device HOST --port N --user U --password P [--client-id ID]\n"
    "                [--ca FILE] [--clear-text] [--api auto|jnx|legacy] --interface IFL\n"
    "example: firewall --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n"
    "                  --interface ge-0/0/0.0\n";

static const char FILTER_NAME[] = "jet-demo-icmp";
static const char FILTER_JSON[] =
    "{\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": ["
    "{\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},"
    " \"actions\": {\"count\": \"icmp-count\", \"discard\": true}},"
    "{\"name\": \"t2\", \"actions\": {\"accept\": true}}]}";

/* The generation the firewall service speaks, as text. */
static const char *firewall_generation(jet_service_t *session)
{
    jet_generation_t generation = JET_GENERATION_UNKNOWN;
    jet_service_generation(session, JET_SERVICE_FIREWALL, &generation);
    return service_generation_name(generation);
}

/* Reports a failed step, removes what was installed, and exits 1. */
static void give_up(jet_service_t *session, const char *step, jet_status_t status, int added, int bound,
                    const char *interface)
{
    fprintf(stderr, "firewall: %s: %s: %s\n", step, jet_status_str(status), jet_last_error_message());
    if (bound) {
        jet_firewall_filter_unbind(session, FILTER_NAME, JET_FAMILY_INET, interface, JET_DIRECTION_INPUT, 0);
    }
    if (added) {
        jet_firewall_filter_delete(session, FILTER_NAME, JET_FAMILY_INET, 0);
    }
    jet_service_close(session);
    jet_shutdown();
    exit(1);
}

int main(int argc, char **argv)
{
    service_args_t args;
    jet_service_t *session;
    jet_generation_t login = JET_GENERATION_UNKNOWN;
    jet_counter_t counter;
    jet_status_t status;
    const char *interface;

    service_args_parse(&args, argc, argv, USAGE);
    if (args.rest_count != 2 || strcmp(args.rest[0], "--interface") != 0) {
        fputs(USAGE, stderr);
        return 2;
    }
    interface = args.rest[1];

    session = service_args_open(&args, "firewall");
    jet_service_generation(session, JET_SERVICE_AUTHENTICATION, &login);
    printf("logged in as %s (client %s, %s login)\n", args.options.user ? args.options.user : "(none)",
           jet_service_client_id(session), service_generation_name(login));

    status = jet_firewall_filter_add(session, FILTER_JSON, 0);
    if (status != JET_STATUS_OK) {
        give_up(session, "add filter", status, 0, 0, interface);
    }
    printf("added filter %s (%s API)\n", FILTER_NAME, firewall_generation(session));

    status = jet_firewall_filter_bind(session, FILTER_NAME, JET_FAMILY_INET, interface, JET_DIRECTION_INPUT, 0);
    if (status != JET_STATUS_OK) {
        give_up(session, "bind filter", status, 1, 0, interface);
    }
    printf("bound %s to %s input\n", FILTER_NAME, interface);

    status = jet_firewall_counter_get(session, FILTER_NAME, "icmp-count", 0, &counter);
    if (status != JET_STATUS_OK) {
        give_up(session, "read counter", status, 1, 1, interface);
    }
    printf("counter icmp-count: %" PRIu64 " packets, %" PRIu64 " bytes\n", counter.packets, counter.bytes);

    status = jet_firewall_filter_unbind(session, FILTER_NAME, JET_FAMILY_INET, interface, JET_DIRECTION_INPUT, 0);
    if (status != JET_STATUS_OK) {
        give_up(session, "unbind filter", status, 1, 0, interface);
    }
    printf("unbound %s from %s\n", FILTER_NAME, interface);

    status = jet_firewall_filter_delete(session, FILTER_NAME, JET_FAMILY_INET, 0);
    if (status != JET_STATUS_OK) {
        give_up(session, "delete filter", status, 0, 0, interface);
    }
    printf("deleted filter %s\n", FILTER_NAME);

    jet_service_close(session);
    jet_shutdown();
    return 0;
}
