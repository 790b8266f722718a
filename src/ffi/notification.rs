//! Notification sessions in the C ABI.

use super::event::jet_event_t;
use super::failure::{
    boundary, device, flag, optional_text, out, required, text, Failure, DEFAULT_DEVICE,
};
use super::log::{jet_free_callback_t, UserData};
use super::status::jet_status_t::{self, *};
use super::topic::MAX_TOPIC;
use crate::event::Event;
use crate::notify::{ConnectionState, NotificationSession, NotifyOptions, Overflow};
use crate::secret::Secret;
use crate::tls::TlsOptions;
use crate::topic::Topic;
use std::ffi::{c_char, c_void, CString};
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Longest host, user, client id or file path accepted.
const MAX_SETTING: usize = 4096;
/// Longest password accepted (the MQTT limit).
const MAX_PASSWORD: usize = 65535;

/// Settings of a notification session. Fill it with
/// jet_notification_options_default(), then change what you need. String
/// fields are borrowed for the duration of jet_notification_open only; NULL
/// means "not set".
#[repr(C)]
pub struct jet_notification_options_t {
    /// sizeof(jet_notification_options_t); set by jet_notification_options_default().
    pub struct_size: u32,
    /// Device (broker) host name or address. Default "127.0.0.1" (NULL means the default).
    pub device: *const c_char,
    /// Broker port. Default 1883.
    pub port: u16,
    /// User name, when the broker checks one. Default NULL.
    pub user: *const c_char,
    /// Password; never logged. Default NULL.
    pub password: *const c_char,
    /// MQTT keepalive in seconds. Default 60; 0 turns it off.
    pub keepalive_s: u32,
    /// Source address of the connection (the device's allow-clients checks it). Default NULL.
    pub bind_address: *const c_char,
    /// MQTT client id. Default NULL: a unique one is made.
    pub client_id: *const c_char,
    /// 1 to connect with TLS. Default 0.
    pub tls: u8,
    /// PEM file of the CA(s) to trust; NULL trusts the system's roots.
    pub tls_ca_file: *const c_char,
    /// PEM client certificate for mutual TLS. Default NULL.
    pub tls_cert_file: *const c_char,
    /// PEM key of the client certificate. Default NULL.
    pub tls_key_file: *const c_char,
    /// Name to verify in the server certificate instead of `device`. Default NULL.
    pub tls_server_name: *const c_char,
    /// 1 accepts any server certificate (labs only). Default 0: verified.
    pub tls_insecure_skip_verify: u8,
    /// Time for TCP, TLS and MQTT handshakes together, in ms. Default 10000.
    pub connect_timeout_ms: u32,
    /// 1 (default) starts a clean MQTT session; 0 keeps the broker-side session (needs client_id).
    pub clean_session: u8,
    /// QoS of subscriptions: 0 (default) or 1.
    pub qos: u8,
    /// Events waiting for the application per queue; beyond it they are dropped and counted. Default 65536.
    pub queue_capacity: u32,
    /// Largest MQTT packet accepted, in bytes. Default 1048576.
    pub max_packet_size: u32,
    /// First reconnect delay in ms; it doubles up to reconnect_max_ms. Default 250.
    pub reconnect_min_ms: u32,
    /// Longest reconnect delay in ms. Default 30000.
    pub reconnect_max_ms: u32,
    /// What happens when a queue is full: JET_OVERFLOW_DROP (default) or JET_OVERFLOW_WAIT.
    pub overflow: jet_overflow_t,
}

/// What a session does when the application falls behind: one of the
/// `JET_OVERFLOW_*` constants.
#[allow(non_camel_case_types)]
pub type jet_overflow_t = u8;
/// Keep reading the broker; drop the newest events and count them in `dropped`.
pub const JET_OVERFLOW_DROP: jet_overflow_t = 0;
/// Stop reading the broker until the application has room: TCP and the broker
/// hold the events, and libjet drops nothing it received (nor a QoS 1 event it
/// acknowledged). The broker's own limits apply to what it holds.
pub const JET_OVERFLOW_WAIT: jet_overflow_t = 1;

