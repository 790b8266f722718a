/*
 * abi_service: libjet's service ABI (jet_service_*, jet_interface_address_*,
 * jet_management_*, jet_firewall_*) as a C program sees it, against the JET
 * device simulator that tests/c_services.rs runs.
 *
 * - Argument errors: every function with NULL for each pointer argument,
 *   invalid UTF-8, unknown enum values, oversize strings and documents, and
 *   a wrong struct_size give the documented status, a message that names the
 *   function, no gRPC or device code, and untouched out-parameters. Those
 *   that need a session run on a live one, and the driver confirms that none
 *   of them reached the device; so do malformed filter, term change and
 *   policer documents, whose messages name the path of the mistake.
 * - Each service on a jnx device and on a legacy device (clear text), and a
 *   session over TLS: generations, interface addresses, operational commands
 *   and configuration loads in every format, and a filter's whole life
 *   (add, bind, counters, modify, replace, policers, unbind, delete), with
 *   the device's state read back through the driver.
 * - Failures: a wrong password, a client id in use, a generation the device
 *   does not serve, an unreachable port.
 *
 * Written in the common subset of C99 and C++17 (the suite builds it as both).
 *
 * Usage: abi_service --port P --legacy-port Q --tls-port T --ca FILE --closed-port C
 *   P: a jnx device (user lab/lab123), Q: a legacy device, T: a jnx device
 *   serving TLS with a certificate from the CA in FILE, C: a port nobody
 *   listens on.
 *
 * It asks its driver for what only the device knows by printing one line on
 * stdout and reading one line of answer on stdin. <dev> is jnx, legacy or tls.
 *   QUIET-BEGIN <dev>        -> OK
 *   QUIET-END <dev>          -> OK, or SENT <methods> when requests reached the
 *                               device since QUIET-BEGIN
 *   TICK <dev>               -> OK <packets> <bytes>: traffic through every bound
 *                               filter, the amount each counter gained
 *   TERMS <dev> <filter>     -> the filter's terms "t1,t2", or "-" without it
 *   BINDS <dev>              -> "<filter> <interface> <direction>;…" or "-"
 *   ADDRESSES <dev>          -> "<ifl> <family> <prefix>;…" or "-"
 *   POLICERS <dev>           -> "p1,…" or "-"
 *   CONFIGS <dev>            -> the commit comments of the loaded configurations,
 *                               "-" for none, joined with "|"; "" when none
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jet.h"

static const char USER[] = "lab";
static const char PASSWORD[] = "lab123";
static const char BAD_UTF8[] = "\xff\xfe";

/* Out-parameters start as these; a refused call must leave them so. */
static char sentinel_byte;
#define SENTINEL_TEXT ((char *)&sentinel_byte)
#define SENTINEL_SESSION ((jet_service_t *)&sentinel_byte)
#define SENTINEL_U64 UINT64_C(0x5e5e5e5e5e5e5e5e)
#define SENTINEL_U32 UINT32_C(0x5e5e5e5e)
#define SENTINEL_GENERATION 77

