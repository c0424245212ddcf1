//! The state graph the body lowers to, before names are fixed and JSON is written.

use proc_macro2::{Span, TokenStream};

use super::js::{Js, Key};

pub(crate) type StateId = usize;
pub(crate) type ScopeId = usize;

/// Where a transition goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Target {
    State(StateId),
    End,
    /// The saga unwind chain entered with this many completed compensations/cleanups.
    Unwind(usize),
    /// The chain a cleanup failing on a success path enters: the cleanups registered
    /// before it (this many), each run once, then the Fail state.
    Cleanups(usize),
}

/// Assignments of a state, rule or catcher, in order.
pub(crate) type Assign = Vec<(String, Js)>;

/// Sets `name` in an assignment list, replacing an earlier value.
pub(crate) fn set(assign: &mut Assign, name: &str, value: Js) {
    if let Some(slot) = assign.iter_mut().find(|(var, _)| var == name) {
        slot.1 = value;
    } else {
        assign.push((name.to_owned(), value));
    }
}

/// A JSON value whose strings may be JSONata expressions.
#[derive(Clone, PartialEq)]
pub(crate) enum Value {
    Js(Js),
    Object(Vec<(Key, Value)>),
}

impl Value {
    pub(crate) fn map(&self, f: &impl Fn(&Js) -> Js) -> Self {
        match self {
            Self::Js(js) => Self::Js(f(js)),
            Self::Object(fields) => Self::Object(
                fields
                    .iter()
                    .map(|(key, value)| (key.clone(), value.map(f)))
                    .collect(),
            ),
        }
    }

    pub(crate) fn each(&self, f: &mut impl FnMut(&Js)) {
        match self {
            Self::Js(js) => f(js),
            Self::Object(fields) => {
                for (_, value) in fields {
                    value.each(f);
                }
            }
        }
    }

    /// An object literal becomes a JSON object of expressions; anything else one
    /// expression.
    pub(crate) fn from_js(js: Js) -> Self {
        match js {
            Js::Object(fields) => Self::Object(
                fields
                    .into_iter()
                    .map(|(key, value)| (key, Self::from_js(value)))
                    .collect(),
            ),
            other => Self::Js(other),
        }
    }
}

#[derive(Clone, PartialEq)]
pub(crate) enum WaitFor {
    Seconds(Js),
    Timestamp(Js),
}

#[derive(Clone)]
pub(crate) struct Rule {
    pub(crate) condition: Js,
    pub(crate) next: Option<Target>,
    pub(crate) assign: Assign,
}

#[derive(Clone)]
pub(crate) struct Catcher {
    pub(crate) errors: Vec<String>,
    pub(crate) next: Option<Target>,
    pub(crate) assign: Assign,
}

#[derive(Clone)]
pub(crate) enum Kind {
    Task {
        /// The task marker type.
        path: TokenStream,
        arguments: Option<Value>,
        callback: bool,
    },
    Choice {
        rules: Vec<Rule>,
        default: Option<Target>,
    },
    Wait(WaitFor),
    Pass,
    Parallel {
        branches: Vec<ScopeId>,
    },
    Map {
        items: Option<Js>,
        processor: ScopeId,
        max_concurrency: Option<Js>,
    },
    Succeed,
    Fail {
        error: Js,
        cause: Js,
    },
}

/// Run-time settings of a state (`__private::Patch` calls), as tokens.
#[derive(Clone, Default)]
pub(crate) struct Patch {
    pub(crate) calls: Vec<TokenStream>,
}

#[derive(Clone)]
pub(crate) struct State {
    pub(crate) scope: ScopeId,
    pub(crate) base_name: String,
    pub(crate) fixed_name: Option<(String, Span)>,
    pub(crate) kind: Kind,
    pub(crate) next: Option<Target>,
    pub(crate) assign: Assign,
    pub(crate) output: Option<Value>,
    pub(crate) catch: Vec<Catcher>,
    pub(crate) patch: Patch,
    /// Removed by an optimisation.
    pub(crate) removed: bool,
}

