//! [`Polling`]: submit a job, then wait and check its status until it finishes, a bounded
//! number of times.

use serde_json::json;

use crate::builder::{Arg, Chain, NodeState, PassStateBuilder, Problem, Request, Rule};
use crate::error::BuildIssueKind;
use crate::model::{
    ChoiceState, Dynamic, ErrorName, FailState, PassState, QueryLanguage, StateName, WaitState,
};

/// A polling loop: `submit` starts a job, then the loop waits, runs `check`, counts the
/// attempt and decides:
///
/// 1. [`succeeded_when`](Self::succeeded_when) holds: continue (through a Pass state
///    `<name>: done`) with whatever follows;
/// 2. [`failed_when`](Self::failed_when) holds: the [failure chain](Self::on_failure)
///    (by default a Fail state `<name>: failed`);
/// 3. [`max_attempts`](Self::max_attempts) checks were made: the
///    [give-up chain](Self::on_gave_up) (by default a Fail state `<name>: gave up`);
/// 4. otherwise: wait again.
///
/// In JSONPath (the default) the attempt count is kept in the input at
/// `$.<counter-field>.attempts` (field `poll` by default), so `check` must keep its input
/// (use a `ResultPath` such as `$.status`). In JSONata
/// ([`query_language`](Self::query_language)) it is kept in a variable of the same name
/// (`$poll.attempts`), and the input passes through the counting state untouched: the
/// rules read `check`'s output, and the next `check` gets it as its input (keep what it
/// needs in variables, such as the job id `submit` returned).
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::Polling;
/// use sfn_dsl::prelude::*;
///
/// let export = Polling::new(
///     "Export",
///     TaskState::lambda_invoke("Start export", "start-export").result_path("$.job"),
///     TaskState::lambda_invoke("Get export status", "export-status").result_path("$.status"),
/// )
/// .interval_seconds(60)
/// .max_attempts(30)
/// .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
/// .failed_when(Rule::string_equals("$.status.Payload.state", "FAILED"));
/// let machine = StateMachine::builder().start(export).build()?;
/// let decide = &machine.to_value()["States"]["Export: finished?"];
/// assert_eq!(decide["Choices"][2]["NumericGreaterThanEquals"], 30);
/// assert_eq!(decide["Default"], "Export: wait");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// The same loop in a JSONata machine, keeping the job id in a variable:
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::patterns::Polling;
/// use sfn_dsl::prelude::*;
///
/// let export = Polling::new(
///     "Export",
///     TaskState::lambda_invoke("Start export", "start-export")
///         .assign("jobId", Arg::result_field("Payload.jobId")),
///     TaskState::call(
///         "Get export status",
///         lambda::Invoke::function("export-status").payload(Arg::var("jobId")),
///     ),
/// )
/// .query_language(QueryLanguage::Jsonata)
/// .succeeded_when(Rule::jsonata("$states.input.Payload.state = 'DONE'"))
/// .failed_when(Rule::jsonata("$states.input.Payload.state = 'FAILED'"));
/// let machine = StateMachine::builder()
///     .query_language(QueryLanguage::Jsonata)
///     .start(export)
///     .build()?;
/// let states = &machine.to_value()["States"];
/// assert_eq!(states["Export: start"]["Assign"], json!({"poll": {"attempts": 0}}));
/// assert_eq!(
///     states["Export: count attempt"]["Assign"],
///     json!({"poll": {"attempts": "{% $poll.attempts + 1 %}"}})
/// );
/// assert_eq!(
///     states["Export: finished?"]["Choices"][2]["Condition"],
///     "{% $poll.attempts >= 10 %}"
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Polling {
    name: String,
    submit: Chain,
    check: Chain,
    interval: Dynamic<u64>,
    max_attempts: u64,
    field: String,
    language: QueryLanguage,
    succeeded: Option<Rule>,
    failed: Option<Rule>,
    on_failure: Option<Chain>,
    on_gave_up: Option<Chain>,
}

