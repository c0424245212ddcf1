//! [`Polling`]: submit a job, then wait and check its status until it finishes, a bounded
//! number of times.

use serde_json::json;

use crate::builder::{Chain, Rule};
use crate::model::{ChoiceState, Dynamic, ErrorName, FailState, PassState, StateName, WaitState};

/// A polling loop (JSONPath): `submit` starts a job, then the loop waits, runs `check`,
/// counts the attempt and decides:
///
/// 1. [`succeeded_when`](Self::succeeded_when) holds: continue (through a Pass state
///    `<name>: done`) with whatever follows;
/// 2. [`failed_when`](Self::failed_when) holds: the [failure chain](Self::on_failure)
///    (by default a Fail state `<name>: failed`);
/// 3. [`max_attempts`](Self::max_attempts) checks were made: the
///    [give-up chain](Self::on_gave_up) (by default a Fail state `<name>: gave up`);
/// 4. otherwise: wait again.
///
/// The attempt count is kept in the input at `$.<name-field>.attempts` (field `poll` by
/// default), so `check` must keep its input (use a `ResultPath` such as `$.status`).
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
#[derive(Clone, Debug)]
#[must_use]
pub struct Polling {
    name: String,
    submit: Chain,
    check: Chain,
    interval: Dynamic<u64>,
    max_attempts: u64,
    field: String,
    succeeded: Option<Rule>,
    failed: Option<Rule>,
    on_failure: Option<Chain>,
    on_gave_up: Option<Chain>,
}

impl Polling {
    /// A loop named `name` (the prefix of its generated states) that runs `submit` once,
    /// then `check` until the job finishes; by default every 30 seconds, at most 10 times.
    pub fn new(name: impl Into<String>, submit: impl Into<Chain>, check: impl Into<Chain>) -> Self {
        Self {
            name: name.into(),
            submit: submit.into(),
            check: check.into(),
            interval: Dynamic::Literal(30),
            max_attempts: 10,
            field: "poll".to_owned(),
            succeeded: None,
            failed: None,
            on_failure: None,
            on_gave_up: None,
        }
    }

    /// The wait before each check.
    pub fn interval_seconds(mut self, seconds: impl Into<Dynamic<u64>>) -> Self {
        self.interval = seconds.into();
        self
    }

    /// How many checks to make before giving up.
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The input field holding the attempt count (`poll` by default): a plain name.
    pub fn counter_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The rule that says the job finished successfully (required: `build()` reports a
    /// loop without one).
    pub fn succeeded_when(mut self, rule: impl Into<Rule>) -> Self {
        self.succeeded = Some(rule.into());
        self
    }

    /// The rule that says the job failed.
    pub fn failed_when(mut self, rule: impl Into<Rule>) -> Self {
        self.failed = Some(rule.into());
        self
    }

    /// What happens when the job failed.
    pub fn on_failure(mut self, chain: impl Into<Chain>) -> Self {
        self.on_failure = Some(chain.into());
        self
    }

    /// What happens after the last attempt.
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
            succeeded,
            failed,
            on_failure,
            on_gave_up,
        } = polling;
        let wait_name = StateName::new(format!("{name}: wait"));
        let start = PassState::builder(format!("{name}: start"))
            .result(json!({"attempts": 0}))
            .result_path(format!("$.{field}"));
        let count = PassState::builder(format!("{name}: count attempt"))
            .parameters(json!({ "attempts.$": format!("States.MathAdd($.{field}.attempts, 1)") }))
            .result_path(format!("$.{field}"));
        let succeeded = succeeded.unwrap_or_else(|| {
            let mut rule = Rule::is_present(format!("$.{field}.finished"), true);
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
        let decide = decide
            .when(
                Rule::numeric_greater_than_equals(format!("$.{field}.attempts"), max_attempts),
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
