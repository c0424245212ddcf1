//! Dotted field paths (`order.id`, `items[0].sku`) written as JSONPath or JSONata, with
//! names that are not plain identifiers quoted as each language needs.

/// `root.path` as JSONPath (`root` is `$` or `$$`): a name other than letters, digits,
/// `_` and `-` is written in brackets (`$['unit price']`).
pub(super) fn json_path(root: &str, path: &str) -> String {
    let mut text = String::with_capacity(root.len() + path.len() + 1);
    text.push_str(root);
    for segment in path.split('.') {
        if split(segment).is_some() {
            text.push('.');
            text.push_str(segment);
        } else {
            text.push_str("['");
            for c in segment.chars() {
                if matches!(c, '\'' | '\\') {
                    text.push('\\');
                }
                text.push(c);
            }
            text.push_str("']");
        }
    }
    text
}

/// ` prefix path ` as the body of a JSONata expression: a name that is not an identifier
/// is written in backquotes (`` $states.input.`order-id` ``).
pub(super) fn jsonata(prefix: &str, path: &str) -> String {
    let mut text = String::with_capacity(prefix.len() + path.len() + 2);
    text.push(' ');
    text.push_str(prefix);
    for (index, segment) in path.split('.').enumerate() {
        if index > 0 {
            text.push('.');
        }
        match split(segment) {
            Some((name, indices)) if is_identifier(name) || name.is_empty() => {
                text.push_str(name);
                text.push_str(indices);
            }
            Some((name, indices)) => {
                text.push('`');
                text.push_str(name);
                text.push('`');
                text.push_str(indices);
            }
            None => {
                text.push('`');
                text.push_str(segment);
                text.push('`');
            }
        }
    }
    text.push(' ');
    text
}

/// A segment's name and its array indices (`items[0][1]` gives `items` and `[0][1]`), if
/// the name has only letters, digits, `_` and `-` and the indices are numbers.
fn split(segment: &str) -> Option<(&str, &str)> {
    let end = segment.find('[').unwrap_or(segment.len());
    let (name, mut indices) = segment.split_at(end);
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    {
        return None;
    }
    let all = indices;
    while !indices.is_empty() {
        let inner = indices.strip_prefix('[')?;
        let close = inner.find(']')?;
        let (digits, rest) = inner.split_at(close);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        indices = rest.get(1..)?;
    }
    Some((name, all))
}

/// Whether JSONata reads `name` as a field name without backquotes.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::{json_path, jsonata};

    #[test]
    fn plain_paths_are_written_as_given() {
        assert_eq!(json_path("$", "order.id"), "$.order.id");
        assert_eq!(json_path("$", "items[0].sku"), "$.items[0].sku");
        assert_eq!(json_path("$", "order-id"), "$.order-id");
        assert_eq!(
            jsonata("$states.input.", "items[0].sku"),
            " $states.input.items[0].sku "
        );
    }

    #[test]
    fn other_names_are_quoted_per_language() {
        assert_eq!(json_path("$", "unit price"), "$['unit price']");
        assert_eq!(
            json_path("$", "line.unit price.net"),
            "$.line['unit price'].net"
        );
        assert_eq!(json_path("$", "it's"), r"$['it\'s']");
        assert_eq!(json_path("$$", "Map.Item Value"), "$$.Map['Item Value']");
        assert_eq!(
            jsonata("$states.input.", "order-id"),
            " $states.input.`order-id` "
        );
        assert_eq!(
            jsonata("$states.input.", "2fa[1]"),
            " $states.input.`2fa`[1] "
        );
        assert_eq!(
            jsonata("$states.input.", "line.unit price"),
            " $states.input.line.`unit price` "
        );
    }
}
