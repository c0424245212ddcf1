//! [`Chain`]: a fragment of a state list with open ends, composed by value.

mod compose;
mod names;
mod node;

pub(crate) use compose::Slot;
pub(crate) use node::{Deferred, DeferredField, Node, NodeState, Problem};

use crate::error::BuildIssueKind;
use crate::hash::FastMap;
use crate::limits::{MAP_LEVELS, MAX_LIST_DEPTH, PARALLEL_LEVELS};
use crate::model::StateName;
use crate::small_list::SmallList;
use crate::source::MAX_DEPTH;
use names::NameSet;

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
/// twice), the newcomer is renamed `Name #2` (then `#3`, …; a name near the 80-character
/// limit is shortened to make room), together with every transition to it inside the
/// newcomer. Numbers are handed out in the order compositions happen (the
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
    pub(crate) names: NameSet,
    pub(crate) indexed: bool,
    /// How many JSON levels below this list's `States` object the `States` of its deepest
    /// nested list lies (0 without nested lists). Never more than
    /// [`MAX_LIST_DEPTH`](crate::limits::MAX_LIST_DEPTH): a Parallel branch or Map item
    /// processor that would nest deeper is refused (see [`Chain::nests_too_deep`]), so
    /// every recursion over a chain (clone, drop, renaming, lowering) is bounded.
    pub(crate) depth: u16,
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let flow = Chain::from(PassState::builder("Load")).next(PassState::builder("Save"));
    /// assert_eq!(flow.state_names(), ["Load", "Save"]);
    /// let machine = StateMachine::builder().start(flow).build()?;
    /// assert_eq!(machine.to_value()["States"]["Load"]["Next"], "Save");
    /// assert_eq!(machine.to_value()["States"]["Save"]["End"], true);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(mut self, then: impl Into<Chain>) -> Chain {
        self.append(then.into());
        self
    }

    /// [`Chain::next`] in place: a long chain built step by step is not moved in and out
    /// of every call.
    pub(crate) fn append(&mut self, then: Chain) {
        if self.start_name().is_none() {
            *self = then;
            return;
        }
        if then.start_name().is_none() {
            return;
        }
        // The open ends of `then` replace ours once ours lead into it.
        let (entry, open) = self.take_in(then, false);
        let ends = std::mem::replace(&mut self.open, open);
        if let Some(entry) = entry {
            for slot in ends {
                self.connect(slot, &entry);
            }
        }
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let flow = PassState::builder("Load").next(PassState::builder("Save"));
    /// assert_eq!(flow.start_name().map(StateName::as_str), Some("Load"));
    /// assert_eq!(Chain::new().start_name(), None);
    /// assert_eq!(Chain::goto("Retry").start_name().map(StateName::as_str), Some("Retry"));
    /// ```
    #[must_use]
    pub fn start_name(&self) -> Option<&StateName> {
        self.jump
            .as_ref()
            .or_else(|| self.nodes.first().map(|node| &node.name))
    }

    /// The names of the chain's own states (not those of nested lists), in the order they
    /// will be written: the main path first, then catch handlers.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let work = TaskState::lambda_invoke("Work", "worker")
    ///     .catch(ErrorName::All, PassState::builder("Recover"))
    ///     .next(PassState::builder("Report"));
    /// assert_eq!(work.state_names(), ["Work", "Report", "Recover"]);
    /// ```
    #[must_use]
    pub fn state_names(&self) -> Vec<&str> {
        let main = self.nodes.iter().filter(|node| !node.handler);
        let handlers = self.nodes.iter().filter(|node| node.handler);
        main.chain(handlers)
            .map(|node| node.name.as_str())
            .collect()
    }

    /// Whether the chain has no states.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// assert!(Chain::new().is_empty());
    /// assert!(!Chain::from(PassState::builder("Load")).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// A chain of one state, with its `Next` open unless `closed`.
    pub(crate) fn single(node: Node, closed: bool) -> Self {
        // One match for both: this runs for every state composed.
        let (has_next, depth) = match &node.state {
            NodeState::Pass(_) | NodeState::Task(_) | NodeState::Wait(_) => (true, 0),
            NodeState::Parallel(_, branches) => (
                true,
                branches
                    .iter()
                    .map(|branch| branch.depth + PARALLEL_LEVELS)
                    .max()
                    .unwrap_or(0),
            ),
            NodeState::Map(_, processor) => (true, processor.depth + MAP_LEVELS),
            NodeState::Choice(_) | NodeState::Succeed(_) | NodeState::Fail(_) => (false, 0),
        };
        Self {
            jump: None,
            open: if has_next && !closed {
                SmallList::One(Slot::Next(0))
            } else {
                SmallList::Empty
            },
            nodes: SmallList::One(node),
            names: NameSet::default(),
            indexed: false,
            depth,
        }
    }

    /// Whether nesting this chain `levels` JSON levels deeper (as a Parallel branch,
    /// [`PARALLEL_LEVELS`], or a Map item processor, [`MAP_LEVELS`]) would put a state list
    /// deeper than [`MAX_LIST_DEPTH`]: the machine could not be read back. Builders then
    /// keep the chain out and record a [`BuildIssueKind::NestingTooDeep`] problem instead.
    pub(crate) fn nests_too_deep(&self, levels: u16) -> bool {
        self.depth + levels > MAX_LIST_DEPTH
    }

    /// The problem a builder records when it refuses a chain that nests too deep:
    /// `what` is the list it would have been ("branch 0 of Parallel state `P`"), `field`
    /// its pointer below the state.
    pub(crate) fn nesting_problem(field: String, what: &str) -> Problem {
        Problem::new(
            BuildIssueKind::NestingTooDeep,
            field,
            format!(
                "{what} nests Parallel and Map states too deeply: the definition would nest deeper than the {MAX_DEPTH} JSON levels `StateMachine::from_json` reads",
            ),
        )
        .with_hint(format!(
            "nest at most {} Parallel or {} Map states inside each other; move the inner part into a state machine of its own, started by a Task state",
            MAX_LIST_DEPTH / PARALLEL_LEVELS,
            MAX_LIST_DEPTH / MAP_LEVELS
        ))
    }

    /// Calls `visit` with every state name of the chain, nested lists included, in
    /// document order.
    pub(crate) fn for_each_name<'a>(&'a self, mut visit: impl FnMut(&'a StateName)) {
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
            let mut names = NameSet::with_capacity(self.nodes.len());
            for node in &self.nodes {
                node.collect_names(&mut |name| {
                    names.insert(name.as_str());
                });
            }
            self.names = names;
            self.indexed = true;
        }
    }
}
