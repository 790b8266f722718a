//! `jet_sim`: a JET device (`jsd`'s request-response gRPC endpoint) in
//! both IDL generations, for libjet's tests and the future `jet sim`.
//! A crate of its own that depends on libjet, so it is never in the shipped
//! library whatever is built beside it.
//!
//! - [`GrpcServer`] says what to simulate; [`GrpcServer::serve`] (or
//!   [`RunningServer::start`]) starts it on its own thread and tokio runtime
//!   and returns once the port accepts connections.
//! - [`DeviceState`] is the device: users, connections and logins,
//!   interfaces and addresses, filters, binds, policers, counters, the purge
//!   timer, op commands and configs run. Every change is a [`Change`] that
//!   goes through [`DeviceState::apply`] and is shown to the observer.
//! - [`Recorder`] keeps every request (method path + protobuf bytes).
//! - [`Device`] is the whole device from one [`DeviceOptions`]: the gRPC
//!   server, an MQTT broker ([`MqttBroker`]) and the events a device
//!   publishes for each change ([`DeviceEvents`]), plus [`script`] replay
//!   and synthetic events at a [`Rate`].
//!
//! Logins belong to TCP connections (the HTTP/2 connection of a gRPC
//! channel): a call on a connection that has not logged in answers gRPC
//! `Unauthenticated` (unless `skip_authentication`), and a connection's
//! client id is freed when it closes.

mod apply;
mod change;
mod config_text;
mod conn;
mod ctx;
mod device;
mod error;
pub mod events;
mod jnx;
mod legacy;
pub mod methods;
mod model;
pub mod mqtt;
mod ops;
mod options;
mod prefix;
pub mod purge;
mod rate;
mod recorder;
mod say;
pub mod script;
mod server;
mod state;

pub use change::{Change, Observer};
pub use ctx::NOT_LOGGED_IN;
pub use device::{Device, DeviceOptions, DEFAULT_GRPC_PORT, DEFAULT_MQTT_PORT};
pub use error::{DeviceError, Field};
pub use events::{DeviceEvents, EventMessage};
pub use model::{
    default_interfaces, Address, AddressFamily, Bind, BindPoint, ConfigFormat, ConfigRecord,
    Connection, Counter, CounterKind, DeviceModel, Direction, Filter, FilterFamily, FilterSpec,
    Generation, Interface, LoadType, Login, OpCommand, OpRecord, OutputFormat, Policer,
    PolicerKind, PolicerScope, PolicerUse, Position, Term, TermChange, PURGE_TIMER_DEFAULT,
    PURGE_TIMER_MAX, PURGE_TIMER_MIN,
};
pub use mqtt::{BrokerOptions, BrokerStats, ClientPrefix, MqttBroker, PublishQueue, Publisher};
pub use ops::{CHUNK_BYTES, HOST_NAME, JUNOS_VERSION, MODEL};
pub use options::{Apis, GrpcServer, TlsFiles, DEFAULT_PASSWORD, DEFAULT_USER};
pub use rate::{synthetic_event, Rate};
pub use recorder::{RecordedRequest, Recorder};
pub use script::{Script, ScriptLine};
pub use server::RunningServer;
pub use state::{DeviceState, TICK_BYTES, TICK_PACKETS};
