//! A loopback TCP proxy that a test controls: it forwards every connection
//! to an upstream port and cuts all of them on demand, as a flapping link
//! would (the client sees its connection reset, the server a closed peer).

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// The proxy's state shared with its threads.
#[derive(Default)]
struct Shared {
    /// Both sockets of every connection forwarded now.
    open: Mutex<Vec<TcpStream>>,
    stopping: AtomicBool,
    accepted: AtomicUsize,
}

/// A running proxy; dropping it cuts every connection and stops it.
pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
    acceptor: Option<thread::JoinHandle<()>>,
}

impl Proxy {
    /// Listens on a free loopback port and forwards to `127.0.0.1:upstream`.
    pub fn start(upstream: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("proxy binds a loopback port");
        let port = listener.local_addr().expect("proxy address").port();
        let shared = Arc::new(Shared::default());
        let state = shared.clone();
        let acceptor = thread::spawn(move || accept_loop(listener, upstream, state));
        Proxy {
            port,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// The port clients connect to.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Connections accepted so far (each reconnect is one more).
    pub fn accepted(&self) -> usize {
        self.shared.accepted.load(Ordering::Acquire)
    }

    /// Cuts every connection now open; later connections are forwarded again.
    pub fn cut(&self) {
        let open = std::mem::take(&mut *self.shared.open.lock().unwrap());
        for stream in open {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::Release);
        self.cut();
        // Wakes the acceptor, which then sees `stopping`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn accept_loop(listener: TcpListener, upstream: u16, shared: Arc<Shared>) {
    for client in listener.incoming() {
        if shared.stopping.load(Ordering::Acquire) {
            return;
        }
        let Ok(client) = client else { continue };
        let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
            continue;
        };
        let _ = client.set_nodelay(true);
        let _ = server.set_nodelay(true);
        if let Err(e) = forward(client, server, &shared) {
            eprintln!("proxy: cannot forward a connection: {e}");
        }
        shared.accepted.fetch_add(1, Ordering::AcqRel);
    }
}

/// Copies both ways between `client` and `server` on two threads.
fn forward(client: TcpStream, server: TcpStream, shared: &Shared) -> io::Result<()> {
    {
        let mut open = shared.open.lock().unwrap();
        open.push(client.try_clone()?);
        open.push(server.try_clone()?);
    }
    let (client_in, server_in) = (client.try_clone()?, server.try_clone()?);
    thread::spawn(move || copy(client_in, server));
    thread::spawn(move || copy(server_in, client));
    Ok(())
}

/// Copies until either side ends, then shuts both down.
fn copy(mut from: TcpStream, mut to: TcpStream) {
    let mut buffer = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buffer[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
