/*
 * jet.hpp: libjet for C++17, header-only, over jet.h.
 *
 *   #include <jet.hpp>          // links with libjet like jet.h: -ljet, jet::jet
 *
 * What it adds to the C ABI, and nothing else:
 * - Owners: jet::notification_session, jet::service_session, jet::event and
 *   jet::subscription release what they own when they go out of scope. They
 *   are move-only, so a handle is never closed twice; close() may be called
 *   early and again (it does nothing the second time).
 * - Errors are exceptions: jet::error carries the status, libjet's message,
 *   the gRPC code and the device's code. A function that finds nothing
 *   (jet::notification_session::next, event attributes) returns std::nullopt.
 * - Callbacks are std::function. They run on a libjet dispatcher thread, one
 *   at a time per session, with the threading rules of jet.h: a callback may
 *   call libjet (unsubscribe, even close its own session). An exception a
 *   callback throws is caught at the boundary and handed to the subscription's
 *   error handler (by default it is printed on stderr); the stream goes on.
 * - std::string_view in, std::string out; std::chrono durations for
 *   timeouts (0 ms: the session's default deadline).
 * - Firewall filters as C++ types (jet::firewall::filter) or as the JSON
 *   documents of jet.h.
 *
 * A subscription keeps no session alive: once its session is closed, its
 * destructor does nothing. Call jet::shutdown() before the process exits.
 */
#ifndef JET_HPP
#define JET_HPP

#include "jet.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jet {

/* ---- errors ---------------------------------------------------------------- */

/** A failed libjet call: its status, message, gRPC code and device code. */
class error : public std::runtime_error {
public:
    /** An error with `status` and `message`; -1 codes mean "none". */
    error(jet_status_t status, const std::string &message, int grpc_code = -1, int device_code = -1)
        : std::runtime_error(std::string(jet_status_str(status)) + ": " + message), status_(status),
          message_(message), grpc_code_(grpc_code), device_code_(device_code)
    {
    }

    /** The status, e.g. JET_STATUS_TIMEOUT. */
    jet_status_t status() const noexcept { return status_; }
    /** The status's name, e.g. "JET_STATUS_TIMEOUT". */
    std::string_view status_name() const noexcept { return jet_status_str(status_); }
    /** libjet's message (what() is "<status name>: <message>"). */
    const std::string &message() const noexcept { return message_; }
    /** The gRPC status code of a failed service call, or -1. */
    int grpc_code() const noexcept { return grpc_code_; }
    /** The device's own status or sub-code, or -1. */
    int device_code() const noexcept { return device_code_; }

private:
    jet_status_t status_;
    std::string message_;
    int grpc_code_;
    int device_code_;
};

/** Handles an exception thrown by a callback (given as std::current_exception()). */
using error_handler = std::function<void(std::exception_ptr)>;

namespace detail {

/** The calling thread's last libjet error, with `status`. */
inline error last_error(jet_status_t status)
{
    return error(status, jet_last_error_message(), jet_last_error_grpc_code(),
                 jet_last_error_device_code());
}

/** Throws the last error when `status` is an error (negative). */
inline void check(jet_status_t status)
{
    if (status < 0) {
        throw last_error(status);
    }
}

/** A NUL-terminated copy of `text`; refuses text holding a NUL. */
inline std::string c_text(std::string_view text, const char *what)
{
    if (text.find('\0') != std::string_view::npos) {
        throw error(JET_STATUS_INVALID_ARGUMENT, std::string(what) + " holds a NUL byte");
    }
    return std::string(text);
}

/** A string argument for a C call: a temporary that lives until the call returns. */
inline std::string arg(std::string_view text) { return c_text(text, "a string argument"); }

/** `text` as a std::string; "" for NULL. */
inline std::string text_or_empty(const char *text) { return text != nullptr ? std::string(text) : std::string(); }

/** `text` as a std::string; std::nullopt for NULL. */
inline std::optional<std::string> optional_text(const char *text)
{
    return text != nullptr ? std::optional<std::string>(text) : std::nullopt;
}

/** A string libjet handed out (char**), taken over and freed. */
inline std::string take(char *text)
{
    std::unique_ptr<char, void (*)(char *)> owner(text, jet_string_free);
    return text_or_empty(text);
}

/** A pointer for an optional string field: NULL when unset. */
inline const char *field(const std::optional<std::string> &value)
{
    return value ? value->c_str() : nullptr;
}

/** A timeout in whole milliseconds for the C ABI; refuses negative or huge ones. */
inline uint32_t to_ms(std::chrono::milliseconds timeout)
{
    if (timeout.count() < 0 || timeout.count() > std::numeric_limits<uint32_t>::max()) {
        throw error(JET_STATUS_INVALID_ARGUMENT,
                    "timeout of " + std::to_string(timeout.count()) + " ms is out of range (0 to 4294967295)");
    }
    return static_cast<uint32_t>(timeout.count());
}

/** Gives a callback's exception to `handler`, or prints it on stderr. Never throws. */
inline void report(const error_handler &handler, std::exception_ptr thrown) noexcept
{
    try {
        if (handler) {
            handler(thrown);
            return;
        }
        std::rethrow_exception(thrown);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "jet: a callback threw: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "jet: a callback threw an exception that is not a std::exception\n");
    }
}

/** Frees a callback box made with `new T` (a jet_free_callback_t). */
template <typename T> void free_box(void *user_data) { delete static_cast<T *>(user_data); }

} // namespace detail

/** Closes every session and stops libjet's threads; call it before exit. */
inline void shutdown() { detail::check(jet_shutdown()); }

/** libjet's version, e.g. "0.1.0", as the loaded library reports it. */
inline std::string version() { return jet_version(); }