/// A notification session (opaque). Thread-safe: its functions may be called
/// from any thread, and from callbacks.
pub struct jet_notification_t {
    pub(super) session: NotificationSession,
    client_id: CString,
}

/// Statistics of a notification session.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct jet_notification_stats_t {
    /// Messages received from the broker.
    pub received: u64,
    /// Events handed to the application (one per callback call or jet_notification_next).
    pub delivered: u64,
    /// Events dropped because the application was slower than the device.
    pub dropped: u64,
    /// Messages that were not valid JET events (still delivered, flagged).
    pub parse_errors: u64,
    /// Reconnects after a lost connection.
    pub reconnects: u64,
}

/// A connection state: one of the `JET_CONNECTION_*` constants.
#[allow(non_camel_case_types)]
pub type jet_connection_state_t = i32;
/// Making the first connection.
pub const JET_CONNECTION_CONNECTING: jet_connection_state_t = 0;
/// Connected; subscriptions in force.
pub const JET_CONNECTION_CONNECTED: jet_connection_state_t = 1;
/// Connection lost; reconnecting with backoff (subscriptions are restored).
pub const JET_CONNECTION_RECONNECTING: jet_connection_state_t = 2;
/// Closed.
pub const JET_CONNECTION_CLOSED: jet_connection_state_t = 3;
/// Made by jet_notification_create; not connected yet.
pub const JET_CONNECTION_IDLE: jet_connection_state_t = 4;

/// Receives one event. `event` is valid for the call only (jet_event_clone keeps it).
#[allow(non_camel_case_types)]
pub type jet_event_callback_t =
    Option<unsafe extern "C" fn(event: *const jet_event_t, user_data: *mut c_void)>;

/// Told about each connection state change.
#[allow(non_camel_case_types)]
pub type jet_state_callback_t =
    Option<unsafe extern "C" fn(state: jet_connection_state_t, user_data: *mut c_void)>;

/// Fills `options` with the defaults.
#[no_mangle]
pub extern "C" fn jet_notification_options_default(
    options: *mut jet_notification_options_t,
) -> jet_status_t {
    boundary("jet_notification_options_default", || {
        let slot = out(options, "options")?;
        let d = NotifyOptions::default();
        *slot = jet_notification_options_t {
            struct_size: std::mem::size_of::<jet_notification_options_t>() as u32,
            device: DEFAULT_DEVICE.as_ptr(),
            port: d.port,
            user: std::ptr::null(),
            password: std::ptr::null(),
            keepalive_s: d.keepalive.as_secs() as u32,
            bind_address: std::ptr::null(),
            client_id: std::ptr::null(),
            tls: 0,
            tls_ca_file: std::ptr::null(),
            tls_cert_file: std::ptr::null(),
            tls_key_file: std::ptr::null(),
            tls_server_name: std::ptr::null(),
            tls_insecure_skip_verify: 0,
            connect_timeout_ms: d.connect_timeout.as_millis() as u32,
            clean_session: 1,
            qos: d.qos,
            queue_capacity: d.queue_capacity as u32,
            max_packet_size: d.max_packet_size as u32,
            reconnect_min_ms: d.reconnect_min.as_millis() as u32,
            reconnect_max_ms: d.reconnect_max.as_millis() as u32,
            overflow: JET_OVERFLOW_DROP,
        };
        Ok(JET_STATUS_OK)
    })
}

fn path(pointer: *const c_char, name: &str) -> Result<Option<PathBuf>, Failure> {
    Ok(optional_text(pointer, name, MAX_SETTING)?.map(PathBuf::from))
}

