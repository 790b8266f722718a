//! The one error type of libjet's Rust API.
//!
//! Every fallible function returns [`Result`]. Each [`ErrorKind`] maps to one
//! `jet_status_t` code in the C ABI, and the message travels with it, so a C
//! program sees the same words a Rust program would.

use std::fmt;

/// What went wrong, in the terms an application can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// An argument was refused: empty, malformed, out of range or too long.
    InvalidArgument,
    /// The peer could not be reached (connection refused, no route, DNS failure).
    Unreachable,
    /// The peer refused the credentials or the client's address.
    NotAuthorized,
    /// The operation did not finish in the time it was given.
    Timeout,
    /// The TLS handshake failed or the TLS settings could not be loaded.
    Tls,
    /// The session or subscription is closed, or libjet is shutting down.
    Closed,
    /// The peer broke the protocol or sent something libjet cannot use.
    Protocol,
    /// A blocking call was made from a thread where it would deadlock.
    WouldDeadlock,
    /// An input/output error other than the ones above.
    Io,
    /// The device refused the request (its status and message are kept).
    Refused,
    /// The device does not serve this service or call.
    Unimplemented,
    /// The thing already exists on the device (for example the client id).
    AlreadyExists,
    /// The thing does not exist on the device.
    NotFound,
    /// The call was cancelled through a [`crate::cancel::CancelToken`].
    Cancelled,
    /// Something that should not happen inside libjet.
    Internal,
}

/// An error with its kind and a message meant for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    grpc_code: Option<i32>,
    device_code: Option<i32>,
}

impl Error {
    /// Makes an error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            grpc_code: None,
            device_code: None,
        }
    }

    /// Keeps the gRPC status code of the failed call.
    pub fn with_grpc_code(mut self, code: i32) -> Self {
        self.grpc_code = Some(code);
        self
    }

    /// Keeps the device's own status or sub-code of the failed call.
    pub fn with_device_code(mut self, code: i32) -> Self {
        self.device_code = Some(code);
        self
    }

    /// The gRPC status code, when a gRPC call failed.
    pub fn grpc_code(&self) -> Option<i32> {
        self.grpc_code
    }

    /// The device's status or sub-code, when the device answered with a failure.
    pub fn device_code(&self) -> Option<i32> {
        self.device_code
    }

    /// Shorthand for an [`ErrorKind::InvalidArgument`] error.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// The kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of libjet's Rust API.
pub type Result<T> = std::result::Result<T, Error>;
