/*
 * demo: the README's main job. Watches a JET device's interface-address and
 * firewall events, programs the device through its JET services, and prints
 * the events the device publishes in reply.
 *
 *   demo --device HOST --port N --mqtt-port N --user U --password P
 *        [--ca FILE] [--clear-text] [--api auto|jnx|legacy] [--interface IFL]
 *
 * Steps (one line each): subscribe; log in; add 192.0.2.1/24 to the
 * interface (default ge-0/0/0.0); add filter jet-demo-icmp and bind it;
 * read its counter; unbind and delete it; delete the address. Every event
 * that arrives is printed as "event: <event-id> <topic> <attributes>".
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jet.h"
#include "service_args.h"

static const char USAGE[] =
    "usage: demo --device HOST --port N --mqtt-port N --user U --password P\n"
    "            [--ca FILE] [--clear-text] [--api auto|jnx|legacy] [--interface IFL]\n"
    "example: demo --port 32767 --mqtt-port 1883 --user jet --password jet123 --clear-text\n";

static const char FILTER_JSON[] =
    "{\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": ["
    "{\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},"
    " \"actions\": {\"count\": \"icmp-count\", \"discard\": true}},"
    "{\"name\": \"t2\", \"actions\": {\"accept\": true}}]}";

/* What the event callback shares with the main thread. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int address_deleted;

static void say(const char *line)
{
    pthread_mutex_lock(&lock);
    printf("%s\n", line);
    fflush(stdout);
    pthread_mutex_unlock(&lock);
}

/* Runs on libjet's dispatcher thread for every event. */
static void on_event(const jet_event_t *event, void *user_data)
{
    const char *id = jet_event_id(event);
    (void)user_data;
    pthread_mutex_lock(&lock);
    printf("event: %s %s %s\n", id ? id : "PARSE-ERROR", jet_event_topic(event), jet_event_attributes_json(event));
    fflush(stdout);
    if (id != NULL && strcmp(id, "KERNEL_EVENT_IFA_DELETE") == 0) {
        address_deleted = 1;
        pthread_cond_signal(&changed);
    }
    pthread_mutex_unlock(&lock);
}

static void check(jet_status_t status, const char *what)
{
    if (status != JET_STATUS_OK) {
        fprintf(stderr, "demo: %s: %s: %s\n", what, jet_status_str(status), jet_last_error_message());
        jet_shutdown();
        exit(1);
    }
}

/* Subscribes to `topic` (built by a jet_topic_* call) and frees it. */
static void subscribe(jet_notification_t *events, char *topic)
{
    uint64_t id;
    char line[512];
    check(jet_notification_subscribe(events, topic, on_event, NULL, NULL, &id), "subscribe");
    snprintf(line, sizeof line, "subscribed to %s", topic);
    say(line);
    jet_string_free(topic);
}

/* Waits up to five seconds for the last event of the demo. */
static void wait_for_last_event(void)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&lock);
    while (!address_deleted) {
        if (pthread_cond_timedwait(&changed, &lock, &until) != 0) {
            break;
        }
    }
    pthread_mutex_unlock(&lock);
}

int main(int argc, char **argv)
{
    service_args_t args;
    jet_notification_options_t notify;
    jet_notification_t *events = NULL;
    jet_service_t *session;
    jet_generation_t generation = JET_GENERATION_UNKNOWN;
    jet_counter_t counter;
    char *topic = NULL;
    char ifd[256], line[512];
    const char *interface = "ge-0/0/0.0";
    const char *dot;
    long mqtt_port = 1883;
    int i;

    service_args_parse(&args, argc, argv, USAGE);
    for (i = 0; i + 1 < args.rest_count; i += 2) {
        if (strcmp(args.rest[i], "--mqtt-port") == 0) {
            mqtt_port = strtol(args.rest[i + 1], NULL, 10);
        } else if (strcmp(args.rest[i], "--interface") == 0) {
            interface = args.rest[i + 1];
        } else {
            fputs(USAGE, stderr);
            return 2;
        }
    }
    dot = strrchr(interface, '.');
    if (args.rest_count % 2 != 0 || mqtt_port < 1 || mqtt_port > 65535 || dot == NULL ||
        (size_t)(dot - interface) >= sizeof ifd) {
        fputs(USAGE, stderr);
        return 2;
    }
    memcpy(ifd, interface, (size_t)(dot - interface));
    ifd[dot - interface] = '\0';

    jet_notification_options_default(&notify);
    notify.device = args.options.device;
    notify.port = (uint16_t)mqtt_port;
    check(jet_notification_open(&notify, &events), "open notification session");
    check(jet_topic_ifa(JET_OP_ALL, NULL, JET_ANY, NULL, NULL, &topic), "topic");
    subscribe(events, topic);
    check(jet_topic_firewall_filter(JET_OP_ALL, NULL, &topic), "topic");
    subscribe(events, topic);

    session = service_args_open(&args, "demo");
    jet_service_generation(session, JET_SERVICE_AUTHENTICATION, &generation);
    snprintf(line, sizeof line, "logged in as %s (%s login)", args.options.user ? args.options.user : "(none)",
             service_generation_name(generation));
    say(line);

    check(jet_interface_address_add(session, ifd, (uint32_t)strtoul(dot + 1, NULL, 10), JET_FAMILY_INET,
                                    "192.0.2.1/24", 0),
          "add address");
    jet_service_generation(session, JET_SERVICE_INTERFACES, &generation);
    snprintf(line, sizeof line, "added 192.0.2.1/24 to %s (%s API)", interface, service_generation_name(generation));
    say(line);

    check(jet_firewall_filter_add(session, FILTER_JSON, 0), "add filter");
    check(jet_firewall_filter_bind(session, "jet-demo-icmp", JET_FAMILY_INET, interface, JET_DIRECTION_INPUT, 0),
          "bind filter");
    jet_service_generation(session, JET_SERVICE_FIREWALL, &generation);
    snprintf(line, sizeof line, "added filter jet-demo-icmp and bound it to %s input (%s API)", interface,
             service_generation_name(generation));
    say(line);

    check(jet_firewall_counter_get(session, "jet-demo-icmp", "icmp-count", 0, &counter), "read counter");
    snprintf(line, sizeof line, "counter icmp-count: %" PRIu64 " packets, %" PRIu64 " bytes", counter.packets,
             counter.bytes);
    say(line);

    check(jet_firewall_filter_unbind(session, "jet-demo-icmp", JET_FAMILY_INET, interface, JET_DIRECTION_INPUT, 0),
          "unbind filter");
    check(jet_firewall_filter_delete(session, "jet-demo-icmp", JET_FAMILY_INET, 0), "delete filter");
    say("unbound and deleted filter jet-demo-icmp");
    check(jet_interface_address_delete(session, ifd, (uint32_t)strtoul(dot + 1, NULL, 10), JET_FAMILY_INET,
                                       "192.0.2.1/24", 0),
          "delete address");
    snprintf(line, sizeof line, "deleted 192.0.2.1/24 from %s", interface);
    say(line);

    wait_for_last_event();
    jet_service_close(session);
    jet_notification_close(events);
    jet_shutdown();
    return address_deleted ? 0 : 1;
}
