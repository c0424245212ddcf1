//! Regular expressions: JavaScript syntax translated to the `regex` crate, which runs in
//! linear time (no catastrophic backtracking), at the cost of look-around and backreferences.

use std::fmt;
use std::fmt::Write as _;

/// A compiled regular expression literal (`/ab+c/i`).
pub(crate) struct Matcher {
    source: String,
    regex: regex::Regex,
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/", self.source)
    }
}

/// One match: byte offsets in the searched text, and the capture groups.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) groups: Vec<Option<String>>,
}

impl Matcher {
    pub(crate) fn new(pattern: &str, flags: &str) -> Result<Self, String> {
        let translated = translate(pattern)?;
        let mut builder = regex::RegexBuilder::new(&translated);
        builder
            .case_insensitive(flags.contains('i'))
            .multi_line(flags.contains('m'))
            .size_limit(1 << 20)
            .dfa_size_limit(1 << 20)
            .nest_limit(100);
        let regex = builder
            .build()
            .map_err(|error| format!("invalid regular expression /{pattern}/: {error}"))?;
        Ok(Matcher {
            source: pattern.to_string(),
            regex,
        })
    }

    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// The first match at or after byte offset `from`.
    pub(crate) fn find_at(&self, text: &str, from: usize) -> Option<Found> {
        if from > text.len() || !text.is_char_boundary(from) {
            return None;
        }
        let captures = self.regex.captures_at(text, from)?;
        let whole = captures.get(0)?;
        let groups = captures
            .iter()
            .skip(1)
            .map(|group| group.map(|m| m.as_str().to_string()))
            .collect();
        Some(Found {
            start: whole.start(),
            end: whole.end(),
            groups,
        })
    }
}

/// Rewrites JavaScript regex syntax into the `regex` crate's dialect.
fn translate(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    return Err(format!(
                        "invalid regular expression /{pattern}/: trailing backslash"
                    ));
                };
                match escaped {
                    'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    'D' => out.push_str(if in_class { "\\D" } else { "[^0-9]" }),
                    'w' => out.push_str(if in_class {
                        "0-9A-Za-z_"
                    } else {
                        "[0-9A-Za-z_]"
                    }),
                    'W' => out.push_str(if in_class { "\\W" } else { "[^0-9A-Za-z_]" }),
                    'u' => {
                        let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                        if hex.len() != 4 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                            return Err(format!(
                                "invalid regular expression /{pattern}/: bad \\u escape"
                            ));
                        }
                        let _ = write!(out, "\\x{{{hex}}}");
                    }
                    '0' => out.push_str("\\x00"),
                    '1'..='9' => {
                        return Err(format!(
                            "unsupported regular expression /{pattern}/: backreferences are not supported"
                        ));
                    }
                    'c' => {
                        let letter = chars.next().unwrap_or('@');
                        let _ = write!(out, "\\x{{{:x}}}", u32::from(letter) % 32);
                    }
                    other if other.is_ascii_alphanumeric() => {
                        out.push('\\');
                        out.push(other);
                    }
                    other => {
                        // Any other escaped character stands for itself.
                        out.push_str(&regex::escape(&other.to_string()));
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    if chars.peek() == Some(&']') {
                        // `[^]` matches any character.
                        chars.next();
                        out.push_str("\\s\\S]");
                        in_class = false;
                        continue;
                    }
                    out.push('^');
                }
                if chars.peek() == Some(&']') {
                    // `[]` matches nothing.
                    chars.next();
                    out.push_str("^\\s\\S]");
                    in_class = false;
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("?=")
                    || rest.starts_with("?!")
                    || rest.starts_with("?<=")
                    || rest.starts_with("?<!")
                {
                    return Err(format!(
                        "unsupported regular expression /{pattern}/: look-around assertions are not supported"
                    ));
                }
                out.push('(');
            }
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