/** Whether the loaded library speaks the ABI this header was written for. */
inline bool abi_matches() noexcept { return jet_abi_version() == JET_ABI_VERSION; }

/* ---- events ---------------------------------------------------------------- */

class event;

/** A borrowed event: the one a callback receives, valid for the call only. */
class event_view {
public:
    /** Views `event` (owned elsewhere). */
    explicit event_view(const jet_event_t *event) noexcept : event_(event) {}

    /** The topic the event arrived on. */
    std::string topic() const { return detail::text_or_empty(jet_event_topic(event_)); }
    /** The event id, e.g. "KERNEL_EVENT_IFA_ADD". */
    std::optional<std::string> id() const { return detail::optional_text(jet_event_id(event_)); }
    /** The device's host name. */
    std::optional<std::string> hostname() const { return detail::optional_text(jet_event_hostname(event_)); }
    /** The device's time stamp text. */
    std::optional<std::string> time() const { return detail::optional_text(jet_event_time(event_)); }
    /** The severity, e.g. "info". */
    std::optional<std::string> severity() const { return detail::optional_text(jet_event_severity(event_)); }
    /** The facility, e.g. "KERNEL". */
    std::optional<std::string> facility() const { return detail::optional_text(jet_event_facility(event_)); }
    /** A syslog event's message. */
    std::optional<std::string> message() const { return detail::optional_text(jet_event_message(event_)); }
    /** Why the payload is not a JET event; std::nullopt when it was parsed. */
    std::optional<std::string> parse_error() const { return detail::optional_text(jet_event_parse_error(event_)); }
    /** Whether the payload was a valid JET event. */
    bool parsed() const noexcept { return jet_event_is_parsed(event_); }
    /** The attributes as compact JSON, keys in alphabetical order. */
    std::string attributes_json() const { return detail::text_or_empty(jet_event_attributes_json(event_)); }
    /** The payload exactly as received. */
    std::string raw() const
    {
        const uint8_t *data = nullptr;
        size_t length = 0;
        detail::check(jet_event_raw(event_, &data, &length));
        return std::string(reinterpret_cast<const char *>(data), length);
    }

    /** The attribute names, in alphabetical order. */
    std::vector<std::string> attribute_names() const
    {
        std::vector<std::string> names;
        size_t count = jet_event_attr_count(event_);
        for (size_t i = 0; i < count; i++) {
            const char *name = nullptr;
            detail::check(jet_event_attr_name(event_, i, &name));
            names.emplace_back(name);
        }
        return names;
    }

    /** A string attribute; std::nullopt when absent; throws when it is not a string. */
    std::optional<std::string> attr_string(std::string_view name) const
    {
        const char *value = nullptr;
        if (!found(jet_event_attr_string(event_, detail::c_text(name, "attribute name").c_str(), &value))) {
            return std::nullopt;
        }
        return std::string(value);
    }

    /** An integer attribute (a number or a string of digits); std::nullopt when absent. */
    std::optional<int64_t> attr_int(std::string_view name) const
    {
        int64_t value = 0;
        if (!found(jet_event_attr_int(event_, detail::c_text(name, "attribute name").c_str(), &value))) {
            return std::nullopt;
        }
        return value;
    }

    /** Any attribute as compact JSON; std::nullopt when absent. */
    std::optional<std::string> attr_json(std::string_view name) const
    {
        const char *value = nullptr;
        if (!found(jet_event_attr_json(event_, detail::c_text(name, "attribute name").c_str(), &value))) {
            return std::nullopt;
        }
        return std::string(value);
    }

    /** An array-of-strings attribute (e.g. "nexthop-address"); empty when absent. */
    std::vector<std::string> attr_strings(std::string_view name) const
    {
        std::string key = detail::c_text(name, "attribute name");
        size_t length = 0;
        std::vector<std::string> values;
        if (!found(jet_event_attr_array_len(event_, key.c_str(), &length))) {
            return values;
        }
        for (size_t i = 0; i < length; i++) {
            const char *value = nullptr;
            detail::check(jet_event_attr_array_string(event_, key.c_str(), i, &value));
            values.emplace_back(value);
        }
        return values;
    }

    /** An owned copy, to keep after the callback returns. */
    event clone() const;

    /** The C event (borrowed). */
    const jet_event_t *c_event() const noexcept { return event_; }

protected:
    /** The viewed event; NULL in a moved-from jet::event. */
    const jet_event_t *event_;

private:
    /** false for JET_STATUS_NOT_FOUND, true for OK; throws for other errors. */
    static bool found(jet_status_t status)
    {
        if (status == JET_STATUS_NOT_FOUND) {
            return false;
        }
        detail::check(status);
        return true;
    }
};

/** An owned event (from next() or clone()); move-only, freed when it goes. */
class event : public event_view {
public:
    /** Takes over `owned` (from jet_event_clone or jet_notification_next). */
    explicit event(jet_event_t *owned) noexcept : event_view(owned) {}
    event(const event &) = delete;
    event &operator=(const event &) = delete;
    /** Takes `other`'s event; `other` is left empty. */
    event(event &&other) noexcept : event_view(std::exchange(other.event_, nullptr)) {}
    /** Frees this event and takes `other`'s. */
    event &operator=(event &&other) noexcept
    {
        if (this != &other) {
            jet_event_free(const_cast<jet_event_t *>(event_));
            event_ = std::exchange(other.event_, nullptr);
        }
        return *this;
    }
    ~event() { jet_event_free(const_cast<jet_event_t *>(event_)); }
};

inline event event_view::clone() const
{
    jet_event_t *copy = nullptr;
    detail::check(jet_event_clone(event_, &copy));
    return event(copy);
}

