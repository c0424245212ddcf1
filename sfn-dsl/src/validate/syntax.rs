//! Syntax of the languages embedded in strings: JSONPath paths, intrinsic function calls
//! and JSONata expressions.

use super::code::Code;
use super::cx::{At, Cx};
use super::fields;
use super::reads;
use super::values::{is_substituted, shorten};
#[cfg(doc)]
use crate::model::ReferencePath;
use crate::model::{Jsonata, PathRoot};
use crate::source::Pointer;

/// What a path field accepts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum PathKind {
    /// A Path, which may select several nodes (`InputPath`, `OutputPath`, `.$` values).
    Path,
    /// A reference path, which selects one node (`ItemsPath`, the `…Path` settings,
    /// Choice `Variable`).
    Reference,
    /// `ResultPath`: a reference path into the state's data, never the context object or a
    /// variable.
    Result,
}

/// What an intrinsic call must return.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Returns {
    /// Anything.
    Any,
    /// A string (`ErrorPath`, `CausePath`).
    String,
}

/// Checks a path.
pub(super) fn path(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    text: &str,
    kind: PathKind,
) {
    if is_substituted(text) {
        return;
    }
    let field = at.field_path(pointer);
    match root(text) {
        PathRoot::Invalid if fields::is_jsonata_in_jsonpath(at, text) => {
            cx.push(fields::jsonata_in_jsonpath_field(
                at,
                pointer,
                &field,
                "write a path starting with `$`, such as `$.order`; `{% … %}` expressions are evaluated only in a state with `\"QueryLanguage\": \"JSONata\"`".to_owned(),
            ));
            return;
        }
        PathRoot::Invalid => {
            cx.push(
                at.diagnostic(
                    Code::InvalidPath,
                    pointer,
                    format!(
                        "`{field}` of state `{}` must be a path starting with `$`, found `{}`",
                        at.name,
                        shorten(text)
                    ),
                )
                .with_hint(if text.starts_with("States.") && text.ends_with(')') {
                    format!(
                        "intrinsic functions are evaluated only as the value of a `.$` key in a payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`), not in `{field}`; compute the value in one of those first"
                    )
                } else {
                    format!("did you mean `$.{}`?", text.trim_start_matches('.'))
                }),
            );
            return;
        }
        PathRoot::Context if kind == PathKind::Result => {
            cx.push(at.diagnostic(
                Code::InvalidReferencePath,
                pointer,
                format!(
                    "`{field}` of state `{}` cannot write into the context object (`{text}`)",
                    at.name
                ),
            ));
            return;
        }
        PathRoot::Variable(name) if kind == PathKind::Result => {
            cx.push(
                at.diagnostic(
                    Code::InvalidReferencePath,
                    pointer,
                    format!(
                        "`{field}` of state `{}` cannot write into the variable `${name}`",
                        at.name
                    ),
                )
                .with_hint("set variables with `Assign`"),
            );
            return;
        }
        PathRoot::Variable(name) => {
            reads::record(cx, at, pointer, name, Some(0), reads::Language::JsonPath);
        }
        _ => {}
    }
    expression_syntax::path(cx, at, pointer, text, kind);
}

/// Where a path starts, without copying it (as [`ReferencePath::root`] does).
fn root(text: &str) -> PathRoot<'_> {
    let Some(rest) = text.strip_prefix('$') else {
        return PathRoot::Invalid;
    };
    if rest.starts_with('$') {
        return PathRoot::Context;
    }
    let name_length = rest
        .char_indices()
        .find(|(_, character)| !super::is_variable_char(*character))
        .map_or(rest.len(), |(index, _)| index);
    if name_length == 0 {
        PathRoot::Input
    } else {
        PathRoot::Variable(&rest[..name_length])
    }
}

