//! Parsing `match`: on values (Choice rules) and on a step's outcome (catchers).

use syn::spanned::Spanned;
use syn::{LitStr, Pat};

use super::ast::{Arm, Binder, Caught, ErrArm, Expr, Step, Stmt};
use super::parse::{Parser, is_step, single_ident};

impl Parser<'_> {
    pub(crate) fn matching(&mut self, matching: &syn::ExprMatch) -> Expr {
        let is_result_match = matching
            .arms
            .iter()
            .any(|arm| result_pattern(&arm.pat).is_some());
        if is_result_match {
            if let Expr::Step(step) = self.expr(&matching.expr) {
                return self.result_match(step, matching);
            }
            self.ctxt.error_spanned_by(&matching.expr, "`Ok`/`Err` arms match the outcome of a step: the scrutinee must be a task call, `parallel!` or fan-out");
            return Expr::Invalid;
        }
        let _ = self.check_pure(&matching.expr);
        let arms = matching
            .arms
            .iter()
            .map(|arm| Arm {
                pat: arm.pat.clone(),
                guard: arm.guard.as_ref().map(|(_, guard)| (**guard).clone()),
                body: self.expr(&arm.body),
            })
            .collect();
        Expr::Match {
            scrutinee: (*matching.expr).clone(),
            arms,
            span: matching.match_token.span,
        }
    }

    fn result_match(&mut self, step: Step, matching: &syn::ExprMatch) -> Expr {
        let mut ok = None;
        let mut err_arms = Vec::new();
        for arm in &matching.arms {
            match result_pattern(&arm.pat) {
                Some((true, inner)) => {
                    if arm.guard.is_some() {
                        self.ctxt.error_spanned_by(&arm.pat, "the `Ok` arm of a step cannot have a guard: the step either succeeded or failed");
                    }
                    if ok.is_some() {
                        self.ctxt
                            .error_spanned_by(&arm.pat, "a step has one `Ok` arm");
                    }
                    ok = Some((self.binder(inner), self.expr(&arm.body)));
                }
                Some((false, inner)) => {
                    let binder = self.binder(inner);
                    let caught = match &arm.guard {
                        Some((_, guard)) => self
                            .error_guard(guard, &binder)
                            .map_or(Caught::Unsupported, Caught::Named),
                        None => Caught::Every,
                    };
                    let body = self.expr(&arm.body);
                    let rethrow = is_rethrow(&body, &binder, self.nested == 0);
                    err_arms.push(ErrArm {
                        binder,
                        caught,
                        body,
                        span: arm.pat.span(),
                        rethrow,
                    });
                }
                None => {
                    self.ctxt.error_spanned_by(
                        &arm.pat,
                        "a step's outcome is matched with `Ok(value)` and `Err(error)` arms",
                    );
                }
            }
        }
        let Some((ok_binder, ok_body)) = ok else {
            self.ctxt.error_spanned_by(matching.match_token, "add an `Ok(value) => …` arm: it is where the workflow continues when the step succeeds");
            return Expr::Invalid;
        };
        if err_arms.is_empty() {
            self.ctxt.error_spanned_by(
                matching.match_token,
                "add an `Err(error) => …` arm, or call the step directly and let errors propagate",
            );
        }
        Expr::MatchResult {
            step: Box::new(step),
            ok_binder,
            ok_body: Box::new(ok_body),
            err_arms,
        }
    }

    /// Reports `if let Ok(value) = task(..)` (and `while let`, `Err(..)`): a step's outcome
    /// is matched by a `match` with both arms, which the message spells out. True when
    /// reported: the caller then drops the whole `if`, so that nothing else is said about
    /// it (the shadow body reads the test as on a `Result`, see `shadow`).
    pub(crate) fn refuse_outcome_test(&mut self, cond: &syn::Expr) -> bool {
        let syn::Expr::Let(binding) = cond else {
            return false;
        };
        if result_pattern(&binding.pat).is_none() || !is_step(&binding.expr) {
            return false;
        }
        let step = callee(&binding.expr).unwrap_or_else(|| "step".to_owned());
        self.ctxt.error_spanned_by(
            binding,
            format!("a step's outcome is tested with a `match` that has an `Ok` and an `Err` arm (the `Err` arm becomes the catcher): `match {step}(..) {{ Ok(value) => …, Err(error) => … }}`"),
        );
        true
    }

    /// `e.error == "A" || e.error == "B"` -> `["A", "B"]`; `None` for a guard the macro
    /// cannot translate (reported here).
    fn error_guard(&mut self, guard: &syn::Expr, binder: &Binder) -> Option<Vec<LitStr>> {
        match guard {
            syn::Expr::Paren(paren) => self.error_guard(&paren.expr, binder),
            syn::Expr::Binary(binary) if matches!(binary.op, syn::BinOp::Or(_)) => {
                // Both sides, so that each mistake is reported.
                let left = self.error_guard(&binary.left, binder);
                let right = self.error_guard(&binary.right, binder);
                let mut names = left?;
                names.extend(right?);
                Some(names)
            }
            syn::Expr::Binary(binary) if matches!(binary.op, syn::BinOp::Eq(_)) => {
                let is_error_field = |expr: &syn::Expr| match (expr, binder) {
                    (syn::Expr::Field(field), Binder::Ident(ident)) => {
                        matches!(&field.member, syn::Member::Named(member) if member == "error")
                            && matches!(&*field.base, syn::Expr::Path(path) if path.path.is_ident(ident))
                    }
                    _ => false,
                };
                let literal = |expr: &syn::Expr| match expr {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => Some(text.clone()),
                    _ => None,
                };
                let name = match (&*binary.left, &*binary.right) {
                    (left, right) if is_error_field(left) => literal(right),
                    (left, right) if is_error_field(right) => literal(left),
                    _ => None,
                };
                let Some(name) = name else {
                    self.ctxt.error_spanned_by(guard, UNSUPPORTED_GUARD);
                    return None;
                };
                if name.value() == "States.ALL" {
                    // A catcher's `States.ALL` matches every error, where the Rust guard
                    // matches only an error literally named so; AWS also wants it alone, in
                    // the last catcher.
                    self.ctxt.error_spanned_by(&name, "`States.ALL` in a guard would catch every error, where Rust matches only an error named `States.ALL`: to catch every error, write the arm without a guard (`Err(e) => …`), as the last `Err` arm");
                    return None;
                }
                Some(vec![name])
            }
            other => {
                self.ctxt.error_spanned_by(other, UNSUPPORTED_GUARD);
                None
            }
        }
    }
}

