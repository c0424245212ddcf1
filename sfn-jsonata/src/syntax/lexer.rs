//! Tokenizer: turns expression text into tokens with byte offsets.

use std::sync::Arc;

use crate::error::SyntaxError;

/// A literal `true`, `false` or `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Literal {
    True,
    False,
    Null,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TokenKind {
    Name(Arc<str>),
    Variable(Arc<str>),
    String(Arc<str>),
    Number(f64),
    Value(Literal),
    Regex { pattern: Arc<str>, flags: Arc<str> },
    Operator(&'static str),
    End,
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    /// Byte offset of the token's first character.
    pub(crate) start: usize,
}

impl Token {
    pub(crate) fn operator(&self) -> Option<&'static str> {
        match self.kind {
            TokenKind::Operator(op) => Some(op),
            _ => None,
        }
    }

    pub(crate) fn is(&self, op: &str) -> bool {
        self.operator() == Some(op)
    }

    /// Text of the token for error messages.
    pub(crate) fn describe(&self) -> String {
        match &self.kind {
            TokenKind::Name(name) => name.to_string(),
            TokenKind::Variable(name) => format!("${name}"),
            TokenKind::String(text) => format!("\"{text}\""),
            TokenKind::Number(number) => crate::value::number::format_js(*number),
            TokenKind::Value(Literal::True) => "true".to_string(),
            TokenKind::Value(Literal::False) => "false".to_string(),
            TokenKind::Value(Literal::Null) => "null".to_string(),
            TokenKind::Regex { pattern, .. } => format!("/{pattern}/"),
            TokenKind::Operator(op) => (*op).to_string(),
            TokenKind::End => "(end)".to_string(),
        }
    }
}

const TWO_CHAR_OPERATORS: [&str; 7] = ["..", ":=", "!=", ">=", "<=", "**", "~>"];
const ONE_CHAR_OPERATORS: &str = ".[]{}(),@#;:?+-*/%|=<>^&!~";

fn one_char_operator(ch: char) -> Option<&'static str> {
    Some(match ch {
        '.' => ".",
        '[' => "[",
        ']' => "]",
        '{' => "{",
        '}' => "}",
        '(' => "(",
        ')' => ")",
        ',' => ",",
        '@' => "@",
        '#' => "#",
        ';' => ";",
        ':' => ":",
        '?' => "?",
        '+' => "+",
        '-' => "-",
        '*' => "*",
        '/' => "/",
        '%' => "%",
        '|' => "|",
        '=' => "=",
        '<' => "<",
        '>' => ">",
        '^' => "^",
        '&' => "&",
        '!' => "!",
        '~' => "~",
        _ => return None,
    })
}

fn is_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{b}')
}

