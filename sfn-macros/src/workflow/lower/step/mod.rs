//! Steps (task calls, `parallel!`, fan-outs), their options, error handling and the saga
//! unwind chain.

mod catch;
mod value_type;

use std::collections::BTreeSet;

use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::ast::{Expr, FanOutMode, Step, StepKind, StepOption};
use super::super::graph::{Kind, ScopeId, State, StateId, Target, Value, set};
use super::super::js::{Hole, Js, Key};
use super::map::MapSpec;
use super::map::{BodyRef, MapMode};
use super::{Dest, Flow, Lowerer, Slot};
use crate::case::pascal_from_snake;

pub(crate) use value_type::value_type;

/// A step's state, its entry assignments and the JSONata of its result.
type StepState = (StateId, Vec<(String, Js)>, Js);
pub(super) fn task_name(path: &syn::Path) -> String {
    path.segments.last().map_or_else(
        || "Task".to_owned(),
        |segment| pascal_from_snake(&crate::case::unraw(&segment.ident)),
    )
}

/// The longest `TimeoutSeconds`, `HeartbeatSeconds` or `IntervalSeconds` ASL takes.
const MAX_SECONDS: u64 = 99_999_999;

/// The longest `MaxDelaySeconds` ASL takes (366 days).
const MAX_DELAY_SECONDS: u64 = 31_622_400;

impl<'a> Lowerer<'a> {
    pub(crate) fn step(
        &mut self,
        step: &'a Step,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let keeps_result =
            !matches!(dest, Dest::Discard) || has_compensation(step) || has_catch(step);
        let (id, entry, result) = self.step_state(step, flow, name, keeps_result);
        let mut outs = Vec::new();
        for option in &step.options {
            if let StepOption::Catch { binder, body, .. } = option {
                let (extra, bindings) = self.error_binding(binder);
                let slot = self.add_catcher(id, vec!["States.ALL".to_owned()], &entry, extra);
                self.env.push(bindings.into_iter().collect());
                outs.push(self.value(body, Flow::from(slot), dest, None));
                self.env.pop();
            }
        }
        self.seal(id, &entry);
        let success = self.deliver_result(id, &result, dest, step);
        outs.insert(0, success);
        self.merge(outs)
    }

