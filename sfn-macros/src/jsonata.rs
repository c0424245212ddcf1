//! JSONata spelling helpers shared by the derive and the workflow compiler.

use std::fmt::Write as _;

/// A JSONata string literal (single quotes).
pub(crate) fn string_literal(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for c in text.chars() {
        match c {
            '\'' => quoted.push_str("\\'"),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04x}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('\'');
    quoted
}

/// Whether a name can follow a dot unquoted.
pub(crate) fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `.name`, or ``.`odd name` ``.
pub(crate) fn field_suffix(name: &str) -> String {
    if is_plain_name(name) {
        format!(".{name}")
    } else {
        format!(".`{name}`")
    }
}

#[cfg(test)]
mod tests {
    use super::{field_suffix, string_literal};

    #[test]
    fn spelling() {
        assert_eq!(string_literal("it's"), "'it\\'s'");
        assert_eq!(field_suffix("a-b"), ".`a-b`");
        assert_eq!(field_suffix("ab"), ".ab");
    }
}
