//! What a `for` body does that a Map state cannot: a Map iteration runs in a scope of its
//! own and ends at its last state, so a body that updates a variable declared before the
//! loop, leaves the loop early, or returns from the workflow runs as a Choice loop instead.

use crate::case::unraw;
use crate::workflow::ast::{Binder, Block, Cond, Expr, Step, StepKind, StepOption, Stmt};

/// Whether a `for` body needs the sequential Choice loop: it assigns an outer variable or
/// has a `return` at any depth (nested loops and branches included), or a `break` or
/// `continue` of its own.
pub(super) fn needs_choice_loop(binder: &Binder, body: &Block) -> bool {
    let mut scan = Scan {
        declared: vec![Vec::new()],
        closures: 0,
        nested_loops: 0,
        found: false,
    };
    scan.declare(binder);
    scan.block(body);
    scan.found
}

/// A walk of the body that keeps the names declared inside it, in order, so that an
/// assignment is outer only when no `let` before it (in an enclosing block) shadows it.
struct Scan {
    declared: Vec<Vec<String>>,
    /// Closures entered (`.catch`, fan-outs): a `return` there leaves the closure only.
    closures: usize,
    /// Loops entered inside the body: their `break`s and `continue`s are their own.
    nested_loops: usize,
    found: bool,
}

impl Scan {
    fn declare(&mut self, binder: &Binder) {
        match binder {
            Binder::Ident(ident) => self.declare_name(unraw(ident)),
            Binder::Tuple(items) => items.iter().for_each(|item| self.declare(item)),
            Binder::Refused(idents) => idents
                .iter()
                .for_each(|ident| self.declare_name(unraw(ident))),
            Binder::Wild => {}
        }
    }

    fn declare_name(&mut self, name: String) {
        if let Some(frame) = self.declared.last_mut() {
            frame.push(name);
        }
    }

