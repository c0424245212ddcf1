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

/// The full grammars, provided by the expression parsers.
mod expression_syntax {
    use super::{At, Cx, Jsonata, PathKind, Pointer, Returns};

    pub(super) fn path(
        _cx: &mut Cx<'_>,
        _at: &At<'_>,
        _pointer: &Pointer<'_>,
        _text: &str,
        _kind: PathKind,
    ) {
    }

    pub(super) fn intrinsic(
        _cx: &mut Cx<'_>,
        _at: &At<'_>,
        _pointer: &Pointer<'_>,
        _text: &str,
        _returns: Returns,
    ) {
    }

    pub(super) fn jsonata(
        _cx: &mut Cx<'_>,
        _at: &At<'_>,
        _pointer: &Pointer<'_>,
        _expression: &Jsonata,
    ) {
    }
}
