//! `jet config load`: loads configuration, and commits it when asked.

use super::args::{api_note, read_input, ServiceArgs};
use super::exit::{Context, Failure};
use super::output;
use clap::{Args, Subcommand, ValueEnum};
use jet::service::management::{ConfigFormat, ConfigLoad, LoadType};
use jet::service::Service;
use std::path::{Path, PathBuf};

/// `jet config`.
#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCmd {
    /// Load configuration from a file (or stdin), and commit it with --commit
    #[command(after_help = "\
Examples:
  jet config load --commit --comment \"lab address\" r1.set --device r1 --user lab
  echo 'set system host-name r1' | jet config load --format set --commit - --device r1
  jet config load --load replace --format text interfaces.conf --device r1 --user lab

Without --commit the configuration stays in the candidate configuration.")]
    Load(LoadArgs),
}

/// `jet config load`.
#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    /// The configuration (`-`: stdin)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Its format [default: from the extension: .set, .xml, .json; otherwise text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// How it combines with the configuration there [default: merge] (not for set)
    #[arg(long = "load", value_enum, value_name = "MODE")]
    pub load: Option<LoadArg>,
    /// Commit it
    #[arg(long)]
    pub commit: bool,
    /// The commit comment
    #[arg(long, value_name = "COMMENT", requires = "commit")]
    pub comment: Option<String>,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `--format` of `jet config load`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Curly-brace text
    Text,
    /// set commands, one per line
    Set,
    /// XML
    Xml,
    /// JSON
    Json,
}

/// `--load`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LoadArg {
    /// load merge
    Merge,
    /// load replace
    Replace,
    /// load override
    Override,
    /// load update
    Update,
}

impl FormatArg {
    /// The format a file's name suggests (stdin and unknown: text).
    pub fn guess(path: &Path) -> FormatArg {
        match path.extension().and_then(|e| e.to_str()) {
            Some("set") => FormatArg::Set,
            Some("xml") => FormatArg::Xml,
            Some("json") => FormatArg::Json,
            _ => FormatArg::Text,
        }
    }

    fn name(self) -> &'static str {
        match self {
            FormatArg::Text => "text",
            FormatArg::Set => "set",
            FormatArg::Xml => "xml",
            FormatArg::Json => "json",
        }
    }
}

impl LoadArg {
    fn name(self) -> &'static str {
        match self {
            LoadArg::Merge => "merge",
            LoadArg::Replace => "replace",
            LoadArg::Override => "override",
            LoadArg::Update => "update",
        }
    }
}

impl From<FormatArg> for ConfigFormat {
    fn from(format: FormatArg) -> ConfigFormat {
        match format {
            FormatArg::Text => ConfigFormat::Text,
            FormatArg::Set => ConfigFormat::Set,
            FormatArg::Xml => ConfigFormat::Xml,
            FormatArg::Json => ConfigFormat::Json,
        }
    }
}

impl From<LoadArg> for LoadType {
    fn from(load: LoadArg) -> LoadType {
        match load {
            LoadArg::Merge => LoadType::Merge,
            LoadArg::Replace => LoadType::Replace,
            LoadArg::Override => LoadType::Override,
            LoadArg::Update => LoadType::Update,
        }
    }
}

/// Runs `jet config …`.
pub fn run(cmd: &ConfigCmd) -> Result<(), Failure> {
    let ConfigCmd::Load(args) = cmd;
    let what = "config load";
    let format = args.format.unwrap_or_else(|| FormatArg::guess(&args.file));
    if format == FormatArg::Set && args.load.is_some() {
        return Err(Failure::usage(
            what,
            "--load does not apply to set commands, which always load as `load set`",
        ));
    }
    let config = read_input(what, &args.file)?;
    let load = ConfigLoad {
        config,
        format: format.into(),
        load: args.load.map_or(LoadType::Merge, Into::into),
        commit: args
            .commit
            .then(|| args.comment.clone().unwrap_or_default()),
    };
    let session = args.connection.open(what)?;
    session.management().load(&load).context(what)?;
    let source = if args.file == Path::new("-") {
        "stdin".to_string()
    } else {
        args.file.display().to_string()
    };
    let mut text = format!("loaded {source} ({}", format.name());
    if let Some(mode) = args.load {
        text.push_str(&format!(", {}", mode.name()));
    }
    text.push(')');
    match &args.comment {
        Some(comment) => text.push_str(&format!(" and committed with comment {comment:?}")),
        None if args.commit => text.push_str(" and committed"),
        None => text.push_str(", not committed"),
    }
    output::say(&format!(
        "{text}{}",
        api_note(&session, Service::Management)
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_suggests_the_format() {
        for (name, format) in [
            ("r1.set", FormatArg::Set),
            ("r1.xml", FormatArg::Xml),
            ("r1.json", FormatArg::Json),
            ("r1.conf", FormatArg::Text),
            ("-", FormatArg::Text),
        ] {
            assert_eq!(FormatArg::guess(Path::new(name)), format, "{name}");
        }
    }
}