    fn declare_pattern(&mut self, pat: &syn::Pat) {
        struct Idents<'s>(&'s mut Scan);
        impl<'ast> syn::visit::Visit<'ast> for Idents<'_> {
            fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
                self.0.declare_name(unraw(&pat.ident));
                syn::visit::visit_pat_ident(self, pat);
            }
        }
        syn::visit::Visit::visit_pat(&mut Idents(self), pat);
    }

    fn is_declared(&self, name: &str) -> bool {
        self.declared
            .iter()
            .any(|frame| frame.iter().any(|declared| declared == name))
    }

    /// Runs `f` in a new frame of declarations.
    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.declared.push(Vec::new());
        f(self);
        self.declared.pop();
    }

    fn block(&mut self, block: &Block) {
        self.scoped(|scan| {
            for stmt in &block.stmts {
                match stmt {
                    Stmt::Let { binder, value, .. } => {
                        scan.expr(value);
                        scan.declare(binder);
                    }
                    Stmt::Assign { target, value, .. } => {
                        scan.expr(value);
                        if !scan.is_declared(&unraw(target)) {
                            scan.found = true;
                        }
                    }
                    Stmt::Expr { value, .. } => scan.expr(value),
                    // Refused inside loops elsewhere.
                    Stmt::Defer { .. } => {}
                }
            }
        });
    }

    fn in_loop(&mut self, f: impl FnOnce(&mut Self)) {
        self.nested_loops += 1;
        self.scoped(f);
        self.nested_loops -= 1;
    }

    fn in_closure(&mut self, binder: &Binder, body: &Expr) {
        self.closures += 1;
        self.scoped(|scan| {
            scan.declare(binder);
            scan.expr(body);
        });
        self.closures -= 1;
    }

    fn cond(&mut self, cond: &Cond, body: &Block) {
        self.scoped(|scan| {
            if let Cond::Let { pat, .. } = cond {
                scan.declare_pattern(pat);
            }
            scan.block(body);
        });
    }

    fn step(&mut self, step: &Step) {
        for option in &step.options {
            if let StepOption::Catch { binder, body } = option {
                self.in_closure(binder, body);
            }
        }
        match &step.kind {
            StepKind::Task { .. } => {}
            StepKind::Parallel(branches) => branches.iter().for_each(|branch| self.expr(branch)),
            StepKind::FanOut { binder, body, .. } => self.in_closure(binder, body),
        }
    }

    fn expr(&mut self, expr: &Expr) {
        if self.found {
            return;
        }
        match expr {
            Expr::Step(step) => self.step(step),
            Expr::If {
                cond,
                then,
                otherwise,
                ..
            } => {
                self.cond(cond, then);
                if let Some(otherwise) = otherwise {
                    self.expr(otherwise);
                }
            }
            Expr::Match { arms, .. } => {
                for arm in arms {
                    self.scoped(|scan| {
                        scan.declare_pattern(&arm.pat);
                        scan.expr(&arm.body);
                    });
                }
            }
            Expr::MatchResult {
                step,
                ok_binder,
                ok_body,
                err_arms,
            } => {
                self.step(step);
                self.scoped(|scan| {
                    scan.declare(ok_binder);
                    scan.expr(ok_body);
                });
                for arm in err_arms {
                    self.scoped(|scan| {
                        scan.declare(&arm.binder);
                        scan.expr(&arm.body);
                    });
                }
            }
            Expr::For { binder, body, .. } => self.in_loop(|scan| {
                scan.declare(binder);
                scan.block(body);
            }),
            Expr::While { cond, body, .. } => self.in_loop(|scan| scan.cond(cond, body)),
            Expr::Loop { body, .. } => self.in_loop(|scan| scan.block(body)),
            Expr::Return { value, .. } => {
                if self.closures == 0 {
                    self.found = true;
                }
                if let Some(value) = value {
                    self.expr(value);
                }
            }
            Expr::Break { value, .. } => {
                if self.nested_loops == 0 && self.closures == 0 {
                    self.found = true;
                }
                if let Some(value) = value {
                    self.expr(value);
                }
            }
            Expr::Continue { .. } => {
                if self.nested_loops == 0 && self.closures == 0 {
                    self.found = true;
                }
            }
            Expr::Block(block) => self.block(block),
            Expr::Pure(_)
            | Expr::Sleep { .. }
            | Expr::SleepUntil { .. }
            | Expr::Fail { .. }
            | Expr::Invalid => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::needs_choice_loop;
    use crate::ctxt::Ctxt;
    use crate::workflow::ast::{Expr, Stmt};

    /// Whether the first `for` of `body` (a statement of a workflow body) needs a Choice loop.
    fn first_for_needs_choice_loop(body: &proc_macro2::TokenStream) -> bool {
        let function: syn::ItemFn =
            syn::parse2(quote::quote!(fn wf(i: In) { #body })).expect("a function");
        let ctxt = Ctxt::new();
        let workflow = crate::workflow::parse::parse(&ctxt, &function);
        let found = workflow.body.stmts.iter().find_map(|stmt| match stmt {
            Stmt::Expr {
                value: Expr::For { binder, body, .. },
                ..
            } => Some(needs_choice_loop(binder, body)),
            _ => None,
        });
        assert!(ctxt.check().is_ok(), "the body parses");
        found.expect("a `for` statement")
    }

    #[test]
    fn independent_iterations_can_run_as_a_map() {
        assert!(!first_for_needs_choice_loop(&quote::quote! {
            for x in i.xs {
                let mut total = x;
                for y in i.ys.clone() {
                    total += y;
                    if y > 3 { break; }
                }
                let doubled = fan_out(i.ys.clone(), 2, |y| { return y * 2; });
                rec(total);
            }
        }));
    }

    #[test]
    fn updates_returns_and_exits_at_any_depth_need_a_choice_loop() {
        for body in [
            quote::quote! { for x in i.xs { for y in i.ys.clone() { sum += y; } } },
            quote::quote! { for x in i.xs { if x > 1 { match x { 2 => { count += 1; } _ => {} } } } },
            quote::quote! { for x in i.xs { acc += x; let acc = acc * 2; rec(acc); } },
            quote::quote! { for x in i.xs { while x > 0 { sleep(Duration::from_secs(1)); return x; } } },
            quote::quote! { for x in i.xs { if x > 1 { continue; } rec(x); } },
            quote::quote! { for x in i.xs { match x { 0 => break, _ => rec(x) } } },
        ] {
            assert!(first_for_needs_choice_loop(&body), "{body}");
        }
    }
}