    /// Creates the state of a step with its run-time settings; returns it, its entry
    /// assignments and the JSONata of its result.
    fn step_state(
        &mut self,
        step: &'a Step,
        flow: Flow,
        name: Option<&syn::LitStr>,
        keeps_result: bool,
    ) -> StepState {
        let name = step.name().or(name);
        let (id, entry, result) = match &step.kind {
            StepKind::Task { path, args } => self.task(step, path, args, flow),
            StepKind::Parallel(branches) => self.parallel(branches, flow, keeps_result),
            StepKind::FanOut {
                mode,
                items,
                binder,
                binder_ty,
                body,
            } => {
                let (map_mode, setting) = match mode {
                    FanOutMode::Inline(concurrency) => (MapMode::Inline, concurrency),
                    FanOutMode::Distributed(options) => (MapMode::Distributed, options),
                    FanOutMode::Reader(options) => (MapMode::Reader, options),
                };
                let spec = MapSpec {
                    binder,
                    binder_ty: binder_ty.as_ref(),
                    items,
                    body: BodyRef::Expr(body),
                    mode: map_mode,
                    setting: Some(setting),
                };
                let (id, entry) = self.map(spec, flow, step.span);
                (id, entry, Js::Root("$states.result"))
            }
        };
        if let Some(name) = name
            && let Some(state) = self.graph.states.get_mut(id)
        {
            state.fixed_name = Some((name.value(), name.span()));
        }
        for option in &step.options {
            let call = match option {
                StepOption::Retry(policy) => Some(quote_spanned!(policy.span()=> .retry(#policy))),
                StepOption::Timeout(timeout) => {
                    Some(quote_spanned!(timeout.span()=> .timeout(#timeout)))
                }
                StepOption::Heartbeat(heartbeat) => {
                    Some(quote_spanned!(heartbeat.span()=> .heartbeat(#heartbeat)))
                }
                _ => None,
            };
            if let (Some(call), Some(state)) = (call, self.graph.states.get_mut(id)) {
                state.patch.calls.push(call);
            }
            if let StepOption::Timeout(expr)
            | StepOption::Heartbeat(expr)
            | StepOption::Retry(expr) = option
            {
                self.check_constant(expr);
            }
            match option {
                StepOption::Timeout(expr) => {
                    self.check_whole_seconds(expr, "a timeout", MAX_SECONDS);
                }
                StepOption::Heartbeat(expr) => {
                    self.check_whole_seconds(expr, "a heartbeat", MAX_SECONDS);
                }
                StepOption::Retry(expr) => self.check_retry_policy(expr),
                _ => {}
            }
            if matches!(
                option,
                StepOption::Timeout(_) | StepOption::Heartbeat(_) | StepOption::WaitForCallback(_)
            ) && !matches!(step.kind, StepKind::Task { .. })
            {
                self.ctxt.error_at(
                    step.span,
                    "`.timeout`, `.heartbeat` and `.wait_for_callback` apply to task calls",
                );
            }
        }
        (id, entry, result)
    }

    /// Reports a duration written in a unit finer than seconds, or of zero seconds, where
    /// ASL takes positive whole seconds (`TimeoutSeconds`, `HeartbeatSeconds`, a retrier's
    /// `IntervalSeconds` and `MaxDelaySeconds`); `what` names the setting. A `Duration`
    /// computed otherwise is checked when the machine is built (timeouts) or documented as
    /// rounded (`Retry`).
    fn check_whole_seconds(&self, expr: &syn::Expr, what: &str, limit: u64) {
        let Some((constructor, arg)) = super::control::duration_constructor(expr) else {
            return;
        };
        let literal = match arg {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(int),
                ..
            }) => int.base10_parse::<u64>().ok(),
            _ => None,
        };
        let zero = literal == Some(0);
        let unit = match constructor.as_str() {
            "from_mins" => 60,
            "from_hours" => 3600,
            _ => 1,
        };
        if let Some(seconds) = literal.map(|value| value.saturating_mul(unit))
            && matches!(
                constructor.as_str(),
                "from_secs" | "from_mins" | "from_hours"
            )
            && seconds > limit
        {
            self.ctxt.error_spanned_by(
                expr,
                format!("{what} is at most {limit} seconds in ASL, not {seconds}"),
            );
        }
        match constructor.as_str() {
            "from_millis" | "from_micros" | "from_nanos" | "from_secs_f32" | "from_secs_f64" => {
                self.ctxt.error_spanned_by(expr, format!("{what} is whole seconds in ASL: write `Duration::from_secs(n)`, `Duration::from_mins(n)` or `Duration::from_hours(n)`"));
            }
            "from_secs" | "from_mins" | "from_hours" if zero => {
                self.ctxt
                    .error_spanned_by(expr, format!("{what} is at least one second in ASL"));
            }
            _ => {}
        }
    }

    /// Checks what a `Retry` policy spells out: its durations (`.interval(..)`,
    /// `.max_delay(..)`, see [`Self::check_whole_seconds`]) and the error names written
    /// as string literals in `Retry::on([..])`.
    fn check_retry_policy(&self, policy: &syn::Expr) {
        struct Finder<'b, 'c> {
            lowerer: &'b Lowerer<'c>,
        }
        impl<'ast> syn::visit::Visit<'ast> for Finder<'_, '_> {
            fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
                let what = match call.method.to_string().as_str() {
                    "interval" => Some(("a retry interval", MAX_SECONDS)),
                    "max_delay" => Some(("a retry's maximum delay", MAX_DELAY_SECONDS)),
                    _ => None,
                };
                if let (Some((what, limit)), Some(duration), 1) =
                    (what, call.args.first(), call.args.len())
                {
                    self.lowerer.check_whole_seconds(duration, what, limit);
                }
                syn::visit::visit_expr_method_call(self, call);
            }
            fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
                if let syn::Expr::Path(function) = &*call.func
                    && function
                        .path
                        .segments
                        .last()
                        .is_some_and(|segment| segment.ident == "on")
                    && let Some(syn::Expr::Array(names)) = call.args.first()
                {
                    for name in &names.elems {
                        if let syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(literal),
                            ..
                        }) = name
                        {
                            self.lowerer
                                .check_error_name(literal, &literal.value(), "retried");
                        }
                    }
                }
                syn::visit::visit_expr_call(self, call);
            }
        }
        syn::visit::Visit::visit_expr(&mut Finder { lowerer: self }, policy);
    }

    /// Reports run-time settings that read workflow variables.
    pub(super) fn check_constant(&self, expr: &syn::Expr) {
        struct Finder<'b, 'c> {
            lowerer: &'b Lowerer<'c>,
        }
        impl<'ast> syn::visit::Visit<'ast> for Finder<'_, '_> {
            fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
                if let Some(ident) = super::super::parse::single_ident(&path.path)
                    && self.lowerer.lookup(&crate::case::unraw(ident)).is_some()
                {
                    self.lowerer.ctxt.error_spanned_by(ident, "retry policies, timeouts and fan-out settings are fixed when the machine is built: they cannot read workflow variables");
                }
            }
        }
        syn::visit::Visit::visit_expr(&mut Finder { lowerer: self }, expr);
    }

    fn task(&mut self, step: &Step, path: &syn::Path, args: &[syn::Expr], flow: Flow) -> StepState {
        let callback = step.callback();
        let translated: Vec<Js> = args.iter().map(|arg| self.translate(arg).js).collect();
        let marker = quote!(#path);
        let mentions_token = translated.iter().any(|arg| {
            let mut found = false;
            mentions(arg, &mut found);
            found
        });
        let callback_key = callback.filter(|_| !mentions_token);
        let arguments = match (translated.as_slice(), callback_key) {
            ([], None) => None,
            ([single], None) => Some(Value::from_js(single.clone())),
            ([Js::Object(fields)], Some(_)) => {
                let mut fields: Vec<(Key, Value)> = fields
                    .iter()
                    .map(|(key, value)| (key.clone(), Value::from_js(value.clone())))
                    .collect();
                fields.push((
                    Key::Text("TaskToken".to_owned()),
                    Value::Js(Js::Root("$states.context.Task.Token")),
                ));
                Some(Value::Object(fields))
            }
            (all, _) => {
                let mut fields: Vec<(Key, Value)> = all
                    .iter()
                    .enumerate()
                    .map(|(index, value)| {
                        let key =
                            Hole::new(quote!(::sfn_dsl::__private::param_name(<#marker as ::sfn_dsl::__private::Task>::PARAMS, #index)));
                        (Key::Hole(key), Value::from_js(value.clone()))
                    })
                    .collect();
                if callback_key.is_some() {
                    fields.push((
                        Key::Text("TaskToken".to_owned()),
                        Value::Js(Js::Root("$states.context.Task.Token")),
                    ));
                }
                Some(Value::Object(fields))
            }
        };
        if let Some(span) = callback {
            self.assertions
                .push(quote_spanned!(span=> ::sfn_dsl::__private::assert_callback(<#marker as ::sfn_dsl::__private::Task>::CALLBACK);));
        }
        let mut state = State::new(
            self.scope,
            task_name(path),
            Kind::Task {
                path: marker.clone(),
                arguments,
                callback: callback.is_some(),
            },
        );
        let has_callback = callback.is_some();
        state.patch.calls.push(quote_spanned!(path.span()=> .task(<#marker as ::sfn_dsl::__private::Task>::spec(), #has_callback)));
        let (id, entry) = self.push(flow, state);
        let result = Js::Result(Hole::new(
            quote!(<#marker as ::sfn_dsl::__private::Task>::spec().result_suffix(#has_callback)),
        ));
        (id, entry, result)
    }

    fn parallel(&mut self, branches: &'a [Expr], flow: Flow, keeps_result: bool) -> StepState {
        let mut scopes = Vec::new();
        let branch_dest = if keeps_result {
            Dest::Output
        } else {
            Dest::Discard
        };
        for branch in branches {
            let (scope, ()) = self.nested(false, |lowerer, scope| {
                let out = lowerer.value(branch, Flow::entry(scope), &branch_dest, None);
                let _ = lowerer.finish(out, None);
            });
            scopes.push(scope);
        }
        let flow = self.flush_if_read(flow, &scopes);
        let base_name = parallel_name(branches);
        let state = State::new(self.scope, base_name, Kind::Parallel { branches: scopes });
        let (id, entry) = self.push(flow, state);
        (id, entry, Js::Root("$states.result"))
    }

    /// Flushes `flow` when a nested state list reads one of its pending variables.
    pub(super) fn flush_if_read(&mut self, flow: Flow, scopes: &[ScopeId]) -> Flow {
        let (reads, _) = self.scope_vars(scopes);
        if flow.pending.iter().any(|(name, _)| reads.contains(name)) {
            self.flush(flow)
        } else {
            flow
        }
    }

    /// The variables read and assigned in state lists (nested ones included).
    pub(crate) fn scope_vars(&self, scopes: &[ScopeId]) -> (BTreeSet<String>, BTreeSet<String>) {
        let mut inside: BTreeSet<ScopeId> = scopes.iter().copied().collect();
        loop {
            let before = inside.len();
            for (index, scope) in self.graph.scopes.iter().enumerate() {
                if scope.parent.is_some_and(|parent| inside.contains(&parent)) {
                    inside.insert(index);
                }
            }
            if inside.len() == before {
                break;
            }
        }
        let mut reads = BTreeSet::new();
        let mut writes = BTreeSet::new();
        for state in self
            .graph
            .states
            .iter()
            .filter(|state| inside.contains(&state.scope))
        {
            state.each_js(&mut |js| js.vars(&mut reads));
            writes.extend(state.assign.iter().map(|(name, _)| name.clone()));
            for catcher in &state.catch {
                writes.extend(catcher.assign.iter().map(|(name, _)| name.clone()));
            }
            if let Kind::Choice { rules, .. } = &state.kind {
                for rule in rules {
                    writes.extend(rule.assign.iter().map(|(name, _)| name.clone()));
                }
            }
        }
        (reads, writes)
    }

    /// Sends a step's result where it belongs; returns the flow after the step.
    fn deliver_result(&mut self, id: StateId, result: &Js, dest: &Dest, step: &'a Step) -> Flow {
        let dest = match dest {
            // A compensated step keeps its result for the compensation.
            Dest::Discard if has_compensation(step) => {
                Dest::Var(self.generated_var(&format!("{}_result", snake_name(step))))
            }
            other => other.clone(),
        };
        let result_var = match &dest {
            Dest::Var(var) => Some(var.clone()),
            _ => None,
        };
        let flow = match &dest {
            Dest::Discard => Flow::from(Slot::Next(id)),
            Dest::Var(var) => {
                if let Some(state) = self.graph.states.get_mut(id) {
                    set(&mut state.assign, var, result.clone());
                }
                Flow::from(Slot::Next(id))
            }
            Dest::Tuple(vars) => {
                if let Some(state) = self.graph.states.get_mut(id) {
                    for (index, var) in vars.iter().enumerate() {
                        if let Some(var) = var {
                            let element = Js::Index(
                                Box::new(result.clone()),
                                Box::new(Js::Num(index.to_string())),
                            );
                            set(&mut state.assign, var, element);
                        }
                    }
                }
                Flow::from(Slot::Next(id))
            }
            Dest::Output => {
                if self.scope == 0 && self.unwind.iter().any(|entry| entry.cleanup) {
                    let var = self.generated_var("output");
                    if let Some(state) = self.graph.states.get_mut(id) {
                        set(&mut state.assign, &var, result.clone());
                    }
                    self.finish(Flow::from(Slot::Next(id)), Some(Js::var(&var)))
                } else {
                    if let Some(state) = self.graph.states.get_mut(id) {
                        state.output = Some(Value::Js(result.clone()));
                        state.next = Some(Target::End);
                    }
                    Flow::dead()
                }
            }
        };
        self.register_compensations(step, result_var.as_deref());
        flow
    }
}

/// Whether an expression reads the task token.
fn mentions(js: &Js, found: &mut bool) {
    if *js == Js::Root("$states.context.Task.Token") {
        *found = true;
        return;
    }
    js.clone()
        .map_children_ref(&mut |child| mentions(child, found));
}

fn has_catch(step: &Step) -> bool {
    step.options
        .iter()
        .any(|option| matches!(option, StepOption::Catch { .. }))
}

fn has_compensation(step: &Step) -> bool {
    step.options
        .iter()
        .any(|option| matches!(option, StepOption::Compensate(_)))
}

fn snake_name(step: &Step) -> String {
    match &step.kind {
        StepKind::Task { path, .. } => path.segments.last().map_or_else(
            || "step".to_owned(),
            |segment| crate::case::unraw(&segment.ident),
        ),
        StepKind::Parallel(_) => "parallel".to_owned(),
        StepKind::FanOut { .. } => "fan_out".to_owned(),
    }
}

fn parallel_name(branches: &[Expr]) -> String {
    let names: Vec<String> = branches
        .iter()
        .filter_map(|branch| match branch {
            Expr::Step(Step {
                kind: StepKind::Task { path, .. },
                ..
            }) => Some(task_name(path)),
            _ => None,
        })
        .collect();
    if names.len() == branches.len() && names.len() == 2 {
        format!("{}And{}", names[0], names[1])
    } else {
        "Parallel".to_owned()
    }
}
