//! [`HumanApproval`]: wait for a person's decision through a task token, with heartbeat,
//! timeout and escalation.

use crate::builder::arg::field_path::string_literal;
use crate::builder::{
    Chain, Integration, Request, Rule, SupportsCallback, TaskStateBuilder, marker::Present,
};
use crate::model::{
    Catcher, ChoiceState, ErrorName, FailState, IntegrationPattern, Jsonata, PassState, Payload,
    QueryLanguage, Resource, StateName, TaskState,
};

/// Forces the callback pattern on any integration.
struct Callback<I>(I);

impl<I: Integration> Integration for Callback<I> {
    fn resource(&self) -> Resource {
        self.0
            .resource()
            .with_pattern(IntegrationPattern::WaitForTaskToken)
    }

    fn into_request(self) -> Request {
        self.0.into_request()
    }
}

/// Human approval: a `.waitForTaskToken` task sends the request (an email through SNS, a
/// message on a queue, a Lambda that opens a ticket …) with the task token, and the
/// execution waits until the approver's tool calls `SendTaskSuccess` with the decision.
///
/// - The task waits at most [`timeout_seconds`](Self::timeout_seconds) (default one
///   week); with [`heartbeat_seconds`](Self::heartbeat_seconds) the approver's tool must
///   also call `SendTaskHeartbeat` that often. When either runs out (`States.Timeout` or
///   `States.HeartbeatTimeout`) the execution continues with the
///   [escalation](Self::on_timeout) (by default a Fail state `<name>: timed out`), which
///   receives the input the request had. An escalation that ends (with a Fail or Succeed
///   state, or `.end()`) ends there; one left open continues to the decision check, so
///   it can ask someone else the same question and put the answer at the same field.
/// - The decision is placed in the input at `$.<field>` (default `approval`), and a Choice
///   state `<name>: approved?` checks it with the [approval rule](Self::approved_when)
///   (by default: `$.approval.decision` is present and equals `APPROVED`; a missing
///   decision, as after an escalation that only notified someone, counts as not
///   approved).
/// - Approved, the execution continues through a Pass state `<name>: approved` to
///   whatever follows; otherwise with the [rejection chain](Self::on_rejected) (by
///   default a Fail state `<name>: rejected` with error `Approval.Rejected`).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::patterns::HumanApproval;
/// use sfn_dsl::prelude::*;
///
/// let ask = sns::Publish::new(
///     "${ApprovalTopicArn}",
///     Arg::object(Request::new().field("order", Arg::input_field("orderId")).field("token", Arg::task_token())),
/// );
/// let approval = HumanApproval::new("Manager approval", ask)
///     .heartbeat_seconds(3_600)
///     .timeout_seconds(86_400)
///     .on_timeout(
///         TaskState::call("Escalate", sns::Publish::new("${EscalationTopicArn}", Arg::input()))
///             .next(FailState::builder("Approval timed out").error("Approval.TimedOut")),
///     );
/// let machine = StateMachine::builder()
///     .start(Chain::from(approval).next(SucceedState::builder("Approved")))
///     .build()?;
/// let task = &machine.to_value()["States"]["Manager approval"];
/// assert_eq!(task["Resource"], "arn:aws:states:::sns:publish.waitForTaskToken");
/// assert_eq!(task["HeartbeatSeconds"], 3_600);
/// assert_eq!(task["Catch"][0]["Next"], "Escalate");
/// assert_eq!(machine.to_value()["States"]["Escalate"]["Next"], "Approval timed out");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[must_use]
pub struct HumanApproval {
    name: StateName,
    task: TaskStateBuilder<Present>,
    heartbeat_seconds: Option<u64>,
    timeout_seconds: u64,
    field: String,
    approved: Option<Rule>,
    on_timeout: Option<Chain>,
    on_rejected: Option<Chain>,
    language: QueryLanguage,
}

impl std::fmt::Debug for HumanApproval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HumanApproval")
            .field("name", &self.name)
            .field("task", &self.task)
            .field("timeout_seconds", &self.timeout_seconds)
            .finish_non_exhaustive()
    }
}

