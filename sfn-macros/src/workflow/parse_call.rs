//! Parsing calls: task calls, the intrinsics (`sleep`, `fan_out`, …), `parallel!`/`fail!`, and
//! step options (`.retry(..)`, `.catch(..)`, …).

use syn::Token;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;

use super::ast::{Compensation, Expr, FanOutMode, Step, StepKind, StepOption};
use super::parse::{
    CATCH, DEFER, FAIL_MACRO, FAN_OUT, FAN_OUT_DISTRIBUTED, FAN_OUT_READER, HEARTBEAT, NAME,
    PARALLEL_MACROS, Parser, RETRY, SLEEP, SLEEP_UNTIL, STEP_OPTIONS, TASK_TOKEN, TIMEOUT,
    WAIT_FOR_CALLBACK, call_intrinsic, is_task_path, macro_name, single_arg, single_ident,
};
use crate::ctxt::did_you_mean;

/// `std::thread::sleep`, `tokio::time::sleep`, …: a `sleep` of a path, which would otherwise
/// read as a task call (its segments are lowercase). The workflow's own is called bare, or
/// as `workflow::sleep`.
fn foreign_sleep(path: &syn::Path) -> Option<String> {
    let mut segments = path.segments.iter().rev();
    let last = segments.next()?;
    let parent = segments.next()?;
    let is_sleep = last.ident == SLEEP || last.ident == SLEEP_UNTIL;
    (is_sleep && parent.ident != "workflow").then(|| {
        path.segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect::<Vec<_>>()
            .join("::")
    })
}

/// `matches!(x, A | B)`: a `match` says the same, and is translated.
pub(crate) const MATCHES_HINT: &str = "`matches!` is not supported in workflows: write the `match` it stands for, `match x { A | B => true, _ => false }`";

