/*
 * quickstart: the README's first libjet program. It waits for the first
 * interface address a device adds and prints it, then exits.
 *
 *   quickstart [DEVICE [PORT]]      (defaults: 127.0.0.1 1883, where `jet sim` listens)
 *
 * Build and run it from the repository root after `cargo build --release`:
 *   cc -std=c99 -Wall -Wextra examples/c/quickstart.c -Iinclude \
 *      -Ltarget/release -ljet -Wl,-rpath,"$PWD/target/release" -pthread -o quickstart
 *   target/release/jet sim &      # the simulated device
 *   ./quickstart &
 *   target/release/jet iface add ge-0/0/0.0 inet 192.0.2.1/24 --clear-text --user jet --password jet123
 *
 * Exit status: 0 once an event arrived, 1 when libjet reports an error or
 * nothing arrives within a minute, 2 for a bad command line.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime with -std=c99 */

#include <jet.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* What the callback (on a libjet thread) hands to main. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t arrived = PTHREAD_COND_INITIALIZER;
static int events = 0;

static void on_event(const jet_event_t *event, void *user_data)
{
    (void)user_data;
    const char *address = "?";
    jet_event_attr_string(event, "local-address", &address); /* "?" when missing */
    printf("%s %s on %s\n", jet_event_id(event), address, jet_event_topic(event));
    fflush(stdout);
    pthread_mutex_lock(&lock);
    events++;
    pthread_cond_signal(&arrived);
    pthread_mutex_unlock(&lock);
}

/* Prints what failed with libjet's own message; returns the exit status 1. */
static int fail(const char *what)
{
    fprintf(stderr, "quickstart: %s: %s\n", what, jet_last_error_message());
    return 1;
}

int main(int argc, char **argv)
{
    if (argc > 3) {
        fprintf(stderr, "usage: quickstart [DEVICE [PORT]]\n");
        return 2;
    }
    jet_notification_options_t options;
    jet_notification_options_default(&options);
    if (argc > 1)
        options.device = argv[1];
    if (argc > 2)
        options.port = (uint16_t)atoi(argv[2]);

    jet_notification_t *session = NULL;
    if (jet_notification_open(&options, &session) != JET_STATUS_OK)
        return fail("open");

    /* Every interface address added, on any interface: IFA add topic with
     * each optional part left out (NULL or JET_ANY). */
    char *topic = NULL;
    if (jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, NULL, NULL, &topic) != JET_STATUS_OK)
        return fail("topic");
    uint64_t id = 0;
    jet_status_t status = jet_notification_subscribe(session, topic, on_event, NULL, NULL, &id);
    jet_string_free(topic);
    if (status != JET_STATUS_OK)
        return fail("subscribe");
    printf("waiting for an interface address to be added...\n");
    fflush(stdout);

    /* Events arrive on a libjet thread; main waits for the first one. */
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 60;
    pthread_mutex_lock(&lock);
    while (events == 0 && pthread_cond_timedwait(&arrived, &lock, &deadline) == 0) {
    }
    int got = events;
    pthread_mutex_unlock(&lock);

    jet_notification_close(session);
    jet_shutdown();
    if (!got) {
        fprintf(stderr, "quickstart: no event within 60 s\n");
        return 1;
    }
    return 0;
}
