/*
 * Command-line options shared by libjet's service examples:
 *   --device HOST --port N --user U --password P [--client-id ID]
 *   [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
 */
#ifndef JET_EXAMPLE_SERVICE_ARGS_H
#define JET_EXAMPLE_SERVICE_ARGS_H

#include "jet.h"

/* Options parsed so far; `rest` holds the arguments that are not options. */
typedef struct {
    jet_service_options_t options;
    const char *rest[16];
    int rest_count;
} service_args_t;

/* Parses argv into `args`. Prints a message and exits 2 on a usage error. */
void service_args_parse(service_args_t *args, int argc, char **argv, const char *usage);

/* Opens the session described by `args`, or exits 1 with the error on stderr. */
jet_service_t *service_args_open(const service_args_t *args, const char *program);

/* Prints "<program>: <what>: <status name>: <message>" on stderr and exits 1. */
void service_fail(const char *program, const char *what, jet_status_t status);

/* "jnx", "legacy" or "unknown" for a JET_GENERATION_* value. */
const char *service_generation_name(jet_generation_t generation);

#endif
