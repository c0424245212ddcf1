//! Sagas: compensations registered on steps, cleanups registered with `defer`, the catchers
//! that enter the unwind chain, and the chain itself.

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
        self.point(slot, self.failure_target(depth));
    }

    /// Where a failure at the top level goes once `depth` compensations/cleanups are
    /// registered: the unwind chain, or, in a cleanup on a success path, the cleanups
    /// registered before it (every step succeeded, so nothing is compensated, and no
    /// cleanup runs twice).
    pub(crate) fn failure_target(&self, depth: usize) -> Target {
        match self.cleanups_before {
            Some(before) => Target::Cleanups(before),
            None => Target::Unwind(depth),
        }
    }

    /// Runs the cleanups registered with `defer` (success path), last registered first.
    pub(crate) fn run_cleanups(&mut self, mut flow: Flow) -> Flow {
        if self.cleanups_before.is_some() {
            return flow;
        }
        let bodies = self.cleanup_bodies();
        for (before, body) in bodies.into_iter().enumerate().rev() {
            self.cleanups_before = Some(before);
            flow = self.value(body, flow, &Dest::Discard, None);
        }
        self.cleanups_before = None;
        flow
    }

    /// The bodies of the cleanups registered with `defer`, in registration order.
    fn cleanup_bodies(&self) -> Vec<&'a Expr> {
        self.unwind
            .iter()
            .filter_map(|entry| match entry.body {
                UnwindBody::Cleanup(body) => Some(body),
                UnwindBody::Compensation(_) => None,
            })
            .collect()
    }

    /// Builds the chains the saga catchers point at, then a Fail state re-raising the
    /// original error: the unwind chain (compensations and cleanups in reverse order) and,
    /// for cleanups failing on a success path, the chain of the cleanups alone.
    pub(crate) fn unwind_chain(&mut self) {
        let (mut unwind_max, mut cleanups_max) = (None, None);
        for state in &self.graph.states {
            for target in state.targets() {
                match target {
                    Target::Unwind(depth) => unwind_max = unwind_max.max(Some(depth)),
                    Target::Cleanups(before) => cleanups_max = cleanups_max.max(Some(before)),
                    Target::State(_) | Target::End => {}
                }
            }
        }
        if unwind_max.is_none() && cleanups_max.is_none() {
            return;
        }
        self.building_chain = true;
        let error_var = self.error_var();
        let (unwind_starts, unwind_exits) =
            self.chain(unwind_max.unwrap_or(0), |lowerer, depth, flow| {
                let entry = lowerer.unwind.get(depth - 1)?;
                Some(match entry.body {
                    UnwindBody::Cleanup(body) => lowerer.value(body, flow, &Dest::Discard, None),
                    UnwindBody::Compensation(compensation) => {
                        let result = entry.result.clone();
                        let result_typed = entry.result_typed.clone();
                        lowerer.compensation(
                            compensation,
                            result.as_deref(),
                            result_typed.as_ref(),
                            flow,
                        )
                    }
                })
            });
        let cleanups = self.cleanup_bodies();
        let (cleanup_starts, cleanup_exits) =
            self.chain(cleanups_max.unwrap_or(0), |lowerer, count, flow| {
                let body = cleanups.get(count - 1)?;
                Some(lowerer.value(body, flow, &Dest::Discard, None))
            });
        let error = Js::Field(Box::new(Js::var(&error_var)), "Error".to_owned());
        let cause_field = Js::Field(Box::new(Js::var(&error_var)), "Cause".to_owned());
        let cause = Js::Cond(
            Box::new(cause_field.clone()),
            Box::new(cause_field),
            Box::new(Js::Str(String::new())),
        );
        let fail = State::new(0, "Failed".to_owned(), Kind::Fail { error, cause });
        let fail = Target::State(self.graph.add(fail));
        // The chain entered at `level` starts at the highest level at or below it that has
        // states; the Fail state when none has.
        let entry = |starts: &[Option<Target>], level: usize| {
            (1..=level)
                .rev()
                .find_map(|lower| starts.get(lower).copied().flatten())
                .unwrap_or(fail)
        };
        for (depth, out) in unwind_exits {
            self.join(out, entry(&unwind_starts, depth - 1));
        }
        for (count, out) in cleanup_exits {
            self.join(out, entry(&cleanup_starts, count - 1));
        }
        for index in 0..self.graph.states.len() {
            let Some(state) = self.graph.states.get_mut(index) else {
                continue;
            };
            for target in state.targets_mut() {
                match *target {
                    Some(Target::Unwind(depth)) => *target = Some(entry(&unwind_starts, depth)),
                    Some(Target::Cleanups(before)) => {
                        *target = Some(entry(&cleanup_starts, before));
                    }
                    _ => {}
                }
            }
        }
        self.building_chain = false;
    }

    /// Lowers the levels `levels..=1` of a chain, each into a scope of its own: where each
    /// level starts (index 0 unused) and where each ends, to be joined to the level below.
    fn chain(
        &mut self,
        levels: usize,
        lower: impl Fn(&mut Self, usize, Flow) -> Option<Flow>,
    ) -> (Vec<Option<Target>>, Vec<(usize, Flow)>) {
        let mut starts: Vec<Option<Target>> = vec![None; levels + 1];
        let mut exits = Vec::new();
        for level in (1..=levels).rev() {
            let capture = self.graph.new_scope(None);
            let Some(out) = lower(self, level, Flow::entry(capture)) else {
                continue;
            };
            if let Some(start) = starts.get_mut(level) {
                *start = self.graph.scopes.get(capture).and_then(|scope| scope.start);
            }
            exits.push((level, out));
        }
        (starts, exits)
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
