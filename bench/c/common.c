/*
 * The shared part of the benchmark programs: option parsing, the clock,
 * the final JSON object and latency quantiles (see common.h).
 */
#include "common.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *program = "bench";

/* ---- command line ---- */

const char *program_name(void)
{
    return program;
}

void usage_error(const char *problem, const char *usage)
{
    fprintf(stderr, "%s: %s\n%s", program, problem, usage);
    exit(EXIT_USAGE);
}

/* The last part of `path`, after its last slash. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The whole of `text` as a number from `min` to `max`, or a usage error. */
static long parse_long(const char *name, const char *text, long min, long max, const char *usage)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        char problem[200];
        snprintf(problem, sizeof problem, "%s: %s is not a number from %ld to %ld", name, text,
                 min, max);
        usage_error(problem, usage);
    }
    return value;
}

/* The option of `opts` called `name`, or NULL. */
static const opt_t *find_option(const opt_t *opts, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(opts[i].name, name) == 0)
            return &opts[i];
    return NULL;
}

void parse_options(int argc, char **argv, const opt_t *opts, size_t count, const char *usage)
{
    if (argc > 0 && argv[0] != NULL)
        program = base_name(argv[0]);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stderr);
            exit(EXIT_USAGE);
        }
        const opt_t *opt = find_option(opts, count, argv[i]);
        if (opt == NULL) {
            char problem[200];
            snprintf(problem, sizeof problem, "unknown argument %s", argv[i]);
            usage_error(problem, usage);
        }
        if (opt->kind == OPT_FLAG) {
            *(int *)opt->target = 1;
            continue;
        }
        if (i + 1 >= argc) {
            char problem[200];
            snprintf(problem, sizeof problem, "%s needs a value", opt->name);
            usage_error(problem, usage);
        }
        const char *value = argv[++i];
        if (opt->kind == OPT_STRING)
            *(const char **)opt->target = value;
        else
            *(long *)opt->target = parse_long(opt->name, value, opt->min, opt->max, usage);
    }
}

static const char SUB_USAGE[] =
    "usage: %s --host H --port P --topic FILTER --qos 0|1 --count N\n"
    "       [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS]%s\n"
    "Receives N messages and prints one JSON object (bench/README.md).\n";

void sub_args_parse(sub_args_t *args, int argc, char **argv, int with_mode)
{
    *args = (sub_args_t){.host = "127.0.0.1", .port = 1883, .qos = 0, .count = -1,
                         .idle_timeout_ms = 10000, .mode = "callback"};
    const opt_t opts[] = {
        {"--host", OPT_STRING, &args->host, 0, 0},
        {"--port", OPT_LONG, &args->port, 1, 65535},
        {"--topic", OPT_STRING, &args->topic, 0, 0},
        {"--qos", OPT_LONG, &args->qos, 0, 1},
        {"--count", OPT_LONG, &args->count, 1, 1000000000L},
        {"--client-id", OPT_STRING, &args->client_id, 0, 0},
        {"--persistent", OPT_FLAG, &args->persistent, 0, 0},
        {"--latency", OPT_FLAG, &args->latency, 0, 0},
        {"--idle-timeout-ms", OPT_LONG, &args->idle_timeout_ms, 1, 86400000L},
        {"--mode", OPT_STRING, &args->mode, 0, 0},
    };
    char usage[400];
    snprintf(usage, sizeof usage, SUB_USAGE, argc > 0 ? base_name(argv[0]) : "sub",
             with_mode ? " [--mode callback|pull|inline]" : "");
    size_t count = sizeof opts / sizeof opts[0] - (with_mode ? 0 : 1);
    parse_options(argc, argv, opts, count, usage);
    if (args->topic == NULL)
        usage_error("--topic is required", usage);
    if (args->count < 0)
        usage_error("--count is required", usage);
    if (args->persistent && args->client_id == NULL)
        usage_error("--persistent needs --client-id", usage);
    if (strcmp(args->mode, "callback") != 0 && strcmp(args->mode, "pull") != 0 &&
        strcmp(args->mode, "inline") != 0)
        usage_error("--mode is callback, pull or inline", usage);
}

/* ---- time ---- */

int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* ---- output ---- */

static int json_members; /* members written so far in the current object */

void print_ready(void)
{
    fputs("ready\n", stdout);
    fflush(stdout);
}

void json_begin(void)
{
    json_members = 0;
    fputc('{', stdout);
}