/* ---- notification sessions ------------------------------------------------- */

/** What a session does when the application falls behind. */
enum class overflow : uint8_t { drop = JET_OVERFLOW_DROP, wait = JET_OVERFLOW_WAIT };

/** A notification session's connection state. */
enum class connection_state : int32_t {
    connecting = JET_CONNECTION_CONNECTING,
    connected = JET_CONNECTION_CONNECTED,
    reconnecting = JET_CONNECTION_RECONNECTING,
    closed = JET_CONNECTION_CLOSED,
    idle = JET_CONNECTION_IDLE,
};

namespace detail {

/**
 * What the options of both session kinds share: the device, the login, the
 * client id, TLS and the connect timeout. `C` is the C options struct, filled
 * with its defaults by the derived class; unset strings stay NULL.
 */
template <typename Derived, typename C> class common_options {
public:
    /** The device (host name or address). */
    Derived &device(std::string_view host) { return set(device_, host, "device"); }
    /** The port. */
    Derived &port(uint16_t port)
    {
        options_.port = port;
        return self();
    }
    /** User and password. */
    Derived &credentials(std::string_view user, std::string_view password)
    {
        set(user_, user, "user");
        return set(password_, password, "password");
    }
    /** The client id (MQTT client id, or the JET client id). */
    Derived &client_id(std::string_view id) { return set(client_id_, id, "client id"); }
    /** The CA(s) to trust, instead of the system's roots. */
    Derived &tls_ca_file(std::string_view file) { return set(tls_ca_file_, file, "CA file"); }
    /** A client certificate and its key, for mutual TLS. */
    Derived &client_certificate(std::string_view cert_file, std::string_view key_file)
    {
        set(tls_cert_file_, cert_file, "certificate file");
        return set(tls_key_file_, key_file, "key file");
    }
    /** The name to verify in the peer's certificate instead of the device. */
    Derived &tls_server_name(std::string_view name) { return set(tls_server_name_, name, "server name"); }
    /** Accept any certificate (labs only). */
    Derived &tls_insecure_skip_verify(bool skip)
    {
        options_.tls_insecure_skip_verify = skip;
        return self();
    }
    /** Time to open the session. */
    Derived &connect_timeout(std::chrono::milliseconds timeout)
    {
        options_.connect_timeout_ms = to_ms(timeout);
        return self();
    }

    /** The C options, pointing into this object (valid while it lives unchanged). */
    C c_options() const
    {
        C options = options_;
        options.device = device_ ? device_->c_str() : options_.device;
        options.user = field(user_);
        options.password = field(password_);
        options.client_id = field(client_id_);
        options.tls_ca_file = field(tls_ca_file_);
        options.tls_cert_file = field(tls_cert_file_);
        options.tls_key_file = field(tls_key_file_);
        options.tls_server_name = field(tls_server_name_);
        return options;
    }

protected:
    Derived &self() { return static_cast<Derived &>(*this); }

    Derived &set(std::optional<std::string> &field, std::string_view value, const char *what)
    {
        field = c_text(value, what);
        return self();
    }

    C options_{};
    std::optional<std::string> device_, user_, password_, client_id_;
    std::optional<std::string> tls_ca_file_, tls_cert_file_, tls_key_file_, tls_server_name_;
};

} // namespace detail

/** Settings of a notification session; unset fields keep jet.h's defaults. */
class notification_options
    : public detail::common_options<notification_options, jet_notification_options_t> {
public:
    notification_options() { detail::check(jet_notification_options_default(&options_)); }

    /** MQTT keepalive; 0 turns it off. */
    notification_options &keepalive(std::chrono::seconds keepalive)
    {
        options_.keepalive_s = static_cast<uint32_t>(detail::to_ms(keepalive) / 1000);
        return *this;
    }
    /** Source address of the connection. */
    notification_options &bind_address(std::string_view address) { return set(bind_address_, address, "bind address"); }
    /** Connect with TLS (verified; see tls_ca_file). */
    notification_options &tls(bool on = true) { options_.tls = on; return *this; }
    /** false keeps the broker-side session (needs a client id). */
    notification_options &clean_session(bool clean) { options_.clean_session = clean; return *this; }
    /** QoS of subscriptions: 0 or 1. */
    notification_options &qos(uint8_t qos) { options_.qos = qos; return *this; }
    /** Events waiting for the application per queue. */
    notification_options &queue_capacity(uint32_t events) { options_.queue_capacity = events; return *this; }
    /** Largest MQTT packet accepted, in bytes. */
    notification_options &max_packet_size(uint32_t bytes) { options_.max_packet_size = bytes; return *this; }
    /** Reconnect backoff: the first delay and the longest. */
    notification_options &reconnect(std::chrono::milliseconds first, std::chrono::milliseconds longest)
    {
        options_.reconnect_min_ms = detail::to_ms(first);
        options_.reconnect_max_ms = detail::to_ms(longest);
        return *this;
    }
    /** What happens when a queue is full. */
    notification_options &on_overflow(overflow policy) { options_.overflow = static_cast<jet_overflow_t>(policy); return *this; }

    /** The C options, pointing into this object (valid while it lives unchanged). */
    jet_notification_options_t c_options() const
    {
        jet_notification_options_t options = common_options::c_options();
        options.bind_address = detail::field(bind_address_);
        return options;
    }

private:
    std::optional<std::string> bind_address_;
};

/** Receives each event of a subscription, on a libjet dispatcher thread. */
using event_handler = std::function<void(const event_view &)>;
/** Told about each connection state change, on the dispatcher thread. */
using state_handler = std::function<void(connection_state)>;