/* The demo filter of examples/c/firewall.c. */
static const char FILTER[] = "jet-demo-icmp";
static const char FILTER_JSON[] =
    "{\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": ["
    "{\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},"
    " \"actions\": {\"count\": \"icmp-count\", \"discard\": true}},"
    "{\"name\": \"t2\", \"actions\": {\"accept\": true}}]}";
/* The same filter with a term t3 between t1 and t2. */
static const char REPLACEMENT_JSON[] =
    "{\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": ["
    "{\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},"
    " \"actions\": {\"count\": \"icmp-count\", \"discard\": true}},"
    "{\"name\": \"t3\", \"matches\": {\"protocols\": [\"udp\"], \"destination-ports\": [53]},"
    " \"actions\": {\"count\": \"udp-count\", \"accept\": true}},"
    "{\"name\": \"t2\", \"actions\": {\"accept\": true}}]}";
static const char ADD_T1B_JSON[] =
    "[{\"op\": \"add\", \"term\": {\"name\": \"t1b\", \"matches\": {\"protocols\": [\"tcp\"]},"
    " \"actions\": {\"count\": \"tcp-count\", \"accept\": true}}, \"adjacency\": {\"after\": \"t1\"}}]";
static const char DELETE_T1B_JSON[] = "[{\"op\": \"delete\", \"term\": {\"name\": \"t1b\"}}]";
static const char ADD_TP_JSON[] =
    "[{\"op\": \"add\", \"term\": {\"name\": \"tp\", \"matches\": {\"protocols\": [\"tcp\"]},"
    " \"actions\": {\"policer\": \"p1\", \"accept\": true}}, \"adjacency\": {\"before\": \"t2\"}}]";
static const char DELETE_TP_JSON[] = "[{\"op\": \"delete\", \"term\": {\"name\": \"tp\"}}]";
static const char POLICER_JSON[] =
    "{\"name\": \"p1\", \"two-color\": {\"bandwidth\": {\"value\": 10, \"unit\": \"mbps\"},"
    " \"burst\": {\"value\": 100, \"unit\": \"kbytes\"}, \"then\": \"discard\"}}";
static const char POLICER_CHANGED_JSON[] =
    "{\"name\": \"p1\", \"two-color\": {\"bandwidth\": {\"value\": 20, \"unit\": \"mbps\"},"
    " \"burst\": {\"value\": 200, \"unit\": \"kbytes\"}, \"then\": {\"loss-priority\": \"high\"}},"
    " \"scope\": \"term-specific\"}";

/* ---- small tools ---- */

/* Oversize arguments: every byte 'x' (main fills them), over the limits of
 * 4096 (settings, commit comments), 256 (client ids), 255 (names) and 64
 * bytes (addresses). */
static char text_5000[5001];
static char text_300[301];
static char text_100[101];

/* Checks that `text` contains `needle`. */
static int check_contains(const char *text, const char *needle, const char *expr, const char *file,
                          int line)
{
    if (text == NULL || strstr(text, needle) == NULL) {
        char what[1024];
        snprintf(what, sizeof what, "%.200s is \"%.500s\", without \"%.200s\"", expr,
                 text ? text : "(NULL)", needle);
        return check_record(0, what, file, line);
    }
    return check_record(1, expr, file, line);
}
#define CHECK_CONTAINS(text, needle) check_contains((text), (needle), #text, __FILE__, __LINE__)
/* The last error's message contains `needle`. */
#define CHECK_MESSAGE(needle) \
    check_contains(jet_last_error_message(), (needle), "last error", __FILE__, __LINE__)

/* An argument error carries neither a gRPC nor a device code. */
#define CHECK_NO_CODES()                          \
    do {                                          \
        CHECK_INT(jet_last_error_grpc_code(), -1); \
        CHECK_INT(jet_last_error_device_code(), -1); \
    } while (0)

/* Options for `port` with the lab user, clear text unless `tls_ca` is given. */
static jet_service_options_t options_for(uint16_t port, jet_api_t api, const char *tls_ca)
{
    jet_service_options_t options;
    jet_service_options_default(&options);
    options.port = port;
    options.user = USER;
    options.password = PASSWORD;
    options.api = api;
    options.clear_text = tls_ca == NULL ? 1 : 0;
    options.tls_ca_file = tls_ca;
    return options;
}

/* Opens a session, or returns NULL after recording the failure. */
static jet_service_t *open_session(const jet_service_options_t *options, const char *file, int line)
{
    jet_service_t *session = NULL;
    jet_status_t status = jet_service_open(options, &session);
    check_status(status, JET_STATUS_OK, "jet_service_open(options)", file, line);
    if (status != JET_STATUS_OK) {
        return NULL;
    }
    check_record(session != NULL, "jet_service_open gave a session", file, line);
    return session;
}
#define OPEN_SESSION(options) open_session((options), __FILE__, __LINE__)

/* jet_service_open refuses `options` with `expected`; the message contains
 * `needle` (unless NULL) and *out_session is untouched. */
static void open_refused(const jet_service_options_t *options, jet_status_t expected, const char *what,
                         const char *needle, const char *file, int line)
{
    jet_service_t *session = SENTINEL_SESSION;
    char call[256];
    snprintf(call, sizeof call, "jet_service_open(%s)", what);
    check_status(jet_service_open(options, &session), expected, call, file, line);
    check_record(session == SENTINEL_SESSION, "out_session untouched", file, line);
    if (needle != NULL) {
        check_contains(jet_last_error_message(), needle, call, file, line);
    }
    if (expected == JET_STATUS_INVALID_ARGUMENT || expected == JET_STATUS_NULL_ARGUMENT ||
        expected == JET_STATUS_INVALID_UTF8) {
        check_int(jet_last_error_grpc_code(), -1, "grpc code of an argument error", file, line);
        check_int(jet_last_error_device_code(), -1, "device code of an argument error", file, line);
    }
}
#define OPEN_REFUSED(options, expected, what, needle) \
    open_refused((options), (expected), (what), (needle), __FILE__, __LINE__)

/* The generation `service` of `session` is `expected`. */
static void check_generation(jet_service_t *session, jet_service_kind_t service, jet_generation_t expected,
                             const char *file, int line)
{
    jet_generation_t generation = SENTINEL_GENERATION;
    char what[128];
    check_status(jet_service_generation(session, service, &generation), JET_STATUS_OK,
                 "jet_service_generation(session, service, &generation)", file, line);
    snprintf(what, sizeof what, "generation of service %d", (int)service);
    check_int(generation, expected, what, file, line);
}
#define CHECK_GENERATION(session, service, expected) \
    check_generation((session), (service), (expected), __FILE__, __LINE__)

/* ---- without a device ---- */

/* A string setting (at `offset` in the options) that jet_service_open
 * refuses, the TLS ones with clear_text 0, and what the message must contain. */
#define OPT(field) offsetof(jet_service_options_t, field)
static const struct {
    size_t offset;
    const char *value;
    jet_status_t expected;
    const char *what;
    const char *needle;
} REFUSED_STRINGS[] = {
    /* NULL is "not set": the default device, 127.0.0.1, where the port is closed. */
    {OPT(device), NULL, JET_STATUS_UNREACHABLE, "device NULL", "127.0.0.1"},
    {OPT(device), text_5000, JET_STATUS_INVALID_ARGUMENT, "5000-byte device", "device"},
    {OPT(device), BAD_UTF8, JET_STATUS_INVALID_UTF8, "device not UTF-8", "device"},
    {OPT(device), "", JET_STATUS_INVALID_ARGUMENT, "empty device", "device"},
    {OPT(device), "no such host", JET_STATUS_INVALID_ARGUMENT, "device with spaces", "no such host"},
    {OPT(user), BAD_UTF8, JET_STATUS_INVALID_UTF8, "user not UTF-8", "user"},
    {OPT(user), text_5000, JET_STATUS_INVALID_ARGUMENT, "5000-byte user", "user"},
    {OPT(password), BAD_UTF8, JET_STATUS_INVALID_UTF8, "password not UTF-8", "password"},
    {OPT(client_id), BAD_UTF8, JET_STATUS_INVALID_UTF8, "client_id not UTF-8", "client_id"},
    {OPT(client_id), "", JET_STATUS_INVALID_ARGUMENT, "empty client_id", "client id"},
    {OPT(client_id), text_300, JET_STATUS_INVALID_ARGUMENT, "300-byte client_id", "client id"},
    {OPT(client_id), text_5000, JET_STATUS_INVALID_ARGUMENT, "5000-byte client_id", "client_id"},
    {OPT(tls_ca_file), BAD_UTF8, JET_STATUS_INVALID_UTF8, "tls_ca_file not UTF-8", "tls_ca_file"},
    {OPT(tls_ca_file), text_5000, JET_STATUS_INVALID_ARGUMENT, "5000-byte tls_ca_file", "tls_ca_file"},
    {OPT(tls_ca_file), "/nonexistent/abi-service-ca.pem", JET_STATUS_TLS, "missing tls_ca_file", "abi-service-ca.pem"},
    {OPT(tls_cert_file), BAD_UTF8, JET_STATUS_INVALID_UTF8, "tls_cert_file not UTF-8", "tls_cert_file"},
    {OPT(tls_key_file), text_5000, JET_STATUS_INVALID_ARGUMENT, "5000-byte tls_key_file", "tls_key_file"},
    {OPT(tls_server_name), BAD_UTF8, JET_STATUS_INVALID_UTF8, "tls_server_name not UTF-8", "tls_server_name"},
};

static void check_options(uint16_t closed_port)
{
    jet_service_options_t defaults;
    jet_service_options_t base;
    jet_service_options_t o;
    size_t i;

    CHECK_STATUS(jet_service_options_default(NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_service_options_default(&defaults), JET_STATUS_OK);
    CHECK_INT(defaults.struct_size, sizeof defaults);
    CHECK_STR(defaults.device, "127.0.0.1");
    CHECK_INT(defaults.port, 32767);
    CHECK(defaults.user == NULL && defaults.password == NULL && defaults.client_id == NULL);
    CHECK_INT(defaults.api, JET_API_AUTO);
    CHECK_INT(defaults.clear_text, 0);
    CHECK(defaults.tls_ca_file == NULL && defaults.tls_cert_file == NULL && defaults.tls_key_file == NULL &&
          defaults.tls_server_name == NULL);
    CHECK_INT(defaults.tls_insecure_skip_verify, 0);
    CHECK_INT(defaults.connect_timeout_ms, 10000);
    CHECK_INT(defaults.call_timeout_ms, 30000);

    base = options_for(closed_port, JET_API_AUTO, NULL);
    OPEN_REFUSED(NULL, JET_STATUS_NULL_ARGUMENT, "NULL options", "options");
    CHECK_STATUS(jet_service_open(&base, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("out_session");
    CHECK_NO_CODES();

    for (i = 0; i < sizeof REFUSED_STRINGS / sizeof REFUSED_STRINGS[0]; i++) {
        o = base;
        o.clear_text = REFUSED_STRINGS[i].offset >= OPT(tls_ca_file) ? 0 : 1;
        memcpy((char *)&o + REFUSED_STRINGS[i].offset, &REFUSED_STRINGS[i].value, sizeof(const char *));
        OPEN_REFUSED(&o, REFUSED_STRINGS[i].expected, REFUSED_STRINGS[i].what, REFUSED_STRINGS[i].needle);
    }

    o = base;
    o.struct_size = 0;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "struct_size 0", "struct_size");
    o.struct_size = (uint32_t)sizeof o + 8;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "struct_size too big", "struct_size");
    o.struct_size = (uint32_t)sizeof o - 4;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "struct_size too small", "struct_size");
    o = base;
    o.port = 0;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "port 0", "port");
    o = base;
    o.user = NULL;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "password without user", "password");
    o = base;
    o.api = 9;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "api 9", "api 9");
    o.api = -1;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "api -1", "api -1");
    o = base;
    o.clear_text = 2;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "clear_text 2", "clear_text");
    o = base;
    o.clear_text = 0;
    o.tls_insecure_skip_verify = 2;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "tls_insecure_skip_verify 2", "tls_insecure_skip_verify");
    o = base;
    o.connect_timeout_ms = 0;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "connect_timeout_ms 0", "timeout");
    o = base;
    o.call_timeout_ms = 0;
    OPEN_REFUSED(&o, JET_STATUS_INVALID_ARGUMENT, "call_timeout_ms 0", "timeout");

    /* Nobody listens there. */
    o = base;
    o.connect_timeout_ms = 5000;
    OPEN_REFUSED(&o, JET_STATUS_UNREACHABLE, "closed port", NULL);
}

