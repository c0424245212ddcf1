//! [`Chain`]: a fragment of a state list with open ends, composed by value.

use super::arg::Request;
use super::hash::{FastMap, FastSet};
use super::small_list::SmallList;
use crate::error::BuildIssueKind;
use crate::model::{
    ChoiceState, FailState, MapState, ParallelState, PassState, State, StateName, SucceedState,
    TaskState, Transition, WaitState,
};

/// A sequence of states with one entry and any number of open ends, built by value.
///
/// Every state builder converts into a one-state chain, and `a.next(b)` connects every
/// open end of `a` to the first state of `b`. An *open end* is a state whose `Next` has not
/// been decided yet (it becomes `"End": true` if nothing follows), a Choice rule, `Default`
/// or catcher told to continue with whatever follows, or an open end of a Choice branch or
/// catch handler. Succeed, Fail, states built with `.end()` and jumps made with
/// [`Chain::goto`] are closed.
///
/// **Value semantics.** A chain is an ordinary value: clone it, pass it to functions, and
/// use it as often as you like. Composing never fails and never changes the chains you
/// composed from.
///
/// **Names.** State names are unique across a machine. When a composition brings in a state
/// whose name is already used by the chain it joins (for example the same fragment used
/// twice), the newcomer is renamed `Name #2` (then `#3`, …), together with every transition
/// to it inside the newcomer. Numbers are handed out in the order compositions happen (the
/// branches of a Parallel state are composed with each other before the Parallel state
/// joins its chain), so they are deterministic and stable from build to build. To choose the names yourself, give a reused fragment a prefix with
/// [`Chain::prefixed`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// // A reusable fragment: a function returning a chain.
/// fn notify(topic: &str) -> Chain {
///     TaskState::call("Notify", sns::Publish::new(topic, Arg::input())).into()
/// }
///
/// let flow = PassState::builder("Start")
///     .next(notify("arn:aws:sns:us-east-1:123456789012:ops"))
///     .next(WaitState::builder("Pause").seconds(60))
///     .next(notify("arn:aws:sns:us-east-1:123456789012:ops"))
///     .next(notify("arn:aws:sns:us-east-1:123456789012:audit").prefixed("Audit "));
/// assert_eq!(flow.state_names(), ["Start", "Notify", "Pause", "Notify #2", "Audit Notify"]);
///
/// let machine = StateMachine::builder().start(flow).build()?;
/// assert_eq!(machine.states.len(), 5);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct Chain {
    /// Where the chain starts when it starts with a jump ([`Chain::goto`]); otherwise it
    /// starts with its first node (and is empty without nodes).
    pub(crate) jump: Option<StateName>,
    /// The states of this list, in authoring order.
    pub(crate) nodes: SmallList<Node>,
    /// Transitions still to be connected to whatever follows.
    pub(crate) open: SmallList<Slot>,
    /// Every state name in `nodes`, nested lists included, once `indexed`; chains that
    /// never take in another chain (most one-state chains) never build it.
    pub(crate) names: FastSet<StateName>,
    pub(crate) indexed: bool,
}

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
}

/// A problem found while building a state, reported with the state's location.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub(crate) kind: BuildIssueKind,
    /// A pointer suffix below the state, such as `/Retry/0/BackoffRate`.
    pub(crate) field: String,
    pub(crate) message: String,
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
        }
    }
}

/// Where a chain taken in by another starts.
#[derive(Clone, Debug)]
pub(crate) enum Entry {
    /// At the node with this index.
    Node(usize),
    /// At a jump to this state.
    Jump(StateName),
}

/// A transition of a node that is still open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The node's `Next`.
    Next(usize),
    /// The `Next` of a Choice rule.
    Rule(usize, usize),
    /// A Choice state's `Default`.
    Default(usize),
    /// The `Next` of a catcher.
    Catch(usize, usize),
}

impl Slot {
    fn offset(self, by: usize) -> Self {
        match self {
            Self::Next(node) => Self::Next(node + by),
            Self::Rule(node, rule) => Self::Rule(node + by, rule),
            Self::Default(node) => Self::Default(node + by),
            Self::Catch(node, catcher) => Self::Catch(node + by, catcher),
        }
    }

    pub(crate) fn node(self) -> usize {
        match self {
            Self::Next(node) | Self::Rule(node, _) | Self::Default(node) | Self::Catch(node, _) => {
                node
            }
        }
    }
}

