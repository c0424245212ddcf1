//! Syntax of the languages embedded in strings: JSONPath paths, intrinsic function calls
//! and JSONata expressions.

use super::code::Code;
use super::cx::{At, Cx};
use super::values::is_substituted;
use crate::model::{Jsonata, PathRoot, ReferencePath};
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
    let field = pointer.last_key().unwrap_or("path");
    let root = ReferencePath::new(text);
    match root.root() {
        PathRoot::Invalid => {
            cx.push(
                at.diagnostic(
                    Code::InvalidPath,
                    pointer,
                    format!(
                        "`{field}` of state `{}` must be a path starting with `$`, found `{text}`",
                        at.name
                    ),
                )
                .with_hint(format!(
                    "did you mean `$.{}`?",
                    text.trim_start_matches('.')
                )),
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
        _ => {}
    }
    expression_syntax::path(cx, at, pointer, text, kind);
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
    let field = pointer.last_key().unwrap_or("value");
    if !text.starts_with("States.") {
        let hint = if text.starts_with('.') || text.starts_with('[') {
            Some(format!("a path starts with `$`: `${text}`"))
        } else {
            None
        };
        let mut diagnostic = at.diagnostic(
            Code::InvalidIntrinsic,
            pointer,
            format!(
                "`{field}` of state `{}` must be a path starting with `$` or an intrinsic function such as `States.Format(…)`, found `{text}`",
                at.name
            ),
        );
        if let Some(hint) = hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        cx.push(diagnostic);
        return;
    }
    expression_syntax::intrinsic(cx, at, pointer, text, returns);
}

/// Checks a JSONata expression (the text between `{%` and `%}`).
pub(super) fn jsonata(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, expression: &Jsonata) {
    if expression.trimmed().is_empty() {
        cx.push(at.diagnostic(
            Code::InvalidJsonata,
            pointer,
            format!(
                "`{}` of state `{}` holds an empty JSONata expression",
                pointer.last_key().unwrap_or("value"),
                at.name
            ),
        ));
        return;
    }
    expression_syntax::jsonata(cx, at, pointer, expression);
}

/// The full grammars, from [`crate::expr`] (JSONPath and intrinsics).
mod expression_syntax {
    use super::{At, Code, Cx, Jsonata, PathKind, Pointer, Returns};
    use crate::expr::{SyntaxError, intrinsic, jsonpath};
    use crate::model::ReferencePath;

    pub(super) fn path(
        cx: &mut Cx<'_>,
        at: &At<'_>,
        pointer: &Pointer<'_>,
        text: &str,
        kind: PathKind,
    ) {
        let field = pointer.last_key().unwrap_or("path");
        let parsed = jsonpath::parse(text);
        let (code, error, what) = match (parsed, kind) {
            (Err(error), _) => (Code::InvalidPath, error, "a valid path"),
            (Ok(_), PathKind::Path) => return,
            (Ok(_), PathKind::Reference | PathKind::Result) => {
                match ReferencePath::new(text).parse() {
                    Ok(_) => return,
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
            &format!("`{field}` of state `{}` must be {what}: `{text}`", at.name),
            error,
        ));
    }

    pub(super) fn intrinsic(
        cx: &mut Cx<'_>,
        at: &At<'_>,
        pointer: &Pointer<'_>,
        text: &str,
        returns: Returns,
    ) {
        let field = pointer.last_key().unwrap_or("value");
        let subject = format!("`{field}` of state `{}`", at.name);
        let call = match intrinsic::parse(text) {
            Ok(call) => call,
            Err(error) => {
                cx.push(syntax_error(
                    at,
                    pointer,
                    Code::InvalidIntrinsic,
                    &format!("{subject} is not a valid intrinsic function call: `{text}`"),
                    error,
                ));
                return;
            }
        };
        for error in intrinsic::check(&call) {
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

    /// JSONata syntax comes from the `sfn-jsonata` crate once it is part of the workspace;
    /// until then only emptiness is checked (see [`super::jsonata`]).
    pub(super) fn jsonata(
        _cx: &mut Cx<'_>,
        _at: &At<'_>,
        _pointer: &Pointer<'_>,
        _expression: &Jsonata,
    ) {
    }
}
