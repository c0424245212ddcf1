//! `DefinitionString`: the definition as JSON text, written as a string, an `Fn::Sub` or an
//! `Fn::Join`; each piece of the text remembers the template value it came from.

use super::error::{TemplateError, TemplateErrorKind};
use super::intrinsic::{SubText, call, join_parts, resolved_text, sub_text, text};
use crate::source::{Node, NodeValue, Span};

/// The definition text and its pieces: where each starts in the text, and the template
/// pointer of the value it came from.
pub(super) struct DefinitionText {
    pub(super) json: String,
    pub(super) pieces: Vec<(usize, String)>,
    /// The quoted bare substitutions, which stand for values of any type.
    pub(super) deployed: Vec<Span>,
    /// Where the text comes from functions: none of a plain string, the variables of an
    /// `Fn::Sub` (not the `${Name}` its `${!Name}` escapes give), all of an `Fn::Join`
    /// (which mixes both, and is not told apart).
    pub(super) generated: Vec<Span>,
    /// Where the text is not the template's string as written (an `Fn::Sub`'s escapes and
    /// variables written in): the span in the text and its length in the string.
    pub(super) edits: Vec<(Span, usize)>,
    /// Where CloudFormation writes values of its own (an `Fn::Sub`'s variables, a function
    /// part of an `Fn::Join`): never `DefinitionSubstitutions` placeholders.
    pub(super) resolved: Vec<Span>,
}

/// What a `DefinitionString` holds.
pub(super) enum Read {
    Text(DefinitionText),
    /// Built by a function whose result is known only at deployment (`Fn::ImportValue`).
    Deployed(String),
}

/// Reads the `DefinitionString` at `pointer`.
pub(super) fn read(node: Node<'_>, pointer: &str) -> Result<Read, TemplateError> {
    let mut pieces = Vec::new();
    let mut sub = None;
    let mut resolved = Vec::new();
    let json = match node.value() {
        NodeValue::String(json) => {
            pieces.push((0, pointer.to_owned()));
            json.into_owned()
        }
        NodeValue::Object(_) => {
            let Some((name, argument)) = call(node) else {
                return Err(wrong_type(pointer, node));
            };
            let inner = format!("{pointer}/{}", crate::source::escape_pointer_segment(&name));
            match &*name {
                "Fn::Sub" => {
                    let Some(rendered) = sub_text(argument, text) else {
                        return Err(unreadable(
                            &inner,
                            "`Fn::Sub` takes a string, or a string and a map of variables",
                        ));
                    };
                    let at = if argument.as_str().is_some() {
                        inner
                    } else {
                        format!("{inner}/0")
                    };
                    pieces.push((0, at));
                    let json = rendered.text.clone();
                    sub = Some(rendered);
                    json
                }
                "Fn::Join" => join(argument, &inner, &mut pieces, &mut resolved)?,
                _ => match resolved_text(node) {
                    Some((json, branch_resolved)) if name == "Fn::If" || name == "Fn::Select" => {
                        pieces.push((0, inner));
                        resolved = branch_resolved;
                        json
                    }
                    _ => {
                        return Ok(Read::Deployed(format!(
                            "`DefinitionString` is built by `{name}`, whose result is known only at deployment"
                        )));
                    }
                },
            }
        }
        _ => return Err(wrong_type(pointer, node)),
    };
    let plain = node.as_str().is_some();
    let Some(SubText {
        variables, edits, ..
    }) = sub
    else {
        let mut text = quote_bare_substitutions(&json, pieces, &mut resolved);
        if !plain {
            text.generated.push(Span::new(0, text.json.len()));
        }
        text.resolved = resolved;
        return Ok(Read::Text(text));
    };
    let mut marks: Vec<Span> = variables
        .iter()
        .chain(edits.iter().map(|(span, _)| span))
        .copied()
        .collect();
    let mut text = quote_bare_substitutions(&json, pieces, &mut marks);
    let (generated, edited) = marks.split_at(variables.len());
    text.generated = generated.to_vec();
    text.resolved = generated.to_vec();
    text.edits = edited
        .iter()
        .zip(&edits)
        .map(|(span, (_, written))| (*span, *written))
        .collect();
    Ok(Read::Text(text))
}

/// The text of an `Fn::Join` (at `inner`), its pieces and where its function parts are.
fn join(
    argument: Node<'_>,
    inner: &str,
    pieces: &mut Vec<(usize, String)>,
    resolved: &mut Vec<Span>,
) -> Result<String, TemplateError> {
    let Some((delimiter, parts)) = join_parts(argument) else {
        return Err(unreadable(
            inner,
            "`Fn::Join` takes a delimiter and a list of parts",
        ));
    };
    let mut json = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index > 0 && !delimiter.is_empty() {
            pieces.push((json.len(), format!("{inner}/0")));
            json.push_str(&delimiter);
        }
        let Some((part_text, part_resolved)) = resolved_text(part) else {
            return Err(unreadable(
                &format!("{inner}/1/{index}"),
                format!(
                    "a part of `Fn::Join` must give a string, found {}",
                    part.describe()
                ),
            ));
        };
        pieces.push((json.len(), format!("{inner}/1/{index}")));
        let at = json.len();
        resolved.extend(
            part_resolved
                .iter()
                .map(|span| Span::new(at + span.start, at + span.end)),
        );
        json.push_str(&part_text);
    }
    Ok(json)
}

