//! The eight state types and what they have in common.

use std::fmt;

use super::choice::ChoiceState;
use super::map::MapState;
use super::name::StateName;
use super::parallel::ParallelState;
use super::pass::PassState;
use super::payload::PayloadObject;
use super::retry::{Catcher, Retrier};
use super::state_list::States;
use super::task::TaskState;
use super::terminal::{FailState, SucceedState};
use super::wait::WaitState;

/// The query language of a machine or state. Serialized as `QueryLanguage`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::QueryLanguage;
///
/// let machine = StateMachine::from_json(
///     r#"{"QueryLanguage": "JSONata", "StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#,
/// )?;
/// assert_eq!(machine.query_language, Some(QueryLanguage::Jsonata));
/// assert_eq!(QueryLanguage::parse("JSONPath"), Some(QueryLanguage::JsonPath));
/// assert_eq!(QueryLanguage::default().as_str(), "JSONPath");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum QueryLanguage {
    /// `JSONPath`: paths, payload templates and intrinsic functions (the default).
    #[default]
    JsonPath,
    /// `JSONata`: `{% %}` expressions, `Arguments` and `Output`.
    Jsonata,
}

impl QueryLanguage {
    /// The spelling used in ASL.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::QueryLanguage;
    ///
    /// assert_eq!(QueryLanguage::Jsonata.as_str(), "JSONata");
    /// assert_eq!(QueryLanguage::JsonPath.to_string(), "JSONPath");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::JsonPath => "JSONPath",
            Self::Jsonata => "JSONata",
        }
    }

    /// Parses the ASL spelling (case-sensitive).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::QueryLanguage;
    ///
    /// assert_eq!(QueryLanguage::parse("JSONata"), Some(QueryLanguage::Jsonata));
    /// assert_eq!(QueryLanguage::parse("jsonata"), None); // case-sensitive
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "JSONPath" => Some(Self::JsonPath),
            "JSONata" => Some(Self::Jsonata),
            _ => None,
        }
    }
}

impl fmt::Display for QueryLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a Pass, Task, Wait, Parallel or Map state goes next: `"Next": name` or
/// `"End": true`. A state can never have both.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#,
/// )?;
/// let next = |name: &str| machine.states.get(name).and_then(|state| state.transition()).map(|transition| transition.next().cloned());
/// assert_eq!(next("A"), Some(Some("B".into())));
/// assert_eq!(next("B"), Some(None));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Transition {
    /// Continue with the named state. Serialized as `Next`.
    Next(StateName),
    /// End the machine, branch or iteration. Serialized as `"End": true`.
    #[default]
    End,
}

impl Transition {
    /// The next state, unless this is the end.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{StateName, Transition};
    ///
    /// assert_eq!(Transition::Next(StateName::from("B")).next().map(StateName::as_str), Some("B"));
    /// assert_eq!(Transition::End.next(), None);
    /// ```
    #[must_use]
    pub fn next(&self) -> Option<&StateName> {
        match self {
            Self::Next(name) => Some(name),
            Self::End => None,
        }
    }
}

/// A state of any type. Serialized as an object whose `Type` names the variant.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{PassState, State, Transition};
///
/// let state = State::from(PassState { transition: Transition::Next("Done".into()), ..PassState::default() });
/// assert_eq!(state.type_name(), "Pass");
/// assert_eq!(state.targets().len(), 1);
/// assert!(!state.is_terminal());
/// ```
///
/// Every variant is boxed, so that a `State` is two words however many optional fields its
/// type has: moving states around (building, parsing, reordering) never copies the large
/// Map and Task structs. Build one with `State::from(task)` or `task.into()`.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// `"Type": "Pass"`.
    Pass(Box<PassState>),
    /// `"Type": "Task"`.
    Task(Box<TaskState>),
    /// `"Type": "Choice"`.
    Choice(Box<ChoiceState>),
    /// `"Type": "Wait"`.
    Wait(Box<WaitState>),
    /// `"Type": "Succeed"`.
    Succeed(Box<SucceedState>),
    /// `"Type": "Fail"`.
    Fail(Box<FailState>),
    /// `"Type": "Parallel"`.
    Parallel(Box<ParallelState>),
    /// `"Type": "Map"`.
    Map(Box<MapState>),
}

