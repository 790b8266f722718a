/*
 * The C side of the Go binding: one helper per fallible libjet call.
 *
 * Each helper runs its call on one OS thread from start to end, because
 * libjet keeps per-thread state that a goroutine could move away from:
 * the cancellation token is attached, the call made, the token detached,
 * and on failure the thread's last-error text and codes are copied into
 * the result, all inside the helper.
 */
#ifndef JET_GO_SHIM_H
#define JET_GO_SHIM_H

#include <stdint.h>
#include <stdlib.h>

#include "jet.h"

/* A call's status and, when it failed, libjet's message (malloc'ed; the Go
 * side frees it) and codes. */
typedef struct {
    int32_t status;
    char *message;
    int32_t grpc_code;
    int32_t device_code;
} jg_result_t;

/* ---- notifications ---- */
jg_result_t jg_notification_open(const jet_cancel_t *cancel, const jet_notification_options_t *options, jet_notification_t **out);
jg_result_t jg_notification_create(const jet_notification_options_t *options, jet_notification_t **out);
jg_result_t jg_notification_set_inline_callbacks(jet_notification_t *session, int32_t enabled);
jg_result_t jg_notification_connect(const jet_cancel_t *cancel, jet_notification_t *session);
jg_result_t jg_notification_subscribe(jet_notification_t *session, const char *topic, uintptr_t handle, uint64_t *out_id);
jg_result_t jg_notification_subscribe_pull(jet_notification_t *session, const char *topic, uint64_t *out_id);
jg_result_t jg_notification_unsubscribe(jet_notification_t *session, uint64_t id);
jg_result_t jg_notification_unsubscribe_all(jet_notification_t *session);
jg_result_t jg_notification_next(const jet_cancel_t *cancel, jet_notification_t *session, uint32_t timeout_ms, jet_event_t **out);
jg_result_t jg_notification_state(const jet_notification_t *session, jet_connection_state_t *out);
jg_result_t jg_notification_set_state_callback(jet_notification_t *session, uintptr_t handle);
jg_result_t jg_notification_stats(const jet_notification_t *session, jet_notification_stats_t *out);

/* ---- events ---- */
jg_result_t jg_event_process_id(const jet_event_t *event, int64_t *out);
jg_result_t jg_event_raw(const jet_event_t *event, const uint8_t **out_data, size_t *out_len);
jg_result_t jg_event_attr_name(const jet_event_t *event, size_t index, const char **out);
jg_result_t jg_event_attr_string(const jet_event_t *event, const char *name, const char **out);
jg_result_t jg_event_attr_int(const jet_event_t *event, const char *name, int64_t *out);
jg_result_t jg_event_attr_json(const jet_event_t *event, const char *name, const char **out);
jg_result_t jg_event_attr_array_len(const jet_event_t *event, const char *name, size_t *out);
jg_result_t jg_event_attr_array_string(const jet_event_t *event, const char *name, size_t index, const char **out);
jg_result_t jg_event_clone(const jet_event_t *event, jet_event_t **out);

/* ---- topics ---- */
jg_result_t jg_topic_ifd(jet_op_t op, const char *ifd, char **out);
jg_result_t jg_topic_ifl(jet_op_t op, const char *ifd, int64_t sub_unit, char **out);
jg_result_t jg_topic_iff(jet_op_t op, const char *ifd, int64_t sub_unit, const char *family, char **out);
jg_result_t jg_topic_ifa(jet_op_t op, const char *ifd, int64_t sub_unit, const char *family, const char *address, char **out);
jg_result_t jg_topic_firewall_filter(jet_op_t op, const char *filter, char **out);
jg_result_t jg_topic_route(jet_op_t op, const char *family, const char *address, int32_t prefix_length, char **out);
jg_result_t jg_topic_route_table(jet_op_t op, const char *table, const char *lr, char **out);
jg_result_t jg_topic_syslog(const char *event_id, char **out);
jg_result_t jg_topic_all_events(char **out);
jg_result_t jg_topic_all_kernel_events(char **out);
jg_result_t jg_topic_config_update(char **out);
jg_result_t jg_topic_validate(const char *filter);
jg_result_t jg_topic_matches(const char *filter, const char *topic, bool *out);