impl State {
    pub(crate) fn new(scope: ScopeId, base_name: String, kind: Kind) -> Self {
        Self {
            scope,
            base_name,
            fixed_name: None,
            kind,
            next: None,
            assign: Vec::new(),
            output: None,
            catch: Vec::new(),
            patch: Patch::default(),
            removed: false,
        }
    }

    /// Every transition of the state.
    pub(crate) fn targets_mut(&mut self) -> Vec<&mut Option<Target>> {
        let mut targets = vec![&mut self.next];
        if let Kind::Choice { rules, default } = &mut self.kind {
            targets.extend(rules.iter_mut().map(|rule| &mut rule.next));
            targets.push(default);
        }
        targets.extend(self.catch.iter_mut().map(|catcher| &mut catcher.next));
        targets
    }

    pub(crate) fn targets(&self) -> Vec<Target> {
        let mut targets: Vec<Target> = self.next.into_iter().collect();
        if let Kind::Choice { rules, default } = &self.kind {
            targets.extend(rules.iter().filter_map(|rule| rule.next));
            targets.extend(default.iter().copied());
        }
        targets.extend(self.catch.iter().filter_map(|catcher| catcher.next));
        targets
    }

    /// Every expression of the state, for reads and substitutions.
    pub(crate) fn each_js(&self, f: &mut impl FnMut(&Js)) {
        match &self.kind {
            Kind::Task { arguments, .. } => {
                if let Some(arguments) = arguments {
                    arguments.each(f);
                }
            }
            Kind::Choice { rules, .. } => {
                for rule in rules {
                    f(&rule.condition);
                    for (_, value) in &rule.assign {
                        f(value);
                    }
                }
            }
            Kind::Wait(WaitFor::Seconds(js) | WaitFor::Timestamp(js)) => f(js),
            Kind::Map {
                items,
                max_concurrency,
                ..
            } => {
                if let Some(items) = items {
                    f(items);
                }
                if let Some(max) = max_concurrency {
                    f(max);
                }
            }
            Kind::Fail { error, cause } => {
                f(error);
                f(cause);
            }
            Kind::Pass | Kind::Succeed | Kind::Parallel { .. } => {}
        }
        for (_, value) in &self.assign {
            f(value);
        }
        if let Some(output) = &self.output {
            output.each(f);
        }
        for catcher in &self.catch {
            for (_, value) in &catcher.assign {
                f(value);
            }
        }
    }

    /// Whether the state can fail with an error a `Catch` can handle.
    pub(crate) fn can_catch(&self) -> bool {
        matches!(
            self.kind,
            Kind::Task { .. } | Kind::Parallel { .. } | Kind::Map { .. }
        )
    }
}

/// One state list: the top level, a Parallel branch or a Map processor.
#[derive(Default)]
pub(crate) struct Scope {
    pub(crate) start: Option<Target>,
    pub(crate) states: Vec<StateId>,
    /// Variables assigned in enclosing scopes may not be assigned here.
    pub(crate) parent: Option<ScopeId>,
}

#[derive(Default)]
pub(crate) struct Graph {
    pub(crate) states: Vec<State>,
    pub(crate) scopes: Vec<Scope>,
}

impl Graph {
    pub(crate) fn new_scope(&mut self, parent: Option<ScopeId>) -> ScopeId {
        self.scopes.push(Scope {
            start: None,
            states: Vec::new(),
            parent,
        });
        self.scopes.len() - 1
    }

    pub(crate) fn add(&mut self, state: State) -> StateId {
        let scope = state.scope;
        self.states.push(state);
        let id = self.states.len() - 1;
        if let Some(scope) = self.scopes.get_mut(scope) {
            scope.states.push(id);
        }
        id
    }
}
