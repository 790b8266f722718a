/*
 * libjet: Junos JET notifications and services for C and C++.
 *
 * Generated from src/ffi by cbindgen. Do not edit by hand.
 *
 * Conventions:
 * - Every symbol starts with jet_ / JET_.
 * - Fallible functions return jet_status_t: 0 is OK, negative is an error, a
 *   positive value is information (JET_STATUS_NO_EVENT). Out-parameters are
 *   written only on success. jet_last_error_message() gives the text of the
 *   calling thread's last error.
 * - Handles are opaque pointers made by ..._open/..._new/..._clone and
 *   released by ..._close/..._free, which accept NULL.
 * - Strings passed in are NUL-terminated UTF-8; strings handed out and owned
 *   by the caller are freed with jet_string_free.
 * - Callbacks run on a libjet dispatcher thread, never on a network thread and
 *   never under a lock a libjet call needs: a callback may unsubscribe or close
 *   its own session. free_user_data runs exactly once, after the last call.
 * - Blocking calls can be cancelled from another thread: attach a
 *   jet_cancel_t to the calling thread (jet_cancel_attach), then
 *   jet_cancel_trigger makes them return JET_STATUS_CANCELLED at once.
 * - Call jet_shutdown() before the process exits (required under managed
 *   runtimes); never call libjet from atexit handlers or library unload.
 */


#ifndef JET_H
#define JET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The libjet version this header belongs to. */
#define JET_VERSION "0.1.0"
/** Major version. */
#define JET_VERSION_MAJOR 0
/** Minor version. */
#define JET_VERSION_MINOR 1
/** Patch version. */
#define JET_VERSION_PATCH 0
/** The C ABI version; jet_abi_version() returns it. The SONAME is libjet.so.<it>. */
#define JET_ABI_VERSION 3


/**
 * "Any sub-unit" / "any prefix length" for the integer arguments.
 */
#define JET_ANY -1

/**
 * The result of a fallible libjet call: 0 is OK, negative is an error, a
 * positive value is information. `jet_last_error_message()` has the details.
 */
enum jet_status_t
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * Success.
   */
  JET_STATUS_OK = 0,
  /**
   * No event arrived within the timeout (jet_notification_next).
   */
  JET_STATUS_NO_EVENT = 1,
  /**
   * An argument was refused: malformed, out of range or too long.
   */
  JET_STATUS_INVALID_ARGUMENT = -1,
  /**
   * A required pointer argument was NULL.
   */
  JET_STATUS_NULL_ARGUMENT = -2,
  /**
   * A string argument was not valid UTF-8.
   */
  JET_STATUS_INVALID_UTF8 = -3,
  /**
   * The device could not be reached.
   */
  JET_STATUS_UNREACHABLE = -10,
  /**
   * The device refused the credentials or this client.
   */
  JET_STATUS_NOT_AUTHORIZED = -11,
  /**
   * The operation did not finish in time.
   */
  JET_STATUS_TIMEOUT = -12,
  /**
   * TLS failed: handshake, certificate verification or loading files.
   */
  JET_STATUS_TLS = -13,
  /**
   * The session is closed.
   */
  JET_STATUS_CLOSED = -14,
  /**
   * The peer broke the protocol.
   */
  JET_STATUS_PROTOCOL = -15,
  /**
   * The call would deadlock on this thread (for example jet_shutdown from a callback).
   */
  JET_STATUS_WOULD_DEADLOCK = -16,
  /**
   * An input/output error.
   */
  JET_STATUS_IO = -17,
  /**
   * The thing asked for does not exist (an attribute, a subscription).
   */
  JET_STATUS_NOT_FOUND = -18,
  /**
   * The thing asked for exists but has another type (an attribute).
   */
  JET_STATUS_WRONG_TYPE = -19,
  /**
   * The event is not a valid JET event (see jet_event_parse_error).
   */
  JET_STATUS_PARSE_ERROR = -20,
  /**
   * The device refused the request; jet_last_error_device_code() has its code.
   */
  JET_STATUS_REFUSED = -21,
  /**
   * The device does not serve this service or call (in the API generation asked for).
   */
  JET_STATUS_UNIMPLEMENTED = -22,
  /**
   * The thing already exists on the device (for example the client id is in use).
   */
  JET_STATUS_ALREADY_EXISTS = -23,
  /**
   * The call was cancelled through a jet_cancel_t.
   */
  JET_STATUS_CANCELLED = -24,
  /**
   * An unexpected internal error.
   */
  JET_STATUS_INTERNAL = -98,
  /**
   * libjet caught a panic; the call had no effect that can be relied on.
   */
  JET_STATUS_PANIC = -99,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum jet_status_t jet_status_t;
#else
typedef int32_t jet_status_t;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * A cancellation token (opaque). Made by jet_cancel_new, released by
 * jet_cancel_free. Attach it to a thread with jet_cancel_attach; trigger it
 * from any thread with jet_cancel_trigger to make that thread's blocking
 * libjet calls return JET_STATUS_CANCELLED. A token stays triggered: make a
 * new one for the next operation.
 */
typedef struct jet_cancel_t jet_cancel_t;

/**
 * A notification event (opaque).
 */
typedef struct jet_event_t jet_event_t;

/**
 * A notification session (opaque). Thread-safe: its functions may be called
 * from any thread, and from callbacks.
 */
typedef struct jet_notification_t jet_notification_t;

/**
 * A service session (opaque). Thread-safe.
 */
typedef struct jet_service_t jet_service_t;

/**
 * An address family: one of the `JET_FAMILY_*` constants.
 */
typedef int32_t jet_family_t;

/**
 * A bind direction: one of the `JET_DIRECTION_*` constants.
 */
