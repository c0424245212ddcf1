//! The drawing as plain data, shared by the renderers: nodes, groups and edges with ids.

use super::trace::Trace;
use super::{catcher, label};
use crate::limits::{MAP_LEVELS, MAX_READABLE_LIST_DEPTH, PARALLEL_LEVELS};
use crate::model::{ProcessorKey, State, StateMachine, States, Target, Via};

/// How a node is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// Pass, Task, Parallel, Map: a box.
    Box,
    /// Choice: a diamond.
    Decision,
    /// Wait: a parallelogram.
    Pause,
    /// Succeed: a rounded end.
    Success,
    /// Fail: a rounded end, marked as failure.
    Failure,
}

/// One state.
#[derive(Debug)]
pub(super) struct Node {
    /// A generated id (`s0`, `s1`, ...), never derived from the name: names that differ only
    /// in characters a renderer escapes stay distinct nodes.
    pub(super) id: String,
    /// The name as shown (see [`label::visible`]).
    pub(super) name: String,
    pub(super) type_name: &'static str,
    pub(super) shape: Shape,
    /// What the traced executions did here; `None` when no trace is drawn.
    pub(super) visits: Option<Visits>,
}

/// What the traced executions did in one state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Visits {
    /// No execution entered it.
    Never,
    /// Entered this many times, and left every time.
    Entered(u64),
    /// Entered this many times; an execution did not leave it.
    Unfinished(u64),
}

impl Visits {
    /// The count as drawn after the type: `, 3×`, `, 1×, unfinished`, or nothing.
    pub(super) fn suffix(visits: Option<Self>) -> String {
        match visits {
            None | Some(Self::Never) => String::new(),
            Some(Self::Entered(count)) => format!(", {count}×"),
            Some(Self::Unfinished(count)) => format!(", {count}×, unfinished"),
        }
    }
}

/// How an edge is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// `Next` and Choice rules.
    Solid,
    /// Catchers.
    Dashed,
    /// From a Parallel or Map state into its branches or processor.
    Bold,
}

/// One transition.
#[derive(Debug)]
pub(super) struct Edge {
    pub(super) from: String,
    pub(super) to: String,
    /// The text as shown, never empty (Mermaid cannot read an empty edge label).
    pub(super) label: Option<String>,
    pub(super) style: Style,
    /// Whether a traced execution went this way (always `false` without a trace).
    pub(super) taken: bool,
}

/// A nested state list, or the group of a Parallel or Map state with its lists.
#[derive(Debug)]
pub(super) struct Group {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) items: Vec<Item>,
}

/// What a group holds.
#[derive(Debug)]
pub(super) enum Item {
    Node(Node),
    Group(Group),
}

/// The whole drawing.
#[derive(Debug)]
pub(super) struct Drawing {
    pub(super) items: Vec<Item>,
    pub(super) edges: Vec<Edge>,
    /// The first state's node, and whether a traced execution entered it.
    pub(super) start: Option<(String, bool)>,
    /// The top-level terminal states' nodes, and whether a traced execution ended there
    /// (left the state, or failed in a Fail state).
    pub(super) ends: Vec<(String, bool)>,
}

pub(super) fn layout(machine: &StateMachine, trace: Option<&Trace>) -> Drawing {
    let mut builder = Builder {
        next_id: 0,
        next_group: 0,
        edges: Vec::new(),
        ends: Vec::new(),
        trace,
    };
    let (items, ids) = builder.list(&machine.states, 0);
    let start = machine
        .states
        .index_of(machine.start_at.as_str())
        .and_then(|index| ids.get(index).cloned())
        .map(|id| (id, builder.entered(machine.start_at.as_str())));
    Drawing {
        items,
        edges: builder.edges,
        start,
        ends: builder.ends,
    }
}

struct Builder<'a> {
    next_id: usize,
    next_group: usize,
    edges: Vec<Edge>,
    ends: Vec<(String, bool)>,
    trace: Option<&'a Trace>,
}

