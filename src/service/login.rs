//! The JET login, in either generation.

use super::options::Generation;
use super::status::from_status;
use crate::error::{Error, ErrorKind, Result};
use crate::proto::jnx::authentication as jnx;
use crate::proto::jnx::common::StatusCode;
use crate::proto::legacy::authentication as legacy;
use tonic::transport::Channel;

/// Logs `user` in as client `client_id`.
pub(crate) async fn login(
    channel: Channel,
    generation: Generation,
    user: &str,
    password: &str,
    client_id: &str,
) -> Result<()> {
    match generation {
        Generation::Legacy => {
            let request = legacy::LoginRequest {
                user_name: user.into(),
                password: password.into(),
                client_id: client_id.into(),
                group_id: String::new(),
            };
            let reply = legacy::login_client::LoginClient::new(channel)
                .login_check(request)
                .await
                .map_err(|s| refine(from_status("login", &s), client_id))?
                .into_inner();
            if reply.result {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorKind::NotAuthorized,
                    format!("login: the device refused user {user}"),
                ))
            }
        }
        Generation::Jnx => {
            let request = jnx::LoginRequest {
                username: user.into(),
                password: password.into(),
                client_id: client_id.into(),
                group_id: String::new(),
            };
            let reply = jnx::authentication_client::AuthenticationClient::new(channel)
                .login(request)
                .await
                .map_err(|s| refine(from_status("login", &s), client_id))?
                .into_inner();
            let status = reply.status.unwrap_or_default();
            if status.code == StatusCode::Success as i32 {
                Ok(())
            } else {
                let error = Error::new(
                    ErrorKind::NotAuthorized,
                    format!("login: {}", status.message),
                );
                Err(refine(error.with_device_code(status.code), client_id))
            }
        }
    }
}

/// A refused login whose message says the client id is taken becomes
/// `AlreadyExists` with a message saying so; a connection that broke at the
/// first call says what is likely wrong with the port.
fn refine(error: Error, client_id: &str) -> Error {
    if error.kind() == ErrorKind::Unreachable && error.message().contains("transport error") {
        return with_text(
            &error,
            ErrorKind::Unreachable,
            format!(
                "{} (the port took the connection but did not answer in gRPC: is it the \
                 device's MQTT port, or does the device expect TLS? JET services listen on \
                 port 32767 by default)",
                error.message()
            ),
        );
    }
    let taken =
        error.message().contains("already exists") || error.kind() == ErrorKind::AlreadyExists;
    if !taken {
        return error;
    }
    with_text(
        &error,
        ErrorKind::AlreadyExists,
        format!(
            "login: client id '{client_id}' is already in use on the device ({})",
            error.message()
        ),
    )
}

/// `error` with another kind and text, keeping its gRPC and device codes.
fn with_text(error: &Error, kind: ErrorKind, text: String) -> Error {
    let mut refined = Error::new(kind, text);
    if let Some(code) = error.grpc_code() {
        refined = refined.with_grpc_code(code);
    }
    if let Some(code) = error.device_code() {
        refined = refined.with_device_code(code);
    }
    refined
}
