//! The peers abi_cancel blocks on: a listener that accepts and never
//! answers, and a relay to a device that can be frozen (it holds what it
//! receives until thawed), so a call on an open session waits for ever.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// What a peer has seen, behind one lock with one condition variable.
#[derive(Default)]
struct Seen {
    accepted: u64,
    frozen: bool,
    /// Chunks for the device held by a frozen relay.
    held: u64,
}

/// Shared between a peer's threads and the driver.
#[derive(Default)]
struct Shared {
    seen: Mutex<Seen>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn update(&self, change: impl FnOnce(&mut Seen)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }

    /// Waits until `done` holds, up to `timeout`; true when it does.
    fn wait_for(&self, timeout: Duration, done: impl Fn(&Seen) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut seen = self.lock();
        while !done(&seen) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            seen = self.changed.wait_timeout(seen, left).unwrap().0;
        }
        true
    }
}

/// Accepts on a loopback port in the background, counting connections and
/// calling `serve` with each.
fn listen(shared: &Arc<Shared>, serve: impl Fn(TcpStream) + Send + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().unwrap().port();
    let shared = shared.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            shared.update(|seen| seen.accepted += 1);
            serve(stream);
        }
    });
    port
}

/// A peer that accepts connections and never answers (they stay open).
pub struct Silent {
    shared: Arc<Shared>,
    port: u16,
}

impl Silent {
    pub fn start() -> Silent {
        let shared = Arc::new(Shared::default());
        let kept = Mutex::new(Vec::new());
        let port = listen(&shared, move |stream| kept.lock().unwrap().push(stream));
        Silent { shared, port }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn accepted(&self) -> u64 {
        self.shared.lock().accepted
    }

    /// Waits until `count` connections were accepted; true when they were.
    pub fn wait_accepted(&self, count: u64, timeout: Duration) -> bool {
        self.shared.wait_for(timeout, |seen| seen.accepted >= count)
    }
}

/// A TCP relay to `127.0.0.1:<device port>` that [`Relay::freeze`] stops.
pub struct Relay {
    shared: Arc<Shared>,
    port: u16,
}

impl Relay {
    pub fn start(device_port: u16) -> Relay {
        let shared = Arc::new(Shared::default());
        let gate = shared.clone();
        let port = listen(&shared, move |client| {
            let Ok(device) = TcpStream::connect(("127.0.0.1", device_port)) else {
                return;
            };
            let (client_in, device_in) = (client.try_clone().unwrap(), device.try_clone().unwrap());
            let to_device = gate.clone();
            thread::spawn(move || pump(client_in, device, to_device, true));
            let to_client = gate.clone();
            thread::spawn(move || pump(device_in, client, to_client, false));
        });
        Relay { shared, port }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// From now on, hold every chunk in either direction.
    pub fn freeze(&self) {
        self.shared.update(|seen| seen.frozen = true);
    }

    /// Waits until a chunk for the device is held; true when one is.
    pub fn wait_held(&self, timeout: Duration) -> bool {
        self.shared.wait_for(timeout, |seen| seen.held > 0)
    }

    /// Passes what is held, and everything after.
    pub fn thaw(&self) {
        self.shared.update(|seen| seen.frozen = false);
    }
}

/// Copies `from` to `to` chunk by chunk, each waiting while the relay is
/// frozen (counted in `held` when going to the device).
fn pump(mut from: TcpStream, mut to: TcpStream, shared: Arc<Shared>, to_device: bool) {
    let mut buf = vec![0u8; 64 * 1024];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        let mut seen = shared.lock();
        let counted = seen.frozen && to_device;
        if counted {
            seen.held += 1;
            shared.changed.notify_all();
        }
        while seen.frozen {
            seen = shared.changed.wait(seen).unwrap();
        }
        if counted {
            seen.held -= 1;
        }
        drop(seen);
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Both);
}