impl Builder<'_> {
    /// Whether a traced execution entered the state named `name`.
    fn entered(&self, name: &str) -> bool {
        self.trace.is_some_and(|trace| trace.entered(name) > 0)
    }

    /// Lays out a state list `depth` JSON levels below the machine's `States` (0 for the
    /// top level); returns its items and the node id of each state, by index. Terminal
    /// states of the top level get an edge to the end marker.
    fn list(&mut self, states: &States, depth: u16) -> (Vec<Item>, Vec<String>) {
        let ids: Vec<String> = states
            .iter()
            .map(|_| {
                let id = format!("s{}", self.next_id);
                self.next_id += 1;
                id
            })
            .collect();
        let mut items = Vec::with_capacity(states.len());
        for (index, (name, state)) in states.iter().enumerate() {
            let id = ids.get(index).cloned().unwrap_or_default();
            let node = Node {
                id: id.clone(),
                name: label::visible(name.as_str()),
                type_name: state.type_name(),
                shape: shape(state),
                visits: self.trace.map(|trace| {
                    match (
                        trace.entered(name.as_str()),
                        trace.is_unfinished(name.as_str()),
                    ) {
                        (0, _) => Visits::Never,
                        (count, false) => Visits::Entered(count),
                        (count, true) => Visits::Unfinished(count),
                    }
                }),
            };
            for target in state.targets() {
                let Some(to) = states
                    .index_of(target.name.as_str())
                    .and_then(|target_index| ids.get(target_index))
                else {
                    continue;
                };
                let (label, style) = match target.via {
                    Via::Next => (None, Style::Solid),
                    Via::ChoiceRule(rule) => (
                        match state {
                            State::Choice(choice) => choice
                                .choices
                                .get(rule)
                                .map(|rule| label::condition(&rule.condition)),
                            _ => None,
                        },
                        Style::Solid,
                    ),
                    Via::Default => (Some("Default".to_owned()), Style::Solid),
                    Via::Catch(catcher) => (
                        state
                            .catch()
                            .get(catcher)
                            .map(|catcher| label::errors(&catcher.error_equals)),
                        Style::Dashed,
                    ),
                };
                self.edges.push(Edge {
                    from: id.clone(),
                    to: to.clone(),
                    // A catcher with an empty `ErrorEquals` has nothing to say.
                    label: label
                        .filter(|label| !label.is_empty())
                        .map(|label| label::visible(&label)),
                    style,
                    taken: self
                        .trace
                        .is_some_and(|trace| taken(trace, name.as_str(), state, &target)),
                });
            }
            if depth == 0 && state.is_terminal() {
                let ended = self.trace.is_some_and(|trace| {
                    trace.exited(name.as_str()) > 0
                        || (matches!(state, State::Fail(_)) && trace.entered(name.as_str()) > 0)
                });
                self.ends.push((id.clone(), ended));
            }
            let levels = match state {
                State::Parallel(_) => PARALLEL_LEVELS,
                _ => MAP_LEVELS,
            };
            // Lists nested deeper than any definition can be read (only in a machine put
            // together by hand) are left out: their state is drawn as a plain node, and
            // the drawing recurses no deeper.
            if state.nested().is_empty() || depth + levels > MAX_READABLE_LIST_DEPTH {
                items.push(Item::Node(node));
                continue;
            }
            let group = self.nested_group(&id, name.as_str(), state, node, depth + levels);
            items.push(Item::Group(group));
        }
        (items, ids)
    }

    /// A Parallel or Map state as a group: its node, then one group per nested list.
    fn nested_group(
        &mut self,
        id: &str,
        name: &str,
        state: &State,
        node: Node,
        depth: u16,
    ) -> Group {
        let group_id = self.group_id();
        let mut group_items = vec![Item::Node(node)];
        for list in state.nested() {
            let list_group = self.group_id();
            let (list_items, list_ids) = self.list(list.states(), depth);
            if let Some(start) = list
                .states()
                .index_of(list.start_at().as_str())
                .and_then(|start| list_ids.get(start))
            {
                self.edges.push(Edge {
                    from: id.to_owned(),
                    to: start.clone(),
                    label: None,
                    style: Style::Bold,
                    // A history of another machine may enter a state of the same name
                    // elsewhere: the branch was started only if its state was entered.
                    taken: self.entered(name) && self.entered(list.start_at().as_str()),
                });
            }
            let title = match (list, state) {
                (crate::model::Nested::Branch(index, _), _) => format!("branch {}", index + 1),
                (crate::model::Nested::Processor(_), State::Map(map)) => {
                    match (map.is_distributed(), map.processor_key) {
                        (true, _) => "item processor (distributed)".to_owned(),
                        (false, ProcessorKey::Iterator) => "iterator".to_owned(),
                        (false, ProcessorKey::ItemProcessor) => "item processor".to_owned(),
                    }
                }
                (crate::model::Nested::Processor(_), _) => "item processor".to_owned(),
            };
            group_items.push(Item::Group(Group {
                id: list_group,
                title,
                items: list_items,
            }));
        }
        Group {
            id: group_id,
            title: format!("{} {}", state.type_name(), label::visible(name)),
            items: group_items,
        }
    }

    fn group_id(&mut self) -> String {
        let id = format!("g{}", self.next_group);
        self.next_group += 1;
        id
    }
}

/// Whether a traced execution went from the state named `from` to `target`: by its `Next`,
/// a Choice rule or `Default` when it left normally, by a catcher when it failed, and then
/// only by the catcher that matches the error first (all that may, when the history does
/// not say). Choice rules and `Default` leading to the same state are all taken: the history
/// does not say which rule matched.
fn taken(trace: &Trace, from: &str, state: &State, target: &Target<'_>) -> bool {
    let to = target.name.as_str();
    match target.via {
        Via::Next | Via::ChoiceRule(_) | Via::Default => trace.transitioned(from, to) > 0,
        Via::Catch(index) => trace
            .caught(from, to)
            .any(|(error, _)| catcher::may_have_caught(state.catch(), index, error)),
    }
}

