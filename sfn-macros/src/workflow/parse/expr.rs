//! Parsing expressions: bindings, closures, control flow, and the check that an expression
//! holds no step.

use syn::Pat;

use super::super::ast::{Binder, Cond, Expr};
use super::{
    FAIL_MACRO, INTRINSICS, PARALLEL_MACROS, Parser, TASK_TOKEN, is_task_path, macro_name,
    single_ident,
};

/// Why a labelled loop, `break 'outer` or `continue 'outer` is refused, and what to write.
const LOOP_LABEL: &str = "loop labels are not supported in workflows: `break` and `continue` leave the innermost loop; set a variable before `break` and test it in the outer loop (or `return` from the workflow)";

impl Parser<'_> {
    pub(crate) fn binder(&mut self, pat: &Pat) -> Binder {
        match pat {
            Pat::Ident(ident) if ident.subpat.is_none() => Binder::Ident(ident.ident.clone()),
            Pat::Tuple(tuple) => Binder::Tuple(
                tuple
                    .elems
                    .iter()
                    .map(|element| self.binder(element))
                    .collect(),
            ),
            Pat::Wild(_) => Binder::Wild,
            Pat::Paren(paren) => self.binder(&paren.pat),
            other => {
                self.ctxt.error_spanned_by(
                    other,
                    "workflow bindings are names, tuples of names, or `_`: read a field where it is needed (`value.field`), or bind it with `let field = value.field;`",
                );
                Binder::Refused(pattern_names(other))
            }
        }
    }

    pub(crate) fn closure(
        &mut self,
        expr: &syn::Expr,
        what: &str,
    ) -> Option<(Binder, Option<syn::Type>, Expr)> {
        match expr {
            syn::Expr::Closure(closure) if closure.inputs.len() == 1 => {
                let (pat, ty) = match &closure.inputs[0] {
                    Pat::Type(typed) => (&*typed.pat, Some((*typed.ty).clone())),
                    other => (other, None),
                };
                let binder = self.binder(pat);
                Some((binder, ty, self.expr(&closure.body)))
            }
            other => {
                self.ctxt.error_spanned_by(
                    other,
                    format!(
                        "{what} takes a closure with one parameter, such as `|item| process(item)`"
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn expr(&mut self, expr: &syn::Expr) -> Expr {
        match expr {
            syn::Expr::Paren(paren) => self.expr(&paren.expr),
            syn::Expr::Group(group) => self.expr(&group.expr),
            syn::Expr::Block(block) if block.label.is_none() => {
                Expr::Block(self.block(&block.block))
            }
            syn::Expr::If(branch) => self.branch(branch),
            syn::Expr::Match(matching) => self.matching(matching),
            syn::Expr::ForLoop(for_loop) => {
                if let Some(label) = &for_loop.label {
                    self.ctxt.error_spanned_by(label, LOOP_LABEL);
                }
                Expr::For {
                    binder: self.binder(&for_loop.pat),
                    items: (*for_loop.expr).clone(),
                    body: self.block(&for_loop.body),
                    span: for_loop.for_token.span,
                }
            }
            syn::Expr::While(while_loop) => {
                if let Some(label) = &while_loop.label {
                    self.ctxt.error_spanned_by(label, LOOP_LABEL);
                }
                if self.refuse_outcome_test(&while_loop.cond) {
                    return Expr::Invalid;
                }
                Expr::While {
                    cond: self.cond(&while_loop.cond),
                    body: self.block(&while_loop.body),
                    span: while_loop.while_token.span,
                }
            }
            syn::Expr::Loop(loop_expr) => {
                if let Some(label) = &loop_expr.label {
                    self.ctxt.error_spanned_by(label, LOOP_LABEL);
                }
                Expr::Loop {
                    body: self.block(&loop_expr.body),
                    span: loop_expr.loop_token.span,
                }
            }
            syn::Expr::Return(ret) => Expr::Return {
                value: ret.expr.as_ref().map(|value| Box::new(self.expr(value))),
                span: ret.return_token.span,
            },
            // A `break 'label` is inside its labelled loop (or rustc says it is not),
            // whose label is the one error.
            syn::Expr::Break(brk) => Expr::Break {
                value: brk.expr.as_ref().map(|value| Box::new(self.expr(value))),
                span: brk.break_token.span,
            },
            syn::Expr::Continue(cont) => Expr::Continue {
                span: cont.continue_token.span,
            },
            syn::Expr::Macro(mac) => self.macro_call(&mac.mac, expr),
            syn::Expr::Call(call) => self.call(call, expr),
            syn::Expr::MethodCall(_) | syn::Expr::Try(_) => self.chain(expr),
            syn::Expr::Closure(closure) => {
                self.ctxt.error_spanned_by(closure, "closures are only allowed as the argument of `fan_out`, `.catch`, `.compensate` and `defer`");
                Expr::Invalid
            }
            syn::Expr::Async(_)
            | syn::Expr::Await(_)
            | syn::Expr::Unsafe(_)
            | syn::Expr::Yield(_)
            | syn::Expr::TryBlock(_)
            | syn::Expr::Const(_) => {
                self.ctxt.error_spanned_by(expr, "this construct has no state machine equivalent; see docs/macros.md for the supported Rust subset");
                Expr::Invalid
            }
            syn::Expr::Assign(assign) => {
                self.ctxt
                    .error_spanned_by(assign, "an assignment is a statement: end it with `;`");
                Expr::Invalid
            }
            other => {
                if self.check_pure(other) {
                    return Expr::Invalid;
                }
                Expr::Pure(other.clone())
            }
        }
    }

    fn branch(&mut self, branch: &syn::ExprIf) -> Expr {
        if self.refuse_outcome_test(&branch.cond) {
            return Expr::Invalid;
        }
        let cond = self.cond(&branch.cond);
        let then = self.block(&branch.then_branch);
        let otherwise = branch
            .else_branch
            .as_ref()
            .map(|(_, otherwise)| Box::new(self.expr(otherwise)));
        Expr::If {
            cond,
            then,
            otherwise,
            span: branch.if_token.span,
        }
    }

    /// Reports task calls hidden inside expressions; true when there were some.
    pub(crate) fn check_pure(&mut self, expr: &syn::Expr) -> bool {
        struct Finder<'a, 'b> {
            parser: &'a mut Parser<'b>,
        }
        impl<'ast> syn::visit::Visit<'ast> for Finder<'_, '_> {
            fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
                if let syn::Expr::Path(path) = &*call.func {
                    if is_task_path(&path.path) {
                        self.parser.ctxt.error_spanned_by(call, "a task call is a step of its own: bind its result first (`let value = task(..);`) and use the variable here (a workflow calls `#[task]` functions only)");
                        self.parser.reported += 1;
                        return;
                    }
                    if single_ident(&path.path).is_some_and(|ident| {
                        ident != TASK_TOKEN && INTRINSICS.contains(&ident.to_string().as_str())
                    }) {
                        self.parser.ctxt.error_spanned_by(call, "this step cannot be part of an expression: make it a statement of its own");
                        self.parser.reported += 1;
                        return;
                    }
                }
                syn::visit::visit_expr_call(self, call);
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                let name = macro_name(mac);
                if PARALLEL_MACROS.contains(&name.as_str()) || name == FAIL_MACRO {
                    self.parser.ctxt.error_spanned_by(
                        mac,
                        format!("`{name}!` is a step of its own: bind its result first with `let`"),
                    );
                    self.parser.reported += 1;
                }
            }
            fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
                self.parser.ctxt.error_spanned_by(closure, "closures are only allowed as the argument of `fan_out`, `.catch`, `.compensate` and `defer`");
                self.parser.reported += 1;
            }
        }
        let before = self.reported;
        let mut finder = Finder { parser: self };
        syn::visit::Visit::visit_expr(&mut finder, expr);
        self.reported != before
    }

    fn cond(&mut self, cond: &syn::Expr) -> Cond {
        match cond {
            syn::Expr::Let(binding) => Cond::Let {
                pat: (*binding.pat).clone(),
                scrutinee: (*binding.expr).clone(),
            },
            other => {
                let _ = self.check_pure(other);
                Cond::Expr(other.clone())
            }
        }
    }
}

impl Parser<'_> {
    /// Refuses a `return` in the closure of a handler (`.catch`, `.compensate`): Rust returns
    /// from the closure, but the handler's states are part of the workflow's own, where
    /// `return` ends the workflow. (A fan-out closure is an iteration of its own, whose
    /// `return` gives its value, as in Rust.)
    pub(crate) fn refuse_handler_return(&self, closure: &syn::Expr, what: &str) {
        if let syn::Expr::Closure(closure) = closure
            && let Some(token) = closure_return(&closure.body)
        {
            self.ctxt.error_spanned_by(
                token,
                format!("`return` in the closure of {what} would return from the closure in Rust, but end the workflow here: make the value the closure's last expression"),
            );
        }
    }
}

/// The first `return` of a closure's body (not of a closure inside it).
fn closure_return(body: &syn::Expr) -> Option<proc_macro2::TokenStream> {
    struct Find(Option<proc_macro2::TokenStream>);
    impl<'a> syn::visit::Visit<'a> for Find {
        fn visit_expr_return(&mut self, ret: &'a syn::ExprReturn) {
            if self.0.is_none() {
                self.0 = Some(quote::ToTokens::to_token_stream(&ret.return_token));
            }
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut find = Find(None);
    syn::visit::Visit::visit_expr(&mut find, body);
    find.0
}

/// The names a pattern binds (`n` and `m` in `In { n, m, .. }`), so that a refused pattern
/// still declares them and their uses add no error of their own.
pub(crate) fn pattern_names(pat: &Pat) -> Vec<syn::Ident> {
    struct Names(Vec<syn::Ident>);
    impl<'a> syn::visit::Visit<'a> for Names {
        fn visit_pat_ident(&mut self, ident: &'a syn::PatIdent) {
            self.0.push(ident.ident.clone());
            syn::visit::visit_pat_ident(self, ident);
        }
        fn visit_expr(&mut self, _: &'a syn::Expr) {}
    }
    let mut names = Names(Vec::new());
    syn::visit::Visit::visit_pat(&mut names, pat);
    names.0
}