namespace detail {

/** The user data of a callback subscription. */
struct event_box {
    event_handler on_event;
    error_handler on_error;
};

/** The user data of a state callback. */
struct state_box {
    state_handler on_state;
    error_handler on_error;
};

/** The jet_event_callback_t of every subscription: exceptions stop here. */
inline void call_event(const jet_event_t *event, void *user_data) noexcept
{
    auto *box = static_cast<event_box *>(user_data);
    try {
        box->on_event(event_view(event));
    } catch (...) {
        report(box->on_error, std::current_exception());
    }
}

/** The jet_state_callback_t of every session: exceptions stop here. */
inline void call_state(jet_connection_state_t state, void *user_data) noexcept
{
    auto *box = static_cast<state_box *>(user_data);
    try {
        box->on_state(static_cast<connection_state>(state));
    } catch (...) {
        report(box->on_error, std::current_exception());
    }
}

/** Shared ownership of a session handle: closed when the last owner goes. */
using notification_handle = std::shared_ptr<jet_notification_t>;

} // namespace detail

/**
 * One subscription; move-only. Unsubscribes when it goes out of scope or on
 * unsubscribe(), unless release()d. Does nothing once its session is closed.
 */
class subscription {
public:
    /** An empty subscription. */
    subscription() noexcept = default;
    /** Subscription `id` of `session`. */
    subscription(const detail::notification_handle &session, uint64_t id) noexcept : session_(session), id_(id) {}
    subscription(const subscription &) = delete;
    subscription &operator=(const subscription &) = delete;
    /** Takes `other`'s subscription; `other` is left empty. */
    subscription(subscription &&other) noexcept
        : session_(std::move(other.session_)), id_(std::exchange(other.id_, 0))
    {
    }
    /** Ends this subscription and takes `other`'s. */
    subscription &operator=(subscription &&other) noexcept
    {
        if (this != &other) {
            end_quietly();
            session_ = std::move(other.session_);
            id_ = std::exchange(other.id_, 0);
        }
        return *this;
    }
    ~subscription() { end_quietly(); }

    /** The subscription's id (0 when empty). */
    uint64_t id() const noexcept { return id_; }

    /**
     * Ends the subscription: on return its callback is not running (unless
     * called from it) and has been released. Does nothing when empty or
     * when the session is closed.
     */
    void unsubscribe()
    {
        std::shared_ptr<jet_notification_t> session = session_.lock();
        uint64_t id = std::exchange(id_, 0);
        session_.reset();
        if (session && id != 0) {
            jet_status_t status = jet_notification_unsubscribe(session.get(), id);
            if (status != JET_STATUS_CLOSED) {
                detail::check(status);
            }
        }
    }

    /** Lets the subscription live as long as its session; returns its id. */
    uint64_t release() noexcept
    {
        session_.reset();
        return std::exchange(id_, 0);
    }

private:
    void end_quietly() noexcept
    {
        try {
            unsubscribe();
        } catch (...) {
            // A destructor must not throw; the session ends it when it closes.
        }
    }

    std::weak_ptr<jet_notification_t> session_;
    uint64_t id_ = 0;
};

/** Counters of a notification session. */
using notification_stats = jet_notification_stats_t;

/** A notification session; move-only, closed when it goes out of scope. */
class notification_session {
public:
    /** Connects (jet_notification_open); throws jet::error on failure. */
    static notification_session open(const notification_options &options)
    {
        jet_notification_options_t c_options = options.c_options();
        jet_notification_t *session = nullptr;
        detail::check(jet_notification_open(&c_options, &session));
        return notification_session(session);
    }

    /** Makes a session without connecting it (state idle); see connect(). */
    static notification_session create(const notification_options &options)
    {
        jet_notification_options_t c_options = options.c_options();
        jet_notification_t *session = nullptr;
        detail::check(jet_notification_create(&c_options, &session));
        return notification_session(session);
    }

    notification_session(const notification_session &) = delete;
    notification_session &operator=(const notification_session &) = delete;
    /** Takes `other`'s session; `other` is left closed. */
    notification_session(notification_session &&other) noexcept = default;
    /** Closes this session and takes `other`'s. */
    notification_session &operator=(notification_session &&other) noexcept = default;
    ~notification_session() = default;

    /** Connects a session made by create(). */
    void connect() { detail::check(jet_notification_connect(handle())); }

    /**
     * Runs the event callbacks on libjet's network thread instead of a
     * dispatcher thread (jet_notification_set_inline_callbacks): call it on
     * a session from create(), before connect(). A callback must then not
     * block; blocking libjet calls from it throw (JET_STATUS_WOULD_DEADLOCK).
     */
    void set_inline_callbacks(bool enabled)
    {
        detail::check(jet_notification_set_inline_callbacks(handle(), enabled ? 1 : 0));
    }

    /**
     * Calls `on_event` with each event matching MQTT filter `topic`, on a
     * libjet dispatcher thread. An exception it throws goes to `on_error`
     * (default: printed on stderr) and the stream goes on.
     */
    subscription subscribe(std::string_view topic, event_handler on_event, error_handler on_error = {})
    {
        if (!on_event) {
            throw error(JET_STATUS_NULL_ARGUMENT, "the event handler is empty");
        }
        std::string filter = detail::c_text(topic, "topic");
        auto *box = new detail::event_box{std::move(on_event), std::move(on_error)};
        uint64_t id = 0;
        // libjet frees the box (free_box) exactly once, on failure too.
        detail::check(jet_notification_subscribe(handle(), filter.c_str(), detail::call_event, box,
                                                 detail::free_box<detail::event_box>, &id));
        return subscription(handle_, id);
    }

