/* The C helpers of shim.h: each makes one libjet call on this thread. */
#define _GNU_SOURCE
#include "shim.h"

#include <dlfcn.h>
#include <string.h>

#include "_cgo_export.h"

/* Fills the error part of `r` from this thread's last error. */
static void capture(jg_result_t *r)
{
    r->message = NULL;
    r->grpc_code = -1;
    r->device_code = -1;
    if (r->status < 0) {
        r->message = strdup(jet_last_error_message());
        r->grpc_code = jet_last_error_grpc_code();
        r->device_code = jet_last_error_device_code();
    }
}

/* Runs `call` with `cancel` attached to this thread (when not NULL) and
 * returns its result with the error captured on the same thread. */
#define RUN(cancel, call)                                   \
    jg_result_t r;                                          \
    r.status = (cancel) ? jet_cancel_attach(cancel) : 0;    \
    if (r.status == JET_STATUS_OK) {                        \
        r.status = (call);                                  \
        if (cancel)                                         \
            jet_cancel_detach();                            \
    }                                                       \
    capture(&r);                                            \
    return r;

/* A call that cannot block: nothing to cancel. */
#define PLAIN(call) RUN((const jet_cancel_t *)NULL, call)

/* ---- trampolines: libjet's callback types onto the Go exports ---- */

static void on_event(const jet_event_t *event, void *user_data)
{
    jgoEvent((jet_event_t *)event, (uintptr_t)user_data);
}

static void on_state(jet_connection_state_t state, void *user_data)
{
    jgoState(state, (uintptr_t)user_data);
}

static void on_state_report(const jet_service_state_report_t *report, void *user_data)
{
    jgoStateReport((jet_service_state_report_t *)report, (uintptr_t)user_data);
}

static void on_log(jet_log_level_t level, const char *target, const char *message, void *user_data)
{
    jgoLog(level, (char *)target, (char *)message, (uintptr_t)user_data);
}

static void on_free(void *user_data)
{
    jgoFree((uintptr_t)user_data);
}

/* ---- notifications ---- */

jg_result_t jg_notification_open(const jet_cancel_t *cancel, const jet_notification_options_t *options, jet_notification_t **out)
{
    RUN(cancel, jet_notification_open(options, out))
}

jg_result_t jg_notification_create(const jet_notification_options_t *options, jet_notification_t **out)
{
    PLAIN(jet_notification_create(options, out))
}

jg_result_t jg_notification_set_inline_callbacks(jet_notification_t *session, int32_t enabled)
{
    PLAIN(jet_notification_set_inline_callbacks(session, enabled))
}

jg_result_t jg_notification_connect(const jet_cancel_t *cancel, jet_notification_t *session)
{
    RUN(cancel, jet_notification_connect(session))
}

jg_result_t jg_notification_subscribe(jet_notification_t *session, const char *topic, uintptr_t handle, uint64_t *out_id)
{
    PLAIN(jet_notification_subscribe(session, topic, on_event, (void *)handle, on_free, out_id))
}

jg_result_t jg_notification_subscribe_pull(jet_notification_t *session, const char *topic, uint64_t *out_id)
{
    PLAIN(jet_notification_subscribe_pull(session, topic, out_id))
}

jg_result_t jg_notification_unsubscribe(jet_notification_t *session, uint64_t id)
{
    PLAIN(jet_notification_unsubscribe(session, id))
}

jg_result_t jg_notification_unsubscribe_all(jet_notification_t *session)
{
    PLAIN(jet_notification_unsubscribe_all(session))
}

jg_result_t jg_notification_next(const jet_cancel_t *cancel, jet_notification_t *session, uint32_t timeout_ms, jet_event_t **out)
{
    RUN(cancel, jet_notification_next(session, timeout_ms, out))
}

jg_result_t jg_notification_state(const jet_notification_t *session, jet_connection_state_t *out)
{
    PLAIN(jet_notification_state(session, out))
}

jg_result_t jg_notification_set_state_callback(jet_notification_t *session, uintptr_t handle)
{
    if (handle == 0) {
        PLAIN(jet_notification_set_state_callback(session, NULL, NULL, NULL))
    }
    PLAIN(jet_notification_set_state_callback(session, on_state, (void *)handle, on_free))
}

jg_result_t jg_notification_stats(const jet_notification_t *session, jet_notification_stats_t *out)
{
    PLAIN(jet_notification_stats(session, out))
}

/* ---- events ---- */

jg_result_t jg_event_process_id(const jet_event_t *event, int64_t *out)
{
    PLAIN(jet_event_process_id(event, out))
}

