//! Inline callbacks in the C ABI: a session's callbacks run on libjet's
//! network thread (see [`crate::notify::NotifyOptions::inline_callbacks`]).

use super::failure::{boundary, flag, required};
use super::notification::jet_notification_t;
use super::status::jet_status_t::{self, *};

/// Runs the event callbacks of a session made by jet_notification_create on
/// libjet's network thread, as each read's events are decoded, instead of on
/// a dispatcher thread (`enabled` 1; 0, the default, turns it off).
/// Call it before jet_notification_connect: JET_STATUS_INVALID_ARGUMENT once
/// the session connects, JET_STATUS_CLOSED after it was closed.
///
/// It saves a thread wake-up per event, which is most of a live event's
/// delivery time. The callback must not block: while it runs the session
/// reads nothing and sends no keepalive, so a callback that takes longer
/// than the keepalive costs a reconnect (nothing is lost with QoS 1 and a
/// persistent session). Blocking libjet calls made from it (subscribe, next,
/// service calls, jet_shutdown) return JET_STATUS_WOULD_DEADLOCK;
/// unsubscribe and close return at once, as from any callback. State
/// callbacks stay on the dispatcher thread, and may run at the same time as
/// an event callback. Pull subscriptions are queued as always.
#[no_mangle]
pub extern "C" fn jet_notification_set_inline_callbacks(
    session: *mut jet_notification_t,
    enabled: i32,
) -> jet_status_t {
    boundary("jet_notification_set_inline_callbacks", || {
        let session = &required(session, "session")?.session;
        session.set_inline_callbacks(flag(enabled, "enabled")?)?;
        Ok(JET_STATUS_OK)
    })
}
