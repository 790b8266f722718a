//! `jet iface add|delete IFL FAMILY ADDRESS/LEN`: interface addresses.

use super::args::{api_note, FamilyArg, ServiceArgs};
use super::exit::{Context, Failure};
use super::output;
use clap::{Args, Subcommand};
use jet::service::interfaces::InterfaceAddress;
use jet::service::Service;

/// `jet iface`.
#[derive(Debug, Clone, Subcommand)]
pub enum IfaceCmd {
    /// Add an address to a logical interface
    #[command(after_help = "\
Example:
  jet iface add ge-0/0/0.0 inet 192.0.2.1/24 --device r1 --user lab --ca ca.pem
  jet iface add xe-0/0/1.100 inet6 2001:db8::1/64 --device r1 --clear-text")]
    Add(AddressArgs),
    /// Delete an address from a logical interface
    #[command(after_help = "\
Example:
  jet iface delete ge-0/0/0.0 inet 192.0.2.1/24 --device r1 --user lab --ca ca.pem")]
    Delete(AddressArgs),
}

/// The address and the connection.
#[derive(Debug, Clone, Args)]
pub struct AddressArgs {
    /// The logical interface, e.g. ge-0/0/0.0
    #[arg(value_name = "IFL")]
    pub ifl: String,
    /// The address family
    #[arg(value_enum, value_name = "FAMILY")]
    pub family: FamilyArg,
    /// The address and its prefix length, e.g. 192.0.2.1/24
    #[arg(value_name = "ADDRESS/LEN")]
    pub address: String,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// Runs `jet iface …`.
pub fn run(cmd: &IfaceCmd) -> Result<(), Failure> {
    let (what, args, add) = match cmd {
        IfaceCmd::Add(args) => ("iface add", args, true),
        IfaceCmd::Delete(args) => ("iface delete", args, false),
    };
    let address =
        InterfaceAddress::parse(&args.ifl, args.family.name(), &args.address).context(what)?;
    let session = args.connection.open(what)?;
    let interfaces = session.interfaces();
    let done = if add {
        interfaces.add_address(&address).context(what)?;
        "added"
    } else {
        interfaces.delete_address(&address).context(what)?;
        "deleted"
    };
    output::say(&format!(
        "{done} address {address}{}",
        api_note(&session, Service::Interfaces)
    ));
    Ok(())
}