fn shape(state: &State) -> Shape {
    match state {
        State::Choice(_) => Shape::Decision,
        State::Wait(_) => Shape::Pause,
        State::Succeed(_) => Shape::Success,
        State::Fail(_) => Shape::Failure,
        State::Pass(_) | State::Task(_) | State::Parallel(_) | State::Map(_) => Shape::Box,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{Style, layout};
    use crate::StateMachine;
    use crate::render::Trace;

    /// `Charge` goes on to `Notify` by `Next`, and by two catchers: one for
    /// `Card.Declined`, one for anything.
    fn charge_then_notify() -> StateMachine {
        StateMachine::from_json(
            r#"{"StartAt": "Charge", "States": {
                "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Catch": [{"ErrorEquals": ["Card.Declined"], "Next": "Notify"},
                              {"ErrorEquals": ["States.ALL"], "Next": "Notify"}],
                    "Next": "Notify"},
                "Notify": {"Type": "Pass", "End": true}}}"#,
        )
        .unwrap()
    }

    /// A run of `Charge` then `Notify`, with `outcome` (a `TaskSucceeded`, `TaskFailed`,
    /// … event) recorded between entering `Charge` and leaving it.
    fn charge_history(mut outcome: Value) -> Trace {
        outcome["id"] = json!(3);
        outcome["previousEventId"] = json!(2);
        Trace::from_history(&json!({"events": [
            {"id": 1, "previousEventId": 0, "type": "ExecutionStarted"},
            {"id": 2, "previousEventId": 0, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Charge"}},
            outcome,
            {"id": 4, "previousEventId": 3, "type": "TaskStateExited", "stateExitedEventDetails": {"name": "Charge"}},
            {"id": 5, "previousEventId": 4, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "Notify"}},
            {"id": 6, "previousEventId": 5, "type": "PassStateExited", "stateExitedEventDetails": {"name": "Notify"}}
        ]}))
        .unwrap()
    }

    /// The edges out of `Charge` as (style, label, taken).
    fn charge_edges(trace: &Trace) -> Vec<(Style, Option<String>, bool)> {
        layout(&charge_then_notify(), Some(trace))
            .edges
            .into_iter()
            .filter(|edge| edge.from == "s0")
            .map(|edge| (edge.style, edge.label, edge.taken))
            .collect()
    }

    /// A run that left `Charge` normally took `Next`, not the catchers leading to the same
    /// state; one that failed took the first catcher matching its error, and not `Next`.
    #[test]
    fn a_catch_and_next_to_the_same_state_are_told_apart() {
        let declined = Some("Card.Declined".to_owned());
        let any = Some("States.ALL".to_owned());
        let succeeded = charge_history(json!({"type": "TaskSucceeded"}));
        assert_eq!(
            charge_edges(&succeeded),
            [
                (Style::Solid, None, true),
                (Style::Dashed, declined.clone(), false),
                (Style::Dashed, any.clone(), false)
            ]
        );
        let failed = |error: &str| {
            charge_history(
                json!({"type": "TaskFailed", "taskFailedEventDetails": {"error": error}}),
            )
        };
        assert_eq!(
            charge_edges(&failed("Card.Declined")),
            [
                (Style::Solid, None, false),
                (Style::Dashed, declined.clone(), true),
                (Style::Dashed, any.clone(), false)
            ]
        );
        let timed_out = charge_history(
            json!({"type": "TaskTimedOut", "taskTimedOutEventDetails": {"error": "States.Timeout"}}),
        );
        assert_eq!(
            charge_edges(&timed_out),
            [
                (Style::Solid, None, false),
                (Style::Dashed, declined.clone(), false),
                (Style::Dashed, any.clone(), true)
            ]
        );
        // A failure naming no error: either catcher may have caught it.
        let unnamed = charge_history(json!({"type": "TaskFailed"}));
        assert_eq!(
            charge_edges(&unnamed),
            [
                (Style::Solid, None, false),
                (Style::Dashed, declined, true),
                (Style::Dashed, any, true)
            ]
        );
    }

    /// A history of another machine that enters a state named like a branch's first state
    /// does not make the edge into that branch taken while its Parallel state was never
    /// entered.
    #[test]
    fn a_branch_is_not_entered_when_its_parallel_state_was_not() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "Start", "States": {
                "Start": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Both"}],
                          "Default": "Done"},
                "Both": {"Type": "Parallel", "Branches": [
                    {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}}], "End": true},
                "Done": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        let trace = Trace::from_history(&json!({"events": [
            {"id": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "Left"}},
            {"id": 2, "previousEventId": 1, "type": "PassStateExited", "stateExitedEventDetails": {"name": "Left"}}
        ]}))
        .unwrap();
        let drawing = layout(&machine, Some(&trace));
        let into_branch: Vec<bool> = drawing
            .edges
            .iter()
            .filter(|edge| edge.style == Style::Bold)
            .map(|edge| edge.taken)
            .collect();
        assert_eq!(into_branch, [false]);
    }
}