impl Polling {
    /// A loop named `name` (the prefix of its generated states) that runs `submit` once,
    /// then `check` until the job finishes; by default every 30 seconds, at most 10 times.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Job: wait"]["Seconds"], 30);
    /// assert_eq!(states["Job: finished?"]["Choices"][1]["NumericGreaterThanEquals"], 10);
    /// assert_eq!(states["Job: finished?"]["Default"], "Job: wait");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(name: impl Into<String>, submit: impl Into<Chain>, check: impl Into<Chain>) -> Self {
        Self {
            name: name.into(),
            submit: submit.into(),
            check: check.into(),
            interval: Dynamic::Literal(30),
            max_attempts: 10,
            field: "poll".to_owned(),
            language: QueryLanguage::JsonPath,
            succeeded: None,
            failed: None,
            on_failure: None,
            on_gave_up: None,
        }
    }

    /// The wait before each check.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    ///     .interval_seconds(Dynamic::path("$.job.Payload.pollSeconds"));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Job: wait"]["SecondsPath"], "$.job.Payload.pollSeconds");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn interval_seconds(mut self, seconds: impl Into<Dynamic<u64>>) -> Self {
        self.interval = seconds.into();
        self
    }

    /// How many checks to make before giving up (at least 1: `build()` reports 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    ///     .max_attempts(3);
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Job: finished?"]["Choices"][1]["NumericGreaterThanEquals"], 3);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The input field (JSONPath) or variable (JSONata) holding the attempt count (`poll`
    /// by default): a plain name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    ///     .counter_field("tries");
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Job: finished?"]["Choices"][1]["Variable"], "$.tries.attempts");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn counter_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The query language the loop's states are written for (JSONPath by default); use
    /// the machine's. The rules given to [`succeeded_when`](Self::succeeded_when) and
    /// [`failed_when`](Self::failed_when) must be written for it too.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let poll = Polling::new("Job", PassState::builder("Submit"), PassState::builder("Check"))
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .succeeded_when(Rule::jsonata("$states.input.state = 'DONE'"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(poll)
    ///     .build()?;
    /// assert_eq!(machine.to_value()["States"]["Job: start"]["Assign"], json!({"poll": {"attempts": 0}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.language = language;
        self
    }

    /// The rule that says the job finished successfully (required: `build()` reports a
    /// loop without one).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// let succeeded = &states["Job: finished?"]["Choices"][0];
    /// assert_eq!(succeeded["StringEquals"], "DONE");
    /// assert_eq!(succeeded["Next"], "Job: done");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn succeeded_when(mut self, rule: impl Into<Rule>) -> Self {
        self.succeeded = Some(rule.into());
        self
    }

    /// The rule that says the job failed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    ///     .failed_when(Rule::string_equals("$.status.Payload.state", "FAILED"));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// let failed = &states["Job: finished?"]["Choices"][1];
    /// assert_eq!(failed["StringEquals"], "FAILED");
    /// assert_eq!(failed["Next"], "Job: failed");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn failed_when(mut self, rule: impl Into<Rule>) -> Self {
        self.failed = Some(rule.into());
        self
    }

    /// What happens when the job failed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    ///     .failed_when(Rule::string_equals("$.status.Payload.state", "FAILED"))
    ///     .on_failure(PassState::builder("Clean up").next(FailState::builder("Broken")));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Job: finished?"]["Choices"][1]["Next"], "Clean up");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn on_failure(mut self, chain: impl Into<Chain>) -> Self {
        self.on_failure = Some(chain.into());
        self
    }

    /// What happens after the last attempt.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Polling;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = TaskState::lambda_invoke("Submit", "submit").result_path("$.job");
    /// let check = TaskState::lambda_invoke("Check", "check").result_path("$.status");
    /// let poll = Polling::new("Job", submit, check)
    ///     .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    ///     .on_gave_up(FailState::builder("Too slow"));
    /// let machine = StateMachine::builder().start(poll).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Job: finished?"]["Choices"][1]["Next"], "Too slow");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn on_gave_up(mut self, chain: impl Into<Chain>) -> Self {
        self.on_gave_up = Some(chain.into());
        self
    }
}

