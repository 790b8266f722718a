//! The operational commands the simulated device knows, their output in
//! each format, and how a reply is cut into stream chunks.

use super::error::{DeviceError, Field};
use super::model::{DeviceModel, OpCommand, OutputFormat};
use serde_json::{json, Value};

/// The simulated device's host name.
pub const HOST_NAME: &str = "jet-sim";
/// The simulated device's model.
pub const MODEL: &str = "vmx";
/// The Junos release the simulator reports.
pub const JUNOS_VERSION: &str = "24.2R1.17";

/// The commands the simulator answers (CLI form, XML RPC form).
const COMMANDS: [(&str, &str, Known); 3] = [
    ("show version", "get-software-information", Known::Version),
    (
        "show interfaces terse",
        "get-interface-information",
        Known::InterfacesTerse,
    ),
    ("show firewall", "get-firewall-information", Known::Firewall),
];

#[derive(Clone, Copy)]
enum Known {
    Version,
    InterfacesTerse,
    Firewall,
}

fn lookup(command: &OpCommand) -> Result<Known, DeviceError> {
    let text = command.text().trim();
    if text.is_empty() {
        return Err(DeviceError::Missing(Field::Command));
    }
    let found = match command {
        OpCommand::Cli(cli) => {
            let words: Vec<&str> = cli.split_whitespace().collect();
            let cli = words.join(" ");
            COMMANDS.iter().find(|(c, _, _)| *c == cli)
        }
        // An XML RPC `<get-software-information/>` or a JSON RPC
        // `{"get-software-information": {}}`: matched by the RPC name.
        OpCommand::Xml(rpc) | OpCommand::Json(rpc) => {
            COMMANDS.iter().find(|(_, r, _)| rpc_name(rpc) == Some(r))
        }
    };
    match found {
        Some((_, _, known)) => Ok(*known),
        None => Err(DeviceError::UnknownCommand(first_word(text).to_string())),
    }
}

fn rpc_name(text: &str) -> Option<&str> {
    let start = text.find(|c: char| c.is_ascii_alphabetic())?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or(text)
}

/// The output of `command` in `format`, from the device's current model.
pub fn run(
    command: &OpCommand,
    format: OutputFormat,
    model: &DeviceModel,
) -> Result<String, DeviceError> {
    let host_name = model.host_name();
    Ok(match (lookup(command)?, format) {
        (Known::Version, OutputFormat::Cli) => format!(
            "Hostname: {host_name}\nModel: {MODEL}\nJunos: {JUNOS_VERSION}\n\
             JUNOS OS Kernel 64-bit  [simulated by libjet]\n\
             JUNOS Extension Toolkit [{JUNOS_VERSION}]\n"
        ),
        (Known::Version, OutputFormat::Xml) => format!(
            "<software-information>\n<host-name>{host_name}</host-name>\n\
             <product-model>{MODEL}</product-model>\n<product-name>{MODEL}</product-name>\n\
             <junos-version>{JUNOS_VERSION}</junos-version>\n</software-information>\n"
        ),
        (Known::Version, OutputFormat::Json) => pretty(json!({
            "software-information": [{
                "host-name": data(host_name),
                "product-model": data(MODEL),
                "product-name": data(MODEL),
                "junos-version": data(JUNOS_VERSION),
            }]
        })),
        (Known::InterfacesTerse, format) => interfaces_terse(model, format),
        (Known::Firewall, format) => firewall(model, format),
    })
}

/// Junos JSON wraps every leaf as `[{"data": …}]`.
fn data(value: impl Into<Value>) -> Value {
    json!([{ "data": value.into() }])
}

fn pretty(value: Value) -> String {
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values serialize");
    text.push('\n');
    text
}