    /** Queues each event matching `topic` for next(). */
    subscription subscribe_pull(std::string_view topic)
    {
        std::string filter = detail::c_text(topic, "topic");
        uint64_t id = 0;
        detail::check(jet_notification_subscribe_pull(handle(), filter.c_str(), &id));
        return subscription(handle_, id);
    }

    /** The next event of a pull subscription, or std::nullopt after `timeout`. */
    std::optional<event> next(std::chrono::milliseconds timeout)
    {
        jet_event_t *received = nullptr;
        jet_status_t status = jet_notification_next(handle(), detail::to_ms(timeout), &received);
        if (status == JET_STATUS_NO_EVENT) {
            return std::nullopt;
        }
        detail::check(status);
        return event(received);
    }

    /** Ends every subscription of the session. */
    void unsubscribe_all() { detail::check(jet_notification_unsubscribe_all(handle())); }

    /** Calls `on_state` on each connection state change; an empty one removes it. */
    void on_state_change(state_handler on_state, error_handler on_error = {})
    {
        if (!on_state) {
            detail::check(jet_notification_set_state_callback(handle(), nullptr, nullptr, nullptr));
            return;
        }
        auto *box = new detail::state_box{std::move(on_state), std::move(on_error)};
        detail::check(jet_notification_set_state_callback(handle(), detail::call_state, box,
                                                          detail::free_box<detail::state_box>));
    }

    /** The connection state. */
    connection_state state() const
    {
        jet_connection_state_t state = JET_CONNECTION_CLOSED;
        detail::check(jet_notification_state(handle(), &state));
        return static_cast<connection_state>(state);
    }

    /** The session's counters. */
    notification_stats stats() const
    {
        notification_stats stats{};
        detail::check(jet_notification_stats(handle(), &stats));
        return stats;
    }

    /** The MQTT client id in use. */
    std::string client_id() const { return detail::text_or_empty(jet_notification_client_id(handle())); }

    /** Whether this object still holds an open session. */
    bool is_open() const noexcept { return handle_ != nullptr; }

    /**
     * Closes the session: waits for running callbacks (unless called from
     * one) and releases them. Calling it again does nothing.
     */
    void close() noexcept { handle_.reset(); }

    /** The C session (borrowed); throws when closed. */
    jet_notification_t *handle() const
    {
        if (!handle_) {
            throw error(JET_STATUS_CLOSED, "the session is closed (or was moved from)");
        }
        return handle_.get();
    }

private:
    explicit notification_session(jet_notification_t *session) : handle_(session, jet_notification_close) {}

    detail::notification_handle handle_;
};

/* ---- service sessions ------------------------------------------------------ */

/** An address family. */
enum class family : int32_t { inet = JET_FAMILY_INET, inet6 = JET_FAMILY_INET6 };
/** A bind direction. */
enum class direction : int32_t { input = JET_DIRECTION_INPUT, output = JET_DIRECTION_OUTPUT };
/** An IDL generation choice. */
enum class api : int32_t { automatic = JET_API_AUTO, jnx = JET_API_JNX, legacy = JET_API_LEGACY };
/** The generation a service is spoken in. */
enum class generation : int32_t {
    unknown = JET_GENERATION_UNKNOWN,
    jnx = JET_GENERATION_JNX,
    legacy = JET_GENERATION_LEGACY,
};
/** A JET service. */
enum class service : int32_t {
    authentication = JET_SERVICE_AUTHENTICATION,
    firewall = JET_SERVICE_FIREWALL,
    interfaces = JET_SERVICE_INTERFACES,
    management = JET_SERVICE_MANAGEMENT,
};
/** A policer's scope. */
enum class policer_scope : int32_t {
    term_specific = JET_POLICER_TERM_SPECIFIC,
    filter_specific = JET_POLICER_FILTER_SPECIFIC,
};
/** How an operational command is written. */
enum class command_kind : int32_t { cli = JET_COMMAND_CLI, xml = JET_COMMAND_XML };
/** An output format. */
enum class output_format : int32_t { json = JET_OUTPUT_JSON, xml = JET_OUTPUT_XML, text = JET_OUTPUT_TEXT };
/** A configuration format. */
enum class config_format : int32_t {
    text = JET_CONFIG_TEXT,
    set = JET_CONFIG_SET,
    xml = JET_CONFIG_XML,
    json = JET_CONFIG_JSON,
};
/** A configuration load mode. */
enum class load_type : int32_t {
    merge = JET_LOAD_MERGE,
    replace = JET_LOAD_REPLACE,
    override_ = JET_LOAD_OVERRIDE,
    update = JET_LOAD_UPDATE,
};

/** "jnx", "legacy" or "unknown". */
inline std::string_view to_string(generation value) noexcept
{
    switch (value) {
    case generation::jnx:
        return "jnx";
    case generation::legacy:
        return "legacy";
    default:
        return "unknown";
    }
}

/** A counter's value. */
using counter = jet_counter_t;

/** What a service session does about its filters, policers and interface addresses after a reconnect. */
enum class state_mode : int32_t {
    off = JET_SERVICE_STATE_OFF,         ///< nothing (the default)
    report = JET_SERVICE_STATE_REPORT,   ///< check what the device still has and report it
    reapply = JET_SERVICE_STATE_REAPPLY, ///< check, add again what was purged, and report it
};

/**
 * One check of a session's filters, policers and interface addresses after a
 * reconnect (jet_service_state_report_t, copied). Each entry says what it is:
 * `filter NAME`, `policer NAME` or `address IFL FAMILY ADDRESS/LEN`; a failed
 * entry is `<entry>: <message>`.
 */
struct state_report {
    std::vector<std::string> present;   ///< what the device still has
    std::vector<std::string> purged;    ///< what it had lost (including what was added again since)
    std::vector<std::string> reapplied; ///< what was lost and added again (state_mode::reapply)
    std::vector<std::string> failed;    ///< what could not be checked or added again
};

