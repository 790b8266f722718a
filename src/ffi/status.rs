//! Status codes of the C ABI and the text of each.

use crate::error::ErrorKind;
use std::ffi::c_char;

/// The result of a fallible libjet call: 0 is OK, negative is an error, a
/// positive value is information. `jet_last_error_message()` has the details.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum jet_status_t {
    /// Success.
    JET_STATUS_OK = 0,
    /// No event arrived within the timeout (jet_notification_next).
    JET_STATUS_NO_EVENT = 1,
    /// An argument was refused: malformed, out of range or too long.
    JET_STATUS_INVALID_ARGUMENT = -1,
    /// A required pointer argument was NULL.
    JET_STATUS_NULL_ARGUMENT = -2,
    /// A string argument was not valid UTF-8.
    JET_STATUS_INVALID_UTF8 = -3,
    /// The device could not be reached.
    JET_STATUS_UNREACHABLE = -10,
    /// The device refused the credentials or this client.
    JET_STATUS_NOT_AUTHORIZED = -11,
    /// The operation did not finish in time.
    JET_STATUS_TIMEOUT = -12,
    /// TLS failed: handshake, certificate verification or loading files.
    JET_STATUS_TLS = -13,
    /// The session is closed.
    JET_STATUS_CLOSED = -14,
    /// The peer broke the protocol.
    JET_STATUS_PROTOCOL = -15,
    /// The call would deadlock on this thread (for example jet_shutdown from a callback).
    JET_STATUS_WOULD_DEADLOCK = -16,
    /// An input/output error.
    JET_STATUS_IO = -17,
    /// The thing asked for does not exist (an attribute, a subscription).
    JET_STATUS_NOT_FOUND = -18,
    /// The thing asked for exists but has another type (an attribute).
    JET_STATUS_WRONG_TYPE = -19,
    /// The event is not a valid JET event (see jet_event_parse_error).
    JET_STATUS_PARSE_ERROR = -20,
    /// The device refused the request; jet_last_error_device_code() has its code.
    JET_STATUS_REFUSED = -21,
    /// The device does not serve this service or call (in the API generation asked for).
    JET_STATUS_UNIMPLEMENTED = -22,
    /// The thing already exists on the device (for example the client id is in use).
    JET_STATUS_ALREADY_EXISTS = -23,
    /// The call was cancelled through a jet_cancel_t.
    JET_STATUS_CANCELLED = -24,
    /// An unexpected internal error.
    JET_STATUS_INTERNAL = -98,
    /// libjet caught a panic; the call had no effect that can be relied on.
    JET_STATUS_PANIC = -99,
}

use jet_status_t::*;

impl jet_status_t {
    /// The status for an error of `kind`.
    pub fn from_kind(kind: ErrorKind) -> jet_status_t {
        match kind {
            ErrorKind::InvalidArgument => JET_STATUS_INVALID_ARGUMENT,
            ErrorKind::Unreachable => JET_STATUS_UNREACHABLE,
            ErrorKind::NotAuthorized => JET_STATUS_NOT_AUTHORIZED,
            ErrorKind::Timeout => JET_STATUS_TIMEOUT,
            ErrorKind::Tls => JET_STATUS_TLS,
            ErrorKind::Closed => JET_STATUS_CLOSED,
            ErrorKind::Protocol => JET_STATUS_PROTOCOL,
            ErrorKind::WouldDeadlock => JET_STATUS_WOULD_DEADLOCK,
            ErrorKind::Io => JET_STATUS_IO,
            ErrorKind::Refused => JET_STATUS_REFUSED,
            ErrorKind::Unimplemented => JET_STATUS_UNIMPLEMENTED,
            ErrorKind::AlreadyExists => JET_STATUS_ALREADY_EXISTS,
            ErrorKind::NotFound => JET_STATUS_NOT_FOUND,
            ErrorKind::Cancelled => JET_STATUS_CANCELLED,
            ErrorKind::Internal => JET_STATUS_INTERNAL,
        }
    }

    fn name(code: i32) -> &'static std::ffi::CStr {
        match code {
            0 => c"JET_STATUS_OK",
            1 => c"JET_STATUS_NO_EVENT",
            -1 => c"JET_STATUS_INVALID_ARGUMENT",
            -2 => c"JET_STATUS_NULL_ARGUMENT",
            -3 => c"JET_STATUS_INVALID_UTF8",
            -10 => c"JET_STATUS_UNREACHABLE",
            -11 => c"JET_STATUS_NOT_AUTHORIZED",
            -12 => c"JET_STATUS_TIMEOUT",
            -13 => c"JET_STATUS_TLS",
            -14 => c"JET_STATUS_CLOSED",
            -15 => c"JET_STATUS_PROTOCOL",
            -16 => c"JET_STATUS_WOULD_DEADLOCK",
            -17 => c"JET_STATUS_IO",
            -18 => c"JET_STATUS_NOT_FOUND",
            -19 => c"JET_STATUS_WRONG_TYPE",
            -20 => c"JET_STATUS_PARSE_ERROR",
            -21 => c"JET_STATUS_REFUSED",
            -22 => c"JET_STATUS_UNIMPLEMENTED",
            -23 => c"JET_STATUS_ALREADY_EXISTS",
            -24 => c"JET_STATUS_CANCELLED",
            -98 => c"JET_STATUS_INTERNAL",
            -99 => c"JET_STATUS_PANIC",
            _ => c"JET_STATUS_UNKNOWN",
        }
    }
}

/// The name of status `status` (e.g. "JET_STATUS_TIMEOUT"); "JET_STATUS_UNKNOWN"
/// for a code libjet does not define. The string is static: never free it.
#[no_mangle]
pub extern "C" fn jet_status_str(status: i32) -> *const c_char {
    jet_status_t::name(status).as_ptr()
}