macro_rules! state_from {
    ($($variant:ident($type:ty)),+) => {
        $(impl From<$type> for State {
            fn from(state: $type) -> Self {
                Self::$variant(Box::new(state))
            }
        })+
    };
}

state_from!(
    Pass(PassState),
    Task(TaskState),
    Choice(ChoiceState),
    Wait(WaitState),
    Succeed(SucceedState),
    Fail(FailState),
    Parallel(ParallelState),
    Map(MapState)
);

/// How a state reaches one of its targets.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::Via;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Call",
///   "States": {
///     "Call": {
///       "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
///       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]
///     },
///     "Done": {"Type": "Succeed"},
///     "Failed": {"Type": "Fail"}
///   }
/// }"#)?;
/// let vias: Vec<Via> = machine.states.get("Call").map(|state| state.targets()).unwrap_or_default().iter().map(|target| target.via).collect();
/// assert_eq!(vias, [Via::Next, Via::Catch(0)]);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The state's own `Next`.
    Next,
    /// The `Next` of the Choice rule at this index of `Choices`.
    ChoiceRule(usize),
    /// The Choice state's `Default`.
    Default,
    /// The `Next` of the catcher at this index of `Catch`.
    Catch(usize),
}

/// One outgoing transition of a state.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Call",
///   "States": {
///     "Call": {
///       "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
///       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]
///     },
///     "Done": {"Type": "Succeed"},
///     "Failed": {"Type": "Fail"}
///   }
/// }"#)?;
/// let targets = machine.states.get("Call").map(|state| state.targets()).unwrap_or_default();
/// let names: Vec<&str> = targets.iter().map(|target| target.name.as_str()).collect();
/// assert_eq!(names, ["Done", "Failed"]);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    /// The state transitioned to.
    pub name: &'a StateName,
    /// Which field holds the transition.
    pub via: Via,
}

/// A state list nested in a Parallel or Map state.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::Nested;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Each",
///   "States": {"Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}, "End": true}}
/// }"#)?;
/// let nested = machine.states.get("Each").map(|state| state.nested()).unwrap_or_default();
/// assert!(matches!(nested[..], [Nested::Processor(_)]));
/// assert_eq!(nested[0].start_at().as_str(), "Work");
/// assert!(nested[0].states().contains("Work"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Nested<'a> {
    /// The branch at this index of `Branches`.
    Branch(usize, &'a super::parallel::Branch),
    /// The Map's `ItemProcessor` (or legacy `Iterator`).
    Processor(&'a super::map::ItemProcessor),
}

impl<'a> Nested<'a> {
    /// The nested `StartAt`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
    ///     "Branches": [{"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
    ///                  {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}]}}}"#)?;
    /// let nested = machine.states.get("Both").map(|state| state.nested()).unwrap_or_default();
    /// let starts: Vec<&str> = nested.iter().map(|list| list.start_at().as_str()).collect();
    /// assert_eq!(starts, ["Left", "Right"]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn start_at(self) -> &'a StateName {
        match self {
            Self::Branch(_, branch) => &branch.start_at,
            Self::Processor(processor) => &processor.start_at,
        }
    }

    /// The nested `States`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
    ///     "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}]}}}"#)?;
    /// let nested = machine.states.get("Both").map(|state| state.nested()).unwrap_or_default();
    /// assert_eq!(nested[0].states().len(), 2);
    /// assert!(nested[0].states().contains("B"));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn states(self) -> &'a States {
        match self {
            Self::Branch(_, branch) => &branch.states,
            Self::Processor(processor) => &processor.states,
        }
    }
}