/// Converts the C options into the Rust API's.
fn convert(c: &jet_notification_options_t) -> Result<NotifyOptions, Failure> {
    if c.struct_size as usize != std::mem::size_of::<jet_notification_options_t>() {
        return Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            "options.struct_size is wrong: fill the options with jet_notification_options_default()",
        ));
    }
    let setting = |pointer, name| optional_text(pointer, name, MAX_SETTING);
    let bind_address = match setting(c.bind_address, "bind_address")? {
        Some(text) => Some(text.parse::<IpAddr>().map_err(|_| {
            Failure::new(
                JET_STATUS_INVALID_ARGUMENT,
                format!("bind_address '{text}' is not an IP address"),
            )
        })?),
        None => None,
    };
    let tls = if flag(c.tls, "tls")? {
        Some(TlsOptions {
            ca_file: path(c.tls_ca_file, "tls_ca_file")?,
            cert_file: path(c.tls_cert_file, "tls_cert_file")?,
            key_file: path(c.tls_key_file, "tls_key_file")?,
            server_name: setting(c.tls_server_name, "tls_server_name")?.map(str::to_string),
            insecure_skip_verify: flag(c.tls_insecure_skip_verify, "tls_insecure_skip_verify")?,
        })
    } else {
        None
    };
    Ok(NotifyOptions {
        device: device(c.device, MAX_SETTING)?,
        port: c.port,
        user: setting(c.user, "user")?.map(str::to_string),
        password: optional_text(c.password, "password", MAX_PASSWORD)?.map(Secret::new),
        keepalive: Duration::from_secs(c.keepalive_s as u64),
        bind_address,
        client_id: setting(c.client_id, "client_id")?.map(str::to_string),
        tls,
        connect_timeout: Duration::from_millis(c.connect_timeout_ms as u64),
        clean_session: flag(c.clean_session, "clean_session")?,
        qos: c.qos,
        queue_capacity: c.queue_capacity as usize,
        max_packet_size: c.max_packet_size as usize,
        reconnect_min: Duration::from_millis(c.reconnect_min_ms as u64),
        reconnect_max: Duration::from_millis(c.reconnect_max_ms as u64),
        // Set with jet_notification_set_inline_callbacks.
        inline_callbacks: false,
        overflow: match c.overflow {
            JET_OVERFLOW_DROP => Overflow::Drop,
            JET_OVERFLOW_WAIT => Overflow::Wait,
            other => {
                return Err(Failure::new(
                    JET_STATUS_INVALID_ARGUMENT,
                    format!("options.overflow {other} is not a JET_OVERFLOW_* value"),
                ))
            }
        },
    })
}

/// Converts `options`, makes a session with `make` and hands it out in `out_session`.
fn hand_out(
    options: *const jet_notification_options_t,
    out_session: *mut *mut jet_notification_t,
    make: fn(NotifyOptions) -> crate::Result<NotificationSession>,
) -> Result<jet_status_t, Failure> {
    let options = convert(required(options, "options")?)?;
    let slot = out(out_session, "out_session")?;
    let session = make(options)?;
    let client_id = CString::new(session.client_id()).unwrap_or_default();
    *slot = Box::into_raw(Box::new(jet_notification_t { session, client_id }));
    Ok(JET_STATUS_OK)
}

/// Connects to a device's notification broker. On success `*out_session` is
/// a session to release with jet_notification_close. Fails with
/// JET_STATUS_UNREACHABLE, JET_STATUS_NOT_AUTHORIZED, JET_STATUS_TIMEOUT,
/// JET_STATUS_TLS or JET_STATUS_INVALID_ARGUMENT. The same as
/// jet_notification_create followed by jet_notification_connect.
#[no_mangle]
pub extern "C" fn jet_notification_open(
    options: *const jet_notification_options_t,
    out_session: *mut *mut jet_notification_t,
) -> jet_status_t {
    boundary("jet_notification_open", || {
        hand_out(options, out_session, NotificationSession::open)
    })
}

/// Makes a session without connecting it (state JET_CONNECTION_IDLE); release
/// it with jet_notification_close. Subscriptions made before
/// jet_notification_connect return at once and go to the broker with the
/// connection. Use it for a persistent session (`clean_session = 0`): the
/// events the broker kept for it arrive right after it connects, and only a
/// subscription made beforehand receives them. Fails with
/// JET_STATUS_INVALID_ARGUMENT or JET_STATUS_TLS (an unreadable CA file).
#[no_mangle]
pub extern "C" fn jet_notification_create(
    options: *const jet_notification_options_t,
    out_session: *mut *mut jet_notification_t,
) -> jet_status_t {
    boundary("jet_notification_create", || {
        hand_out(options, out_session, NotificationSession::create)
    })
}