/** Receives each state report, on a libjet thread. */
using state_report_handler = std::function<void(const state_report &)>;

namespace detail {

/** The user data of a state report callback. */
struct state_report_box {
    state_report_handler on_report;
    error_handler on_error;
};

/** `count` C strings as strings. */
inline std::vector<std::string> strings(const char *const *list, size_t count)
{
    std::vector<std::string> out;
    out.reserve(count);
    for (size_t i = 0; i < count; i++) {
        out.push_back(text_or_empty(list[i]));
    }
    return out;
}

/** The jet_service_state_callback_t of every service session: exceptions stop here. */
inline void call_state_report(const jet_service_state_report_t *report, void *user_data) noexcept
{
    auto *box = static_cast<state_report_box *>(user_data);
    try {
        state_report copy{strings(report->present, report->present_count),
                          strings(report->purged, report->purged_count),
                          strings(report->reapplied, report->reapplied_count),
                          strings(report->failed, report->failed_count)};
        box->on_report(copy);
    } catch (...) {
        detail::report(box->on_error, std::current_exception());
    }
}

} // namespace detail

/** Settings of a service session; unset fields keep jet.h's defaults (TLS, port 32767). */
class service_options : public detail::common_options<service_options, jet_service_options_t> {
public:
    service_options() { detail::check(jet_service_options_default(&options_)); }

    /** What to do about this session's filters, policers and addresses after a reconnect (default: off). */
    service_options &state(state_mode mode)
    {
        options_.state = static_cast<jet_service_state_mode_t>(mode);
        return *this;
    }

    /** The IDL generation (default: automatic, per service). */
    service_options &api(jet::api api) { options_.api = static_cast<jet_api_t>(api); return *this; }
    /** Connect without TLS (must be asked for). */
    service_options &clear_text(bool clear) { options_.clear_text = clear; return *this; }
    /** Deadline of each call made with a 0 ms timeout. */
    service_options &call_timeout(std::chrono::milliseconds timeout)
    {
        options_.call_timeout_ms = detail::to_ms(timeout);
        return *this;
    }
};

namespace firewall {

/** A prefix match, e.g. "192.0.2.0/24"; `except` negates it. */
struct prefix {
    std::string address;
    bool except = false;
};

/**
 * A number match: one number (80), a range ("1024-65535") or, for
 * protocols, a name ("icmp"); `except` negates it.
 */
struct range {
    std::string value;
    bool except = false;

    range(uint32_t number, bool negate = false) : value(std::to_string(number)), except(negate) {}
    range(std::string_view text, bool negate = false) : value(text), except(negate) {}
    range(const char *text, bool negate = false) : value(text), except(negate) {}
};

/** The action that ends a term. */
enum class terminating { none, accept, discard, reject, routing_instance };

/** One term: what it matches and what it does (jet.h's filter JSON). */
struct term {
    std::string name;
    std::vector<prefix> source_addresses, destination_addresses, addresses;
    std::vector<range> source_ports, destination_ports, ports, protocols;
    std::vector<range> icmp_types, icmp_codes, dscp, packet_lengths, ttls;
    std::vector<std::string> interfaces;
    terminating action = terminating::none;
    /** The reject reason (e.g. "port-unreachable") or the routing instance. */
    std::string action_argument;
    std::optional<std::string> count, policer;
    bool log = false, syslog = false, next_term = false;
};

/** A firewall filter. */
struct filter {
    std::string name;
    jet::family family = jet::family::inet;
    std::vector<term> terms;