impl From<Polling> for Chain {
    fn from(polling: Polling) -> Self {
        let Polling {
            name,
            submit,
            check,
            interval,
            max_attempts,
            field,
            language,
            succeeded,
            failed,
            on_failure,
            on_gave_up,
        } = polling;
        let mut check = check;
        if language == QueryLanguage::JsonPath {
            keeps_counter(&mut check, &field);
        }
        let wait_name = StateName::new(format!("{name}: wait"));
        let counter = Counter {
            field: &field,
            language,
        };
        let mut start = Chain::from(counter.start(PassState::builder(format!("{name}: start"))));
        // In JSONata the counter is a variable, whose name `build()` checks as such.
        if language == QueryLanguage::JsonPath
            && let (Some(problem), Some(node)) = (
                super::field_name_problem("Polling::counter_field", "poll", &field, "/ResultPath"),
                start.nodes.first_mut(),
            )
        {
            node.problems.push(problem);
        }
        let count = counter.count(PassState::builder(format!("{name}: count attempt")));
        let succeeded = succeeded.unwrap_or_else(|| {
            let mut rule = counter.placeholder_rule();
            rule.problems.push(
                "a polling loop needs `.succeeded_when(rule)` to know when the job is done"
                    .to_owned(),
            );
            rule
        });
        let mut decide = ChoiceState::builder(format!("{name}: finished?"))
            .when(succeeded, PassState::builder(format!("{name}: done")));
        if let Some(failed) = failed {
            decide = decide.when(
                failed,
                on_failure.unwrap_or_else(|| {
                    FailState::builder(format!("{name}: failed"))
                        .error(ErrorName::custom("Job.Failed"))
                        .cause("the job reported a failure")
                        .into()
                }),
            );
        }
        let mut gave_up = counter.at_least(max_attempts);
        if max_attempts == 0 {
            // The loop checks before it can count: zero checks cannot be kept.
            gave_up.problems.push(
                "a polling loop checks at least once: `.max_attempts(n)` takes n of 1 or more"
                    .to_owned(),
            );
        }
        let decide = decide
            .when(
                gave_up,
                on_gave_up.unwrap_or_else(|| {
                    FailState::builder(format!("{name}: gave up"))
                        .error(ErrorName::custom("Job.Unfinished"))
                        .cause(format!(
                            "the job did not finish after {max_attempts} checks"
                        ))
                        .into()
                }),
            )
            .otherwise(Chain::goto(wait_name.clone()));
        let round = WaitState::builder(wait_name)
            .seconds(interval)
            .next(check)
            .next(count)
            .next(decide);
        submit.next(start).next(round)
    }
}

/// Reports the check's Task, Parallel and Map states without a `ResultPath`: in JSONPath their
/// result would replace the input, and the attempt counter kept in it at `$.<field>` with it.
fn keeps_counter(check: &mut Chain, field: &str) {
    for node in check.nodes.iter_mut().filter(|node| !node.handler) {
        let result_path = match &node.state {
            NodeState::Task(task) => &task.result_path,
            NodeState::Parallel(parallel, _) => &parallel.result_path,
            NodeState::Map(map, _) => &map.result_path,
            _ => continue,
        };
        if result_path.is_none() {
            node.problems.push(
                Problem::new(
                    BuildIssueKind::InvalidValue,
                    "",
                    format!(
                        "the check of a JSONPath polling loop replaces its input, and the attempt \
                         counter kept in it at `$.{field}`, with its result"
                    ),
                )
                .with_hint(
                    "put the result in a field of its own, such as `.result_path(\"$.status\")`",
                ),
            );
        }
    }
}

/// The attempt counter, in the input (JSONPath) or in a variable (JSONata).
struct Counter<'a> {
    field: &'a str,
    language: QueryLanguage,
}

impl Counter<'_> {
    /// Sets the count to zero.
    fn start(&self, state: PassStateBuilder) -> PassStateBuilder {
        let field = self.field;
        match self.language {
            QueryLanguage::JsonPath => state
                .result(json!({"attempts": 0}))
                .result_path(format!("$.{field}")),
            QueryLanguage::Jsonata => {
                state.assign(field, Arg::object(Request::new().field("attempts", 0)))
            }
        }
    }

    /// Adds one to the count.
    fn count(&self, state: PassStateBuilder) -> PassStateBuilder {
        let field = self.field;
        match self.language {
            QueryLanguage::JsonPath => state
                .parameters(
                    json!({ "attempts.$": format!("States.MathAdd($.{field}.attempts, 1)") }),
                )
                .result_path(format!("$.{field}")),
            QueryLanguage::Jsonata => state.assign(
                field,
                Arg::object(
                    Request::new()
                        .field("attempts", Arg::jsonata(format!("${field}.attempts + 1"))),
                ),
            ),
        }
    }

    /// The count has reached `attempts`.
    fn at_least(&self, attempts: u64) -> Rule {
        let field = self.field;
        match self.language {
            QueryLanguage::JsonPath => {
                Rule::numeric_greater_than_equals(format!("$.{field}.attempts"), attempts)
            }
            QueryLanguage::Jsonata => Rule::jsonata(format!("${field}.attempts >= {attempts}")),
        }
    }

    /// A well-formed rule standing in for the missing success rule, which is reported.
    fn placeholder_rule(&self) -> Rule {
        let field = self.field;
        match self.language {
            QueryLanguage::JsonPath => Rule::is_present(format!("$.{field}.finished"), true),
            QueryLanguage::Jsonata => Rule::literal(false),
        }
    }
}
