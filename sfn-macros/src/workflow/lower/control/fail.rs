//! Failing the workflow: a Fail state, or the saga's compensations first; `fail!(..)` and
//! the `Err(..)` a workflow returning `Result` ends with.

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::super::{Flow, Lowerer, ReturnTo};
use crate::workflow::graph::{Kind, State};
use crate::workflow::js::Js;

/// `Err(inner)`: the error a workflow returning `Result` ends with.
pub(crate) fn err_value(expr: &syn::Expr) -> Option<&syn::Expr> {
    match expr {
        syn::Expr::Paren(paren) => err_value(&paren.expr),
        syn::Expr::Group(group) => err_value(&group.expr),
        syn::Expr::Call(call) => match (&*call.func, call.args.len()) {
            (syn::Expr::Path(func), 1) if func.qself.is_none() && func.path.is_ident("Err") => {
                call.args.first()
            }
            _ => None,
        },
        _ => None,
    }
}

/// What `Err(inner)` fails with, as `fail!`'s error name and cause: `TaskError { error, cause }`
/// gives its fields, any other `TaskError` value `inner.error` and `inner.cause`. `Err` when
/// a `TaskError` literal leaves a field to `..`, the message saying so.
fn error_and_cause(inner: &syn::Expr) -> Result<(syn::Expr, syn::Expr), &'static str> {
    if let syn::Expr::Struct(literal) = inner
        && literal.qself.is_none()
        && literal
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "TaskError")
    {
        let field = |name: &str| {
            literal.fields.iter().find_map(|field| match &field.member {
                syn::Member::Named(member) if member == name => Some(field.expr.clone()),
                _ => None,
            })
        };
        return match (field("error"), field("cause"), &literal.rest) {
            (Some(error), Some(cause), None) => Ok((error, cause)),
            _ => Err(
                "write both fields of the error: `Err(TaskError { error: \"Name\".to_owned(), cause: … })`, or use `fail!(\"Name\", cause)`",
            ),
        };
    }
    let span = inner.span();
    Ok((
        syn::parse_quote_spanned!(span=> #inner.error),
        syn::parse_quote_spanned!(span=> #inner.cause),
    ))
}

impl Lowerer<'_> {
    /// Whether `pure` is an `Err(..)` that is the execution's output: the workflow's value
    /// (`return Err(e)`, or the body's last expression), not a fan-out iteration's or a
    /// `parallel!` branch's, where the translation refuses it.
    pub(crate) fn ends_with_error(&self, pure: &syn::Expr) -> bool {
        err_value(pure).is_some() && self.scope == 0 && self.return_to == ReturnTo::Workflow
    }

    /// Lowers `Err(inner)` as the workflow's value (see [`Self::ends_with_error`]): the
    /// execution fails with the error's name and cause, as `fail!(e.error, e.cause)` does.
    pub(crate) fn returned_error(
        &mut self,
        pure: &syn::Expr,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let Some(inner) = err_value(pure) else {
            return flow;
        };
        if !self.returns_task_error {
            self.ctxt.error_spanned_by(pure, "a workflow ends with an error through a `TaskError` (the execution's `Error` and `Cause`): declare `-> Result<T, TaskError>`, or use `fail!(\"Name\", cause)`");
            return Flow::dead();
        }
        match error_and_cause(inner) {
            Ok((error, cause)) => self.fail(&error, Some(&cause), pure.span(), flow, name),
            Err(message) => {
                self.ctxt.error_spanned_by(inner, message);
                Flow::dead()
            }
        }
    }

    pub(crate) fn fail(
        &mut self,
        error: &syn::Expr,
        cause: Option<&syn::Expr>,
        span: Span,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let error_js = self.translate(error).js;
        let cause_js = cause.map_or(Js::Str(String::new()), |cause| self.translate(cause).js);
        let base_name = match &error_js {
            Js::Str(text) => {
                let cleaned: String = text
                    .split(|c: char| !c.is_alphanumeric())
                    .map(|word| {
                        let mut chars = word.chars();
                        chars.next().map_or_else(String::new, |first| {
                            first.to_uppercase().collect::<String>() + chars.as_str()
                        })
                    })
                    .collect();
                if cleaned.is_empty() {
                    "Fail".to_owned()
                } else {
                    cleaned
                }
            }
            _ => "Fail".to_owned(),
        };
        let _ = span;
        let depth = self.unwind.len();
        // Inside a saga: run the compensations, then fail with this error. A `fail!` in a
        // compensation or cleanup run by the unwind chain fails at once, as a failing call
        // there does (entering the chain again would run it again, or forever).
        if depth > 0 && self.scope == 0 && !self.building_chain {
            let var = self.error_var();
            let mut flow = flow;
            let value = Js::Object(vec![
                (crate::workflow::js::Key::Text("Error".to_owned()), error_js),
                (crate::workflow::js::Key::Text("Cause".to_owned()), cause_js),
            ]);
            flow.assign(&var, &value);
            self.join(flow, self.failure_target(depth));
            return Flow::dead();
        }
        let mut state = State::new(
            self.scope,
            base_name,
            Kind::Fail {
                error: error_js,
                cause: cause_js,
            },
        );
        Self::fixed(&mut state, name);
        let _ = self.push(flow, state);
        Flow::dead()
    }
}
