/*
 * JET state across a reconnect in the C ABI (issue 19): the options' state
 * field, jet_service_set_state_callback and the report it receives, against
 * the device simulator behind a proxy the driver (crates/sim/tests/c_state.rs)
 * cuts.
 *
 * Usage: abi_state --port PORT --api jnx|legacy
 * Questions to the driver, one line each, answered "OK" or "NO":
 *   CUT-AND-PURGE   cut the session's connection, wait until the device
 *                   purged its filter and policer (purge timer 1 s), then
 *                   delete its address on the device (as a reboot would)
 *   RESTORED        are the demo policer, filter (bound) and address on the
 *                   device?
 */

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#define FILTER "jet-demo-icmp"
#define POLICER "jet-demo-1m"
static const char *DEMO =
    "{\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": ["
    "{\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},"
    " \"actions\": {\"count\": \"icmp-count\", \"policer\": \"jet-demo-1m\","
    " \"accept\": true}},"
    "{\"name\": \"t2\", \"actions\": {\"accept\": true}}]}";
static const char *DEMO_POLICER =
    "{\"name\": \"jet-demo-1m\", \"two-color\": {"
    "\"bandwidth\": {\"value\": 1, \"unit\": \"mbps\"},"
    " \"burst\": {\"value\": 15, \"unit\": \"kbytes\"}, \"then\": \"discard\"}}";
/* The report's entries for all of the above, in the order they are checked. */
#define EVERYTHING "policer " POLICER "|filter " FILTER "|address ge-0/0/1.0 inet 192.0.2.1/24"

/* What the callback saw, and how often its user data was freed. */
struct seen {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int reports;
    size_t purged_count, reapplied_count, present_count, failed_count;
    char purged[256], reapplied[256];
    int freed;
};

/* The entries of `list`, joined with '|'. */
static void join(char *to, size_t size, const char *const *list, size_t count)
{
    size_t used = 0;
    to[0] = '\0';
    for (size_t i = 0; i < count && list[i] != NULL && used < size; i++) {
        int n = snprintf(to + used, size - used, "%s%s", i > 0 ? "|" : "", list[i]);
        if (n < 0) {
            break;
        }
        used += (size_t)n;
    }
}

static void on_state(const jet_service_state_report_t *report, void *user_data)
{
    struct seen *s = user_data;
    pthread_mutex_lock(&s->lock);
    s->reports++;
    s->purged_count = report->purged_count;
    s->reapplied_count = report->reapplied_count;
    s->present_count = report->present_count;
    s->failed_count = report->failed_count;
    join(s->purged, sizeof s->purged, report->purged, report->purged_count);
    join(s->reapplied, sizeof s->reapplied, report->reapplied, report->reapplied_count);
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
}

static void free_seen(void *user_data)
{
    struct seen *s = user_data;
    pthread_mutex_lock(&s->lock);
    s->freed++;
    pthread_mutex_unlock(&s->lock);
}

/* Waits (up to 60 s: valgrind is slow) for the first report. */
static int wait_report(struct seen *s)
{
    struct timespec until;
    int got;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 60;
    pthread_mutex_lock(&s->lock);
    while (s->reports == 0) {
        if (pthread_cond_timedwait(&s->changed, &s->lock, &until) != 0) {
            break;
        }
    }
    got = s->reports;
    pthread_mutex_unlock(&s->lock);
    return got;
}

static void check_options(void)
{
    jet_service_options_t options;
    jet_service_t *session = NULL;
    CHECK_STATUS(jet_service_options_default(&options), JET_STATUS_OK);
    CHECK_INT(options.state, JET_SERVICE_STATE_OFF);
    options.state = 3;
    CHECK_STATUS(jet_service_open(&options, &session), JET_STATUS_INVALID_ARGUMENT);
    CHECK(session == NULL);
}

static void check_null_session(struct seen *s)
{
    CHECK_STATUS(jet_service_set_state_callback(NULL, on_state, s, free_seen),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_INT(s->freed, 1);
    s->freed = 0;
}

int main(int argc, char **argv)
{
    const char *port = NULL, *api = NULL;
    jet_service_options_t options;
    jet_service_t *session = NULL;
    jet_counter_t counter;
    struct seen s;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) port = argv[i + 1];
        if (strcmp(argv[i], "--api") == 0) api = argv[i + 1];
    }
    if (port == NULL || api == NULL) {
        fprintf(stderr, "usage: abi_state --port PORT --api jnx|legacy\n");
        return 2;
    }
    memset(&s, 0, sizeof s);
    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.changed, NULL);

    check_options();
    check_null_session(&s);

    CHECK_STATUS(jet_service_options_default(&options), JET_STATUS_OK);
    options.port = (uint16_t)atoi(port);
    options.user = "lab";
    options.password = "lab123";
    options.client_id = "c-state";
    options.clear_text = 1;
    options.api = strcmp(api, "jnx") == 0 ? JET_API_JNX : JET_API_LEGACY;
    options.state = JET_SERVICE_STATE_REAPPLY;
    if (!CHECK_STATUS(jet_service_open(&options, &session), JET_STATUS_OK)) {
        return check_summary();
    }
    CHECK_STATUS(jet_service_set_state_callback(session, on_state, &s, free_seen), JET_STATUS_OK);
    CHECK_STATUS(jet_firewall_policer_add(session, DEMO_POLICER, 0), JET_STATUS_OK);
    CHECK_STATUS(jet_firewall_filter_add(session, DEMO, 0), JET_STATUS_OK);
    CHECK_STATUS(jet_firewall_filter_bind(session, FILTER, JET_FAMILY_INET, "ge-0/0/0.0",
                                          JET_DIRECTION_INPUT, 0),
                 JET_STATUS_OK);
    CHECK_STATUS(jet_interface_address_add(session, "ge-0/0/1", 0, JET_FAMILY_INET,
                                           "192.0.2.1/24", 0),
                 JET_STATUS_OK);

    CHECK_STR(ask("CUT-AND-PURGE"), "OK");
    /* The call that reconnects: it finds the filter gone, and so fails. */
    (void)jet_firewall_counter_get(session, FILTER, "icmp-count", 0, &counter);
    CHECK_INT(wait_report(&s), 1);
    pthread_mutex_lock(&s.lock);
    CHECK_INT(s.purged_count, 3);
    CHECK_STR(s.purged, EVERYTHING);
    CHECK_INT(s.reapplied_count, 3);
    CHECK_STR(s.reapplied, EVERYTHING);
    CHECK_INT(s.present_count, 0);
    CHECK_INT(s.failed_count, 0);
    pthread_mutex_unlock(&s.lock);
    CHECK_STR(ask("RESTORED"), "OK");

    jet_service_close(session);
    CHECK_INT(s.freed, 1);
    pthread_cond_destroy(&s.changed);
    pthread_mutex_destroy(&s.lock);
    return check_summary();
}
