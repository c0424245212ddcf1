//! Writing chains into model state lists once the machine's query language is known:
//! deferred requests, nested lists, open ends, and the per-state build checks.

mod deferred;
mod request;

use std::collections::HashSet;

use super::chain::{Chain, Node, NodeState, Slot};
use super::{check, depth};
use crate::error::{BuildIssue, BuildIssueKind};
use crate::model::{Branch, ItemProcessor, QueryLanguage, State, StateName, States};
use crate::source::escape_pointer_segment;

/// Where a state is written: for pointers in messages, computed only when needed.
#[derive(Clone, Copy)]
pub(crate) struct Loc<'a> {
    pub(crate) list: &'a str,
    pub(crate) name: &'a StateName,
}

impl Loc<'_> {
    /// The pointer of the state itself.
    pub(crate) fn pointer(&self) -> String {
        format!(
            "{}/States/{}",
            self.list,
            escape_pointer_segment(self.name.as_str())
        )
    }

    /// The pointer of `suffix` (such as `/Retry/0`) below the state.
    pub(crate) fn field(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.pointer())
    }
}

/// The state of a build: the machine's default query language and what went wrong.
pub(crate) struct Lowering {
    pub(crate) default_language: QueryLanguage,
    pub(crate) issues: Vec<BuildIssue>,
    /// Pointers whose graph problems are already reported in better words.
    pub(crate) covered: HashSet<String>,
    /// Whether a state of a nested list (a branch, an item processor) assigns a variable:
    /// only then can an inner scope reuse an outer variable's name, so only then does
    /// `build()` look for it.
    pub(crate) nested_assign: bool,
}

impl Lowering {
    pub(crate) fn new(default_language: QueryLanguage) -> Self {
        Self {
            default_language,
            issues: Vec::new(),
            covered: HashSet::new(),
            nested_assign: false,
        }
    }

    pub(crate) fn report(
        &mut self,
        kind: BuildIssueKind,
        pointer: String,
        state: Option<&StateName>,
        message: impl Into<String>,
    ) {
        self.issues
            .push(BuildIssue::new(kind, pointer, state.cloned(), message));
    }

    /// Writes `chain` as the state list at `list` (`""` for the machine); `what` names the
    /// list in messages ("the machine", "branch 0 of Parallel state `P`").
    pub(crate) fn list(
        &mut self,
        chain: Chain,
        list: &str,
        owner: Option<&StateName>,
        what: &dyn Fn() -> String,
    ) -> (StateName, States) {
        let Some(start) = chain.start_name().cloned() else {
            self.report(
                BuildIssueKind::EmptyStateList,
                list.to_owned(),
                owner,
                format!("{} has no states", what()),
            );
            self.covered.insert(format!("{list}/StartAt"));
            return (StateName::default(), States::new());
        };
        for slot in &chain.open {
            self.report_dangling(&chain.nodes, *slot, list);
        }
        let level = depth::state_level(list);
        // The main path first, then catch handlers.
        let mut states = States::with_capacity(chain.nodes.len());
        let mut handlers =
            Vec::with_capacity(chain.nodes.iter().filter(|node| node.handler).count());
        for node in chain.nodes {
            if node.handler {
                handlers.push(node);
            } else {
                let (name, state) = self.node(node, list, level);
                states.insert(name, state);
            }
        }
        for node in handlers {
            let (name, state) = self.node(node, list, level);
            states.insert(name, state);
        }
        (start, states)
    }

