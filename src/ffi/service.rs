//! Service sessions in the C ABI.

use super::failure::{
    boundary, boundary_value, device, flag, optional_text, out, required, Failure, DEFAULT_DEVICE,
};
use super::status::jet_status_t::{self, *};
use crate::secret::Secret;
use crate::service::{Api, Generation, Service, ServiceOptions, ServiceSession};
use crate::tls::TlsOptions;
use std::ffi::{c_char, CString};
use std::path::PathBuf;
use std::time::Duration;

/// Longest host, user, client id or file path accepted.
const MAX_SETTING: usize = 4096;

/// An IDL generation choice: one of the `JET_API_*` constants.
#[allow(non_camel_case_types)]
pub type jet_api_t = i32;
/// Find out per service which generation the device serves (default).
pub const JET_API_AUTO: jet_api_t = 0;
/// The jnx.jet.* IDL (Junos 19.3 and later, Evolved).
pub const JET_API_JNX: jet_api_t = 1;
/// The legacy IDL (Junos 17.x to 19.2).
pub const JET_API_LEGACY: jet_api_t = 2;

/// A JET service: one of the `JET_SERVICE_*` constants.
#[allow(non_camel_case_types)]
pub type jet_service_kind_t = i32;
/// Login.
pub const JET_SERVICE_AUTHENTICATION: jet_service_kind_t = 0;
/// Firewall filters, policers and counters.
pub const JET_SERVICE_FIREWALL: jet_service_kind_t = 1;
/// Interface addresses.
pub const JET_SERVICE_INTERFACES: jet_service_kind_t = 2;
/// Operational commands and configuration.
pub const JET_SERVICE_MANAGEMENT: jet_service_kind_t = 3;

/// Settings of a service session. Fill it with jet_service_options_default().
/// Strings are borrowed for the duration of jet_service_open only.
#[repr(C)]
pub struct jet_service_options_t {
    /// sizeof(jet_service_options_t); set by jet_service_options_default().
    pub struct_size: u32,
    /// Device host name or address. Default "127.0.0.1" (NULL means the default).
    pub device: *const c_char,
    /// JET request-response port. Default 32767.
    pub port: u16,
    /// User for the login; NULL skips the login (devices with skip-authentication).
    pub user: *const c_char,
    /// Password; never logged.
    pub password: *const c_char,
    /// Client id, unique among the device's sessions; NULL makes one.
    pub client_id: *const c_char,
    /// IDL generation: JET_API_AUTO (default), JET_API_JNX or JET_API_LEGACY.
    pub api: jet_api_t,
    /// 1 connects without TLS (must be asked for). Default 0: TLS.
    pub clear_text: u8,
    /// PEM file of the CA(s) to trust; NULL trusts the system's roots.
    pub tls_ca_file: *const c_char,
    /// PEM client certificate for mutual TLS.
    pub tls_cert_file: *const c_char,
    /// PEM key of the client certificate.
    pub tls_key_file: *const c_char,
    /// Name to verify in the device certificate instead of `device`.
    pub tls_server_name: *const c_char,
    /// 1 accepts any certificate (labs only). Default 0.
    pub tls_insecure_skip_verify: u8,
    /// Time to open the session: connect (TCP and TLS) and log in, ms. Default 10000.
    pub connect_timeout_ms: u32,
    /// Deadline of each call that gives none (timeout_ms 0), ms. Default 30000.
    pub call_timeout_ms: u32,
    /// What to do about the filters, policers and interface addresses this
    /// session added after a reconnect:
    /// JET_SERVICE_STATE_OFF (default), JET_SERVICE_STATE_REPORT or JET_SERVICE_STATE_REAPPLY; the
    /// reports go to jet_service_set_state_callback's callback.
    pub state: super::state::jet_service_state_mode_t,
}

/// A service session (opaque). Thread-safe.
pub struct jet_service_t {
    pub(crate) session: ServiceSession,
    client_id: CString,
}

/// Fills `options` with the defaults.
#[no_mangle]
pub extern "C" fn jet_service_options_default(options: *mut jet_service_options_t) -> jet_status_t {
    boundary("jet_service_options_default", || {
        let slot = out(options, "options")?;
        let d = ServiceOptions::default();
        *slot = jet_service_options_t {
            struct_size: std::mem::size_of::<jet_service_options_t>() as u32,
            device: DEFAULT_DEVICE.as_ptr(),
            port: d.port,
            user: std::ptr::null(),
            password: std::ptr::null(),
            client_id: std::ptr::null(),
            api: JET_API_AUTO,
            clear_text: 0,
            tls_ca_file: std::ptr::null(),
            tls_cert_file: std::ptr::null(),
            tls_key_file: std::ptr::null(),
            tls_server_name: std::ptr::null(),
            tls_insecure_skip_verify: 0,
            connect_timeout_ms: d.connect_timeout.as_millis() as u32,
            call_timeout_ms: d.call_timeout.as_millis() as u32,
            state: super::state::JET_SERVICE_STATE_OFF,
        };
        Ok(JET_STATUS_OK)
    })
}

fn api(value: jet_api_t) -> Result<Api, Failure> {
    match value {
        JET_API_AUTO => Ok(Api::Auto),
        JET_API_JNX => Ok(Api::Jnx),
        JET_API_LEGACY => Ok(Api::Legacy),
        v => Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!("api {v} is not JET_API_AUTO, JET_API_JNX or JET_API_LEGACY"),
        )),
    }
}

