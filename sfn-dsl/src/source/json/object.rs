//! Objects: their members, and the check that reports every duplicate key.

use std::borrow::Cow;
use std::collections::HashSet;

use super::issue::prefix_pointers;
use super::keys::same_bytes;
use super::{Fatal, Kind, Parser, offset, signature, unescape};
use crate::error::{ParseIssue, ParseIssueKind};
use crate::hash::FastHash;
use crate::source::Span;

/// FNV-1a: a cheap hash for the duplicate-key check of big objects (a hit is confirmed by
/// comparing the keys, so collisions only cost time).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl<'a> Parser<'a> {
    pub(super) fn object(&mut self, depth: usize) -> Result<(), Fatal> {
        self.enter(depth)?;
        let first = self.open_keys.len();
        let result = self.object_members(depth, first);
        self.open_keys.truncate(first);
        self.open_signatures.truncate(first);
        result
    }

    /// The members of an object, their keys pushed on `open_keys` from `first` on.
    fn object_members(&mut self, depth: usize, first: usize) -> Result<(), Fatal> {
        let index = self.open(Kind::Object);
        self.position += 1;
        // Small objects are checked for duplicates by scanning; big ones (a `States` object
        // of thousands of states) by hashing the keys seen so far (a hash hit is confirmed by
        // a scan, so collisions cost time, never correctness).
        let mut seen: Option<HashSet<u64, FastHash>> = None;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b'}') {
            self.position += 1;
            self.close(index, 0);
            return Ok(());
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b'"') {
                return Err(self.fail_here("a string key"));
            }
            let key_start = self.position;
            let unescaped = self.skip_string()?;
            let escaped = unescaped.is_some();
            let key = match unescaped {
                Some(owned) => Cow::Owned(owned),
                None => Cow::Borrowed(
                    self.text
                        .get(key_start + 1..self.position - 1)
                        .unwrap_or_default(),
                ),
            };
            let key_index = offset(self.tape.len());
            self.push(Kind::Key, key_start, escaped);
            let key_signature = signature(key.as_bytes());
            if let Some(entry) = self.tape.last_mut() {
                entry.count = key_signature;
            }
            let key_span = Span::new(key_start, self.position);
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b':') {
                return Err(self.fail_here("`:` after the key"));
            }
            self.position += 1;
            self.skip_whitespace();
            let duplicate = match &mut seen {
                Some(hashes) => {
                    !hashes.insert(fnv1a(&key)) && self.has_key(first, key_signature, &key)
                }
                None => self.has_key(first, key_signature, &key),
            };
            let issues_before = self.issues.len();
            if duplicate {
                // The pointer (the member's) is completed below, with the value's.
                self.issues.push(
                    ParseIssue::new(
                        ParseIssueKind::DuplicateKey,
                        String::new(),
                        key_span,
                        format!(
                            "duplicate key `{}`: JSON parsers keep only one of the values",
                            crate::shorten::quoted(&key)
                        ),
                    )
                    .with_hint("remove or rename one of the members"),
                );
            }
            let value = self.value(depth + 1);
            if self.issues.len() > issues_before {
                prefix_pointers(
                    &mut self.issues,
                    issues_before,
                    &super::escape_pointer_segment(&key),
                );
            }
            value?;
            self.open_keys.push(key_index);
            self.open_signatures.push(key_signature);
            if seen.is_none() && self.open_keys.len() - first > 16 {
                seen = Some(
                    self.open_keys[first..]
                        .iter()
                        .map(|&key| fnv1a(&self.key_text(key)))
                        .collect(),
                );
            }
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b'}') => {
                    self.position += 1;
                    let count = self.open_keys.len() - first;
                    self.close(index, count);
                    return Ok(());
                }
                _ => return Err(self.fail_here("`,` or `}`")),
            }
        }
    }

    /// Whether the object whose keys are on `open_keys` from `first` on has the key `key`,
    /// of signature `signature`.
    #[expect(
        clippy::inline_always,
        reason = "measured: out of line, the scan costs 2M instructions at 5,000 states (callgrind)"
    )]
    #[inline(always)]
    fn has_key(&self, first: usize, signature: u32, key: &str) -> bool {
        let signatures = self.open_signatures.get(first..).unwrap_or_default();
        let keys = self.open_keys.get(first..).unwrap_or_default();
        signatures
            .iter()
            .zip(keys)
            .any(|(&seen_signature, &seen_key)| {
                seen_signature == signature && self.is_key(seen_key, key)
            })
    }

    /// Whether the key at `index` on the tape is `key` (asked only when the signatures
    /// match).
    #[inline(never)]
    fn is_key(&self, index: u32, key: &str) -> bool {
        same_bytes(self.key_text(index).as_bytes(), key.as_bytes())
    }

    /// The unescaped text of the key at `index` on the tape (borrowed from the source when
    /// it has no escapes).
    fn key_text(&self, index: u32) -> Cow<'a, str> {
        let Some(entry) = self.tape.get(index as usize) else {
            return Cow::Borrowed("");
        };
        if entry.escaped() {
            Cow::Owned(unescape(self.text, entry.start as usize))
        } else {
            Cow::Borrowed(
                self.text
                    .get(entry.start as usize + 1..(entry.end as usize).saturating_sub(1))
                    .unwrap_or_default(),
            )
        }
    }
}
