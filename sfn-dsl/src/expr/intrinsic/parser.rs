//! The parser of intrinsic function calls.

use serde_json::{Number, Value};

use super::{Arg, Call, StringLiteral, catalogue};
use crate::expr::{Cursor, SyntaxError, describe, jsonpath};
use crate::suggest;

/// Nesting beyond this is a syntax error, which keeps recursion bounded; [`super::check`]
/// reports AWS's smaller limit separately.
const PARSE_DEPTH_LIMIT: usize = 64;

pub(super) fn parse_call(text: &str) -> Result<Call, SyntaxError> {
    let mut cursor = Cursor::new(text);
    if cursor.peek().is_some_and(char::is_whitespace) {
        return Err(
            SyntaxError::new(0, "an intrinsic function call cannot start with whitespace")
                .with_hint("remove the leading whitespace"),
        );
    }
    let call = call(&mut cursor, 1)?;
    if !cursor.is_at_end() {
        let error = SyntaxError::new(
            cursor.position(),
            format!(
                "unexpected {} after the closing parenthesis",
                describe(cursor.peek())
            ),
        );
        return Err(if cursor.rest().trim().is_empty() {
            error.with_hint("remove the trailing whitespace")
        } else {
            error
        });
    }
    Ok(call)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_'
}

fn call(cursor: &mut Cursor<'_>, depth: usize) -> Result<Call, SyntaxError> {
    let start = cursor.position();
    if depth > PARSE_DEPTH_LIMIT {
        return Err(SyntaxError::new(
            start,
            format!("intrinsic functions nest more than {PARSE_DEPTH_LIMIT} levels deep"),
        ));
    }
    let name = cursor.take_while(is_name_char);
    if name.is_empty() {
        return Err(SyntaxError::new(
            start,
            format!(
                "expected an intrinsic function name such as `States.Format`, found {}",
                describe(cursor.peek())
            ),
        ));
    }
    if !cursor.eat('(') {
        let error = SyntaxError::new(
            cursor.position(),
            format!(
                "expected `(` after the function name `{name}`, found {}",
                describe(cursor.peek())
            ),
        );
        return Err(if cursor.peek().is_some_and(char::is_whitespace) {
            error.with_hint("remove the space before `(`")
        } else if catalogue::function(name).is_some() || name.starts_with("States.") {
            error
        } else if let Some(candidate) =
            suggest::closest(name, catalogue::FUNCTIONS.iter().map(|f| f.name))
        {
            error.with_hint(format!("did you mean `{candidate}(…)`?"))
        } else {
            error.with_hint(
                "a value that is not a path must be an intrinsic call such as States.Format('…')",
            )
        });
    }
    let mut args = Vec::new();
    let mut arg_spans = Vec::new();
    cursor.skip_whitespace();
    if !cursor.eat(')') {
        loop {
            cursor.skip_whitespace();
            let arg_start = cursor.position();
            args.push(arg(cursor, depth)?);
            arg_spans.push(arg_start..cursor.position());
            cursor.skip_whitespace();
            if cursor.eat(')') {
                break;
            }
            if !cursor.eat(',') {
                let error = SyntaxError::new(
                    cursor.position(),
                    format!("expected `,` or `)`, found {}", describe(cursor.peek())),
                );
                return Err(if cursor.is_at_end() {
                    error.with_hint(format!("close the call to `{name}` with `)`"))
                } else {
                    error
                });
            }
        }
    }
    Ok(Call {
        name: name.to_owned(),
        args,
        span: start..cursor.position(),
        arg_spans,
    })
}

fn arg(cursor: &mut Cursor<'_>, depth: usize) -> Result<Arg, SyntaxError> {
    let start = cursor.position();
    match cursor.peek() {
        Some('\'') => string(cursor).map(Arg::String),
        Some('$') => path(cursor).map(Arg::Path),
        Some(c) if c == '-' || c.is_ascii_digit() => number(cursor).map(Arg::Number),
        Some(c) if is_name_char(c) => {
            let word = cursor.take_while(is_name_char);
            if cursor.peek() == Some('(') {
                cursor.set_position(start);
                return call(cursor, depth + 1).map(Arg::Call);
            }
            match word {
                "true" => Ok(Arg::Bool(true)),
                "false" => Ok(Arg::Bool(false)),
                "null" => Ok(Arg::Null),
                _ => Err(
                    SyntaxError::new(start, format!("`{word}` is not a valid argument")).with_hint(
                        "arguments are 'strings', numbers, true, false, null, paths ($.x) or calls",
                    ),
                ),
            }
        }
        Some('"') => Err(SyntaxError::new(
            start,
            "strings in intrinsic functions use single quotes",
        )
        .with_hint("write 'text' instead of \"text\"")),
        Some(')') => Err(SyntaxError::new(start, "expected an argument after `,`")),
        _ => Err(SyntaxError::new(
            start,
            format!("expected an argument, found {}", describe(cursor.peek())),
        )),
    }
}

fn string(cursor: &mut Cursor<'_>) -> Result<StringLiteral, SyntaxError> {
    let open = cursor.position();
    cursor.bump();
    let start = cursor.position();
    loop {
        let here = cursor.position();
        match cursor.bump() {
            None => {
                return Err(SyntaxError::new(
                    open,
                    "the string opened here is never closed with `'`",
                )
                .with_hint("write a quote inside a string as \\'"));
            }
            Some('\'') => break,
            Some('\\') => match cursor.bump() {
                Some('\'' | '{' | '}' | '\\') => {}
                None => {
                    return Err(SyntaxError::new(
                        open,
                        "the string opened here is never closed with `'`",
                    ));
                }
                other => {
                    let error = SyntaxError::new(
                        here,
                        format!(
                            "invalid escape `\\{}` in a string; only \\', \\{{, \\}} and \\\\ are allowed",
                            other.map(String::from).unwrap_or_default()
                        ),
                    );
                    return Err(match other {
                        Some('"') => error.with_hint("a double quote needs no backslash here"),
                        Some('n' | 't' | 'r') => error.with_hint(
                            "write the character itself (in JSON source, \\n inside the string value)",
                        ),
                        _ => error.with_hint("write a backslash as \\\\"),
                    });
                }
            },
            Some(_) => {}
        }
    }
    let raw = cursor
        .text()
        .get(start..cursor.position() - 1)
        .unwrap_or_default();
    Ok(StringLiteral::from_raw(raw))
}

/// A path argument runs to the next `,` or `)` outside brackets, parentheses and quotes.
fn path(cursor: &mut Cursor<'_>) -> Result<jsonpath::Path, SyntaxError> {
    let start = cursor.position();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    while let Some(c) = cursor.peek() {
        if let Some(open) = quote {
            cursor.bump();
            if c == '\\' {
                cursor.bump();
            } else if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' if depth > 0 => quote = Some(c),
            '[' | '(' => depth += 1,
            ']' | ')' if depth > 0 => depth -= 1,
            ',' | ')' if depth == 0 => break,
            c if c.is_whitespace() && depth == 0 => break,
            '\\' => {
                cursor.bump();
            }
            _ => {}
        }
        cursor.bump();
    }
    let text = cursor
        .text()
        .get(start..cursor.position())
        .unwrap_or_default();
    jsonpath::parse(text).map_err(|error| error.shifted(start))
}

fn number(cursor: &mut Cursor<'_>) -> Result<Number, SyntaxError> {
    let start = cursor.position();
    let text = cursor.take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(number)) => Ok(number),
        _ => Err(SyntaxError::new(
            start,
            format!("`{text}` is not a valid number"),
        )),
    }
}
