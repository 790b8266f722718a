//! Read gathering while the broker sends the backlog a connect finds.
//!
//! When a session (re)connects to a backlog (a persistent session's events
//! kept through an outage), Mosquitto writes it one packet at a time, and a
//! reader that takes each packet the moment it lands makes every one of
//! those writes wake it: the wake-ups and the small segments cost the broker
//! more CPU than the reads save. So while that backlog lasts, the socket's
//! receive low-water mark (`SO_RCVLOWAT`) asks the kernel to wake the reader
//! only once [`GATHER_BYTES`] are waiting.
//!
//! Gathering starts at the second read in a row of [`LARGE_READ`] or more
//! within [`ARMED`] of the connect. When no wake-up comes within [`TAIL`] of
//! the last read, the backlog is over: the mark goes back to one byte (the
//! kernel then wakes the reader at once for what is left), and this
//! connection does not gather again. A live stream is never gathered, not
//! even a burst or a moment of falling behind: there every event's latency
//! counts, and a gathering reader would make the events before the mark
//! wait up to `TAIL`.

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
/// mid-drain).
pub(super) const TAIL: Duration = Duration::from_millis(10);
/// How long after the connect a backlog may start gathering (Mosquitto
/// sends a session's backlog right after its CONNACK).
pub(super) const ARMED: Duration = Duration::from_millis(250);
/// Large reads in a row that start gathering.
const LARGE_READS: u32 = 2;
/// A read of this much is large (or of half the free buffer, when that is
/// less): half of the network task's usual 64 KiB read.
const LARGE_READ: usize = 32 * 1024;

/// The gathering state of one connection's socket.
pub(super) struct Gather {
    socket: RawFd,
    on: bool,
    /// Large reads in a row while off.
    large_reads: u32,
    /// Until when gathering may start on this connection (the end of
    /// gathering moves it to then).
    armed_until: Instant,
    tail: Pin<Box<Sleep>>,
}

impl Gather {
    /// Gathering for a `socket` connected now, off. The socket must outlive
    /// this value.
    pub(super) fn new(socket: RawFd) -> Gather {
        let now = Instant::now();
        Gather {
            socket,
            on: false,
            large_reads: 0,
            armed_until: now + ARMED,
            tail: Box::pin(tokio::time::sleep_until(now)),
        }
    }

    /// Whether the reader is gathering now (then [`Gather::tail`] must be
    /// awaited beside the read).
    pub(super) fn on(&self) -> bool {
        self.on
    }

    /// Notes a read of `bytes` into a buffer that had `free` bytes: the
    /// second large read in a row starts gathering (while the connection is
    /// armed), and every read while gathering restarts the tail's clock.
    /// Returns whether this read started gathering.
    pub(super) fn after_read(&mut self, bytes: usize, free: usize) -> bool {
        let now = Instant::now();
        if self.on {
            self.tail.as_mut().reset(now + TAIL);
            return false;
        }
        if now >= self.armed_until {
            return false;
        }
        if bytes < LARGE_READ.min(free / 2) {
            self.large_reads = 0;
            return false;
        }
        self.large_reads += 1;
        if self.large_reads < LARGE_READS || !self.set_low_water(GATHER_BYTES) {
            return false;
        }
        self.on = true;
        self.tail.as_mut().reset(now + TAIL);
        true
    }

    /// Restarts the tail's clock after the reader was paused (a full queue
    /// under `Overflow::Wait`): time spent not reading is no sign that the
    /// backlog ended.
    pub(super) fn resume(&mut self) {
        if self.on {
            self.tail.as_mut().reset(Instant::now() + TAIL);
        }
    }

    /// Resolves when no wake-up came within [`TAIL`] of the last read.
    pub(super) async fn tail(&mut self) {
        self.tail.as_mut().await;
    }

    /// Ends gathering after its tail passed: back to waking for one byte,
    /// for the rest of the connection.
    pub(super) fn end(&mut self) {
        self.on = false;
        self.armed_until = Instant::now();
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

    const FREE: usize = 64 * 1024;

    #[test]
    fn the_second_large_read_in_a_row_starts_gathering() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            assert!(!gather.after_read(FREE / 2, FREE));
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
            assert!(gather.after_read(FREE, FREE));
            assert!(gather.on());
            assert_eq!(low_water(socket), GATHER_BYTES);
            assert!(!gather.after_read(FREE, FREE), "it starts once");
        });
    }

    #[test]
    fn a_small_read_between_large_ones_starts_nothing() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            for _ in 0..10 {
                assert!(!gather.after_read(FREE, FREE));
                assert!(!gather.after_read(LARGE_READ - 1, FREE));
            }
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
        });
    }

    #[test]
    fn the_tail_passes_after_its_time_and_the_end_is_for_the_connection() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            gather.after_read(FREE, FREE);
            let started = Instant::now();
            gather.after_read(FREE, FREE);
            gather.tail().await;
            assert!(started.elapsed() >= TAIL);
            gather.end();
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
            for _ in 0..4 {
                assert!(!gather.after_read(FREE, FREE), "gathering is over");
            }
            assert_eq!(low_water(socket), 1);
        });
    }

    #[test]
    fn large_reads_later_than_the_armed_time_start_nothing() {
        with_socket(async |socket| {
            let mut gather = Gather::new(socket);
            gather.armed_until = Instant::now();
            for _ in 0..4 {
                assert!(!gather.after_read(FREE, FREE));
            }
            assert!(!gather.on());
            assert_eq!(low_water(socket), 1);
        });
    }
}