fn interfaces_terse(model: &DeviceModel, format: OutputFormat) -> String {
    fn addresses_of<'m>(
        model: &'m DeviceModel,
        ifd: &'m str,
        unit: u32,
    ) -> impl Iterator<Item = &'m super::model::Address> + 'm {
        model
            .addresses
            .iter()
            .filter(move |a| a.ifd == ifd && a.unit == unit)
    }
    match format {
        OutputFormat::Cli => {
            let mut out = format!(
                "{:<24}{:<6}{:<5}{:<9}{:<22}Remote\n",
                "Interface", "Admin", "Link", "Proto", "Local"
            );
            for interface in model.interfaces.values() {
                out += &format!("{:<24}{:<6}up\n", interface.name, "up");
                for unit in &interface.units {
                    let ifl = format!("{}.{unit}", interface.name);
                    let mut first = true;
                    for address in addresses_of(model, &interface.name, *unit) {
                        let name = if first { ifl.as_str() } else { "" };
                        out += &format!(
                            "{name:<24}{:<6}{:<5}{:<9}{}\n",
                            if first { "up" } else { "" },
                            if first { "up" } else { "" },
                            address.family.name(),
                            address.prefix
                        );
                        first = false;
                    }
                    if first {
                        out += &format!("{ifl:<24}{:<6}up\n", "up");
                    }
                }
            }
            out
        }
        OutputFormat::Xml => {
            let mut out = String::from("<interface-information>\n");
            for interface in model.interfaces.values() {
                out += &format!(
                    "<physical-interface>\n<name>{}</name>\n<admin-status>up</admin-status>\n\
                     <oper-status>up</oper-status>\n",
                    interface.name
                );
                for unit in &interface.units {
                    out += &format!(
                        "<logical-interface>\n<name>{}.{unit}</name>\n",
                        interface.name
                    );
                    for address in addresses_of(model, &interface.name, *unit) {
                        out += &format!(
                            "<address-family>\n<address-family-name>{}</address-family-name>\n\
                             <interface-address>\n<ifa-local>{}</ifa-local>\n\
                             </interface-address>\n</address-family>\n",
                            address.family.name(),
                            address.prefix
                        );
                    }
                    out += "</logical-interface>\n";
                }
                out += "</physical-interface>\n";
            }
            out + "</interface-information>\n"
        }
        OutputFormat::Json => {
            let physical: Vec<Value> = model
                .interfaces
                .values()
                .map(|interface| {
                    let logical: Vec<Value> = interface
                        .units
                        .iter()
                        .map(|unit| {
                            let families: Vec<Value> = addresses_of(model, &interface.name, *unit)
                                .map(|a| {
                                    json!({
                                        "address-family-name": data(a.family.name()),
                                        "interface-address": [{ "ifa-local": data(a.prefix.clone()) }],
                                    })
                                })
                                .collect();
                            json!({
                                "name": data(format!("{}.{unit}", interface.name)),
                                "address-family": families,
                            })
                        })
                        .collect();
                    json!({
                        "name": data(interface.name.clone()),
                        "admin-status": data("up"),
                        "oper-status": data("up"),
                        "logical-interface": logical,
                    })
                })
                .collect();
            pretty(json!({ "interface-information": [{ "physical-interface": physical }] }))
        }
    }
}

