/*
 * watch: prints the Junos JET notifications a device publishes, one line per
 * event. A small, complete libjet program in C.
 *
 *   watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]
 *
 * For each event it prints "<event-id> <topic> <attributes as compact JSON>",
 * or "PARSE-ERROR <topic> <byte count>" for a payload that is not a JET
 * event. With --count N it exits after N events; otherwise it runs until
 * SIGINT or SIGTERM. Exit status: 0 when done, 1 when libjet reports an
 * error, 2 for a bad command line.
 *
 * Build (from the libjet source tree, after `cargo build`):
 *   cc -std=c99 -Wall -Wextra -pedantic -I include examples/c/watch.c \
 *      -L target/debug -ljet -Wl,-rpath,$PWD/target/debug -pthread -o watch
 *
 * How it uses libjet: jet_notification_open connects, one
 * jet_notification_subscribe per topic filter delivers events to a callback
 * on a libjet thread, and the main thread only waits. The callback and the
 * main thread share a counter under a mutex; a condition variable wakes the
 * main thread when the count is reached or a signal arrived.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jet.h"

#define DEFAULT_TOPIC "/junos/events/#"

static const char USAGE[] =
    "usage: watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]\n"
    "Prints the JET notifications a Junos device publishes, one line per event:\n"
    "  <event-id> <topic> <attributes as JSON>   or   PARSE-ERROR <topic> <bytes>\n"
    "  --device HOST  the device (its MQTT broker); default 127.0.0.1\n"
    "  --port N       the broker's port; default 1883\n"
    "  --user U       user name, when the device asks for one\n"
    "  --password P   password of --user\n"
    "  --count N      exit after N events; default: run until SIGINT or SIGTERM\n"
    "  TOPIC          MQTT topic filters to watch; default " DEFAULT_TOPIC "\n";

/* What the command line asks for. */
struct settings {
    const char *device;
    long port;
    const char *user;
    const char *password;
    long count; /* 0: no limit */
    const char **topics;
    int topic_count;
};

/* What the event callback, the signal thread and the main thread share. */
struct watcher {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    long limit;   /* 0: no limit */
    long printed; /* events printed so far */
    int stopping; /* the limit was reached or a signal arrived */
    sigset_t signals;
};

/* ---- command line ---- */

static void usage_error(const char *problem, const char *argument)
{
    fprintf(stderr, "watch: %s%s%s\n%s", problem, argument ? ": " : "", argument ? argument : "",
            USAGE);
    exit(2);
}

/* The whole of `text` as a number from `min` to `max`, or a usage error. */
static long parse_number(const char *option, const char *text, long min, long max)
{
    char *end = NULL;
    long value;
    errno = 0;
    value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        char problem[64];
        snprintf(problem, sizeof problem, "%s wants a number from %ld to %ld", option, min, max);
        usage_error(problem, text);
    }
    return value;
}

/* The value after option argv[*i], advancing *i past it. */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        usage_error("missing value after", argv[*i]);
    }
    *i += 1;
    return argv[*i];
}

/* The defaults, with room for up to `argc` topic filters. */
static void default_settings(int argc, struct settings *s)
{
    s->device = "127.0.0.1";
    s->port = 1883;
    s->user = NULL;
    s->password = NULL;
    s->count = 0;
    s->topics = (const char **)calloc((size_t)argc, sizeof *s->topics);
    s->topic_count = 0;
    if (s->topics == NULL) {
        fprintf(stderr, "watch: out of memory\n");
        exit(1);
    }
}

static void parse_arguments(int argc, char **argv, struct settings *s)
{
    int i;
    int options_done = 0;
    default_settings(argc, s);
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            s->topics[s->topic_count++] = arg;
        } else if (strcmp(arg, "--") == 0) {
            options_done = 1;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(USAGE, stdout);
            exit(0);
        } else if (strcmp(arg, "--device") == 0) {
            s->device = option_value(argc, argv, &i);
        } else if (strcmp(arg, "--port") == 0) {
            s->port = parse_number(arg, option_value(argc, argv, &i), 1, 65535);
        } else if (strcmp(arg, "--user") == 0) {
            s->user = option_value(argc, argv, &i);
        } else if (strcmp(arg, "--password") == 0) {
            s->password = option_value(argc, argv, &i);
        } else if (strcmp(arg, "--count") == 0) {
            s->count = parse_number(arg, option_value(argc, argv, &i), 1, LONG_MAX);
        } else {
            usage_error("unknown option", arg);
        }
    }
    if (s->device[0] == '\0') {
        usage_error("--device must not be empty", NULL);
    }
    if (s->password != NULL && s->user == NULL) {
        usage_error("--password needs --user", NULL);
    }
}

/* ---- events ---- */