/* ---- services ---- */
jg_result_t jg_service_open(const jet_cancel_t *cancel, const jet_service_options_t *options, jet_service_t **out);
jg_result_t jg_service_set_state_callback(jet_service_t *session, uintptr_t handle);
jg_result_t jg_service_generation(const jet_service_t *session, jet_service_kind_t kind, jet_generation_t *out);
jg_result_t jg_interface_address_add(const jet_cancel_t *cancel, jet_service_t *s, const char *ifd, uint32_t unit, jet_family_t family, const char *address, uint32_t timeout_ms);
jg_result_t jg_interface_address_delete(const jet_cancel_t *cancel, jet_service_t *s, const char *ifd, uint32_t unit, jet_family_t family, const char *address, uint32_t timeout_ms);
jg_result_t jg_firewall_filter_add(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms);
jg_result_t jg_firewall_filter_modify(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, const char *json, uint32_t timeout_ms);
jg_result_t jg_firewall_filter_replace(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms);
jg_result_t jg_firewall_filter_delete(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, uint32_t timeout_ms);
jg_result_t jg_firewall_filter_bind(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, const char *interface, jet_direction_t direction, uint32_t timeout_ms);
jg_result_t jg_firewall_filter_unbind(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_family_t family, const char *interface, jet_direction_t direction, uint32_t timeout_ms);
jg_result_t jg_firewall_policer_add(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms);
jg_result_t jg_firewall_policer_modify(const jet_cancel_t *cancel, jet_service_t *s, const char *json, uint32_t timeout_ms);
jg_result_t jg_firewall_policer_delete(const jet_cancel_t *cancel, jet_service_t *s, const char *name, jet_policer_scope_t scope, uint32_t timeout_ms);
jg_result_t jg_firewall_counter_get(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, const char *counter, uint32_t timeout_ms, jet_counter_t *out);
jg_result_t jg_firewall_policer_counter_get(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, const char *counter, uint32_t timeout_ms, jet_counter_t *out);
jg_result_t jg_firewall_counter_clear(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, const char *counter, uint32_t timeout_ms);
jg_result_t jg_firewall_counters_get(const jet_cancel_t *cancel, jet_service_t *s, const char *filter, uint32_t timeout_ms, char **out_json);
jg_result_t jg_firewall_purge_timer_set(const jet_cancel_t *cancel, jet_service_t *s, uint32_t seconds, uint32_t timeout_ms);
jg_result_t jg_firewall_purge_timer_get(const jet_cancel_t *cancel, jet_service_t *s, uint32_t timeout_ms, uint32_t *out);
jg_result_t jg_firewall_purge_timer_delete(const jet_cancel_t *cancel, jet_service_t *s, uint32_t timeout_ms);
jg_result_t jg_management_run(const jet_cancel_t *cancel, jet_service_t *s, const char *command, jet_command_kind_t kind, jet_output_format_t format, uint32_t timeout_ms, char **out);
jg_result_t jg_management_load(const jet_cancel_t *cancel, jet_service_t *s, const char *config, jet_config_format_t format, jet_load_type_t load, const char *comment, uint32_t timeout_ms);

/* ---- library ---- */
jg_result_t jg_log_set_callback(uintptr_t handle, jet_log_level_t max_level);
jg_result_t jg_log_set_level(jet_log_level_t max_level);
jg_result_t jg_shutdown(void);
jg_result_t jg_cancel_new(jet_cancel_t **out);
/* The file libjet was loaded from ("" when unknown); static storage. */
const char *jg_library_path(void);

#endif
