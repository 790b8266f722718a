//! The error path of the C ABI: the thread's last error, the panic boundary,
//! and the checks every argument goes through.

use super::status::jet_status_t::{self, *};
use crate::error::Error;
use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Why a C call failed: its status and a message for people.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: jet_status_t,
    pub message: String,
    pub grpc_code: Option<i32>,
    pub device_code: Option<i32>,
}

impl Failure {
    pub fn new(status: jet_status_t, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
            grpc_code: None,
            device_code: None,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            grpc_code: error.grpc_code(),
            device_code: error.device_code(),
            ..Failure::new(jet_status_t::from_kind(error.kind()), error.message())
        }
    }
}

/// What a C call returns when it works: mostly OK, sometimes information.
pub(crate) type Outcome = Result<jet_status_t, Failure>;

/// What the calling thread remembers of its last failure.
#[derive(Default)]
struct LastError {
    message: CString,
    grpc_code: Option<i32>,
    device_code: Option<i32>,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError::default());
}

fn remember(message: &str, grpc_code: Option<i32>, device_code: Option<i32>) {
    let message = CString::new(message.replace('\0', "\u{FFFD}")).unwrap_or_default();
    LAST_ERROR.with(|slot| {
        *slot.borrow_mut() = LastError {
            message,
            grpc_code,
            device_code,
        }
    });
}

/// The message of the last failed libjet call on this thread ("" if none).
/// Valid until the next failed call on this thread; never free it.
#[no_mangle]
pub extern "C" fn jet_last_error_message() -> *const c_char {
    LAST_ERROR.with(|slot| slot.borrow().message.as_ptr())
}

/// The gRPC status code of the last failed call on this thread, or -1 when
/// it was not a failed gRPC call (0 OK … 16 UNAUTHENTICATED, as in gRPC).
#[no_mangle]
pub extern "C" fn jet_last_error_grpc_code() -> i32 {
    LAST_ERROR.with(|slot| slot.borrow().grpc_code.unwrap_or(-1))
}

/// The device's own status or sub-code of the last failed call on this
/// thread (for example a firewall sub_code), or -1 when it had none.
#[no_mangle]
pub extern "C" fn jet_last_error_device_code() -> i32 {
    LAST_ERROR.with(|slot| slot.borrow().device_code.unwrap_or(-1))
}

/// Runs the body of an exported function: turns an error into its status and
/// remembers the message; turns a panic into `JET_STATUS_PANIC`.
pub(crate) fn boundary(function: &str, body: impl FnOnce() -> Outcome) -> jet_status_t {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status)) => status,
        Ok(Err(failure)) => {
            remember(
                &format!("{function}: {}", failure.message),
                failure.grpc_code,
                failure.device_code,
            );
            failure.status
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            remember(
                &format!("{function}: internal error (panic): {what}"),
                None,
                None,
            );
            JET_STATUS_PANIC
        }
    }
}

/// Like [`boundary`] for functions that return a value instead of a status:
/// `fallback` is returned on error or panic.
pub(crate) fn boundary_value<T>(
    function: &str,
    fallback: T,
    body: impl FnOnce() -> Result<T, Failure>,
) -> T {
    let mut value = None;
    boundary(function, || {
        value = Some(body()?);
        Ok(JET_STATUS_OK)
    });
    value.unwrap_or(fallback)
}

/// A required pointer argument.
pub(crate) fn required<'a, T>(pointer: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: the C caller promises that a non-NULL pointer is valid for the call.
    unsafe { pointer.as_ref() }
        .ok_or_else(|| Failure::new(JET_STATUS_NULL_ARGUMENT, format!("{name} is NULL")))
}

/// A required out-parameter.
pub(crate) fn out<'a, T>(pointer: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: the C caller promises that a non-NULL pointer is valid for writing.
    unsafe { pointer.as_mut() }
        .ok_or_else(|| Failure::new(JET_STATUS_NULL_ARGUMENT, format!("{name} is NULL")))
}

/// A required NUL-terminated UTF-8 string of at most `max_len` bytes.
pub(crate) fn text<'a>(
    pointer: *const c_char,
    name: &str,
    max_len: usize,
) -> Result<&'a str, Failure> {
    optional_text(pointer, name, max_len)?
        .ok_or_else(|| Failure::new(JET_STATUS_NULL_ARGUMENT, format!("{name} is NULL")))
}

/// An optional string: NULL means "not given".
pub(crate) fn optional_text<'a>(
    pointer: *const c_char,
    name: &str,
    max_len: usize,
) -> Result<Option<&'a str>, Failure> {
    if pointer.is_null() {
        return Ok(None);
    }
    // SAFETY: the C caller promises a NUL-terminated string valid for the call.
    let bytes = unsafe { CStr::from_ptr(pointer) }.to_bytes();
    if bytes.len() > max_len {
        return Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!(
                "{name} is {} bytes; at most {max_len} are accepted",
                bytes.len()
            ),
        ));
    }
    std::str::from_utf8(bytes).map(Some).map_err(|e| {
        Failure::new(
            JET_STATUS_INVALID_UTF8,
            format!("{name} is not valid UTF-8 ({e})"),
        )
    })
}

/// The default device of the options structs.
pub(crate) static DEFAULT_DEVICE: &CStr = c"127.0.0.1";

/// The `device` field of an options struct: NULL means "not set", that is
/// the default device (`127.0.0.1`), as for every other string field.
pub(crate) fn device(pointer: *const c_char, max_len: usize) -> Result<String, Failure> {
    let given = optional_text(pointer, "device", max_len)?;
    Ok(given.map_or_else(
        || DEFAULT_DEVICE.to_string_lossy().into_owned(),
        str::to_string,
    ))
}

/// A 0/1 flag: of an options struct (`u8`, so a wrapper's bool cannot be UB)
/// or a function's argument.
pub(crate) fn flag(value: impl Into<i64>, name: &str) -> Result<bool, Failure> {
    match value.into() {
        0 => Ok(false),
        1 => Ok(true),
        v => Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!("{name} must be 0 or 1, not {v}"),
        )),
    }
}

/// A string handed to C, owned by the caller (freed with `jet_string_free`).
pub(crate) fn owned_c_string(text: &str) -> *mut c_char {
    CString::new(text.replace('\0', "\u{FFFD}"))
        .unwrap_or_default()
        .into_raw()
}

/// Frees a string that libjet handed out as owned by the caller. NULL is ignored.
///
/// # Safety
/// `text` must come from libjet (a `char**` out-parameter) and not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn jet_string_free(text: *mut c_char) {
    if text.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: per the contract above, `text` came from CString::into_raw.
        drop(unsafe { CString::from_raw(text) });
    }));
}