impl HumanApproval {
    /// An approval whose callback task is named `name` and makes the call `request`
    /// (its `.waitForTaskToken` form is used; pass the token with
    /// [`Arg::task_token`](crate::builder::Arg::task_token)). Only integrations whose
    /// service supports callbacks ([`SupportsCallback`]) can ask.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask);
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve"]["Resource"], "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
    /// assert_eq!(states["Approve"]["TimeoutSeconds"], 604_800);
    /// assert_eq!(states["Approve: approved?"]["Type"], "Choice");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(name: impl Into<StateName>, request: impl SupportsCallback) -> Self {
        let name = name.into();
        Self {
            task: TaskState::call(name.clone(), Callback(request)),
            name,
            heartbeat_seconds: None,
            timeout_seconds: 7 * 86_400,
            field: "approval".to_owned(),
            approved: None,
            on_timeout: None,
            on_rejected: None,
            language: QueryLanguage::JsonPath,
        }
    }

    /// How often the approver's tool must send a heartbeat. Serialized as
    /// `HeartbeatSeconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).heartbeat_seconds(600);
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve"]["HeartbeatSeconds"], 600);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn heartbeat_seconds(mut self, seconds: u64) -> Self {
        self.heartbeat_seconds = Some(seconds);
        self
    }

    /// How long to wait for the decision (default one week). Serialized as
    /// `TimeoutSeconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).timeout_seconds(86_400);
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve"]["TimeoutSeconds"], 86_400);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn timeout_seconds(mut self, seconds: u64) -> Self {
        self.timeout_seconds = seconds;
        self
    }

    /// The input field the decision is placed in (`approval` by default): a plain name
    /// (letters, digits and `_`, not starting with a digit; `build()` reports another).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).result_field("decision");
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve"]["ResultPath"], "$.decision");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The rule that says the request was approved.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).approved_when(Rule::string_equals("$.approval.verdict", "OK"));
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// let choice = &states["Approve: approved?"]["Choices"][0];
    /// assert_eq!(choice["Variable"], "$.approval.verdict");
    /// assert_eq!(choice["StringEquals"], "OK");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn approved_when(mut self, rule: impl Into<Rule>) -> Self {
        self.approved = Some(rule.into());
        self
    }

    /// What happens when the approver does not answer in time (or misses a heartbeat).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).on_timeout(PassState::builder("Escalate"));
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve"]["Catch"][0]["Next"], "Escalate");
    /// assert_eq!(states["Escalate"]["Next"], "Approve: approved?");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn on_timeout(mut self, escalation: impl Into<Chain>) -> Self {
        self.on_timeout = Some(escalation.into());
        self
    }

    /// What happens when the request is not approved.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).on_rejected(FailState::builder("Denied"));
    /// let machine = StateMachine::builder().start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve: approved?"]["Default"], "Denied");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn on_rejected(mut self, chain: impl Into<Chain>) -> Self {
        self.on_rejected = Some(chain.into());
        self
    }

    /// The query language of the generated states (JSONPath by default); use the
    /// machine's.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::HumanApproval;
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = sqs::SendMessage::new("${Queue}", Arg::task_token());
    /// let approval = HumanApproval::new("Approve", ask).query_language(QueryLanguage::Jsonata);
    /// let machine = StateMachine::builder().query_language(QueryLanguage::Jsonata).start(approval).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Approve"]["Arguments"]["MessageBody"], "{% $states.context.Task.Token %}");
    /// assert!(states["Approve: approved?"]["Choices"][0]["Condition"].is_string());
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.language = language;
        self
    }
}

impl From<HumanApproval> for Chain {
    fn from(approval: HumanApproval) -> Self {
        let HumanApproval {
            name,
            task,
            heartbeat_seconds,
            timeout_seconds,
            field,
            approved,
            on_timeout,
            on_rejected,
            language,
        } = approval;
        let mut task = task.timeout_seconds(timeout_seconds);
        if let Some(heartbeat) = heartbeat_seconds {
            task = task.heartbeat_seconds(heartbeat);
        }
        let (task, approved) = match language {
            QueryLanguage::JsonPath => (
                task.result_path(format!("$.{field}")),
                approved.unwrap_or_else(|| {
                    // A decision path that is missing would fail the execution with
                    // `States.Runtime`; after an escalation that only notified, it is.
                    let decision = format!("$.{field}.decision");
                    Rule::and([
                        Rule::is_present(decision.clone(), true),
                        Rule::string_equals(decision, "APPROVED"),
                    ])
                }),
            ),
            QueryLanguage::Jsonata => (
                task.output(Payload::Jsonata(Jsonata::new(format!(
                    " $merge([$states.input, {{{}: $states.result}}]) ",
                    string_literal(&field)
                )))),
                approved.unwrap_or_else(|| {
                    Rule::jsonata(format!(
                        "{}.decision = \"APPROVED\"",
                        super::jsonata_input_field(&field)
                    ))
                }),
            ),
        };
        let escalation = on_timeout.unwrap_or_else(|| {
            FailState::builder(format!("{name}: timed out"))
                .error(ErrorName::custom("Approval.TimedOut"))
                .cause("no decision arrived in time")
                .into()
        });
        let rejected = on_rejected.unwrap_or_else(|| {
            FailState::builder(format!("{name}: rejected"))
                .error(ErrorName::custom("Approval.Rejected"))
                .cause("the request was not approved")
                .into()
        });
        let decision = ChoiceState::builder(format!("{name}: approved?"))
            .when(approved, PassState::builder(format!("{name}: approved")))
            .otherwise(rejected);
        let mut chain = task
            .catch(
                Catcher::builder([ErrorName::Timeout, ErrorName::HeartbeatTimeout]).keep_input(),
                escalation,
            )
            .next(decision);
        let pointer = match language {
            QueryLanguage::JsonPath => "/ResultPath",
            QueryLanguage::Jsonata => "/Output",
        };
        if let (Some(problem), Some(task)) = (
            super::field_name_problem("HumanApproval::result_field", "approval", &field, pointer),
            chain.nodes.first_mut(),
        ) {
            task.problems.push(problem);
        }
        chain
    }
}
