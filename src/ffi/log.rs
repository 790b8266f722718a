//! Receiving libjet's log records in C.

use super::failure::{boundary, Failure};
use super::status::jet_status_t::{self, *};
use crate::logging::{self, Level};
use std::ffi::{c_char, c_void, CString};
use std::sync::Arc;

/// A log level: one of the `JET_LOG_*` constants.
#[allow(non_camel_case_types)]
pub type jet_log_level_t = i32;
/// Failures libjet could not hide.
pub const JET_LOG_ERROR: jet_log_level_t = 1;
/// Recovered problems: reconnects, dropped events.
pub const JET_LOG_WARN: jet_log_level_t = 2;
/// Milestones: connected, subscribed, closed.
pub const JET_LOG_INFO: jet_log_level_t = 3;
/// Detail for finding a problem.
pub const JET_LOG_DEBUG: jet_log_level_t = 4;
/// Everything.
pub const JET_LOG_TRACE: jet_log_level_t = 5;

/// Receives one log record. `target` names the part of libjet ("notify",
/// "tls", ...); both strings are valid for the call only. It may run on any
/// libjet thread: keep it short and do not call libjet from it.
#[allow(non_camel_case_types)]
pub type jet_log_callback_t = Option<
    unsafe extern "C" fn(
        level: jet_log_level_t,
        target: *const c_char,
        message: *const c_char,
        user_data: *mut c_void,
    ),
>;

/// Frees user data given with a callback; called exactly once.
#[allow(non_camel_case_types)]
pub type jet_free_callback_t = Option<unsafe extern "C" fn(user_data: *mut c_void)>;

/// User data with the function that frees it, freed exactly once on drop.
pub(crate) struct UserData {
    pointer: *mut c_void,
    free: jet_free_callback_t,
}

// SAFETY: libjet only passes the pointer back to the application's own
// functions; the application promises they may be called from libjet threads.
unsafe impl Send for UserData {}
unsafe impl Sync for UserData {}

impl UserData {
    pub fn new(pointer: *mut c_void, free: jet_free_callback_t) -> UserData {
        UserData { pointer, free }
    }

    pub fn pointer(&self) -> *mut c_void {
        self.pointer
    }
}

impl Drop for UserData {
    fn drop(&mut self) {
        if let Some(free) = self.free {
            // SAFETY: the application gave this function for this pointer.
            unsafe { free(self.pointer) };
        }
    }
}

fn level(value: jet_log_level_t) -> Result<Level, Failure> {
    Level::from_number(value as i64).ok_or_else(|| {
        Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!("log level {value} is not 1 (error) to 5 (trace)"),
        )
    })
}

/// Sends log records up to `max_level` to `callback`; a NULL callback makes
/// libjet silent. A previous callback's user data is freed. On error
/// `free_user_data` has already been called.
#[no_mangle]
pub extern "C" fn jet_log_set_callback(
    callback: jet_log_callback_t,
    max_level: jet_log_level_t,
    user_data: *mut c_void,
    free_user_data: jet_free_callback_t,
) -> jet_status_t {
    let data = UserData::new(user_data, free_user_data);
    boundary("jet_log_set_callback", move || {
        let max = level(max_level)?;
        let Some(function) = callback else {
            drop(data);
            logging::set_sink(None, max);
            return Ok(JET_STATUS_OK);
        };
        let sink = move |level: Level, target: &str, message: &str| {
            let target = CString::new(target).unwrap_or_default();
            let message = CString::new(message.replace('\0', " ")).unwrap_or_default();
            // SAFETY: the application's function, with its own user data.
            unsafe {
                function(
                    level as jet_log_level_t,
                    target.as_ptr(),
                    message.as_ptr(),
                    data.pointer(),
                )
            };
        };
        logging::set_sink(Some(Arc::new(sink)), max);
        Ok(JET_STATUS_OK)
    })
}

/// Changes the most detailed level that reaches the log callback (or stderr
/// when `JET_LOG` is set).
#[no_mangle]
pub extern "C" fn jet_log_set_level(max_level: jet_log_level_t) -> jet_status_t {
    boundary("jet_log_set_level", || {
        logging::set_max_level(level(max_level)?);
        Ok(JET_STATUS_OK)
    })
}
