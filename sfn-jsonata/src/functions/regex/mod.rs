//! Regular expressions as JavaScript runs them without the `u` flag (as jsonata-js does), on
//! the `regex` crate: linear time (no catastrophic backtracking), at the cost of look-around
//! and backreferences.
//!
//! A pattern is parsed with JavaScript's grammar ([`parse`]), then written in the crate's
//! syntax ([`emit`]) with JavaScript's meaning spelled out: ASCII `\w`, `\d` and `\b`,
//! JavaScript's `\s`, its line terminators for `.`, `^` and `$`, and its case folding.

mod case;
mod char_set;
mod emit;
mod haystack;
mod parse;

use std::fmt;

use emit::Flags;
use haystack::Haystack;
use parse::Refusal;

/// The most heap, in bytes, a compiled pattern and its lazy DFA's cache may each use.
const SIZE_LIMIT: usize = 2 << 20;

/// A compiled regular expression literal (`/ab+c/i`).
pub(crate) struct Matcher {
    source: String,
    regex: regex::bytes::Regex,
    multi_line: bool,
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/", self.source)
    }
}

/// One match: byte offsets in the searched text, and the capture groups (`None` for a group
/// that did not take part).
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) groups: Vec<Option<String>>,
}

impl Matcher {
    /// Compiles `pattern` with `flags` (the lexer allows only `i` and `m`).
    ///
    /// # Errors
    ///
    /// The message for a pattern JavaScript refuses ends with V8's reason; one JavaScript
    /// accepts but this engine cannot run says what is not supported.
    pub(crate) fn new(pattern: &str, flags: &str) -> Result<Self, String> {
        let invalid =
            |reason: &str| format!("invalid regular expression /{pattern}/{flags}: {reason}");
        let once = |flag: char| flags.matches(flag).count() <= 1;
        if !once('i') || !once('m') {
            return Err(invalid("invalid flags"));
        }
        let flags_set = Flags {
            case_insensitive: flags.contains('i'),
            multi_line: flags.contains('m'),
        };
        let tree = parse::parse(pattern).map_err(|refusal| match refusal {
            Refusal::Invalid(reason) => invalid(reason),
            Refusal::Unsupported(reason) => {
                format!("unsupported regular expression /{pattern}/: {reason}")
            }
        })?;
        let translated = emit::emit(&tree, flags_set);
        let regex = regex::bytes::RegexBuilder::new(&translated)
            // Room for about 1,700 repetitions of a class of any character (`[\s\S]{1700}`),
            // with or without `m`.
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            // Each JavaScript group level is at most a group and a repetition here.
            .nest_limit(250)
            .build()
            .map_err(|error| {
                // The crate's message would show the translated pattern, not the user's.
                let reason = match error {
                    regex::Error::CompiledTooBig(_) => "it is too large",
                    _ => "it is too complex",
                };
                format!("unsupported regular expression /{pattern}/: {reason}")
            })?;
        Ok(Matcher {
            source: pattern.to_string(),
            regex,
            multi_line: flags_set.multi_line,
        })
    }

    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// A searcher over `text`, for finding several matches in it.
    pub(crate) fn searcher<'t>(&'t self, text: &'t str) -> Searcher<'t> {
        let haystack = if self.multi_line {
            Haystack::with_marked_lines(text)
        } else {
            Haystack::plain(text)
        };
        Searcher {
            matcher: self,
            text,
            haystack,
        }
    }

    /// The first match at or after byte offset `from`.
    pub(crate) fn find_at(&self, text: &str, from: usize) -> Option<Found> {
        self.searcher(text).find_at(from)
    }
}

/// A matcher bound to one text.
#[derive(Debug)]
pub(crate) struct Searcher<'t> {
    matcher: &'t Matcher,
    text: &'t str,
    haystack: Haystack<'t>,
}