/// Checks an intrinsic function call.
pub(super) fn intrinsic(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    text: &str,
    returns: Returns,
) {
    if is_substituted(text) {
        return;
    }
    let field = at.field_path(pointer);
    if fields::is_jsonata_in_jsonpath(at, text) {
        cx.push(fields::jsonata_in_jsonpath_field(
            at,
            pointer,
            &field,
            "write a path starting with `$` or an intrinsic function such as `States.Format(…)`; `{% … %}` expressions are evaluated only in a state with `\"QueryLanguage\": \"JSONata\"`".to_owned(),
        ));
        return;
    }
    if !text.starts_with("States.") {
        let mut diagnostic = at.diagnostic(
            Code::InvalidIntrinsic,
            pointer,
            format!(
                "`{field}` of state `{}` must be a path starting with `$` or an intrinsic function such as `States.Format(…)`, found `{}`",
                at.name,
                shorten(text)
            ),
        );
        if let Some(hint) = near_miss_hint(text) {
            diagnostic = diagnostic.with_hint(hint);
        }
        cx.push(diagnostic);
        return;
    }
    record_intrinsic_reads(cx, at, pointer, text);
    expression_syntax::intrinsic(cx, at, pointer, text, returns);
}

/// What a `.$` value that is neither a path nor a `States.` call was most likely meant to
/// be: a path without its `$`, a path or call after stray whitespace (AWS reads the value as
/// written), or a call of a misspelt function (`states.UUID()`, `State.Format(…)`).
fn near_miss_hint(text: &str) -> Option<String> {
    if text.starts_with('.') || text.starts_with('[') {
        return Some(format!("a path starts with `$`: `${text}`"));
    }
    let trimmed = text.trim_start();
    if trimmed.len() < text.len() && (trimmed.starts_with('$') || trimmed.starts_with("States.")) {
        return Some(format!(
            "remove the whitespace before `{}`: the value is read as written",
            shorten(trimmed)
        ));
    }
    let (name, _) = trimmed.split_once('(')?;
    let looks_like_a_name = !name.is_empty()
        && name
            .chars()
            .all(|character| character.is_alphanumeric() || character == '.' || character == '_');
    if !looks_like_a_name {
        return None;
    }
    crate::expr::intrinsic::likely_name(name)
        .map(|candidate| format!("did you mean `{candidate}`?"))
}