fn convert(c: &jet_service_options_t) -> Result<ServiceOptions, Failure> {
    if c.struct_size as usize != std::mem::size_of::<jet_service_options_t>() {
        return Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            "options.struct_size is wrong: fill the options with jet_service_options_default()",
        ));
    }
    let setting = |pointer, name| optional_text(pointer, name, MAX_SETTING);
    let path = |pointer, name| Ok::<_, Failure>(setting(pointer, name)?.map(PathBuf::from));
    let tls = if flag(c.clear_text, "clear_text")? {
        None
    } else {
        Some(TlsOptions {
            ca_file: path(c.tls_ca_file, "tls_ca_file")?,
            cert_file: path(c.tls_cert_file, "tls_cert_file")?,
            key_file: path(c.tls_key_file, "tls_key_file")?,
            server_name: setting(c.tls_server_name, "tls_server_name")?.map(str::to_string),
            insecure_skip_verify: flag(c.tls_insecure_skip_verify, "tls_insecure_skip_verify")?,
        })
    };
    Ok(ServiceOptions {
        device: device(c.device, MAX_SETTING)?,
        port: c.port,
        user: setting(c.user, "user")?.map(str::to_string),
        password: optional_text(c.password, "password", 65535)?.map(Secret::new),
        client_id: setting(c.client_id, "client_id")?.map(str::to_string),
        api: api(c.api)?,
        tls,
        connect_timeout: Duration::from_millis(c.connect_timeout_ms as u64),
        call_timeout: Duration::from_millis(c.call_timeout_ms as u64),
        state: super::state::state_mode(c.state)?,
    })
}

/// Connects to the device's JET services and logs in. Fails with
/// JET_STATUS_UNREACHABLE, JET_STATUS_TIMEOUT, JET_STATUS_TLS,
/// JET_STATUS_NOT_AUTHORIZED (login refused), JET_STATUS_ALREADY_EXISTS
/// (client id in use) or JET_STATUS_INVALID_ARGUMENT.
#[no_mangle]
pub extern "C" fn jet_service_open(
    options: *const jet_service_options_t,
    out_session: *mut *mut jet_service_t,
) -> jet_status_t {
    boundary("jet_service_open", || {
        let options = convert(required(options, "options")?)?;
        let slot = out(out_session, "out_session")?;
        let session = ServiceSession::open(options)?;
        let client_id = CString::new(session.client_id()).unwrap_or_default();
        *slot = Box::into_raw(Box::new(jet_service_t { session, client_id }));
        Ok(JET_STATUS_OK)
    })
}

/// The session behind a handle, with the call's deadline: `timeout_ms` 0
/// means the session's default.
pub(crate) fn session_with_deadline(
    handle: *const jet_service_t,
    timeout_ms: u32,
) -> Result<ServiceSession, Failure> {
    let session = &required(handle, "session")?.session;
    Ok(match timeout_ms {
        0 => session.clone(),
        ms => session.with_deadline(Duration::from_millis(ms as u64)),
    })
}

/// The client id in use; valid until the session is closed. NULL for NULL.
#[no_mangle]
pub extern "C" fn jet_service_client_id(session: *const jet_service_t) -> *const c_char {
    boundary_value("jet_service_client_id", std::ptr::null(), || {
        Ok(required(session, "session")?.client_id.as_ptr())
    })
}

/// A generation in use: one of the `JET_GENERATION_*` constants.
#[allow(non_camel_case_types)]
pub type jet_generation_t = i32;
/// Not known yet (auto mode, before the service's first call).
pub const JET_GENERATION_UNKNOWN: jet_generation_t = 0;
/// The jnx.jet.* IDL.
pub const JET_GENERATION_JNX: jet_generation_t = 1;
/// The legacy IDL.
pub const JET_GENERATION_LEGACY: jet_generation_t = 2;

/// Writes the generation `service` is spoken in to `*out_generation`
/// (JET_GENERATION_UNKNOWN until its first call in auto mode).
#[no_mangle]
pub extern "C" fn jet_service_generation(
    session: *const jet_service_t,
    service: jet_service_kind_t,
    out_generation: *mut jet_generation_t,
) -> jet_status_t {
    boundary("jet_service_generation", || {
        let session = &required(session, "session")?.session;
        let service = match service {
            JET_SERVICE_AUTHENTICATION => Service::Authentication,
            JET_SERVICE_FIREWALL => Service::Firewall,
            JET_SERVICE_INTERFACES => Service::Interfaces,
            JET_SERVICE_MANAGEMENT => Service::Management,
            v => {
                return Err(Failure::new(
                    JET_STATUS_INVALID_ARGUMENT,
                    format!("service {v} is not one of the JET_SERVICE_* constants"),
                ))
            }
        };
        let slot = out(out_generation, "out_generation")?;
        *slot = match session.generation(service) {
            None => JET_GENERATION_UNKNOWN,
            Some(Generation::Jnx) => JET_GENERATION_JNX,
            Some(Generation::Legacy) => JET_GENERATION_LEGACY,
        };
        Ok(JET_STATUS_OK)
    })
}

/// Disconnects and releases the session. NULL is ignored. The device drops
/// this client's JET state (filters …) after its purge time.
///
/// # Safety
/// `session` must come from jet_service_open and be closed once.
#[no_mangle]
pub unsafe extern "C" fn jet_service_close(session: *mut jet_service_t) {
    if session.is_null() {
        return;
    }
    boundary("jet_service_close", || {
        // SAFETY: per the contract, the handle came from Box::into_raw in open.
        let handle = unsafe { Box::from_raw(session) };
        handle.session.close();
        Ok(JET_STATUS_OK)
    });
}
