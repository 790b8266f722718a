//! Cancellation tokens for C: a thin skin over [`crate::cancel`].

use super::failure::{boundary, boundary_value, out, required};
use super::status::jet_status_t::{self, *};
use crate::cancel::{self, CancelToken};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A cancellation token (opaque). Made by jet_cancel_new, released by
/// jet_cancel_free. Attach it to a thread with jet_cancel_attach; trigger it
/// from any thread with jet_cancel_trigger to make that thread's blocking
/// libjet calls return JET_STATUS_CANCELLED. A token stays triggered: make a
/// new one for the next operation.
pub struct jet_cancel_t {
    token: CancelToken,
}

/// Makes a token that is not triggered; `*out_cancel` is to release with
/// jet_cancel_free.
#[no_mangle]
pub extern "C" fn jet_cancel_new(out_cancel: *mut *mut jet_cancel_t) -> jet_status_t {
    boundary("jet_cancel_new", || {
        let slot = out(out_cancel, "out_cancel")?;
        let cancel = jet_cancel_t {
            token: CancelToken::new(),
        };
        *slot = Box::into_raw(Box::new(cancel));
        Ok(JET_STATUS_OK)
    })
}

/// Triggers the token, from any thread: every blocking call honouring it
/// (now or later) returns JET_STATUS_CANCELLED, those waiting are woken at
/// once. Calling it again does nothing and returns JET_STATUS_OK.
#[no_mangle]
pub extern "C" fn jet_cancel_trigger(cancel: *const jet_cancel_t) -> jet_status_t {
    boundary("jet_cancel_trigger", || {
        required(cancel, "cancel")?.token.trigger();
        Ok(JET_STATUS_OK)
    })
}

/// True once the token was triggered; false for NULL.
#[no_mangle]
pub extern "C" fn jet_cancel_is_triggered(cancel: *const jet_cancel_t) -> bool {
    if cancel.is_null() {
        return false;
    }
    boundary_value("jet_cancel_is_triggered", false, || {
        Ok(required(cancel, "cancel")?.token.is_triggered())
    })
}

/// Releases a token; NULL is ignored. Safe while the token is still attached
/// to a thread: the thread holds its own reference until jet_cancel_detach
/// (or the next jet_cancel_attach), so its calls stay cancelled if the token
/// was triggered; nothing can trigger it after the free.
///
/// # Safety
/// `cancel` must come from jet_cancel_new and not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn jet_cancel_free(cancel: *mut jet_cancel_t) {
    if cancel.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: per the contract above, `cancel` came from Box::into_raw.
        drop(unsafe { Box::from_raw(cancel) });
    }));
}

/// Makes the calling thread's blocking libjet calls (jet_notification_open,
/// jet_notification_connect, jet_notification_next, jet_service_open and
/// every service call) honour `cancel` until jet_cancel_detach; replaces the
/// token attached before, if any. A call started while the token is
/// triggered returns JET_STATUS_CANCELLED at once, without reaching the
/// device. The thread keeps its own reference: the token may be freed while
/// attached.
#[no_mangle]
pub extern "C" fn jet_cancel_attach(cancel: *const jet_cancel_t) -> jet_status_t {
    boundary("jet_cancel_attach", || {
        let token = required(cancel, "cancel")?.token.clone();
        cancel::replace_current(Some(token));
        Ok(JET_STATUS_OK)
    })
}

/// Detaches the calling thread's token: its blocking calls are no longer
/// cancellable. Does nothing when none is attached.
#[no_mangle]
pub extern "C" fn jet_cancel_detach() {
    boundary("jet_cancel_detach", || {
        cancel::replace_current(None);
        Ok(JET_STATUS_OK)
    });
}
