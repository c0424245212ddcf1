//! Source positions for diagnostics found on the model.

use super::diagnostic::{Anchor, Diagnostic};
use crate::source::{Document, Span};

/// Fills in span, line and column from the document, then sorts by position (stable, so
/// diagnostics at the same place keep the order the rules found them in).
pub(super) fn locate_all(document: &Document, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics.iter_mut() {
        let mut span = locate(document, &diagnostic.pointer, diagnostic.anchor);
        if let Some(offset) = diagnostic.inner_offset {
            span = inside_string(document.text(), span, offset);
        }
        diagnostic.span = Some(span);
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.map_or(0, |span| span.start));
    // In order, each column is counted on from the one before: a definition written on one
    // long line is read once, not once per diagnostic.
    let mut previous = None;
    for diagnostic in diagnostics.iter_mut() {
        let start = diagnostic.span.map_or(0, |span| span.start);
        let position = document.line_column_from(previous, start);
        previous = Some((start, position));
        diagnostic.line = Some(position.line);
        diagnostic.column = Some(position.column);
    }
}

/// The span of the key or value at `pointer`, or of the nearest ancestor that exists.
fn locate(document: &Document, pointer: &str, anchor: Anchor) -> Span {
    if anchor == Anchor::Key
        && let Some(span) = document.locate_key(pointer)
    {
        return span;
    }
    let mut current = pointer;
    loop {
        if let Some(span) = document.locate(current) {
            return span;
        }
        match current.rfind('/') {
            Some(cut) => current = &current[..cut],
            None => return document.root().span(),
        }
    }
}

/// The position `offset` bytes into the string whose JSON text is at `span`, when the string
/// has no escapes (so that its bytes are the source bytes); the whole string otherwise.
pub(super) fn inside_string(text: &str, span: Span, offset: usize) -> Span {
    let Some(source) = text.get(span.start..span.end) else {
        return span;
    };
    let plain = source.len() >= 2
        && source.starts_with('"')
        && source.ends_with('"')
        && !source.contains('\\');
    let position = span.start + 1 + offset;
    if plain && position < span.end && text.is_char_boundary(position) {
        Span::new(position, span.end - 1)
    } else {
        span
    }
}
