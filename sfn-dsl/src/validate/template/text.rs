//! Placing a problem of a `DefinitionString` inside the template string (or `Fn::Join`
//! part) that holds it, character for character where the template allows.

use crate::source::{NodeValue, Span};
use crate::template::{InlineDefinition, Template, Text};
use crate::validate::diagnostic::Diagnostic;

/// The span in the template of `span` of the definition text, which lies in the piece
/// starting at `piece_start` and written by the template string at `piece_pointer`. The
/// definition's bare substitutions the reader quoted have two characters the template
/// does not have, each, and its edits their own length. `None` when the template does not
/// write the piece character for character (a YAML string with escapes, a value given by
/// a function).
pub(super) fn inside_piece(
    template: &Template,
    piece_pointer: &str,
    piece_start: usize,
    span: Span,
    definition: &InlineDefinition,
) -> Option<Span> {
    let written = |offset: usize| {
        let quotes = definition
            .deployed
            .iter()
            .map(|quoted| usize::from(quoted.start < offset) + usize::from(quoted.end - 1 < offset))
            .sum::<usize>();
        let mut written = offset.saturating_sub(quotes);
        for (edit, length) in &definition.edits {
            if edit.start < offset {
                // Inside an edit, as far into what the template writes as it goes.
                let into = (offset - edit.start).min(edit.end - edit.start);
                written = written.saturating_sub(into) + into.min(*length);
                if offset >= edit.end {
                    written += length.saturating_sub(into);
                }
            }
        }
        written
    };
    let start = written(span.start).checked_sub(written(piece_start))?;
    let end = written(span.end)
        .saturating_sub(written(piece_start))
        .max(start);
    match template.positions() {
        Text::Json => {
            let document = template.document();
            let node = document.node_at(piece_pointer)?;
            if !matches!(node.value(), NodeValue::String(_)) {
                return None;
            }
            let string = node.span();
            let body = document
                .text()
                .get(string.start + 1..string.end.checked_sub(1)?)?;
            let from = string.start + 1 + source_offset(body, start)?;
            let to = string.start + 1 + source_offset(body, end).unwrap_or(body.len());
            Some(Span::new(from, to.max(from)))
        }
        #[cfg(feature = "yaml")]
        Text::Yaml(yaml) => {
            let place = yaml.locate(piece_pointer)?;
            let from = yaml
                .locate_inside(piece_pointer, start)
                .filter(|inside| *inside != place)?;
            // The problem's own end, when the YAML writes it after its start.
            let to = yaml
                .locate_inside(piece_pointer, end)
                .map(|inside| inside.start)
                .filter(|to| *to > from.start && end > start)
                .unwrap_or(from.end);
            Some(Span::new(from.start, to))
        }
    }
}

/// Where in the definition's JSON `json` the placeholder an `unknown-substitution`
/// diagnostic names starts: its span's start, or, when the span is its whole string (which
/// has escapes), the place inside that string.
pub(super) fn placeholder_start(json: &str, diagnostic: &Diagnostic) -> Option<usize> {
    let span = diagnostic.span?;
    let Some(offset) = diagnostic.inner_offset else {
        return Some(span.start);
    };
    match json.get(span.start..span.end) {
        Some(string) if string.len() >= 2 && string.starts_with('"') => {
            let body = string.get(1..string.len() - 1)?;
            Some(span.start + 1 + source_offset(body, offset)?)
        }
        _ => Some(span.start),
    }
}

/// The offset in `body` (a JSON string's source, between its quotes) where the unescaped
/// string's byte `offset` is written; `None` past its end.
pub(super) fn source_offset(body: &str, offset: usize) -> Option<usize> {
    let mut unescaped = 0;
    let mut rest = body;
    while unescaped < offset {
        let character = rest.chars().next()?;
        let (written, read) = if character == '\\' {
            match rest.get(1..2)? {
                "u" => {
                    let code = u32::from_str_radix(rest.get(2..6)?, 16).ok()?;
                    // Half a surrogate pair: the pair is one four-byte character.
                    let bytes = char::from_u32(code).map_or(2, char::len_utf8);
                    (6, bytes)
                }
                _ => (2, 1),
            }
        } else {
            (character.len_utf8(), character.len_utf8())
        };
        unescaped += read;
        rest = rest.get(written..)?;
    }
    Some(body.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::source_offset;

    #[test]
    fn unescaped_offsets_map_to_the_source() {
        let body = r#"{\"A\": \"caf\u00e9 \ud83d\ude00\", \"B\": 1}"#;
        // `{"A": "café 😀", "B": 1}`
        assert_eq!(source_offset(body, 0), Some(0));
        assert_eq!(source_offset(body, 1), Some(1)); // the `"` written `\"`
        assert_eq!(source_offset(body, 2), Some(3)); // `A`
        // After `é` (two bytes, written `\u00e9`) and the emoji (four, two escapes).
        let b = r#"{"A": "café 😀", "#.len();
        assert_eq!(
            &body[source_offset(body, b).expect("inside")..],
            r#"\"B\": 1}"#
        );
        assert_eq!(source_offset(body, 100), None);
    }
}
