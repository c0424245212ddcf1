//! Sagas: compensations registered on steps, cleanups registered with `defer`, the catchers
//! that enter the unwind chain, and the chain itself.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::ast::{Binder, Compensation, Expr, Step, StepKind, StepOption};
use super::super::graph::{Kind, State, StateId, Target, Value};
use super::super::js::Js;
use super::step::task_name;
use super::{Binding, Dest, Flow, Hint, Lowerer, Slot, Unwind, UnwindBody};

impl<'a> Lowerer<'a> {
    pub(super) fn register_compensations(&mut self, step: &'a Step, result: Option<&str>) {
        for option in &step.options {
            if let StepOption::Compensate(compensation) = option {
                let span = match compensation {
                    Compensation::Task(_, span) | Compensation::Closure { span, .. } => *span,
                };
                if self.scope != 0 || self.depth > 0 {
                    self.ctxt.error_at(span, "compensations run in one chain for the whole workflow: register them on steps at the top level of the body, not inside branches or loops");
                    continue;
                }
                let result_typed = match &step.kind {
                    StepKind::Task { path, .. } => Some(super::typed_path(
                        &quote_spanned!(path.span()=> ::sfn_dsl::__private::root::<<#path as ::sfn_dsl::__private::Task>::Output>()),
                    )),
                    _ => None,
                };
                self.unwind.push(Unwind {
                    body: UnwindBody::Compensation(compensation),
                    result: result.map(str::to_owned),
                    result_typed,
                    cleanup: false,
                });
            }
        }
    }

    /// Adds the saga catcher to a failing state at the top level.
    pub(crate) fn seal(&mut self, id: StateId, entry: &[(String, Js)]) {
        let depth = self.unwind.len();
        let catchable = self.graph.states.get(id).is_some_and(State::can_catch);
        if depth == 0 || self.scope != 0 || !catchable || self.building_chain {
            return;
        }
        // The step's own handlers were added first. One that catches every error leaves
        // nothing to unwind for (and ASL allows `States.ALL` only in the last catcher);
        // otherwise this catcher comes last and takes the errors they leave.
        let handles_all = self.graph.states.get(id).is_some_and(|state| {
            state
                .catch
                .iter()
                .any(|catcher| catcher.errors.iter().any(|error| error == "States.ALL"))
        });
        if handles_all {
            return;
        }
        let var = self.error_var();
        let slot = self.add_catcher(
            id,
            vec!["States.ALL".to_owned()],
            &entry.to_vec(),
            vec![(var, Js::Root("$states.errorOutput"))],
        );
        self.point(slot, Target::Unwind(depth));
    }

    /// Runs the cleanups registered with `defer` (success path).
    pub(crate) fn run_cleanups(&mut self, mut flow: Flow) -> Flow {
        if self.running_cleanups {
            return flow;
        }
        let bodies: Vec<&'a Expr> = self
            .unwind
            .iter()
            .rev()
            .filter_map(|entry| match entry.body {
                UnwindBody::Cleanup(body) => Some(body),
                UnwindBody::Compensation(_) => None,
            })
            .collect();
        self.running_cleanups = true;
        for body in bodies {
            flow = self.value(body, flow, &Dest::Discard, None);
        }
        self.running_cleanups = false;
        flow
    }

    /// Builds the unwind chain the saga catchers point at: compensations and cleanups in
    /// reverse order, then a Fail state re-raising the original error.
    pub(crate) fn unwind_chain(&mut self) {
        let mut depths = BTreeSet::new();
        for state in &self.graph.states {
            for target in state.targets() {
                if let Target::Unwind(depth) = target {
                    depths.insert(depth);
                }
            }
        }
        let Some(&max) = depths.iter().next_back() else {
            return;
        };
        self.building_chain = true;
        let error_var = self.error_var();
        let mut starts: Vec<Option<Target>> = vec![None; max + 1];
        let mut exits: Vec<(usize, Flow)> = Vec::new();
        for depth in (1..=max).rev() {
            let Some(entry) = self.unwind.get(depth - 1) else {
                continue;
            };
            let capture = self.graph.new_scope(None);
            let flow = Flow::entry(capture);
            let out = match entry.body {
                UnwindBody::Cleanup(body) => self.value(body, flow, &Dest::Discard, None),
                UnwindBody::Compensation(compensation) => {
                    let result = entry.result.clone();
                    let result_typed = entry.result_typed.clone();
                    self.compensation(compensation, result.as_deref(), result_typed.as_ref(), flow)
                }
            };
            starts[depth] = self.graph.scopes.get(capture).and_then(|scope| scope.start);
            exits.push((depth, out));
        }
        let error = Js::Field(Box::new(Js::var(&error_var)), "Error".to_owned());
        let cause_field = Js::Field(Box::new(Js::var(&error_var)), "Cause".to_owned());
        let cause = Js::Cond(
            Box::new(cause_field.clone()),
            Box::new(cause_field),
            Box::new(Js::Str(String::new())),
        );
        let fail = State::new(0, "Failed".to_owned(), Kind::Fail { error, cause });
        let fail_id = self.graph.add(fail);
        starts[0] = Some(Target::State(fail_id));
        for (depth, out) in exits {
            let next = (0..depth)
                .rev()
                .find_map(|lower| starts[lower])
                .unwrap_or(Target::State(fail_id));
            self.join(out, next);
        }
        for index in 0..self.graph.states.len() {
            let Some(state) = self.graph.states.get_mut(index) else {
                continue;
            };
            for target in state.targets_mut() {
                if let Some(Target::Unwind(depth)) = *target {
                    *target = Some(
                        (0..=depth)
                            .rev()
                            .find_map(|lower| starts[lower])
                            .unwrap_or(Target::State(fail_id)),
                    );
                }
            }
        }
        self.building_chain = false;
    }

    fn compensation(
        &mut self,
        compensation: &'a Compensation,
        result: Option<&str>,
        result_typed: Option<&TokenStream>,
        flow: Flow,
    ) -> Flow {
        let result_js = result.map_or(Js::Null, Js::var);
        match compensation {
            Compensation::Task(path, span) => {
                let mut state = State::new(
                    0,
                    task_name(path),
                    Kind::Task {
                        path: quote!(#path),
                        arguments: Some(Value::from_js(result_js)),
                        callback: false,
                    },
                );
                state.patch.calls.push(quote_spanned!(*span=> .task(<#path as ::sfn_dsl::__private::Task>::spec(), false)));
                let (id, _) = self.push(flow, state);
                Flow::from(Slot::Next(id))
            }
            Compensation::Closure { binder, body, .. } => {
                self.env.push(std::collections::HashMap::new());
                if let Binder::Ident(ident) = binder {
                    self.bind(
                        &crate::case::unraw(ident),
                        Binding {
                            poisoned: false,
                            js: result_js.clone(),
                            typed: result_typed.map(|path| (result_js, path.clone())),
                            hint: Hint::Unknown,
                        },
                    );
                }
                let out = self.value(body, flow, &Dest::Discard, None);
                self.env.pop();
                out
            }
        }
    }
}
