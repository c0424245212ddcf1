//! [`Node`]: one state waiting in a [`Chain`](super::Chain), with its deferred requests and problems.

use super::Chain;
use crate::builder::arg::Request;
use crate::error::BuildIssueKind;
use crate::model::{
    ChoiceState, FailState, MapState, ParallelState, PassState, QueryLanguage, State, StateName,
    SucceedState, TaskState, Transition, WaitState,
};
use crate::small_list::SmallList;

/// A state waiting to be written into a state list.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) name: StateName,
    /// Added as a catch handler: written after the states of the main path.
    pub(crate) handler: bool,
    pub(crate) state: NodeState,
    /// Requests written when the query language is known.
    pub(crate) deferred: SmallList<Deferred>,
    /// Problems found while building, reported by `build()`.
    pub(crate) problems: Vec<Problem>,
}

/// The state of a [`Node`]; nested state lists stay chains until the machine is built.
#[derive(Clone, Debug)]
pub(crate) enum NodeState {
    Pass(Box<PassState>),
    Task(Box<TaskState>),
    Choice(Box<ChoiceState>),
    Wait(Box<WaitState>),
    Succeed(Box<SucceedState>),
    Fail(Box<FailState>),
    Parallel(Box<ParallelState>, Vec<Chain>),
    Map(Box<MapState>, Box<Chain>),
}

/// A request written into a field once the state's query language is known.
#[derive(Clone, Debug)]
pub(crate) struct Deferred {
    pub(crate) into: DeferredField,
    pub(crate) request: Request,
}

/// Where a [`Deferred`] request goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DeferredField {
    /// The state's `Assign`.
    Assign,
    /// The `Assign` of the Choice rule at this index.
    RuleAssign(usize),
    /// The `Assign` of the catcher at this index.
    CatchAssign(usize),
    /// The catcher at this index passes the state's input on: `ResultPath: null` in
    /// JSONPath, `Output: {% $states.input %}` in JSONata.
    CatchKeepsInput(usize),
    /// The task's `Parameters` (JSONPath) or `Arguments` (JSONata).
    TaskInput,
    /// The Map item reader's `Parameters` or `Arguments`.
    ReaderInput,
    /// The Map result writer's `Parameters` or `Arguments`.
    WriterInput,
    /// The Wait state's duration: `Seconds`/`SecondsPath`, or `Timestamp`/`TimestampPath`
    /// when `timestamp`.
    WaitDuration {
        /// Whether it is an instant rather than a number of seconds.
        timestamp: bool,
    },
}

/// A problem found while building a state, reported with the state's location.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub(crate) kind: BuildIssueKind,
    /// A pointer suffix below the state, such as `/Retry/0/BackoffRate`.
    pub(crate) field: String,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    /// Reported only when the state uses this query language (`None`: always), for
    /// problems found before the language is known, such as a payload template that sets
    /// a key twice (JSONPath only).
    pub(crate) language: Option<QueryLanguage>,
}

