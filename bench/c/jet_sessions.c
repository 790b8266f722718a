/*
 * jet_sessions: the cost of many libjet notification sessions
 * (bench/README.md, "Many sessions").
 *
 *   jet_sessions --host H --port P --sessions N --topic FILTER
 *
 * It opens N sessions one after another, each subscribed to FILTER with a
 * callback that marks its session as reached, and prints `ready`. It then
 * waits up to 30 s until every session has received a message. Memory and
 * threads come from /proc/self/status (VmRSS, Threads) before the first
 * session, after it and after the last one.
 */
#include "jet.h"

#include "common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define WAIT_NS (30 * 1000000000LL)

static const char USAGE[] =
    "usage: jet_sessions --host H --port P --sessions N --topic FILTER\n"
    "Opens N notification sessions, waits until each received a message,\n"
    "and prints one JSON object with memory and thread counts.\n";

/* One session and whether a message reached it. */
struct slot {
    jet_notification_t *session;
    atomic_int reached;
};

/* What the callbacks and the main thread share. */
static struct {
    atomic_long reached; /* sessions reached so far */
    long total;
    pthread_mutex_t lock;
    pthread_cond_t changed;
} shared = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Memory and threads of this process at one moment. */
struct usage {
    long rss_kib, threads;
};

/* Marks the callback's session as reached; wakes main when all are. */
static void on_event(const jet_event_t *event, void *user_data)
{
    struct slot *slot = user_data;
    (void)event;
    if (atomic_exchange(&slot->reached, 1) != 0)
        return;
    if (atomic_fetch_add(&shared.reached, 1) + 1 == shared.total) {
        pthread_mutex_lock(&shared.lock);
        pthread_cond_signal(&shared.changed);
        pthread_mutex_unlock(&shared.lock);
    }
}

/* VmRSS (KiB) and Threads from /proc/self/status. */
static struct usage read_usage(void)
{
    struct usage u = {-1, -1};
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return u;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0)
            u.rss_kib = strtol(line + 6, NULL, 10);
        else if (strncmp(line, "Threads:", 8) == 0)
            u.threads = strtol(line + 8, NULL, 10);
    }
    fclose(f);
    return u;
}

/* Raises the soft limit of open files to the hard limit. */
static void raise_file_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            perror("setrlimit(RLIMIT_NOFILE)");
    }
}

/* Opens one session and subscribes it to `topic` for `slot`. */
static void open_slot(struct slot *slot, const char *host, long port, const char *topic)
{
    jet_notification_options_t options;
    jet_check(jet_notification_options_default(&options), "jet_notification_options_default");
    options.device = host;
    options.port = (uint16_t)port;
    options.keepalive_s = 60;
    jet_check(jet_notification_open(&options, &slot->session), "jet_notification_open");
    uint64_t id = 0;
    jet_check(jet_notification_subscribe(slot->session, topic, on_event, slot, NULL, &id),
              "jet_notification_subscribe");
}

/* Waits until every session was reached or 30 s passed. */
static void wait_reached(void)
{
    int64_t deadline = now_ns() + WAIT_NS;
    struct timespec until = {deadline / 1000000000, deadline % 1000000000};
    pthread_mutex_lock(&shared.lock);
    while (atomic_load(&shared.reached) < shared.total)
        if (pthread_cond_timedwait(&shared.changed, &shared.lock, &until) != 0 &&
            now_ns() >= deadline)
            break;
    pthread_mutex_unlock(&shared.lock);
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *topic = NULL;
    long port = 1883, sessions = -1;
    const opt_t opts[] = {
        {"--host", OPT_STRING, &host, 0, 0},
        {"--port", OPT_LONG, &port, 1, 65535},
        {"--sessions", OPT_LONG, &sessions, 1, 1000000L},
        {"--topic", OPT_STRING, &topic, 0, 0},
    };
    parse_options(argc, argv, opts, sizeof opts / sizeof opts[0], USAGE);
    if (topic == NULL || sessions < 0)
        usage_error("--sessions and --topic are required", USAGE);

    raise_file_limit();
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&shared.changed, &attr);
    pthread_condattr_destroy(&attr);
    shared.total = sessions;
    struct slot *slots = calloc((size_t)sessions, sizeof *slots);
    if (slots == NULL)
        jet_check(JET_STATUS_INTERNAL, "out of memory");

    struct usage before = read_usage(), one = before;
    int64_t start = now_ns();
    for (long i = 0; i < sessions; i++) {
        open_slot(&slots[i], host, port, topic);
        if (i == 0)
            one = read_usage();
    }
    double open_seconds = (double)(now_ns() - start) / 1e9;
    struct usage after = read_usage();
    fprintf(stderr, "%s: %ld sessions open in %.3f s\n", program_name(), sessions, open_seconds);
    print_ready();
    wait_reached();
    long reached = atomic_load(&shared.reached);

    json_begin();
    json_int("sessions", sessions);
    json_num("open_seconds", open_seconds, 6);
    json_int("received_by", reached);
    json_int("rss_before_kib", before.rss_kib);
    json_int("rss_one_kib", one.rss_kib);
    json_int("rss_after_kib", after.rss_kib);
    json_num("rss_per_session_kib",
             sessions > 1 ? (double)(after.rss_kib - one.rss_kib) / (double)(sessions - 1) : 0.0,
             3);
    json_int("threads_before", before.threads);
    json_int("threads_one", one.threads);
    json_int("threads_after", after.threads);
    json_end();

    for (long i = 0; i < sessions; i++)
        jet_notification_close(slots[i].session);
    free(slots);
    jet_check(jet_shutdown(), "jet_shutdown");
    pthread_cond_destroy(&shared.changed);
    return reached == sessions ? EXIT_DONE : EXIT_SHORT;
}
