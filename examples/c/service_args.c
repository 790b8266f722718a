/* Command-line options shared by libjet's service examples. */
#define _POSIX_C_SOURCE 200809L

#include "service_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage_error(const char *usage, const char *message, const char *argument)
{
    fprintf(stderr, "%s %s\n%s", message, argument, usage);
    exit(2);
}

static const char *value_of(int argc, char **argv, int *i, const char *usage)
{
    if (*i + 1 >= argc) {
        usage_error(usage, "missing value after", argv[*i]);
    }
    *i += 1;
    return argv[*i];
}

static jet_api_t parse_api(const char *text, const char *usage)
{
    if (strcmp(text, "auto") == 0) {
        return JET_API_AUTO;
    }
    if (strcmp(text, "jnx") == 0) {
        return JET_API_JNX;
    }
    if (strcmp(text, "legacy") == 0) {
        return JET_API_LEGACY;
    }
    usage_error(usage, "--api takes auto, jnx or legacy, not", text);
    return JET_API_AUTO;
}

static uint16_t parse_port(const char *text, const char *usage)
{
    char *end = NULL;
    long port = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || port < 1 || port > 65535) {
        usage_error(usage, "--port takes 1 to 65535, not", text);
    }
    return (uint16_t)port;
}

void service_args_parse(service_args_t *args, int argc, char **argv, const char *usage)
{
    int i;
    memset(args, 0, sizeof *args);
    jet_service_options_default(&args->options);
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(arg, "--device") == 0) {
            args->options.device = value_of(argc, argv, &i, usage);
        } else if (strcmp(arg, "--port") == 0) {
            args->options.port = parse_port(value_of(argc, argv, &i, usage), usage);
        } else if (strcmp(arg, "--user") == 0) {
            args->options.user = value_of(argc, argv, &i, usage);
        } else if (strcmp(arg, "--password") == 0) {
            args->options.password = value_of(argc, argv, &i, usage);
        } else if (strcmp(arg, "--client-id") == 0) {
            args->options.client_id = value_of(argc, argv, &i, usage);
        } else if (strcmp(arg, "--ca") == 0) {
            args->options.tls_ca_file = value_of(argc, argv, &i, usage);
        } else if (strcmp(arg, "--clear-text") == 0) {
            args->options.clear_text = 1;
        } else if (strcmp(arg, "--api") == 0) {
            args->options.api = parse_api(value_of(argc, argv, &i, usage), usage);
        } else if (arg[0] == '-' && arg[1] == '-' && args->rest_count < 16) {
            /* An option of the example itself: keep it with its place. */
            args->rest[args->rest_count++] = arg;
        } else if (args->rest_count < 16) {
            args->rest[args->rest_count++] = arg;
        } else {
            usage_error(usage, "too many arguments at", arg);
        }
    }
    if (args->options.password != NULL && args->options.user == NULL) {
        usage_error(usage, "--password needs", "--user");
    }
}

void service_fail(const char *program, const char *what, jet_status_t status)
{
    fprintf(stderr, "%s: %s: %s: %s\n", program, what, jet_status_str(status), jet_last_error_message());
    /* jet.h: call jet_shutdown() before the process exits. */
    jet_shutdown();
    exit(1);
}

jet_service_t *service_args_open(const service_args_t *args, const char *program)
{
    jet_service_t *session = NULL;
    jet_status_t status = jet_service_open(&args->options, &session);
    if (status != JET_STATUS_OK) {
        service_fail(program, "login", status);
    }
    return session;
}

const char *service_generation_name(jet_generation_t generation)
{
    switch (generation) {
    case JET_GENERATION_JNX:
        return "jnx";
    case JET_GENERATION_LEGACY:
        return "legacy";
    default:
        return "unknown";
    }
}
