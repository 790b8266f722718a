//! Library-wide functions: version, ABI version, shutdown.

use super::failure::{boundary, Outcome};
use super::status::jet_status_t::{self, *};
use std::ffi::c_char;

/// libjet's version, e.g. "0.1.0" (static; never free it).
#[no_mangle]
pub extern "C" fn jet_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The C ABI version. Wrappers check it when they load the library and refuse
/// a library whose ABI version differs from theirs.
#[no_mangle]
pub extern "C" fn jet_abi_version() -> u32 {
    crate::ABI_VERSION
}

/// Closes every session and stops every libjet thread. Call it before the
/// process exits (managed runtimes must). Refused (JET_STATUS_WOULD_DEADLOCK)
/// from a callback. Handles of sessions opened before answer
/// JET_STATUS_CLOSED and start nothing; libjet starts again when a new
/// session is opened.
#[no_mangle]
pub extern "C" fn jet_shutdown() -> jet_status_t {
    boundary("jet_shutdown", || -> Outcome {
        crate::shutdown()?;
        Ok(JET_STATUS_OK)
    })
}
