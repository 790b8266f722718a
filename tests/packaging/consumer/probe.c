/*
 * probe: the consumer projects' program (tests/packaging). Built against an
 * installed libjet by CMake (find_package(jet)) and by make (pkg-config),
 * shared and static. Against `jet sim` it subscribes to an interface
 * address, adds that address through the JET services, waits for the event,
 * removes the address and prints which libjet.so the process mapped.
 *
 *   probe MQTT_PORT GRPC_PORT ADDRESS/LEN      (logs in as jet/jet123, clear text)
 *
 * Output: "abi <library's> <header's>", "event <id> <topic>", then
 * "libjet: <path of the mapped libjet.so>" or "libjet: none" (static).
 */
#define _POSIX_C_SOURCE 200809L

#include <jet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what, jet_status_t status)
{
    fprintf(stderr, "probe: %s: %s: %s\n", what, jet_status_str(status), jet_last_error_message());
    jet_shutdown();
    exit(1);
}

/* Prints the path of the libjet.so this process mapped, or "none". */
static void print_library(void)
{
    char line[4096];
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL) {
        perror("probe: /proc/self/maps");
        exit(1);
    }
    while (fgets(line, sizeof line, maps) != NULL) {
        char *path = strchr(line, '/');
        if (path != NULL && strstr(path, "/libjet.so") != NULL) {
            path[strcspn(path, "\n")] = '\0';
            printf("libjet: %s\n", path);
            fclose(maps);
            return;
        }
    }
    fclose(maps);
    printf("libjet: none\n");
}

int main(int argc, char **argv)
{
    jet_notification_options_t notify_options;
    jet_service_options_t service_options;
    jet_notification_t *notifications = NULL;
    jet_service_t *service = NULL;
    jet_event_t *event = NULL;
    char *topic = NULL;
    uint64_t id = 0;
    jet_status_t status;

    if (argc != 4) {
        fprintf(stderr, "usage: probe MQTT_PORT GRPC_PORT ADDRESS/LEN\n");
        return 2;
    }
    printf("abi %u %d\n", (unsigned)jet_abi_version(), JET_ABI_VERSION);

    jet_notification_options_default(&notify_options);
    notify_options.port = (uint16_t)atoi(argv[1]);
    if ((status = jet_notification_open(&notify_options, &notifications)) != JET_STATUS_OK) {
        fail("open notifications", status);
    }
    if ((status = jet_topic_ifa(JET_OP_ADD, "ge-0/0/0", 0, "inet", argv[3], &topic)) != JET_STATUS_OK) {
        fail("topic", status);
    }
    if ((status = jet_notification_subscribe_pull(notifications, topic, &id)) != JET_STATUS_OK) {
        fail("subscribe", status);
    }
    jet_string_free(topic);

    jet_service_options_default(&service_options);
    service_options.port = (uint16_t)atoi(argv[2]);
    service_options.user = "jet";
    service_options.password = "jet123";
    service_options.clear_text = 1;
    if ((status = jet_service_open(&service_options, &service)) != JET_STATUS_OK) {
        fail("open service", status);
    }
    if ((status = jet_interface_address_add(service, "ge-0/0/0", 0, JET_FAMILY_INET, argv[3], 0)) != JET_STATUS_OK) {
        fail("add address", status);
    }
    if ((status = jet_notification_next(notifications, 30000, &event)) != JET_STATUS_OK) {
        fail("wait for the event", status);
    }
    printf("event %s %s\n", jet_event_id(event), jet_event_topic(event));
    jet_event_free(event);
    if ((status = jet_interface_address_delete(service, "ge-0/0/0", 0, JET_FAMILY_INET, argv[3], 0)) != JET_STATUS_OK) {
        fail("delete address", status);
    }
    jet_service_close(service);
    jet_notification_close(notifications);
    print_library();
    jet_shutdown();
    return 0;
}
