//! gRPC failures as libjet errors, keeping the gRPC code and message.

use crate::error::{Error, ErrorKind};
use tonic::{Code, Status};

/// libjet's own error inside a gRPC failure (from the connector), if any.
fn connect_error(status: &Status) -> Option<Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(status);
    while let Some(error) = source {
        if let Some(ours) = error.downcast_ref::<Error>() {
            return Some(ours.clone());
        }
        source = error.source();
    }
    None
}

/// Maps a failed call `what` to a libjet error.
pub(crate) fn from_status(what: &str, status: &Status) -> Error {
    let code = status.code() as i32;
    if let Some(error) = connect_error(status) {
        return Error::new(error.kind(), format!("{what}: {}", error.message()))
            .with_grpc_code(code);
    }
    let message = status.message();
    // A connection that broke under a call surfaces as UNKNOWN "transport error".
    let transport = status.code() == Code::Unknown && message.contains("transport error");
    let kind = match status.code() {
        Code::Unavailable => ErrorKind::Unreachable,
        Code::Unknown if transport => ErrorKind::Unreachable,
        Code::DeadlineExceeded => ErrorKind::Timeout,
        // tonic cancels a call whose connection went away.
        Code::Cancelled => ErrorKind::Unreachable,
        Code::Unimplemented => ErrorKind::Unimplemented,
        Code::Unauthenticated | Code::PermissionDenied => ErrorKind::NotAuthorized,
        Code::AlreadyExists => ErrorKind::AlreadyExists,
        Code::NotFound => ErrorKind::NotFound,
        Code::InvalidArgument if message.contains("already exists") => ErrorKind::AlreadyExists,
        _ => ErrorKind::Refused,
    };
    let text = if message.is_empty() {
        format!("{what}: {:?}", status.code())
    } else {
        format!("{what}: {message} ({:?})", status.code())
    };
    Error::new(kind, text).with_grpc_code(code)
}

/// A device's answer that says it refused the request, with its own code.
pub(crate) fn refused(what: &str, device_code: i32, message: &str) -> Error {
    let text = if message.is_empty() {
        format!("{what}: the device refused it (code {device_code})")
    } else {
        format!("{what}: {message} (code {device_code})")
    };
    Error::new(ErrorKind::Refused, text).with_device_code(device_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds_and_are_kept() {
        let cases = [
            (Status::unavailable("down"), ErrorKind::Unreachable),
            (Status::deadline_exceeded("slow"), ErrorKind::Timeout),
            (Status::unimplemented(""), ErrorKind::Unimplemented),
            (Status::unauthenticated("who"), ErrorKind::NotAuthorized),
            (
                Status::invalid_argument("JGrpcServer: Client Id app already exists"),
                ErrorKind::AlreadyExists,
            ),
            (Status::invalid_argument("bad term"), ErrorKind::Refused),
            (Status::not_found("no filter"), ErrorKind::NotFound),
            (Status::unknown("transport error"), ErrorKind::Unreachable),
            (Status::unknown("something else"), ErrorKind::Refused),
        ];
        for (status, kind) in cases {
            let error = from_status("call", &status);
            assert_eq!(error.kind(), kind, "{status:?}");
            assert_eq!(error.grpc_code(), Some(status.code() as i32));
            assert!(error.message().contains(status.message()));
        }
    }

    #[test]
    fn a_refusal_keeps_the_device_code() {
        let error = refused("filter add", 3, "unsupported");
        assert_eq!(error.kind(), ErrorKind::Refused);
        assert_eq!(error.device_code(), Some(3));
    }
}
