/*
 * jet_calls: JET service calls through libjet's C ABI (bench/README.md,
 * "Service calls").
 *
 *   jet_calls --host H --port P --user U --password W
 *             --case counter-get --calls N [--threads T]
 *   jet_calls ... --case filter-1000 [--terms N]
 *
 * counter-get adds a filter with one counter, then T threads sharing one
 * jet_service_t read it N times in total; each call is timed with
 * CLOCK_MONOTONIC. filter-1000 adds one filter of N counting terms, then
 * reads all its counters with jet_firewall_counters_get. Both delete their
 * filter at the end. The session is clear text.
 */
#include "jet.h"

#include "common.h"

#include <pthread.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* CPU time (user + system) of the whole process so far, libjet's threads
 * included: what the calls cost the client, whatever the server takes. */
static double cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static const char USAGE[] =
    "usage: jet_calls --host H --port P --user U --password W\n"
    "                 --case counter-get --calls N [--threads T]\n"
    "                 --case filter-1000 [--terms N]\n"
    "Times JET service calls through libjet and prints one JSON object.\n";

/* What the command line asks for. */
struct settings {
    const char *host, *user, *password, *which;
    long port, calls, threads, terms;
};

/* One counter-get caller: its share of the calls and what it measured. */
struct worker {
    pthread_t thread;
    jet_service_t *session;
    const char *filter;
    long calls;
    int64_t *latency_ns; /* `calls` entries, a slice of the shared array */
    long errors;
    int64_t start_ns, end_ns;
};

/* Opens the clear-text service session of `s`. */
static jet_service_t *open_session(const struct settings *s)
{
    jet_service_options_t options;
    jet_check(jet_service_options_default(&options), "jet_service_options_default");
    options.device = s->host;
    options.port = (uint16_t)s->port;
    options.user = s->user;
    options.password = s->password;
    options.clear_text = 1;
    /* The jnx generation, as grpc_calls.py speaks it (jnx Login, jnx firewall). */
    options.api = JET_API_JNX;
    jet_service_t *session = NULL;
    jet_check(jet_service_open(&options, &session), "jet_service_open");
    return session;
}

/* A counter-get caller's thread: its calls, each timed. */
static void *call_counters(void *arg)
{
    struct worker *w = arg;
    w->start_ns = now_ns();
    for (long i = 0; i < w->calls; i++) {
        jet_counter_t counter;
        int64_t before = now_ns();
        jet_status_t status = jet_firewall_counter_get(w->session, w->filter, "c0", 0, &counter);
        w->latency_ns[i] = now_ns() - before;
        if (status != JET_STATUS_OK && w->errors++ == 0)
            fprintf(stderr, "%s: jet_firewall_counter_get: %s: %s\n", program_name(),
                    jet_status_str(status), jet_last_error_message());
    }
    w->end_ns = now_ns();
    return NULL;
}

/* --case counter-get. Returns the exit status. */
static int counter_get(jet_service_t *session, const struct settings *s)
{
    char filter[64], json[256];
    snprintf(filter, sizeof filter, "bench-cg-%ld", (long)getpid());
    snprintf(json, sizeof json,
             "{\"name\": \"%s\", \"family\": \"inet\", \"terms\": [{\"name\": \"t0\", "
             "\"matches\": {\"protocols\": [\"icmp\"]}, \"actions\": {\"count\": \"c0\", "
             "\"accept\": true}}]}",
             filter);
    jet_check(jet_firewall_filter_add(session, json, 0), "jet_firewall_filter_add");

    latencies_t lat;
    latencies_init(&lat, (size_t)s->calls);
    lat.count = (size_t)s->calls;
    struct worker *workers = calloc((size_t)s->threads, sizeof *workers);
    if (workers == NULL)
        jet_check(JET_STATUS_INTERNAL, "out of memory");
    double cpu_before = cpu_seconds();
    long offset = 0;
    for (long t = 0; t < s->threads; t++) {
        struct worker *w = &workers[t];
        *w = (struct worker){.session = session, .filter = filter,
                             .calls = s->calls / s->threads + (t < s->calls % s->threads),
                             .latency_ns = lat.ns + offset};
        offset += w->calls;
        if (pthread_create(&w->thread, NULL, call_counters, w) != 0)
            jet_check(JET_STATUS_INTERNAL, "pthread_create");
    }
    long errors = 0;
    int64_t start = INT64_MAX, end = 0;
    for (long t = 0; t < s->threads; t++) {
        pthread_join(workers[t].thread, NULL);
        errors += workers[t].errors;
        start = workers[t].start_ns < start ? workers[t].start_ns : start;
        end = workers[t].end_ns > end ? workers[t].end_ns : end;
    }
    double cpu = cpu_seconds() - cpu_before;
    free(workers);
    jet_check(jet_firewall_filter_delete(session, filter, JET_FAMILY_INET, 0),
              "jet_firewall_filter_delete");

    double seconds = (double)(end - start) / 1e9;
    latencies_sort(&lat);
    json_begin();
    json_int("calls", s->calls);
    json_num("seconds", seconds, 6);
    json_num("calls_per_s", seconds > 0 ? (double)s->calls / seconds : 0.0, 1);
    json_num("p50_us", quantile_us(lat.ns, lat.count, 50, 100), 3);
    json_num("p99_us", quantile_us(lat.ns, lat.count, 99, 100), 3);
    json_int("errors", errors);
    json_num("cpu_us_per_call", cpu * 1e6 / (double)s->calls, 2);
    json_end();
    latencies_free(&lat);
    return errors == 0 ? EXIT_DONE : EXIT_FAILED;
}

