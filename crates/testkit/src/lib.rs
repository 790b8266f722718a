//! The integration-test harness: real external programs (a Mosquitto broker,
//! its clients, openssl), started on free loopback ports by the tests.
//!
//! A crate of its own (`jet-testkit`, never published) so that the tests of
//! every workspace member share it: each test file does
//! `use jet_testkit as support;` and, to drive C programs,
//! `use jet_testkit::c as c_support;`.
//! Missing programs are installed with apt-get when the tests run as root
//! (see `scripts/install-deps.sh` for the whole list); otherwise the test
//! panics and says what to install. Nothing is ever skipped.
#![allow(dead_code, unused_imports)]

mod broker;
pub mod c;
mod certs;
mod dirs;
mod proxy;
mod samples;
mod spawn;
mod threads;
mod tools;
mod usage;

pub use broker::{Broker, BrokerOptions, SubOutput, Subscriber, TlsMode};
pub use certs::TestCerts;
pub use dirs::{data_dir, free_port, scratch_dir, ScratchDir};
pub use proxy::Proxy;
pub use samples::{samples, Sample};
pub use threads::{libjet_threads, libjet_threads_left_after};
pub use tools::{ensure_tool, find_tool, output_text, run_ok};
pub use usage::{usage, Usage};
