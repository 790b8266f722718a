//! Token semantics and how fast a triggered token wakes what waits on it.

use super::*;
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

/// The upper bound of every "woke within" check: generous for a loaded CI
/// machine; the latencies measured are printed.
const WOKEN_WITHIN: Duration = Duration::from_secs(2);

#[test]
fn a_token_starts_untriggered_and_trigger_is_idempotent() {
    let token = CancelToken::new();
    assert!(!token.is_triggered());
    assert!(token.check("x").is_ok());
    token.trigger();
    token.trigger();
    assert!(token.is_triggered());
    assert!(token.clone().is_triggered(), "clones share the flag");
    let error = token.check("reading").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Cancelled);
    assert_eq!(error.message(), "reading cancelled");
}

#[test]
fn a_waker_runs_once_per_trigger_and_not_after_unregistering() {
    let token = CancelToken::new();
    let runs = Arc::new(AtomicUsize::new(0));
    let counted = runs.clone();
    let kept = token.on_trigger(move || {
        counted.fetch_add(1, Ordering::SeqCst);
    });
    let dropped = token.on_trigger(|| panic!("an unregistered waker ran"));
    drop(dropped);
    token.trigger();
    token.trigger();
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    drop(kept);
    assert!(token.lock_wakers().list.is_empty());
}

#[test]
fn attach_sets_the_current_token_and_the_guard_restores_the_previous() {
    assert!(current().is_none());
    let outer = CancelToken::new();
    let inner = CancelToken::new();
    {
        let _outer = outer.attach();
        {
            let _inner = inner.attach();
            inner.trigger();
            assert!(check_current("x").is_err());
        }
        assert!(check_current("x").is_ok(), "the outer token is back");
        assert!(current().is_some());
    }
    assert!(current().is_none());
}

#[test]
fn the_current_token_belongs_to_one_thread() {
    let token = CancelToken::new();
    let _attached = token.attach();
    token.trigger();
    let elsewhere = std::thread::spawn(|| check_current("x").is_ok());
    assert!(elsewhere.join().unwrap());
    assert!(check_current("x").is_err());
}

#[test]
fn an_async_wait_ends_at_once_when_already_triggered() {
    let token = CancelToken::new();
    token.trigger();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let outcome = rt.block_on(token.run("waiting", std::future::pending::<()>()));
    assert_eq!(outcome.unwrap_err().kind(), ErrorKind::Cancelled);
}

#[test]
fn a_finished_future_wins_over_an_untriggered_token() {
    let token = CancelToken::new();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(
        rt.block_on(token.run("adding", async { 1 + 1 })).unwrap(),
        2
    );
}

/// Starts a thread that runs `wait` with a fresh token attached, waits until
/// it is about to block (`ready` is sent by `wait`), triggers, and returns
/// what `wait` returned and how long after the trigger it did.
fn trigger_while_waiting<T: Send + 'static>(
    wait: impl FnOnce(&CancelToken, std::sync::mpsc::Sender<()>) -> T + Send + 'static,
) -> (T, Duration) {
    let token = CancelToken::new();
    let (ready_tx, ready_rx) = channel();
    let waiter = {
        let token = token.clone();
        std::thread::spawn(move || {
            let _attached = token.attach();
            let outcome = wait(&token, ready_tx);
            (outcome, Instant::now())
        })
    };
    ready_rx.recv().expect("the waiter starts");
    let triggered_at = Instant::now();
    token.trigger();
    let (outcome, returned_at) = waiter.join().unwrap();
    (outcome, returned_at.saturating_duration_since(triggered_at))
}

#[test]
fn a_blocked_runtime_call_wakes_at_once() {
    let (outcome, latency) = trigger_while_waiting(|_, ready| {
        crate::runtime::block_on("sleeping", async move {
            ready.send(()).unwrap();
            tokio::time::sleep(Duration::from_secs(60)).await
        })
    });
    println!("block_on woke {latency:?} after the trigger");
    assert_eq!(outcome.unwrap_err().message(), "sleeping cancelled");
    assert!(latency < WOKEN_WITHIN, "woken only after {latency:?}");
}

#[test]
fn a_pre_triggered_runtime_call_never_starts() {
    let token = CancelToken::new();
    token.trigger();
    let _attached = token.attach();
    let outcome = crate::runtime::block_on("x", async { panic!("the future ran") });
    assert_eq!(outcome.unwrap_err().kind(), ErrorKind::Cancelled);
}

#[test]
fn a_condvar_wait_wakes_at_once_through_its_waker() {
    let (outcome, latency) = trigger_while_waiting(|token, ready| {
        let pair = Arc::new((Mutex::new(()), std::sync::Condvar::new()));
        let woken = pair.clone();
        let _wakes = token.on_trigger(move || {
            let _held = woken.0.lock().unwrap();
            woken.1.notify_all();
        });
        let mut held = pair.0.lock().unwrap();
        ready.send(()).unwrap();
        let give_up = Instant::now() + Duration::from_secs(60);
        while !token.is_triggered() && Instant::now() < give_up {
            held = pair
                .1
                .wait_timeout(held, Duration::from_secs(60))
                .unwrap()
                .0;
        }
        token.is_triggered()
    });
    println!("a condvar wait woke {latency:?} after the trigger");
    assert!(outcome);
    assert!(latency < WOKEN_WITHIN, "woken only after {latency:?}");
}
