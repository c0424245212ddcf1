//! The workflow AST -> the state graph.

mod control;
mod flow;
mod step;
mod translate;

use std::collections::{BTreeSet, HashMap};

use proc_macro2::{Span, TokenStream};
use quote::quote;

pub(crate) use flow::{Flow, Slot};

use super::ast::{Binder, Block, Compensation, Expr, Stmt, Workflow};
use super::graph::{Graph, Kind, ScopeId, State, Target, Value};
use super::js::Js;
use crate::ctxt::{Ctxt, did_you_mean};

/// A typed path value, built where it is used: a value whose type lacks typed paths is an
/// error only if the workflow reads its fields.
pub(crate) fn typed_path(init: &TokenStream) -> TokenStream {
    quote!((#init))
}

/// What the macro knows about a value's JSON kind without run-time help.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Hint {
    Unknown,
    String,
    List,
}

/// A Rust name in scope: its JSONata value and, when known, its typed path.
#[derive(Clone)]
pub(crate) struct Binding {
    /// The value's definition had an error already reported.
    pub(crate) poisoned: bool,
    pub(crate) js: Js,
    /// The root expression and the typed path (relative to it) of the value.
    pub(crate) typed: Option<(Js, TokenStream)>,
    pub(crate) hint: Hint,
}

/// Where a value goes.
#[derive(Clone)]
pub(crate) enum Dest {
    Discard,
    Var(String),
    /// Several variables from the elements of an array result (`let (a, b) = parallel!(..)`).
    Tuple(Vec<Option<String>>),
    /// The output of the state list (the workflow, a branch, an iteration).
    Output,
}

/// A compensation or cleanup registered at the top level.
pub(crate) struct Unwind<'a> {
    pub(crate) body: UnwindBody<'a>,
    /// The ASL variable holding the step's result, for compensations.
    pub(crate) result: Option<String>,
    pub(crate) result_typed: Option<TokenStream>,
    pub(crate) cleanup: bool,
}

pub(crate) enum UnwindBody<'a> {
    Compensation(&'a Compensation),
    Cleanup(&'a Expr),
}

struct LoopFrame {
    breaks: Vec<Flow>,
    continues: Vec<Flow>,
    dest: Dest,
}

/// Where `return` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReturnTo {
    Workflow,
    Iteration,
    Nowhere,
}

pub(crate) struct Lowerer<'a> {
    pub(crate) ctxt: &'a Ctxt,
    pub(crate) graph: Graph,
    /// Compile-time assertions the expansion emits.
    pub(crate) assertions: Vec<TokenStream>,
    env: Vec<HashMap<String, Binding>>,
    used_vars: BTreeSet<String>,
    loops: Vec<LoopFrame>,
    pub(crate) unwind: Vec<Unwind<'a>>,
    pub(crate) scope: ScopeId,
    return_to: ReturnTo,
    /// Nesting of blocks below the workflow body (0: top level).
    depth: usize,
    /// The variable that carries the error through the unwind chain.
    pub(crate) error_var: Option<String>,
    /// Set while the unwind chain is built (its states get no saga catchers).
    building_chain: bool,
    /// Set while cleanups are lowered on a success path.
    running_cleanups: bool,
}