typedef int32_t jet_direction_t;

/**
 * A policer scope: one of the `JET_POLICER_*` constants.
 */
typedef int32_t jet_policer_scope_t;

/**
 * A counter's value.
 */
typedef struct jet_counter_t {
  /**
   * Bytes counted.
   */
  uint64_t bytes;
  /**
   * Packets counted.
   */
  uint64_t packets;
} jet_counter_t;

/**
 * A log level: one of the `JET_LOG_*` constants.
 */
typedef int32_t jet_log_level_t;

/**
 * Receives one log record. `target` names the part of libjet ("notify",
 * "tls", ...); both strings are valid for the call only. It may run on any
 * libjet thread: keep it short and do not call libjet from it.
 */
typedef void (*jet_log_callback_t)(jet_log_level_t level, const char *target, const char *message, void *user_data);

/**
 * Frees user data given with a callback; called exactly once.
 */
typedef void (*jet_free_callback_t)(void *user_data);

/**
 * How a command is written: one of the `JET_COMMAND_*` constants.
 */
typedef int32_t jet_command_kind_t;

/**
 * An output format: one of the `JET_OUTPUT_*` constants.
 */
typedef int32_t jet_output_format_t;

/**
 * A configuration format: one of the `JET_CONFIG_*` constants.
 */
typedef int32_t jet_config_format_t;

/**
 * A load mode: one of the `JET_LOAD_*` constants (ignored for JET_CONFIG_SET).
 */
typedef int32_t jet_load_type_t;

/**
 * What a session does when the application falls behind: one of the
 * `JET_OVERFLOW_*` constants.
 */
typedef uint8_t jet_overflow_t;

/**
 * Settings of a notification session. Fill it with
 * jet_notification_options_default(), then change what you need. String
 * fields are borrowed for the duration of jet_notification_open only; NULL
 * means "not set".
 */
typedef struct jet_notification_options_t {
  /**
   * sizeof(jet_notification_options_t); set by jet_notification_options_default().
   */
  uint32_t struct_size;
  /**
   * Device (broker) host name or address. Default "127.0.0.1" (NULL means the default).
   */
  const char *device;
  /**
   * Broker port. Default 1883.
   */
  uint16_t port;
  /**
   * User name, when the broker checks one. Default NULL.
   */
  const char *user;
  /**
   * Password; never logged. Default NULL.
   */
  const char *password;
  /**
   * MQTT keepalive in seconds. Default 60; 0 turns it off.
   */
  uint32_t keepalive_s;
  /**
   * Source address of the connection (the device's allow-clients checks it). Default NULL.
   */
  const char *bind_address;
  /**
   * MQTT client id. Default NULL: a unique one is made.
   */
  const char *client_id;
  /**
   * 1 to connect with TLS. Default 0.
   */
  uint8_t tls;
  /**
   * PEM file of the CA(s) to trust; NULL trusts the system's roots.
   */
  const char *tls_ca_file;
  /**
   * PEM client certificate for mutual TLS. Default NULL.
   */
  const char *tls_cert_file;
  /**
   * PEM key of the client certificate. Default NULL.
   */
  const char *tls_key_file;
  /**
   * Name to verify in the server certificate instead of `device`. Default NULL.
   */
  const char *tls_server_name;
  /**
   * 1 accepts any server certificate (labs only). Default 0: verified.
   */
  uint8_t tls_insecure_skip_verify;
  /**
   * Time for TCP, TLS and MQTT handshakes together, in ms. Default 10000.
   */
  uint32_t connect_timeout_ms;
  /**
   * 1 (default) starts a clean MQTT session; 0 keeps the broker-side session (needs client_id).
   */
  uint8_t clean_session;
  /**
   * QoS of subscriptions: 0 (default) or 1.
   */
  uint8_t qos;
  /**
   * Events waiting for the application per queue; beyond it they are dropped and counted. Default 65536.
   */
  uint32_t queue_capacity;
  /**
   * Largest MQTT packet accepted, in bytes. Default 1048576.
   */
  uint32_t max_packet_size;
  /**
   * First reconnect delay in ms; it doubles up to reconnect_max_ms. Default 250.
   */
  uint32_t reconnect_min_ms;
  /**
   * Longest reconnect delay in ms. Default 30000.
   */
  uint32_t reconnect_max_ms;
  /**
   * What happens when a queue is full: JET_OVERFLOW_DROP (default) or JET_OVERFLOW_WAIT.
   */
  jet_overflow_t overflow;
} jet_notification_options_t;

/**
 * Receives one event. `event` is valid for the call only (jet_event_clone keeps it).
 */
typedef void (*jet_event_callback_t)(const struct jet_event_t *event, void *user_data);

/**
 * A connection state: one of the `JET_CONNECTION_*` constants.
 */
typedef int32_t jet_connection_state_t;

/**
 * Told about each connection state change.
 */
typedef void (*jet_state_callback_t)(jet_connection_state_t state, void *user_data);

/**
 * Statistics of a notification session.
 */
typedef struct jet_notification_stats_t {
  /**
   * Messages received from the broker.
   */
  uint64_t received;
  /**
   * Events handed to the application (one per callback call or jet_notification_next).
   */
  uint64_t delivered;
  /**
   * Events dropped because the application was slower than the device.
   */
  uint64_t dropped;
  /**
   * Messages that were not valid JET events (still delivered, flagged).
   */
  uint64_t parse_errors;
  /**
   * Reconnects after a lost connection.
   */
  uint64_t reconnects;
} jet_notification_stats_t;

/**
 * An IDL generation choice: one of the `JET_API_*` constants.
 */
typedef int32_t jet_api_t;

