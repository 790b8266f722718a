/*
 * interfaces: adds or deletes an address on a logical interface of a Junos
 * device through libjet's JET services.
 *
 *   interfaces --device HOST --port N --user U --password P [--client-id ID]
 *              [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
 *              --add|--delete IFL FAMILY ADDRESS/LEN
 *
 * IFL is e.g. ge-0/0/0.0; FAMILY is inet or inet6. Prints one line saying
 * what was done and which IDL generation the device spoke; errors go to
 * stderr with a non-zero exit.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jet.h"
#include "service_args.h"

static const char USAGE[] =
    "usage: interfaces --device HOST --port N --user U --password P [--client-id ID]\n"
    "                  [--ca FILE] [--clear-text] [--api auto|jnx|legacy]\n"
    "                  --add|--delete IFL FAMILY ADDRESS/LEN\n"
    "example: interfaces --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n"
    "                    --add ge-0/0/0.0 inet 192.0.2.1/24\n";

/* Splits "ge-0/0/0.0" into "ge-0/0/0" (written to `ifd`) and unit 0. */
static int split_ifl(const char *ifl, char *ifd, size_t ifd_size, uint32_t *unit)
{
    const char *dot = strrchr(ifl, '.');
    char *end = NULL;
    unsigned long value;
    size_t length;
    if (dot == NULL || dot == ifl || dot[1] == '\0') {
        return 0;
    }
    value = strtoul(dot + 1, &end, 10);
    length = (size_t)(dot - ifl);
    if (*end != '\0' || value > 0xffffffffUL || length >= ifd_size) {
        return 0;
    }
    memcpy(ifd, ifl, length);
    ifd[length] = '\0';
    *unit = (uint32_t)value;
    return 1;
}

int main(int argc, char **argv)
{
    service_args_t args;
    jet_service_t *session;
    jet_status_t status;
    jet_generation_t generation = JET_GENERATION_UNKNOWN;
    jet_family_t family;
    char ifd[256];
    uint32_t unit = 0;
    int add;

    service_args_parse(&args, argc, argv, USAGE);
    if (args.rest_count != 4 || (strcmp(args.rest[0], "--add") != 0 && strcmp(args.rest[0], "--delete") != 0)) {
        fputs(USAGE, stderr);
        return 2;
    }
    add = strcmp(args.rest[0], "--add") == 0;
    if (!split_ifl(args.rest[1], ifd, sizeof ifd, &unit)) {
        fprintf(stderr, "interfaces: '%s' is not a logical interface such as ge-0/0/0.0\n", args.rest[1]);
        return 2;
    }
    if (strcmp(args.rest[2], "inet") == 0) {
        family = JET_FAMILY_INET;
    } else if (strcmp(args.rest[2], "inet6") == 0) {
        family = JET_FAMILY_INET6;
    } else {
        fprintf(stderr, "interfaces: family must be inet or inet6, not '%s'\n", args.rest[2]);
        return 2;
    }

    session = service_args_open(&args, "interfaces");
    if (add) {
        status = jet_interface_address_add(session, ifd, unit, family, args.rest[3], 0);
    } else {
        status = jet_interface_address_delete(session, ifd, unit, family, args.rest[3], 0);
    }
    if (status != JET_STATUS_OK) {
        jet_service_close(session);
        service_fail("interfaces", add ? "add address" : "delete address", status);
    }
    jet_service_generation(session, JET_SERVICE_INTERFACES, &generation);
    printf("%s %s %s on %s (%s API)\n", add ? "added" : "deleted", args.rest[2], args.rest[3], args.rest[1],
           service_generation_name(generation));
    jet_service_close(session);
    jet_shutdown();
    return 0;
}