/// Connects a session made by jet_notification_create and returns once
/// connected, with the errors of jet_notification_open. A failed connect
/// closes the session (jet_notification_close still releases it). A session
/// that is or was connected gets JET_STATUS_INVALID_ARGUMENT.
#[no_mangle]
pub extern "C" fn jet_notification_connect(session: *mut jet_notification_t) -> jet_status_t {
    boundary("jet_notification_connect", || {
        session_of(session)?.connect()?;
        Ok(JET_STATUS_OK)
    })
}

fn session_of<'a>(pointer: *const jet_notification_t) -> Result<&'a NotificationSession, Failure> {
    Ok(&required(pointer, "session")?.session)
}

fn topic_filter(pointer: *const c_char) -> Result<Topic, Failure> {
    Ok(Topic::raw(text(pointer, "topic", MAX_TOPIC)?)?)
}

/// Calls `callback` with each event whose topic matches the MQTT filter
/// `topic` (build it with the jet_topic_* functions), on a libjet dispatcher
/// thread. Returns once the broker confirmed it; `*out_id` names it for
/// jet_notification_unsubscribe. `free_user_data` (may be NULL) runs exactly
/// once, after the last call — also when this function fails, before it returns.
#[no_mangle]
pub extern "C" fn jet_notification_subscribe(
    session: *mut jet_notification_t,
    topic: *const c_char,
    callback: jet_event_callback_t,
    user_data: *mut c_void,
    free_user_data: jet_free_callback_t,
    out_id: *mut u64,
) -> jet_status_t {
    let data = UserData::new(user_data, free_user_data);
    boundary("jet_notification_subscribe", move || {
        let session = session_of(session)?;
        let topic = topic_filter(topic)?;
        let slot = out(out_id, "out_id")?;
        let function = callback.ok_or_else(|| {
            Failure::new(
                JET_STATUS_NULL_ARGUMENT,
                "callback is NULL (use jet_notification_subscribe_pull)",
            )
        })?;
        let id = session.subscribe(&topic, move |event: &Event| {
            let lent = jet_event_t::lend(event);
            // SAFETY: the application's callback with its own user data; the
            // lent event outlives the call.
            unsafe { function(&lent, data.pointer()) };
        })?;
        *slot = id;
        Ok(JET_STATUS_OK)
    })
}

/// Queues each event whose topic matches `topic` for jet_notification_next.
#[no_mangle]
pub extern "C" fn jet_notification_subscribe_pull(
    session: *mut jet_notification_t,
    topic: *const c_char,
    out_id: *mut u64,
) -> jet_status_t {
    boundary("jet_notification_subscribe_pull", || {
        let session = session_of(session)?;
        let topic = topic_filter(topic)?;
        let slot = out(out_id, "out_id")?;
        *slot = session.subscribe_pull(&topic)?;
        Ok(JET_STATUS_OK)
    })
}

/// Ends subscription `id`. On return its callback is not running (unless this
/// is called from a callback) and has been released (free_user_data called).
#[no_mangle]
pub extern "C" fn jet_notification_unsubscribe(
    session: *mut jet_notification_t,
    id: u64,
) -> jet_status_t {
    boundary("jet_notification_unsubscribe", || {
        session_of(session)?
            .unsubscribe(id)
            .map_err(|e| Failure::new(JET_STATUS_NOT_FOUND, e.message()))?;
        Ok(JET_STATUS_OK)
    })
}

/// Ends every subscription of the session.
#[no_mangle]
pub extern "C" fn jet_notification_unsubscribe_all(
    session: *mut jet_notification_t,
) -> jet_status_t {
    boundary("jet_notification_unsubscribe_all", || {
        session_of(session)?.unsubscribe_all()?;
        Ok(JET_STATUS_OK)
    })
}

