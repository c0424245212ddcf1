//! How a scalar's value is written in the YAML text, so that a position inside the value
//! (a JSONata error, a problem inside a `DefinitionString`) can be shown where it is written.

use saphyr_parser::ScalarStyle;

use crate::source::Span;

/// How a scalar's characters relate to its value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::source) enum Layout {
    /// Not character for character (escapes, folded flow lines), or not a scalar.
    #[default]
    Unknown,
    /// Plain, or quoted without escapes or line folding: the value's characters are written
    /// from this offset on.
    Verbatim(usize),
    /// A block scalar (`|` or `>`) whose lines write the value: an index into the
    /// document's line tables ([`LineRun`]s).
    Lines(usize),
}

/// One line of a block scalar: `len` bytes of the value from `value` on are written from
/// `source` on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::source) struct LineRun {
    value: usize,
    source: usize,
    len: usize,
}

/// The layout of a scalar at `span` of `text` whose value is `value`; a block scalar's
/// line table is pushed on `tables`.
pub(in crate::source) fn layout(
    text: &str,
    span: Span,
    value: &str,
    style: ScalarStyle,
    tables: &mut Vec<Vec<LineRun>>,
) -> Layout {
    let found = match style {
        ScalarStyle::Plain => text
            .get(span.start..span.end)
            .filter(|source| *source == value)
            .map(|_| Layout::Verbatim(span.start)),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => text
            .get(span.start..span.end)
            .and_then(|source| source.get(1..source.len().checked_sub(1)?))
            .filter(|inner| *inner == value)
            .map(|_| Layout::Verbatim(span.start + 1)),
        ScalarStyle::Literal | ScalarStyle::Folded => {
            block_lines(text, span, value, style == ScalarStyle::Folded).map(|runs| {
                tables.push(runs);
                Layout::Lines(tables.len() - 1)
            })
        }
    };
    found.unwrap_or_default()
}

/// The span `offset` bytes into the value of a scalar placed at `value` with `layout`: from
/// there to the end of the value (verbatim) or of the line (block scalar). `None` when the
/// layout does not say, or the offset lies past the value.
pub(in crate::source) fn inside(
    layout: Layout,
    value: Span,
    tables: &[Vec<LineRun>],
    offset: usize,
) -> Option<Span> {
    match layout {
        Layout::Unknown => None,
        Layout::Verbatim(start) => {
            let at = start.checked_add(offset).filter(|at| *at < value.end)?;
            let end = if value.end > start && start > value.start {
                // Quoted: stop before the closing quote.
                value.end - 1
            } else {
                value.end
            };
            Some(Span::new(at, end.max(at)))
        }
        Layout::Lines(table) => {
            let runs = tables.get(table)?;
            let index = runs
                .partition_point(|run| run.value <= offset)
                .checked_sub(1)?;
            let run = runs.get(index)?;
            let line_end = run.source + run.len;
            // At the line break after the run (or folded into a space): its end.
            let at = (run.source + (offset - run.value)).min(line_end);
            Some(Span::new(at, line_end))
        }
    }
}

/// The lines of the block scalar at `span` that write `value`, or `None` if they do not
/// (an indentation indicator this reading does not follow, a line it misreads): the layout
/// is checked against the value, never assumed.
fn block_lines(text: &str, span: Span, value: &str, folded: bool) -> Option<Vec<LineRun>> {
    let scalar = text.get(span.start..span.end)?;
    // The content starts on the line after the header (`|`, `>-`, `|2` and any comment).
    // The parser's span starts at the header after a tag, else at the first content
    // character.
    let body_start = if scalar.starts_with(['|', '>']) {
        span.start + scalar.find('\n')? + 1
    } else {
        text.get(..span.start)?.rfind('\n').map_or(0, |at| at + 1)
    };
    let body = text.get(body_start..span.end)?;
    let indent = body
        .split('\n')
        .find(|line| {
            !line
                .trim_end_matches('\r')
                .trim_start_matches(' ')
                .is_empty()
        })
        .map(|line| line.len() - line.trim_start_matches(' ').len())?;
    let mut runs = Vec::new();
    let mut written = 0;
    let mut line_start = body_start;
    for line in body.split_inclusive('\n') {
        let source_start = line_start;
        line_start += line.len();
        let line = line.trim_end_matches('\n').trim_end_matches('\r');
        let rest = value.get(written..)?;
        if line.len() <= indent && line.bytes().all(|byte| byte == b' ') {
            // An empty line: a line break of its own, or (folded) none.
            if rest.starts_with('\n') {
                written += 1;
            }
            continue;
        }
        let leading = line.len() - line.trim_start_matches(' ').len();
        if leading < indent {
            // Less indented: the scalar has ended (a comment or the next key after it).
            break;
        }
        let content = line.get(indent..)?;
        if !rest.starts_with(content) {
            return None;
        }
        runs.push(LineRun {
            value: written,
            source: source_start + indent,
            len: content.len(),
        });
        written += content.len();
        let after = value.get(written..)?;
        if after.starts_with('\n') || (folded && after.starts_with(' ')) {
            written += 1;
        }
    }
    (written >= value.trim_end_matches('\n').len() && !runs.is_empty()).then_some(runs)
}