/**
 * What a session does about its filters, policers and interface addresses
 * after a reconnect: one of the `JET_SERVICE_STATE_*` constants.
 */
typedef int32_t jet_service_state_mode_t;

/**
 * Settings of a service session. Fill it with jet_service_options_default().
 * Strings are borrowed for the duration of jet_service_open only.
 */
typedef struct jet_service_options_t {
  /**
   * sizeof(jet_service_options_t); set by jet_service_options_default().
   */
  uint32_t struct_size;
  /**
   * Device host name or address. Default "127.0.0.1" (NULL means the default).
   */
  const char *device;
  /**
   * JET request-response port. Default 32767.
   */
  uint16_t port;
  /**
   * User for the login; NULL skips the login (devices with skip-authentication).
   */
  const char *user;
  /**
   * Password; never logged.
   */
  const char *password;
  /**
   * Client id, unique among the device's sessions; NULL makes one.
   */
  const char *client_id;
  /**
   * IDL generation: JET_API_AUTO (default), JET_API_JNX or JET_API_LEGACY.
   */
  jet_api_t api;
  /**
   * 1 connects without TLS (must be asked for). Default 0: TLS.
   */
  uint8_t clear_text;
  /**
   * PEM file of the CA(s) to trust; NULL trusts the system's roots.
   */
  const char *tls_ca_file;
  /**
   * PEM client certificate for mutual TLS.
   */
  const char *tls_cert_file;
  /**
   * PEM key of the client certificate.
   */
  const char *tls_key_file;
  /**
   * Name to verify in the device certificate instead of `device`.
   */
  const char *tls_server_name;
  /**
   * 1 accepts any certificate (labs only). Default 0.
   */
  uint8_t tls_insecure_skip_verify;
  /**
   * Time to open the session: connect (TCP and TLS) and log in, ms. Default 10000.
   */
  uint32_t connect_timeout_ms;
  /**
   * Deadline of each call that gives none (timeout_ms 0), ms. Default 30000.
   */
  uint32_t call_timeout_ms;
  /**
   * What to do about the filters, policers and interface addresses this
   * session added after a reconnect:
   * JET_SERVICE_STATE_OFF (default), JET_SERVICE_STATE_REPORT or JET_SERVICE_STATE_REAPPLY; the
   * reports go to jet_service_set_state_callback's callback.
   */
  jet_service_state_mode_t state;
} jet_service_options_t;

/**
 * A JET service: one of the `JET_SERVICE_*` constants.
 */
typedef int32_t jet_service_kind_t;

/**
 * A generation in use: one of the `JET_GENERATION_*` constants.
 */
typedef int32_t jet_generation_t;

/**
 * One check of a session's filters, policers and interface addresses after
 * a reconnect: four lists of entries, each saying what it is: `filter NAME`,
 * `policer NAME` or `address IFL FAMILY ADDRESS/LEN` (e.g.
 * `address ge-0/0/0.0 inet 192.0.2.1/24`); a `failed` entry is
 * `<entry>: <message>`. Valid for the callback's call only.
 */
typedef struct jet_service_state_report_t {
  /**
   * What the device still has.
   */
  const char *const *present;
  /**
   * How many in `present`.
   */
  size_t present_count;
  /**
   * What the device had lost (including what was added again since).
   */
  const char *const *purged;
  /**
   * How many in `purged`.
   */
  size_t purged_count;
  /**
   * What was lost and added again, filters bound again
   * (JET_SERVICE_STATE_REAPPLY).
   */
  const char *const *reapplied;
  /**
   * How many in `reapplied`.
   */
  size_t reapplied_count;
  /**
   * What could not be checked or added again: `<entry>: <message>` each.
   */
  const char *const *failed;
  /**
   * How many in `failed`.
   */
  size_t failed_count;
} jet_service_state_report_t;

/**
 * Receives a state report. Called on a libjet thread, never under a libjet
 * lock; it may call the session's functions (not jet_service_close).
 */
typedef void (*jet_service_state_callback_t)(const struct jet_service_state_report_t *report, void *user_data);

/**
 * A topic operation: one of the `JET_OP_*` constants.
 */
typedef int32_t jet_op_t;

/**
 * Packets entering the interface.
 */
#define JET_DIRECTION_INPUT 1

/**
 * Packets leaving the interface.
 */
#define JET_DIRECTION_OUTPUT 2

/**
 * An instance per term that names the policer (the Junos default).
 */
#define JET_POLICER_TERM_SPECIFIC 0

/**
 * One instance for the whole filter.
 */
#define JET_POLICER_FILTER_SPECIFIC 1

/**
 * IPv4 (family inet).
 */
#define JET_FAMILY_INET 1

/**
 * IPv6 (family inet6).
 */
#define JET_FAMILY_INET6 2

/**
 * Failures libjet could not hide.
 */
#define JET_LOG_ERROR 1

/**
 * Recovered problems: reconnects, dropped events.
 */
#define JET_LOG_WARN 2

/**
 * Milestones: connected, subscribed, closed.
 */
#define JET_LOG_INFO 3

/**
 * Detail for finding a problem.
 */
#define JET_LOG_DEBUG 4

/**
 * Everything.
 */
#define JET_LOG_TRACE 5

/**
 * CLI text, e.g. "show version".
 */
#define JET_COMMAND_CLI 0

/**
 * An XML RPC, e.g. `<get-software-information/>`.
 */
#define JET_COMMAND_XML 1

/**
 * JSON.
 */
#define JET_OUTPUT_JSON 0

/**
 * XML.
 */
#define JET_OUTPUT_XML 1

/**
 * CLI text.
 */
#define JET_OUTPUT_TEXT 2

/**
 * Curly-brace text.
 */