/// Waits up to `timeout_ms` for the next event of a pull subscription.
/// JET_STATUS_OK: `*out_event` is an event to free with jet_event_free.
/// JET_STATUS_NO_EVENT: none came in time. JET_STATUS_CLOSED: the session is closed.
#[no_mangle]
pub extern "C" fn jet_notification_next(
    session: *mut jet_notification_t,
    timeout_ms: u32,
    out_event: *mut *mut jet_event_t,
) -> jet_status_t {
    boundary("jet_notification_next", || {
        let session = session_of(session)?;
        let slot = out(out_event, "out_event")?;
        match session.next(Duration::from_millis(timeout_ms as u64))? {
            Some(event) => {
                *slot = jet_event_t::own(event);
                Ok(JET_STATUS_OK)
            }
            None => Ok(JET_STATUS_NO_EVENT),
        }
    })
}

fn state_code(state: ConnectionState) -> jet_connection_state_t {
    match state {
        ConnectionState::Connecting => JET_CONNECTION_CONNECTING,
        ConnectionState::Connected => JET_CONNECTION_CONNECTED,
        ConnectionState::Reconnecting => JET_CONNECTION_RECONNECTING,
        ConnectionState::Closed => JET_CONNECTION_CLOSED,
        ConnectionState::Idle => JET_CONNECTION_IDLE,
    }
}

/// Writes the connection state to `*out_state` (a JET_CONNECTION_* value).
#[no_mangle]
pub extern "C" fn jet_notification_state(
    session: *const jet_notification_t,
    out_state: *mut jet_connection_state_t,
) -> jet_status_t {
    boundary("jet_notification_state", || {
        let session = session_of(session)?;
        *out(out_state, "out_state")? = state_code(session.state());
        Ok(JET_STATUS_OK)
    })
}

/// Calls `callback` on the dispatcher thread, in order with the events, when
/// the connection state changes. NULL removes it. The previous callback's
/// user data is freed; on error `free_user_data` has already been called.
#[no_mangle]
pub extern "C" fn jet_notification_set_state_callback(
    session: *mut jet_notification_t,
    callback: jet_state_callback_t,
    user_data: *mut c_void,
    free_user_data: jet_free_callback_t,
) -> jet_status_t {
    let data = UserData::new(user_data, free_user_data);
    boundary("jet_notification_set_state_callback", move || {
        let session = session_of(session)?;
        match callback {
            None => session.on_state_change(None),
            Some(function) => session.on_state_change(Some(Box::new(move |state| {
                // SAFETY: the application's callback with its own user data.
                unsafe { function(state_code(state), data.pointer()) }
            }))),
        }
        Ok(JET_STATUS_OK)
    })
}

/// Copies the session's counters into `*out_stats`.
#[no_mangle]
pub extern "C" fn jet_notification_stats(
    session: *const jet_notification_t,
    out_stats: *mut jet_notification_stats_t,
) -> jet_status_t {
    boundary("jet_notification_stats", || {
        let stats = session_of(session)?.stats();
        *out(out_stats, "out_stats")? = jet_notification_stats_t {
            received: stats.received,
            delivered: stats.delivered,
            dropped: stats.dropped,
            parse_errors: stats.parse_errors,
            reconnects: stats.reconnects,
        };
        Ok(JET_STATUS_OK)
    })
}

/// The MQTT client id in use; valid until the session is closed. NULL for NULL.
#[no_mangle]
pub extern "C" fn jet_notification_client_id(session: *const jet_notification_t) -> *const c_char {
    super::failure::boundary_value("jet_notification_client_id", std::ptr::null(), || {
        Ok(required(session, "session")?.client_id.as_ptr())
    })
}

/// Closes the session and releases it: disconnects, waits for running
/// callbacks (unless called from one), and frees every callback's user data.
/// NULL is ignored. The handle must not be used afterwards.
///
/// # Safety
/// `session` must come from jet_notification_open or jet_notification_create
/// and be closed once.
#[no_mangle]
pub unsafe extern "C" fn jet_notification_close(session: *mut jet_notification_t) {
    if session.is_null() {
        return;
    }
    boundary("jet_notification_close", || {
        // SAFETY: per the contract, the handle came from Box::into_raw in open.
        let handle = unsafe { Box::from_raw(session) };
        handle.session.close();
        drop(handle);
        Ok(JET_STATUS_OK)
    });
}
