/*
 * abi_args: libjet's C ABI refuses bad arguments cleanly.
 *
 * Every function of jet.h is called with NULL for each pointer argument that
 * can be tested without a live session, with invalid UTF-8, unknown enum
 * values, out-of-range integers, oversize strings and a wrong struct_size.
 * Each must return the documented status, explain it in
 * jet_last_error_message(), leave its out-parameters alone and not crash.
 * The topic builders must give the expected topics for good arguments.
 * (The arguments of event and session functions that need a live session are
 * checked by abi_session.)
 *
 * Written in the common subset of C99 and C++17: the test suite also builds
 * it as C++ to prove the header is C++-clean.
 *
 * Usage: abi_args   (no arguments; needs no broker)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "jet.h"

/* Out-parameters start as these; a refused call must leave them so. */
static char sentinel_byte;
#define SENTINEL_TEXT ((char *)&sentinel_byte)
#define SENTINEL_CONST ((const char *)&sentinel_byte)
#define SENTINEL_U64 UINT64_C(0x5e5e5e5e5e5e5e5e)
#define SENTINEL_I64 INT64_C(-6666666)

static const char BAD_UTF8[] = "\xff\xfe";
static const char A_TOPIC[] = "/junos/events/#";

/* A NUL-terminated string of `len` copies of `c` (freed by the caller). */
static char *repeated(char c, size_t len)
{
    char *text = (char *)malloc(len + 1);
    if (text == NULL) {
        fprintf(stderr, "abi_args: out of memory\n");
        exit(2);
    }
    memset(text, c, len);
    text[len] = '\0';
    return text;
}

/* ---- user data whose release is counted ---- */

struct counted {
    int freed;
    int calls;
};

static void count_free(void *user_data)
{
    ((struct counted *)user_data)->freed++;
}

static void event_callback(const jet_event_t *event, void *user_data)
{
    (void)event;
    ((struct counted *)user_data)->calls++;
}

static void state_callback(jet_connection_state_t state, void *user_data)
{
    (void)state;
    ((struct counted *)user_data)->calls++;
}

/* The log callback may run on any libjet thread. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_records;
static int log_bad_records;

static void log_callback(jet_log_level_t level, const char *target, const char *message,
                         void *user_data)
{
    (void)user_data;
    pthread_mutex_lock(&log_lock);
    log_records++;
    if (level < JET_LOG_ERROR || level > JET_LOG_TRACE || target == NULL || message == NULL) {
        log_bad_records++;
    }
    pthread_mutex_unlock(&log_lock);
}

static int log_count(int *bad)
{
    int n;
    pthread_mutex_lock(&log_lock);
    n = log_records;
    *bad = log_bad_records;
    pthread_mutex_unlock(&log_lock);
    return n;
}

/* ---- library-wide functions ---- */

static void test_library(void)
{
    static const struct {
        int32_t code;
        const char *name;
    } names[] = {
        {JET_STATUS_OK, "JET_STATUS_OK"},
        {JET_STATUS_NO_EVENT, "JET_STATUS_NO_EVENT"},
        {JET_STATUS_INVALID_ARGUMENT, "JET_STATUS_INVALID_ARGUMENT"},
        {JET_STATUS_NULL_ARGUMENT, "JET_STATUS_NULL_ARGUMENT"},
        {JET_STATUS_INVALID_UTF8, "JET_STATUS_INVALID_UTF8"},
        {JET_STATUS_UNREACHABLE, "JET_STATUS_UNREACHABLE"},
        {JET_STATUS_NOT_AUTHORIZED, "JET_STATUS_NOT_AUTHORIZED"},
        {JET_STATUS_TIMEOUT, "JET_STATUS_TIMEOUT"},
        {JET_STATUS_TLS, "JET_STATUS_TLS"},
        {JET_STATUS_CLOSED, "JET_STATUS_CLOSED"},
        {JET_STATUS_PROTOCOL, "JET_STATUS_PROTOCOL"},
        {JET_STATUS_WOULD_DEADLOCK, "JET_STATUS_WOULD_DEADLOCK"},
        {JET_STATUS_IO, "JET_STATUS_IO"},
        {JET_STATUS_NOT_FOUND, "JET_STATUS_NOT_FOUND"},
        {JET_STATUS_WRONG_TYPE, "JET_STATUS_WRONG_TYPE"},
        {JET_STATUS_PARSE_ERROR, "JET_STATUS_PARSE_ERROR"},
        {JET_STATUS_INTERNAL, "JET_STATUS_INTERNAL"},
        {JET_STATUS_PANIC, "JET_STATUS_PANIC"},
        {2, "JET_STATUS_UNKNOWN"},
        {-4, "JET_STATUS_UNKNOWN"},
        {-100, "JET_STATUS_UNKNOWN"},
        {12345, "JET_STATUS_UNKNOWN"},
        {INT32_MIN, "JET_STATUS_UNKNOWN"},
        {INT32_MAX, "JET_STATUS_UNKNOWN"},
    };
    size_t i;

    /* Nothing has failed yet on this thread. */
    CHECK_STR(jet_last_error_message(), "");
    CHECK_STR(jet_version(), JET_VERSION);
    CHECK(jet_abi_version() >= 1);
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        CHECK_STR(jet_status_str(names[i].code), names[i].name);
    }
    jet_string_free(NULL);
    jet_event_free(NULL);
    jet_notification_close(NULL);
    /* Shutting down a library that never started is fine. */
    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
}

