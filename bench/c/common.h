/*
 * What the benchmark programs of bench/c share: the command line, the
 * monotonic clock, the JSON object each program prints at the end, latency
 * quantiles and the `ready` line. bench/README.md is the contract.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses of bench/README.md (1 is a library or connection error). */
#define EXIT_DONE 0
#define EXIT_FAILED 1
#define EXIT_USAGE 2
#define EXIT_SHORT 3

/* ---- command line ---- */

/* The kind of value an option takes. */
typedef enum { OPT_STRING, OPT_LONG, OPT_FLAG } opt_kind_t;

/* One option: "--name", where its value goes and, for OPT_LONG, its range. */
typedef struct {
    const char *name;
    opt_kind_t kind;
    void *target; /* const char **, long * or int * (set to 1) */
    long min, max;
} opt_t;

/* Parses argv against `opts`; prints `usage` and exits 2 on a mistake or --help. */
void parse_options(int argc, char **argv, const opt_t *opts, size_t count, const char *usage);

/* Prints "<program>: <problem>" and `usage` on stderr, then exits 2. */
void usage_error(const char *problem, const char *usage);

/* The program's name for messages (set by parse_options). */
const char *program_name(void);

/* The arguments every subscriber takes (bench/README.md, "Subscribers"). */
typedef struct {
    const char *host;
    long port;
    const char *topic;
    long qos;
    long count;
    const char *client_id; /* NULL: none */
    int persistent;        /* clean_session = 0 */
    int latency;           /* measure publish -> delivery */
    long idle_timeout_ms;
    const char *mode; /* jet_sub only: "callback" or "pull" */
} sub_args_t;

/* Parses a subscriber's command line; `with_mode` accepts --mode (jet_sub). */
void sub_args_parse(sub_args_t *args, int argc, char **argv, int with_mode);

/* ---- time ---- */

/* CLOCK_MONOTONIC in ns. */
int64_t now_ns(void);

/* ---- output ---- */

/* Prints the line "ready" on stdout and flushes it. */
void print_ready(void);

/* Starts the JSON object printed at the end. */
void json_begin(void);

/* Adds an integer member. */
void json_int(const char *name, int64_t value);

/* Adds a number member with `decimals` digits after the point (null if not finite). */
void json_num(const char *name, double value, int decimals);

/* Ends the object and its line, and flushes stdout. */
void json_end(void);

/* ---- latency ---- */

/* Latencies in ns, one per message, kept in memory allocated once. */
typedef struct {
    int64_t *ns;
    size_t count, capacity;
} latencies_t;

/* Allocates room for `capacity` latencies (exits 1 when out of memory). */
void latencies_init(latencies_t *lat, size_t capacity);

/* Records one latency; ignored when full. */
static inline void latencies_add(latencies_t *lat, int64_t ns)
{
    if (lat->count < lat->capacity)
        lat->ns[lat->count++] = ns;
}

/* Releases the memory. */
void latencies_free(latencies_t *lat);

/* Sorts the latencies in place, smallest first. */
void latencies_sort(latencies_t *lat);

/* Sorts the latencies and adds p50_us, p99_us, p999_us, max_us and
 * quantiles_us (201 values at 0%, 0.5% ... 100%, nearest rank) to the JSON. */
void json_latencies(latencies_t *lat);

/* The value at nearest rank ceil(num/den * n) of `sorted` (n > 0), in µs. */
double quantile_us(const int64_t *sorted, size_t n, uint64_t num, uint64_t den);

/* ---- counting ---- */

/* What every subscriber counts. The receiving thread alone writes it (with
 * tally_wants and tally_count); other threads read `received` and `last_ns`. */
typedef struct {
    uint64_t count; /* --count */
    latencies_t latencies;
    uint64_t check_failures;
    int64_t first_ns;
    _Atomic int64_t last_ns;   /* 0 until the first message */
    _Atomic uint64_t received; /* at most `count` */
} tally_t;

/* Sets up `t` for `args` (room for --count latencies with --latency). */
void tally_init(tally_t *t, const sub_args_t *args);

/* Whether a message arriving now is one of the first --count. */
static inline int tally_wants(const tally_t *t)
{
    return atomic_load_explicit(&t->received, memory_order_relaxed) < t->count;
}

/* Counts a message that arrived at `now` (after tally_wants said yes); `ok`
 * is 0 when one of its checks failed. Returns 1 when it was the last of --count. */
int tally_count(tally_t *t, int64_t now, int ok);

/* Whether all --count messages came. */
int tally_complete(const tally_t *t);

/* Adds received, the latency quantiles (`latency`) or the throughput, and
 * check_failures to the JSON. */
void json_tally(tally_t *t, int latency);

/* Releases what tally_init allocated. */
void tally_free(tally_t *t);

/* Initialises `cond` so that timed waits on it count CLOCK_MONOTONIC time. */
void cond_init_monotonic(pthread_cond_t *cond);

/* ---- libjet (only for the programs that include jet.h first) ---- */
#ifdef JET_H
#include <stdio.h>
#include <stdlib.h>

/* When `status` is not OK: prints what failed and libjet's message, shuts libjet down and exits 1. */
static inline void jet_check(jet_status_t status, const char *what)
{
    if (status == JET_STATUS_OK)
        return;
    fprintf(stderr, "%s: %s: %s: %s\n", program_name(), what, jet_status_str(status),
            jet_last_error_message());
    jet_shutdown();
    exit(EXIT_FAILED);
}
#endif

#endif