impl Searcher<'_> {
    /// The first match at or after byte offset `from` of the text.
    pub(crate) fn find_at(&self, from: usize) -> Option<Found> {
        if from > self.text.len() || !self.text.is_char_boundary(from) {
            return None;
        }
        let bytes = self.haystack.bytes();
        let mut at = self.haystack.encoded_offset(from);
        loop {
            let captures = self.matcher.regex.captures_at(bytes, at)?;
            let whole = captures.get(0)?;
            if !self.haystack.is_boundary(whole.start()) {
                // An empty match inside a character: JavaScript never looks there.
                at = whole.start() + 1;
                continue;
            }
            let text_of = |found: regex::bytes::Match<'_>| {
                let start = self.haystack.original_offset(found.start());
                let end = self.haystack.original_offset(found.end());
                self.text.get(start..end).map(str::to_string)
            };
            return Some(Found {
                start: self.haystack.original_offset(whole.start()),
                end: self.haystack.original_offset(whole.end()),
                groups: captures
                    .iter()
                    .skip(1)
                    .map(|group| group.and_then(text_of))
                    .collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, flags: &str, text: &str) -> Vec<String> {
        let matcher = Matcher::new(pattern, flags).unwrap();
        let searcher = matcher.searcher(text);
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(next) = searcher.find_at(from) {
            found.push(text[next.start..next.end].to_string());
            if next.end == next.start {
                break;
            }
            from = next.end;
        }
        found
    }

    #[test]
    fn translates_javascript_syntax() {
        let matcher = Matcher::new("\\d+\\/\\w", "").unwrap();
        let found = matcher.find_at("ab 12/x", 0).unwrap();
        assert_eq!((found.start, found.end), (3, 7));
        assert!(Matcher::new("(?=a)", "").is_err());
        assert!(Matcher::new("(a)\\1", "").is_err());
        let insensitive = Matcher::new("hello", "i").unwrap();
        assert_eq!(
            insensitive.find_at("say HELLO", 0).map(|f| f.start),
            Some(4)
        );
    }

    #[test]
    fn lines_end_at_every_javascript_line_terminator() {
        assert_eq!(matches("^\\w+$", "m", "id\r\nname\r\n"), ["id", "name"]);
        assert_eq!(
            matches("^\\w$", "m", "a\u{2028}b\u{2029}c\nd\re"),
            ["a", "b", "c", "d", "e"]
        );
        // `^` holds between `\r` and `\n`, so that empty line is found.
        assert_eq!(matches("\\r^$\\n", "m", "a\r\nb"), ["\r\n"]);
        assert!(matches("a.b", "", "a\rb a\u{2028}b a\u{2029}b a\nb").is_empty());
        assert_eq!(matches("[^x]", "m", "\r"), ["\r"]);
    }

    #[test]
    fn empty_matches_inside_a_character_are_skipped() {
        let matcher = Matcher::new("\\B", "").unwrap();
        let found = matcher.find_at("aé", 1).unwrap();
        assert_eq!((found.start, found.end), (3, 3));
        let matcher = Matcher::new("$", "m").unwrap();
        let found = matcher.find_at("\r\n", 1).unwrap();
        assert_eq!((found.start, found.end), (1, 1));
    }

    #[test]
    fn deep_groups_fit_the_engine_and_deeper_ones_are_refused() {
        let deep = format!("{}a{}", "(".repeat(100), ")?".repeat(100));
        assert!(Matcher::new(&deep, "im").is_ok());
        let deeper = format!("{}a{}", "(".repeat(101), ")".repeat(101));
        let message = Matcher::new(&deeper, "").unwrap_err();
        assert!(
            message.ends_with("groups are nested too deeply"),
            "{message}"
        );
    }

    #[test]
    fn groups_that_did_not_take_part_are_none() {
        let found = Matcher::new("(x)?(b)", "")
            .unwrap()
            .find_at("abc", 0)
            .unwrap();
        assert_eq!(found.groups, [None, Some("b".to_string())]);
    }
}
