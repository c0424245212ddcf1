//! Blocks and statements, and where their values go: variables, the list's output, `return`, `break`.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use super::super::ast::{Binder, Block, Expr, Stmt};
use super::super::graph::{Kind, State, Target, Value};
use super::super::js::Js;
use super::{
    Binding, Dest, Flow, Hint, Lowerer, ReturnTo, Slot, Unwind, UnwindBody, ValueType, step,
    typed_path,
};

impl<'a> Lowerer<'a> {
    pub(crate) fn block(&mut self, block: &'a Block, mut flow: Flow, dest: &Dest) -> Flow {
        self.env.push(HashMap::new());
        self.depth += 1;
        for stmt in &block.stmts {
            if flow.is_dead() {
                break;
            }
            if let Stmt::Expr {
                value,
                tail: true,
                name,
            } = stmt
            {
                flow = self.value(value, flow, dest, name.as_ref());
            } else {
                flow = self.stmt(stmt, flow);
            }
        }
        if matches!(dest, Dest::Output) {
            // A tail without a value (a loop, an `if` without `else`) ends the list too.
            flow = self.finish(flow, None);
        }
        self.depth -= 1;
        self.env.pop();
        flow
    }

    pub(super) fn top_block(&mut self, block: &'a Block, flow: Flow) -> Flow {
        // The workflow body shares the parameters' frame, so it is lowered at depth 0.
        let mut flow = flow;
        for stmt in &block.stmts {
            if flow.is_dead() {
                break;
            }
            if let Stmt::Expr {
                value,
                tail: true,
                name,
            } = stmt
            {
                flow = self.value(value, flow, &Dest::Output, name.as_ref());
            } else {
                flow = self.stmt(stmt, flow);
            }
        }
        // A tail without a value (a loop, an `if` without `else`) ends the machine too.
        self.finish(flow, None)
    }