/* Writes the separator and the quoted name of the next member. */
static void json_name(const char *name)
{
    printf("%s\"%s\": ", json_members++ ? ", " : "", name);
}

void json_int(const char *name, int64_t value)
{
    json_name(name);
    printf("%lld", (long long)value);
}

/* Writes a number, or null when it is not finite. */
static void json_value(double value, int decimals)
{
    if (isfinite(value))
        printf("%.*f", decimals, value);
    else
        fputs("null", stdout);
}

void json_num(const char *name, double value, int decimals)
{
    json_name(name);
    json_value(value, decimals);
}

void json_end(void)
{
    fputs("}\n", stdout);
    fflush(stdout);
}


/* ---- latency ---- */

void latencies_init(latencies_t *lat, size_t capacity)
{
    lat->count = 0;
    lat->capacity = capacity;
    lat->ns = calloc(capacity ? capacity : 1, sizeof *lat->ns);
    if (lat->ns == NULL) {
        fprintf(stderr, "%s: out of memory for %zu latencies\n", program, capacity);
        exit(EXIT_FAILED);
    }
}

void latencies_free(latencies_t *lat)
{
    free(lat->ns);
    lat->ns = NULL;
    lat->count = lat->capacity = 0;
}

/* qsort order of two int64_t. */
static int compare_ns(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void latencies_sort(latencies_t *lat)
{
    qsort(lat->ns, lat->count, sizeof *lat->ns, compare_ns);
}

double quantile_us(const int64_t *sorted, size_t n, uint64_t num, uint64_t den)
{
    uint64_t rank = (num * (uint64_t)n + den - 1) / den; /* ceil(num/den * n) */
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return (double)sorted[rank - 1] / 1000.0;
}

void json_latencies(latencies_t *lat)
{
    size_t n = lat->count;
    latencies_sort(lat);
    double none = NAN; /* printed as null when there is no message */
    json_num("p50_us", n ? quantile_us(lat->ns, n, 50, 100) : none, 3);
    json_num("p99_us", n ? quantile_us(lat->ns, n, 99, 100) : none, 3);
    json_num("p999_us", n ? quantile_us(lat->ns, n, 999, 1000) : none, 3);
    json_num("max_us", n ? quantile_us(lat->ns, n, 1, 1) : none, 3);
    json_name("quantiles_us");
    fputc('[', stdout);
    for (unsigned i = 0; n > 0 && i <= 200; i++) {
        if (i > 0)
            fputs(", ", stdout);
        json_value(quantile_us(lat->ns, n, i, 200), 3);
    }
    fputc(']', stdout);
}

/* ---- counting ---- */

void tally_init(tally_t *t, const sub_args_t *args)
{
    t->count = (uint64_t)args->count;
    latencies_init(&t->latencies, args->latency ? (size_t)args->count : 0);
    t->check_failures = 0;
    t->first_ns = 0;
    atomic_init(&t->last_ns, 0);
    atomic_init(&t->received, 0);
}

int tally_count(tally_t *t, int64_t now, int ok)
{
    uint64_t n = atomic_load_explicit(&t->received, memory_order_relaxed);
    t->check_failures += !ok;
    if (n == 0)
        t->first_ns = now;
    atomic_store_explicit(&t->last_ns, now, memory_order_relaxed);
    /* Release: a thread that sees the count sees what came with it. */
    atomic_store_explicit(&t->received, n + 1, memory_order_release);
    return n + 1 == t->count;
}

int tally_complete(const tally_t *t)
{
    return atomic_load(&t->received) >= t->count;
}

void json_tally(tally_t *t, int latency)
{
    uint64_t received = atomic_load(&t->received);
    json_int("received", (int64_t)received);
    if (latency) {
        json_latencies(&t->latencies);
    } else {
        double seconds =
            received > 0 ? (double)(atomic_load(&t->last_ns) - t->first_ns) / 1e9 : 0.0;
        json_num("seconds", seconds, 6);
        json_num("rate", seconds > 0 ? (double)received / seconds : 0.0, 1);
    }
    json_int("check_failures", (int64_t)t->check_failures);
}

void tally_free(tally_t *t)
{
    latencies_free(&t->latencies);
}

/* Initialises `cond` so that timed waits on it count CLOCK_MONOTONIC time. */
void cond_init_monotonic(pthread_cond_t *cond)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(cond, &attr);
    pthread_condattr_destroy(&attr);
}
