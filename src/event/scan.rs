//! A cursor over a JSON payload for the fast path: whitespace, punctuation,
//! strings, numbers and literals are read byte by byte; what is rare in a
//! device's event (escapes, fractions, exponents, long integers, nested
//! arrays and objects) is handed to serde_json, so every value read means
//! what the general parser makes of it.
//!
//! Every method returns `None` on anything that is not valid JSON; the caller
//! then leaves the payload to the general parser, which words the error.

use super::Text;
use serde::de::IgnoredAny;
use serde_json::{Number, Value};

/// Longest run of digits read without serde_json: 18 digits always fit an `i64`.
const FAST_DIGITS: usize = 18;

/// Where the first byte of `chunk` (sixteen bytes of a string) that needs a
/// look stands: a quote, a backslash, a control character or a byte of a
/// non-ASCII character. SSE2, which every x86-64 processor has: three
/// comparisons of all sixteen bytes at once.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn first_special(chunk: &[u8; 16]) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 target, and the load reads the
    // sixteen bytes of `chunk`, unaligned.
    let mask = unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast());
        let quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\\' as i8));
        // Compared as signed bytes, 0x80–0xff are negative: one comparison
        // finds the control characters and the non-ASCII bytes.
        let low = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), low))
    };
    (mask != 0).then(|| mask.trailing_zeros() as usize)
}

/// [`first_special`] without SIMD: two eight-byte words, each byte tested in
/// its lane.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn first_special_words(chunk: &[u8; 16]) -> Option<usize> {
    const LANES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH_BITS: u64 = LANES << 7;
    let (low, high) = chunk.split_at(8);
    [low, high].iter().enumerate().find_map(|(half, word)| {
        let word = u64::from_le_bytes((*word).try_into().ok()?);
        let zero = |x: u64| x.wrapping_sub(LANES) & !x & HIGH_BITS;
        // Lanes above the lowest flagged one may be flagged wrongly (a
        // borrow), so only the lowest counts.
        let flagged = zero(word ^ (LANES * u64::from(b'"')))
            | zero(word ^ (LANES * u64::from(b'\\')))
            | ((word.wrapping_sub(LANES * 0x20) | word) & HIGH_BITS);
        (flagged != 0).then(|| half * 8 + (flagged.trailing_zeros() / 8) as usize)
    })
}

#[cfg(not(target_arch = "x86_64"))]
use first_special_words as first_special;

/// A string's content in the payload, between its quotes.
#[derive(Clone, Copy)]
pub(super) struct Str {
    start: usize,
    end: usize,
    /// Whether it holds a backslash escape (and so must be decoded).
    escaped: bool,
}

/// A number as its reads need it.
pub(super) enum Num {
    /// An integer that fits an `i64`.
    Int(i64),
    /// Any other number: a fraction, an exponent, or an integer beyond `i64`.
    Wide(Number),
}

/// A JSON literal.
pub(super) enum Literal {
    True,
    False,
    Null,
}

/// What a value starts with.
pub(super) enum Start {
    String,
    Number,
    Literal,
    Nested,
}

/// A read position in a payload. Bytes outside strings must be ASCII to be
/// JSON; a string with other bytes is checked to be UTF-8 when read.
pub(super) struct Cursor<'p> {
    bytes: &'p [u8],
    at: usize,
}