#define JET_CONFIG_TEXT 0

/**
 * `set` commands, one per line.
 */
#define JET_CONFIG_SET 1

/**
 * XML.
 */
#define JET_CONFIG_XML 2

/**
 * JSON.
 */
#define JET_CONFIG_JSON 3

/**
 * load merge.
 */
#define JET_LOAD_MERGE 0

/**
 * load replace.
 */
#define JET_LOAD_REPLACE 1

/**
 * load override.
 */
#define JET_LOAD_OVERRIDE 2

/**
 * load update.
 */
#define JET_LOAD_UPDATE 3

/**
 * Keep reading the broker; drop the newest events and count them in `dropped`.
 */
#define JET_OVERFLOW_DROP 0

/**
 * Stop reading the broker until the application has room: TCP and the broker
 * hold the events, and libjet drops nothing it received (nor a QoS 1 event it
 * acknowledged). The broker's own limits apply to what it holds.
 */
#define JET_OVERFLOW_WAIT 1

/**
 * Making the first connection.
 */
#define JET_CONNECTION_CONNECTING 0

/**
 * Connected; subscriptions in force.
 */
#define JET_CONNECTION_CONNECTED 1

/**
 * Connection lost; reconnecting with backoff (subscriptions are restored).
 */
#define JET_CONNECTION_RECONNECTING 2

/**
 * Closed.
 */
#define JET_CONNECTION_CLOSED 3

/**
 * Made by jet_notification_create; not connected yet.
 */
#define JET_CONNECTION_IDLE 4

/**
 * Find out per service which generation the device serves (default).
 */
#define JET_API_AUTO 0

/**
 * The jnx.jet.* IDL (Junos 19.3 and later, Evolved).
 */
#define JET_API_JNX 1

/**
 * The legacy IDL (Junos 17.x to 19.2).
 */
#define JET_API_LEGACY 2

/**
 * Login.
 */
#define JET_SERVICE_AUTHENTICATION 0

/**
 * Firewall filters, policers and counters.
 */
#define JET_SERVICE_FIREWALL 1

/**
 * Interface addresses.
 */
#define JET_SERVICE_INTERFACES 2

/**
 * Operational commands and configuration.
 */
#define JET_SERVICE_MANAGEMENT 3

/**
 * Not known yet (auto mode, before the service's first call).
 */
#define JET_GENERATION_UNKNOWN 0

/**
 * The jnx.jet.* IDL.
 */
#define JET_GENERATION_JNX 1

/**
 * The legacy IDL.
 */
#define JET_GENERATION_LEGACY 2

/**
 * Nothing (default).
 */
#define JET_SERVICE_STATE_OFF 0

/**
 * Check which of the filters, policers and interface addresses this session
 * added the device still has, and report it to the state callback.
 */
#define JET_SERVICE_STATE_REPORT 1

/**
 * As JET_SERVICE_STATE_REPORT, and add the lost filters, policers and
 * interface addresses again (policers before the filters that use them,
 * filters with their binds).
 */
#define JET_SERVICE_STATE_REAPPLY 2

/**
 * Object added.
 */
#define JET_OP_ADD 0

/**
 * Object changed.
 */
#define JET_OP_CHANGE 1

/**
 * Object deleted.
 */
#define JET_OP_DELETE 2

/**
 * Any operation.
 */
#define JET_OP_ALL 3

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * Makes a token that is not triggered; `*out_cancel` is to release with
 * jet_cancel_free.
 */
jet_status_t jet_cancel_new(struct jet_cancel_t **out_cancel);

/**
 * Triggers the token, from any thread: every blocking call honouring it
 * (now or later) returns JET_STATUS_CANCELLED, those waiting are woken at
 * once. Calling it again does nothing and returns JET_STATUS_OK.
 */
jet_status_t jet_cancel_trigger(const struct jet_cancel_t *cancel);

/**
 * True once the token was triggered; false for NULL.
 */
bool jet_cancel_is_triggered(const struct jet_cancel_t *cancel);

/**
 * Releases a token; NULL is ignored. Safe while the token is still attached
 * to a thread: the thread holds its own reference until jet_cancel_detach
 * (or the next jet_cancel_attach), so its calls stay cancelled if the token
 * was triggered; nothing can trigger it after the free.
 *
 * # Safety
 * `cancel` must come from jet_cancel_new and not be freed twice.
 */
void jet_cancel_free(struct jet_cancel_t *cancel);

/**
 * Makes the calling thread's blocking libjet calls (jet_notification_open,
 * jet_notification_connect, jet_notification_next, jet_service_open and
 * every service call) honour `cancel` until jet_cancel_detach; replaces the
 * token attached before, if any. A call started while the token is
 * triggered returns JET_STATUS_CANCELLED at once, without reaching the
 * device. The thread keeps its own reference: the token may be freed while
 * attached.
 */
jet_status_t jet_cancel_attach(const struct jet_cancel_t *cancel);

/**
 * Detaches the calling thread's token: its blocking calls are no longer
 * cancellable. Does nothing when none is attached.
 */
void jet_cancel_detach(void);

/**
 * The topic the event arrived on (NULL only when `event` is NULL).
 */
const char *jet_event_topic(const struct jet_event_t *event);

/**
 * The event id, e.g. "KERNEL_EVENT_IFA_ADD"; NULL when absent or unparsed.
 */
const char *jet_event_id(const struct jet_event_t *event);

/**
 * The device's host name; NULL when absent.
 */
const char *jet_event_hostname(const struct jet_event_t *event);

/**
 * The device's time stamp text, e.g. "2019-01-22-14:59:06"; NULL when absent.
 */
const char *jet_event_time(const struct jet_event_t *event);

