//! [`StateMachineBuilder`]: the top-level fields and `build()`.

use std::marker::PhantomData;

use super::chain::Chain;
use super::lower::Lowering;
use super::marker::{Missing, Present, StartIsSet};
use crate::error::{BuildError, BuildIssue, BuildIssueKind};
use crate::graph::check_graph;
use crate::model::{Dynamic, QueryLanguage, Resource, State, StateMachine, StateName, States};
use crate::validate::Diagnostic;

/// Builds a [`StateMachine`] from a [`Chain`] and checks it.
///
/// Created by [`StateMachine::builder`]. The type parameter records whether the states are
/// set yet; [`build`](Self::build) needs them.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .comment("Greets the caller")
///     .timeout_seconds(300)
///     .start(PassState::builder("Greet").result(serde_json::json!("hello")))
///     .build()?;
/// assert_eq!(
///     machine.to_json(),
///     r#"{"Comment":"Greets the caller","TimeoutSeconds":300,"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Result":"hello","End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// Forgetting the states is a compile error:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder().comment("no states").build();
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct StateMachineBuilder<S = Missing> {
    comment: Option<String>,
    version: Option<String>,
    query_language: Option<QueryLanguage>,
    timeout_seconds: Option<Dynamic<u64>>,
    partition: Option<String>,
    start: Chain,
    marker: PhantomData<S>,
}

impl StateMachine {
    /// A builder for a machine; set its states with
    /// [`start`](StateMachineBuilder::start).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder().start(PassState::builder("Only")).build()?;
    /// assert_eq!(machine.to_value()["StartAt"], json!("Only"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder() -> StateMachineBuilder<Missing> {
        StateMachineBuilder {
            comment: None,
            version: None,
            query_language: None,
            timeout_seconds: None,
            partition: None,
            start: Chain::new(),
            marker: PhantomData,
        }
    }
}

impl<S> StateMachineBuilder<S> {
    /// Free text for readers of the definition. Serialized as `Comment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .comment("Processes orders")
    ///     .start(PassState::builder("Only"))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["Comment"], json!("Processes orders"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// The States Language version, `"1.0"`. Serialized as `Version`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .version("1.0")
    ///     .start(PassState::builder("Only"))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["Version"], json!("1.0"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// The query language of every state that does not set its own. Serialized as
    /// `QueryLanguage`; JSONPath when left out.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(PassState::builder("Only"))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["QueryLanguage"], json!("JSONata"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.query_language = Some(language);
        self
    }

    /// The longest an execution may run, in seconds; it then fails with `States.Timeout`.
    /// Serialized as `TimeoutSeconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .timeout_seconds(3600)
    ///     .start(PassState::builder("Only"))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["TimeoutSeconds"], json!(3600));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn timeout_seconds(mut self, seconds: impl Into<Dynamic<u64>>) -> Self {
        self.timeout_seconds = Some(seconds.into());
        self
    }

    /// The AWS partition the machine runs in, for its service integrations' ARNs:
    /// `aws-cn` (China) or `aws-us-gov` (`GovCloud`) turns every `arn:aws:states:::…` the
    /// typed integrations write (Task resources, Distributed Map readers and writers) into
    /// `arn:aws-cn:states:::…`. Resources written by hand in another partition are kept.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .partition("aws-cn")
    ///     .start(TaskState::lambda_invoke("Charge", "charge"))
    ///     .build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Charge"]["Resource"],
    ///     "arn:aws-cn:states:::lambda:invoke"
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn partition(mut self, partition: impl Into<String>) -> Self {
        self.partition = Some(partition.into());
        self
    }

    /// The machine's states: `StartAt` is the chain's first state.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(PassState::builder("First").next(SucceedState::builder("Done")))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["StartAt"], json!("First"));
    /// assert_eq!(machine.to_value()["States"]["First"]["Next"], json!("Done"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn start(self, chain: impl Into<Chain>) -> StateMachineBuilder<Present> {
        StateMachineBuilder {
            comment: self.comment,
            version: self.version,
            query_language: self.query_language,
            timeout_seconds: self.timeout_seconds,
            partition: self.partition,
            start: chain.into(),
            marker: PhantomData,
        }
    }

    /// Writes the machine and checks it.
    ///
    /// Open ends of the chain become `"End": true`. The checks are those of
    /// [`check_graph`](crate::graph::check_graph) (every transition resolves within its
    /// state list, every state is reachable, some terminal state is reachable, names are
    /// valid) plus the field rules the builder cannot enforce by type: fields of the other
    /// query language, a JSONPath state in a JSONata machine, fields that exclude each
    /// other, payload templates that set a key twice (`a` and `a.$`), Distributed-only Map
    /// fields and the Distributed Map settings AWS refuses (batch sizes, reader limit,
    /// tolerated percentage, Map Run label), `ErrorEquals` rules, heartbeat shorter than
    /// timeout, the ranges AWS accepts for retries, timeouts and waits, variable names, a
    /// branch or item processor assigning a variable its enclosing scope assigns, values
    /// that read data their field cannot see (the task token of a task that has none), and
    /// values that cannot be written (such as a `NaN` backoff rate, an `Arg::var` without a
    /// name, a field path JSONPath and JSONata would read differently, a `.$` key without a
    /// string), AWS SDK integrations whose names cannot name an API, and literal request
    /// values the API refuses (EventBridge entries, SQS delay). The validator ([`crate::validate::validate`]) checks everything
    /// else (paths, intrinsic functions, JSONata, service rules).
    ///
    /// # Errors
    ///
    /// [`BuildError`] with every problem found, each with its JSON pointer.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder().start(SucceedState::builder("Done")).build()?;
    /// assert_eq!(machine.to_value()["States"]["Done"]["Type"], "Succeed");
    ///
    /// // A Task's JSONPath `Assign` sees its result, not its input: refused.
    /// let bad = TaskState::lambda_invoke("Keep", "f").assign("order", Arg::input_field("order"));
    /// assert!(StateMachine::builder().start(bad).build().is_err());
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<StateMachine, BuildError>
    where
        S: StartIsSet,
    {
        let mut lowering = Lowering::new(self.query_language.unwrap_or_default());
        let empty = self.start.start_name().is_none();
        let (start_at, mut states) =
            lowering.list(self.start, "", None, &|| "the machine".to_owned());
        if let Some(partition) = self
            .partition
            .as_deref()
            .filter(|partition| *partition != "aws")
        {
            set_partition(&mut states, partition);
        }
        let machine = StateMachine {
            comment: self.comment,
            version: self.version,
            query_language: self.query_language,
            timeout_seconds: self.timeout_seconds,
            start_at,
            states,
        };
        let mut issues = lowering.issues;
        issues.extend(top_level_problems(&machine));
        // The validator's own rule, on the machine as written; it only has something to
        // find when a branch or item processor assigns a variable.
        if lowering.nested_assign {
            issues.extend(
                crate::validate::variable_shadowing(&machine)
                    .into_iter()
                    .map(rejected),
            );
        }
        if !empty {
            issues.extend(
                check_graph(&machine)
                    .into_iter()
                    .filter(|issue| !lowering.covered.contains(&issue.pointer))
                    .map(BuildIssue::from),
            );
        }
        if issues.is_empty() {
            Ok(machine)
        } else {
            Err(BuildError::new(issues))
        }
    }
}