jg_result_t jg_event_raw(const jet_event_t *event, const uint8_t **out_data, size_t *out_len)
{
    PLAIN(jet_event_raw(event, out_data, out_len))
}

jg_result_t jg_event_attr_name(const jet_event_t *event, size_t index, const char **out)
{
    PLAIN(jet_event_attr_name(event, index, out))
}

jg_result_t jg_event_attr_string(const jet_event_t *event, const char *name, const char **out)
{
    PLAIN(jet_event_attr_string(event, name, out))
}

jg_result_t jg_event_attr_int(const jet_event_t *event, const char *name, int64_t *out)
{
    PLAIN(jet_event_attr_int(event, name, out))
}

jg_result_t jg_event_attr_json(const jet_event_t *event, const char *name, const char **out)
{
    PLAIN(jet_event_attr_json(event, name, out))
}

jg_result_t jg_event_attr_array_len(const jet_event_t *event, const char *name, size_t *out)
{
    PLAIN(jet_event_attr_array_len(event, name, out))
}

jg_result_t jg_event_attr_array_string(const jet_event_t *event, const char *name, size_t index, const char **out)
{
    PLAIN(jet_event_attr_array_string(event, name, index, out))
}

jg_result_t jg_event_clone(const jet_event_t *event, jet_event_t **out)
{
    PLAIN(jet_event_clone(event, out))
}

/* ---- topics ---- */

jg_result_t jg_topic_ifd(jet_op_t op, const char *ifd, char **out)
{
    PLAIN(jet_topic_ifd(op, ifd, out))
}

jg_result_t jg_topic_ifl(jet_op_t op, const char *ifd, int64_t sub_unit, char **out)
{
    PLAIN(jet_topic_ifl(op, ifd, sub_unit, out))
}

jg_result_t jg_topic_iff(jet_op_t op, const char *ifd, int64_t sub_unit, const char *family, char **out)
{
    PLAIN(jet_topic_iff(op, ifd, sub_unit, family, out))
}

jg_result_t jg_topic_ifa(jet_op_t op, const char *ifd, int64_t sub_unit, const char *family, const char *address, char **out)
{
    PLAIN(jet_topic_ifa(op, ifd, sub_unit, family, address, out))
}

jg_result_t jg_topic_firewall_filter(jet_op_t op, const char *filter, char **out)
{
    PLAIN(jet_topic_firewall_filter(op, filter, out))
}

jg_result_t jg_topic_route(jet_op_t op, const char *family, const char *address, int32_t prefix_length, char **out)
{
    PLAIN(jet_topic_route(op, family, address, prefix_length, out))
}

jg_result_t jg_topic_route_table(jet_op_t op, const char *table, const char *lr, char **out)
{
    PLAIN(jet_topic_route_table(op, table, lr, out))
}

jg_result_t jg_topic_syslog(const char *event_id, char **out)
{
    PLAIN(jet_topic_syslog(event_id, out))
}

jg_result_t jg_topic_all_events(char **out)
{
    PLAIN(jet_topic_all_events(out))
}

jg_result_t jg_topic_all_kernel_events(char **out)
{
    PLAIN(jet_topic_all_kernel_events(out))
}

jg_result_t jg_topic_config_update(char **out)
{
    PLAIN(jet_topic_config_update(out))
}

jg_result_t jg_topic_validate(const char *filter)
{
    PLAIN(jet_topic_validate(filter))
}

jg_result_t jg_topic_matches(const char *filter, const char *topic, bool *out)
{
    PLAIN(jet_topic_matches(filter, topic, out))
}

/* ---- services ---- */

jg_result_t jg_service_open(const jet_cancel_t *cancel, const jet_service_options_t *options, jet_service_t **out)
{
    RUN(cancel, jet_service_open(options, out))
}

jg_result_t jg_service_set_state_callback(jet_service_t *session, uintptr_t handle)
{
    if (handle == 0) {
        PLAIN(jet_service_set_state_callback(session, NULL, NULL, NULL))
    }
    PLAIN(jet_service_set_state_callback(session, on_state_report, (void *)handle, on_free))
}

jg_result_t jg_service_generation(const jet_service_t *session, jet_service_kind_t kind, jet_generation_t *out)
{
    PLAIN(jet_service_generation(session, kind, out))
}

jg_result_t jg_interface_address_add(const jet_cancel_t *cancel, jet_service_t *s, const char *ifd, uint32_t unit, jet_family_t family, const char *address, uint32_t timeout_ms)
{
    RUN(cancel, jet_interface_address_add(s, ifd, unit, family, address, timeout_ms))
}

