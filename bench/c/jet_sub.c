/*
 * jet_sub: the libjet subscriber of bench/README.md.
 *
 *   jet_sub --host H --port P --topic FILTER --qos 0|1 --count N
 *           [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS]
 *           [--mode callback|pull|inline]
 *
 * Every message gets the same work: jet_event_id and the attribute "name"
 * (jet_event_attr_string), a missing one counting in check_failures. With
 * --latency, the attribute "sent-ns" (the publisher's CLOCK_MONOTONIC) is
 * read first and the delay to delivery is kept. In callback mode, messages
 * arrive on a libjet dispatcher thread and the main thread waits on a
 * condition variable; inline mode is callback mode with the callbacks on
 * libjet's network thread (jet_notification_set_inline_callbacks); in pull
 * mode, the main thread calls jet_notification_next.
 */
#include "jet.h"

#include "common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The state shared by the message handler (libjet's thread) and main. */
struct run {
    const sub_args_t *args;
    tally_t tally; /* written by the handler only */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int done; /* under lock: --count reached */
};

/* Counts one delivered event: latency first, then the checks. */
static void handle(struct run *run, const jet_event_t *event)
{
    int64_t now = now_ns();
    if (!tally_wants(&run->tally))
        return; /* beyond --count: not ours to measure */
    int ok = 1; /* one check failure at most per message */
    if (run->args->latency) {
        int64_t sent = 0;
        if (jet_event_attr_int(event, "sent-ns", &sent) == JET_STATUS_OK)
            latencies_add(&run->tally.latencies, now - sent);
        else
            ok = 0;
    }
    const char *name = NULL;
    if (jet_event_id(event) == NULL ||
        jet_event_attr_string(event, "name", &name) != JET_STATUS_OK)
        ok = 0;
    if (tally_count(&run->tally, now, ok)) {
        pthread_mutex_lock(&run->lock);
        run->done = 1;
        pthread_cond_signal(&run->changed);
        pthread_mutex_unlock(&run->lock);
    }
}

/* The subscription callback of callback mode. */
static void on_event(const jet_event_t *event, void *user_data)
{
    handle(user_data, event);
}

/* Callback mode: waits until --count is reached or no message came for
 * --idle-timeout-ms (counted from `start_ns` before the first message). */
static void wait_callbacks(struct run *run, int64_t start_ns)
{
    int64_t idle_ns = run->args->idle_timeout_ms * 1000000LL;
    pthread_mutex_lock(&run->lock);
    while (!run->done) {
        int64_t last = atomic_load_explicit(&run->tally.last_ns, memory_order_relaxed);
        int64_t deadline = (last > start_ns ? last : start_ns) + idle_ns;
        if (now_ns() >= deadline) {
            fprintf(stderr, "%s: no message for %ld ms\n", program_name(),
                    run->args->idle_timeout_ms);
            break;
        }
        struct timespec until = {deadline / 1000000000, deadline % 1000000000};
        pthread_cond_timedwait(&run->changed, &run->lock, &until);
    }
    pthread_mutex_unlock(&run->lock);
}

/* Pull mode: takes events until --count is reached or one wait times out. */
static void pull_events(struct run *run, jet_notification_t *session)
{
    uint32_t timeout = (uint32_t)run->args->idle_timeout_ms;
    while (!tally_complete(&run->tally)) {
        jet_event_t *event = NULL;
        jet_status_t status = jet_notification_next(session, timeout, &event);
        if (status == JET_STATUS_NO_EVENT) {
            fprintf(stderr, "%s: no message for %ld ms\n", program_name(),
                    run->args->idle_timeout_ms);
            return;
        }
        jet_check(status, "jet_notification_next");
        handle(run, event);
        jet_event_free(event);
    }
}

/* Makes the session, subscribes it to --topic and connects it. */
static jet_notification_t *subscribe(struct run *run)
{
    const sub_args_t *args = run->args;
    jet_notification_options_t options;
    jet_check(jet_notification_options_default(&options), "jet_notification_options_default");
    options.device = args->host;
    options.port = (uint16_t)args->port;
    options.qos = (uint8_t)args->qos;
    options.client_id = args->client_id;
    options.clean_session = args->persistent ? 0 : 1;
    options.keepalive_s = 60;
    /* Lossless: stop reading while the application is behind (the broker holds the rest). */
    options.overflow = JET_OVERFLOW_WAIT;

    jet_notification_t *session = NULL;
    int inline_mode = strcmp(args->mode, "inline") == 0;
    /* Made first and connected after subscribing when persistent (kept
     * events are routed from the start) or inline (set before connecting). */
    int connect_later = args->persistent || inline_mode;
    if (connect_later)
        jet_check(jet_notification_create(&options, &session), "jet_notification_create");
    else
        jet_check(jet_notification_open(&options, &session), "jet_notification_open");
    if (inline_mode)
        jet_check(jet_notification_set_inline_callbacks(session, 1),
                  "jet_notification_set_inline_callbacks");
    uint64_t id = 0;
    if (strcmp(args->mode, "pull") == 0)
        jet_check(jet_notification_subscribe_pull(session, args->topic, &id),
                  "jet_notification_subscribe_pull");
    else
        jet_check(jet_notification_subscribe(session, args->topic, on_event, run, NULL, &id),
                  "jet_notification_subscribe");
    if (connect_later)
        jet_check(jet_notification_connect(session), "jet_notification_connect");
    fprintf(stderr, "%s: subscribed to %s (qos %ld, %s mode, client id %s)\n", program_name(),
            args->topic, args->qos, args->mode, jet_notification_client_id(session));
    return session;
}

/* Prints the JSON object of bench/README.md. */
static void report(struct run *run, const jet_notification_stats_t *stats)
{
    json_begin();
    json_tally(&run->tally, run->args->latency);
    json_int("dropped", (int64_t)stats->dropped);
    json_int("parse_errors", (int64_t)stats->parse_errors);
    json_end();
}

int main(int argc, char **argv)
{
    sub_args_t args;
    sub_args_parse(&args, argc, argv, 1);

    struct run run = {.args = &args};
    tally_init(&run.tally, &args);
    pthread_mutex_init(&run.lock, NULL);
    cond_init_monotonic(&run.changed);

    jet_notification_t *session = subscribe(&run);
    print_ready();
    int64_t start = now_ns();
    if (strcmp(args.mode, "pull") == 0)
        pull_events(&run, session);
    else
        wait_callbacks(&run, start);

    jet_notification_stats_t stats;
    jet_check(jet_notification_stats(session, &stats), "jet_notification_stats");
    jet_notification_close(session); /* no callback runs after this */
    jet_check(jet_shutdown(), "jet_shutdown");

    report(&run, &stats);
    int complete = tally_complete(&run.tally);
    tally_free(&run.tally);
    pthread_cond_destroy(&run.changed);
    pthread_mutex_destroy(&run.lock);
    return complete ? EXIT_DONE : EXIT_SHORT;
}
