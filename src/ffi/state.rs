//! JET state across a reconnect in the C ABI: the options' `state` field and
//! the state callback (see [`crate::service::StateMode`]); the report's
//! entries are [`crate::service::StateObject`]s in their Display form.

use super::failure::{boundary, required, Failure};
use super::log::{jet_free_callback_t, UserData};
use super::service::jet_service_t;
use super::status::jet_status_t::{self, *};
use crate::service::{StateMode, StateReport};
use std::ffi::{c_char, c_void, CString};
use std::fmt::Display;
use std::sync::Arc;

/// What a session does about its filters, policers and interface addresses
/// after a reconnect: one of the `JET_SERVICE_STATE_*` constants.
#[allow(non_camel_case_types)]
pub type jet_service_state_mode_t = i32;
/// Nothing (default).
pub const JET_SERVICE_STATE_OFF: jet_service_state_mode_t = 0;
/// Check which of the filters, policers and interface addresses this session
/// added the device still has, and report it to the state callback.
pub const JET_SERVICE_STATE_REPORT: jet_service_state_mode_t = 1;
/// As JET_SERVICE_STATE_REPORT, and add the lost filters, policers and
/// interface addresses again (policers before the filters that use them,
/// filters with their binds).
pub const JET_SERVICE_STATE_REAPPLY: jet_service_state_mode_t = 2;

/// The mode for a C value.
pub(crate) fn state_mode(value: jet_service_state_mode_t) -> Result<StateMode, Failure> {
    match value {
        JET_SERVICE_STATE_OFF => Ok(StateMode::Off),
        JET_SERVICE_STATE_REPORT => Ok(StateMode::Report),
        JET_SERVICE_STATE_REAPPLY => Ok(StateMode::Reapply),
        v => Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!("state {v} is not JET_SERVICE_STATE_OFF, JET_SERVICE_STATE_REPORT or JET_SERVICE_STATE_REAPPLY"),
        )),
    }
}

/// One check of a session's filters, policers and interface addresses after
/// a reconnect: four lists of entries, each saying what it is: `filter NAME`,
/// `policer NAME` or `address IFL FAMILY ADDRESS/LEN` (e.g.
/// `address ge-0/0/0.0 inet 192.0.2.1/24`); a `failed` entry is
/// `<entry>: <message>`. Valid for the callback's call only.
#[repr(C)]
pub struct jet_service_state_report_t {
    /// What the device still has.
    pub present: *const *const c_char,
    /// How many in `present`.
    pub present_count: usize,
    /// What the device had lost (including what was added again since).
    pub purged: *const *const c_char,
    /// How many in `purged`.
    pub purged_count: usize,
    /// What was lost and added again, filters bound again
    /// (JET_SERVICE_STATE_REAPPLY).
    pub reapplied: *const *const c_char,
    /// How many in `reapplied`.
    pub reapplied_count: usize,
    /// What could not be checked or added again: `<entry>: <message>` each.
    pub failed: *const *const c_char,
    /// How many in `failed`.
    pub failed_count: usize,
}

/// Receives a state report. Called on a libjet thread, never under a libjet
/// lock; it may call the session's functions (not jet_service_close).
#[allow(non_camel_case_types)]
pub type jet_service_state_callback_t =
    Option<unsafe extern "C" fn(report: *const jet_service_state_report_t, user_data: *mut c_void)>;

/// C strings for one list (each item's Display form), and the pointers to
/// them.
struct CList {
    _strings: Vec<CString>,
    pointers: Vec<*const c_char>,
}

impl CList {
    fn new<T: Display>(items: &[T]) -> CList {
        let strings: Vec<CString> = items
            .iter()
            .map(|s| CString::new(s.to_string().replace('\0', " ")).unwrap_or_default())
            .collect();
        let pointers = strings.iter().map(|s| s.as_ptr()).collect();
        CList {
            _strings: strings,
            pointers,
        }
    }
}

fn deliver(
    callback: unsafe extern "C" fn(*const jet_service_state_report_t, *mut c_void),
    data: &UserData,
    report: &StateReport,
) {
    let lists = [
        CList::new(&report.present),
        CList::new(&report.purged),
        CList::new(&report.reapplied),
        CList::new(&report.failed),
    ];
    let [present, purged, reapplied, failed] = &lists;
    let c = jet_service_state_report_t {
        present: present.pointers.as_ptr(),
        present_count: present.pointers.len(),
        purged: purged.pointers.as_ptr(),
        purged_count: purged.pointers.len(),
        reapplied: reapplied.pointers.as_ptr(),
        reapplied_count: reapplied.pointers.len(),
        failed: failed.pointers.as_ptr(),
        failed_count: failed.pointers.len(),
    };
    // SAFETY: the application's function, with its own user data; the report
    // and its strings live until it returns.
    unsafe { callback(&c, data.pointer()) };
}

/// Sends the state reports of `session` (made after each reconnect when it
/// was opened with `state` JET_SERVICE_STATE_REPORT or JET_SERVICE_STATE_REAPPLY) to
/// `callback`; NULL removes the callback. A previous callback's user data is
/// freed, as is this one's when the session is closed or the callback
/// replaced. On error `free_user_data` has already been called.
#[no_mangle]
pub extern "C" fn jet_service_set_state_callback(
    session: *const jet_service_t,
    callback: jet_service_state_callback_t,
    user_data: *mut c_void,
    free_user_data: jet_free_callback_t,
) -> jet_status_t {
    let data = UserData::new(user_data, free_user_data);
    boundary("jet_service_set_state_callback", move || {
        let session = &required(session, "session")?.session;
        let Some(function) = callback else {
            drop(data);
            session.set_state_callback(None);
            return Ok(JET_STATUS_OK);
        };
        session.set_state_callback(Some(Arc::new(move |report: &StateReport| {
            deliver(function, &data, report)
        })));
        Ok(JET_STATUS_OK)
    })
}