pub(crate) struct Lexer<'a> {
    source: &'a str,
    position: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Lexer {
            source,
            position: 0,
        }
    }

    fn rest(&self) -> &'a str {
        self.source.get(self.position..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The next token. `infix` is true right after an operand, where `/` divides;
    /// elsewhere `/` starts a regular expression.
    pub(crate) fn next_token(&mut self, infix: bool) -> Result<Token, SyntaxError> {
        loop {
            while self.peek().is_some_and(is_space) {
                self.position += 1;
            }
            if self.rest().starts_with("/*") {
                let start = self.position;
                match self.rest().get(2..).and_then(|rest| rest.find("*/")) {
                    Some(end) => self.position += end + 4,
                    None => {
                        return Err(SyntaxError::new(
                            "S0106",
                            start,
                            "comment has no closing tag",
                        ));
                    }
                }
                continue;
            }
            break;
        }
        let start = self.position;
        let Some(ch) = self.peek() else {
            return Ok(Token {
                kind: TokenKind::End,
                start,
            });
        };
        if !infix && ch == '/' {
            self.position += 1;
            return self.regex(start);
        }
        if let Some(op) = TWO_CHAR_OPERATORS
            .iter()
            .find(|op| self.rest().starts_with(**op))
        {
            self.position += 2;
            return Ok(Token {
                kind: TokenKind::Operator(op),
                start,
            });
        }
        if let Some(op) = one_char_operator(ch) {
            self.position += 1;
            return Ok(Token {
                kind: TokenKind::Operator(op),
                start,
            });
        }
        if ch == '"' || ch == '\'' {
            self.position += 1;
            return self.string(ch, start);
        }
        if ch.is_ascii_digit() {
            return self.number(start);
        }
        if ch == '`' {
            let rest = self.rest().get(1..).unwrap_or("");
            return match rest.find('`') {
                Some(end) => {
                    let name = rest.get(..end).unwrap_or("");
                    self.position += end + 2;
                    Ok(Token {
                        kind: TokenKind::Name(Arc::from(name)),
                        start,
                    })
                }
                None => Err(SyntaxError::new(
                    "S0105",
                    start,
                    "quoted property name must be terminated with a backquote (`)",
                )),
            };
        }
        let rest = self.rest();
        let end = rest
            .char_indices()
            .find(|(_, c)| is_space(*c) || ONE_CHAR_OPERATORS.contains(*c))
            .map_or(rest.len(), |(index, _)| index);
        let word = rest.get(..end).unwrap_or("");
        self.position += end;
        let kind = if let Some(name) = word.strip_prefix('$') {
            TokenKind::Variable(Arc::from(name))
        } else {
            match word {
                "and" => TokenKind::Operator("and"),
                "or" => TokenKind::Operator("or"),
                "in" => TokenKind::Operator("in"),
                "true" => TokenKind::Value(Literal::True),
                "false" => TokenKind::Value(Literal::False),
                "null" => TokenKind::Value(Literal::Null),
                _ => TokenKind::Name(Arc::from(word)),
            }
        };
        Ok(Token { kind, start })
    }

    fn string(&mut self, quote: char, start: usize) -> Result<Token, SyntaxError> {
        let mut text = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((index, ch)) = chars.next() {
            if ch == quote {
                self.position += index + 1;
                return Ok(Token {
                    kind: TokenKind::String(Arc::from(text)),
                    start,
                });
            }
            if ch != '\\' {
                text.push(ch);
                continue;
            }
            let escape_at = self.position + index;
            let Some((_, escaped)) = chars.next() else {
                break;
            };
            match escaped {
                '"' => text.push('"'),
                '\\' => text.push('\\'),
                '/' => text.push('/'),
                'b' => text.push('\u{8}'),
                'f' => text.push('\u{c}'),
                'n' => text.push('\n'),
                'r' => text.push('\r'),
                't' => text.push('\t'),
                'u' => {
                    let unit = hex4(&mut chars).ok_or_else(|| invalid_unicode(escape_at))?;
                    if (0xD800..0xDC00).contains(&unit) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        let mut lookahead = chars.clone();
                        let low = match (lookahead.next(), lookahead.next()) {
                            (Some((_, '\\')), Some((_, 'u'))) => hex4(&mut lookahead),
                            _ => None,
                        }
                        .filter(|low| (0xDC00..0xE000).contains(low))
                        .ok_or_else(|| invalid_unicode(escape_at))?;
                        chars = lookahead;
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        text.push(char::from_u32(code).ok_or_else(|| invalid_unicode(escape_at))?);
                    } else {
                        text.push(char::from_u32(unit).ok_or_else(|| invalid_unicode(escape_at))?);
                    }
                }
                other => {
                    return Err(SyntaxError::new(
                        "S0103",
                        escape_at,
                        format!("unsupported escape sequence: \\{other}"),
                    ));
                }
            }
        }
        Err(SyntaxError::new(
            "S0101",
            start,
            "string literal must be terminated by a matching quote",
        ))
    }

    fn number(&mut self, start: usize) -> Result<Token, SyntaxError> {
        let bytes = self.rest().as_bytes();
        let digits = |from: usize| {
            bytes
                .iter()
                .skip(from)
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut end = if bytes.first() == Some(&b'0') {
            1
        } else {
            digits(0)
        };
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1 + digits(end + 1);
        }
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
            let exponent_digits = digits(end + 1 + sign);
            if exponent_digits > 0 {
                end += 1 + sign + exponent_digits;
            }
        }
        let text = self.rest().get(..end).unwrap_or("");
        let number: f64 = text.parse().unwrap_or(f64::NAN);
        if !number.is_finite() {
            return Err(SyntaxError::new(
                "S0102",
                start,
                format!("number out of range: {text}"),
            ));
        }
        self.position += end;
        Ok(Token {
            kind: TokenKind::Number(number),
            start,
        })
    }

    fn regex(&mut self, start: usize) -> Result<Token, SyntaxError> {
        let body_start = self.position;
        let bytes = self.source.as_bytes();
        let mut depth: i32 = 0;
        let mut position = body_start;
        while let Some(&byte) = bytes.get(position) {
            let escaped = position > 0 && bytes.get(position - 1) == Some(&b'\\');
            if byte == b'/' && depth == 0 {
                let backslashes = bytes
                    .get(..position)
                    .unwrap_or(&[])
                    .iter()
                    .rev()
                    .take_while(|b| **b == b'\\')
                    .count();
                if backslashes % 2 == 0 {
                    let pattern = self.source.get(body_start..position).unwrap_or("");
                    if pattern.is_empty() {
                        return Err(SyntaxError::new(
                            "S0301",
                            start,
                            "empty regular expressions are not allowed",
                        ));
                    }
                    position += 1;
                    let flags_start = position;
                    while matches!(bytes.get(position), Some(b'i' | b'm')) {
                        position += 1;
                    }
                    let flags = self.source.get(flags_start..position).unwrap_or("");
                    self.position = position;
                    return Ok(Token {
                        kind: TokenKind::Regex {
                            pattern: Arc::from(pattern),
                            flags: Arc::from(flags),
                        },
                        start,
                    });
                }
            }
            if matches!(byte, b'(' | b'[' | b'{') && !escaped {
                depth += 1;
            }
            if matches!(byte, b')' | b']' | b'}') && !escaped {
                depth -= 1;
            }
            position += 1;
        }
        Err(SyntaxError::new(
            "S0302",
            start,
            "no terminating / in regular expression",
        ))
    }
}

fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut unit = 0;
    for _ in 0..4 {
        let (_, ch) = chars.next()?;
        unit = unit * 16 + ch.to_digit(16)?;
    }
    Some(unit)
}

fn invalid_unicode(offset: usize) -> SyntaxError {
    SyntaxError::new(
        "S0104",
        offset,
        "the escape sequence \\u must be followed by 4 hex digits (surrogates in pairs)",
    )
}
