//! Literal values inside filters: JSON, with single-quoted strings allowed as Jayway (through
//! json-smart) allows them.

use serde_json::{Map, Number, Value};

use crate::expr::{Cursor, SyntaxError, describe};

/// How deeply array and object literals may nest.
const MAX_NESTING: usize = 64;

pub(super) fn parse_literal(cursor: &mut Cursor<'_>) -> Result<Value, SyntaxError> {
    value(cursor, 0)
}

fn value(cursor: &mut Cursor<'_>, nesting: usize) -> Result<Value, SyntaxError> {
    if nesting > MAX_NESTING {
        return Err(SyntaxError::new(
            cursor.position(),
            format!("a literal nests more than {MAX_NESTING} levels deep"),
        ));
    }
    cursor.skip_whitespace();
    let start = cursor.position();
    match cursor.peek() {
        Some(quote @ ('\'' | '"')) => string(cursor, quote).map(Value::String),
        Some('[') => {
            cursor.bump();
            let mut items = Vec::new();
            cursor.skip_whitespace();
            if cursor.eat(']') {
                return Ok(Value::Array(items));
            }
            loop {
                items.push(value(cursor, nesting + 1)?);
                cursor.skip_whitespace();
                if cursor.eat(']') {
                    return Ok(Value::Array(items));
                }
                if !cursor.eat(',') {
                    return Err(expected(cursor, "`,` or `]` in the array"));
                }
            }
        }
        Some('{') => {
            cursor.bump();
            let mut map = Map::new();
            cursor.skip_whitespace();
            if cursor.eat('}') {
                return Ok(Value::Object(map));
            }
            loop {
                cursor.skip_whitespace();
                let key = match cursor.peek() {
                    Some(quote @ ('\'' | '"')) => string(cursor, quote)?,
                    _ => return Err(expected(cursor, "a quoted key")),
                };
                cursor.skip_whitespace();
                if !cursor.eat(':') {
                    return Err(expected(cursor, "`:` after the key"));
                }
                let item = value(cursor, nesting + 1)?;
                map.insert(key, item);
                cursor.skip_whitespace();
                if cursor.eat('}') {
                    return Ok(Value::Object(map));
                }
                if !cursor.eat(',') {
                    return Err(expected(cursor, "`,` or `}` in the object"));
                }
            }
        }
        Some(c) if c == '-' || c.is_ascii_digit() => number(cursor).map(Value::Number),
        Some(c) if c.is_alphabetic() || c == '_' => {
            let word = cursor.take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
            match word {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                "null" => Ok(Value::Null),
                // AWS's sample workflows compare with unquoted words
                // (`[?(@.TargetLanguageCode==es)]`), as old Jayway versions allowed: a bare
                // word is a string.
                _ if nesting == 0 => Ok(Value::String(word.to_owned())),
                _ => Err(SyntaxError::new(start, format!("`{word}` is not a value"))
                    .with_hint(format!("quote strings: '{word}'"))),
            }
        }
        _ => Err(expected(cursor, "a path or a value")),
    }
}

fn expected(cursor: &Cursor<'_>, what: &str) -> SyntaxError {
    SyntaxError::new(
        cursor.position(),
        format!("expected {what}, found {}", describe(cursor.peek())),
    )
}

/// A quoted string with JSON escapes, plus `\'`.
fn string(cursor: &mut Cursor<'_>, quote: char) -> Result<String, SyntaxError> {
    let open = cursor.position();
    cursor.bump();
    let mut text = String::new();
    loop {
        let Some(c) = cursor.bump() else {
            return Err(SyntaxError::new(
                open,
                format!("the string opened here is never closed with {quote}"),
            ));
        };
        if c == quote {
            return Ok(text);
        }
        if c != '\\' {
            text.push(c);
            continue;
        }
        let escape_start = cursor.position() - 1;
        match cursor.bump() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some('r') => text.push('\r'),
            Some('b') => text.push('\u{8}'),
            Some('f') => text.push('\u{c}'),
            Some('u') => {
                let digits = cursor.rest().get(..4).unwrap_or_default();
                let decoded = u32::from_str_radix(digits, 16)
                    .ok()
                    .and_then(char::from_u32);
                match decoded {
                    Some(decoded) if digits.len() == 4 => {
                        text.push(decoded);
                        cursor.eat_str(digits);
                    }
                    _ => {
                        return Err(SyntaxError::new(
                            escape_start,
                            "`\\u` must be followed by four hexadecimal digits of a character",
                        ));
                    }
                }
            }
            Some(other) => text.push(other),
            None => {
                return Err(SyntaxError::new(
                    open,
                    format!("the string opened here is never closed with {quote}"),
                ));
            }
        }
    }
}

fn number(cursor: &mut Cursor<'_>) -> Result<Number, SyntaxError> {
    let start = cursor.position();
    cursor.eat('-');
    cursor.take_while(|c| c.is_ascii_digit());
    if cursor.peek() == Some('.') {
        cursor.bump();
        cursor.take_while(|c| c.is_ascii_digit());
    }
    if matches!(cursor.peek(), Some('e' | 'E')) {
        cursor.bump();
        if matches!(cursor.peek(), Some('+' | '-')) {
            cursor.bump();
        }
        cursor.take_while(|c| c.is_ascii_digit());
    }
    let text = cursor
        .text()
        .get(start..cursor.position())
        .unwrap_or_default();
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(number)) => Ok(number),
        _ => Err(SyntaxError::new(
            start,
            format!("`{text}` is not a valid number"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::parse_literal;
    use crate::expr::Cursor;

    fn literal(text: &str) -> serde_json::Value {
        parse_literal(&mut Cursor::new(text)).unwrap()
    }

    #[test]
    fn json_and_single_quotes() {
        assert_eq!(
            literal("['M', \"L\", 1.5, -2, true, null]"),
            json!(["M", "L", 1.5, -2, true, null])
        );
        assert_eq!(literal("{'a': [1, {}]}"), json!({"a": [1, {}]}));
        assert_eq!(literal(r"'it\'s \u0041\n'"), json!("it's A\n"));
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(literal("Failure"), json!("Failure"));
        assert_eq!(literal("AMOUNT_PAID"), json!("AMOUNT_PAID"));
        let error = parse_literal(&mut Cursor::new("[Failure]")).unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (1, "`Failure` is not a value")
        );
        assert_eq!(error.hint.as_deref(), Some("quote strings: 'Failure'"));
        let error = parse_literal(&mut Cursor::new("[1 2]")).unwrap_err();
        assert_eq!(error.offset, 3);
        assert!(parse_literal(&mut Cursor::new("'abc")).is_err());
        assert!(parse_literal(&mut Cursor::new("-")).is_err());
        assert!(parse_literal(&mut Cursor::new(r"'\u12'")).is_err());
        let deep = "[".repeat(100);
        assert!(parse_literal(&mut Cursor::new(&deep)).is_err());
    }
}