const UNSUPPORTED_GUARD: &str = "an `Err` guard compares the error name with string literals: `Err(e) if e.error == \"Payment.Declined\"`";

/// What a step calls, as written: `charge`, `billing::charge`, `parallel!`.
fn callee(step: &syn::Expr) -> Option<String> {
    match step {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => Some(
                path.path
                    .segments
                    .iter()
                    .map(|segment| segment.ident.to_string())
                    .collect::<Vec<_>>()
                    .join("::"),
            ),
            _ => None,
        },
        syn::Expr::Macro(mac) => Some(format!("{}!", super::parse::macro_name(&mac.mac))),
        syn::Expr::MethodCall(call) => callee(&call.receiver),
        syn::Expr::Try(inner) => callee(&inner.expr),
        syn::Expr::Paren(paren) => callee(&paren.expr),
        _ => None,
    }
}

/// `fail!(e.error, e.cause)` on the arm's own error, or `return Err(e)` where that ends the
/// workflow (`returns`: not in a `parallel!` branch or fan-out closure).
fn is_rethrow(body: &Expr, binder: &Binder, returns: bool) -> bool {
    let Binder::Ident(ident) = binder else {
        return false;
    };
    let field_of = |expr: &syn::Expr, name: &str| match expr {
        syn::Expr::Field(field) => {
            matches!(&field.member, syn::Member::Named(member) if member == name)
                && matches!(&*field.base, syn::Expr::Path(path) if path.path.is_ident(ident))
        }
        _ => false,
    };
    let body = match body {
        Expr::Block(block) => match block.stmts.as_slice() {
            [Stmt::Expr { value, .. }] => value,
            _ => return false,
        },
        other => other,
    };
    match body {
        Expr::Fail {
            error,
            cause: Some(cause),
            ..
        } => field_of(error, "error") && field_of(cause, "cause"),
        Expr::Return {
            value: Some(value), ..
        } if returns => matches!(&**value, Expr::Pure(pure)
            if super::lower::err_value(pure).is_some_and(|inner|
                matches!(inner, syn::Expr::Path(path) if path.path.is_ident(ident)))),
        _ => false,
    }
}

/// `Ok(p)` -> (true, p), `Err(p)` -> (false, p).
fn result_pattern(pat: &Pat) -> Option<(bool, &Pat)> {
    let Pat::TupleStruct(tuple) = pat else {
        return None;
    };
    let ident = single_ident(&tuple.path)?;
    let ok = if ident == "Ok" {
        true
    } else if ident == "Err" {
        false
    } else {
        return None;
    };
    match tuple.elems.first() {
        Some(inner) if tuple.elems.len() == 1 => Some((ok, inner)),
        _ => None,
    }
}