/**
 * The severity, e.g. "info"; NULL when absent.
 */
const char *jet_event_severity(const struct jet_event_t *event);

/**
 * The facility, e.g. "KERNEL"; NULL when absent.
 */
const char *jet_event_facility(const struct jet_event_t *event);

/**
 * A syslog event's process name; NULL when absent.
 */
const char *jet_event_process_name(const struct jet_event_t *event);

/**
 * A syslog event's message text; NULL when absent.
 */
const char *jet_event_message(const struct jet_event_t *event);

/**
 * Why the payload is not a JET event; NULL when it was parsed.
 */
const char *jet_event_parse_error(const struct jet_event_t *event);

/**
 * True when the payload was a valid JET event (false for NULL).
 */
bool jet_event_is_parsed(const struct jet_event_t *event);

/**
 * A syslog event's process id (a number, or a string of digits on the wire).
 */
jet_status_t jet_event_process_id(const struct jet_event_t *event, int64_t *out_pid);

/**
 * The payload exactly as received: `*out_data` points into the event.
 */
jet_status_t jet_event_raw(const struct jet_event_t *event, const uint8_t **out_data, size_t *out_len);

/**
 * The attributes as compact JSON, keys in alphabetical order ("{}" when none
 * or unparsed; NULL only when `event` is NULL).
 */
const char *jet_event_attributes_json(const struct jet_event_t *event);

/**
 * The number of attributes (0 for NULL or unparsed).
 */
size_t jet_event_attr_count(const struct jet_event_t *event);

/**
 * The name of attribute number `index` (0-based, in alphabetical order, the
 * order of jet_event_attributes_json).
 */
jet_status_t jet_event_attr_name(const struct jet_event_t *event, size_t index, const char **out_name);

/**
 * A string attribute. JET_STATUS_NOT_FOUND when absent, JET_STATUS_WRONG_TYPE
 * when not a string, JET_STATUS_PARSE_ERROR when the event was not parsed.
 */
jet_status_t jet_event_attr_string(const struct jet_event_t *event, const char *name, const char **out_value);

/**
 * An integer attribute (a JSON integer, or a string of decimal digits).
 */
jet_status_t jet_event_attr_int(const struct jet_event_t *event, const char *name, int64_t *out_value);

/**
 * Any attribute as compact JSON text (for nested or unusual values).
 */
jet_status_t jet_event_attr_json(const struct jet_event_t *event, const char *name, const char **out_json);

/**
 * The length of an array attribute (e.g. "nexthop-address").
 */
jet_status_t jet_event_attr_array_len(const struct jet_event_t *event, const char *name, size_t *out_len);

/**
 * Element `index` of an array attribute, which must be a string.
 */
jet_status_t jet_event_attr_array_string(const struct jet_event_t *event, const char *name, size_t index, const char **out_value);

/**
 * Copies `event` (for example to keep it after a callback returns).
 */
jet_status_t jet_event_clone(const struct jet_event_t *event, struct jet_event_t **out_event);

/**
 * Frees an event from jet_event_clone or jet_notification_next. NULL is ignored.
 * Never free the event a callback receives.
 *
 * # Safety
 * `event` must be an owned event from libjet, freed once.
 */
void jet_event_free(struct jet_event_t *event);

/**
 * The message of the last failed libjet call on this thread ("" if none).
 * Valid until the next failed call on this thread; never free it.
 */
const char *jet_last_error_message(void);

/**
 * The gRPC status code of the last failed call on this thread, or -1 when
 * it was not a failed gRPC call (0 OK … 16 UNAUTHENTICATED, as in gRPC).
 */
int32_t jet_last_error_grpc_code(void);

/**
 * The device's own status or sub-code of the last failed call on this
 * thread (for example a firewall sub_code), or -1 when it had none.
 */
int32_t jet_last_error_device_code(void);

/**
 * Frees a string that libjet handed out as owned by the caller. NULL is ignored.
 *
 * # Safety
 * `text` must come from libjet (a `char**` out-parameter) and not be freed twice.
 */
void jet_string_free(char *text);

/**
 * Adds a filter given as JSON:
 * `{"name": "jet-demo-icmp", "family": "inet", "terms": [{"name": "t1",
 * "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count",
 * "discard": true}}, {"name": "t2", "actions": {"accept": true}}]}`.
 * Matches: source-addresses, destination-addresses, addresses (prefixes
 * such as "192.0.2.0/24", or {"prefix": …, "except": true}),
 * source-ports, destination-ports, ports, protocols, icmp-types,
 * icmp-codes, dscp, packet-lengths, ttls (numbers, "low-high" ranges or
 * {"range": …, "except": true}; protocols also by name), fragment,
 * interfaces. Actions: one of accept, discard, reject (a reason such as
 * "port-unreachable"), routing-instance; and count, log, syslog, policer,
 * next-term. Unknown keys are refused with the path of the mistake.
 */
jet_status_t jet_firewall_filter_add(struct jet_service_t *session, const char *filter_json, uint32_t timeout_ms);

/**
 * Changes single terms of filter `filter_name` in one call. `changes_json`
 * is a list: `[{"op": "add", "term": {…}, "adjacency": {"after": "t1"}},
 * {"op": "delete", "term": {"name": "t3"}}, {"op": "replace", "term":
 * {…}}]`; an added term without adjacency goes at the end.
 */
jet_status_t jet_firewall_filter_modify(struct jet_service_t *session, const char *filter_name, jet_family_t family, const char *changes_json, uint32_t timeout_ms);

/**
 * Replaces a filter that this session added with the filter in
 * `filter_json` (same name and family), in one modify call on either
 * generation: terms only in the old filter are deleted, terms in both are
 * replaced in place, new terms are added after their predecessor, and
 * moved terms are deleted and added again. The filter may stay bound.
 */