/* ---- logging ---- */

static void test_log_arguments(void)
{
    static const jet_log_level_t bad_levels[] = {0, 6, 9, -1, INT32_MAX};
    size_t i;

    for (i = 0; i < sizeof bad_levels / sizeof bad_levels[0]; i++) {
        struct counted data = {0, 0};
        CHECK_STATUS(jet_log_set_callback(log_callback, bad_levels[i], &data, count_free),
                     JET_STATUS_INVALID_ARGUMENT);
        /* "On error free_user_data has already been called." */
        CHECK_INT(data.freed, 1);
        CHECK_STATUS(jet_log_set_level(bad_levels[i]), JET_STATUS_INVALID_ARGUMENT);
    }
    {
        /* A NULL callback takes no user data: it is freed at once. */
        struct counted data = {0, 0};
        CHECK_STATUS(jet_log_set_callback(NULL, JET_LOG_INFO, &data, count_free),
                     JET_STATUS_OK);
        CHECK_INT(data.freed, 1);
    }
    /* free_user_data may be NULL. */
    CHECK_STATUS(jet_log_set_callback(NULL, JET_LOG_ERROR, NULL, NULL), JET_STATUS_OK);
    CHECK_STATUS(jet_log_set_level(JET_LOG_WARN), JET_STATUS_OK);
}

/* ---- notification options and open ---- */

static void test_options_default(void)
{
    jet_notification_options_t o;
    CHECK_STATUS(jet_notification_options_default(NULL), JET_STATUS_NULL_ARGUMENT);
    memset(&o, 0xab, sizeof o);
    CHECK_STATUS(jet_notification_options_default(&o), JET_STATUS_OK);
    CHECK_INT(o.struct_size, sizeof(jet_notification_options_t));
    CHECK_STR(o.device, "127.0.0.1");
    CHECK_INT(o.port, 1883);
    CHECK(o.user == NULL);
    CHECK(o.password == NULL);
    CHECK_INT(o.keepalive_s, 60);
    CHECK(o.bind_address == NULL);
    CHECK(o.client_id == NULL);
    CHECK_INT(o.tls, 0);
    CHECK(o.tls_ca_file == NULL);
    CHECK(o.tls_cert_file == NULL);
    CHECK(o.tls_key_file == NULL);
    CHECK(o.tls_server_name == NULL);
    CHECK_INT(o.tls_insecure_skip_verify, 0);
    CHECK_INT(o.connect_timeout_ms, 10000);
    CHECK_INT(o.clean_session, 1);
    CHECK_INT(o.qos, 0);
    CHECK_INT(o.queue_capacity, 65536);
    CHECK_INT(o.max_packet_size, 1048576);
    CHECK_INT(o.reconnect_min_ms, 250);
    CHECK_INT(o.reconnect_max_ms, 30000);
    CHECK_INT(o.overflow, JET_OVERFLOW_DROP);
}

/* A port on 127.0.0.1 where nothing listens (bound a moment ago, then released). */
static uint16_t closed_port(void)
{
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    uint16_t port = 0;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&address, sizeof address) == 0 &&
        getsockname(fd, (struct sockaddr *)&address, &length) == 0) {
        port = ntohs(address.sin_port);
    }
    if (fd >= 0) {
        close(fd);
    }
    CHECK(port != 0);
    return port;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Calls jet_notification_open with `o`, expects `expected` and an untouched
 * out-parameter. */
static void expect_open(const jet_notification_options_t *o, jet_status_t expected,
                        const char *what, int line)
{
    jet_notification_t *session = (jet_notification_t *)SENTINEL_TEXT;
    jet_status_t status = jet_notification_open(o, &session);
    char label[160];
    snprintf(label, sizeof label, "jet_notification_open(%s)", what);
    check_status(status, expected, label, __FILE__, line);
    check_record(session == (jet_notification_t *)SENTINEL_TEXT, "out_session untouched",
                 __FILE__, line);
    if (status == JET_STATUS_OK) {
        jet_notification_close(session);
    }
}