fn firewall(model: &DeviceModel, format: OutputFormat) -> String {
    match format {
        OutputFormat::Cli => {
            let mut out = String::new();
            for filter in model.filters.values() {
                out += &format!("\nFilter: {}\n", filter.name);
                if !filter.counters.is_empty() {
                    out += &format!(
                        "Counters:\n{:<48}{:>20}{:>20}\n",
                        "Name", "Bytes", "Packets"
                    );
                    for c in &filter.counters {
                        out += &format!("{:<48}{:>20}{:>20}\n", c.name, c.bytes, c.packets);
                    }
                }
                if !filter.policer_counters.is_empty() {
                    out += &format!(
                        "Policers:\n{:<48}{:>20}{:>20}\n",
                        "Name", "Bytes", "Packets"
                    );
                    for c in &filter.policer_counters {
                        out += &format!("{:<48}{:>20}{:>20}\n", c.name, c.bytes, c.packets);
                    }
                }
            }
            out
        }
        OutputFormat::Xml => {
            let mut out = String::from("<firewall-information>\n");
            for filter in model.filters.values() {
                out += &format!(
                    "<filter-information>\n<filter-name>{}</filter-name>\n",
                    filter.name
                );
                for c in &filter.counters {
                    out += &format!(
                        "<counter>\n<counter-name>{}</counter-name>\n<byte-count>{}</byte-count>\n\
                         <packet-count>{}</packet-count>\n</counter>\n",
                        c.name, c.bytes, c.packets
                    );
                }
                for c in &filter.policer_counters {
                    out += &format!(
                        "<policer>\n<policer-name>{}</policer-name>\n<byte-count>{}</byte-count>\n\
                         <packet-count>{}</packet-count>\n</policer>\n",
                        c.name, c.bytes, c.packets
                    );
                }
                out += "</filter-information>\n";
            }
            out + "</firewall-information>\n"
        }
        OutputFormat::Json => {
            let filters: Vec<Value> = model
                .filters
                .values()
                .map(|filter| {
                    let counters: Vec<Value> = filter
                        .counters
                        .iter()
                        .map(|c| {
                            json!({
                                "counter-name": data(c.name.clone()),
                                "byte-count": data(c.bytes.to_string()),
                                "packet-count": data(c.packets.to_string()),
                            })
                        })
                        .collect();
                    json!({ "filter-name": data(filter.name.clone()), "counter": counters })
                })
                .collect();
            pretty(json!({ "firewall-information": [{ "filter-information": filters }] }))
        }
    }
}

/// The most bytes one stream message carries.
pub const CHUNK_BYTES: usize = 256;

/// Cuts a reply into stream chunks: always at least two, so that clients
/// must gather them; never inside a UTF-8 character.
pub fn chunks(text: &str) -> Vec<String> {
    let wanted = text.len().div_ceil(CHUNK_BYTES).max(2);
    let size = text.len().div_ceil(wanted).max(1);
    let mut out = Vec::with_capacity(wanted);
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    while out.len() < 2 {
        out.push(String::new());
    }
    out
}

/// Runs `command` on the device as either generation's RPC does: records it
/// ([`super::Change::OpCommand`]) and returns the output cut into chunks.
pub(crate) fn execute(
    state: &super::DeviceState,
    command: OpCommand,
    format: OutputFormat,
    generation: super::model::Generation,
) -> Result<Vec<String>, DeviceError> {
    let output = state.read(|model| run(&command, format, model));
    let _ = state.apply(super::Change::OpCommand(super::model::OpRecord {
        known: output.is_ok(),
        command,
        format,
        generation,
    }));
    output.map(|text| chunks(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_at_least_two_and_join_back() {
        for text in ["", "x", "hello", &"é".repeat(700), &"a".repeat(1000)] {
            let parts = chunks(text);
            assert!(
                parts.len() >= 2,
                "{} parts for {} bytes",
                parts.len(),
                text.len()
            );
            assert_eq!(parts.concat(), text);
            assert!(parts.iter().all(|p| p.len() <= CHUNK_BYTES + 3));
        }
    }

    fn is_known(command: &OpCommand) -> bool {
        lookup(command).is_ok()
    }

    #[test]
    fn commands_are_found_in_every_form() {
        assert!(is_known(&OpCommand::Cli("show  version ".into())));
        assert!(is_known(&OpCommand::Xml(
            "<get-software-information/>".into()
        )));
        assert!(is_known(&OpCommand::Json(
            "{\"get-interface-information\": {}}".into()
        )));
        assert!(!is_known(&OpCommand::Cli("show bogus".into())));
        assert!(!is_known(&OpCommand::Cli("".into())));
    }
}
