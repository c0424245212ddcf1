//! The rewrite's walk: which rewrite each statement and expression of the body gets.

use quote::quote;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

use super::Rewriter;
use super::call::chained_on;
use super::operator::check_extremum;
use super::spanned::{read_field, spanned_call};
use crate::workflow::parse::{STEP_OPTIONS, is_step, single_ident};

fn is_result_match(matching: &syn::ExprMatch) -> bool {
    matching.arms.iter().any(|arm| is_result_pattern(&arm.pat))
}

/// `Ok(..)` or `Err(..)`.
fn is_result_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::TupleStruct(tuple) => {
            single_ident(&tuple.path).is_some_and(|ident| ident == "Ok" || ident == "Err")
        }
        _ => false,
    }
}

impl VisitMut for Rewriter<'_> {
    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        let attrs = match stmt {
            syn::Stmt::Local(local) => Some(&mut local.attrs),
            syn::Stmt::Macro(mac) => Some(&mut mac.attrs),
            syn::Stmt::Expr(expr, _) => expr_attrs_mut(expr),
            syn::Stmt::Item(_) => None,
        };
        if let Some(attrs) = attrs {
            attrs.retain(|attr| !attr.path().is_ident("sfn"));
        }
        if let syn::Stmt::Macro(mac) = stmt {
            let expr = syn::Expr::Macro(syn::ExprMacro {
                attrs: mac.attrs.clone(),
                mac: mac.mac.clone(),
            });
            let semi = mac
                .semi_token
                .or_else(|| Some(syn::Token![;](mac.mac.path.span())));
            *stmt = syn::Stmt::Expr(expr, semi);
        }
        syn::visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        if let Some(init) = &local.init
            && self.is_refused_value(&init.expr)
            && let Some(name) = bound_name(&local.pat)
        {
            self.refused_values.insert(name);
        }
        syn::visit_mut::visit_local_mut(self, local);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        // What is chained onto a refused call (`.rev().count()`, `.parse().unwrap()`, `?`) is
        // left out with it: its stand-in diverges, and rustc would report the next call on
        // `!` after the macro's error.
        if self.continues_refused_call(expr)
            && let Some(inner) = chained_on(expr)
        {
            *expr = inner.clone();
            self.visit_expr_mut(expr);
            return;
        }
        match expr {
            syn::Expr::Path(path) => {
                if let Some(ident) = single_ident(&path.path)
                    && self.names.contains(&ident.to_string())
                {
                    // Bound first, so that the type the context expects does not flow into
                    // `copy`: a value passed where a reference is expected is then reported
                    // at the variable ("expected `&Order`, found `Order`"), not inside
                    // `copy`.
                    let span = ident.span();
                    *expr = syn::parse_quote_spanned!(span=> { let __sfn_read = ::sfn_dsl::__private::copy(&#ident); __sfn_read });
                }
            }
            // Read through the typed path first, so that a misspelt field is reported once
            // (see `__private::Probe`).
            syn::Expr::Field(access) if matches!(access.member, syn::Member::Named(_)) => {
                self.visit_expr_mut(&mut access.base);
                *expr = read_field(&access.base, &access.member);
            }
            // A refused method that a `for` loop iterates over (`xs.iter().enumerate()`) is
            // kept as written: a diverging stand-in is no iterator, and rustc would say so
            // after the macro's error.
            syn::Expr::ForLoop(for_loop)
                if matches!(&*for_loop.expr, syn::Expr::MethodCall(call)
                    if self.untranslated.contains(&call.method.to_string())) =>
            {
                self.for_over_refused_call(for_loop);
            }
            syn::Expr::Assign(assign) => self.visit_expr_mut(&mut assign.right),
            syn::Expr::Binary(_) => self.binary(expr),
            syn::Expr::Cast(cast) => self.cast(cast),
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Not(_),
                ..
            }) => self.not(expr),
            syn::Expr::MethodCall(call)
                if (call.method == "min" || call.method == "max") && call.args.len() == 1 =>
            {
                syn::visit_mut::visit_expr_method_call_mut(self, call);
                check_extremum(call);
            }
            // The macro already reported this method: rustc is not asked about it too.
            syn::Expr::MethodCall(call) if self.is_refused(call) => {
                self.visit_expr_mut(&mut call.receiver);
                let receiver = &call.receiver;
                let span = call.method.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&#receiver));
            }
            // A string's `.len()` counts bytes in Rust and characters in JSONata.
            syn::Expr::MethodCall(call) if call.method == "len" && call.args.is_empty() => {
                self.visit_expr_mut(&mut call.receiver);
                *expr = spanned_call(
                    quote!(::sfn_dsl::__private::length),
                    &call.receiver,
                    call.paren_token.span.close(),
                );
            }
            syn::Expr::MethodCall(call)
                if STEP_OPTIONS.contains(&call.method.to_string().as_str())
                    && is_step(&call.receiver) =>
            {
                *expr = self.step_option(call);
            }
            syn::Expr::Try(inner) if is_step(&inner.expr) => {
                let mut stripped = (*inner.expr).clone();
                self.visit_expr_mut(&mut stripped);
                *expr = stripped;
            }
            // `if let Ok(..) = task(..)`: refused by the macro, which says what to write;
            // read as on the step's `Result`, so that rustc does not report it again.
            syn::Expr::Let(binding)
                if is_result_pattern(&binding.pat) && is_step(&binding.expr) =>
            {
                syn::visit_mut::visit_expr_let_mut(self, binding);
                let scrutinee = &binding.expr;
                let span = scrutinee.span();
                *binding.expr =
                    syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::task_result(#scrutinee));
            }
            syn::Expr::Match(matching) if is_result_match(matching) && is_step(&matching.expr) => {
                syn::visit_mut::visit_expr_match_mut(self, matching);
                let scrutinee = &matching.expr;
                let span = scrutinee.span();
                *matching.expr =
                    syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::task_result(#scrutinee));
            }
            syn::Expr::Call(_) => self.call(expr),
            syn::Expr::Macro(_) => self.mac(expr),
            _ => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }
}

/// Collection methods the macro refuses that rustc needs to see to infer a collection's
/// element type (`let mut v = Vec::new(); v.push(x);`): kept as written, so that the
/// macro's error is not joined by rustc's "type annotations needed".
pub(super) const INFERRING_METHODS: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "extend",
    "append",
    "entry",
];

fn expr_attrs_mut(expr: &mut syn::Expr) -> Option<&mut Vec<syn::Attribute>> {
    Some(match expr {
        syn::Expr::Call(inner) => &mut inner.attrs,
        syn::Expr::MethodCall(inner) => &mut inner.attrs,
        syn::Expr::If(inner) => &mut inner.attrs,
        syn::Expr::Match(inner) => &mut inner.attrs,
        syn::Expr::ForLoop(inner) => &mut inner.attrs,
        syn::Expr::While(inner) => &mut inner.attrs,
        syn::Expr::Loop(inner) => &mut inner.attrs,
        syn::Expr::Macro(inner) => &mut inner.attrs,
        syn::Expr::Assign(inner) => &mut inner.attrs,
        syn::Expr::Try(inner) => &mut inner.attrs,
        syn::Expr::Block(inner) => &mut inner.attrs,
        _ => return None,
    })
}

/// The variable a `let` pattern binds as a whole (`x`, `x: u32`, `mut x`).
fn bound_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(binding) if binding.subpat.is_none() => Some(binding.ident.to_string()),
        syn::Pat::Type(typed) => bound_name(&typed.pat),
        _ => None,
    }
}
