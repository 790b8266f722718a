/*
 * mosq_sub: the libmosquitto subscriber of bench/README.md, what a C
 * programmer would write without libjet.
 *
 *   mosq_sub --host H --port P --topic FILTER --qos 0|1 --count N
 *            [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS]
 *
 * on_message only counts (no parsing). With --latency it first finds
 * "sent-ns": in the payload with memmem and reads the number with strtoll.
 * mosquitto_loop_forever runs on the main thread; a watchdog thread ends
 * the run with mosquitto_disconnect when no message came for
 * --idle-timeout-ms.
 */
#include "common.h"

#include <mosquitto.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char STAMP[] = "\"sent-ns\":";

/* The state shared by the callbacks (main thread) and the watchdog. */
struct run {
    const sub_args_t *args;
    tally_t tally;    /* written by the callbacks only */
    int64_t start_ns; /* when the connection was made */
    atomic_int failed; /* a connection or subscription error */
    int ready_printed;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int stopping; /* under lock: the loop returned */
};

/* The publisher's stamp in `payload`, or -1 when there is none. */
static int64_t find_stamp(const char *payload, size_t len)
{
    const char *p = memmem(payload, len, STAMP, sizeof STAMP - 1);
    if (p == NULL)
        return -1;
    const char *end = payload + len;
    p += sizeof STAMP - 1;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    char digits[24];
    size_t n = 0;
    while (p + n < end && n < sizeof digits - 1 && p[n] >= '0' && p[n] <= '9')
        n++;
    if (n == 0)
        return -1;
    memcpy(digits, p, n); /* the payload has no terminating NUL of its own */
    digits[n] = '\0';
    return strtoll(digits, NULL, 10);
}

/* Counts one message: latency first. Disconnects once --count is reached. */
static void on_message(struct mosquitto *mosq, void *user_data, const struct mosquitto_message *msg)
{
    int64_t now = now_ns();
    struct run *run = user_data;
    if (!tally_wants(&run->tally))
        return;
    int ok = 1;
    if (run->args->latency) {
        int64_t sent = find_stamp(msg->payload, (size_t)msg->payloadlen);
        if (sent >= 0)
            latencies_add(&run->tally.latencies, now - sent);
        else
            ok = 0;
    }
    if (tally_count(&run->tally, now, ok))
        mosquitto_disconnect(mosq);
}

/* Prints `ready` (once) and what it is subscribed to. */
static void announce(struct run *run, const char *how)
{
    if (run->ready_printed)
        return;
    fprintf(stderr, "%s: %s %s (qos %ld)\n", program_name(), how, run->args->topic,
            run->args->qos);
    print_ready();
    run->ready_printed = 1;
}

/* Subscribes once the broker accepted the connection. A persistent session
 * the broker kept is subscribed already, and its events come before SUBACK. */
static void on_connect(struct mosquitto *mosq, void *user_data, int rc, int flags)
{
    struct run *run = user_data;
    if (rc == 0 && run->args->persistent && (flags & 1)) /* session present */
        announce(run, "resumed the session subscribed to");
    if (rc != 0) {
        fprintf(stderr, "%s: connect refused: %s\n", program_name(), mosquitto_connack_string(rc));
        atomic_store(&run->failed, 1);
        mosquitto_disconnect(mosq);
        return;
    }
    rc = mosquitto_subscribe(mosq, NULL, run->args->topic, (int)run->args->qos);
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "%s: subscribe: %s\n", program_name(), mosquitto_strerror(rc));
        atomic_store(&run->failed, 1);
        mosquitto_disconnect(mosq);
    }
}

/* Prints `ready` once the broker confirmed the subscription. */
static void on_subscribe(struct mosquitto *mosq, void *user_data, int mid, int count,
                         const int *granted)
{
    struct run *run = user_data;
    (void)mid;
    if (count < 1 || granted[0] > 2) {
        fprintf(stderr, "%s: the broker refused the subscription\n", program_name());
        atomic_store(&run->failed, 1);
        mosquitto_disconnect(mosq);
        return;
    }
    announce(run, "subscribed to");
}

/* The watchdog: disconnects after --idle-timeout-ms without a message. */
static void *watchdog(void *arg)
{
    struct mosquitto *mosq = arg;
    struct run *run = mosquitto_userdata(mosq);
    int64_t idle_ns = run->args->idle_timeout_ms * 1000000LL;
    pthread_mutex_lock(&run->lock);
    while (!run->stopping) {
        int64_t last = atomic_load_explicit(&run->tally.last_ns, memory_order_relaxed);
        int64_t deadline = (last > run->start_ns ? last : run->start_ns) + idle_ns;
        if (now_ns() >= deadline) {
            fprintf(stderr, "%s: no message for %ld ms\n", program_name(),
                    run->args->idle_timeout_ms);
            mosquitto_disconnect(mosq);
            break;
        }
        struct timespec until = {deadline / 1000000000, deadline % 1000000000};
        pthread_cond_timedwait(&run->changed, &run->lock, &until);
    }
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

/* Connects and runs the loop until the run ends. 0 on success. */
static int run_loop(struct run *run, struct mosquitto *mosq)
{
    mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_with_flags_callback_set(mosq, on_connect);
    mosquitto_subscribe_callback_set(mosq, on_subscribe);
    mosquitto_message_callback_set(mosq, on_message);
    int rc = mosquitto_connect(mosq, run->args->host, (int)run->args->port, 60);
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "%s: connect to %s:%ld: %s\n", program_name(), run->args->host,
                run->args->port, mosquitto_strerror(rc));
        return -1;
    }
    run->start_ns = now_ns();
    pthread_t thread;
    if (pthread_create(&thread, NULL, watchdog, mosq) != 0) {
        fprintf(stderr, "%s: cannot start the watchdog thread\n", program_name());
        return -1;
    }
    rc = mosquitto_loop_forever(mosq, 100, 1);
    if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN)
        fprintf(stderr, "%s: loop: %s\n", program_name(), mosquitto_strerror(rc));
    pthread_mutex_lock(&run->lock);
    run->stopping = 1;
    pthread_cond_signal(&run->changed);
    pthread_mutex_unlock(&run->lock);
    pthread_join(thread, NULL);
    return atomic_load(&run->failed) ? -1 : 0;
}

/* Prints the JSON object of bench/README.md. */
static void report(struct run *run)
{
    json_begin();
    json_tally(&run->tally, run->args->latency);
    json_end();
}

int main(int argc, char **argv)
{
    sub_args_t args;
    sub_args_parse(&args, argc, argv, 0);

    struct run run = {.args = &args};
    tally_init(&run.tally, &args);
    pthread_mutex_init(&run.lock, NULL);
    cond_init_monotonic(&run.changed);

    mosquitto_lib_init();
    /* No --client-id: the library makes one, with a clean session. */
    struct mosquitto *mosq = mosquitto_new(args.client_id, !args.persistent, &run);
    if (mosq == NULL) {
        fprintf(stderr, "%s: mosquitto_new failed\n", program_name());
        mosquitto_lib_cleanup();
        return EXIT_FAILED;
    }
    int rc = run_loop(&run, mosq);
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    if (rc != 0)
        return EXIT_FAILED;

    report(&run);
    int complete = tally_complete(&run.tally);
    tally_free(&run.tally);
    pthread_cond_destroy(&run.changed);
    pthread_mutex_destroy(&run.lock);
    return complete ? EXIT_DONE : EXIT_SHORT;
}