/* Every function that takes a session, with NULL for it. */
static void check_null_session(void)
{
    jet_generation_t generation = SENTINEL_GENERATION;
    jet_counter_t counter;
    uint32_t seconds = SENTINEL_U32;
    char *text = SENTINEL_TEXT;
    counter.bytes = SENTINEL_U64;
    counter.packets = SENTINEL_U64;

    jet_service_close(NULL);
    CHECK(jet_service_client_id(NULL) == NULL);
    CHECK_LAST_ERROR("jet_service_client_id");
    CHECK_STATUS(jet_service_generation(NULL, JET_SERVICE_FIREWALL, &generation), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("session");
    CHECK_INT(generation, SENTINEL_GENERATION);

    CHECK_STATUS(jet_interface_address_add(NULL, "ge-0/0/0", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("session");
    CHECK_STATUS(jet_interface_address_delete(NULL, "ge-0/0/0", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_NULL_ARGUMENT);

    CHECK_STATUS(jet_management_run(NULL, "show version", JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &text),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK(text == SENTINEL_TEXT);
    CHECK_STATUS(jet_management_load(NULL, "set system host-name r1", JET_CONFIG_SET, JET_LOAD_MERGE, NULL, 0),
                 JET_STATUS_NULL_ARGUMENT);

    CHECK_STATUS(jet_firewall_filter_add(NULL, FILTER_JSON, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("session");
    CHECK_STATUS(jet_firewall_filter_modify(NULL, FILTER, JET_FAMILY_INET, DELETE_T1B_JSON, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_replace(NULL, FILTER_JSON, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_delete(NULL, FILTER, JET_FAMILY_INET, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_bind(NULL, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_unbind(NULL, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_add(NULL, POLICER_JSON, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_modify(NULL, POLICER_JSON, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_delete(NULL, "p1", JET_POLICER_TERM_SPECIFIC, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_counter_get(NULL, FILTER, "icmp-count", 0, &counter), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_counter_get(NULL, FILTER, "p1-tp", 0, &counter), JET_STATUS_NULL_ARGUMENT);
    CHECK(counter.bytes == SENTINEL_U64 && counter.packets == SENTINEL_U64);
    CHECK_STATUS(jet_firewall_counter_clear(NULL, FILTER, "icmp-count", 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_counters_get(NULL, FILTER, 0, &text), JET_STATUS_NULL_ARGUMENT);
    CHECK(text == SENTINEL_TEXT);
    CHECK_STATUS(jet_firewall_purge_timer_set(NULL, 300, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_purge_timer_get(NULL, 0, &seconds), JET_STATUS_NULL_ARGUMENT);
    CHECK_INT(seconds, SENTINEL_U32);
    CHECK_STATUS(jet_firewall_purge_timer_delete(NULL, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("session");
    CHECK_NO_CODES();
    jet_string_free(NULL);
}

/* ---- on a live session, nothing of which may reach the device ---- */

/* Addresses refused before anything is sent (NULL: 100 bytes), and what
 * the message says. */
static const struct {
    jet_family_t family;
    const char *address;
    const char *needle;
} BAD_ADDRESSES[] = {
    {JET_FAMILY_INET, NULL, "address is 100 bytes"},
    {JET_FAMILY_INET, "192.0.2.300/24", "192.0.2.300"},
    {JET_FAMILY_INET, "192.0.2.1", "prefix length"},
    {JET_FAMILY_INET, "2001:db8::1/64", "not of family inet"},
    {JET_FAMILY_INET6, "2001:db8::1/129", "prefix length 129"},
    {JET_FAMILY_INET6, "192.0.2.1/24", "not of family inet6"},
};

/* The functions that take (session, document, timeout). */
typedef jet_status_t (*document_function)(jet_service_t *, const char *, uint32_t);
static const struct {
    document_function call;
    const char *name;
    const char *argument;
} DOCUMENT_CALLS[] = {
    {jet_firewall_filter_add, "jet_firewall_filter_add", "filter_json"},
    {jet_firewall_filter_replace, "jet_firewall_filter_replace", "filter_json"},
    {jet_firewall_policer_add, "jet_firewall_policer_add", "policer_json"},
    {jet_firewall_policer_modify, "jet_firewall_policer_modify", "policer_json"},
};

/* The other arguments of every function; `huge` is a 17 MiB string. */
static void check_session_arguments(jet_service_t *s, const char *huge)
{
    jet_generation_t generation = SENTINEL_GENERATION;
    jet_counter_t counter;
    uint32_t seconds = SENTINEL_U32;
    char *text = SENTINEL_TEXT;
    const char *long_name = text_300;
    const char *long_address = text_100;
    const char *long_comment = text_5000;
    int i;
    /* family 0 and 3, direction 0 and 3 */
    const int32_t bad_values[2] = {0, 3};
    counter.bytes = SENTINEL_U64;
    counter.packets = SENTINEL_U64;

    CHECK(jet_service_client_id(s) != NULL && jet_service_client_id(s)[0] != '\0');
    CHECK_STATUS(jet_service_generation(s, 9, &generation), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("service 9");
    CHECK_STATUS(jet_service_generation(s, -1, &generation), JET_STATUS_INVALID_ARGUMENT);
    CHECK_INT(generation, SENTINEL_GENERATION);
    CHECK_STATUS(jet_service_generation(s, JET_SERVICE_FIREWALL, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("out_generation");
    CHECK_NO_CODES();

    /* Interface addresses. */
    CHECK_STATUS(jet_interface_address_add(s, NULL, 0, JET_FAMILY_INET, "192.0.2.1/24", 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("ifd");
    CHECK_STATUS(jet_interface_address_add(s, "ge-0/0/0", 0, JET_FAMILY_INET, NULL, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("address");
    CHECK_STATUS(jet_interface_address_delete(s, NULL, 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_interface_address_delete(s, "ge-0/0/0", 0, JET_FAMILY_INET, NULL, 0), JET_STATUS_NULL_ARGUMENT);
    for (i = 0; i < 2; i++) {
        CHECK_STATUS(jet_interface_address_add(s, "ge-0/0/0", 0, bad_values[i], "192.0.2.1/24", 0),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_MESSAGE("family");
        CHECK_STATUS(jet_interface_address_delete(s, "ge-0/0/0", 0, bad_values[i], "192.0.2.1/24", 0),
                     JET_STATUS_INVALID_ARGUMENT);
    }
    CHECK_STATUS(jet_interface_address_add(s, BAD_UTF8, 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_interface_address_add(s, "ge-0/0/0", 0, JET_FAMILY_INET, BAD_UTF8, 0), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_interface_address_delete(s, BAD_UTF8, 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_interface_address_add(s, long_name, 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("ifd");
    for (i = 0; i < (int)(sizeof BAD_ADDRESSES / sizeof BAD_ADDRESSES[0]); i++) {
        char call[160];
        const char *address = BAD_ADDRESSES[i].address != NULL ? BAD_ADDRESSES[i].address : long_address;
        snprintf(call, sizeof call, "jet_interface_address_add(%.100s)", BAD_ADDRESSES[i].needle);
        check_status(jet_interface_address_add(s, "ge-0/0/0", 0, BAD_ADDRESSES[i].family, address, 0),
                     JET_STATUS_INVALID_ARGUMENT, call, __FILE__, __LINE__);
        CHECK_MESSAGE(BAD_ADDRESSES[i].needle);
        snprintf(call, sizeof call, "jet_interface_address_delete(%.100s)", BAD_ADDRESSES[i].needle);
        check_status(jet_interface_address_delete(s, "ge-0/0/0", 0, BAD_ADDRESSES[i].family, address, 0),
                     JET_STATUS_INVALID_ARGUMENT, call, __FILE__, __LINE__);
        CHECK_MESSAGE(BAD_ADDRESSES[i].needle);
    }
    CHECK_STATUS(jet_interface_address_add(s, "", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_NO_CODES();

    /* Management. */
    CHECK_STATUS(jet_management_run(s, NULL, JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &text), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("command");
    CHECK_STATUS(jet_management_run(s, "show version", JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("out_output");
    CHECK_STATUS(jet_management_run(s, "show version", 7, JET_OUTPUT_TEXT, 0, &text), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("kind 7");
    CHECK_STATUS(jet_management_run(s, "show version", -1, JET_OUTPUT_TEXT, 0, &text), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_management_run(s, "show version", JET_COMMAND_CLI, 9, 0, &text), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("format 9");
    CHECK_STATUS(jet_management_run(s, BAD_UTF8, JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &text), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_management_run(s, huge, JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &text),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("command");
    CHECK(text == SENTINEL_TEXT);

    CHECK_STATUS(jet_management_load(s, NULL, JET_CONFIG_SET, JET_LOAD_MERGE, NULL, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("config");
    CHECK_STATUS(jet_management_load(s, "set system host-name r1", 9, JET_LOAD_MERGE, NULL, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("format 9");
    CHECK_STATUS(jet_management_load(s, "system { host-name r1; }", JET_CONFIG_TEXT, 9, NULL, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("load_type 9");
    CHECK_STATUS(jet_management_load(s, BAD_UTF8, JET_CONFIG_TEXT, JET_LOAD_MERGE, NULL, 0), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_management_load(s, "set system host-name r1", JET_CONFIG_SET, JET_LOAD_MERGE, BAD_UTF8, 0),
                 JET_STATUS_INVALID_UTF8);
    CHECK_MESSAGE("commit_comment");
    CHECK_STATUS(jet_management_load(s, "set system host-name r1", JET_CONFIG_SET, JET_LOAD_MERGE, long_comment, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("commit_comment");
    CHECK_STATUS(jet_management_load(s, huge, JET_CONFIG_TEXT, JET_LOAD_MERGE, NULL, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("config");
    CHECK_NO_CODES();

    /* The functions that take a filter or policer document. */
    for (i = 0; i < (int)(sizeof DOCUMENT_CALLS / sizeof DOCUMENT_CALLS[0]); i++) {
        const char *name = DOCUMENT_CALLS[i].name;
        const char *argument = DOCUMENT_CALLS[i].argument;
        char call[160];
        snprintf(call, sizeof call, "%s(s, NULL)", name);
        check_status(DOCUMENT_CALLS[i].call(s, NULL, 0), JET_STATUS_NULL_ARGUMENT, call, __FILE__, __LINE__);
        CHECK_MESSAGE(argument);
        snprintf(call, sizeof call, "%s(s, BAD_UTF8)", name);
        check_status(DOCUMENT_CALLS[i].call(s, BAD_UTF8, 0), JET_STATUS_INVALID_UTF8, call, __FILE__, __LINE__);
        CHECK_MESSAGE(argument);
        snprintf(call, sizeof call, "%s(s, huge)", name);
        check_status(DOCUMENT_CALLS[i].call(s, huge, 0), JET_STATUS_INVALID_ARGUMENT, call, __FILE__, __LINE__);
        CHECK_MESSAGE("is 17825792 bytes");
    }

    /* Filters. */
    /* Replace needs a filter this session added. */
    CHECK_STATUS(jet_firewall_filter_replace(s, FILTER_JSON, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("jet-demo-icmp");

    CHECK_STATUS(jet_firewall_filter_modify(s, NULL, JET_FAMILY_INET, DELETE_T1B_JSON, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("filter_name");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, NULL, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("changes_json");
    CHECK_STATUS(jet_firewall_filter_modify(s, BAD_UTF8, JET_FAMILY_INET, DELETE_T1B_JSON, 0),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, BAD_UTF8, 0), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_filter_modify(s, long_name, JET_FAMILY_INET, DELETE_T1B_JSON, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("filter_name");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, huge, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("changes_json");

    CHECK_STATUS(jet_firewall_filter_delete(s, NULL, JET_FAMILY_INET, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_delete(s, BAD_UTF8, JET_FAMILY_INET, 0), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_filter_delete(s, long_name, JET_FAMILY_INET, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("filter_name");

    CHECK_STATUS(jet_firewall_filter_bind(s, NULL, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_bind(s, FILTER, JET_FAMILY_INET, NULL, JET_DIRECTION_INPUT, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("interface");
    CHECK_STATUS(jet_firewall_filter_unbind(s, NULL, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_unbind(s, FILTER, JET_FAMILY_INET, NULL, JET_DIRECTION_INPUT, 0),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_bind(s, BAD_UTF8, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_filter_bind(s, FILTER, JET_FAMILY_INET, BAD_UTF8, JET_DIRECTION_INPUT, 0),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_filter_bind(s, long_name, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_unbind(s, FILTER, JET_FAMILY_INET, long_name, JET_DIRECTION_INPUT, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    for (i = 0; i < 2; i++) {
        CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, bad_values[i], DELETE_T1B_JSON, 0),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_MESSAGE("family");
        CHECK_STATUS(jet_firewall_filter_delete(s, FILTER, bad_values[i], 0), JET_STATUS_INVALID_ARGUMENT);
        CHECK_MESSAGE("family");
        CHECK_STATUS(jet_firewall_filter_bind(s, FILTER, bad_values[i], "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_MESSAGE("family");
        CHECK_STATUS(jet_firewall_filter_unbind(s, FILTER, bad_values[i], "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(jet_firewall_filter_bind(s, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", bad_values[i], 0),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_MESSAGE("direction");
        CHECK_STATUS(jet_firewall_filter_unbind(s, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", bad_values[i], 0),
                     JET_STATUS_INVALID_ARGUMENT);
        CHECK_MESSAGE("direction");
    }

    /* Policers. */
    CHECK_STATUS(jet_firewall_policer_delete(s, NULL, JET_POLICER_TERM_SPECIFIC, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("policer_name");
    CHECK_STATUS(jet_firewall_policer_delete(s, BAD_UTF8, JET_POLICER_FILTER_SPECIFIC, 0), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_policer_delete(s, long_name, JET_POLICER_TERM_SPECIFIC, 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_delete(s, "p1", 5, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("scope 5");
    CHECK_STATUS(jet_firewall_policer_delete(s, "p1", -1, 0), JET_STATUS_INVALID_ARGUMENT);

    /* Counters. */
    CHECK_STATUS(jet_firewall_counter_get(s, NULL, "icmp-count", 0, &counter), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("filter_name");
    CHECK_STATUS(jet_firewall_counter_get(s, FILTER, NULL, 0, &counter), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("counter_name");
    CHECK_STATUS(jet_firewall_counter_get(s, FILTER, "icmp-count", 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("out_counter");
    CHECK_STATUS(jet_firewall_counter_get(s, BAD_UTF8, "icmp-count", 0, &counter), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_counter_get(s, FILTER, long_name, 0, &counter), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_counter_get(s, NULL, "p1-tp", 0, &counter), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_counter_get(s, FILTER, NULL, 0, &counter), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_counter_get(s, FILTER, "p1-tp", 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_policer_counter_get(s, FILTER, BAD_UTF8, 0, &counter), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_policer_counter_get(s, long_name, "p1-tp", 0, &counter), JET_STATUS_INVALID_ARGUMENT);
    CHECK(counter.bytes == SENTINEL_U64 && counter.packets == SENTINEL_U64);
    CHECK_STATUS(jet_firewall_counter_clear(s, NULL, "icmp-count", 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_counter_clear(s, FILTER, NULL, 0), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_counter_clear(s, FILTER, BAD_UTF8, 0), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_counter_clear(s, long_name, "icmp-count", 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_firewall_counters_get(s, NULL, 0, &text), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_firewall_counters_get(s, FILTER, 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("out_json");
    CHECK_STATUS(jet_firewall_counters_get(s, BAD_UTF8, 0, &text), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_firewall_counters_get(s, long_name, 0, &text), JET_STATUS_INVALID_ARGUMENT);
    CHECK(text == SENTINEL_TEXT);

    /* The purge timer: 1 to 1000 s. */
    CHECK_STATUS(jet_firewall_purge_timer_get(s, 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_MESSAGE("out_seconds");
    CHECK_STATUS(jet_firewall_purge_timer_set(s, 0, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("purge timer");
    CHECK_STATUS(jet_firewall_purge_timer_set(s, 1001, 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_NO_CODES();
    CHECK_INT(seconds, SENTINEL_U32);

}

/* A filter document with `terms` as its terms list. */
static void filter_refused(jet_service_t *s, const char *family, const char *terms, const char *needle,
                           const char *file, int line)
{
    char json[2048];
    snprintf(json, sizeof json, "{\"name\": \"bad\", \"family\": \"%s\", \"terms\": [%s]}", family, terms);
    check_status(jet_firewall_filter_add(s, json, 0), JET_STATUS_INVALID_ARGUMENT, "jet_firewall_filter_add(json)",
                 file, line);
    check_contains(jet_last_error_message(), needle, json, file, line);
}
#define FILTER_REFUSED(s, terms, needle) filter_refused((s), "inet", (terms), (needle), __FILE__, __LINE__)

/* Malformed filter, term change and policer documents. */
static void check_malformed_documents(jet_service_t *s)
{
    CHECK_STATUS(jet_firewall_filter_add(s, "{\"name\": \"bad\",", 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("not valid JSON");
    CHECK_STATUS(jet_firewall_filter_add(s, "", 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_firewall_filter_add(s, "[1, 2]", 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("expected an object");
    CHECK_STATUS(jet_firewall_filter_add(s, "{\"name\": \"bad\", \"family\": \"inet\", \"terms\": [], \"x\": 1}", 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("unknown key \"x\"");

    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"source-port\": [22]}}",
                   "terms[0].matches: unknown key \"source-port\"");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"color\": \"red\"}", "terms[0]: unknown key \"color\"");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"actions\": {\"accept\": true, \"discard\": true}}",
                   "terms[0].actions: a term has at most one terminating action");
    FILTER_REFUSED(s, "{\"name\": \"a\"}, {\"name\": \"t\", \"actions\": {\"reject\": \"tcp-reset\", "
                      "\"routing-instance\": \"x\"}}",
                   "terms[1].actions");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"destination-addresses\": [\"192.0.2.0/33\"]}}",
                   "terms[0].matches.destination-addresses[0]");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"addresses\": [{\"prefix\": \"10.0.0.256/8\"}]}}",
                   "terms[0].matches.addresses[0].prefix");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"destination-ports\": [22, 70000]}}",
                   "terms[0].matches.destination-ports[1]: 70000 is out of range");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"source-ports\": [\"2000-1000\"]}}",
                   "terms[0].matches.source-ports[0]: range 2000-1000 is empty");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"protocols\": \"tcp\"}}",
                   "terms[0].matches.protocols: expected an array");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"protocols\": [\"tpc\"]}}", "terms[0].matches.protocols[0]");
    FILTER_REFUSED(s, "{\"name\": \"t\", \"actions\": {\"reject\": \"no-such\"}}", "terms[0].actions.reject");
    FILTER_REFUSED(s, "{\"matches\": {}}", "terms[0]: missing key \"name\"");
    FILTER_REFUSED(s, "", "filter.terms: a filter needs at least one term");
    /* An address of the other family, and a family that does not exist. */
    FILTER_REFUSED(s, "{\"name\": \"t\", \"matches\": {\"addresses\": [\"2001:db8::1\"]}}",
                   "terms[0].matches.addresses[0]");
    filter_refused(s, "inet6", "{\"name\": \"t\", \"matches\": {\"ttls\": [1]}}", "terms[0]", __FILE__, __LINE__);
    filter_refused(s, "inet4", "{\"name\": \"t\"}", "filter.family", __FILE__, __LINE__);

    /* Replace reads the document first. */
    CHECK_STATUS(jet_firewall_filter_replace(s, "{\"name\": \"bad\", \"family\": \"inet\"}", 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("missing key \"terms\"");

    /* Term changes. */
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, "{\"op\": \"add\"}", 0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("changes: expected an array");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, "[{\"op\": \"move\", \"term\": {\"name\": \"t\"}}]",
                                            0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("changes[0].op");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET,
                                            "[{\"op\": \"delete\", \"term\": {\"name\": \"t1\"}},"
                                            " {\"op\": \"add\", \"term\": {\"name\": \"t\"},"
                                            " \"adjacency\": {\"after\": \"a\", \"before\": \"b\"}}]",
                                            0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("changes[1].adjacency");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET,
                                            "[{\"op\": \"add\", \"term\": {\"name\": \"t\","
                                            " \"matches\": {\"ports\": [\"1-70000\"]}}}]",
                                            0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("changes[0].term.matches.ports[0]");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, "not json", 0), JET_STATUS_INVALID_ARGUMENT);

    /* Policers. */
    CHECK_STATUS(jet_firewall_policer_add(s, "{\"name\": \"p\"}", 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("policer: missing key \"two-color\"");
    CHECK_STATUS(jet_firewall_policer_add(s,
                                          "{\"name\": \"p\", \"two-color\": {\"bandwidth\": {\"value\": 1, \"unit\": "
                                          "\"mb\"}, \"burst\": {\"value\": 1, \"unit\": \"bytes\"}, \"then\": "
                                          "\"discard\"}}",
                                          0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("policer.two-color.bandwidth.unit");
    CHECK_STATUS(jet_firewall_policer_modify(s,
                                             "{\"name\": \"p\", \"two-color\": {\"bandwidth\": {\"value\": -5, "
                                             "\"unit\": \"bps\"}, \"burst\": {\"value\": 1, \"unit\": \"bytes\"}, "
                                             "\"then\": \"discard\"}}",
                                             0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("policer.two-color.bandwidth.value");
    CHECK_STATUS(jet_firewall_policer_add(s,
                                          "{\"name\": \"p\", \"two-color\": {\"bandwidth\": {\"value\": 5, \"unit\": "
                                          "\"bps\"}, \"burst\": {\"value\": 1, \"unit\": \"bytes\"}, \"then\": "
                                          "\"drop\"}}",
                                          0),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_MESSAGE("policer.two-color.then");
    CHECK_STATUS(jet_firewall_policer_add(s, "{\"name\": \"p\",", 0), JET_STATUS_INVALID_ARGUMENT);
    CHECK_NO_CODES();
}

/* Argument errors and malformed documents on a live session of device
 * `dev`; the driver confirms that none of it reached the device. */
static void check_quiet_calls(jet_service_t *s, const char *dev, const char *huge)
{
    if (s == NULL) {
        return;
    }
    CHECK_STR(ask("QUIET-BEGIN %s", dev), "OK");
    check_session_arguments(s, huge);
    check_malformed_documents(s);
    CHECK_STR(ask("QUIET-END %s", dev), "OK");
}

/* ---- each service against a device ---- */

static void check_interfaces(jet_service_t *s, const char *dev, jet_generation_t expected)
{
    int legacy = expected == JET_GENERATION_LEGACY;

    CHECK_GENERATION(s, JET_SERVICE_INTERFACES, JET_GENERATION_UNKNOWN);
    CHECK_STATUS(jet_interface_address_add(s, "ge-0/0/0", 0, JET_FAMILY_INET, "192.0.2.1/24", 0), JET_STATUS_OK);
    CHECK_GENERATION(s, JET_SERVICE_INTERFACES, expected);
    CHECK_STATUS(jet_interface_address_add(s, "ge-0/0/0", 0, JET_FAMILY_INET6, "2001:db8::1/64", 0), JET_STATUS_OK);
    CHECK_STR(ask("ADDRESSES %s", dev), "ge-0/0/0.0 inet 192.0.2.1/24;ge-0/0/0.0 inet6 2001:db8::1/64");

    CHECK_STATUS(jet_interface_address_delete(s, "ge-0/0/0", 0, JET_FAMILY_INET, "192.0.2.1/24", 0), JET_STATUS_OK);
    CHECK_STATUS(jet_interface_address_delete(s, "ge-0/0/0", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_NOT_FOUND);
    CHECK_MESSAGE("192.0.2.1");
    CHECK_STATUS(jet_interface_address_delete(s, "ge-0/0/0", 0, JET_FAMILY_INET6, "2001:db8::1/64", 0),
                 JET_STATUS_OK);
    CHECK_STR(ask("ADDRESSES %s", dev), "-");

    /* The device has no ge-9/9/9: legacy says OBJECT_NOT_FOUND (5), jnx
     * OPERATION_FAILED (24); its message is kept. */
    CHECK_STATUS(jet_interface_address_add(s, "ge-9/9/9", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 legacy ? JET_STATUS_NOT_FOUND : JET_STATUS_REFUSED);
    CHECK_MESSAGE("ge-9/9/9");
    CHECK(jet_last_error_device_code() >= 0);
    CHECK_INT(jet_last_error_device_code(), legacy ? 5 : 24);
    /* Nor, then, any address on it. */
    CHECK_STATUS(jet_interface_address_delete(s, "ge-9/9/9", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                 JET_STATUS_NOT_FOUND);
    CHECK_MESSAGE("ge-9/9/9");
}

/* The output of the software information in `format` names the device. */
static void check_version_output(const char *output, jet_output_format_t format)
{
    CHECK(output != NULL && output != SENTINEL_TEXT);
    if (output == NULL || output == SENTINEL_TEXT) {
        return;
    }
    switch (format) {
    case JET_OUTPUT_TEXT:
        CHECK_CONTAINS(output, "Hostname: jet-sim");
        break;
    case JET_OUTPUT_XML:
        CHECK_CONTAINS(output, "<host-name>jet-sim</host-name>");
        break;
    default:
        CHECK_CONTAINS(output, "\"host-name\"");
        CHECK_CONTAINS(output, "\"jet-sim\"");
        break;
    }
}

static void check_management(jet_service_t *s, const char *dev, jet_generation_t expected)
{
    static const jet_output_format_t formats[3] = {JET_OUTPUT_JSON, JET_OUTPUT_XML, JET_OUTPUT_TEXT};
    static const struct {
        const char *config;
        jet_config_format_t format;
        jet_load_type_t load;
    } loads[4] = {
        {"system { host-name r1; }", JET_CONFIG_TEXT, JET_LOAD_MERGE},
        {"set system host-name r2", JET_CONFIG_SET, JET_LOAD_MERGE},
        {"<configuration><system><host-name>r3</host-name></system></configuration>", JET_CONFIG_XML,
         JET_LOAD_REPLACE},
        {"{\"configuration\": {\"system\": {\"host-name\": \"r4\"}}}", JET_CONFIG_JSON, JET_LOAD_UPDATE},
    };
    char *output;
    int i;

    CHECK_GENERATION(s, JET_SERVICE_MANAGEMENT, JET_GENERATION_UNKNOWN);
    for (i = 0; i < 3; i++) {
        output = SENTINEL_TEXT;
        CHECK_STATUS(jet_management_run(s, "show version", JET_COMMAND_CLI, formats[i], 0, &output), JET_STATUS_OK);
        check_version_output(output, formats[i]);
        jet_string_free(output);
        CHECK_GENERATION(s, JET_SERVICE_MANAGEMENT, expected);
        output = SENTINEL_TEXT;
        CHECK_STATUS(jet_management_run(s, "<get-software-information/>", JET_COMMAND_XML, formats[i], 0, &output),
                     JET_STATUS_OK);
        check_version_output(output, formats[i]);
        jet_string_free(output);
    }
    /* A longer reply, streamed in more chunks. */
    output = NULL;
    CHECK_STATUS(jet_management_run(s, "show interfaces terse", JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &output),
                 JET_STATUS_OK);
    CHECK_CONTAINS(output, "ge-0/0/3.0");
    jet_string_free(output);

    output = SENTINEL_TEXT;
    CHECK_STATUS(jet_management_run(s, "show no-such-thing", JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &output),
                 JET_STATUS_REFUSED);
    CHECK_MESSAGE("syntax error");
    CHECK(jet_last_error_device_code() >= 0);
    CHECK(output == SENTINEL_TEXT);

    /* Each format, loaded without a commit and then committed. */
    for (i = 0; i < 4; i++) {
        CHECK_STATUS(jet_management_load(s, loads[i].config, loads[i].format, loads[i].load, NULL, 0), JET_STATUS_OK);
        CHECK_STATUS(jet_management_load(s, loads[i].config, loads[i].format, loads[i].load, "by abi_service", 0),
                     JET_STATUS_OK);
    }
    CHECK_STATUS(jet_management_load(s, "set system host-name r5", JET_CONFIG_SET, JET_LOAD_OVERRIDE, "", 0), JET_STATUS_OK);
    CHECK_STATUS(jet_management_load(s, "system { host-name r6; }", JET_CONFIG_TEXT, JET_LOAD_OVERRIDE, NULL, 0),
                 JET_STATUS_OK);
    CHECK_STR(ask("CONFIGS %s", dev), "-|by abi_service|-|by abi_service|-|by abi_service|-|by abi_service|-|-");
    CHECK_STATUS(jet_management_load(s, "invalid stuff", JET_CONFIG_TEXT, JET_LOAD_MERGE, "never", 0),
                 JET_STATUS_REFUSED);
    CHECK_MESSAGE("invalid stuff");
}

/* Reads counter `name` of the demo filter. */
static jet_counter_t read_counter(jet_service_t *s, const char *name, int policer, const char *file, int line)
{
    jet_counter_t counter;
    jet_status_t status;
    counter.bytes = SENTINEL_U64;
    counter.packets = SENTINEL_U64;
    if (policer) {
        status = jet_firewall_policer_counter_get(s, FILTER, name, 0, &counter);
    } else {
        status = jet_firewall_counter_get(s, FILTER, name, 0, &counter);
    }
    check_status(status, JET_STATUS_OK, policer ? "jet_firewall_policer_counter_get(s, FILTER, name)"
                                                : "jet_firewall_counter_get(s, FILTER, name)",
                 file, line);
    return counter;
}
#define COUNTER(s, name) read_counter((s), (name), 0, __FILE__, __LINE__)
#define POLICER_COUNTER(s, name) read_counter((s), (name), 1, __FILE__, __LINE__)

/* `json`, from jet_firewall_counters_get, lists `count` counters, one of
 * them `name` with `packets` and `bytes` (in any key order). */
static void check_counter_json(const char *json, int count, const char *name, uint64_t packets, uint64_t bytes,
                               const char *file, int line)
{
    char key[128];
    char value[64];
    const char *at;
    const char *start;
    const char *end;
    int objects = 0;
    char object[256];
    size_t len;

    if (!check_record(json != NULL && json != SENTINEL_TEXT && json[0] == '[' && json[strlen(json) - 1] == ']',
                      "counters_get gave a JSON array", file, line)) {
        return;
    }
    for (at = json; (at = strchr(at, '{')) != NULL; at++) {
        objects++;
    }
    check_int(objects, count, "counters in the JSON", file, line);
    snprintf(key, sizeof key, "\"name\":\"%s\"", name);
    at = strstr(json, key);
    if (!check_contains(json, key, "counters_get JSON", file, line)) {
        return;
    }
    /* The object around the name. */
    start = at;
    while (start > json && *start != '{') {
        start--;
    }
    end = strchr(at, '}');
    len = end == NULL ? 0 : (size_t)(end - start) + 1;
    if (!check_record(end != NULL && len < sizeof object, "the counter is a JSON object", file, line)) {
        return;
    }
    memcpy(object, start, len);
    object[len] = '\0';
    snprintf(value, sizeof value, "\"packets\":%" PRIu64 ",", packets);
    if (strstr(object, value) == NULL) {
        snprintf(value, sizeof value, "\"packets\":%" PRIu64 "}", packets);
    }
    check_contains(object, value, "packets of the counter", file, line);
    snprintf(value, sizeof value, "\"bytes\":%" PRIu64 ",", bytes);
    if (strstr(object, value) == NULL) {
        snprintf(value, sizeof value, "\"bytes\":%" PRIu64 "}", bytes);
    }
    check_contains(object, value, "bytes of the counter", file, line);
}
#define CHECK_COUNTER_JSON(json, count, name, packets, bytes) \
    check_counter_json((json), (count), (name), (packets), (bytes), __FILE__, __LINE__)

/* The last error is a refusal by the device, with its code: a jnx device
 * explains it (the message contains `needle`), a legacy one answers with an
 * ACL_STATUS_* value only. */
static void check_refusal(int legacy, const char *needle, const char *file, int line)
{
    check_record(jet_last_error_device_code() >= 0, "the refusal has a device code", file, line);
    check_contains(jet_last_error_message(), legacy ? "ACL_STATUS_" : needle, "last error", file, line);
}
#define CHECK_REFUSAL(needle) check_refusal(legacy, (needle), __FILE__, __LINE__)

/* Asks the driver for traffic; returns the packets (and bytes) each counter gained. */
static uint64_t tick(const char *dev, uint64_t *bytes)
{
    unsigned long long packets = 0;
    unsigned long long gained = 0;
    const char *reply = ask("TICK %s", dev);
    CHECK(sscanf(reply, "OK %llu %llu", &packets, &gained) == 2);
    CHECK(packets > 0);
    *bytes = (uint64_t)gained;
    return (uint64_t)packets;
}

static void check_firewall(jet_service_t *s, const char *dev, jet_generation_t expected)
{
    jet_counter_t counter;
    uint64_t packets;
    uint64_t bytes;
    uint32_t seconds;
    char *json;
    int legacy = expected == JET_GENERATION_LEGACY;

    CHECK_GENERATION(s, JET_SERVICE_FIREWALL, JET_GENERATION_UNKNOWN);
    CHECK_STATUS(jet_firewall_filter_add(s, FILTER_JSON, 0), JET_STATUS_OK);
    CHECK_GENERATION(s, JET_SERVICE_FIREWALL, expected);
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "t1,t2");
    CHECK(jet_firewall_filter_add(s, FILTER_JSON, 0) < 0);
    CHECK_REFUSAL("jet-demo-icmp");

    CHECK_STATUS(jet_firewall_filter_bind(s, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_OK);
    CHECK_STR(ask("BINDS %s", dev), "jet-demo-icmp ge-0/0/0.0 input");
    counter = COUNTER(s, "icmp-count");
    CHECK(counter.packets == 0 && counter.bytes == 0);

    /* Traffic: the counter gains what the device says. */
    packets = tick(dev, &bytes);
    counter = COUNTER(s, "icmp-count");
    CHECK_INT(counter.packets, packets);
    CHECK_INT(counter.bytes, bytes);
    CHECK(counter.packets > 0);
    json = SENTINEL_TEXT;
    CHECK_STATUS(jet_firewall_counters_get(s, FILTER, 0, &json), JET_STATUS_OK);
    CHECK_COUNTER_JSON(json, 1, "icmp-count", packets, bytes);
    jet_string_free(json);

    CHECK_STATUS(jet_firewall_counter_clear(s, FILTER, "icmp-count", 0), JET_STATUS_OK);
    counter = COUNTER(s, "icmp-count");
    CHECK(counter.packets == 0 && counter.bytes == 0);
    counter.packets = SENTINEL_U64;
    CHECK(jet_firewall_counter_get(s, FILTER, "no-such-counter", 0, &counter) < 0);
    CHECK_REFUSAL("no-such-counter");
    CHECK(counter.packets == SENTINEL_U64);

    /* Term by term. */
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, ADD_T1B_JSON, 0), JET_STATUS_OK);
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "t1,t1b,t2");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, DELETE_T1B_JSON, 0), JET_STATUS_OK);
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "t1,t2");
    CHECK(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, DELETE_T1B_JSON, 0) < 0);
    CHECK_REFUSAL("t1b");

    /* Replaced in place while bound. */
    CHECK_STATUS(jet_firewall_filter_replace(s, REPLACEMENT_JSON, 0), JET_STATUS_OK);
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "t1,t3,t2");
    CHECK_STR(ask("BINDS %s", dev), "jet-demo-icmp ge-0/0/0.0 input");
    packets = tick(dev, &bytes);
    json = NULL;
    CHECK_STATUS(jet_firewall_counters_get(s, FILTER, 0, &json), JET_STATUS_OK);
    CHECK_COUNTER_JSON(json, 2, "icmp-count", packets, bytes);
    CHECK_COUNTER_JSON(json, 2, "udp-count", packets, bytes);
    jet_string_free(json);

    /* A policer and a term that uses it. */
    CHECK_STATUS(jet_firewall_policer_add(s, POLICER_JSON, 0), JET_STATUS_OK);
    CHECK_STR(ask("POLICERS %s", dev), "p1");
    CHECK(jet_firewall_policer_add(s, POLICER_JSON, 0) < 0);
    CHECK_REFUSAL("p1");
    CHECK_STATUS(jet_firewall_policer_modify(s, POLICER_CHANGED_JSON, 0), JET_STATUS_OK);
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, ADD_TP_JSON, 0), JET_STATUS_OK);
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "t1,t3,tp,t2");
    packets = tick(dev, &bytes);
    /* A term-specific policer's counter is "<policer>-<term>". */
    counter = POLICER_COUNTER(s, "p1-tp");
    CHECK(counter.packets > 0 && counter.packets < packets);
    CHECK(counter.bytes > 0 && counter.bytes < bytes);
    CHECK(jet_firewall_policer_delete(s, "p1", JET_POLICER_TERM_SPECIFIC, 0) < 0);
    CHECK_REFUSAL("p1");
    CHECK_STATUS(jet_firewall_filter_modify(s, FILTER, JET_FAMILY_INET, DELETE_TP_JSON, 0), JET_STATUS_OK);
    CHECK_STATUS(jet_firewall_policer_delete(s, "p1", JET_POLICER_TERM_SPECIFIC, 0), JET_STATUS_OK);
    CHECK_STR(ask("POLICERS %s", dev), "-");

    /* A bound filter stays. */
    CHECK_STATUS(jet_firewall_filter_delete(s, FILTER, JET_FAMILY_INET, 0), JET_STATUS_REFUSED);
    CHECK_REFUSAL("jet-demo-icmp");
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "t1,t3,t2");

    CHECK_STATUS(jet_firewall_filter_unbind(s, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0),
                 JET_STATUS_OK);
    CHECK_STR(ask("BINDS %s", dev), "-");
    CHECK(jet_firewall_filter_unbind(s, FILTER, JET_FAMILY_INET, "ge-0/0/0.0", JET_DIRECTION_INPUT, 0) < 0);
    CHECK_REFUSAL("not bound");
    CHECK_STATUS(jet_firewall_filter_delete(s, FILTER, JET_FAMILY_INET, 0), JET_STATUS_OK);
    CHECK_STR(ask("TERMS %s %s", dev, FILTER), "-");
    CHECK(jet_firewall_filter_delete(s, FILTER, JET_FAMILY_INET, 0) < 0);
    CHECK_LAST_ERROR("jet_firewall_filter_delete");

    /* The purge timer: jnx only. */
    seconds = SENTINEL_U32;
    if (expected == JET_GENERATION_JNX) {
        CHECK_STATUS(jet_firewall_purge_timer_set(s, 300, 0), JET_STATUS_OK);
        CHECK_STATUS(jet_firewall_purge_timer_get(s, 0, &seconds), JET_STATUS_OK);
        CHECK_INT(seconds, 300);
        CHECK_STATUS(jet_firewall_purge_timer_delete(s, 0), JET_STATUS_OK);
        CHECK_STATUS(jet_firewall_purge_timer_get(s, 0, &seconds), JET_STATUS_OK);
        CHECK_INT(seconds, 120);
    } else {
        CHECK_STATUS(jet_firewall_purge_timer_set(s, 300, 0), JET_STATUS_UNIMPLEMENTED);
        CHECK_MESSAGE("purge timer");
        CHECK_STATUS(jet_firewall_purge_timer_get(s, 0, &seconds), JET_STATUS_UNIMPLEMENTED);
        CHECK_INT(seconds, SENTINEL_U32);
        CHECK_STATUS(jet_firewall_purge_timer_delete(s, 0), JET_STATUS_UNIMPLEMENTED);
    }
}

/* Every service of device `dev` in auto mode. */
static void check_device(const char *dev, uint16_t port, jet_generation_t expected)
{
    jet_service_options_t options = options_for(port, JET_API_AUTO, NULL);
    jet_service_t *s = OPEN_SESSION(&options);
    if (s == NULL) {
        return;
    }
    /* Every release up to 24.4 serves the legacy login, which libjet tries first. */
    CHECK_GENERATION(s, JET_SERVICE_AUTHENTICATION, JET_GENERATION_LEGACY);
    check_interfaces(s, dev, expected);
    check_management(s, dev, expected);
    check_firewall(s, dev, expected);
    jet_service_close(s);
}

/* ---- logins and generations that fail ---- */

static void check_login_failures(uint16_t jnx_port, uint16_t legacy_port)
{
    const uint16_t ports[2] = {jnx_port, legacy_port};
    jet_service_options_t o;
    jet_service_t *first;
    jet_service_t *forced;
    int i;

    for (i = 0; i < 2; i++) {
        o = options_for(ports[i], JET_API_AUTO, NULL);
        o.password = "guess";
        OPEN_REFUSED(&o, JET_STATUS_NOT_AUTHORIZED, "wrong password", NULL);
        CHECK(strstr(jet_last_error_message(), "guess") == NULL);
        o.user = "nobody";
        OPEN_REFUSED(&o, JET_STATUS_NOT_AUTHORIZED, "unknown user", NULL);

        o = options_for(ports[i], JET_API_AUTO, NULL);
        o.client_id = i == 0 ? "abi-service-jnx" : "abi-service-legacy";
        first = OPEN_SESSION(&o);
        CHECK_STR(jet_service_client_id(first), o.client_id);
        OPEN_REFUSED(&o, JET_STATUS_ALREADY_EXISTS, "client id in use", o.client_id);
        jet_service_close(first);
    }

    /* A legacy device has no jnx login. */
    o = options_for(legacy_port, JET_API_JNX, NULL);
    OPEN_REFUSED(&o, JET_STATUS_UNIMPLEMENTED, "JET_API_JNX on a legacy device", NULL);
    CHECK_INT(jet_last_error_grpc_code(), 12);

    /* A jnx device serves the legacy login but no other legacy service. */
    o = options_for(jnx_port, JET_API_LEGACY, NULL);
    forced = OPEN_SESSION(&o);
    if (forced != NULL) {
        CHECK_GENERATION(forced, JET_SERVICE_FIREWALL, JET_GENERATION_LEGACY);
        CHECK_GENERATION(forced, JET_SERVICE_INTERFACES, JET_GENERATION_LEGACY);
        CHECK_STATUS(jet_firewall_filter_add(forced, FILTER_JSON, 0), JET_STATUS_UNIMPLEMENTED);
        CHECK_INT(jet_last_error_grpc_code(), 12);
        CHECK_STATUS(jet_interface_address_add(forced, "ge-0/0/0", 0, JET_FAMILY_INET, "192.0.2.1/24", 0),
                     JET_STATUS_UNIMPLEMENTED);
        CHECK_INT(jet_last_error_grpc_code(), 12);
        jet_service_close(forced);
    }
    o = options_for(jnx_port, JET_API_JNX, NULL);
    forced = OPEN_SESSION(&o);
    if (forced != NULL) {
        CHECK_GENERATION(forced, JET_SERVICE_AUTHENTICATION, JET_GENERATION_JNX);
        CHECK_GENERATION(forced, JET_SERVICE_MANAGEMENT, JET_GENERATION_JNX);
        jet_service_close(forced);
    }
}

/* A session over TLS, verified with the test CA. */
static void check_tls(uint16_t tls_port, const char *ca)
{
    jet_service_options_t o = options_for(tls_port, JET_API_AUTO, ca);
    jet_service_t *s = OPEN_SESSION(&o);
    char *output = NULL;
    int i;
    if (s != NULL) {
        CHECK_GENERATION(s, JET_SERVICE_AUTHENTICATION, JET_GENERATION_LEGACY);
        CHECK_STATUS(jet_interface_address_add(s, "ge-0/0/1", 0, JET_FAMILY_INET, "198.51.100.1/24", 0),
                     JET_STATUS_OK);
        CHECK_STR(ask("ADDRESSES tls"), "ge-0/0/1.0 inet 198.51.100.1/24");
        CHECK_STATUS(jet_interface_address_delete(s, "ge-0/0/1", 0, JET_FAMILY_INET, "198.51.100.1/24", 0),
                     JET_STATUS_OK);
        CHECK_STR(ask("ADDRESSES tls"), "-");
        CHECK_STATUS(jet_management_run(s, "show version", JET_COMMAND_CLI, JET_OUTPUT_TEXT, 0, &output),
                     JET_STATUS_OK);
        check_version_output(output, JET_OUTPUT_TEXT);
        jet_string_free(output);
        CHECK_GENERATION(s, JET_SERVICE_MANAGEMENT, JET_GENERATION_JNX);
        jet_service_close(s);
    }
    /* The same device in clear text does not get through. The device closes
     * the connection; libjet's write on it must be an error, not a SIGPIPE
     * that ends this process (which keeps SIGPIPE's default action). Tried
     * several times, as the closed connection meets a write only sometimes. */
    for (i = 0; i < 8; i++) {
        o = options_for(tls_port, JET_API_AUTO, NULL);
        o.connect_timeout_ms = 5000;
        o.call_timeout_ms = 5000;
        s = SENTINEL_SESSION;
        CHECK(jet_service_open(&o, &s) < 0);
        CHECK(s == SENTINEL_SESSION);
        CHECK_LAST_ERROR("jet_service_open");
    }
}

/* ---- main ---- */

static uint16_t port_argument(const char *text)
{
    char *end = NULL;
    long port = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || port < 1 || port > 65535) {
        fprintf(stderr, "abi_service: bad port %s\n", text);
        exit(2);
    }
    return (uint16_t)port;
}

int main(int argc, char **argv)
{
    uint16_t jnx_port = 0;
    uint16_t legacy_port = 0;
    uint16_t tls_port = 0;
    uint16_t closed_port = 0;
    const char *ca = NULL;
    const size_t huge_len = (size_t)17 * 1024 * 1024;
    char *huge;
    jet_service_options_t options;
    jet_service_t *jnx;
    jet_service_t *legacy;
    int i;

    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) {
            jnx_port = port_argument(argv[i + 1]);
        } else if (strcmp(argv[i], "--legacy-port") == 0) {
            legacy_port = port_argument(argv[i + 1]);
        } else if (strcmp(argv[i], "--tls-port") == 0) {
            tls_port = port_argument(argv[i + 1]);
        } else if (strcmp(argv[i], "--closed-port") == 0) {
            closed_port = port_argument(argv[i + 1]);
        } else if (strcmp(argv[i], "--ca") == 0) {
            ca = argv[i + 1];
        } else {
            break;
        }
    }
    if (i != argc || jnx_port == 0 || legacy_port == 0 || tls_port == 0 || closed_port == 0 || ca == NULL) {
        fprintf(stderr, "usage: abi_service --port P --legacy-port Q --tls-port T --ca FILE --closed-port C\n");
        return 2;
    }

    memset(text_5000, 'x', sizeof text_5000 - 1);
    memset(text_300, 'x', sizeof text_300 - 1);
    memset(text_100, 'x', sizeof text_100 - 1);
    check_options(closed_port);
    check_null_session();

    /* A 17 MiB document: over every 16 MiB limit. */
    huge = (char *)calloc(huge_len + 1, 1);
    if (huge == NULL) {
        fprintf(stderr, "abi_service: no memory for a 17 MiB document\n");
        return 2;
    }
    memset(huge, ' ', huge_len);
    huge[0] = '{';
    options = options_for(jnx_port, JET_API_AUTO, NULL);
    jnx = OPEN_SESSION(&options);
    check_quiet_calls(jnx, "jnx", huge);
    jet_service_close(jnx);
    options = options_for(legacy_port, JET_API_AUTO, NULL);
    legacy = OPEN_SESSION(&options);
    check_quiet_calls(legacy, "legacy", huge);
    jet_service_close(legacy);
    free(huge);

    check_device("jnx", jnx_port, JET_GENERATION_JNX);
    check_device("legacy", legacy_port, JET_GENERATION_LEGACY);
    check_login_failures(jnx_port, legacy_port);
    check_tls(tls_port, ca);

    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
    return check_summary();
}
