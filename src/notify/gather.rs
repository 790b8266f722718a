//! Read gathering while the broker sends the backlog a connect finds.
//!
//! When a persistent session (re)connects, Mosquitto sends the events it
//! kept for it right after the CONNACK, one packet at a time, and a reader
//! that takes each packet the moment it lands makes every one of those
//! writes wake it: the wake-ups and the small segments cost the broker more
//! CPU than the reads save. So a persistent session's connection starts
//! gathering at the connect: the socket's receive low-water mark
//! (`SO_RCVLOWAT`) asks the kernel to wake the reader only once
//! [`GATHER_BYTES`] are waiting.
//!
//! When no wake-up comes within [`TAIL`] of the connect or of the last read,
//! the backlog is over (or there was none): the mark goes back to one byte
//! (the kernel then wakes the reader at once for what is left), and this
//! connection does not gather again. A clean session never gathers: the
//! broker keeps nothing for it, and on a live stream every event's latency
//! counts.

use std::os::fd::RawFd;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::{Instant, Sleep};

/// Bytes the kernel gathers before it wakes a reader in a backlog.
pub(super) const GATHER_BYTES: i32 = 256 * 1024;
/// How long a gathering reader waits for the next wake-up before it takes
/// what is there and stops gathering: long enough for [`GATHER_BYTES`] to
/// arrive at the rate Mosquitto writes a backlog while sharing the
/// machine's cores with its reader (shorter tails ended gathering in
/// mid-drain). It is also the most a persistent session's first events
/// and SUBACKs wait after a connect that finds no backlog.
pub(super) const TAIL: Duration = Duration::from_millis(10);

/// The gathering state of one connection's socket.
pub(super) struct Gather {
    socket: RawFd,
    on: bool,
    tail: Pin<Box<Sleep>>,
}

impl Gather {
    /// Gathering for a connected `socket`, off. The socket must outlive
    /// this value.
    pub(super) fn new(socket: RawFd) -> Gather {
        Gather {
            socket,
            on: false,
            tail: Box::pin(tokio::time::sleep_until(Instant::now())),
        }
    }

    /// Starts gathering (at a persistent session's connect); the tail's
    /// clock starts now. Returns whether it started: false when it already
    /// had, or when the socket refuses the option.
    pub(super) fn start(&mut self) -> bool {
        if self.on || !self.set_low_water(GATHER_BYTES) {
            return false;
        }
        self.on = true;
        self.tail.as_mut().reset(Instant::now() + TAIL);
        true
    }

    /// Whether the reader is gathering now (then [`Gather::tail`] must be
    /// awaited beside the read).
    pub(super) fn on(&self) -> bool {
        self.on
    }

    /// While gathering, restarts the tail's clock: after each read, and
    /// after the reader was paused (a full queue under `Overflow::Wait`),
    /// since time spent not reading is no sign that the backlog ended.
    pub(super) fn restart_tail(&mut self) {
        if self.on {
            self.tail.as_mut().reset(Instant::now() + TAIL);
        }
    }

    /// Resolves when no wake-up came within [`TAIL`] of the start or of the
    /// last read.
    pub(super) async fn tail(&mut self) {
        self.tail.as_mut().await;
    }

    /// Ends gathering after its tail passed: back to waking for one byte.
    pub(super) fn end(&mut self) {
        self.on = false;
        // If this fails the socket is going away; the read reports it.
        self.set_low_water(1);
    }

    fn set_low_water(&self, bytes: i32) -> bool {
        // SAFETY: `socket` is an open socket (the connection that owns this
        // value holds it), and the option value is an i32 of the size given.
        let status = unsafe {
            libc::setsockopt(
                self.socket,
                libc::SOL_SOCKET,
                libc::SO_RCVLOWAT,
                (&bytes as *const i32).cast(),
                std::mem::size_of::<i32>() as libc::socklen_t,
            )
        };
        status == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;
    use tokio::net::{TcpListener, TcpStream};

    /// Runs `test` with a connected loopback socket's descriptor.
    fn with_socket(test: impl AsyncFnOnce(RawFd)) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let client = TcpStream::connect(listener.local_addr().unwrap())
                .await
                .unwrap();
            let _server = listener.accept().await.unwrap();
            test(client.as_raw_fd()).await;
        });
    }

    fn low_water(socket: RawFd) -> i32 {
        let mut value: i32 = 0;
        let mut size = std::mem::size_of::<i32>() as libc::socklen_t;
        // SAFETY: an open socket, and room for the i32 the option is.
        let status = unsafe {
            libc::getsockopt(
                socket,
                libc::SOL_SOCKET,
                libc::SO_RCVLOWAT,
                (&mut value as *mut i32).cast(),
                &mut size,
            )
        };
        assert_eq!(status, 0);
        value
    }

    #[test]
    fn a_start_sets_the_mark_once() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
            assert!(gather.start());
            assert!(gather.on());
            assert_eq!(low_water(socket), GATHER_BYTES);
            assert!(!gather.start(), "it starts once");
        });
    }

    #[test]
    fn the_tail_passes_after_its_time_from_the_start_and_the_end_resets_the_mark() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            let started = Instant::now();
            gather.start();
            gather.tail().await;
            assert!(started.elapsed() >= TAIL);
            gather.end();
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
        });
    }

    #[test]
    fn a_read_while_gathering_restarts_the_tails_clock() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            gather.start();
            tokio::time::sleep(TAIL / 2).await;
            let read_at = Instant::now();
            gather.restart_tail();
            gather.tail().await;
            assert!(read_at.elapsed() >= TAIL);
        });
    }

    #[test]
    fn reads_while_off_start_nothing() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            for _ in 0..4 {
                gather.restart_tail();
            }
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
        });
    }
}
