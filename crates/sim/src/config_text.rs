//! What the simulated device checks in a configuration it loads, and the one
//! setting it acts on, `system host-name`.
//!
//! The checks are the ones a program meets first on a real device: `set`
//! lines must start with a configuration command, JSON must be JSON, XML
//! must be an element, and braces must pair. The device does not validate
//! the configuration's schema (a real one does): anything well formed loads.

use crate::model::{ConfigFormat, LoadType};
use serde_json::Value;

/// The commands a line of a `load set` may start with.
const SET_COMMANDS: [&str; 14] = [
    "set",
    "delete",
    "activate",
    "deactivate",
    "annotate",
    "insert",
    "rename",
    "copy",
    "protect",
    "unprotect",
    "edit",
    "up",
    "top",
    "exit",
];

/// Checks `text` as a configuration in `format` loaded with `load_type`;
/// the error is the device's message (`syntax error: …`).
pub fn check(format: ConfigFormat, load_type: LoadType, text: &str) -> Result<(), String> {
    if let Some(line) = text.lines().find(|l| l.contains("invalid")) {
        // The tests' way of asking for a refusal.
        return Err(format!("syntax error: {}", line.trim()));
    }
    if let Some(lines) = set_commands(format, load_type, text) {
        return match meaningful_lines(&lines)
            .find(|line| !SET_COMMANDS.contains(&line.split_whitespace().next().unwrap_or("")))
        {
            Some(line) => Err(format!("syntax error: {line}")),
            None => Ok(()),
        };
    }
    match format {
        ConfigFormat::Json => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(_)) => Ok(()),
            Ok(_) => Err("syntax error: a JSON configuration must be an object".into()),
            Err(e) => Err(format!("syntax error: the configuration is not JSON: {e}")),
        },
        ConfigFormat::Xml => {
            let trimmed = text.trim();
            if trimmed.starts_with('<') && trimmed.ends_with('>') {
                Ok(())
            } else {
                Err(
                    "syntax error: an XML configuration must be an element (<configuration>…)"
                        .into(),
                )
            }
        }
        ConfigFormat::Text => check_braces(text),
    }
}

/// The `set` commands of a `load set`: plain text, or the XML form
/// `<configuration-set>…</configuration-set>` that mgd takes (and libjet
/// sends); `None` for any other configuration.
fn set_commands(format: ConfigFormat, load_type: LoadType, text: &str) -> Option<String> {
    const OPEN: &str = "<configuration-set>";
    const CLOSE: &str = "</configuration-set>";
    match format {
        ConfigFormat::Text if load_type == LoadType::Set => Some(text.to_string()),
        ConfigFormat::Xml => {
            let inner = text.trim().strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
            Some(
                inner
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        }
        _ => None,
    }
}

/// The host name a configuration sets, if it sets one.
pub fn host_name(format: ConfigFormat, load_type: LoadType, text: &str) -> Option<String> {
    let set_text = set_commands(format, load_type, text);
    let format = if set_text.is_some() {
        ConfigFormat::Text
    } else {
        format
    };
    let text = set_text.as_deref().unwrap_or(text);
    match format {
        ConfigFormat::Json => {
            let value: Value = serde_json::from_str(text).ok()?;
            let config = value.get("configuration").unwrap_or(&value);
            Some(
                config
                    .get("system")?
                    .get("host-name")?
                    .as_str()?
                    .to_string(),
            )
        }
        ConfigFormat::Xml => {
            let start = text.find("<host-name>")? + "<host-name>".len();
            let end = text[start..].find("</host-name>")? + start;
            Some(text[start..end].trim().to_string())
        }
        ConfigFormat::Text => meaningful_lines(text).rev().find_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["set", "system", "host-name", name] => Some(name.to_string()),
                ["host-name", name] => Some(name.trim_end_matches(';').to_string()),
                _ => None,
            }
        }),
    }
    .filter(|name| !name.is_empty())
}

/// Lines with something on them other than a comment.
fn meaningful_lines(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#') && !line.starts_with("/*"))
}

/// Curly-brace text: every `{` closed, none closed twice.
fn check_braces(text: &str) -> Result<(), String> {
    let mut depth = 0i64;
    for line in meaningful_lines(text) {
        if line.starts_with("set ") {
            return Err(format!(
                "syntax error: {line} (set commands load with the set format)"
            ));
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return Err(format!("syntax error: unexpected '}}' in {line}"));
            }
        }
    }
    if depth != 0 {
        return Err("syntax error: missing '}' at the end of the configuration".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_lines_must_start_with_a_command() {
        let good = "set system host-name r1\n# a comment\ndelete interfaces ge-0/0/1\n";
        assert_eq!(check(ConfigFormat::Text, LoadType::Set, good), Ok(()));
        assert_eq!(
            check(ConfigFormat::Text, LoadType::Set, "sett system host-name x"),
            Err("syntax error: sett system host-name x".into())
        );
        let as_xml = "<configuration-set>sett system host-name x</configuration-set>";
        assert_eq!(
            check(ConfigFormat::Xml, LoadType::Set, as_xml),
            Err("syntax error: sett system host-name x".into())
        );
    }

    #[test]
    fn json_and_xml_must_be_what_they_say() {
        let xml = "<configuration><system><host-name>r1</host-name></system></configuration>";
        assert!(check(ConfigFormat::Json, LoadType::Merge, xml)
            .unwrap_err()
            .contains("not JSON"));
        assert_eq!(check(ConfigFormat::Xml, LoadType::Merge, xml), Ok(()));
        assert!(check(ConfigFormat::Xml, LoadType::Merge, "{}").is_err());
        assert_eq!(
            check(ConfigFormat::Json, LoadType::Merge, r#"{"system": {}}"#),
            Ok(())
        );
    }

    #[test]
    fn braces_must_pair() {
        let good = "system {\n    host-name r1;\n}\n";
        assert_eq!(check(ConfigFormat::Text, LoadType::Merge, good), Ok(()));
        assert!(check(ConfigFormat::Text, LoadType::Merge, "system {\n").is_err());
        assert!(check(ConfigFormat::Text, LoadType::Merge, "}\n").is_err());
        assert!(check(
            ConfigFormat::Text,
            LoadType::Merge,
            "set system host-name r1"
        )
        .is_err());
    }

    #[test]
    fn the_host_name_is_found_in_every_format() {
        assert_eq!(
            host_name(
                ConfigFormat::Text,
                LoadType::Set,
                "set system host-name r1\n"
            ),
            Some("r1".into())
        );
        assert_eq!(
            host_name(
                ConfigFormat::Text,
                LoadType::Merge,
                "system {\n  host-name r2;\n}\n"
            ),
            Some("r2".into())
        );
        assert_eq!(
            host_name(
                ConfigFormat::Json,
                LoadType::Merge,
                r#"{"configuration": {"system": {"host-name": "r3"}}}"#
            ),
            Some("r3".into())
        );
        assert_eq!(
            host_name(
                ConfigFormat::Xml,
                LoadType::Merge,
                "<system><host-name>r4</host-name></system>"
            ),
            Some("r4".into())
        );
        assert_eq!(
            host_name(
                ConfigFormat::Xml,
                LoadType::Set,
                "<configuration-set>set system host-name r5</configuration-set>"
            ),
            Some("r5".into())
        );
        assert_eq!(
            host_name(ConfigFormat::Text, LoadType::Set, "set system ntp"),
            None
        );
    }
}