/* The filter of --case filter-1000 as JSON: term t<i> matches TCP
 * destination port i+1 and counts into c<i>. Free it with free(). */
static char *big_filter_json(const char *name, long terms)
{
    size_t size = 128 + (size_t)terms * 160;
    char *json = malloc(size);
    if (json == NULL)
        jet_check(JET_STATUS_INTERNAL, "out of memory");
    size_t len = (size_t)snprintf(json, size, "{\"name\": \"%s\", \"family\": \"inet\", \"terms\": [",
                                  name);
    for (long i = 0; i < terms; i++)
        len += (size_t)snprintf(json + len, size - len,
                                "%s{\"name\": \"t%ld\", \"matches\": {\"protocols\": [\"tcp\"], "
                                "\"destination-ports\": [%ld]}, \"actions\": {\"count\": "
                                "\"c%ld\", \"accept\": true}}",
                                i ? ", " : "", i, i + 1, i);
    snprintf(json + len, size - len, "]}");
    return json;
}

/* The number of elements of the JSON array `json` (strings are skipped). */
static long json_array_length(const char *json)
{
    long elements = 0;
    int depth = 0, in_string = 0, pending = 0;
    for (const char *p = json; *p; p++) {
        if (in_string) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                in_string = 0;
            continue;
        }
        if (depth == 1 && pending && !strchr(" \t\r\n]", *p)) {
            elements++;
            pending = 0;
        }
        if (*p == '"')
            in_string = 1;
        else if (*p == '[' || *p == '{')
            pending = (++depth == 1);
        else if (*p == ']' || *p == '}')
            depth--;
        else if (*p == ',' && depth == 1)
            pending = 1;
    }
    return elements;
}

/* --case filter-1000. Returns the exit status. */
static int big_filter(jet_service_t *session, const struct settings *s)
{
    char filter[64];
    snprintf(filter, sizeof filter, "bench-f%ld-%ld", s->terms, (long)getpid());
    char *json = big_filter_json(filter, s->terms);
    int64_t t0 = now_ns();
    jet_check(jet_firewall_filter_add(session, json, 0), "jet_firewall_filter_add");
    int64_t t1 = now_ns();
    free(json);

    char *counters = NULL;
    int64_t t2 = now_ns();
    jet_check(jet_firewall_counters_get(session, filter, 0, &counters), "jet_firewall_counters_get");
    int64_t t3 = now_ns();
    long count = json_array_length(counters);
    jet_string_free(counters);
    jet_check(jet_firewall_filter_delete(session, filter, JET_FAMILY_INET, 0),
              "jet_firewall_filter_delete");

    json_begin();
    json_int("terms", s->terms);
    json_num("add_ms", (double)(t1 - t0) / 1e6, 3);
    json_num("counters_ms", (double)(t3 - t2) / 1e6, 3);
    json_int("counters", count);
    json_end();
    if (count != s->terms)
        fprintf(stderr, "%s: %ld counters for %ld terms\n", program_name(), count, s->terms);
    return count == s->terms ? EXIT_DONE : EXIT_FAILED;
}

int main(int argc, char **argv)
{
    struct settings s = {.host = "127.0.0.1", .port = 32767, .calls = 10000, .threads = 1,
                         .terms = 1000};
    const opt_t opts[] = {
        {"--host", OPT_STRING, &s.host, 0, 0},
        {"--port", OPT_LONG, &s.port, 1, 65535},
        {"--user", OPT_STRING, &s.user, 0, 0},
        {"--password", OPT_STRING, &s.password, 0, 0},
        {"--case", OPT_STRING, &s.which, 0, 0},
        {"--calls", OPT_LONG, &s.calls, 1, 100000000L},
        {"--threads", OPT_LONG, &s.threads, 1, 1024},
        {"--terms", OPT_LONG, &s.terms, 1, 65535},
    };
    parse_options(argc, argv, opts, sizeof opts / sizeof opts[0], USAGE);
    int counter_case = s.which && strcmp(s.which, "counter-get") == 0;
    if (!counter_case && !(s.which && strcmp(s.which, "filter-1000") == 0))
        usage_error("--case is counter-get or filter-1000", USAGE);
    if (s.threads > s.calls)
        usage_error("--threads must not exceed --calls", USAGE);

    jet_service_t *session = open_session(&s);
    fprintf(stderr, "%s: connected to %s:%ld as %s\n", program_name(), s.host, s.port,
            jet_service_client_id(session));
    int status = counter_case ? counter_get(session, &s) : big_filter(session, &s);
    jet_service_close(session);
    jet_check(jet_shutdown(), "jet_shutdown");
    return status;
}
