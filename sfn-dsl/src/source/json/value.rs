//! Values: the dispatch on a value's first byte, literals, arrays, and the tape entries
//! they leave.

use super::issue::prefix_pointers;
use super::{Entry, Fatal, Kind, Parser, offset, scan};
use crate::error::{ParseIssue, ParseIssueKind};
use crate::source::{MAX_DEPTH, Span};

impl Parser<'_> {
    #[inline]
    pub(super) fn skip_whitespace(&mut self) {
        // Most calls find no whitespace, or one space: every whitespace byte is at most
        // `b' '`, so one comparison settles the common case.
        match self.bytes.get(self.position) {
            Some(&byte) if byte > b' ' => return,
            Some(b' ')
                if self
                    .bytes
                    .get(self.position + 1)
                    .is_some_and(|&next| next > b' ') =>
            {
                self.position += 1;
                return;
            }
            _ => {}
        }
        while let Some(byte) = self.bytes.get(self.position) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.position += 1,
                _ => break,
            }
        }
    }

    /// Appends the entry of a value that ends at the current position.
    pub(super) fn push(&mut self, kind: Kind, start: usize, escaped: bool) {
        let next = offset(self.tape.len() + 1);
        self.tape.push(Entry::new(
            kind,
            escaped,
            offset(start),
            offset(self.position),
            next,
            0,
        ));
    }

    pub(super) fn value(&mut self, depth: usize) -> Result<(), Fatal> {
        let start = self.position;
        match self.bytes.get(start) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let escaped = self.skip_string()?.is_some();
                self.push(Kind::String, start, escaped);
                Ok(())
            }
            Some(b't') => self.literal("true", Kind::True),
            Some(b'f') => self.literal("false", Kind::False),
            Some(b'n') => self.literal("null", Kind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.fail_here("a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<(), Fatal> {
        let start = self.position;
        let rest = self.bytes.get(start..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.position += word.len();
            self.push(kind, start, false);
            Ok(())
        } else {
            // Point at the first byte that differs (or the end of a truncated text).
            let matched = rest
                .iter()
                .zip(word.as_bytes())
                .take_while(|(found, expected)| found == expected)
                .count();
            self.position = start + matched;
            Err(self.fail_here(&format!("`{word}`")))
        }
    }

    pub(super) fn enter(&mut self, depth: usize) -> Result<(), Fatal> {
        if depth >= MAX_DEPTH {
            let start = self.position;
            self.issues.push(ParseIssue::new(
                ParseIssueKind::TooDeep,
                String::new(),
                Span::new(start, start + 1),
                format!("arrays and objects nest deeper than {MAX_DEPTH} levels"),
            ));
            return Err(Fatal);
        }
        Ok(())
    }

    /// Opens the entry of a container; [`close`](Self::close) completes it.
    pub(super) fn open(&mut self, kind: Kind) -> usize {
        let index = self.tape.len();
        self.tape
            .push(Entry::new(kind, false, offset(self.position), 0, 0, 0));
        index
    }

    pub(super) fn close(&mut self, index: usize, count: usize) {
        let next = offset(self.tape.len());
        let end = offset(self.position);
        if let Some(entry) = self.tape.get_mut(index) {
            entry.end = end;
            entry.set_next(next);
            entry.count = offset(count);
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Fatal> {
        self.enter(depth)?;
        let index = self.open(Kind::Array);
        self.position += 1;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b']') {
            self.position += 1;
            self.close(index, 0);
            return Ok(());
        }
        let mut count = 0;
        loop {
            self.skip_whitespace();
            let issues_before = self.issues.len();
            let item = self.value(depth + 1);
            if self.issues.len() > issues_before {
                prefix_pointers(&mut self.issues, issues_before, &count.to_string());
            }
            item?;
            count += 1;
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b']') => {
                    self.position += 1;
                    self.close(index, count);
                    return Ok(());
                }
                _ => return Err(self.fail_here("`,` or `]`")),
            }
        }
    }

    /// Checks a string (or key) and moves past it; its unescaped text when it has escapes
    /// (`None` for a plain string, which the text holds as it is).
    #[expect(
        clippy::inline_always,
        reason = "measured: out of line, the call costs 3M instructions at 5,000 states (callgrind)"
    )]
    #[inline(always)]
    pub(super) fn skip_string(&mut self) -> Result<Option<String>, Fatal> {
        let body_start = self.position + 1;
        let end = scan::plain_run_end(self.bytes, body_start);
        if self.bytes.get(end) == Some(&b'"') {
            self.position = end + 1;
            return Ok(None);
        }
        self.string().map(Some)
    }
}