jet_status_t jet_firewall_filter_replace(struct jet_service_t *session, const char *filter_json, uint32_t timeout_ms);

/**
 * Deletes a filter; it must not be bound.
 */
jet_status_t jet_firewall_filter_delete(struct jet_service_t *session, const char *filter_name, jet_family_t family, uint32_t timeout_ms);

/**
 * Binds filter `filter_name` to logical interface `interface` (e.g.
 * "ge-0/0/0.0") in `direction`, in the filter's family.
 */
jet_status_t jet_firewall_filter_bind(struct jet_service_t *session, const char *filter_name, jet_family_t family, const char *interface, jet_direction_t direction, uint32_t timeout_ms);

/**
 * Removes a binding made with jet_firewall_filter_bind.
 */
jet_status_t jet_firewall_filter_unbind(struct jet_service_t *session, const char *filter_name, jet_family_t family, const char *interface, jet_direction_t direction, uint32_t timeout_ms);

/**
 * Adds a single-rate two-color policer given as JSON: `{"name": "p1",
 * "two-color": {"bandwidth": {"value": 10, "unit": "mbps"}, "burst":
 * {"value": 100, "unit": "kbytes"}, "then": "discard"}}` ("then" may also be
 * {"loss-priority": "high"} or {"forwarding-class": "best-effort"};
 * optional "scope": "term-specific" or "filter-specific").
 */
jet_status_t jet_firewall_policer_add(struct jet_service_t *session, const char *policer_json, uint32_t timeout_ms);

/**
 * Changes a policer's parameters (same JSON as jet_firewall_policer_add).
 */
jet_status_t jet_firewall_policer_modify(struct jet_service_t *session, const char *policer_json, uint32_t timeout_ms);

/**
 * Deletes policer `policer_name` of scope `scope`.
 */
jet_status_t jet_firewall_policer_delete(struct jet_service_t *session, const char *policer_name, jet_policer_scope_t scope, uint32_t timeout_ms);

/**
 * Reads counter `counter_name` of filter `filter_name` into `*out_counter`.
 */
jet_status_t jet_firewall_counter_get(struct jet_service_t *session, const char *filter_name, const char *counter_name, uint32_t timeout_ms, struct jet_counter_t *out_counter);

/**
 * Reads a policer counter of filter `filter_name` (a term-specific
 * policer's counter is named `<policer>-<term>`).
 */
jet_status_t jet_firewall_policer_counter_get(struct jet_service_t *session, const char *filter_name, const char *counter_name, uint32_t timeout_ms, struct jet_counter_t *out_counter);

/**
 * Resets a filter counter to zero.
 */
jet_status_t jet_firewall_counter_clear(struct jet_service_t *session, const char *filter_name, const char *counter_name, uint32_t timeout_ms);

/**
 * Reads every counter of filter `filter_name` and writes them to
 * `*out_json` as `[{"name": "icmp-count", "bytes": 840, "packets": 10}, …]`
 * (free it with jet_string_free). Legacy devices answer with their bulk
 * read; on jnx, one read per counter of a filter this session added.
 */
jet_status_t jet_firewall_counters_get(struct jet_service_t *session, const char *filter_name, uint32_t timeout_ms, char **out_json);

/**
 * Sets how long (1-1000 s) the device keeps this client's filters after it
 * disconnects. jnx devices that serve it (Junos 24.2+); legacy devices
 * answer JET_STATUS_UNIMPLEMENTED.
 */
jet_status_t jet_firewall_purge_timer_set(struct jet_service_t *session, uint32_t seconds, uint32_t timeout_ms);

/**
 * Writes the purge timer (seconds) to `*out_seconds`.
 */
jet_status_t jet_firewall_purge_timer_get(struct jet_service_t *session, uint32_t timeout_ms, uint32_t *out_seconds);

/**
 * Removes the purge timer setting (the device default applies again).
 */
jet_status_t jet_firewall_purge_timer_delete(struct jet_service_t *session, uint32_t timeout_ms);

/**
 * Runs the event callbacks of a session made by jet_notification_create on
 * libjet's network thread, as each read's events are decoded, instead of on
 * a dispatcher thread (`enabled` 1; 0, the default, turns it off).
 * Call it before jet_notification_connect: JET_STATUS_INVALID_ARGUMENT once
 * the session connects, JET_STATUS_CLOSED after it was closed.
 *
 * It saves a thread wake-up per event, which is most of a live event's
 * delivery time. The callback must not block: while it runs the session
 * reads nothing and sends no keepalive, so a callback that takes longer
 * than the keepalive costs a reconnect (nothing is lost with QoS 1 and a
 * persistent session). Blocking libjet calls made from it (subscribe, next,
 * service calls, jet_shutdown) return JET_STATUS_WOULD_DEADLOCK;
 * unsubscribe and close return at once, as from any callback. State
 * callbacks stay on the dispatcher thread, and may run at the same time as
 * an event callback. Pull subscriptions are queued as always.
 */
jet_status_t jet_notification_set_inline_callbacks(struct jet_notification_t *session, int32_t enabled);

/**
 * Adds `address` ("192.0.2.1/24" or "2001:db8::1/64") to logical interface
 * `ifd`.`unit` (e.g. "ge-0/0/0", 0). `timeout_ms` 0 uses the session's
 * deadline. A device refusal is JET_STATUS_REFUSED with its code in
 * jet_last_error_device_code().
 */
jet_status_t jet_interface_address_add(struct jet_service_t *session, const char *ifd, uint32_t unit, jet_family_t family, const char *address, uint32_t timeout_ms);