    fn let_stmt(
        &mut self,
        binder: &'a Binder,
        ty: Option<&'a syn::Type>,
        value: &'a Expr,
        name: Option<&'a syn::LitStr>,
        flow: Flow,
    ) -> Flow {
        if let Binder::Refused(idents) = binder {
            // The value is still lowered, for its own errors.
            let flow = self.value(value, flow, &Dest::Discard, name);
            for ident in idents {
                self.bind(&crate::case::unraw(ident), Binding::refused());
            }
            return flow;
        }
        let (dest, names) = self.declare(binder);
        let annotated = ty
            .as_ref()
            .map(|ty| quote!(::sfn_dsl::__private::root::<#ty>()));
        let (flow, value_type) = match value {
            Expr::Invalid => {
                let names_only: Vec<(String, String)> = names.clone();
                for (rust, var) in &names_only {
                    self.bind(
                        rust,
                        Binding {
                            poisoned: true,
                            js: Js::var(var),
                            typed: None,
                            hint: Hint::Unknown,
                        },
                    );
                }
                return flow;
            }
            Expr::Pure(pure) => {
                let translated = self.translate(pure);
                let typed = translated
                    .typed
                    .as_ref()
                    .map(|(_, path)| quote!(::sfn_dsl::__private::rebase(&#path)));
                // The variable holds `null` for a missing value.
                let hint = match translated.hint {
                    Hint::Optional => Hint::Unknown,
                    hint => hint,
                };
                (
                    self.deliver(flow, &dest, translated.into_stored()),
                    ValueType::Single(typed, hint),
                )
            }
            other => {
                let value_type = step::value_type(other);
                (self.value(other, flow, &dest, name), value_type)
            }
        };
        let (inits, hint) = match (annotated, value_type) {
            (Some(init), value_type) => (vec![Some(init)], value_type.hint()),
            (None, ValueType::Single(init, hint)) => (vec![init], hint),
            (None, ValueType::Tuple(inits)) => (inits, Hint::Unknown),
        };
        let typed: Vec<Option<TokenStream>> = inits
            .into_iter()
            .map(|init| init.map(|init| typed_path(&init)))
            .collect();
        self.bind_declared(&names, &typed, hint);
        flow
    }

    fn stmt(&mut self, stmt: &'a Stmt, flow: Flow) -> Flow {
        match stmt {
            Stmt::Let {
                binder,
                ty,
                value,
                name,
            } => self.let_stmt(binder, ty.as_ref(), value, name.as_ref(), flow),
            Stmt::Assign {
                target,
                value,
                name,
            } => {
                let rust = crate::case::unraw(target);
                let Some(binding) = self.lookup(&rust).cloned() else {
                    self.unknown_name(target);
                    return flow;
                };
                let Js::Var(var) = binding.js else {
                    self.ctxt.error_spanned_by(
                        target,
                        "only variables bound with `let` can be assigned",
                    );
                    return flow;
                };
                if self
                    .var_scopes
                    .get(&var)
                    .is_some_and(|scope| *scope != self.scope)
                {
                    self.ctxt.error_spanned_by(
                        target,
                        format!(
                            "a `parallel!` branch or fan-out iteration runs in a scope of its own and cannot update `{target}`: give the branch a value and assign it after"
                        ),
                    );
                    return flow;
                }
                self.value(value, flow, &Dest::Var(var), name.as_ref())
            }
            Stmt::Expr { value, name, .. } => {
                self.value(value, flow, &Dest::Discard, name.as_ref())
            }
            Stmt::Defer { body, span } => {
                if self.depth > 0 || self.scope != 0 {
                    self.ctxt.error_at(*span, "`defer` registers cleanup for the whole workflow: call it at the top level of the body");
                    return flow;
                }
                self.unwind.push(Unwind {
                    body: UnwindBody::Cleanup(body),
                    result: None,
                    result_typed: None,
                    cleanup: true,
                });
                flow
            }
        }
    }

    /// Lowers an expression whose value goes to `dest`.
    pub(crate) fn value(
        &mut self,
        expr: &'a Expr,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        match expr {
            Expr::Pure(pure) if matches!(dest, Dest::Output) && self.ends_with_error(pure) => {
                self.returned_error(pure, flow, name)
            }
            Expr::Pure(pure) => {
                let translated = self.translate(pure);
                self.deliver(flow, dest, translated.into_stored())
            }
            Expr::Block(block) => self.block(block, flow, dest),
            Expr::Step(step) => self.step(step, flow, dest, name),
            Expr::If { .. }
            | Expr::Match { .. }
            | Expr::MatchResult { .. }
            | Expr::For { .. }
            | Expr::While { .. }
            | Expr::Loop { .. } => self.control(expr, flow, dest, name),
            Expr::Sleep { .. } | Expr::SleepUntil { .. } => self.wait(expr, flow, name),
            Expr::Fail { error, cause, span } => {
                self.fail(error, cause.as_ref(), *span, flow, name)
            }
            Expr::Return { value, span } => self.return_(value.as_deref(), *span, flow),
            Expr::Break { value, span } => self.break_(value.as_deref(), *span, flow),
            Expr::Continue { span } => {
                let Some(frame) = self.loops.last_mut() else {
                    self.no_loop(*span, "continue");
                    return Flow::dead();
                };
                frame.continues.push(flow);
                Flow::dead()
            }
            Expr::Invalid => flow,
        }
    }

    pub(crate) fn deliver(&mut self, mut flow: Flow, dest: &Dest, js: Js) -> Flow {
        match dest {
            Dest::Discard => flow,
            Dest::Var(var) => {
                flow.assign(var, &js);
                flow
            }
            Dest::Tuple(vars) => {
                for (index, var) in vars.iter().enumerate() {
                    if let Some(var) = var {
                        let element =
                            Js::Index(Box::new(js.clone()), Box::new(Js::Num(index.to_string())))
                                .fold();
                        flow.assign(var, &element);
                    }
                }
                flow
            }
            Dest::Output => self.finish(flow, Some(js)),
        }
    }

    /// Ends the current state list with `value` as its output.
    pub(crate) fn finish(&mut self, flow: Flow, value: Option<Js>) -> Flow {
        if flow.is_dead() {
            return flow;
        }
        let mut flow = flow;
        if self.scope == 0 && self.return_to == ReturnTo::Workflow {
            flow = self.run_cleanups(flow);
            if flow.is_dead() {
                return flow;
            }
        }
        let all_next = flow.exits.iter().all(|slot| matches!(slot, Slot::Next(_)));
        if all_next {
            for slot in &flow.exits {
                let Slot::Next(id) = *slot else { continue };
                let own = self
                    .graph
                    .states
                    .get(id)
                    .map(|state| state.assign.clone())
                    .unwrap_or_default();
                let output = value
                    .as_ref()
                    .map(|js| Value::from_js(js.subst(&flow.pending).subst(&own)));
                if let Some(state) = self.graph.states.get_mut(id) {
                    state.output = output;
                    state.next = Some(Target::End);
                }
            }
            return Flow::dead();
        }
        let mut state = State::new(self.scope, "Done".to_owned(), Kind::Succeed);
        state.output = value.map(Value::from_js);
        let _ = self.push(flow, state);
        Flow::dead()
    }

    fn return_(&mut self, value: Option<&'a Expr>, span: Span, flow: Flow) -> Flow {
        match self.return_to {
            ReturnTo::Nowhere => {
                self.ctxt.error_at(span, "`return` inside a `parallel!` branch would leave the branch, not the workflow; end the branch with its value instead");
                Flow::dead()
            }
            ReturnTo::Workflow | ReturnTo::Iteration => match value {
                Some(value) => self.value(value, flow, &Dest::Output, None),
                None => self.finish(flow, None),
            },
        }
    }

    /// A `break` or `continue` with no loop of its own around it. In a `parallel!` branch
    /// the Rust code may still have one (around the `parallel!`), which the branch cannot
    /// leave; anywhere else the shadow body keeps the keyword where Rust finds no loop
    /// either, and rustc's error (E0267 in a closure, E0268 outside) says it at the same
    /// place, so a second one from the macro would only repeat it.
    fn no_loop(&self, span: Span, keyword: &str) {
        if self.return_to == ReturnTo::Nowhere {
            self.ctxt.error_at(
                span,
                format!("`{keyword}` inside a `parallel!` branch cannot leave the branch: end the branch with its value instead"),
            );
        }
    }

    fn break_(&mut self, value: Option<&'a Expr>, span: Span, flow: Flow) -> Flow {
        let Some(dest) = self.loops.last().map(|frame| frame.dest.clone()) else {
            self.no_loop(span, "break");
            return Flow::dead();
        };
        let flow = match value {
            Some(value) => self.value(value, flow, &dest, None),
            None => flow,
        };
        if let Some(frame) = self.loops.last_mut() {
            frame.breaks.push(flow);
        }
        Flow::dead()
    }
}