fn wrong_type(pointer: &str, node: Node<'_>) -> TemplateError {
    TemplateError::new(
        TemplateErrorKind::WrongType,
        pointer,
        format!(
            "`DefinitionString` must be a string, `Fn::Sub` or `Fn::Join`, found {}",
            node.describe()
        ),
    )
}

fn unreadable(pointer: &str, message: impl Into<String>) -> TemplateError {
    TemplateError::new(TemplateErrorKind::UnreadableString, pointer, message)
}

/// Where the deployment value that `rest` starts with ends (its last byte): a `${…}`
/// substitution, or a CloudFormation dynamic reference `{{resolve:…}}`.
fn bare_value_end(rest: &str) -> Option<usize> {
    if rest.starts_with("${") {
        rest.find('}')
    } else if rest.starts_with("{{resolve:") {
        rest.find("}}").map(|end| end + 1)
    } else {
        None
    }
}

/// Puts quotes around the `${…}` substitutions and `{{resolve:…}}` dynamic references
/// written outside JSON strings (`"TimeoutSeconds": ${Timeout}`), which become numbers or
/// objects when deployed: as placeholders they must be strings to be read. The pieces
/// and the `marks` (spans of `json`, none across a substitution's start) move with the
/// text.
fn quote_bare_substitutions(
    json: &str,
    mut pieces: Vec<(usize, String)>,
    marks: &mut [Span],
) -> DefinitionText {
    let mut out = String::with_capacity(json.len());
    // Where quotes were inserted, as offsets of `json`.
    let mut inserted = Vec::new();
    let mut deployed = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = json;
    let mut offset = 0;
    while let Some(character) = rest.chars().next() {
        if in_string {
            match character {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if character == '"' {
            in_string = true;
        } else if let Some(end) = bare_value_end(rest) {
            let substitution = rest.get(..=end).unwrap_or_default();
            let start = out.len();
            out.push('"');
            out.push_str(substitution);
            out.push('"');
            deployed.push(Span::new(start, out.len()));
            inserted.push(offset);
            offset += substitution.len();
            rest = rest.get(end + 1..).unwrap_or_default();
            continue;
        }
        out.push(character);
        offset += character.len_utf8();
        rest = rest.get(character.len_utf8()..).unwrap_or_default();
    }
    for (start, _) in &mut pieces {
        // Two quotes for each substitution before the piece; a piece starting at one
        // takes its opening quote.
        *start += 2 * inserted.iter().filter(|&&at| at < *start).count();
    }
    for mark in marks {
        // A mark starting at a substitution starts after its opening quote.
        let start = mark.start
            + 2 * inserted.iter().filter(|&&at| at < mark.start).count()
            + usize::from(inserted.contains(&mark.start));
        *mark = Span::new(start, start + (mark.end - mark.start));
    }
    DefinitionText {
        json: out,
        pieces,
        deployed,
        generated: Vec::new(),
        edits: Vec::new(),
        resolved: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::quote_bare_substitutions;

    #[test]
    fn bare_substitutions_are_quoted_and_pieces_follow() {
        let text = quote_bare_substitutions(
            r#"{"A": "${X}", "B": ${Y}, "C": "\"${Z}", "D": ${W}}"#,
            vec![
                (0, "/a".to_owned()),
                (19, "/b".to_owned()),
                (23, "/c".to_owned()),
            ],
            &mut [],
        );
        assert_eq!(
            text.json,
            r#"{"A": "${X}", "B": "${Y}", "C": "\"${Z}", "D": "${W}"}"#
        );
        assert_eq!(text.json.get(19..25), Some(r#""${Y}""#));
        let starts: Vec<usize> = text.pieces.iter().map(|(start, _)| *start).collect();
        assert_eq!(starts, [0, 19, 25]);
        let deployed: Vec<&str> = text
            .deployed
            .iter()
            .map(|span| &text.json[span.start..span.end])
            .collect();
        assert_eq!(deployed, [r#""${Y}""#, r#""${W}""#]);
        // A bare dynamic reference too.
        assert_eq!(
            quote_bare_substitutions(r#"{"A": {{resolve:ssm:/a}}}"#, vec![], &mut []).json,
            r#"{"A": "{{resolve:ssm:/a}}"}"#
        );
        // An unclosed substitution is left as it is (the JSON reader reports it).
        assert_eq!(
            quote_bare_substitutions("{\"A\": ${X", vec![], &mut []).json,
            "{\"A\": ${X"
        );
    }
}