jg_result_t jg_interface_address_delete(const jet_cancel_t *cancel, jet_service_t *s, const char *ifd, uint32_t unit, jet_family_t family, const char *address, uint32_t timeout_ms)
{
    RUN(cancel, jet_interface_address_delete(s, ifd, unit, family, address, timeout_ms))
}

jg_result_t jg_firewall_filter_add(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_filter_add(s, json, timeout_ms))
}

jg_result_t jg_firewall_filter_modify(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, const char *json, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_filter_modify(s, name, family, json, timeout_ms))
}

jg_result_t jg_firewall_filter_replace(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_filter_replace(s, json, timeout_ms))
}

jg_result_t jg_firewall_filter_delete(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_filter_delete(s, name, family, timeout_ms))
}

jg_result_t jg_firewall_filter_bind(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, const char *interface, jet_direction_t direction, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_filter_bind(s, name, family, interface, direction, timeout_ms))
}

jg_result_t jg_firewall_filter_unbind(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, const char *interface, jet_direction_t direction, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_filter_unbind(s, name, family, interface, direction, timeout_ms))
}

jg_result_t jg_firewall_policer_add(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_policer_add(s, json, timeout_ms))
}

jg_result_t jg_firewall_policer_modify(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_policer_modify(s, json, timeout_ms))
}

jg_result_t jg_firewall_policer_delete(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_policer_scope_t scope, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_policer_delete(s, name, scope, timeout_ms))
}

jg_result_t jg_firewall_counter_get(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, const char *counter, uint32_t timeout_ms, jet_counter_t *out)
{
    RUN(cancel, jet_firewall_counter_get(s, filter, counter, timeout_ms, out))
}

jg_result_t jg_firewall_policer_counter_get(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, const char *counter, uint32_t timeout_ms, jet_counter_t *out)
{
    RUN(cancel, jet_firewall_policer_counter_get(s, filter, counter, timeout_ms, out))
}

jg_result_t jg_firewall_counter_clear(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, const char *counter, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_counter_clear(s, filter, counter, timeout_ms))
}

jg_result_t jg_firewall_counters_get(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, uint32_t timeout_ms, char **out_json)
{
    RUN(cancel, jet_firewall_counters_get(s, filter, timeout_ms, out_json))
}

jg_result_t jg_firewall_purge_timer_set(const jet_cancel_t *cancel, jet_service_t *s, uint32_t seconds, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_purge_timer_set(s, seconds, timeout_ms))
}

jg_result_t jg_firewall_purge_timer_get(const jet_cancel_t *cancel, jet_service_t *s, uint32_t timeout_ms, uint32_t *out)
{
    RUN(cancel, jet_firewall_purge_timer_get(s, timeout_ms, out))
}

jg_result_t jg_firewall_purge_timer_delete(const jet_cancel_t *cancel, jet_service_t *s, uint32_t timeout_ms)
{
    RUN(cancel, jet_firewall_purge_timer_delete(s, timeout_ms))
}

jg_result_t jg_management_run(const jet_cancel_t *cancel, jet_service_t *s, const char *command, jet_command_kind_t kind, jet_output_format_t format, uint32_t timeout_ms, char **out)
{
    RUN(cancel, jet_management_run(s, command, kind, format, timeout_ms, out))
}

jg_result_t jg_management_load(const jet_cancel_t *cancel, jet_service_t *s, const char *config, jet_config_format_t format, jet_load_type_t load, const char *comment, uint32_t timeout_ms)
{
    RUN(cancel, jet_management_load(s, config, format, load, comment, timeout_ms))
}

/* ---- library ---- */

jg_result_t jg_log_set_callback(uintptr_t handle, jet_log_level_t max_level)
{
    if (handle == 0) {
        PLAIN(jet_log_set_callback(NULL, max_level, NULL, NULL))
    }
    PLAIN(jet_log_set_callback(on_log, max_level, (void *)handle, on_free))
}

jg_result_t jg_log_set_level(jet_log_level_t max_level)
{
    PLAIN(jet_log_set_level(max_level))
}

jg_result_t jg_shutdown(void)
{
    PLAIN(jet_shutdown())
}

jg_result_t jg_cancel_new(jet_cancel_t **out)
{
    PLAIN(jet_cancel_new(out))
}

const char *jg_library_path(void)
{
    Dl_info info;
    if (dladdr((void *)jet_abi_version, &info) != 0 && info.dli_fname != NULL) {
        return info.dli_fname;
    }
    return "";
}