#[cfg(test)]
mod tests {
    use super::{Layout, inside, layout};
    use crate::source::Span;
    use saphyr_parser::ScalarStyle;

    /// The text `offset` bytes into the block scalar that starts at the first `|` or `>`
    /// of `text`, to the end of its line.
    fn at(text: &str, value: &str, style: ScalarStyle, offset: usize) -> Option<String> {
        let start = text.find(['|', '>']).expect("a header");
        let span = Span::new(start, text.len());
        let mut tables = Vec::new();
        let found = layout(text, span, value, style, &mut tables);
        let inner = inside(found, span, &tables, offset)?;
        Some(text[inner.start..inner.end].to_owned())
    }

    #[test]
    fn literal_lines_are_placed_line_by_line() {
        let text = "A: |\n  {\"StartAt\": \"W\",\n\n   \"States\": {}}\n";
        let value = "{\"StartAt\": \"W\",\n\n \"States\": {}}\n";
        let literal = ScalarStyle::Literal;
        assert_eq!(
            at(text, value, literal, 0).as_deref(),
            Some("{\"StartAt\": \"W\",")
        );
        assert_eq!(at(text, value, literal, 12).as_deref(), Some("\"W\","));
        // After the empty line, with the line's extra indentation kept.
        let states = value.find("\"States\"").expect("there");
        assert_eq!(
            at(text, value, literal, states).as_deref(),
            Some("\"States\": {}}")
        );
        assert_eq!(
            at(text, value, literal, states - 1).as_deref(),
            Some(" \"States\": {}}")
        );
    }

    #[test]
    fn untagged_block_scalars_start_at_their_content() {
        // Without a tag the parser's span starts at the first content character.
        let text = "A: |\n  one\n  two\n";
        let span = Span::new(text.find("one").expect("there"), text.len());
        let mut tables = Vec::new();
        let found = layout(text, span, "one\ntwo\n", ScalarStyle::Literal, &mut tables);
        let inner = inside(found, span, &tables, 5).expect("inside");
        assert_eq!(&text[inner.start..inner.end], "wo");
    }

    #[test]
    fn what_follows_a_block_scalar_is_not_part_of_it() {
        // The parser's span may run on to the next key, over a comment.
        let text = "A: |\n  one\n  two\n# about B\nB: 1\n";
        let span = Span::new(3, text.find("B:").expect("there"));
        let mut tables = Vec::new();
        let found = layout(text, span, "one\ntwo\n", ScalarStyle::Literal, &mut tables);
        let inner = inside(found, span, &tables, 4).expect("inside");
        assert_eq!(&text[inner.start..inner.end], "two");
    }

    #[test]
    fn folded_lines_are_placed_line_by_line() {
        let text = "A: >-\n  {\"StartAt\": \"W\",\n  \"States\": {}}\n";
        let value = "{\"StartAt\": \"W\", \"States\": {}}";
        let states = value.find("\"States\"").expect("there");
        assert_eq!(
            at(text, value, ScalarStyle::Folded, states).as_deref(),
            Some("\"States\": {}}")
        );
    }

    #[test]
    fn layouts_that_do_not_write_the_value_are_unknown() {
        let text = "A: |\n  one\n  two\n";
        let span = Span::new(3, text.len());
        let mut tables = Vec::new();
        // A value the lines do not write (as if an indicator were misread).
        assert_eq!(
            layout(text, span, "one\n two\n", ScalarStyle::Literal, &mut tables),
            Layout::Unknown
        );
        assert!(tables.is_empty());
        assert_eq!(
            layout(text, span, "one\ntwo\n", ScalarStyle::Literal, &mut tables),
            Layout::Lines(0)
        );
        // Quoted with escapes: not verbatim.
        let text = r#"A: "a\"b""#;
        let span = Span::new(3, text.len());
        assert_eq!(
            layout(text, span, "a\"b", ScalarStyle::DoubleQuoted, &mut tables),
            Layout::Unknown
        );
        assert_eq!(inside(Layout::Unknown, span, &tables, 0), None);
    }
}