impl Problem {
    pub(crate) fn new(
        kind: BuildIssueKind,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            field: field.into(),
            message: message.into(),
            hint: None,
            language: None,
        }
    }

    /// The same problem, reported only in states of `language`.
    pub(crate) fn only_in(mut self, language: QueryLanguage) -> Self {
        self.language = Some(language);
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl Node {
    /// Whether the state can have `Retry` and `Catch` (Task, Parallel, Map).
    pub(crate) fn is_catchable(&self) -> bool {
        matches!(
            self.state,
            NodeState::Task(_) | NodeState::Parallel(..) | NodeState::Map(..)
        )
    }

    /// Appends a catcher to a Task, Parallel or Map state; returns its index.
    pub(crate) fn push_catcher(&mut self, catcher: crate::model::Catcher) -> Option<usize> {
        let catchers = match &mut self.state {
            NodeState::Task(state) => &mut state.catch,
            NodeState::Parallel(state, _) => &mut state.catch,
            NodeState::Map(state, _) => &mut state.catch,
            _ => return None,
        };
        // Most states have one catcher, held inline.
        let catchers = catchers.get_or_insert_default();
        catchers.push(catcher);
        Some(catchers.len() - 1)
    }

    /// Gives a Task, Parallel or Map state `retrier` if it has no `Retry` of its own.
    pub(crate) fn default_retry(&mut self, retrier: &crate::builder::RetrierBuilder) {
        let retry = match &mut self.state {
            NodeState::Task(state) => &mut state.retry,
            NodeState::Parallel(state, _) => &mut state.retry,
            NodeState::Map(state, _) => &mut state.retry,
            _ => return,
        };
        if retry.is_none() {
            let retrier = retrier.clone().finish(0, &mut self.problems);
            *retry = Some([retrier].into());
        }
    }

    /// A node without deferred requests or problems (builders put their node together
    /// themselves).
    #[cfg(test)]
    pub(crate) fn new(name: StateName, state: NodeState) -> Self {
        Self {
            name,
            handler: false,
            state,
            deferred: SmallList::Empty,
            problems: Vec::new(),
        }
    }

    /// Calls `visit` with this node's name and the names in its nested lists, in document
    /// order.
    pub(super) fn collect_names<'a>(&'a self, visit: &mut impl FnMut(&'a StateName)) {
        visit(&self.name);
        let nested: &[Chain] = match &self.state {
            NodeState::Parallel(_, branches) => branches,
            NodeState::Map(_, processor) => std::slice::from_ref(processor),
            _ => &[],
        };
        for chain in nested {
            for node in &chain.nodes {
                node.collect_names(visit);
            }
        }
    }
}

impl NodeState {
    pub(crate) fn transition_mut(&mut self) -> Option<&mut Transition> {
        match self {
            Self::Pass(state) => Some(&mut state.transition),
            Self::Task(state) => Some(&mut state.transition),
            Self::Wait(state) => Some(&mut state.transition),
            Self::Parallel(state, _) => Some(&mut state.transition),
            Self::Map(state, _) => Some(&mut state.transition),
            Self::Choice(_) | Self::Succeed(_) | Self::Fail(_) => None,
        }
    }

    pub(crate) fn catchers_mut(
        &mut self,
    ) -> Option<&mut crate::model::HandlerList<crate::model::Catcher>> {
        match self {
            Self::Task(state) => state.catch.as_mut(),
            Self::Parallel(state, _) => state.catch.as_mut(),
            Self::Map(state, _) => state.catch.as_mut(),
            _ => None,
        }
    }

    pub(crate) fn catchers(&self) -> Option<&crate::model::HandlerList<crate::model::Catcher>> {
        match self {
            Self::Task(state) => state.catch.as_ref(),
            Self::Parallel(state, _) => state.catch.as_ref(),
            Self::Map(state, _) => state.catch.as_ref(),
            _ => None,
        }
    }

    pub(crate) fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            Self::Pass(state) => state.query_language,
            Self::Task(state) => state.query_language,
            Self::Choice(state) => state.query_language,
            Self::Wait(state) => state.query_language,
            Self::Succeed(state) => state.query_language,
            Self::Fail(state) => state.query_language,
            Self::Parallel(state, _) => state.query_language,
            Self::Map(state, _) => state.query_language,
        }
    }

    pub(super) fn for_each_target_mut(&mut self, mut visit: impl FnMut(&mut StateName)) {
        if let Some(Transition::Next(next)) = self.transition_mut() {
            visit(next);
        }
        if let Self::Choice(choice) = self {
            for rule in &mut choice.choices {
                visit(&mut rule.next);
            }
            if let Some(default) = &mut choice.default {
                visit(default);
            }
        }
        if let Some(catchers) = self.catchers_mut() {
            for catcher in catchers {
                visit(&mut catcher.next);
            }
        }
    }

    /// The finished model state, once nested lists are written.
    pub(crate) fn into_state(self) -> State {
        match self {
            Self::Pass(state) => State::Pass(state),
            Self::Task(state) => State::Task(state),
            Self::Choice(state) => State::Choice(state),
            Self::Wait(state) => State::Wait(state),
            Self::Succeed(state) => State::Succeed(state),
            Self::Fail(state) => State::Fail(state),
            Self::Parallel(state, _) => State::Parallel(state),
            Self::Map(state, _) => State::Map(state),
        }
    }
}
