/*
 * abi_cancel: cancellation (jet_cancel_*) as a C program sees it, run by
 * crates/sim/tests/c_cancel.rs.
 *
 * - Arguments: NULL for every pointer, the status name, the ABI version.
 * - A blocked call cancelled from another thread returns JET_STATUS_CANCELLED
 *   within --within-ms of the trigger, with a message that names the function
 *   and ends in "cancelled": jet_notification_next (two threads honouring one
 *   token, both woken), jet_notification_open and jet_service_open against a
 *   peer that accepts and never answers, and a management call on an open
 *   session whose device stopped answering (the driver freezes a relay).
 * - A call started with a triggered token returns CANCELLED and never
 *   reaches the device (the driver counts connections and requests).
 * - Detaching, replacing the attached token, and freeing it while attached.
 *
 * Written in the common subset of C99 and C++17. Never asserts that
 * something happened after a sleep: threads say when they start, the driver
 * says when a call reached the peer, and time only bounds how long a
 * cancelled call took to return.
 *
 * Usage: abi_cancel --silent-port S --relay-port R --within-ms N
 *   S: accepts connections and never answers. R: a relay to a jnx device
 *   (user lab/lab123) that the driver can freeze.
 *
 * It asks its driver by printing one line on stdout and reading one line:
 *   ACCEPTED          -> how many connections S has accepted
 *   WAIT-ACCEPTED <n> -> OK once S has accepted at least n
 *   REQUESTS          -> how many requests the device has received
 *   FREEZE            -> OK: the relay holds what it receives from now on
 *   WAIT-HELD         -> OK once the frozen relay holds bytes for the device
 *   THAW              -> OK: the relay passes what it holds, and the rest
 * Lines starting with "#" are notes (the measured latencies).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "jet.h"

static const char USER[] = "lab";
static const char PASSWORD[] = "lab123";
static const char TOPIC[] = "/junos/events/kernel/interfaces/ifa/add";
/* The demo filter of examples/c/firewall.c. */
static const char FILTER_JSON[] =
    "{\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": ["
    "{\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},"
    " \"actions\": {\"count\": \"icmp-count\", \"discard\": true}}]}";

static uint16_t silent_port;
static uint16_t relay_port;
static double within_ms;

static long ask_count(const char *question)
{
    return strtol(ask("%s", question), NULL, 10);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* True when the calling thread's last error names `function` and ends in "cancelled". */
static int cancelled_message(const char *function)
{
    const char *message = jet_last_error_message();
    size_t n = strlen(function);
    size_t len = strlen(message);
    const char *tail = "cancelled";
    return strncmp(message, function, n) == 0 && message[n] == ':' && len > strlen(tail) &&
           strcmp(message + len - strlen(tail), tail) == 0;
}

/* ---------------------------------------------------------------------------
 * A blocking call on a thread of its own, with a token attached
 * ------------------------------------------------------------------------- */

enum call_kind { CALL_NEXT, CALL_NOTIFICATION_OPEN, CALL_SERVICE_OPEN, CALL_MANAGEMENT };

struct blocked_call {
    enum call_kind kind;
    const char *function;
    const jet_cancel_t *cancel;
    jet_notification_t *notification; /* CALL_NEXT */
    jet_service_t *service;           /* CALL_MANAGEMENT */
    pthread_t thread;
    int started;
    /* Written by the thread before it ends. */
    jet_status_t status;
    int message_ok;
    double returned_at;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

static void service_options(jet_service_options_t *options, uint16_t port)
{
    jet_service_options_default(options);
    options->port = port;
    options->user = USER;
    options->password = PASSWORD;
    options->clear_text = 1;
    options->api = JET_API_JNX;
    options->connect_timeout_ms = 60000;
    options->call_timeout_ms = 60000;
}

static jet_status_t make_the_call(struct blocked_call *call)
{
    jet_status_t status = JET_STATUS_INTERNAL;
    switch (call->kind) {
    case CALL_NEXT: {
        jet_event_t *event = NULL;
        status = jet_notification_next(call->notification, 60000, &event);
        jet_event_free(event);
        break;
    }
    case CALL_NOTIFICATION_OPEN: {
        jet_notification_options_t options;
        jet_notification_t *session = NULL;
        jet_notification_options_default(&options);
        options.port = silent_port;
        options.connect_timeout_ms = 60000;
        status = jet_notification_open(&options, &session);
        jet_notification_close(session);
        break;
    }
    case CALL_SERVICE_OPEN: {
        jet_service_options_t options;
        jet_service_t *session = NULL;
        service_options(&options, silent_port);
        status = jet_service_open(&options, &session);
        jet_service_close(session);
        break;
    }
    case CALL_MANAGEMENT: {
        char *output = NULL;
        status = jet_management_run(call->service, "show version", JET_COMMAND_CLI,
                                    JET_OUTPUT_TEXT, 60000, &output);
        jet_string_free(output);
        break;
    }
    }
    return status;
}

static void *call_thread(void *arg)
{
    struct blocked_call *call = (struct blocked_call *)arg;
    jet_status_t status;
    CHECK_STATUS(jet_cancel_attach(call->cancel), JET_STATUS_OK);
    pthread_mutex_lock(&lock);
    call->started = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    status = make_the_call(call);
    call->returned_at = now_ms();
    call->status = status;
    call->message_ok = cancelled_message(call->function);
    jet_cancel_detach();
    return NULL;
}

/* Starts `call` on its own thread; returns once the thread has attached
 * the token and is about to make the call. */
static void start_call(struct blocked_call *call, enum call_kind kind, const char *function,
                       const jet_cancel_t *cancel)
{
    call->kind = kind;
    call->function = function;
    call->cancel = cancel;
    call->started = 0;
    call->status = JET_STATUS_OK;
    call->message_ok = 0;
    if (!CHECK(pthread_create(&call->thread, NULL, call_thread, call) == 0)) {
        exit(check_summary());
    }
    pthread_mutex_lock(&lock);
    while (!call->started) {
        pthread_cond_wait(&changed, &lock);
    }
    pthread_mutex_unlock(&lock);
}

/* Joins `call`, which must have ended cancelled within --within-ms of
 * `triggered_at`, and prints how long it took. */
static void join_cancelled(struct blocked_call *call, double triggered_at, const char *what)
{
    double latency;
    pthread_join(call->thread, NULL);
    latency = call->returned_at - triggered_at;
    printf("# latency %s: %.3f ms\n", what, latency);
    fflush(stdout);
    CHECK_INT(call->status, JET_STATUS_CANCELLED);
    CHECK(call->message_ok);
    CHECK(latency < within_ms);
}

/* Runs a call of `kind` that blocks on a silent peer (the driver confirms
 * it reached the peer), cancels it, and checks how it ended. */
static void cancel_on_silent_peer(enum call_kind kind, const char *function)
{
    struct blocked_call call;
    jet_cancel_t *cancel = NULL;
    long before = ask_count("ACCEPTED");
    double triggered_at;
    CHECK_STATUS(jet_cancel_new(&cancel), JET_STATUS_OK);
    memset(&call, 0, sizeof call);
    start_call(&call, kind, function, cancel);
    CHECK_STR(ask("WAIT-ACCEPTED %ld", before + 1), "OK");
    triggered_at = now_ms();
    CHECK_STATUS(jet_cancel_trigger(cancel), JET_STATUS_OK);
    join_cancelled(&call, triggered_at, function);
    jet_cancel_free(cancel);
}

/* ---------------------------------------------------------------------------
 * The tests
 * ------------------------------------------------------------------------- */

static void test_arguments(void)
{
    jet_cancel_t *cancel = NULL;
    CHECK_INT(jet_abi_version(), 3);
    CHECK_STR(jet_status_str(JET_STATUS_CANCELLED), "JET_STATUS_CANCELLED");
    CHECK_INT(JET_STATUS_CANCELLED, -24);
    CHECK_STATUS(jet_cancel_new(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_cancel_trigger(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_cancel_attach(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK(!jet_cancel_is_triggered(NULL));
    jet_cancel_free(NULL);
    jet_cancel_detach(); /* none attached: nothing to do */

    CHECK_STATUS(jet_cancel_new(&cancel), JET_STATUS_OK);
    CHECK(cancel != NULL);
    CHECK(!jet_cancel_is_triggered(cancel));
    CHECK_STATUS(jet_cancel_trigger(cancel), JET_STATUS_OK);
    CHECK_STATUS(jet_cancel_trigger(cancel), JET_STATUS_OK); /* idempotent */
    CHECK(jet_cancel_is_triggered(cancel));
    jet_cancel_free(cancel);
}

/* Two threads wait in jet_notification_next honouring one token; one
 * trigger wakes both. Then the session still works without a token. */
static void test_next(jet_notification_t *session)
{
    struct blocked_call first;
    struct blocked_call second;
    jet_cancel_t *cancel = NULL;
    jet_event_t *event = NULL;
    double triggered_at;
    CHECK_STATUS(jet_cancel_new(&cancel), JET_STATUS_OK);
    memset(&first, 0, sizeof first);
    memset(&second, 0, sizeof second);
    first.notification = session;
    second.notification = session;
    start_call(&first, CALL_NEXT, "jet_notification_next", cancel);
    start_call(&second, CALL_NEXT, "jet_notification_next", cancel);
    triggered_at = now_ms();
    CHECK_STATUS(jet_cancel_trigger(cancel), JET_STATUS_OK);
    join_cancelled(&first, triggered_at, "jet_notification_next (first thread)");
    join_cancelled(&second, triggered_at, "jet_notification_next (second thread)");
    jet_cancel_free(cancel);
    CHECK_STATUS(jet_notification_next(session, 0, &event), JET_STATUS_NO_EVENT);
}

/* A triggered token makes every call return at once, before any connection
 * or request; detaching it restores normal behaviour. */
static void test_pre_triggered(jet_notification_t *notification, jet_service_t *service)
{
    jet_cancel_t *cancel = NULL;
    jet_notification_options_t notify_options;
    jet_service_options_t options;
    jet_notification_t *notify_session = NULL;
    jet_service_t *session = NULL;
    jet_event_t *event = NULL;
    char *output = NULL;
    long accepted = ask_count("ACCEPTED");
    long requests = ask_count("REQUESTS");

    CHECK_STATUS(jet_cancel_new(&cancel), JET_STATUS_OK);
    CHECK_STATUS(jet_cancel_trigger(cancel), JET_STATUS_OK);
    CHECK_STATUS(jet_cancel_attach(cancel), JET_STATUS_OK);

    jet_notification_options_default(&notify_options);
    notify_options.port = silent_port;
    CHECK_STATUS(jet_notification_open(&notify_options, &notify_session), JET_STATUS_CANCELLED);
    CHECK(notify_session == NULL);
    CHECK(cancelled_message("jet_notification_open"));
    service_options(&options, silent_port);
    CHECK_STATUS(jet_service_open(&options, &session), JET_STATUS_CANCELLED);
    CHECK(session == NULL);
    CHECK(cancelled_message("jet_service_open"));
    CHECK_STATUS(jet_notification_next(notification, 60000, &event), JET_STATUS_CANCELLED);
    CHECK(event == NULL);
    CHECK_STATUS(jet_management_run(service, "show version", JET_COMMAND_CLI, JET_OUTPUT_TEXT,
                                    0, &output),
                 JET_STATUS_CANCELLED);
    CHECK(output == NULL);
    CHECK(cancelled_message("jet_management_run"));
    CHECK_STATUS(jet_interface_address_add(service, "ge-0/0/0", 0, JET_FAMILY_INET,
                                           "192.0.2.1/24", 0),
                 JET_STATUS_CANCELLED);
    CHECK_STATUS(jet_firewall_filter_add(service, FILTER_JSON, 0),
                 JET_STATUS_CANCELLED);
    CHECK_INT(ask_count("ACCEPTED"), accepted);
    CHECK_INT(ask_count("REQUESTS"), requests);

    jet_cancel_detach();
    CHECK_STATUS(jet_notification_next(notification, 0, &event), JET_STATUS_NO_EVENT);
    CHECK_STATUS(jet_management_run(service, "show version", JET_COMMAND_CLI, JET_OUTPUT_TEXT,
                                    0, &output),
                 JET_STATUS_OK);
    jet_string_free(output);
    jet_cancel_free(cancel);
}

/* A management call waits on a device that stopped answering; cancelled,
 * it returns, and the session serves the next call once the device answers. */
static void test_service_call(jet_service_t *service)
{
    struct blocked_call call;
    jet_cancel_t *cancel = NULL;
    char *output = NULL;
    double triggered_at;
    CHECK_STATUS(jet_cancel_new(&cancel), JET_STATUS_OK);
    CHECK_STR(ask("FREEZE"), "OK");
    memset(&call, 0, sizeof call);
    call.service = service;
    start_call(&call, CALL_MANAGEMENT, "jet_management_run", cancel);
    CHECK_STR(ask("WAIT-HELD"), "OK");
    triggered_at = now_ms();
    CHECK_STATUS(jet_cancel_trigger(cancel), JET_STATUS_OK);
    join_cancelled(&call, triggered_at, "jet_management_run");
    CHECK_STR(ask("THAW"), "OK");
    jet_cancel_free(cancel);
    CHECK_STATUS(jet_management_run(service, "show version", JET_COMMAND_CLI, JET_OUTPUT_TEXT,
                                    0, &output),
                 JET_STATUS_OK);
    CHECK(output != NULL && strlen(output) > 0);
    jet_string_free(output);
}

/* Attaching replaces the token attached before; a token freed while
 * attached stays in force (triggered or not) until detached. */
static void test_attach_rules(jet_notification_t *session)
{
    jet_cancel_t *triggered = NULL;
    jet_cancel_t *quiet = NULL;
    jet_event_t *event = NULL;
    CHECK_STATUS(jet_cancel_new(&triggered), JET_STATUS_OK);
    CHECK_STATUS(jet_cancel_new(&quiet), JET_STATUS_OK);
    CHECK_STATUS(jet_cancel_trigger(triggered), JET_STATUS_OK);

    CHECK_STATUS(jet_cancel_attach(triggered), JET_STATUS_OK);
    CHECK_STATUS(jet_cancel_attach(quiet), JET_STATUS_OK);
    CHECK_STATUS(jet_notification_next(session, 0, &event), JET_STATUS_NO_EVENT);

    jet_cancel_free(quiet);
    CHECK_STATUS(jet_notification_next(session, 0, &event), JET_STATUS_NO_EVENT);
    CHECK_STATUS(jet_cancel_attach(triggered), JET_STATUS_OK);
    jet_cancel_free(triggered);
    CHECK_STATUS(jet_notification_next(session, 0, &event), JET_STATUS_CANCELLED);
    jet_cancel_detach();
    CHECK_STATUS(jet_notification_next(session, 0, &event), JET_STATUS_NO_EVENT);
    CHECK(event == NULL);
}

static uint16_t port_argument(const char *text)
{
    long value = strtol(text, NULL, 10);
    return value > 0 && value < 65536 ? (uint16_t)value : 0;
}

int main(int argc, char **argv)
{
    jet_notification_options_t notify_options;
    jet_service_options_t options;
    jet_notification_t *notification = NULL;
    jet_service_t *service = NULL;
    uint64_t id = 0;
    int i;

    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--silent-port") == 0) {
            silent_port = port_argument(argv[i + 1]);
        } else if (strcmp(argv[i], "--relay-port") == 0) {
            relay_port = port_argument(argv[i + 1]);
        } else if (strcmp(argv[i], "--within-ms") == 0) {
            within_ms = strtod(argv[i + 1], NULL);
        } else {
            break;
        }
    }
    if (i != argc || silent_port == 0 || relay_port == 0 || within_ms <= 0) {
        fprintf(stderr, "usage: abi_cancel --silent-port S --relay-port R --within-ms N\n");
        return 2;
    }

    test_arguments();

    /* A session that is never connected: its pull queue is all next needs. */
    jet_notification_options_default(&notify_options);
    CHECK_STATUS(jet_notification_create(&notify_options, &notification), JET_STATUS_OK);
    CHECK_STATUS(jet_notification_subscribe_pull(notification, TOPIC, &id), JET_STATUS_OK);
    service_options(&options, relay_port);
    if (!CHECK_STATUS(jet_service_open(&options, &service), JET_STATUS_OK)) {
        jet_notification_close(notification);
        jet_shutdown();
        return check_summary();
    }

    test_next(notification);
    cancel_on_silent_peer(CALL_NOTIFICATION_OPEN, "jet_notification_open");
    cancel_on_silent_peer(CALL_SERVICE_OPEN, "jet_service_open");
    test_pre_triggered(notification, service);
    test_service_call(service);
    test_attach_rules(notification);

    jet_service_close(service);
    jet_notification_close(notification);
    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
    return check_summary();
}
