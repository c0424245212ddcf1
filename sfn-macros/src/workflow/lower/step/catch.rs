//! Error handling of a step: catchers from `.catch(..)` and from `match` on a step's
//! outcome, the bindings an error handler gets, and the check of caught error names.

use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::super::ast::{Binder, Caught, ErrArm, Expr, Step, StepKind};
use super::super::super::js::Js;
use super::super::{Binding, Dest, Flow, Hint, Lowerer};
use crate::ctxt::did_you_mean;

/// The predefined error names a catcher may match.
const PREDEFINED_ERRORS: &[&str] = &[
    "States.ALL",
    "States.HeartbeatTimeout",
    "States.Timeout",
    "States.TaskFailed",
    "States.Permissions",
    "States.ResultPathMatchFailure",
    "States.ParameterPathFailure",
    "States.QueryEvaluationError",
    "States.BranchFailed",
    "States.NoChoiceMatched",
    "States.IntrinsicFailure",
    "States.ExceedToleratedFailureThreshold",
    "States.ItemReaderFailed",
    "States.ResultWriterFailed",
    "States.DataLimitExceeded",
    "States.Http.Socket",
];

/// `States.Http.StatusCode.<nnn>`, the errors of HTTP Tasks for answers outside 2xx.
fn is_http_status(name: &str) -> bool {
    name.strip_prefix("States.Http.StatusCode.")
        .is_some_and(|code| code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_digit()))
}

/// A catcher's assignments and the names an error handler binds.
type ErrorBinding = (Vec<(String, Js)>, Vec<(String, Binding)>);

impl<'a> Lowerer<'a> {
    /// The catcher `Assign` and the binding for an error handler's parameter.
    pub(super) fn error_binding(&mut self, binder: &Binder) -> ErrorBinding {
        match binder {
            Binder::Ident(ident) => {
                let rust = crate::case::unraw(ident);
                let var = self.fresh_var(&rust);
                let typed = super::super::typed_path(&quote!(::sfn_dsl::__private::root::<
                    ::sfn_dsl::workflow::TaskError,
                >()));
                (
                    vec![(var.clone(), Js::Root("$states.errorOutput"))],
                    vec![(
                        rust,
                        Binding {
                            poisoned: false,
                            js: Js::var(&var),
                            typed: Some((Js::var(&var), typed)),
                            hint: Hint::TaskError,
                        },
                    )],
                )
            }
            _ => (Vec::new(), Vec::new()),
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the parts of a result `match` plus the flow context"
    )]
    pub(crate) fn match_result(
        &mut self,
        step: &'a Step,
        ok_binder: &'a Binder,
        ok_body: &'a Expr,
        err_arms: &'a [ErrArm],
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let (id, entry, result) = self.step_state(step, flow, name, true);
        let mut outs = Vec::new();
        for (index, arm) in err_arms.iter().enumerate() {
            let errors: Vec<String> = match &arm.caught {
                Caught::Every if arm.rethrow => {
                    // The error propagates unchanged: no catcher (the saga catcher still
                    // applies).
                    continue;
                }
                Caught::Every => {
                    if index + 1 != err_arms.len() {
                        self.ctxt.error_at(arm.span, "an `Err` arm without a guard catches every error: it must be the last `Err` arm");
                    }
                    vec!["States.ALL".to_owned()]
                }
                Caught::Named(names) => names
                    .iter()
                    .map(|literal| {
                        let name = literal.value();
                        self.check_error_name(literal, &name, "caught");
                        name
                    })
                    .collect(),
                // The guard is reported; the body is still lowered, for its own errors.
                Caught::Unsupported => Vec::new(),
            };
            let (extra, bindings) = self.error_binding(&arm.binder);
            let slot = self.add_catcher(id, errors, &entry, extra);
            self.env.push(bindings.into_iter().collect());
            outs.push(self.value(&arm.body, Flow::from(slot), dest, None));
            self.env.pop();
        }
        self.seal(id, &entry);
        let typed = match &step.kind {
            StepKind::Task { path, .. } => Some(super::super::typed_path(
                &quote_spanned!(path.span()=> ::sfn_dsl::__private::root::<<#path as ::sfn_dsl::__private::Task>::Output>()),
            )),
            _ => None,
        };
        let (ok_dest, names) = self.declare(ok_binder);
        let ok_flow = self.deliver_result(id, &result, &ok_dest, step);
        self.env.push(std::collections::HashMap::new());
        self.bind_declared(&names, &[typed], Hint::Unknown);
        outs.insert(0, self.value(ok_body, ok_flow, dest, None));
        self.env.pop();
        self.merge(outs)
    }

    /// Reports an error name no catcher (`handled` is "caught") or retrier ("retried") can
    /// match: `States.Runtime`, a misspelt predefined name, an empty name.
    pub(super) fn check_error_name(&self, literal: &syn::LitStr, name: &str, handled: &str) {
        if name == "States.Runtime" {
            self.ctxt.error_spanned_by(literal, format!("`States.Runtime` cannot be {handled}: AWS fails the execution whatever the catchers and retriers say"));
        } else if name.starts_with("States.")
            && !PREDEFINED_ERRORS.contains(&name)
            && !is_http_status(name)
        {
            let hint = did_you_mean(name, PREDEFINED_ERRORS.iter().copied())
                .map_or_else(String::new, |found| format!("; did you mean `{found}`?"));
            self.ctxt.error_spanned_by(
                literal,
                format!("`{name}` is not a predefined error name{hint}"),
            );
        } else if name.is_empty() {
            self.ctxt
                .error_spanned_by(literal, "an error name cannot be empty");
        }
    }
}