#define EXPECT_OPEN(field_change, expected)                          \
    do {                                                             \
        jet_notification_options_t o;                                \
        jet_notification_options_default(&o);                        \
        o.port = port;                                               \
        field_change;                                                \
        expect_open(&o, (expected), #field_change, __LINE__);        \
    } while (0)

static void test_open_arguments(uint16_t port)
{
    char *long_device = repeated('d', 5000);
    char *long_password = repeated('p', 70000);
    jet_notification_options_t o;
    jet_notification_t *session = (jet_notification_t *)SENTINEL_TEXT;

    jet_notification_options_default(&o);
    CHECK_STATUS(jet_notification_open(NULL, &session), JET_STATUS_NULL_ARGUMENT);
    CHECK(session == (jet_notification_t *)SENTINEL_TEXT);
    CHECK_STATUS(jet_notification_open(&o, NULL), JET_STATUS_NULL_ARGUMENT);

    EXPECT_OPEN(o.struct_size = 0, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.struct_size = sizeof o - 1, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.struct_size = sizeof o + 8, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.struct_size = UINT32_MAX, JET_STATUS_INVALID_ARGUMENT);
    /* NULL is "not set": the default device, 127.0.0.1, where the port is closed. */
    EXPECT_OPEN(o.device = NULL, JET_STATUS_UNREACHABLE);
    CHECK(strstr(jet_last_error_message(), "127.0.0.1") != NULL);
    EXPECT_OPEN(o.device = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.device = long_device, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.device = "", JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.device = "bad host", JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.port = 0, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.user = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.user = long_device, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.user = "lab"; o.password = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.user = "lab"; o.password = long_password, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.password = "secret", JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.bind_address = "not-an-address", JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.bind_address = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.client_id = "", JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.client_id = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.client_id = long_device, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.keepalive_s = 70000, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.tls = 2, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.tls = 255, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.tls = 1; o.tls_insecure_skip_verify = 2, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.tls = 1; o.tls_ca_file = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.tls = 1; o.tls_server_name = BAD_UTF8, JET_STATUS_INVALID_UTF8);
    EXPECT_OPEN(o.tls = 1; o.tls_cert_file = "/nonexistent/c.pem", JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.tls = 1; o.tls_ca_file = "/nonexistent/ca.pem", JET_STATUS_TLS);
    EXPECT_OPEN(o.clean_session = 2, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.clean_session = 0, JET_STATUS_INVALID_ARGUMENT); /* needs a client id */
    EXPECT_OPEN(o.qos = 2, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.overflow = 2, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.connect_timeout_ms = 0, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.queue_capacity = 0, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.max_packet_size = 10, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.reconnect_min_ms = 0, JET_STATUS_INVALID_ARGUMENT);
    EXPECT_OPEN(o.reconnect_min_ms = 5000; o.reconnect_max_ms = 100,
                JET_STATUS_INVALID_ARGUMENT);
    free(long_device);
    free(long_password);
}

/* Opening against a port where nothing listens fails at once, and libjet
 * logs it. */
static void test_open_unreachable(uint16_t port)
{
    struct counted data = {0, 0};
    struct timespec start;
    int bad = 0;
    int before;

    CHECK_STATUS(jet_log_set_callback(log_callback, JET_LOG_TRACE, &data, count_free),
                 JET_STATUS_OK);
    before = log_count(&bad);
    clock_gettime(CLOCK_MONOTONIC, &start);
    EXPECT_OPEN((void)0, JET_STATUS_UNREACHABLE);
    CHECK(seconds_since(&start) < 5.0);
    CHECK(log_count(&bad) > before);
    CHECK_INT(bad, 0);
    /* Replacing the callback frees the previous user data, once. */
    CHECK_STATUS(jet_log_set_callback(NULL, JET_LOG_ERROR, NULL, NULL), JET_STATUS_OK);
    CHECK_INT(data.freed, 1);
}

/* Create checks its arguments like open; a created session is idle, takes
 * subscriptions at once, and a failed connect closes it. */
static void test_create_and_connect(uint16_t port)
{
    jet_notification_options_t o;
    jet_notification_t *session = (jet_notification_t *)SENTINEL_TEXT;
    jet_connection_state_t state = 77;
    uint64_t id = SENTINEL_U64;

    jet_notification_options_default(&o);
    CHECK_STATUS(jet_notification_create(NULL, &session), JET_STATUS_NULL_ARGUMENT);
    CHECK(session == (jet_notification_t *)SENTINEL_TEXT);
    CHECK_STATUS(jet_notification_create(&o, NULL), JET_STATUS_NULL_ARGUMENT);
    o.struct_size = 0;
    CHECK_STATUS(jet_notification_create(&o, &session), JET_STATUS_INVALID_ARGUMENT);
    CHECK(session == (jet_notification_t *)SENTINEL_TEXT);
    jet_notification_options_default(&o);
    o.device = BAD_UTF8;
    CHECK_STATUS(jet_notification_create(&o, &session), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_notification_connect(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_LAST_ERROR("jet_notification_connect");

    jet_notification_options_default(&o);
    o.port = port;
    if (!CHECK_STATUS(jet_notification_create(&o, &session), JET_STATUS_OK)) {
        return;
    }
    CHECK_STATUS(jet_notification_state(session, &state), JET_STATUS_OK);
    CHECK_INT(state, JET_CONNECTION_IDLE);
    CHECK_STATUS(jet_notification_subscribe_pull(session, A_TOPIC, &id), JET_STATUS_OK);
    CHECK(id != SENTINEL_U64);
    CHECK_STATUS(jet_notification_set_inline_callbacks(session, 2), JET_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(jet_last_error_message(), "enabled must be 0 or 1, not 2") != NULL);
    CHECK_STATUS(jet_notification_set_inline_callbacks(session, 1), JET_STATUS_OK);
    CHECK_STATUS(jet_notification_set_inline_callbacks(session, 0), JET_STATUS_OK);
    CHECK_STATUS(jet_notification_connect(session), JET_STATUS_UNREACHABLE);
    CHECK_STATUS(jet_notification_state(session, &state), JET_STATUS_OK);
    CHECK_INT(state, JET_CONNECTION_CLOSED);
    CHECK_STATUS(jet_notification_connect(session), JET_STATUS_CLOSED);
    CHECK_STATUS(jet_notification_set_inline_callbacks(session, 1), JET_STATUS_CLOSED);
    jet_notification_close(session);
}

/* ---- sessions: NULL handles ---- */

static void test_null_session(void)
{
    uint64_t id = SENTINEL_U64;
    jet_event_t *event = (jet_event_t *)SENTINEL_TEXT;
    jet_connection_state_t state = 77;
    jet_notification_stats_t stats;
    struct counted data = {0, 0};

    memset(&stats, 0x5e, sizeof stats);
    CHECK_STATUS(jet_notification_subscribe(NULL, A_TOPIC, event_callback, &data, count_free, &id),
                 JET_STATUS_NULL_ARGUMENT);
    /* free_user_data runs also when subscribe fails, before it returns. */
    CHECK_INT(data.freed, 1);
    CHECK_INT(data.calls, 0);
    CHECK(id == SENTINEL_U64);
    CHECK_STATUS(jet_notification_subscribe(NULL, A_TOPIC, event_callback, NULL, NULL, &id),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_subscribe_pull(NULL, A_TOPIC, &id), JET_STATUS_NULL_ARGUMENT);
    CHECK(id == SENTINEL_U64);
    CHECK_STATUS(jet_notification_unsubscribe(NULL, 1), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_unsubscribe_all(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_set_inline_callbacks(NULL, 1), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_next(NULL, 0, &event), JET_STATUS_NULL_ARGUMENT);
    CHECK(event == (jet_event_t *)SENTINEL_TEXT);
    CHECK_STATUS(jet_notification_state(NULL, &state), JET_STATUS_NULL_ARGUMENT);
    CHECK_INT(state, 77);
    data.freed = 0;
    CHECK_STATUS(jet_notification_set_state_callback(NULL, state_callback, &data, count_free),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_INT(data.freed, 1);
    CHECK_STATUS(jet_notification_set_state_callback(NULL, NULL, NULL, NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_stats(NULL, &stats), JET_STATUS_NULL_ARGUMENT);
    CHECK(stats.received == UINT64_C(0x5e5e5e5e5e5e5e5e));
    CHECK(jet_notification_client_id(NULL) == NULL);
    CHECK_LAST_ERROR("jet_notification_client_id");
}

/* ---- events: NULL handles ---- */

static void test_null_event(void)
{
    const char *text = SENTINEL_CONST;
    const uint8_t *data = (const uint8_t *)SENTINEL_CONST;
    size_t len = 4242;
    int64_t number = SENTINEL_I64;
    jet_event_t *copy = (jet_event_t *)SENTINEL_TEXT;

    CHECK(!jet_event_is_parsed(NULL));
    CHECK_LAST_ERROR("jet_event_is_parsed");
    CHECK_STATUS(jet_event_process_id(NULL, &number), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_raw(NULL, &data, &len), JET_STATUS_NULL_ARGUMENT);
    CHECK(jet_event_attributes_json(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_attributes_json");
    CHECK_INT(jet_event_attr_count(NULL), 0);
    CHECK_LAST_ERROR("jet_event_attr_count");
    CHECK_STATUS(jet_event_attr_name(NULL, 0, &text), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_string(NULL, "name", &text), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_int(NULL, "name", &number), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_json(NULL, "name", &text), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_len(NULL, "name", &len), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_string(NULL, "name", 0, &text), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_clone(NULL, &copy), JET_STATUS_NULL_ARGUMENT);
    CHECK(text == SENTINEL_CONST);
    CHECK(data == (const uint8_t *)SENTINEL_CONST);
    CHECK_INT(len, 4242);
    CHECK_INT(number, SENTINEL_I64);
    CHECK(copy == (jet_event_t *)SENTINEL_TEXT);

    CHECK(jet_event_topic(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_topic");
    CHECK(jet_event_id(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_id");
    CHECK(jet_event_hostname(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_hostname");
    CHECK(jet_event_time(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_time");
    CHECK(jet_event_severity(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_severity");
    CHECK(jet_event_facility(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_facility");
    CHECK(jet_event_process_name(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_process_name");
    CHECK(jet_event_message(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_message");
    CHECK(jet_event_parse_error(NULL) == NULL);
    CHECK_LAST_ERROR("jet_event_parse_error");
}

/* ---- topic builders ---- */

/* Checks a built topic and frees it. */
static void take_topic(char **topic, const char *want, int line)
{
    check_str(*topic, want, "built topic", __FILE__, line);
    jet_string_free(*topic);
    *topic = NULL;
}

#define TOPIC_IS(call, want)                                  \
    do {                                                      \
        CHECK_STATUS(call, JET_STATUS_OK);                    \
        take_topic(&t, (want), __LINE__);                     \
    } while (0)

#define IFX "/junos/events/kernel/interfaces"

static void test_topics_fully_given(void)
{
    char *t = NULL;
    TOPIC_IS(jet_topic_ifd(JET_OP_ADD, "ge-0/0/0", &t), IFX "/ifd/add/ge-0/0/0");
    TOPIC_IS(jet_topic_ifd(JET_OP_DELETE, "lo0", &t), IFX "/ifd/delete/lo0");
    TOPIC_IS(jet_topic_ifd(JET_OP_ALL, "ge-0/0/0", &t), IFX "/ifd/+/ge-0/0/0");
    TOPIC_IS(jet_topic_ifl(JET_OP_CHANGE, "ge-0/0/0", 0, &t), IFX "/ifl/change/ge-0/0/0.0");
    TOPIC_IS(jet_topic_ifl(JET_OP_ADD, "ae0", 4294967295LL, &t), IFX "/ifl/add/ae0.4294967295");
    TOPIC_IS(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", 0, "inet6", &t),
             IFX "/iff/add/ge-0/0/0.0/inet6");
    TOPIC_IS(jet_topic_ifa(JET_OP_ADD, "xe-0/0/0", 0, "inet", "192.0.2.1/32", &t),
             IFX "/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32");
    TOPIC_IS(jet_topic_ifa(JET_OP_DELETE, "xe-0/0/0", 7, "inet6", "2001:DB8::1/64", &t),
             IFX "/ifa/delete/xe-0/0/0.7/inet6/2001:db8::1/64");
    TOPIC_IS(jet_topic_firewall_filter(JET_OP_ADD, "filter-by-jet", &t),
             "/junos/events/kernel/firewall/filter/add/filter-by-jet");
    TOPIC_IS(jet_topic_route(JET_OP_ADD, "inet", "198.51.100.0", 24, &t),
             "/junos/events/kernel/route/add/inet/198.51.100.0/24");
    TOPIC_IS(jet_topic_route(JET_OP_DELETE, "inet6", "2001:db8::", 128, &t),
             "/junos/events/kernel/route/delete/inet6/2001:db8::/128");
    TOPIC_IS(jet_topic_route_table(JET_OP_ADD, "blue.inet.0", "default", &t),
             "/junos/events/kernel/route-table/add/blue.inet.0/default");
    TOPIC_IS(jet_topic_syslog("LOGIN_INFORMATION", &t), "/junos/events/syslog/LOGIN_INFORMATION");
    TOPIC_IS(jet_topic_all_events(&t), "/junos/events/#");
    TOPIC_IS(jet_topic_all_kernel_events(&t), "/junos/events/kernel/#");
    TOPIC_IS(jet_topic_config_update(&t), "/junos/events/genpub/config-update");
}

/* The topics of the sample events (tests/data/events/topics.tsv), by kind. */
enum sample_kind { S_IFD, S_IFL, S_IFF, S_IFA, S_FW, S_ROUTE, S_TABLE, S_SYSLOG, S_CONFIG };
static const struct {
    enum sample_kind kind;
    const char *topic;
} samples[] = {
    {S_IFD, IFX "/ifd/add/ge-0/0/0"},
    {S_IFD, IFX "/ifd/add/ge-0/0/1"},
    {S_IFL, IFX "/ifl/change/ge-0/0/0.0"},
    {S_IFF, IFX "/iff/add/ge-0/0/0.0/inet6"},
    {S_IFA, IFX "/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32"},
    {S_FW, "/junos/events/kernel/firewall/filter/add/filter-by-jet"},
    {S_ROUTE, "/junos/events/kernel/route/add/inet/198.51.100.0/24"},
    {S_TABLE, "/junos/events/kernel/route-table/add/blue.inet.0/default"},
    {S_SYSLOG, "/junos/events/syslog/LOGIN_INFORMATION"},
    {S_SYSLOG, "/junos/events/syslog/UI_CHILD_STATUS"},
    {S_CONFIG, "/junos/events/genpub/config-update"},
};
#define N_SAMPLES (sizeof samples / sizeof samples[0])
#define KIND(k) (1u << (k))
#define KERNEL_KINDS \
    (KIND(S_IFD) | KIND(S_IFL) | KIND(S_IFF) | KIND(S_IFA) | KIND(S_FW) | KIND(S_ROUTE) | KIND(S_TABLE))

/* Checks that `filter` matches exactly the sample topics of the kinds in
 * `kinds`, then frees it. */
static void expect_matches(char **filter, unsigned kinds, int line)
{
    size_t i;
    check_record(*filter != NULL, "a filter was built", __FILE__, line);
    if (*filter == NULL) {
        return;
    }
    check_status(jet_topic_validate(*filter), JET_STATUS_OK, "jet_topic_validate", __FILE__,
                 line);
    for (i = 0; i < N_SAMPLES; i++) {
        bool matched = !(kinds & KIND(samples[i].kind));
        jet_status_t status = jet_topic_matches(*filter, samples[i].topic, &matched);
        char what[512];
        snprintf(what, sizeof what, "%.200s %s %.200s", *filter,
                 (kinds & KIND(samples[i].kind)) ? "matches" : "does not match",
                 samples[i].topic);
        check_record(status == JET_STATUS_OK &&
                         matched == ((kinds & KIND(samples[i].kind)) != 0),
                     what, __FILE__, line);
    }
    jet_string_free(*filter);
    *filter = NULL;
}

#define MATCHES(call, kinds)                          \
    do {                                              \
        CHECK_STATUS(call, JET_STATUS_OK);            \
        expect_matches(&t, (kinds), __LINE__);        \
    } while (0)

/* Omitted arguments are wildcards: which exact wildcard is the library's
 * business, what it must match is the contract. */
static void test_topics_with_defaults(void)
{
    char *t = NULL;
    MATCHES(jet_topic_ifd(JET_OP_ALL, NULL, &t), KIND(S_IFD));
    MATCHES(jet_topic_ifd(JET_OP_ADD, NULL, &t), KIND(S_IFD));
    MATCHES(jet_topic_ifd(JET_OP_DELETE, NULL, &t), 0);
    MATCHES(jet_topic_ifl(JET_OP_ALL, NULL, JET_ANY, &t), KIND(S_IFL));
    MATCHES(jet_topic_ifl(JET_OP_CHANGE, NULL, JET_ANY, &t), KIND(S_IFL));
    MATCHES(jet_topic_iff(JET_OP_ALL, NULL, JET_ANY, NULL, &t), KIND(S_IFF));
    MATCHES(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", 0, NULL, &t), KIND(S_IFF));
    MATCHES(jet_topic_iff(JET_OP_ADD, NULL, JET_ANY, "inet", &t), 0);
    MATCHES(jet_topic_ifa(JET_OP_ALL, NULL, JET_ANY, NULL, NULL, &t), KIND(S_IFA));
    MATCHES(jet_topic_ifa(JET_OP_ADD, "xe-0/0/0", 0, "inet", NULL, &t), KIND(S_IFA));
    MATCHES(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, NULL, "192.0.2.1", &t), KIND(S_IFA));
    MATCHES(jet_topic_ifa(JET_OP_ADD, "xe-0/0/0", 0, "inet", "192.0.2.1", &t), KIND(S_IFA));
    MATCHES(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, NULL, "192.0.2.1/24", &t), 0);
    MATCHES(jet_topic_firewall_filter(JET_OP_ALL, NULL, &t), KIND(S_FW));
    MATCHES(jet_topic_route(JET_OP_ALL, NULL, NULL, JET_ANY, &t), KIND(S_ROUTE));
    MATCHES(jet_topic_route(JET_OP_ADD, "inet", NULL, JET_ANY, &t), KIND(S_ROUTE));
    MATCHES(jet_topic_route(JET_OP_ADD, NULL, "198.51.100.0", JET_ANY, &t), KIND(S_ROUTE));
    MATCHES(jet_topic_route(JET_OP_ADD, NULL, NULL, 24, &t), KIND(S_ROUTE));
    MATCHES(jet_topic_route(JET_OP_ADD, "inet6", NULL, JET_ANY, &t), 0);
    MATCHES(jet_topic_route_table(JET_OP_ALL, NULL, NULL, &t), KIND(S_TABLE));
    MATCHES(jet_topic_route_table(JET_OP_ADD, "blue.inet.0", NULL, &t), KIND(S_TABLE));
    MATCHES(jet_topic_route_table(JET_OP_ADD, NULL, "default", &t), KIND(S_TABLE));
    MATCHES(jet_topic_syslog(NULL, &t), KIND(S_SYSLOG));
    MATCHES(jet_topic_all_events(&t),
            KERNEL_KINDS | KIND(S_SYSLOG) | KIND(S_CONFIG));
    MATCHES(jet_topic_all_kernel_events(&t), KERNEL_KINDS);
    MATCHES(jet_topic_config_update(&t), KIND(S_CONFIG));
}

/* Each builder with a NULL out_topic, an unknown op, and invalid UTF-8 or an
 * oversize string in each string argument. */
static void test_topic_builder_arguments(void)
{
    char *t = SENTINEL_TEXT;
    char *big = repeated('x', 5000);
    static const jet_op_t bad_ops[] = {99, -1, 4, INT32_MIN};
    size_t i;

    CHECK_STATUS(jet_topic_ifd(JET_OP_ADD, "ge-0/0/0", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0", 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", 0, "inet", NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, "ge-0/0/0", 0, "inet", "192.0.2.1", NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_firewall_filter(JET_OP_ADD, "f", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, "inet", "198.51.100.0", 24, NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_route_table(JET_OP_ADD, "inet.0", "default", NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_syslog("UI_COMMIT", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_all_events(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_all_kernel_events(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_config_update(NULL), JET_STATUS_NULL_ARGUMENT);

    for (i = 0; i < sizeof bad_ops / sizeof bad_ops[0]; i++) {
        jet_op_t op = bad_ops[i];
        CHECK_STATUS(jet_topic_ifd(op, "ge-0/0/0", &t), JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_topic_ifl(op, "ge-0/0/0", 0, &t), JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_topic_iff(op, "ge-0/0/0", 0, "inet", &t), JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_topic_ifa(op, NULL, JET_ANY, NULL, NULL, &t),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_topic_firewall_filter(op, NULL, &t), JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_topic_route(op, NULL, NULL, JET_ANY, &t), JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_topic_route_table(op, NULL, NULL, &t), JET_STATUS_INVALID_ARGUMENT);
    }

    CHECK_STATUS(jet_topic_ifd(JET_OP_ADD, BAD_UTF8, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, BAD_UTF8, 0, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_iff(JET_OP_ADD, BAD_UTF8, 0, "inet", &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", 0, BAD_UTF8, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, BAD_UTF8, 0, NULL, NULL, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, BAD_UTF8, NULL, &t),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, NULL, BAD_UTF8, &t),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_firewall_filter(JET_OP_ADD, BAD_UTF8, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, BAD_UTF8, NULL, JET_ANY, &t),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, NULL, BAD_UTF8, JET_ANY, &t),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_route_table(JET_OP_ADD, BAD_UTF8, NULL, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_route_table(JET_OP_ADD, NULL, BAD_UTF8, &t), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_syslog(BAD_UTF8, &t), JET_STATUS_INVALID_UTF8);

    CHECK_STATUS(jet_topic_ifd(JET_OP_ADD, big, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_iff(JET_OP_ADD, NULL, JET_ANY, big, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_firewall_filter(JET_OP_ADD, big, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_route_table(JET_OP_ADD, big, NULL, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_syslog(big, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK(t == SENTINEL_TEXT);
    free(big);
}

/* Integer arguments out of range, and arguments that contradict each other. */
static void test_topic_builder_ranges(void)
{
    char *t = SENTINEL_TEXT;
    const int64_t huge_unit = (int64_t)1 << 33;

    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0", -2, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0", huge_unit, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0", INT64_MIN, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", -2, NULL, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_iff(JET_OP_ADD, "ge-0/0/0", huge_unit, NULL, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, "ge-0/0/0", -2, NULL, NULL, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, "ge-0/0/0", huge_unit, NULL, NULL, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, NULL, NULL, 129, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, NULL, NULL, -2, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, NULL, NULL, INT32_MAX, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, "inet", "198.51.100.0", 33, &t),
                 JET_STATUS_INVALID_ARGUMENT);

    /* An interface name and a unit go together. */
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0", JET_ANY, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, NULL, 0, &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifl(JET_OP_ADD, "ge-0/0/0.1", 1, &t), JET_STATUS_INVALID_ARGUMENT);
    /* Names with wildcards or spaces, bad addresses, families that disagree. */
    CHECK_STATUS(jet_topic_ifd(JET_OP_ADD, "ge-0/0/+", &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifd(JET_OP_ADD, "", &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_syslog("UI/X", &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_syslog("#", &t), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, NULL, "192.0.2", &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, NULL, "192.0.2.1/33", &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_ifa(JET_OP_ADD, NULL, JET_ANY, "inet6", "192.0.2.1", &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_route(JET_OP_ADD, "inet", "2001:db8::", JET_ANY, &t),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK(t == SENTINEL_TEXT);
}

/* jet_topic_validate and jet_topic_matches, with a 70,000-byte topic. */
static void test_validate_and_match(void)
{
    char *huge = repeated('a', 70000);
    char *longest = repeated('b', 65535);
    bool matched = true;

    CHECK_STATUS(jet_topic_validate(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_validate(BAD_UTF8), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_validate(huge), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_validate(""), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_validate("a/#/b"), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_validate("a+"), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_validate(longest), JET_STATUS_OK);
    CHECK_STATUS(jet_topic_validate("/junos/events/#"), JET_STATUS_OK);
    CHECK_STATUS(jet_topic_validate("+/+"), JET_STATUS_OK);

    CHECK_STATUS(jet_topic_matches(NULL, "a", &matched), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_matches("a", NULL, &matched), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_matches("a", "a", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_topic_matches(BAD_UTF8, "a", &matched), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_matches("a", BAD_UTF8, &matched), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_topic_matches(huge, "a", &matched), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_matches("#", huge, &matched), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_matches("a/#/b", "a/x/b", &matched), JET_STATUS_INVALID_ARGUMENT);
    /* A topic name holds no wildcard (issue 19). */
    CHECK_STATUS(jet_topic_matches("a/+", "a/+", &matched), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_matches("#", "a/#", &matched), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_topic_matches("#", "", &matched), JET_STATUS_INVALID_ARGUMENT);
    CHECK(matched == true);

    CHECK_STATUS(jet_topic_matches("a/+/c", "a/b/c", &matched), JET_STATUS_OK);
    CHECK(matched == true);
    CHECK_STATUS(jet_topic_matches("a/+", "a/b/c", &matched), JET_STATUS_OK);
    CHECK(matched == false);
    CHECK_STATUS(jet_topic_matches("a/#", "a", &matched), JET_STATUS_OK);
    CHECK(matched == true);
    CHECK_STATUS(jet_topic_matches("#", "$SYS/broker", &matched), JET_STATUS_OK);
    CHECK(matched == false);
    CHECK_STATUS(jet_topic_matches("#", longest, &matched), JET_STATUS_OK);
    CHECK(matched == true);
    free(huge);
    free(longest);
}

/* After jet_shutdown libjet starts again on next use. */
static void test_shutdown_and_restart(uint16_t port)
{
    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
    EXPECT_OPEN((void)0, JET_STATUS_UNREACHABLE);
    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
}

int main(void)
{
    uint16_t port;
    test_library();
    test_log_arguments();
    test_options_default();
    port = closed_port();
    test_open_arguments(port);
    test_open_unreachable(port);
    test_create_and_connect(port);
    test_null_session();
    test_null_event();
    test_topics_fully_given();
    test_topics_with_defaults();
    test_topic_builder_arguments();
    test_topic_builder_ranges();
    test_validate_and_match();
    test_shutdown_and_restart(port);
    return check_summary();
}
