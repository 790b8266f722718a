//! A topic filter prepared for matching many topics: the position of its
//! first wildcard is found once, so the filters programs use most (a topic
//! without wildcards, or one level and `#` after a literal prefix, such as
//! `/junos/events/kernel/#`) match a topic with one comparison.

use super::matches_checked;
use std::fmt;

/// A valid topic filter, ready to match topic names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Matcher {
    filter: String,
    /// Where the first `+` or `#` stands (the filter's length when none does).
    literal_end: usize,
}

impl Matcher {
    /// Prepares `filter`, which must be a valid filter (a [`super::Topic`]'s,
    /// or one [`super::filter_problem`] passed).
    pub fn new(filter: impl Into<String>) -> Matcher {
        let filter = filter.into();
        let literal_end = filter
            .bytes()
            .position(|b| b == b'+' || b == b'#')
            .unwrap_or(filter.len());
        Matcher {
            filter,
            literal_end,
        }
    }

    /// The filter's text.
    pub fn as_str(&self) -> &str {
        &self.filter
    }

    /// Whether `topic`, a name that passed [`super::is_topic_name`], matches:
    /// the same answer as [`super::matches`].
    #[inline]
    pub fn matches(&self, topic: &str) -> bool {
        let literal = &self.filter[..self.literal_end];
        match self.filter.as_bytes().get(self.literal_end) {
            None => topic == literal,
            // `prefix/#`: what starts with `prefix/`, and `prefix` itself.
            // (A filter of `#` alone has an empty literal; it must not match
            // a `$` topic, which the general matcher handles.)
            Some(b'#') if !literal.is_empty() => {
                topic.starts_with(literal) || topic == &literal[..literal.len() - 1]
            }
            _ => matches_checked(&self.filter, topic),
        }
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.filter)
    }
}
