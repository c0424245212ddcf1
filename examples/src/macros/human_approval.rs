//! Human approval written with the macros: a manager approves by answering a task token;
//! if they do not answer in a day the request escalates to a director, who has two days.
//! A rejection fails the execution; an approval pays the expense.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::Retry;
use sfn_dsl::{Payload, StateMachine, task, workflow};

/// An expense claim.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Expense {
    /// Who spent.
    pub employee: String,
    /// How much.
    pub amount: f64,
    /// On what.
    pub description: String,
}

/// An approver's answer, sent with `SendTaskSuccess`.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Decision {
    /// Whether the expense is approved.
    pub approved: bool,
    /// The approver's note.
    pub comment: String,
}

/// A payment.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// The transfer id.
    pub transfer_id: String,
}

/// E-mails an approver a link that answers the task token.
#[task(lambda = "${RequestApprovalFunctionArn}", heartbeat_secs = 3600)]
pub fn request_approval(approver: &str, expense: &Expense, token: String) -> Decision;

/// Pays the expense.
#[task(lambda = "${PayExpenseFunctionArn}")]
pub fn pay_expense(expense: &Expense) -> Payment;

/// Expense approval with escalation.
#[workflow]
pub fn human_approval(expense: Expense) -> Payment {
    let decision = match request_approval("manager", &expense, task_token())
        .name("AskManager")
        .wait_for_callback()
        .timeout(Duration::from_hours(24))
    {
        Ok(decision) => decision,
        Err(timeout) if timeout.error == "States.Timeout" => {
            request_approval("director", &expense, task_token())
                .name("AskDirector")
                .wait_for_callback()
                .timeout(Duration::from_hours(48))
        }
        Err(other) => fail!(other.error, other.cause),
    };
    if !decision.approved {
        fail!("Expense.Rejected", decision.comment);
    }
    pay_expense(&expense).retry(
        Retry::on(["Lambda.ServiceException", "Lambda.TooManyRequestsException"]).max_attempts(3),
    )
}

/// The approval workflow's state machine.
///
/// # Errors
///
/// Never in practice: the definition is compiled and checked at build time.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    human_approval::definition()
}