impl Chain {
    /// The empty chain: no states, and a single open end that passes straight through.
    ///
    /// It is the identity of composition (`Chain::new().next(a)` is `a`). As a Choice rule
    /// or catch handler it means "continue with whatever follows".
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let chain = Chain::new().next(PassState::builder("Only"));
    /// assert_eq!(chain.state_names(), ["Only"]);
    /// assert!(Chain::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// A jump to the state named `name`, for loops and for joining paths: transitions into
    /// this chain go to `name`, which must exist in the same state list when the machine is
    /// built.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let poll = WaitState::builder("Wait").seconds(30)
    ///     .next(TaskState::call("Check", lambda::Invoke::function("check")))
    ///     .next(ChoiceState::builder("Done?")
    ///         .when(Rule::boolean_equals("$.Payload.done", true), SucceedState::builder("Finished"))
    ///         .otherwise(Chain::goto("Wait")));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// assert_eq!(machine.to_value()["States"]["Done?"]["Default"], "Wait");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn goto(name: impl Into<StateName>) -> Self {
        Self {
            jump: Some(name.into()),
            ..Self::default()
        }
    }

    /// Connects every open end of this chain to the first state of `then`; the open ends
    /// of `then` become the open ends of the result.
    ///
    /// States of `then` whose names this chain already uses are renamed (see the type
    /// documentation).
    pub fn next(mut self, then: impl Into<Chain>) -> Chain {
        let then = then.into();
        if self.start_name().is_none() {
            return then;
        }
        if then.start_name().is_none() {
            return self;
        }
        // The open ends of `then` replace ours once ours lead into it.
        let (entry, open) = self.take_in(then, false);
        let ends = std::mem::replace(&mut self.open, open);
        if let Some(entry) = entry {
            for slot in ends {
                self.connect(slot, &entry);
            }
        }
        self
    }

    /// The chain with `prefix` put before every state name in it (nested lists included),
    /// and every transition to those states updated. Jumps to states outside the chain are
    /// kept.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let step = PassState::builder("Load").next(PassState::builder("Save"));
    /// assert_eq!(step.prefixed("EU: ").state_names(), ["EU: Load", "EU: Save"]);
    /// ```
    pub fn prefixed(mut self, prefix: impl AsRef<str>) -> Chain {
        let prefix = prefix.as_ref();
        let mut renames = FastMap::default();
        self.for_each_name(|name| {
            renames.insert(name.clone(), StateName::new(format!("{prefix}{name}")));
        });
        self.rename(&renames);
        self
    }

    /// The name of the first state (or of the jump target); `None` for the empty chain.
    #[must_use]
    pub fn start_name(&self) -> Option<&StateName> {
        self.jump
            .as_ref()
            .or_else(|| self.nodes.first().map(|node| &node.name))
    }

    /// The names of the chain's own states (not those of nested lists), in the order they
    /// will be written: the main path first, then catch handlers.
    #[must_use]
    pub fn state_names(&self) -> Vec<&str> {
        let main = self.nodes.iter().filter(|node| !node.handler);
        let handlers = self.nodes.iter().filter(|node| node.handler);
        main.chain(handlers)
            .map(|node| node.name.as_str())
            .collect()
    }

    /// Whether the chain has no states.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// A chain of one state, with its `Next` open unless `closed`.
    pub(crate) fn single(node: Node, closed: bool) -> Self {
        let has_next = matches!(
            node.state,
            NodeState::Pass(_)
                | NodeState::Task(_)
                | NodeState::Wait(_)
                | NodeState::Parallel(..)
                | NodeState::Map(..)
        );
        Self {
            jump: None,
            open: if has_next && !closed {
                SmallList::One(Slot::Next(0))
            } else {
                SmallList::Empty
            },
            nodes: SmallList::One(node),
            names: FastSet::default(),
            indexed: false,
        }
    }

    /// Calls `visit` with every state name of the chain, nested lists included, in
    /// document order.
    pub(crate) fn for_each_name(&self, mut visit: impl FnMut(&StateName)) {
        for node in &self.nodes {
            node.collect_names(&mut visit);
        }
    }

    /// Makes room for `total` states in all, so that growing to that size copies nothing.
    pub(crate) fn reserve(&mut self, total: usize) {
        self.nodes.reserve(total.saturating_sub(self.nodes.len()));
        if self.indexed {
            self.names.reserve(total.saturating_sub(self.names.len()));
        }
    }

    /// Builds the name index if it is not built yet.
    pub(crate) fn index_names(&mut self) {
        if !self.indexed {
            let mut names = FastSet::with_capacity_and_hasher(
                self.nodes.len(),
                std::hash::BuildHasherDefault::default(),
            );
            for node in &self.nodes {
                node.collect_names(&mut |name| {
                    names.insert(name.clone());
                });
            }
            self.names = names;
            self.indexed = true;
        }
    }

    /// Appends the states of `other` (renamed where they clash with this chain's names)
    /// and its open ends; returns where `other` starts (`None` for the empty chain).
    pub(crate) fn absorb(&mut self, other: Chain, handler: bool) -> Option<Entry> {
        let (entry, open) = self.take_in(other, handler);
        self.open.extend(open);
        entry
    }

    /// Appends the states of `other` (renamed where they clash with this chain's names);
    /// returns where `other` starts and its open ends, which the caller connects.
    pub(crate) fn take_in(
        &mut self,
        mut other: Chain,
        handler: bool,
    ) -> (Option<Entry>, SmallList<Slot>) {
        if other.nodes.is_empty() {
            return (other.jump.map(Entry::Jump), other.open);
        }
        self.index_names();
        other.avoid(&self.names);
        if other.indexed {
            self.names.extend(other.names);
        } else {
            let names = &mut self.names;
            other.for_each_name(|name| {
                names.insert(name.clone());
            });
        }
        let offset = self.nodes.len();
        self.nodes.extend(other.nodes.into_iter().map(|mut node| {
            node.handler |= handler;
            node
        }));
        let mut open = other.open;
        for slot in &mut open {
            *slot = slot.offset(offset);
        }
        let entry = match other.jump {
            Some(name) => Entry::Jump(name),
            None => Entry::Node(offset),
        };
        (Some(entry), open)
    }

    /// Points an open transition at the start of a chain taken in.
    pub(crate) fn connect(&mut self, slot: Slot, entry: &Entry) {
        let target = match entry {
            Entry::Node(index) => self.nodes.get(*index).map(|node| node.name.clone()),
            Entry::Jump(name) => Some(name.clone()),
        };
        if let Some(target) = target {
            self.wire(slot, target);
        }
    }

    /// Points an open transition at `target`.
    pub(crate) fn wire(&mut self, slot: Slot, target: StateName) {
        let Some(node) = self.nodes.get_mut(slot.node()) else {
            return;
        };
        match (slot, &mut node.state) {
            (Slot::Next(_), state) => {
                if let Some(transition) = state.transition_mut() {
                    *transition = Transition::Next(target);
                }
            }
            (Slot::Rule(_, rule), NodeState::Choice(choice)) => {
                if let Some(rule) = choice.choices.get_mut(rule) {
                    rule.next = target;
                }
            }
            (Slot::Default(_), NodeState::Choice(choice)) => choice.default = Some(target),
            (Slot::Catch(_, catcher), state) => {
                if let Some(catcher) = state.catchers_mut().and_then(|all| all.get_mut(catcher)) {
                    catcher.next = target;
                }
            }
            _ => {}
        }
    }

    /// Renames the states of this chain whose names are in `taken` to `Name #2`, `#3`, …
    pub(crate) fn avoid(&mut self, taken: &FastSet<StateName>) {
        let mut clashing = Vec::new();
        self.for_each_name(|name| {
            if taken.contains(name) {
                clashing.push(name.clone());
            }
        });
        if clashing.is_empty() {
            return;
        }
        self.index_names();
        let mut renames = FastMap::with_capacity_and_hasher(
            clashing.len(),
            std::hash::BuildHasherDefault::default(),
        );
        let mut chosen = FastSet::default();
        for name in clashing {
            let mut number = 2_usize;
            let fresh = loop {
                let candidate = StateName::new(format!("{name} #{number}"));
                if !taken.contains(&candidate)
                    && !self.names.contains(&candidate)
                    && !chosen.contains(&candidate)
                {
                    break candidate;
                }
                number += 1;
            };
            chosen.insert(fresh.clone());
            renames.insert(name, fresh);
        }
        self.rename(&renames);
    }

    /// Applies `renames` to every state name and every transition target in the chain.
    fn rename(&mut self, renames: &FastMap<StateName, StateName>) {
        if renames.is_empty() {
            return;
        }
        let apply = |name: &mut StateName| {
            if let Some(new) = renames.get(name) {
                *name = new.clone();
            }
        };
        if let Some(jump) = &mut self.jump {
            apply(jump);
        }
        for node in &mut self.nodes {
            apply(&mut node.name);
            node.state.for_each_target_mut(apply);
            match &mut node.state {
                NodeState::Parallel(_, branches) => {
                    for branch in branches {
                        branch.rename(renames);
                    }
                }
                NodeState::Map(_, processor) => processor.rename(renames),
                _ => {}
            }
        }
        if self.indexed {
            self.names = std::mem::take(&mut self.names)
                .into_iter()
                .map(|name| renames.get(&name).cloned().unwrap_or(name))
                .collect();
        }
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
        let catchers = catchers.get_or_insert_with(Vec::new);
        catchers.push(catcher);
        Some(catchers.len() - 1)
    }

    /// Gives a Task, Parallel or Map state `retrier` if it has no `Retry` of its own.
    pub(crate) fn default_retry(&mut self, retrier: &super::RetrierBuilder) {
        let retry = match &mut self.state {
            NodeState::Task(state) => &mut state.retry,
            NodeState::Parallel(state, _) => &mut state.retry,
            NodeState::Map(state, _) => &mut state.retry,
            _ => return,
        };
        if retry.is_none() {
            let (retrier, problems) = retrier.clone().finish(0);
            *retry = Some(vec![retrier]);
            self.problems.extend(problems);
        }
    }

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
    fn collect_names(&self, visit: &mut impl FnMut(&StateName)) {
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

    pub(crate) fn catchers_mut(&mut self) -> Option<&mut Vec<crate::model::Catcher>> {
        match self {
            Self::Task(state) => state.catch.as_mut(),
            Self::Parallel(state, _) => state.catch.as_mut(),
            Self::Map(state, _) => state.catch.as_mut(),
            _ => None,
        }
    }

    pub(crate) fn query_language(&self) -> Option<crate::model::QueryLanguage> {
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

    fn for_each_target_mut(&mut self, mut visit: impl FnMut(&mut StateName)) {
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

#[cfg(test)]
mod tests {
    use super::{Chain, Node, NodeState, Slot};
    use crate::model::{StateName, Transition};

    fn pass(name: &str) -> Chain {
        Chain::single(
            Node::new(StateName::new(name), NodeState::Pass(Box::default())),
            false,
        )
    }

    fn next_of(chain: &Chain, index: usize) -> Option<String> {
        match &chain.nodes[index].state {
            NodeState::Pass(state) => state.transition.next().map(ToString::to_string),
            _ => None,
        }
    }

    #[test]
    fn next_wires_open_ends_and_keeps_the_new_ones() {
        let chain = pass("A").next(pass("B")).next(pass("C"));
        assert_eq!(chain.state_names(), ["A", "B", "C"]);
        assert_eq!(next_of(&chain, 0).as_deref(), Some("B"));
        assert_eq!(next_of(&chain, 1).as_deref(), Some("C"));
        assert_eq!(chain.open[..], [Slot::Next(2)]);
    }

    #[test]
    fn the_empty_chain_is_the_identity() {
        let chain = Chain::new().next(pass("A")).next(Chain::new());
        assert_eq!(chain.state_names(), ["A"]);
        assert_eq!(chain.open[..], [Slot::Next(0)]);
    }

    #[test]
    fn reuse_renames_the_newcomer_and_its_internal_transitions() {
        let fragment = pass("X").next(pass("Y"));
        let chain = fragment.clone().next(fragment.clone()).next(fragment);
        assert_eq!(
            chain.state_names(),
            ["X", "Y", "X #2", "Y #2", "X #3", "Y #3"]
        );
        assert_eq!(next_of(&chain, 1).as_deref(), Some("X #2"));
        assert_eq!(next_of(&chain, 2).as_deref(), Some("Y #2"));
        assert_eq!(next_of(&chain, 4).as_deref(), Some("Y #3"));
        let mut all = Vec::new();
        chain.for_each_name(|name| all.push(name.to_string()));
        assert_eq!(all.len(), 6);
    }

    #[test]
    fn renaming_skips_names_already_taken() {
        let chain = pass("A").next(pass("A #2")).next(pass("A"));
        assert_eq!(chain.state_names(), ["A", "A #2", "A #3"]);
    }

    #[test]
    fn goto_closes_the_chain_and_keeps_external_targets_on_prefix() {
        let chain = pass("A").next(Chain::goto("Elsewhere"));
        assert!(chain.open.is_empty());
        let prefixed = chain.prefixed("P ");
        assert_eq!(prefixed.state_names(), ["P A"]);
        assert_eq!(next_of(&prefixed, 0).as_deref(), Some("Elsewhere"));
        let looped = pass("Loop").next(Chain::goto("Loop")).prefixed("P ");
        assert_eq!(next_of(&looped, 0).as_deref(), Some("P Loop"));
    }

    #[test]
    fn composing_leaves_the_inputs_untouched() {
        let fragment = pass("X");
        let _ = fragment.clone().next(pass("Y"));
        assert_eq!(fragment.open[..], [Slot::Next(0)]);
        match &fragment.nodes[0].state {
            NodeState::Pass(state) => assert_eq!(state.transition, Transition::End),
            other => panic!("unexpected {other:?}"),
        }
    }
}
