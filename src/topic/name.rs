//! A topic name as received: a slice of the buffer the packet was read into,
//! checked once to be UTF-8, so a message's topic costs no copy.

use bytes::Bytes;
use std::fmt;

/// A received topic name: shared bytes known to be UTF-8.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct TopicName(Bytes);

impl TopicName {
    /// `bytes` as a topic name, or `None` when they are not UTF-8.
    pub fn new(bytes: Bytes) -> Option<TopicName> {
        // Topics are ASCII nearly always: a word-at-a-time check first.
        let text = bytes.is_ascii() || std::str::from_utf8(&bytes).is_ok();
        text.then_some(TopicName(bytes))
    }

    /// The name.
    #[inline]
    pub fn as_str(&self) -> &str {
        debug_assert!(std::str::from_utf8(&self.0).is_ok());
        // SAFETY: `new` and `From<String>` only make names of UTF-8 bytes,
        // and `Bytes` never changes what it holds.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl From<String> for TopicName {
    fn from(text: String) -> TopicName {
        TopicName(Bytes::from(text))
    }
}

impl fmt::Debug for TopicName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::TopicName;
    use bytes::Bytes;

    #[test]
    fn names_are_utf8_and_read_back_as_given() {
        let ascii = TopicName::new(Bytes::from_static(b"/junos/events/kernel/x")).unwrap();
        assert_eq!(ascii.as_str(), "/junos/events/kernel/x");
        let accented = TopicName::new(Bytes::from("/t/é".as_bytes().to_vec())).unwrap();
        assert_eq!(accented.as_str(), "/t/é");
        assert!(TopicName::new(Bytes::from_static(b"/t/\xff")).is_none());
        assert!(TopicName::new(Bytes::from_static(b"/t/\xc3")).is_none());
        assert_eq!(TopicName::from("/s".to_string()).as_str(), "/s");
    }
}
