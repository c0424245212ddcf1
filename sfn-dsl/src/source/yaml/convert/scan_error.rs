//! The problem reported when the YAML parser itself refuses the text.

use crate::error::ParseIssueKind;
use crate::source::yaml::{CharOffsets, Problem};

/// A problem the YAML parser found.
pub(in crate::source::yaml) fn scan_problem(
    error: &saphyr_parser::ScanError,
    offsets: &CharOffsets<'_>,
) -> Problem {
    let span = offsets.span_at(*error.marker());
    // The parser has a nesting limit of its own, a little below ours.
    if error.info().contains("recursion limit") {
        return Problem {
            kind: ParseIssueKind::TooDeep,
            span,
            message: "mappings and sequences nest too deeply to be read safely".to_owned(),
            hint: None,
        };
    }
    let problem = Problem::syntax(
        span,
        format!("the text is not valid YAML: {}", error.info()),
    );
    // `{% … %}` unquoted: the `{` opened a flow mapping, and the `%` cannot follow it.
    let text = offsets.text;
    let jsonata = text
        .get(span.start..)
        .is_some_and(|rest| rest.starts_with('%'))
        && text
            .get(..span.start)
            .is_some_and(|before| before.ends_with('{'));
    if jsonata {
        problem.with_hint(
            "quote JSONata expressions in YAML (`Output: \"{% $states.input %}\"`): a bare `{` starts a mapping",
        )
    } else {
        problem
    }
}
