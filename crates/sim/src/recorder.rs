//! [`Recorder`]: every request the server received, in order, as its method
//! path and its protobuf encoding, so that tests can decode exactly what the
//! client put on the wire.

use prost::Message;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

/// One request as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The full gRPC method path, e.g. `/acl.AclService/AccessListAdd`.
    pub method: String,
    /// The request message, encoded again with prost (unknown fields are not
    /// kept).
    pub body: Vec<u8>,
    /// The client's address.
    pub peer: Option<SocketAddr>,
}

impl RecordedRequest {
    /// Decodes the body as `M`.
    pub fn decode<M: Message + Default>(&self) -> Result<M, prost::DecodeError> {
        M::decode(self.body.as_slice())
    }
}

/// The request log of a server (cheap to clone; clones share the log).
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    log: Arc<Mutex<Vec<RecordedRequest>>>,
}

impl Recorder {
    /// An empty log.
    pub fn new() -> Recorder {
        Recorder::default()
    }

    /// Appends a request.
    pub fn record(&self, method: &str, message: &impl Message, peer: Option<SocketAddr>) {
        self.lock().push(RecordedRequest {
            method: method.to_string(),
            body: message.encode_to_vec(),
            peer,
        });
    }

    fn lock(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of every request so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().clone()
    }

    /// Every request so far; the log is empty afterwards.
    pub fn take(&self) -> Vec<RecordedRequest> {
        std::mem::take(&mut *self.lock())
    }

    /// Empties the log.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The method paths so far, in order.
    pub fn methods(&self) -> Vec<String> {
        self.lock().iter().map(|r| r.method.clone()).collect()
    }

    /// How many requests to `method` so far.
    pub fn count(&self, method: &str) -> usize {
        self.lock().iter().filter(|r| r.method == method).count()
    }

    /// The last request to `method`, decoded as `M`.
    ///
    /// # Panics
    /// When the body does not decode as `M` (wrong type for the method).
    pub fn last<M: Message + Default>(&self, method: &str) -> Option<M> {
        let log = self.lock();
        let found = log.iter().rev().find(|r| r.method == method)?;
        Some(decode_or_panic(found))
    }

    /// Every request to `method`, decoded as `M`, in order.
    ///
    /// # Panics
    /// When a body does not decode as `M`.
    pub fn all<M: Message + Default>(&self, method: &str) -> Vec<M> {
        self.lock()
            .iter()
            .filter(|r| r.method == method)
            .map(decode_or_panic)
            .collect()
    }
}

fn decode_or_panic<M: Message + Default>(request: &RecordedRequest) -> M {
    request.decode().unwrap_or_else(|e| {
        panic!(
            "the recorded {} request does not decode as {}: {e}",
            request.method,
            std::any::type_name::<M>()
        )
    })
}
