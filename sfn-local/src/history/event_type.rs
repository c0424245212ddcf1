//! The event types of an execution history, spelled as `GetExecutionHistory` spells them.

use std::fmt;

macro_rules! event_types {
    ($( $(#[$meta:meta])* $variant:ident => $details:literal, )+) => {
        /// The type of a history event, as in AWS's `GetExecutionHistory`.
        ///
        /// # Examples
        ///
        /// ```
        /// use sfn_local::EventType;
        ///
        /// assert_eq!(EventType::TaskStateEntered.as_str(), "TaskStateEntered");
        /// assert_eq!(EventType::parse("MapIterationStarted"), Some(EventType::MapIterationStarted));
        /// assert_eq!(EventType::PassStateExited.details_key(), Some("stateExitedEventDetails"));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum EventType {
            $( $(#[$meta])* #[doc = concat!("`", stringify!($variant), "`.")] $variant, )+
        }

        impl EventType {
            /// Every event type.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The spelling used by AWS.
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_local::EventType;
            ///
            /// assert_eq!(EventType::ExecutionTimedOut.as_str(), "ExecutionTimedOut");
            /// assert!(EventType::ALL.iter().all(|event| EventType::parse(event.as_str()) == Some(*event)));
            /// ```
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => stringify!($variant), )+
                }
            }

            /// Parses an AWS spelling.
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_local::EventType;
            ///
            /// assert_eq!(EventType::parse("TaskSucceeded"), Some(EventType::TaskSucceeded));
            /// assert_eq!(EventType::parse("taskSucceeded"), None); // case matters
            /// ```
            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $( stringify!($variant) => Some(Self::$variant), )+
                    _ => None,
                }
            }

            /// The key under which AWS puts this event's details, if it has any.
            ///
            /// # Examples
            ///
            /// ```
            /// use sfn_local::EventType;
            ///
            /// assert_eq!(EventType::TaskFailed.details_key(), Some("taskFailedEventDetails"));
            /// assert_eq!(EventType::LambdaFunctionStarted.details_key(), None); // AWS gives it no details
            /// ```
            #[must_use]
            pub fn details_key(self) -> Option<&'static str> {
                let key = match self {
                    $( Self::$variant => $details, )+
                };
                (!key.is_empty()).then_some(key)
            }
        }
    };
}

event_types! {
    ActivityFailed => "activityFailedEventDetails",
    ActivityScheduleFailed => "activityScheduleFailedEventDetails",
    ActivityScheduled => "activityScheduledEventDetails",
    ActivityStarted => "activityStartedEventDetails",
    ActivitySucceeded => "activitySucceededEventDetails",
    ActivityTimedOut => "activityTimedOutEventDetails",
    ChoiceStateEntered => "stateEnteredEventDetails",
    ChoiceStateExited => "stateExitedEventDetails",
    EvaluationFailed => "evaluationFailedEventDetails",
    ExecutionAborted => "executionAbortedEventDetails",
    ExecutionFailed => "executionFailedEventDetails",
    ExecutionStarted => "executionStartedEventDetails",
    ExecutionSucceeded => "executionSucceededEventDetails",
    ExecutionTimedOut => "executionTimedOutEventDetails",
    FailStateEntered => "stateEnteredEventDetails",
    LambdaFunctionFailed => "lambdaFunctionFailedEventDetails",
    LambdaFunctionScheduleFailed => "lambdaFunctionScheduleFailedEventDetails",
    LambdaFunctionScheduled => "lambdaFunctionScheduledEventDetails",
    LambdaFunctionStartFailed => "lambdaFunctionStartFailedEventDetails",
    LambdaFunctionStarted => "",
    LambdaFunctionSucceeded => "lambdaFunctionSucceededEventDetails",
    LambdaFunctionTimedOut => "lambdaFunctionTimedOutEventDetails",
    MapIterationAborted => "mapIterationAbortedEventDetails",
    MapIterationFailed => "mapIterationFailedEventDetails",
    MapIterationStarted => "mapIterationStartedEventDetails",
    MapIterationSucceeded => "mapIterationSucceededEventDetails",
    MapRunAborted => "",
    MapRunFailed => "mapRunFailedEventDetails",
    MapRunStarted => "mapRunStartedEventDetails",
    MapRunSucceeded => "",
    MapStateAborted => "",
    MapStateEntered => "stateEnteredEventDetails",
    MapStateExited => "stateExitedEventDetails",
    MapStateFailed => "",
    MapStateStarted => "mapStateStartedEventDetails",
    MapStateSucceeded => "",
    ParallelStateAborted => "",
    ParallelStateEntered => "stateEnteredEventDetails",
    ParallelStateExited => "stateExitedEventDetails",
    ParallelStateFailed => "",
    ParallelStateStarted => "",
    ParallelStateSucceeded => "",
    PassStateEntered => "stateEnteredEventDetails",
    PassStateExited => "stateExitedEventDetails",
    SucceedStateEntered => "stateEnteredEventDetails",
    SucceedStateExited => "stateExitedEventDetails",
    TaskFailed => "taskFailedEventDetails",
    TaskScheduled => "taskScheduledEventDetails",
    TaskStartFailed => "taskStartFailedEventDetails",
    TaskStarted => "taskStartedEventDetails",
    TaskStateAborted => "",
    TaskStateEntered => "stateEnteredEventDetails",
    TaskStateExited => "stateExitedEventDetails",
    TaskSubmitFailed => "taskSubmitFailedEventDetails",
    TaskSubmitted => "taskSubmittedEventDetails",
    TaskSucceeded => "taskSucceededEventDetails",
    TaskTimedOut => "taskTimedOutEventDetails",
    WaitStateAborted => "",
    WaitStateEntered => "stateEnteredEventDetails",
    WaitStateExited => "stateExitedEventDetails",
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `…StateEntered` and `…StateExited` event types of a state type (`"Pass"`, `"Task"`,
/// …). Fail states have no exit event.
pub(crate) fn state_events(type_name: &str) -> (EventType, Option<EventType>) {
    match type_name {
        "Task" => (
            EventType::TaskStateEntered,
            Some(EventType::TaskStateExited),
        ),
        "Choice" => (
            EventType::ChoiceStateEntered,
            Some(EventType::ChoiceStateExited),
        ),
        "Wait" => (
            EventType::WaitStateEntered,
            Some(EventType::WaitStateExited),
        ),
        "Succeed" => (
            EventType::SucceedStateEntered,
            Some(EventType::SucceedStateExited),
        ),
        "Fail" => (EventType::FailStateEntered, None),
        "Parallel" => (
            EventType::ParallelStateEntered,
            Some(EventType::ParallelStateExited),
        ),
        "Map" => (EventType::MapStateEntered, Some(EventType::MapStateExited)),
        _ => (
            EventType::PassStateEntered,
            Some(EventType::PassStateExited),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::EventType;

    #[test]
    fn every_type_round_trips_its_spelling() {
        for event_type in EventType::ALL {
            assert_eq!(EventType::parse(event_type.as_str()), Some(*event_type));
        }
        assert_eq!(EventType::parse("NoSuchEvent"), None);
    }

    #[test]
    fn detail_keys_follow_aws_naming() {
        assert_eq!(
            EventType::ExecutionFailed.details_key(),
            Some("executionFailedEventDetails")
        );
        assert_eq!(EventType::ParallelStateStarted.details_key(), None);
        assert_eq!(
            EventType::MapStateStarted.details_key(),
            Some("mapStateStartedEventDetails")
        );
    }
}
