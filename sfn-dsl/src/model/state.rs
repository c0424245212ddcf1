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
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::JsonPath => "JSONPath",
            Self::Jsonata => "JSONata",
        }
    }

    /// Parses the ASL spelling (case-sensitive).
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
    #[must_use]
    pub fn start_at(self) -> &'a StateName {
        match self {
            Self::Branch(_, branch) => &branch.start_at,
            Self::Processor(processor) => &processor.start_at,
        }
    }

    /// The nested `States`.
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
    #[must_use]
    pub fn comment(&self) -> Option<&str> {
        each_state!(self, state => state.comment.as_deref())
    }

    /// The state's own `QueryLanguage`, if it overrides the machine's.
    #[must_use]
    pub fn query_language(&self) -> Option<QueryLanguage> {
        each_state!(self, state => state.query_language)
    }

    /// `Next`/`End` of the five state types that have one.
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
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        match self {
            Self::Succeed(_) | Self::Fail(_) => true,
            Self::Choice(_) => false,
            other => other.transition() == Some(&Transition::End),
        }
    }

    /// The `Retry` array (empty for state types without one).
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
