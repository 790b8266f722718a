//! A topic name as received: a slice of the buffer the packet was read into,
//! checked once (UTF-8, and whether it is a name messages can be routed by),
//! so a message's topic costs no copy and no second look.

use super::{is_topic_name, MAX_LEN};
use bytes::Bytes;
use std::fmt;

/// A received topic name: shared bytes known to be UTF-8.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct TopicName {
    bytes: Bytes,
    /// Whether it passes [`is_topic_name`].
    routable: bool,
}

impl TopicName {
    /// `bytes` as a topic name, or `None` when they are not UTF-8.
    pub fn new(bytes: Bytes) -> Option<TopicName> {
        let (ascii, refused) = classify(&bytes);
        if !ascii && std::str::from_utf8(&bytes).is_err() {
            return None;
        }
        let routable = !refused && !bytes.is_empty() && bytes.len() <= MAX_LEN;
        Some(TopicName { bytes, routable })
    }

    /// The name.
    #[inline]
    pub fn as_str(&self) -> &str {
        debug_assert!(std::str::from_utf8(&self.bytes).is_ok());
        // SAFETY: `new` and `From<String>` only make names of UTF-8 bytes,
        // and `Bytes` never changes what it holds.
        unsafe { std::str::from_utf8_unchecked(&self.bytes) }
    }

    /// Whether it is a valid topic name (not empty, at most 65,535 bytes, no
    /// `+`, `#` or NUL): only those are routed to subscriptions.
    pub fn is_routable(&self) -> bool {
        self.routable
    }
}

impl From<String> for TopicName {
    fn from(text: String) -> TopicName {
        let routable = is_topic_name(&text);
        TopicName {
            bytes: Bytes::from(text),
            routable,
        }
    }
}

impl fmt::Debug for TopicName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Whether `byte` may not stand in a topic name.
fn refused(byte: u8) -> bool {
    matches!(byte, b'+' | b'#' | 0)
}

/// Whether `bytes` are all ASCII, and whether any is refused in a topic name:
/// sixteen bytes at a time with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
fn classify(bytes: &[u8]) -> (bool, bool) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_setzero_si128,
    };
    if bytes.len() < 16 {
        return (bytes.is_ascii(), bytes.iter().any(|&b| refused(b)));
    }
    // The masks of the sixteen bytes at `at`: non-ASCII, refused.
    let block = |at: usize| {
        let block: &[u8; 16] = bytes[at..].first_chunk().unwrap_or(&[0x80; 16]);
        // SAFETY: SSE2 is part of every x86-64 target, and the load reads
        // the sixteen bytes of `block`, unaligned.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast());
            let plus = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'+' as i8));
            let hash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'#' as i8));
            let nul = _mm_cmpeq_epi8(v, _mm_setzero_si128());
            let wild = _mm_or_si128(_mm_or_si128(plus, hash), nul);
            (_mm_movemask_epi8(v), _mm_movemask_epi8(wild))
        }
    };
    // Whole blocks, then the last sixteen bytes (overlapping the block
    // before them) for what is left.
    let last = bytes.len() - 16;
    let (mut high, mut wild) = block(last);
    let mut at = 0;
    while at < last {
        let (h, w) = block(at);
        (high, wild) = (high | h, wild | w);
        at += 16;
    }
    (high == 0, wild != 0)
}

/// [`classify`] a byte at a time, for other targets.
#[cfg(not(target_arch = "x86_64"))]
fn classify(bytes: &[u8]) -> (bool, bool) {
    (bytes.is_ascii(), bytes.iter().any(|&b| refused(b)))
}

#[cfg(test)]
mod tests {
    use super::{classify, refused, TopicName};
    use crate::topic::is_topic_name;
    use bytes::Bytes;

    #[test]
    fn names_are_utf8_and_read_back_as_given() {
        let ascii = TopicName::new(Bytes::from_static(b"/junos/events/kernel/x")).unwrap();
        assert_eq!(ascii.as_str(), "/junos/events/kernel/x");
        let accented = TopicName::new(Bytes::from("/t/é".as_bytes().to_vec())).unwrap();
        assert_eq!(accented.as_str(), "/t/é");
        assert!(accented.is_routable());
        assert!(TopicName::new(Bytes::from_static(b"/t/\xff")).is_none());
        assert!(TopicName::new(Bytes::from_static(b"/t/\xc3")).is_none());
        assert_eq!(TopicName::from("/s".to_string()).as_str(), "/s");
    }

    #[test]
    fn every_byte_at_every_position_is_classified_as_one_at_a_time() {
        for len in 1..=40 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let expected = (bytes.is_ascii(), bytes.iter().any(|&b| refused(b)));
                    assert_eq!(classify(&bytes), expected, "{bytes:?}");
                    if let Ok(text) = String::from_utf8(bytes.clone()) {
                        let name = TopicName::new(Bytes::from(bytes)).unwrap();
                        assert_eq!(name.is_routable(), is_topic_name(&text), "{text:?}");
                        assert_eq!(
                            TopicName::from(text.clone()).is_routable(),
                            name.is_routable()
                        );
                    }
                }
            }
        }
        for name in [String::new(), "a".repeat(65_535), "a".repeat(65_536)] {
            let routable = TopicName::new(Bytes::from(name.clone()))
                .unwrap()
                .is_routable();
            assert_eq!(routable, is_topic_name(&name), "{} bytes", name.len());
        }
    }
}