/// Records the variables an intrinsic call reads in its arguments (`States.Format('{}',
/// $name)`). Only texts with a `$` followed by a name are parsed again.
fn record_intrinsic_reads(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, text: &str) {
    let may_read = text.match_indices('$').any(|(index, _)| {
        text.get(index + 1..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(super::is_variable_start)
    });
    if !may_read {
        return;
    }
    let Ok(call) = crate::expr::intrinsic::parse(text) else {
        return;
    };
    let mut found = Vec::new();
    variable_arguments(&call, &mut found);
    for (name, offset) in found {
        reads::record(
            cx,
            at,
            pointer,
            &name,
            Some(offset),
            reads::Language::JsonPath,
        );
    }
}

fn variable_arguments(call: &crate::expr::intrinsic::Call, found: &mut Vec<(String, usize)>) {
    use crate::expr::intrinsic::Arg;
    use crate::expr::jsonpath::Root;
    for (arg, span) in call.args.iter().zip(&call.arg_spans) {
        match arg {
            Arg::Path(path) => {
                if let Root::Variable(name) = &path.root {
                    found.push((name.clone(), span.start));
                }
            }
            Arg::Call(nested) => variable_arguments(nested, found),
            _ => {}
        }
    }
}

/// Checks a JSONata expression (the text between `{%` and `%}`).
pub(super) fn jsonata(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, expression: &Jsonata) {
    if expression.trimmed().is_empty() {
        cx.push(at.diagnostic(
            Code::InvalidJsonata,
            pointer,
            format!(
                "`{}` of state `{}` holds an empty JSONata expression",
                at.field_path(pointer),
                at.name
            ),
        ));
        return;
    }
    expression_syntax::jsonata(cx, at, pointer, expression);
}

/// The full grammars, from [`crate::expr`] (JSONPath and intrinsics).
mod expression_syntax {
    use std::rc::Rc;

    use super::{At, Code, Cx, Jsonata, PathKind, Pointer, Returns, reads, shorten};
    use crate::expr::{SyntaxError, intrinsic, jsonpath};
    use crate::model::ReferencePath;
    use crate::validate::cx::Checked;
    use crate::validate::jsonata::Facts;
    use crate::validate::jsonata_hint;

    pub(super) fn path(
        cx: &mut Cx<'_>,
        at: &At<'_>,
        pointer: &Pointer<'_>,
        text: &str,
        kind: PathKind,
    ) {
        // The commonest paths (`$.result`, `$.detail.id`) are valid as paths and as
        // reference paths: known without parsing or a cache lookup.
        if is_plain_dotted(text) {
            return;
        }
        let checked = match kind {
            PathKind::Path => Checked::Path,
            PathKind::Reference | PathKind::Result => Checked::ReferencePath,
        };
        if cx.is_known_valid(checked, text) {
            return;
        }
        let field = at.field_path(pointer);
        let parsed = jsonpath::parse(text);
        let (code, error, what) = match (parsed, kind) {
            (Err(error), _) => (Code::InvalidPath, error, "a valid path"),
            (Ok(_), PathKind::Path) => {
                cx.remember_valid(checked, text);
                return;
            }
            (Ok(_), PathKind::Reference | PathKind::Result) => {
                match ReferencePath::new(text).parse() {
                    Ok(_) => {
                        cx.remember_valid(checked, text);
                        return;
                    }
                    Err(error) => (
                        Code::InvalidReferencePath,
                        error,
                        "a reference path (one node: no wildcards, filters, unions or `..`)",
                    ),
                }
            }
        };
        cx.push(syntax_error(
            at,
            pointer,
            code,
            &format!(
                "`{field}` of state `{}` must be {what}: `{}`",
                at.name,
                shorten(text)
            ),
            error,
        ));
    }

    /// Whether `text` is `$` followed by one or more `.name` steps, each name an ASCII
    /// letter or `_` followed by letters, digits or `_`.
    pub(super) fn is_plain_dotted(text: &str) -> bool {
        let Some(steps) = text.strip_prefix("$.") else {
            return false;
        };
        // One pass over the bytes (splitting on `.` would set up a searcher per call).
        let mut name_start = true;
        for byte in steps.bytes() {
            let fits = match (byte, name_start) {
                (b'.', false) => {
                    name_start = true;
                    continue;
                }
                (_, true) => byte.is_ascii_alphabetic() || byte == b'_',
                (_, false) => byte.is_ascii_alphanumeric() || byte == b'_',
            };
            if !fits {
                return false;
            }
            name_start = false;
        }
        !name_start
    }

    pub(super) fn intrinsic(
        cx: &mut Cx<'_>,
        at: &At<'_>,
        pointer: &Pointer<'_>,
        text: &str,
        returns: Returns,
    ) {
        let checked = match returns {
            Returns::Any => Checked::Intrinsic,
            Returns::String => Checked::StringIntrinsic,
        };
        if cx.is_known_valid(checked, text) {
            return;
        }
        let field = at.field_path(pointer);
        let subject = format!("`{field}` of state `{}`", at.name);
        let call = match intrinsic::parse(text) {
            Ok(call) => call,
            Err(error) => {
                cx.push(syntax_error(
                    at,
                    pointer,
                    Code::InvalidIntrinsic,
                    &format!(
                        "{subject} is not a valid intrinsic function call: `{}`",
                        shorten(text)
                    ),
                    error,
                ));
                return;
            }
        };
        let errors = intrinsic::check(&call);
        let wrong_kind = returns == Returns::String
            && call
                .function()
                .is_some_and(|function| !function.returns_string);
        if errors.is_empty() && !wrong_kind {
            cx.remember_valid(checked, text);
            return;
        }
        for error in errors {
            cx.push(syntax_error(
                at,
                pointer,
                Code::InvalidIntrinsic,
                &format!("{subject} calls `{}` wrongly", call.name),
                error,
            ));
        }
        if returns == Returns::String
            && call
                .function()
                .is_some_and(|function| !function.returns_string)
        {
            cx.push(
                at.diagnostic(
                    Code::InvalidIntrinsic,
                    pointer,
                    format!("{subject} must produce a string, but `{}` does not", call.name),
                )
                .with_hint("use `States.Format`, `States.JsonToString`, `States.ArrayGetItem`, `States.Base64Encode`, `States.Base64Decode`, `States.Hash` or `States.UUID`"),
            );
        }
    }

    fn syntax_error(
        at: &At<'_>,
        pointer: &Pointer<'_>,
        code: Code,
        subject: &str,
        error: SyntaxError,
    ) -> super::super::Diagnostic {
        let mut diagnostic = at
            .diagnostic(code, pointer, format!("{subject}: {}", error.message))
            .inside_value(error.offset);
        if let Some(hint) = error.hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        diagnostic
    }

    /// JSONata syntax, from the `sfn-jsonata` parser (the text between `{%` and `%}`),
    /// then the Step Functions rules on the parsed expression.
    pub(super) fn jsonata(
        cx: &mut Cx<'_>,
        at: &At<'_>,
        pointer: &Pointer<'_>,
        expression: &Jsonata,
    ) {
        // The expression starts after the two characters of `{%`.
        const START: usize = 2;
        let text = expression.as_str();
        let facts = if let Some(facts) = cx.jsonata_facts(text) {
            facts
        } else {
            match sfn_jsonata::parse(text) {
                Ok(parsed) => {
                    let facts = Rc::new(Facts::of(&parsed));
                    cx.remember_jsonata(text, Rc::clone(&facts));
                    facts
                }
                Err(error) => {
                    let field = at.field_path(pointer);
                    let mut diagnostic = at
                        .diagnostic(
                            Code::InvalidJsonata,
                            pointer,
                            format!(
                                "`{field}` of state `{}` holds an invalid JSONata expression: {} (JSONata {})",
                                at.name, error.message, error.code
                            ),
                        )
                        .inside_value(error.offset + START);
                    if let Some(hint) = jsonata_hint::for_syntax_error(text, error.offset) {
                        diagnostic = diagnostic.with_hint(hint);
                    }
                    cx.push(diagnostic);
                    return;
                }
            }
        };
        crate::validate::jsonata::check(cx, at, pointer, (&facts, text), START);
        for (name, offset) in &facts.variables {
            let language = reads::Language::Jsonata;
            reads::record(cx, at, pointer, name, Some(offset + START), language);
        }
        // A call matters to the read rules only where a variable of its name may be set.
        for (name, offset) in &facts.calls {
            if cx.assigns(name) {
                let language = reads::Language::JsonataCall;
                reads::record(cx, at, pointer, name, Some(offset + START), language);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::expression_syntax::is_plain_dotted;
    use crate::expr::jsonpath;
    use crate::model::ReferencePath;

    #[test]
    fn plain_dotted_paths_are_valid_paths_and_reference_paths() {
        for text in ["$.r", "$.last", "$.error", "$.detail.id", "$._x.Y_2.z9"] {
            assert!(is_plain_dotted(text), "{text}");
            assert!(jsonpath::parse(text).is_ok(), "{text}");
            assert!(ReferencePath::new(text).parse().is_ok(), "{text}");
        }
        for text in [
            "$", "$.", "$..a", "$.a.", "$.1a", "$.a[0]", "$.a b", "$$.a", "$x.a", "a.b", "$.a-b",
            "$.é", "$.a.*",
        ] {
            assert!(!is_plain_dotted(text), "{text}");
        }
    }
}