impl<'p> Cursor<'p> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'p [u8]) -> Cursor<'p> {
        Cursor { bytes, at: 0 }
    }

    /// Skips JSON whitespace; returns the next byte, if any.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            // One comparison for every byte that is not a space or a control.
            if b > b' ' || !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Takes `byte` (after whitespace) when it comes next.
    #[inline]
    pub fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.at += 1;
        }
        next
    }

    /// Takes `byte` (after whitespace), or fails.
    #[inline]
    pub fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// True when only whitespace remains.
    pub fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// After an object member: true when another follows (`,`), false at the
    /// closing `}`.
    #[inline]
    pub fn more_members(&mut self) -> Option<bool> {
        match self.peek()? {
            b',' => {
                // Devices write `", "` between members: the space goes too.
                self.at += 1 + usize::from(self.bytes.get(self.at + 1) == Some(&b' '));
                Some(true)
            }
            b'}' => {
                self.at += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// What the next value starts with.
    #[inline]
    pub fn start(&mut self) -> Option<Start> {
        Some(match self.peek()? {
            b'"' => Start::String,
            b'-' | b'0'..=b'9' => Start::Number,
            b't' | b'f' | b'n' => Start::Literal,
            b'[' | b'{' => Start::Nested,
            _ => return None,
        })
    }

    /// An object key and its `:`.
    #[inline(always)]
    pub fn key(&mut self) -> Option<Str> {
        let key = self.string()?;
        // Devices write `": "` after a key: both bytes at once.
        if self.bytes.get(self.at..self.at + 2) == Some(b": ") {
            self.at += 2;
        } else {
            self.expect(b':')?;
        }
        Some(key)
    }

    /// A string (after whitespace). Inlined into each caller: a call costs
    /// more than most of a device's strings take to read.
    #[inline(always)]
    pub fn string(&mut self) -> Option<Str> {
        self.expect(b'"')?;
        let bytes = self.bytes;
        let start = self.at;
        let mut at = start;
        let mut escaped = false;
        let mut ascii = true;
        loop {
            // Sixteen bytes at a time, up to one that needs a look.
            while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
                if let Some(special) = first_special(chunk) {
                    at += special;
                    break;
                }
                at += 16;
            }
            let b = *bytes.get(at)?;
            at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    // The escaped byte cannot end the string; serde_json
                    // checks the escape when the string is decoded.
                    at += 1;
                }
                0..=0x1f => return None,
                0x80..=0xff => ascii = false,
                _ => {}
            }
        }
        self.at = at;
        let end = self.at - 1;
        let s = Str {
            start,
            end,
            escaped,
        };
        // Checked now, so a skipped string is valid JSON too.
        if escaped {
            self.decode(s)?;
        } else if !ascii {
            std::str::from_utf8(self.raw(s)).ok()?;
        }
        Some(s)
    }

    /// `None` when `s` has no escapes (its bytes are its text), else `s`
    /// decoded (`Some(None)` when an escape is invalid).
    pub fn decode_if_escaped(&self, s: Str) -> Option<Option<String>> {
        s.escaped.then(|| self.decode(s))
    }

    /// The bytes of `s` as they stand in the payload (escapes undecoded).
    #[inline]
    pub fn raw(&self, s: Str) -> &'p [u8] {
        &self.bytes[s.start..s.end]
    }

    /// Whether `s` reads `word` (a word without escapes).
    pub fn is(&self, s: Str, word: &str) -> bool {
        if s.escaped {
            return self.decode(s).is_some_and(|text| text == word);
        }
        self.raw(s) == word.as_bytes()
    }

    /// The text of `s`: where it stands when it has no escapes (a span, whose
    /// bytes [`Cursor::string`] checked to be UTF-8), or decoded.
    #[inline]
    pub fn text(&self, s: Str) -> Option<Text> {
        if s.escaped {
            return self.decode(s).map(|text| Text::Owned(text.into()));
        }
        Some(Text::Span {
            start: s.start as u32,
            end: s.end as u32,
        })
    }

    /// `s` decoded, as serde_json decodes it.
    pub fn decode(&self, s: Str) -> Option<String> {
        serde_json::from_slice(&self.bytes[s.start - 1..s.end + 1]).ok()
    }

    /// A number (after whitespace). Inlined: a call costs about as much as
    /// reading a device's short integers.
    #[inline(always)]
    pub fn number(&mut self) -> Option<Num> {
        self.peek()?;
        let start = self.at;
        let negative = self.bytes[start] == b'-';
        let digits = start + usize::from(negative);
        let mut end = digits;
        let mut value: i64 = 0;
        while let Some(&b @ b'0'..=b'9') = self.bytes.get(end) {
            value = value.wrapping_mul(10).wrapping_add(i64::from(b - b'0'));
            end += 1;
        }
        let count = end - digits;
        let plain = count > 0
            && count <= FAST_DIGITS
            && (self.bytes[digits] != b'0' || (count == 1 && !negative))
            && !matches!(self.bytes.get(end), Some(b'.' | b'e' | b'E'));
        if plain {
            self.at = end;
            return Some(Num::Int(if negative { -value } else { value }));
        }
        // Anything else, as serde_json reads it: "-0" is a float, say.
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.bytes.get(end) {
            end += 1;
        }
        let number: Number = serde_json::from_slice(&self.bytes[start..end]).ok()?;
        self.at = end;
        Some(number.as_i64().map_or(Num::Wide(number), Num::Int))
    }

    /// `true`, `false` or `null` (after whitespace).
    pub fn literal(&mut self) -> Option<Literal> {
        self.peek()?;
        let rest = &self.bytes[self.at..];
        let (literal, len) = if rest.starts_with(b"true") {
            (Literal::True, 4)
        } else if rest.starts_with(b"false") {
            (Literal::False, 5)
        } else if rest.starts_with(b"null") {
            (Literal::Null, 4)
        } else {
            return None;
        };
        self.at += len;
        Some(literal)
    }

    /// An array or object, read by serde_json.
    pub fn nested(&mut self) -> Option<Value> {
        self.nested_as::<Value>()
    }

    /// Any value, checked and passed over.
    pub fn skip(&mut self) -> Option<()> {
        match self.start()? {
            Start::String => self.string().map(drop),
            Start::Number => self.number().map(drop),
            Start::Literal => self.literal().map(drop),
            Start::Nested => self.nested_as::<IgnoredAny>().map(drop),
        }
    }

    /// The value at the cursor deserialized by serde_json as a `T`.
    fn nested_as<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        let mut values = serde_json::Deserializer::from_slice(&self.bytes[self.at..]).into_iter();
        let value = values.next()?.ok()?;
        let end = self.at + values.byte_offset();
        // serde_json skips strings without checking their UTF-8.
        std::str::from_utf8(&self.bytes[self.at..end]).ok()?;
        self.at = end;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::{first_special, first_special_words};

    /// The definition: the first quote, backslash, control or non-ASCII byte.
    fn first_special_bytewise(chunk: &[u8; 16]) -> Option<usize> {
        chunk
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || !(0x20..0x80).contains(&b))
    }

    fn check(chunk: &[u8; 16]) {
        let expected = first_special_bytewise(chunk);
        assert_eq!(first_special(chunk), expected, "{chunk:?}");
        assert_eq!(first_special_words(chunk), expected, "{chunk:?}");
    }

    #[test]
    fn every_byte_value_at_every_position_is_found_or_passed() {
        for at in 0..16 {
            for byte in 0..=255u8 {
                let mut chunk = [b'a'; 16];
                chunk[at] = byte;
                check(&chunk);
            }
        }
    }

    #[test]
    fn mixed_chunks_agree_with_the_bytewise_definition() {
        // Bytes next to each class's edges, so borrows between lanes happen.
        let alphabet = [
            0x00, 0x01, 0x1f, 0x20, 0x21, b'"', b'#', b'[', b'\\', b']', b'a', 0x7f, 0x80, 0x9f,
            0xa0, 0xc3, 0xff,
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            let mut chunk = [0u8; 16];
            for byte in &mut chunk {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly plain letters, so the first special byte lands anywhere.
                *byte = if state.is_multiple_of(4) {
                    alphabet[(state >> 8) as usize % alphabet.len()]
                } else {
                    b'a' + (state >> 16) as u8 % 26
                };
            }
            check(&chunk);
        }
    }
}