    fn report_dangling(&mut self, nodes: &[Node], slot: Slot, list: &str) {
        let Some(node) = nodes.get(slot.node()) else {
            return;
        };
        let loc = Loc {
            list,
            name: &node.name,
        };
        let (pointer, what) = match slot {
            Slot::Next(_) => return,
            Slot::Rule(_, rule) => (
                loc.field(&format!("/Choices/{rule}/Next")),
                format!("rule {rule} of Choice state `{}`", node.name),
            ),
            Slot::Default(_) => (
                loc.field("/Default"),
                format!("the `Default` of Choice state `{}`", node.name),
            ),
            Slot::Catch(_, catcher) => (
                loc.field(&format!("/Catch/{catcher}/Next")),
                format!("catcher {catcher} of state `{}`", node.name),
            ),
        };
        self.covered.insert(pointer.clone());
        self.issues.push(
            BuildIssue::new(
                BuildIssueKind::DanglingTransition,
                pointer,
                Some(node.name.clone()),
                format!("{what} continues with the next state, but nothing follows it"),
            )
            .with_hint("add a state after it with `.next(...)`, or give it a target of its own"),
        );
    }

    /// Writes one state; returns it with its name.
    /// `level` is the JSON level of the list's states (see [`depth`]).
    fn node(&mut self, node: Node, list: &str, level: usize) -> (StateName, State) {
        let Node {
            name,
            state,
            deferred,
            problems,
            ..
        } = node;
        let loc = Loc { list, name: &name };
        let language = state.query_language().unwrap_or(self.default_language);
        // A Map whose item processor nested too deep was built without it: that is the
        // problem to report, not an empty processor.
        let mut processor_refused = false;
        // Most states have no problem: their (empty) list is not even iterated.
        if !problems.is_empty() {
            for problem in problems {
                if problem
                    .language
                    .is_some_and(|reported_in| reported_in != language)
                {
                    continue;
                }
                processor_refused |= problem.kind == BuildIssueKind::NestingTooDeep;
                let mut issue = BuildIssue::new(
                    problem.kind,
                    loc.field(&problem.field),
                    Some(name.clone()),
                    problem.message,
                );
                issue.hint = problem.hint;
                self.issues.push(issue);
            }
        }
        let mut state = state;
        // A JSONPath state in a JSONata machine set its language itself.
        if language == QueryLanguage::JsonPath && self.default_language == QueryLanguage::Jsonata {
            check::downgrade(self, loc);
        }
        for deferred in deferred {
            self.deferred(&mut state, deferred.into, deferred.request, language, loc);
        }
        let state = match state {
            NodeState::Parallel(mut parallel, branches) => {
                let pointer = loc.pointer();
                parallel.branches = branches
                    .into_iter()
                    .enumerate()
                    .map(|(index, branch)| {
                        let (start_at, states) = self.list(
                            branch,
                            &format!("{pointer}/Branches/{index}"),
                            Some(&name),
                            &|| format!("branch {index} of Parallel state `{name}`"),
                        );
                        Branch {
                            comment: None,
                            query_language: None,
                            start_at,
                            states,
                        }
                    })
                    .collect();
                State::Parallel(parallel)
            }
            NodeState::Map(map, _) if processor_refused => {
                self.covered.insert(loc.field("/ItemProcessor/StartAt"));
                State::Map(map)
            }
            NodeState::Map(mut map, processor) => {
                let (start_at, states) = self.list(
                    *processor,
                    &loc.field("/ItemProcessor"),
                    Some(&name),
                    &|| format!("the item processor of Map state `{name}`"),
                );
                map.item_processor = ItemProcessor {
                    start_at,
                    states,
                    ..map.item_processor
                };
                State::Map(map)
            }
            other => other.into_state(),
        };
        check::state(self, &state, language, loc);
        depth::state(self, &state, loc, level);
        if !list.is_empty() && !self.nested_assign {
            self.nested_assign = assigns(&state);
        }
        (name, state)
    }
}

/// Whether `state` assigns a variable: in its own `Assign`, a Choice rule's or a catcher's.
fn assigns(state: &State) -> bool {
    state.assign().is_some()
        || state.catch().iter().any(|catcher| catcher.assign.is_some())
        || matches!(state, State::Choice(choice) if choice.choices.iter().any(|rule| rule.assign.is_some()))
}