/**
 * Deletes `address` from logical interface `ifd`.`unit`.
 * JET_STATUS_NOT_FOUND when the device has no such address.
 */
jet_status_t jet_interface_address_delete(struct jet_service_t *session, const char *ifd, uint32_t unit, jet_family_t family, const char *address, uint32_t timeout_ms);

/**
 * libjet's version, e.g. "0.1.0" (static; never free it).
 */
const char *jet_version(void);

/**
 * The C ABI version. Wrappers check it when they load the library and refuse
 * a library whose ABI version differs from theirs.
 */
uint32_t jet_abi_version(void);

/**
 * Closes every session and stops every libjet thread. Call it before the
 * process exits (managed runtimes must). Refused (JET_STATUS_WOULD_DEADLOCK)
 * from a callback. Handles of sessions opened before answer
 * JET_STATUS_CLOSED and start nothing; libjet starts again when a new
 * session is opened.
 */
jet_status_t jet_shutdown(void);

/**
 * Sends log records up to `max_level` to `callback`; a NULL callback makes
 * libjet silent. A previous callback's user data is freed. On error
 * `free_user_data` has already been called.
 */
jet_status_t jet_log_set_callback(jet_log_callback_t callback, jet_log_level_t max_level, void *user_data, jet_free_callback_t free_user_data);

/**
 * Changes the most detailed level that reaches the log callback (or stderr
 * when `JET_LOG` is set).
 */
jet_status_t jet_log_set_level(jet_log_level_t max_level);

/**
 * Runs an operational command and writes its whole output (the streamed
 * reply gathered) to `*out_output`, freed with jet_string_free.
 */
jet_status_t jet_management_run(struct jet_service_t *session, const char *command, jet_command_kind_t kind, jet_output_format_t format, uint32_t timeout_ms, char **out_output);

/**
 * Loads configuration; commits it with `commit_comment` when that is not
 * NULL ("" commits without a comment).
 */
jet_status_t jet_management_load(struct jet_service_t *session, const char *config, jet_config_format_t format, jet_load_type_t load_type, const char *commit_comment, uint32_t timeout_ms);

/**
 * Fills `options` with the defaults.
 */
jet_status_t jet_notification_options_default(struct jet_notification_options_t *options);

/**
 * Connects to a device's notification broker. On success `*out_session` is
 * a session to release with jet_notification_close. Fails with
 * JET_STATUS_UNREACHABLE, JET_STATUS_NOT_AUTHORIZED, JET_STATUS_TIMEOUT,
 * JET_STATUS_TLS or JET_STATUS_INVALID_ARGUMENT. The same as
 * jet_notification_create followed by jet_notification_connect.
 */
jet_status_t jet_notification_open(const struct jet_notification_options_t *options, struct jet_notification_t **out_session);

/**
 * Makes a session without connecting it (state JET_CONNECTION_IDLE); release
 * it with jet_notification_close. Subscriptions made before
 * jet_notification_connect return at once and go to the broker with the
 * connection. Use it for a persistent session (`clean_session = 0`): the
 * events the broker kept for it arrive right after it connects, and only a
 * subscription made beforehand receives them. Fails with
 * JET_STATUS_INVALID_ARGUMENT or JET_STATUS_TLS (an unreadable CA file).
 */
jet_status_t jet_notification_create(const struct jet_notification_options_t *options, struct jet_notification_t **out_session);

/**
 * Connects a session made by jet_notification_create and returns once
 * connected, with the errors of jet_notification_open. A failed connect
 * closes the session (jet_notification_close still releases it). A session
 * that is or was connected gets JET_STATUS_INVALID_ARGUMENT.
 */
jet_status_t jet_notification_connect(struct jet_notification_t *session);

/**
 * Calls `callback` with each event whose topic matches the MQTT filter
 * `topic` (build it with the jet_topic_* functions), on a libjet dispatcher
 * thread. Returns once the broker confirmed it; `*out_id` names it for
 * jet_notification_unsubscribe. `free_user_data` (may be NULL) runs exactly
 * once, after the last call — also when this function fails, before it returns.
 */
jet_status_t jet_notification_subscribe(struct jet_notification_t *session, const char *topic, jet_event_callback_t callback, void *user_data, jet_free_callback_t free_user_data, uint64_t *out_id);

/**
 * Queues each event whose topic matches `topic` for jet_notification_next.
 */
jet_status_t jet_notification_subscribe_pull(struct jet_notification_t *session, const char *topic, uint64_t *out_id);

/**
 * Ends subscription `id`. On return its callback is not running (unless this
 * is called from a callback) and has been released (free_user_data called).
 */
jet_status_t jet_notification_unsubscribe(struct jet_notification_t *session, uint64_t id);

/**
 * Ends every subscription of the session.
 */
jet_status_t jet_notification_unsubscribe_all(struct jet_notification_t *session);

/**
 * Waits up to `timeout_ms` for the next event of a pull subscription.
 * JET_STATUS_OK: `*out_event` is an event to free with jet_event_free.
 * JET_STATUS_NO_EVENT: none came in time. JET_STATUS_CLOSED: the session is closed.
 */
jet_status_t jet_notification_next(struct jet_notification_t *session, uint32_t timeout_ms, struct jet_event_t **out_event);

/**
 * Writes the connection state to `*out_state` (a JET_CONNECTION_* value).
 */
jet_status_t jet_notification_state(const struct jet_notification_t *session, jet_connection_state_t *out_state);

/**
 * Calls `callback` on the dispatcher thread, in order with the events, when
 * the connection state changes. NULL removes it. The previous callback's
 * user data is freed; on error `free_user_data` has already been called.
 */