/// Moves the service integrations of `states` (nested lists included) written in the
/// `aws` partition into `partition`.
fn set_partition(states: &mut States, partition: &str) {
    let move_to = |resource: &mut Resource| {
        if let Resource::Integration(integration) = resource
            && integration.partition == "aws"
        {
            integration.partition = partition.to_owned().into();
        }
    };
    for (_, state) in states.iter_mut() {
        match state {
            State::Task(task) => move_to(&mut task.resource),
            State::Map(map) => {
                if let Some(reader) = &mut map.item_reader {
                    move_to(&mut reader.resource);
                }
                if let Some(resource) = map
                    .result_writer
                    .as_mut()
                    .and_then(|writer| writer.resource.as_mut())
                {
                    move_to(resource);
                }
                set_partition(&mut map.item_processor.states, partition);
            }
            State::Parallel(parallel) => {
                for branch in &mut parallel.branches {
                    set_partition(&mut branch.states, partition);
                }
            }
            _ => {}
        }
    }
}

/// A validator diagnostic as a build issue of kind [`BuildIssueKind::Rejected`].
fn rejected(diagnostic: Diagnostic) -> BuildIssue {
    let issue = BuildIssue::new(
        BuildIssueKind::Rejected(diagnostic.code),
        diagnostic.pointer,
        diagnostic.state.map(StateName::from),
        diagnostic.message,
    );
    match diagnostic.hint {
        Some(hint) => issue.with_hint(hint),
        None => issue,
    }
}

/// The problems of the machine's own fields: a `Version` other than `1.0`, and a
/// `TimeoutSeconds` that is not a whole number of seconds from 1 to 99,999,999 (the
/// top level has no `TimeoutSecondsPath` and reads no JSONata).
fn top_level_problems(machine: &StateMachine) -> Vec<BuildIssue> {
    let mut issues = Vec::new();
    if let Some(version) = machine
        .version
        .as_deref()
        .filter(|version| *version != "1.0")
    {
        issues.push(BuildIssue::new(
            BuildIssueKind::InvalidValue,
            "/Version".to_owned(),
            None,
            format!("`Version` must be \"1.0\", the only version of the States Language, found \"{version}\""),
        ));
    }
    let timeout_problem = match &machine.timeout_seconds {
        Some(Dynamic::Literal(seconds)) if !(1..=crate::limits::MAX_SECONDS).contains(seconds) => Some(format!(
            "`TimeoutSeconds` of the state machine must be between 1 and {}, found {seconds}",
            crate::limits::MAX_SECONDS
        )),
        Some(Dynamic::Path(_) | Dynamic::Jsonata(_)) => Some(
            "`TimeoutSeconds` of the state machine must be a number: the top level has no `TimeoutSecondsPath` and evaluates no JSONata".to_owned(),
        ),
        _ => None,
    };
    if let Some(message) = timeout_problem {
        issues.push(BuildIssue::new(
            BuildIssueKind::InvalidValue,
            "/TimeoutSeconds".to_owned(),
            None,
            message,
        ));
    }
    issues
}