    /** The filter as the JSON document jet_firewall_filter_add takes. */
    std::string to_json() const;
};

namespace detail {

/** `text` as a JSON string. */
inline std::string quote(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/** `value`, wrapped as {"<key>": value, "except": true} when negated. */
inline std::string negatable(const char *key, std::string value, bool except)
{
    return except ? "{" + quote(key) + ": " + value + ", \"except\": true}" : value;
}

inline std::string to_json(const prefix &p) { return negatable("prefix", quote(p.address), p.except); }

inline std::string to_json(const range &r)
{
    bool digits = !r.value.empty() && r.value.find_first_not_of("0123456789") == std::string::npos;
    return negatable("range", digits ? r.value : quote(r.value), r.except);
}

inline std::string to_json(const std::string &text) { return quote(text); }

/** Appends `"key": [items]` to `out` when `items` is not empty. */
template <typename T> void add_list(std::string &out, const char *key, const std::vector<T> &items)
{
    if (items.empty()) {
        return;
    }
    out += (out.size() > 1 ? ", " : "") + quote(key) + ": [";
    for (size_t i = 0; i < items.size(); i++) {
        out += (i > 0 ? ", " : "") + to_json(items[i]);
    }
    out += "]";
}

/** Appends `"key": value` to `out`. */
inline void add(std::string &out, const char *key, const std::string &value)
{
    out += (out.size() > 1 ? ", " : "") + quote(key) + ": " + value;
}

inline std::string matches_json(const term &t)
{
    std::string out = "{";
    add_list(out, "source-addresses", t.source_addresses);
    add_list(out, "destination-addresses", t.destination_addresses);
    add_list(out, "addresses", t.addresses);
    add_list(out, "source-ports", t.source_ports);
    add_list(out, "destination-ports", t.destination_ports);
    add_list(out, "ports", t.ports);
    add_list(out, "protocols", t.protocols);
    add_list(out, "icmp-types", t.icmp_types);
    add_list(out, "icmp-codes", t.icmp_codes);
    add_list(out, "dscp", t.dscp);
    add_list(out, "packet-lengths", t.packet_lengths);
    add_list(out, "ttls", t.ttls);
    add_list(out, "interfaces", t.interfaces);
    return out + "}";
}

inline std::string actions_json(const term &t)
{
    std::string out = "{";
    switch (t.action) {
    case terminating::accept:
        add(out, "accept", "true");
        break;
    case terminating::discard:
        add(out, "discard", "true");
        break;
    case terminating::reject:
        add(out, "reject", t.action_argument.empty() ? "true" : quote(t.action_argument));
        break;
    case terminating::routing_instance:
        add(out, "routing-instance", quote(t.action_argument));
        break;
    case terminating::none:
        break;
    }
    if (t.count) {
        add(out, "count", quote(*t.count));
    }
    if (t.policer) {
        add(out, "policer", quote(*t.policer));
    }
    for (auto [key, on] : {std::pair{"log", t.log}, {"syslog", t.syslog}, {"next-term", t.next_term}}) {
        if (on) {
            add(out, key, "true");
        }
    }
    return out + "}";
}

} // namespace detail

inline std::string filter::to_json() const
{
    std::string out = "{\"name\": " + detail::quote(name) + ", \"family\": \"" +
                      (family == jet::family::inet6 ? "inet6" : "inet") + "\", \"terms\": [";
    for (size_t i = 0; i < terms.size(); i++) {
        out += (i > 0 ? ", " : "") + std::string("{\"name\": ") + detail::quote(terms[i].name) +
               ", \"matches\": " + detail::matches_json(terms[i]) +
               ", \"actions\": " + detail::actions_json(terms[i]) + "}";
    }
    return out + "]}";
}

} // namespace firewall

/**
 * A service session (gRPC); move-only, closed when it goes out of scope.
 * Every call takes a timeout; 0 ms (the default) means the session's
 * call_timeout. A device refusal is a jet::error with status
 * JET_STATUS_REFUSED and the device's code in device_code().
 */
class service_session {
public:
    /** Connects and logs in (jet_service_open); throws jet::error on failure. */
    static service_session open(const service_options &options)
    {
        jet_service_options_t c_options = options.c_options();
        jet_service_t *session = nullptr;
        detail::check(jet_service_open(&c_options, &session));
        return service_session(session);
    }

    /** The client id in use. */
    std::string client_id() const { return detail::text_or_empty(jet_service_client_id(handle())); }

    /** The generation `which` is spoken in (unknown before its first call in automatic mode). */
    jet::generation generation(service which) const
    {
        jet_generation_t value = JET_GENERATION_UNKNOWN;
        detail::check(jet_service_generation(handle(), static_cast<jet_service_kind_t>(which), &value));
        return static_cast<jet::generation>(value);
    }

    /** Adds `address` ("192.0.2.1/24") to logical interface `ifd`.`unit`. */
    void interface_address_add(std::string_view ifd, uint32_t unit, family af, std::string_view address,
                               std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_interface_address_add(handle(), detail::arg(ifd).c_str(), unit, static_cast<jet_family_t>(af),
                                                detail::arg(address).c_str(), detail::to_ms(timeout)));
    }