jet_status_t jet_notification_set_state_callback(struct jet_notification_t *session, jet_state_callback_t callback, void *user_data, jet_free_callback_t free_user_data);

/**
 * Copies the session's counters into `*out_stats`.
 */
jet_status_t jet_notification_stats(const struct jet_notification_t *session, struct jet_notification_stats_t *out_stats);

/**
 * The MQTT client id in use; valid until the session is closed. NULL for NULL.
 */
const char *jet_notification_client_id(const struct jet_notification_t *session);

/**
 * Closes the session and releases it: disconnects, waits for running
 * callbacks (unless called from one), and frees every callback's user data.
 * NULL is ignored. The handle must not be used afterwards.
 *
 * # Safety
 * `session` must come from jet_notification_open or jet_notification_create
 * and be closed once.
 */
void jet_notification_close(struct jet_notification_t *session);

/**
 * Fills `options` with the defaults.
 */
jet_status_t jet_service_options_default(struct jet_service_options_t *options);

/**
 * Connects to the device's JET services and logs in. Fails with
 * JET_STATUS_UNREACHABLE, JET_STATUS_TIMEOUT, JET_STATUS_TLS,
 * JET_STATUS_NOT_AUTHORIZED (login refused), JET_STATUS_ALREADY_EXISTS
 * (client id in use) or JET_STATUS_INVALID_ARGUMENT.
 */
jet_status_t jet_service_open(const struct jet_service_options_t *options, struct jet_service_t **out_session);

/**
 * The client id in use; valid until the session is closed. NULL for NULL.
 */
const char *jet_service_client_id(const struct jet_service_t *session);

/**
 * Writes the generation `service` is spoken in to `*out_generation`
 * (JET_GENERATION_UNKNOWN until its first call in auto mode).
 */
jet_status_t jet_service_generation(const struct jet_service_t *session, jet_service_kind_t service, jet_generation_t *out_generation);

/**
 * Disconnects and releases the session. NULL is ignored. The device drops
 * this client's JET state (filters …) after its purge time.
 *
 * # Safety
 * `session` must come from jet_service_open and be closed once.
 */
void jet_service_close(struct jet_service_t *session);

/**
 * Sends the state reports of `session` (made after each reconnect when it
 * was opened with `state` JET_SERVICE_STATE_REPORT or JET_SERVICE_STATE_REAPPLY) to
 * `callback`; NULL removes the callback. A previous callback's user data is
 * freed, as is this one's when the session is closed or the callback
 * replaced. On error `free_user_data` has already been called.
 */
jet_status_t jet_service_set_state_callback(const struct jet_service_t *session, jet_service_state_callback_t callback, void *user_data, jet_free_callback_t free_user_data);

/**
 * The name of status `status` (e.g. "JET_STATUS_TIMEOUT"); "JET_STATUS_UNKNOWN"
 * for a code libjet does not define. The string is static: never free it.
 */
const char *jet_status_str(int32_t status);

/**
 * Physical interface (IFD) events: `/junos/events/kernel/interfaces/ifd/<op>/<ifd>`.
 */
jet_status_t jet_topic_ifd(jet_op_t op, const char *ifd_name, char **out_topic);

/**
 * Logical interface (IFL) events. `sub_unit` is required (not JET_ANY) when `ifd_name` is given.
 */
jet_status_t jet_topic_ifl(jet_op_t op, const char *ifd_name, int64_t sub_unit, char **out_topic);

/**
 * Interface family (IFF) events, e.g. family "inet", "inet6".
 */
jet_status_t jet_topic_iff(jet_op_t op, const char *ifd_name, int64_t sub_unit, const char *family, char **out_topic);

/**
 * Interface address (IFA) events; `address` is "192.0.2.1/24", "2001:db8::1/64" or without "/len".
 */
jet_status_t jet_topic_ifa(jet_op_t op, const char *ifd_name, int64_t sub_unit, const char *family, const char *address, char **out_topic);

/**
 * Firewall filter events: `/junos/events/kernel/firewall/filter/<op>/<filter>`.
 */
jet_status_t jet_topic_firewall_filter(jet_op_t op, const char *filter_name, char **out_topic);

/**
 * Route events; `prefix_length` is 0-128 or JET_ANY.
 */
jet_status_t jet_topic_route(jet_op_t op, const char *family, const char *address, int32_t prefix_length, char **out_topic);

/**
 * Route table events: `/junos/events/kernel/route-table/<op>/<table>/<lr>`.
 */
jet_status_t jet_topic_route_table(jet_op_t op, const char *table_name, const char *lr_name, char **out_topic);

/**
 * Syslog events with `event_id` (e.g. "UI_COMMIT"), or all syslog events for NULL.
 */
jet_status_t jet_topic_syslog(const char *event_id, char **out_topic);

/**
 * Every JET event: "/junos/events/#".
 */
jet_status_t jet_topic_all_events(char **out_topic);

/**
 * Every kernel event: "/junos/events/kernel/#".
 */
jet_status_t jet_topic_all_kernel_events(char **out_topic);

/**
 * Configuration commits: "/junos/events/genpub/config-update".
 */
jet_status_t jet_topic_config_update(char **out_topic);

/**
 * Checks that `filter` is a valid MQTT topic filter.
 */
jet_status_t jet_topic_validate(const char *filter);

/**
 * Sets `*out_matches` to whether `topic` matches the MQTT filter `filter`.
 * Refuses (JET_STATUS_INVALID_ARGUMENT) an invalid filter and a topic name
 * that is empty or holds a wildcard (`+`, `#`) or NUL.
 */
jet_status_t jet_topic_matches(const char *filter, const char *topic, bool *out_matches);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* JET_H */
