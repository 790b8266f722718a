//! The sample notifications in tests/data/events.

use super::dirs::data_dir;
use std::fs;

/// One line of `tests/data/events/topics.tsv` with its payload file read in.
#[derive(Clone, Debug)]
pub struct Sample {
    /// File name under `tests/data/events/`.
    pub file: String,
    /// The topic a device publishes it on.
    pub topic: String,
    /// The file's bytes, unchanged (trailing newline included).
    pub payload: Vec<u8>,
    /// The third column: what the sample shows.
    pub what: String,
}

/// Every sample listed in `topics.tsv`, in file order ('#' lines and blank
/// lines skipped).
pub fn samples() -> Vec<Sample> {
    let events = data_dir().join("events");
    let index = events.join("topics.tsv");
    let text = fs::read_to_string(&index)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", index.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut cols = line.splitn(3, '\t');
            let (Some(file), Some(topic)) = (cols.next(), cols.next()) else {
                panic!(
                    "{}: not `file<TAB>topic<TAB>what`: {line:?}",
                    index.display()
                )
            };
            let path = events.join(file);
            Sample {
                file: file.to_string(),
                topic: topic.to_string(),
                payload: fs::read(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
                what: cols.next().unwrap_or("").to_string(),
            }
        })
        .collect()
}