impl Parser<'_> {
    pub(crate) fn macro_call(&mut self, mac: &syn::Macro, whole: &syn::Expr) -> Expr {
        let name = macro_name(mac);
        if PARALLEL_MACROS.contains(&name.as_str()) {
            let branches =
                match mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated) {
                    Ok(branches) => branches,
                    Err(error) => {
                        self.ctxt.push(error);
                        return Expr::Invalid;
                    }
                };
            if branches.len() < 2 {
                self.ctxt.error_spanned_by(
                    mac,
                    format!("`{name}!` runs two or more branches; call a single step directly"),
                );
            }
            self.nested += 1;
            let branches = branches.iter().map(|branch| self.expr(branch)).collect();
            self.nested -= 1;
            return Expr::Step(Step {
                kind: StepKind::Parallel(branches),
                options: Vec::new(),
                span: mac.path.span(),
            });
        }
        if name == FAIL_MACRO {
            let args =
                match mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated) {
                    Ok(args) => args,
                    Err(error) => {
                        self.ctxt.push(error);
                        return Expr::Invalid;
                    }
                };
            let mut args = args.into_iter();
            let Some(error) = args.next() else {
                self.ctxt.error_spanned_by(mac, "`fail!` takes an error name and a cause: `fail!(\"OutOfStock\", \"no stock left\")`");
                return Expr::Invalid;
            };
            let cause = args.next();
            if let Some(extra) = args.next() {
                self.ctxt.error_spanned_by(
                    extra,
                    "`fail!` takes an error name and a cause, nothing more",
                );
            }
            let _ = self.check_pure(&error);
            if let Some(cause) = &cause {
                let _ = self.check_pure(cause);
            }
            return Expr::Fail {
                error,
                cause,
                span: mac.path.span(),
            };
        }
        if name == "format" || name == "vec" {
            return Expr::Pure(whole.clone());
        }
        if name == "matches" {
            self.ctxt.error_spanned_by(mac, MATCHES_HINT);
            return Expr::Invalid;
        }
        let hint = did_you_mean(&name, ["parallel", "join", "fail", "format", "vec"])
            .map_or_else(String::new, |found| format!("; did you mean `{found}!`?"));
        self.ctxt.error_spanned_by(
            mac,
            format!("macro `{name}!` is not supported in workflows{hint}"),
        );
        Expr::Invalid
    }

    pub(crate) fn call(&mut self, call: &syn::ExprCall, whole: &syn::Expr) -> Expr {
        let syn::Expr::Path(func) = &*call.func else {
            if self.check_pure(whole) {
                return Expr::Invalid;
            }
            return Expr::Pure(whole.clone());
        };
        match call_intrinsic(call) {
            Some(SLEEP) => {
                return if let Some(duration) = single_arg(call) {
                    let _ = self.check_pure(duration);
                    Expr::Sleep {
                        duration: duration.clone(),
                    }
                } else {
                    self.ctxt.error_spanned_by(
                        call,
                        "`sleep` takes one `Duration`: `sleep(Duration::from_secs(60))`",
                    );
                    Expr::Invalid
                };
            }
            Some(SLEEP_UNTIL) => {
                return if let Some(instant) = single_arg(call) {
                    let _ = self.check_pure(instant);
                    Expr::SleepUntil {
                        instant: instant.clone(),
                    }
                } else {
                    self.ctxt
                        .error_spanned_by(call, "`sleep_until` takes one RFC 3339 timestamp");
                    Expr::Invalid
                };
            }
            Some(intrinsic @ (FAN_OUT | FAN_OUT_DISTRIBUTED | FAN_OUT_READER)) => {
                return self.fan_out(intrinsic, call);
            }
            Some(DEFER) => {
                self.ctxt.error_spanned_by(
                    call,
                    "`defer` is a statement of its own at the top level of the workflow",
                );
                return Expr::Invalid;
            }
            Some(TASK_TOKEN) => return Expr::Pure(whole.clone()),
            _ => {}
        }
        if let Some(waits) = foreign_sleep(&func.path) {
            self.ctxt.error_spanned_by(
                func,
                format!("`{waits}` would block a thread, and a state machine has none: a workflow waits in a Wait state, with its own `{SLEEP}(Duration::from_secs(n))`{}", if waits.ends_with(SLEEP_UNTIL) { " or `sleep_until(timestamp)`" } else { "" }),
            );
            return Expr::Invalid;
        }
        if single_ident(&func.path) == Some(self.workflow) {
            self.ctxt.error_spanned_by(
                func,
                format!("a workflow cannot call itself: a state machine has no recursion; repeat steps with `loop` or `while`, or start another execution with a `states:startExecution` task (`{}` is the machine being defined)", self.workflow),
            );
            return Expr::Invalid;
        }
        if is_task_path(&func.path) {
            // Every argument is checked (each error is reported), but a call with a step
            // hidden in an argument is not lowered, which would report that step again.
            let mut hidden = false;
            for arg in &call.args {
                hidden |= self.check_pure(arg);
            }
            if hidden {
                return Expr::Invalid;
            }
            return Expr::Step(Step {
                kind: StepKind::Task {
                    path: func.path.clone(),
                    args: call.args.iter().cloned().collect(),
                },
                options: Vec::new(),
                span: call.span(),
            });
        }
        if self.check_pure(whole) {
            return Expr::Invalid;
        }
        Expr::Pure(whole.clone())
    }

    fn fan_out(&mut self, intrinsic: &str, call: &syn::ExprCall) -> Expr {
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        let [items, setting, closure] = args.as_slice() else {
            let shape = match intrinsic {
                FAN_OUT => "`fan_out(items, max_concurrency, |item| step(item))`",
                FAN_OUT_DISTRIBUTED => {
                    "`fan_out_distributed(items, Distributed::new(), |item| step(item))`"
                }
                _ => {
                    "`fan_out_reader(Reader::csv(bucket, key), Distributed::new(), |row| step(row))`"
                }
            };
            self.ctxt.error_spanned_by(
                call,
                format!("`{intrinsic}` takes three arguments: {shape}"),
            );
            return Expr::Invalid;
        };
        self.nested += 1;
        let closure = self.closure(closure, &format!("`{intrinsic}`"));
        self.nested -= 1;
        let Some((binder, binder_ty, body)) = closure else {
            return Expr::Invalid;
        };
        let mode = match intrinsic {
            FAN_OUT => FanOutMode::Inline((*setting).clone()),
            FAN_OUT_DISTRIBUTED => FanOutMode::Distributed((*setting).clone()),
            _ => FanOutMode::Reader((*setting).clone()),
        };
        if intrinsic != FAN_OUT_READER {
            let _ = self.check_pure(items);
        }
        let items = (*items).clone();
        Expr::Step(Step {
            kind: StepKind::FanOut {
                mode,
                items,
                binder,
                binder_ty,
                body: Box::new(body),
            },
            options: Vec::new(),
            span: call.span(),
        })
    }

    /// A method chain or `?` ending in a step: the step and its options.
    pub(crate) fn chain(&mut self, expr: &syn::Expr) -> Expr {
        let mut options = Vec::new();
        let mut current = expr;
        loop {
            match current {
                syn::Expr::Try(try_expr) => {
                    options.push(StepOption::Try);
                    current = &try_expr.expr;
                }
                syn::Expr::MethodCall(call)
                    if STEP_OPTIONS.contains(&call.method.to_string().as_str()) =>
                {
                    if let Some(option) = self.option(call) {
                        options.push(option);
                    }
                    current = &call.receiver;
                }
                syn::Expr::Paren(paren) => current = &paren.expr,
                _ => break,
            }
        }
        if options.is_empty() {
            if self.check_pure(expr) {
                return Expr::Invalid;
            }
            return Expr::Pure(expr.clone());
        }
        options.reverse();
        match self.expr(current) {
            Expr::Step(mut step) => {
                step.options.extend(options);
                Expr::Step(step)
            }
            Expr::Invalid => Expr::Invalid,
            _ => {
                let shown = options.iter().find_map(|option| match option {
                    StepOption::Try => None,
                    _ => Some(()),
                });
                let message = if shown.is_some() {
                    "step options (`.retry`, `.catch`, `.timeout`, `.compensate`, `.wait_for_callback`, `.name`) apply to task calls, `parallel!` and fan-outs"
                } else {
                    "`?` applies to task calls, `parallel!` and fan-outs"
                };
                self.ctxt.error_spanned_by(current, message);
                Expr::Invalid
            }
        }
    }

    fn option(&mut self, call: &syn::ExprMethodCall) -> Option<StepOption> {
        let method = call.method.to_string();
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        let one = |parser: &mut Self| -> Option<syn::Expr> {
            if let [arg] = args.as_slice() {
                Some((*arg).clone())
            } else {
                parser
                    .ctxt
                    .error_spanned_by(&call.method, format!("`.{method}` takes one argument"));
                None
            }
        };
        match method.as_str() {
            RETRY => one(self).map(StepOption::Retry),
            TIMEOUT => one(self).map(StepOption::Timeout),
            HEARTBEAT => one(self).map(StepOption::Heartbeat),
            NAME => match one(self) {
                Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                })) => Some(StepOption::Name(name)),
                Some(other) => {
                    self.ctxt.error_spanned_by(other, "`.name` takes a string literal: state names are fixed when the workflow compiles");
                    None
                }
                None => None,
            },
            WAIT_FOR_CALLBACK => {
                if !args.is_empty() {
                    self.ctxt.error_spanned_by(
                        &call.method,
                        "`.wait_for_callback()` takes no arguments",
                    );
                }
                Some(StepOption::WaitForCallback(call.method.span()))
            }
            CATCH => {
                let closure = one(self)?;
                self.refuse_handler_return(&closure, "`.catch`");
                let (binder, _, body) = self.closure(&closure, "`.catch`")?;
                Some(StepOption::Catch {
                    binder,
                    body: Box::new(body),
                })
            }
            _ => {
                let target = one(self)?;
                match &target {
                    syn::Expr::Path(path) => Some(StepOption::Compensate(Compensation::Task(
                        path.path.clone(),
                        path.span(),
                    ))),
                    syn::Expr::Closure(_) => {
                        self.refuse_handler_return(&target, "`.compensate`");
                        let (binder, _, body) = self.closure(&target, "`.compensate`")?;
                        Some(StepOption::Compensate(Compensation::Closure {
                            binder,
                            body: Box::new(body),
                            span: call.method.span(),
                        }))
                    }
                    other => {
                        self.ctxt.error_spanned_by(other, "`.compensate` takes a task (`.compensate(release)`) or a closure (`.compensate(|stock| release(&stock))`)");
                        None
                    }
                }
            }
        }
    }
}