    /** Deletes `address` from logical interface `ifd`.`unit`. */
    void interface_address_delete(std::string_view ifd, uint32_t unit, family af, std::string_view address,
                                  std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_interface_address_delete(handle(), detail::arg(ifd).c_str(), unit, static_cast<jet_family_t>(af),
                                                   detail::arg(address).c_str(), detail::to_ms(timeout)));
    }

    /** Adds a filter given as JSON. */
    void filter_add(std::string_view filter_json, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_filter_add(handle(), detail::arg(filter_json).c_str(), detail::to_ms(timeout)));
    }
    /** Adds a filter. */
    void filter_add(const firewall::filter &filter, std::chrono::milliseconds timeout = {})
    {
        filter_add(filter.to_json(), timeout);
    }
    /** Changes single terms (a JSON list of changes). */
    void filter_modify(std::string_view name, family af, std::string_view changes_json,
                       std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_filter_modify(handle(), detail::arg(name).c_str(), static_cast<jet_family_t>(af),
                                                 detail::arg(changes_json).c_str(), detail::to_ms(timeout)));
    }
    /** Replaces a filter this session added (JSON). */
    void filter_replace(std::string_view filter_json, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_filter_replace(handle(), detail::arg(filter_json).c_str(), detail::to_ms(timeout)));
    }
    /** Replaces a filter this session added. */
    void filter_replace(const firewall::filter &filter, std::chrono::milliseconds timeout = {})
    {
        filter_replace(filter.to_json(), timeout);
    }
    /** Deletes a filter (it must not be bound). */
    void filter_delete(std::string_view name, family af, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_filter_delete(handle(), detail::arg(name).c_str(), static_cast<jet_family_t>(af),
                                                 detail::to_ms(timeout)));
    }
    /** Binds a filter to logical interface `interface` in `way`. */
    void filter_bind(std::string_view name, family af, std::string_view interface, direction way,
                     std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_filter_bind(handle(), detail::arg(name).c_str(), static_cast<jet_family_t>(af),
                                               detail::arg(interface).c_str(), static_cast<jet_direction_t>(way),
                                               detail::to_ms(timeout)));
    }
    /** Removes a binding made with filter_bind. */
    void filter_unbind(std::string_view name, family af, std::string_view interface, direction way,
                       std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_filter_unbind(handle(), detail::arg(name).c_str(), static_cast<jet_family_t>(af),
                                                 detail::arg(interface).c_str(), static_cast<jet_direction_t>(way),
                                                 detail::to_ms(timeout)));
    }
    /** Adds a two-color policer given as JSON. */
    void policer_add(std::string_view policer_json, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_policer_add(handle(), detail::arg(policer_json).c_str(), detail::to_ms(timeout)));
    }
    /** Changes a policer (same JSON as policer_add). */
    void policer_modify(std::string_view policer_json, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_policer_modify(handle(), detail::arg(policer_json).c_str(), detail::to_ms(timeout)));
    }
    /** Deletes a policer. */
    void policer_delete(std::string_view name, policer_scope scope, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_policer_delete(handle(), detail::arg(name).c_str(), static_cast<jet_policer_scope_t>(scope),
                                                  detail::to_ms(timeout)));
    }
    /** Reads counter `name` of filter `filter_name`. */
    counter counter_get(std::string_view filter_name, std::string_view name, std::chrono::milliseconds timeout = {})
    {
        counter value{};
        detail::check(jet_firewall_counter_get(handle(), detail::arg(filter_name).c_str(), detail::arg(name).c_str(), detail::to_ms(timeout),
                                               &value));
        return value;
    }
    /** Reads a policer counter of filter `filter_name`. */
    counter policer_counter_get(std::string_view filter_name, std::string_view name,
                                std::chrono::milliseconds timeout = {})
    {
        counter value{};
        detail::check(jet_firewall_policer_counter_get(handle(), detail::arg(filter_name).c_str(), detail::arg(name).c_str(),
                                                       detail::to_ms(timeout), &value));
        return value;
    }
    /** Resets a filter counter to zero. */
    void counter_clear(std::string_view filter_name, std::string_view name, std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_counter_clear(handle(), detail::arg(filter_name).c_str(), detail::arg(name).c_str(), detail::to_ms(timeout)));
    }
    /** Every counter of filter `filter_name`, as JSON `[{"name", "bytes", "packets"}, …]`. */
    std::string counters_get(std::string_view filter_name, std::chrono::milliseconds timeout = {})
    {
        char *json = nullptr;
        detail::check(jet_firewall_counters_get(handle(), detail::arg(filter_name).c_str(), detail::to_ms(timeout), &json));
        return detail::take(json);
    }
    /** Sets how long the device keeps this client's filters after it disconnects (1-1000 s). */
    void purge_timer_set(std::chrono::seconds keep, std::chrono::milliseconds timeout = {})
    {
        if (keep.count() < 1 || keep.count() > 1000) {
            throw error(JET_STATUS_INVALID_ARGUMENT, "the purge time must be 1 to 1000 seconds");
        }
        detail::check(jet_firewall_purge_timer_set(handle(), static_cast<uint32_t>(keep.count()),
                                                   detail::to_ms(timeout)));
    }
    /** The purge timer. */
    std::chrono::seconds purge_timer_get(std::chrono::milliseconds timeout = {})
    {
        uint32_t seconds = 0;
        detail::check(jet_firewall_purge_timer_get(handle(), detail::to_ms(timeout), &seconds));
        return std::chrono::seconds(seconds);
    }
    /** Removes the purge timer setting. */
    void purge_timer_delete(std::chrono::milliseconds timeout = {})
    {
        detail::check(jet_firewall_purge_timer_delete(handle(), detail::to_ms(timeout)));
    }
    /** Runs an operational command and returns its whole output. */
    std::string run(std::string_view command, command_kind kind = command_kind::cli,
                    output_format format = output_format::text, std::chrono::milliseconds timeout = {})
    {
        char *output = nullptr;
        detail::check(jet_management_run(handle(), detail::arg(command).c_str(), static_cast<jet_command_kind_t>(kind),
                                         static_cast<jet_output_format_t>(format), detail::to_ms(timeout), &output));
        return detail::take(output);
    }
    /** Loads configuration, and commits it with `commit_comment` when given. */
    void load(std::string_view config, config_format format, load_type mode,
              std::optional<std::string_view> commit_comment = std::nullopt, std::chrono::milliseconds timeout = {})
    {
        std::optional<std::string> comment;
        if (commit_comment) {
            comment = detail::c_text(*commit_comment, "commit comment");
        }
        detail::check(jet_management_load(handle(), detail::arg(config).c_str(), static_cast<jet_config_format_t>(format),
                                          static_cast<jet_load_type_t>(mode), detail::field(comment),
                                          detail::to_ms(timeout)));
    }

    /**
     * Calls `on_report` with each state report, made after each reconnect of
     * a session opened with service_options::state (report or reapply); an
     * empty one removes it. An exception it throws goes to `on_error`.
     */
    void on_state_report(state_report_handler on_report, error_handler on_error = {})
    {
        if (!on_report) {
            detail::check(jet_service_set_state_callback(handle(), nullptr, nullptr, nullptr));
            return;
        }
        auto *box = new detail::state_report_box{std::move(on_report), std::move(on_error)};
        detail::check(jet_service_set_state_callback(handle(), detail::call_state_report, box,
                                                     detail::free_box<detail::state_report_box>));
    }

    /** Whether this object still holds an open session. */
    bool is_open() const noexcept { return handle_ != nullptr; }
    /** Disconnects and releases the session; calling it again does nothing. */
    void close() noexcept { handle_.reset(); }

    /** The C session (borrowed); throws when closed. */
    jet_service_t *handle() const
    {
        if (!handle_) {
            throw error(JET_STATUS_CLOSED, "the session is closed (or was moved from)");
        }
        return handle_.get();
    }

private:
    struct closer {
        void operator()(jet_service_t *session) const noexcept { jet_service_close(session); }
    };

    explicit service_session(jet_service_t *session) : handle_(session) {}

    std::unique_ptr<jet_service_t, closer> handle_;
};

} // namespace jet

#endif /* JET_HPP */
