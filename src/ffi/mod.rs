//! The C ABI: a thin skin over the Rust API, generated into `include/jet.h`.
//!
//! Conventions (see the header's preamble): `jet_` names, opaque handles,
//! `jet_status_t` results with `jet_last_error_message()`, a panic boundary on
//! every export, and every argument checked (NULL, UTF-8, range, size).

#![allow(non_camel_case_types)]

pub mod cancel;
pub mod event;
pub mod failure;
pub mod firewall;
pub mod inline_callbacks;
pub mod interfaces;
pub mod library;
pub mod log;
pub mod management;
pub mod notification;
pub mod service;
pub mod state;
pub mod status;
pub mod topic;

#[cfg(test)]
mod event_strings_tests;

pub use status::jet_status_t;