macro_rules! each_state {
    ($state:expr, $bound:ident => $body:expr) => {
        match $state {
            State::Pass($bound) => $body,
            State::Task($bound) => $body,
            State::Choice($bound) => $body,
            State::Wait($bound) => $body,
            State::Succeed($bound) => $body,
            State::Fail($bound) => $body,
            State::Parallel($bound) => $body,
            State::Map($bound) => $body,
        }
    };
}

impl State {
    /// The value of `Type`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, SucceedState};
    ///
    /// assert_eq!(State::from(PassState::default()).type_name(), "Pass");
    /// assert_eq!(State::from(SucceedState::default()).type_name(), "Succeed");
    /// ```
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Pass(_) => "Pass",
            Self::Task(_) => "Task",
            Self::Choice(_) => "Choice",
            Self::Wait(_) => "Wait",
            Self::Succeed(_) => "Succeed",
            Self::Fail(_) => "Fail",
            Self::Parallel(_) => "Parallel",
            Self::Map(_) => "Map",
        }
    }

    /// The state's `Comment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Comment": "does nothing", "End": true}}}"#)?;
    /// assert_eq!(machine.states.get("P").and_then(|state| state.comment()), Some("does nothing"));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn comment(&self) -> Option<&str> {
        each_state!(self, state => state.comment.as_deref())
    }

    /// The state's own `QueryLanguage`, if it overrides the machine's.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::QueryLanguage;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(machine.states.get("A").and_then(|state| state.query_language()), Some(QueryLanguage::Jsonata));
    /// assert_eq!(machine.states.get("B").and_then(|state| state.query_language()), None); // the machine's
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn query_language(&self) -> Option<QueryLanguage> {
        each_state!(self, state => state.query_language)
    }

    /// `Next`/`End` of the five state types that have one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::Transition;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Wait", "States": {
    ///     "Wait": {"Type": "Wait", "Seconds": 1, "End": true}, "Done": {"Type": "Succeed"}}}"#)?;
    /// assert_eq!(machine.states.get("Wait").and_then(|state| state.transition()), Some(&Transition::End));
    /// assert_eq!(machine.states.get("Done").and_then(|state| state.transition()), None); // Succeed has none
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn transition(&self) -> Option<&Transition> {
        match self {
            Self::Pass(state) => Some(&state.transition),
            Self::Task(state) => Some(&state.transition),
            Self::Wait(state) => Some(&state.transition),
            Self::Parallel(state) => Some(&state.transition),
            Self::Map(state) => Some(&state.transition),
            Self::Choice(_) | Self::Succeed(_) | Self::Fail(_) => None,
        }
    }

    /// Whether the state ends its machine, branch or iteration: `"End": true`, Succeed or
    /// Fail.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}, "C": {"Type": "Fail"}}}"#)?;
    /// let terminal: Vec<bool> = machine.states.iter().map(|(_, state)| state.is_terminal()).collect();
    /// assert_eq!(terminal, [false, true, true]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        match self {
            Self::Succeed(_) | Self::Fail(_) => true,
            Self::Choice(_) => false,
            other => other.transition() == Some(&Transition::End),
        }
    }

    /// The `Retry` array (empty for state types without one).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "T", "States": {"T": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}], "End": true}}}"#)?;
    /// let retry = machine.states.get("T").map(|state| state.retry()).unwrap_or_default();
    /// assert_eq!(retry.len(), 1);
    /// assert_eq!(retry[0].max_attempts, Some(5));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn retry(&self) -> &[Retrier] {
        match self {
            Self::Task(state) => state.retry.as_deref().unwrap_or_default(),
            Self::Parallel(state) => state.retry.as_deref().unwrap_or_default(),
            Self::Map(state) => state.retry.as_deref().unwrap_or_default(),
            _ => &[],
        }
    }

    /// The `Catch` array (empty for state types without one).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "T", "States": {
    ///     "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
    ///           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
    ///     "Failed": {"Type": "Fail"}}}"#)?;
    /// let catch = machine.states.get("T").map(|state| state.catch()).unwrap_or_default();
    /// assert_eq!(catch[0].next.as_str(), "Failed");
    /// assert!(machine.states.get("Failed").is_some_and(|state| state.catch().is_empty()));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn catch(&self) -> &[Catcher] {
        match self {
            Self::Task(state) => state.catch.as_deref().unwrap_or_default(),
            Self::Parallel(state) => state.catch.as_deref().unwrap_or_default(),
            Self::Map(state) => state.catch.as_deref().unwrap_or_default(),
            _ => &[],
        }
    }

    /// The state-level `Assign`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass",
    ///     "Assign": {"count": 0, "id.$": "$.id"}, "End": true}}}"#)?;
    /// let assign = machine.states.get("P").and_then(|state| state.assign());
    /// assert_eq!(assign.map(|object| object.fields().map(|(name, _)| name).collect::<Vec<_>>()), Some(vec!["count", "id"]));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn assign(&self) -> Option<&PayloadObject> {
        match self {
            Self::Pass(state) => state.assign.as_ref(),
            Self::Task(state) => state.assign.as_ref(),
            Self::Choice(state) => state.assign.as_ref(),
            Self::Wait(state) => state.assign.as_ref(),
            Self::Parallel(state) => state.assign.as_ref(),
            Self::Map(state) => state.assign.as_ref(),
            Self::Succeed(_) | Self::Fail(_) => None,
        }
    }

    /// Every outgoing transition in definition order: `Next`, Choice rules, `Default`,
    /// then catchers.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::Via;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Big?", "States": {
    ///     "Big?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 9, "Next": "Big"}], "Default": "Small"},
    ///     "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}"#)?;
    /// let targets = machine.states.get("Big?").map(|state| state.targets()).unwrap_or_default();
    /// let found: Vec<_> = targets.iter().map(|target| (target.name.as_str(), target.via)).collect();
    /// assert_eq!(found, [("Big", Via::ChoiceRule(0)), ("Small", Via::Default)]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn targets(&self) -> Vec<Target<'_>> {
        let mut targets = Vec::new();
        if let Some(name) = self.transition().and_then(Transition::next) {
            targets.push(Target {
                name,
                via: Via::Next,
            });
        }
        if let Self::Choice(choice) = self {
            for (index, rule) in choice.choices.iter().enumerate() {
                targets.push(Target {
                    name: &rule.next,
                    via: Via::ChoiceRule(index),
                });
            }
            if let Some(name) = &choice.default {
                targets.push(Target {
                    name,
                    via: Via::Default,
                });
            }
        }
        for (index, catcher) in self.catch().iter().enumerate() {
            targets.push(Target {
                name: &catcher.next,
                via: Via::Catch(index),
            });
        }
        targets
    }

    /// The state lists nested in a Parallel (its branches) or Map (its processor).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::{Nested, PassState, State};
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
    ///     "Branches": [{"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}},
    ///                  {"StartAt": "R", "States": {"R": {"Type": "Pass", "End": true}}}]}}}"#)?;
    /// let nested = machine.states.get("Both").map(|state| state.nested()).unwrap_or_default();
    /// assert!(matches!(nested[..], [Nested::Branch(0, _), Nested::Branch(1, _)]));
    /// assert!(State::from(PassState::default()).nested().is_empty());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn nested(&self) -> Vec<Nested<'_>> {
        match self {
            Self::Parallel(parallel) => parallel
                .branches
                .iter()
                .enumerate()
                .map(|(index, branch)| Nested::Branch(index, branch))
                .collect(),
            Self::Map(map) => vec![Nested::Processor(&map.item_processor)],
            _ => Vec::new(),
        }
    }
}