impl<'a> Lowerer<'a> {
    fn new(ctxt: &'a Ctxt) -> Self {
        let mut graph = Graph::default();
        let scope = graph.new_scope(None);
        Self {
            ctxt,
            graph,
            assertions: Vec::new(),
            env: vec![HashMap::new()],
            used_vars: BTreeSet::from(["states".to_owned()]),
            loops: Vec::new(),
            unwind: Vec::new(),
            scope,
            return_to: ReturnTo::Workflow,
            depth: 0,
            error_var: None,
            building_chain: false,
            running_cleanups: false,
        }
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<&Binding> {
        self.env.iter().rev().find_map(|frame| frame.get(name))
    }

    pub(crate) fn bound_names(&self) -> Vec<String> {
        self.env
            .iter()
            .flat_map(|frame| frame.keys().cloned())
            .collect()
    }

    pub(crate) fn unknown_name(&self, ident: &syn::Ident) {
        let name = ident.to_string();
        let names = self.bound_names();
        let hint = did_you_mean(&name, names.iter().map(String::as_str))
            .map_or_else(String::new, |found| format!("; did you mean `{found}`?"));
        self.ctxt
            .error_spanned_by(ident, format!("`{name}` is not a workflow variable{hint}"));
    }

    pub(crate) fn bind(&mut self, name: &str, binding: Binding) {
        if let Some(frame) = self.env.last_mut() {
            frame.insert(name.to_owned(), binding);
        }
    }

    /// An ASL variable name for a new Rust binding.
    pub(crate) fn fresh_var(&mut self, rust: &str) -> String {
        let same_block = self
            .env
            .last()
            .and_then(|frame| frame.get(rust))
            .is_some_and(|binding| binding.js == Js::var(rust));
        if same_block || self.used_vars.insert(rust.to_owned()) {
            return rust.to_owned();
        }
        let mut suffix = 2;
        loop {
            let candidate = format!("{rust}_{suffix}");
            if self.used_vars.insert(candidate.clone()) {
                return candidate;
            }
            suffix += 1;
        }
    }

    /// Binds a `let` binder to a destination, declaring its variables.
    pub(crate) fn declare(&mut self, binder: &Binder) -> (Dest, Vec<(String, String)>) {
        match binder {
            Binder::Wild => (Dest::Discard, Vec::new()),
            Binder::Ident(ident) => {
                let rust = crate::case::unraw(ident);
                let var = self.fresh_var(&rust);
                (Dest::Var(var.clone()), vec![(rust, var)])
            }
            Binder::Tuple(items) => {
                let mut vars = Vec::new();
                let mut names = Vec::new();
                for item in items {
                    match item {
                        Binder::Ident(ident) => {
                            let rust = crate::case::unraw(ident);
                            let var = self.fresh_var(&rust);
                            names.push((rust, var.clone()));
                            vars.push(Some(var));
                        }
                        Binder::Wild => vars.push(None),
                        Binder::Tuple(_) => {
                            self.ctxt.error_at(
                                Span::call_site(),
                                "nested tuple bindings are not supported in workflows",
                            );
                            vars.push(None);
                        }
                    }
                }
                (Dest::Tuple(vars), names)
            }
        }
    }

    /// Makes declared names visible, with their typed paths when known.
    pub(crate) fn bind_declared(
        &mut self,
        names: &[(String, String)],
        typed: &[Option<TokenStream>],
        hint: Hint,
    ) {
        for (index, (rust, var)) in names.iter().enumerate() {
            let typed_path = typed
                .get(index)
                .cloned()
                .flatten()
                .map(|path| (Js::var(var), path));
            self.bind(
                rust,
                Binding {
                    poisoned: false,
                    js: Js::var(var),
                    typed: typed_path,
                    hint,
                },
            );
        }
    }

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

    fn top_block(&mut self, block: &'a Block, flow: Flow) -> Flow {
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

    fn stmt(&mut self, stmt: &'a Stmt, flow: Flow) -> Flow {
        match stmt {
            Stmt::Let {
                binder,
                ty,
                value,
                name,
            } => {
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
                            .map(|(_, path)| quote!(::sfn_dsl::__private::rebase(&#path)));
                        (
                            self.deliver(flow, &dest, translated.js),
                            ValueType::Single(typed, translated.hint),
                        )
                    }
                    other => {
                        let value_type = step::value_type(other);
                        (self.value(other, flow, &dest, name.as_ref()), value_type)
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
            Expr::Pure(pure) => {
                let translated = self.translate(pure);
                self.deliver(flow, dest, translated.js)
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
                    self.ctxt.error_at(*span, "`continue` outside of a loop");
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

    fn break_(&mut self, value: Option<&'a Expr>, span: Span, flow: Flow) -> Flow {
        let Some(dest) = self.loops.last().map(|frame| frame.dest.clone()) else {
            self.ctxt.error_at(span, "`break` outside of a loop");
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

    /// The error variable of the unwind chain.
    pub(crate) fn error_var(&mut self) -> String {
        if let Some(var) = &self.error_var {
            return var.clone();
        }
        let var = self.fresh_var("error");
        self.error_var = Some(var.clone());
        var
    }

    /// Runs a nested state list (a branch or an iteration) with its own scope.
    pub(crate) fn nested<T>(
        &mut self,
        return_to: bool,
        f: impl FnOnce(&mut Self, ScopeId) -> T,
    ) -> (ScopeId, T) {
        let scope = self.graph.new_scope(Some(self.scope));
        let saved_scope = std::mem::replace(&mut self.scope, scope);
        let saved_return = std::mem::replace(
            &mut self.return_to,
            if return_to {
                ReturnTo::Iteration
            } else {
                ReturnTo::Nowhere
            },
        );
        let saved_loops = std::mem::take(&mut self.loops);
        self.depth += 1;
        let result = f(self, scope);
        self.depth -= 1;
        self.loops = saved_loops;
        self.return_to = saved_return;
        self.scope = saved_scope;
        (scope, result)
    }
}

/// What the macro can tell about the type of a `let` value.
pub(crate) enum ValueType {
    /// An expression building the value's typed path, and its kind.
    Single(Option<TokenStream>, Hint),
    Tuple(Vec<Option<TokenStream>>),
}

impl ValueType {
    fn hint(&self) -> Hint {
        match self {
            Self::Single(_, hint) => *hint,
            Self::Tuple(_) => Hint::Unknown,
        }
    }
}

/// Whether the body's first step is a `parallel!` or a fan-out.
fn starts_nested(body: &Block) -> bool {
    let first = body.stmts.iter().find_map(|stmt| match stmt {
        Stmt::Let { value, .. } | Stmt::Expr { value, .. } | Stmt::Assign { value, .. } => {
            match value {
                Expr::Pure(_) => None,
                other => Some(other),
            }
        }
        Stmt::Defer { .. } => None,
    });
    match first {
        Some(Expr::Step(step)) => !matches!(step.kind, super::ast::StepKind::Task { .. }),
        Some(Expr::MatchResult { step, .. }) => {
            !matches!(step.kind, super::ast::StepKind::Task { .. })
        }
        Some(Expr::For { .. }) => true,
        _ => false,
    }
}

/// The lowered workflow.
pub(crate) struct Lowered {
    pub(crate) graph: Graph,
    pub(crate) assertions: Vec<TokenStream>,
}

pub(crate) fn lower<'a>(ctxt: &'a Ctxt, workflow: &'a Workflow) -> Lowered {
    let mut lowerer = Lowerer::new(ctxt);
    let mut flow = Flow::entry(0);
    let single = workflow.params.len() == 1;
    // When the first step runs nested state lists, they read the parameters straight from
    // the execution input instead of variables that no earlier state could assign.
    let from_context = starts_nested(&workflow.body);
    for param in &workflow.params {
        let rust = crate::case::unraw(&param.ident);
        let var = lowerer.fresh_var(&rust);
        let ty = &param.ty;
        let typed = typed_path(
            &quote::quote_spanned!(syn::spanned::Spanned::span(ty)=> ::sfn_dsl::__private::root::<#ty>()),
        );
        let root = if from_context {
            "$states.context.Execution.Input"
        } else {
            "$states.input"
        };
        let input = if single {
            Js::Root(root)
        } else {
            Js::Field(Box::new(Js::Root(root)), rust.clone())
        };
        if from_context {
            lowerer.bind(
                &rust,
                Binding {
                    poisoned: false,
                    js: input.clone(),
                    typed: Some((input, typed)),
                    hint: Hint::Unknown,
                },
            );
            continue;
        }
        flow.assign(&var, &input);
        lowerer.bind(
            &rust,
            Binding {
                poisoned: false,
                js: Js::var(&var),
                typed: Some((Js::var(&var), typed)),
                hint: Hint::Unknown,
            },
        );
    }
    let _ = lowerer.top_block(&workflow.body, flow);
    lowerer.unwind_chain();
    Lowered {
        graph: lowerer.graph,
        assertions: lowerer.assertions,
    }
}
