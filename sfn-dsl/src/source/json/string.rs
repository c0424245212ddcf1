//! String values: one copy for plain strings, unescaping and escape checks for the rest.

use super::{Fatal, Parser, scan};

impl Parser<'_> {
    fn hex4(&mut self) -> Result<u32, Fatal> {
        let start = self.position;
        let Some(hex) = self.text.get(start..start + 4) else {
            return Err(self.fail(
                start,
                self.bytes.len(),
                "incomplete `\\u` escape".to_owned(),
            ));
        };
        match u32::from_str_radix(hex, 16) {
            Ok(code) if hex.bytes().all(|byte| byte.is_ascii_hexdigit()) => {
                self.position += 4;
                Ok(code)
            }
            _ => Err(self.fail(start, start + 4, format!("invalid `\\u` escape `\\u{hex}`"))),
        }
    }

    pub(super) fn string(&mut self) -> Result<String, Fatal> {
        let start = self.position;
        self.position += 1;
        // Most strings have no escapes: copy them in one go.
        let end = scan::plain_run_end(self.bytes, self.position);
        if self.bytes.get(end) == Some(&b'"') {
            let text = self.text[self.position..end].to_owned();
            self.position = end + 1;
            return Ok(text);
        }
        let mut text = String::new();
        loop {
            let chunk_start = self.position;
            self.position = scan::plain_run_end(self.bytes, self.position);
            text.push_str(&self.text[chunk_start..self.position]);
            match self.bytes.get(self.position) {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    let escape_start = self.position;
                    self.position += 1;
                    let Some(&escape) = self.bytes.get(self.position) else {
                        return Err(self.fail(
                            start,
                            self.position,
                            "unterminated string".to_owned(),
                        ));
                    };
                    self.position += 1;
                    match escape {
                        b'"' => text.push('"'),
                        b'\\' => text.push('\\'),
                        b'/' => text.push('/'),
                        b'b' => text.push('\u{8}'),
                        b'f' => text.push('\u{c}'),
                        b'n' => text.push('\n'),
                        b'r' => text.push('\r'),
                        b't' => text.push('\t'),
                        b'u' => {
                            let code = self.unicode_escape(escape_start)?;
                            text.push(code);
                        }
                        _ => {
                            let shown = self.text[escape_start..]
                                .chars()
                                .take(2)
                                .collect::<String>();
                            return Err(self.fail(
                                escape_start,
                                escape_start + shown.len(),
                                format!("invalid escape `{shown}` in a string"),
                            ));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.fail(
                        self.position,
                        self.position + 1,
                        "control character in a string: escape it (`\\n`, `\\t`, `\\u0000`)"
                            .to_owned(),
                    ));
                }
                None => {
                    return Err(self.fail(start, self.position, "unterminated string".to_owned()));
                }
            }
        }
    }

    fn unicode_escape(&mut self, escape_start: usize) -> Result<char, Fatal> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.text[self.position..].starts_with("\\u") {
                self.position += 2;
                let second = self.hex4()?;
                if (0xDC00..0xE000).contains(&second) {
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    return Err(self.fail(
                        escape_start,
                        self.position,
                        "a high surrogate must be followed by a low surrogate".to_owned(),
                    ));
                }
            } else {
                return Err(self.fail(
                    escape_start,
                    self.position,
                    "lone surrogate in a `\\u` escape".to_owned(),
                ));
            }
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| {
            self.fail(
                escape_start,
                self.position,
                "lone surrogate in a `\\u` escape".to_owned(),
            )
        })
    }
}
