//! Parsing `match`: on values (Choice rules) and on a step's outcome (catchers).

use syn::spanned::Spanned;
use syn::{LitStr, Pat};

use super::ast::{Arm, Binder, ErrArm, Expr, Step, Stmt};
use super::parse::{Parser, single_ident};

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
                    let errors = match &arm.guard {
                        Some((_, guard)) => self.error_guard(guard, &binder),
                        None => Vec::new(),
                    };
                    let body = self.expr(&arm.body);
                    let rethrow = is_rethrow(&body, &binder);
                    err_arms.push(ErrArm {
                        binder,
                        errors,
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

    /// `e.error == "A" || e.error == "B"` -> `["A", "B"]`.
    fn error_guard(&mut self, guard: &syn::Expr, binder: &Binder) -> Vec<LitStr> {
        match guard {
            syn::Expr::Paren(paren) => self.error_guard(&paren.expr, binder),
            syn::Expr::Binary(binary) if matches!(binary.op, syn::BinOp::Or(_)) => {
                let mut names = self.error_guard(&binary.left, binder);
                names.extend(self.error_guard(&binary.right, binder));
                names
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
                match (&*binary.left, &*binary.right) {
                    (left, right) if is_error_field(left) && literal(right).is_some() => {
                        literal(right).into_iter().collect()
                    }
                    (left, right) if is_error_field(right) && literal(left).is_some() => {
                        literal(left).into_iter().collect()
                    }
                    _ => {
                        self.ctxt.error_spanned_by(guard, "an `Err` guard compares the error name with string literals: `Err(e) if e.error == \"Payment.Declined\"`");
                        Vec::new()
                    }
                }
            }
            other => {
                self.ctxt.error_spanned_by(other, "an `Err` guard compares the error name with string literals: `Err(e) if e.error == \"Payment.Declined\"`");
                Vec::new()
            }
        }
    }
}

/// `fail!(e.error, e.cause)` on the arm's own error.
fn is_rethrow(body: &Expr, binder: &Binder) -> bool {
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
    matches!(body, Expr::Fail { error, cause: Some(cause), .. } if field_of(error, "error") && field_of(cause, "cause"))
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
