/*
 * handoff: what waking one idle thread from another costs on this machine,
 * the step libjet's default delivery adds to libmosquitto's (its network
 * task hands each read's events to a dispatcher thread that sleeps on a
 * condition variable when idle).
 *
 * The main thread sleeps until each due time of a paced stream (--rate per
 * second), then stamps CLOCK_MONOTONIC, bumps a sequence number and signals
 * a condition variable under its mutex. A second thread waits on it and
 * records how long after the stamp it runs. Output, one JSON line:
 * {"handoffs": N, "received": W, "p50_us": ..., "p99_us": ..., ...}
 * where W < N when the waiter was still busy with one hand-off as the next
 * came (then it sees the latest only).
 */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *USAGE = "usage: handoff --rate PER_S --count N\n";

static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    long sequence; /* hand-offs made; -1 ends the waiter */
    int64_t stamp_ns;
} shared = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

static void *waiter(void *arg)
{
    latencies_t *lat = arg;
    long seen = 0;
    for (;;) {
        pthread_mutex_lock(&shared.lock);
        while (shared.sequence == seen)
            pthread_cond_wait(&shared.changed, &shared.lock);
        seen = shared.sequence;
        int64_t stamp = shared.stamp_ns;
        pthread_mutex_unlock(&shared.lock);
        if (seen < 0)
            return NULL;
        latencies_add(lat, now_ns() - stamp);
    }
}

static void hand_off(long sequence)
{
    pthread_mutex_lock(&shared.lock);
    shared.sequence = sequence;
    shared.stamp_ns = now_ns();
    pthread_cond_signal(&shared.changed);
    pthread_mutex_unlock(&shared.lock);
}

int main(int argc, char **argv)
{
    long rate = 0, count = 0;
    const opt_t opts[] = {
        {"--rate", OPT_LONG, &rate, 1, 1000000L},
        {"--count", OPT_LONG, &count, 1, 100000000L},
    };
    parse_options(argc, argv, opts, sizeof opts / sizeof opts[0], USAGE);
    if (rate == 0 || count == 0)
        usage_error("--rate and --count are required", USAGE);

    latencies_t lat;
    latencies_init(&lat, (size_t)count);
    pthread_t thread;
    if (pthread_create(&thread, NULL, waiter, &lat) != 0) {
        fprintf(stderr, "%s: cannot start the waiting thread\n", program_name());
        return EXIT_FAILED;
    }
    int64_t period = 1000000000LL / rate;
    int64_t due = now_ns() + 10 * period;
    for (long i = 1; i <= count; i++, due += period) {
        struct timespec at = {(time_t)(due / 1000000000LL), (long)(due % 1000000000LL)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {
        }
        hand_off(i);
    }
    hand_off(-1);
    pthread_join(thread, NULL);

    json_begin();
    json_int("handoffs", count);
    json_int("received", (int64_t)lat.count);
    json_latencies(&lat);
    json_end();
    latencies_free(&lat);
    return EXIT_DONE;
}
