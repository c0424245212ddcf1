//! JSONata spelling helpers shared by the derive and the workflow compiler.

use std::fmt::Write as _;

/// A JSONata string literal with JSON's escapes: between single quotes, which read best
/// inside the JSON of a definition, or double quotes when the text holds a `'` (JSONata has
/// no `\'` escape).
pub(crate) fn string_literal(text: &str) -> String {
    let quote = if text.contains('\'') { '"' } else { '\'' };
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push(quote);
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c == quote => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04x}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push(quote);
    quoted
}

/// Whether a name can follow a dot unquoted: an identifier that JSONata does not read as a
/// value (`true`, `false`, `null`) or an operator (`and`, `or`, `in`).
pub(crate) fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "true" | "false" | "null" | "and" | "or" | "in")
}

/// `.name`, ``.`odd name` ``, or, for a name holding a backquote (which backquotes cannot
/// hold), a lookup step: `` .$lookup($, 'a`b') ``.
pub(crate) fn field_suffix(name: &str) -> String {
    if is_plain_name(name) {
        format!(".{name}")
    } else if name.contains('`') {
        format!(".$lookup($, {})", string_literal(name))
    } else {
        format!(".`{name}`")
    }
}

#[cfg(test)]
mod tests {
    use super::{field_suffix, string_literal};

    #[test]
    fn spelling() {
        assert_eq!(string_literal("it's"), r#""it's""#);
        assert_eq!(string_literal(r#"say "hi"\"#), r#"'say "hi"\\'"#);
        assert_eq!(string_literal("both ' and \""), r#""both ' and \"""#);
        assert_eq!(field_suffix("a-b"), ".`a-b`");
        assert_eq!(field_suffix("ab"), ".ab");
        assert_eq!(field_suffix("true"), ".`true`");
        assert_eq!(field_suffix("a`b"), ".$lookup($, 'a`b')");
    }
}
