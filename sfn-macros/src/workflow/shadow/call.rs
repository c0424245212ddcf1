//! Calls and macros in the shadow body: step options become type checks, the intrinsics and
//! `parallel!`/`fail!` get absolute paths, and a call to the workflow itself is left out.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

use super::Rewriter;
use super::visit::INFERRING_METHODS;
use crate::workflow::lower::duration_constructor;
use crate::workflow::parse::{FAIL_MACRO, INTRINSICS, PARALLEL_MACROS, single_ident};

impl Rewriter<'_> {
    fn macro_args(&mut self, mac: &syn::Macro) -> Option<Vec<syn::Expr>> {
        let args = mac
            .parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            )
            .ok()?;
        Some(
            args.into_iter()
                .map(|mut arg| {
                    self.visit_expr_mut(&mut arg);
                    arg
                })
                .collect(),
        )
    }

    pub(super) fn step_option(&mut self, call: &syn::ExprMethodCall) -> syn::Expr {
        let mut receiver = (*call.receiver).clone();
        self.visit_expr_mut(&mut receiver);
        let mut args: Vec<syn::Expr> = call.args.iter().cloned().collect();
        for arg in &mut args {
            self.visit_expr_mut(arg);
        }
        let span = call.method.span();
        let value = quote_spanned!(span=> __sfn_step);
        let check: TokenStream = match (call.method.to_string().as_str(), args.as_slice()) {
            ("retry", [policy]) => quote_spanned!(span=> ::sfn_dsl::__private::retry(&#policy);),
            ("timeout" | "heartbeat", [duration]) if !self.definition_built => {
                quote_spanned!(span=> ::sfn_dsl::__private::duration(#duration);)
            }
            ("name", [name]) => quote_spanned!(span=> ::sfn_dsl::__private::name(#name);),
            ("catch", [handler]) => {
                quote_spanned!(span=> ::sfn_dsl::__private::catch(&#value, #handler);)
            }
            ("compensate", [compensation]) => {
                quote_spanned!(span=> ::sfn_dsl::__private::compensate(&#value, #compensation);)
            }
            _ => TokenStream::new(),
        };
        syn::parse_quote_spanned!(span=> {
            let #value = #receiver;
            #check
            #value
        })
    }

    /// A call: to the workflow itself (refused by the macro), or to anything else, with the
    /// workflow's intrinsics given their absolute paths.
    pub(super) fn call(&mut self, expr: &mut syn::Expr) {
        match expr {
            syn::Expr::Call(call)
                if matches!(&*call.func, syn::Expr::Path(func)
                    if single_ident(&func.path) == Some(self.workflow)
                        && !INTRINSICS.contains(&self.workflow.to_string().as_str())) =>
            {
                let span = call.func.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&()));
            }
            syn::Expr::Call(call) => {
                syn::visit_mut::visit_expr_call_mut(self, call);
                if let syn::Expr::Path(func) = &mut *call.func
                    && let Some(ident) = single_ident(&func.path).cloned()
                    && INTRINSICS.contains(&ident.to_string().as_str())
                {
                    let span = ident.span();
                    func.path = syn::parse_quote_spanned!(span=> ::sfn_dsl::workflow::#ident);
                    // The macro refused a duration that is not `Duration::from_…(n)`; rustc
                    // is not asked about it too (`sleep(5)`: "expected `Duration`").
                    if ident == "sleep"
                        && call.args.len() == 1
                        && let Some(duration) = call.args.first_mut()
                        && duration_constructor(duration).is_none()
                    {
                        let span = duration.span();
                        *duration = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&#duration));
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether the macro refused `call`'s method (and rustc need not see it to infer a
    /// collection's element type).
    pub(super) fn is_refused(&self, call: &syn::ExprMethodCall) -> bool {
        let method = call.method.to_string();
        self.untranslated.contains(&method) && !INFERRING_METHODS.contains(&method.as_str())
    }

    /// Whether `expr` continues, through calls, fields, `?`s and indexes, a method call
    /// the macro refused.
    pub(super) fn continues_refused_call(&self, expr: &syn::Expr) -> bool {
        let mut link = chained_on(expr);
        while let Some(inner) = link {
            if let syn::Expr::MethodCall(call) = inner
                && self.is_refused(call)
            {
                return true;
            }
            link = chained_on(inner);
        }
        false
    }

    /// Whether `expr` is a refused method call, continues one, or reads a variable bound
    /// to one: its value is the diverging stand-in.
    pub(super) fn is_refused_value(&self, expr: &syn::Expr) -> bool {
        match expr {
            syn::Expr::MethodCall(call) if self.is_refused(call) => true,
            syn::Expr::Path(path) => single_ident(&path.path)
                .is_some_and(|ident| self.refused_values.contains(&ident.to_string())),
            syn::Expr::Paren(inner) => self.is_refused_value(&inner.expr),
            _ => self.continues_refused_call(expr),
        }
    }

    /// A `for` loop over a method call the macro refused: the call is kept as written.
    pub(super) fn for_over_refused_call(&mut self, for_loop: &mut syn::ExprForLoop) {
        if let syn::Expr::MethodCall(call) = &mut *for_loop.expr {
            self.visit_expr_mut(&mut call.receiver);
            for arg in &mut call.args {
                self.visit_expr_mut(arg);
            }
        }
        self.visit_pat_mut(&mut for_loop.pat);
        self.visit_block_mut(&mut for_loop.body);
    }

    /// `parallel!` (`join!`), `fail!`, `format!` and `vec!`: read as the calls they stand
    /// for, with their arguments checked.
    pub(super) fn mac(&mut self, expr: &mut syn::Expr) {
        let syn::Expr::Macro(mac) = expr else {
            return;
        };
        let name = mac
            .mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let span = mac.mac.path.span();
        if PARALLEL_MACROS.contains(&name.as_str()) {
            if let Some(mut branches) = self.macro_args(&mac.mac) {
                for branch in &mut branches {
                    LoopExits.visit_expr_mut(branch);
                }
                *expr = syn::parse_quote_spanned!(span=> (#(::sfn_dsl::__private::branch(#branches),)*));
            }
        } else if name == FAIL_MACRO {
            if let Some(args) = self.macro_args(&mac.mac) {
                let error = args
                    .first()
                    .map_or_else(|| quote!(""), |error| quote!(#error));
                let cause = args
                    .get(1)
                    .map_or_else(|| quote!(""), |cause| quote!(#cause));
                *expr =
                    syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::fail(#error, #cause));
            }
        } else if (name == "format" || name == "vec")
            && let Some(args) = self.macro_args(&mac.mac)
        {
            let path = &mac.mac.path;
            mac.mac.tokens = quote!(#(#args),*);
            mac.mac.path = path.clone();
        }
    }
}

/// Replaces the `break`s and `continue`s of a `parallel!` branch that would leave it (the
/// macro refused them): around the `parallel!` Rust may have a loop they would leave, whose
/// type rustc would then check against them.
struct LoopExits;

impl VisitMut for LoopExits {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        match expr {
            // Their own `break`s stay theirs.
            syn::Expr::ForLoop(_)
            | syn::Expr::While(_)
            | syn::Expr::Loop(_)
            | syn::Expr::Closure(_) => {}
            syn::Expr::Break(exit) if exit.label.is_none() => {
                let span = exit.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&()));
            }
            syn::Expr::Continue(exit) if exit.label.is_none() => {
                let span = exit.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&()));
            }
            _ => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }
}

/// The expression `expr` continues: the receiver of a method call, the base of a field or
/// an index, the operand of `?`, the inside of parentheses.
pub(super) fn chained_on(expr: &syn::Expr) -> Option<&syn::Expr> {
    match expr {
        syn::Expr::MethodCall(call) => Some(&call.receiver),
        syn::Expr::Field(access) => Some(&access.base),
        syn::Expr::Try(inner) => Some(&inner.expr),
        syn::Expr::Index(index) => Some(&index.expr),
        syn::Expr::Paren(inner) => Some(&inner.expr),
        _ => None,
    }
}