static void print_event(const jet_event_t *event)
{
    const char *topic = jet_event_topic(event);
    if (jet_event_is_parsed(event)) {
        const char *id = jet_event_id(event);
        printf("%s %s %s\n", id ? id : "-", topic, jet_event_attributes_json(event));
    } else {
        const uint8_t *data = NULL;
        size_t len = 0;
        jet_event_raw(event, &data, &len);
        printf("PARSE-ERROR %s %zu\n", topic, len);
    }
    fflush(stdout);
}

/* Runs on a libjet dispatcher thread, one event at a time. */
static void on_event(const jet_event_t *event, void *user_data)
{
    struct watcher *w = (struct watcher *)user_data;
    pthread_mutex_lock(&w->lock);
    if (!w->stopping) {
        print_event(event);
        w->printed++;
        if (w->limit > 0 && w->printed >= w->limit) {
            w->stopping = 1;
            pthread_cond_broadcast(&w->changed);
        }
    }
    pthread_mutex_unlock(&w->lock);
}

/* ---- signals ---- */

/* Blocks SIGINT and SIGTERM in this thread and every thread started after
 * (libjet's too): only the signal thread receives them, with sigwait. */
static void block_signals(struct watcher *w)
{
    sigemptyset(&w->signals);
    sigaddset(&w->signals, SIGINT);
    sigaddset(&w->signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &w->signals, NULL);
}

static void *signal_thread(void *arg)
{
    struct watcher *w = (struct watcher *)arg;
    int signal_number = 0;
    sigwait(&w->signals, &signal_number);
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Waits until the limit is reached or a signal arrives. */
static void wait_until_stopping(struct watcher *w)
{
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        pthread_cond_wait(&w->changed, &w->lock);
    }
    pthread_mutex_unlock(&w->lock);
}

/* ---- libjet ---- */

/* Prints "watch: <what>: <status>: <libjet's message>" for a failed call. */
static void report(const char *what, jet_status_t status)
{
    fprintf(stderr, "watch: %s: %s: %s\n", what, jet_status_str(status),
            jet_last_error_message());
}

static jet_notification_t *connect_device(const struct settings *s)
{
    jet_notification_options_t options;
    jet_notification_t *session = NULL;
    char what[300];
    jet_status_t status = jet_notification_options_default(&options);
    if (status == JET_STATUS_OK) {
        options.device = s->device;
        options.port = (uint16_t)s->port;
        options.user = s->user;
        options.password = s->password;
        status = jet_notification_open(&options, &session);
    }
    if (status != JET_STATUS_OK) {
        snprintf(what, sizeof what, "cannot connect to %.256s port %ld", s->device, s->port);
        report(what, status);
        return NULL;
    }
    return session;
}

/* Subscribes to every topic filter; 0 on success. */
static int subscribe_all(jet_notification_t *session, const struct settings *s,
                         struct watcher *w)
{
    static const char *default_topics[] = {DEFAULT_TOPIC};
    const char **topics = s->topic_count > 0 ? s->topics : default_topics;
    int count = s->topic_count > 0 ? s->topic_count : 1;
    int i;
    for (i = 0; i < count; i++) {
        uint64_t id = 0;
        jet_status_t status = jet_notification_subscribe(session, topics[i], on_event, w, NULL, &id);
        if (status != JET_STATUS_OK) {
            char what[300];
            snprintf(what, sizeof what, "cannot subscribe to %.256s", topics[i]);
            report(what, status);
            return -1;
        }
    }
    return 0;
}

/* Watches until done; returns the exit status. */
static int watch(const struct settings *s, struct watcher *w)
{
    pthread_t signals;
    jet_notification_t *session = connect_device(s);
    int failed = session == NULL || subscribe_all(session, s, w) != 0;
    if (!failed && pthread_create(&signals, NULL, signal_thread, w) == 0) {
        wait_until_stopping(w);
        /* Wakes the signal thread if no signal came (harmless if one did). */
        pthread_kill(signals, SIGTERM);
        pthread_join(signals, NULL);
    } else if (!failed) {
        fprintf(stderr, "watch: cannot start a thread\n");
        failed = 1;
    }
    /* Waits for a running callback, then no callback runs any more. */
    jet_notification_close(session);
    jet_shutdown();
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    struct settings settings;
    struct watcher watcher;
    int status;
    parse_arguments(argc, argv, &settings);
    pthread_mutex_init(&watcher.lock, NULL);
    pthread_cond_init(&watcher.changed, NULL);
    watcher.limit = settings.count;
    watcher.printed = 0;
    watcher.stopping = 0;
    block_signals(&watcher);
    status = watch(&settings, &watcher);
    pthread_cond_destroy(&watcher.changed);
    pthread_mutex_destroy(&watcher.lock);
    free((void *)settings.topics);
    return status;
}
