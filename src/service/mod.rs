//! The request-response half: a session with the device's JET services over
//! gRPC, in either IDL generation, with Rust-native types.
//!
//! One API, two wire backends: each service converts its native types to the
//! `jnx.jet.*` IDL (Junos 19.3+) or the legacy IDL (17.x–19.2), and the
//! session picks the generation per service ([`Api::Auto`] finds out from the
//! device's `UNIMPLEMENTED` answers and remembers it).

mod connector;
pub mod firewall;
pub mod interfaces;
mod login;
pub mod management;
mod options;
mod session;
mod state;
pub(crate) mod status;

pub use options::{Api, Generation, ServiceOptions, MAX_SERVICE_CLIENT_ID_LEN};
pub use session::{Service, ServiceSession};
pub use state::{StateCallback, StateFailure, StateMode, StateObject, StateReport};
