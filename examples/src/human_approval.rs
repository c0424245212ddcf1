//! Expense approval: a manager approves by answering a task token; if they do not answer
//! in a day (or miss an hourly heartbeat) the request escalates to a director, who has two
//! days. A rejection fails the execution; an approval pays the expense, whose payment is
//! the output. The same workflow as `macros::human_approval`.

use sfn_dsl::patterns::HumanApproval;
use sfn_dsl::prelude::*;

/// An approval step: `approver` is asked through a Lambda function that sends them the
/// expense and the task token, and answers `{"approved": bool, "comment": "…"}`.
fn approval(name: &str, approver: &str, timeout_seconds: u64) -> HumanApproval {
    let ask = lambda::Invoke::function("${RequestApprovalFunctionArn}").payload(Arg::object(
        Request::new()
            .field("approver", approver)
            .field("expense", Arg::input())
            .field("token", Arg::task_token()),
    ));
    HumanApproval::new(name, ask)
        .heartbeat_seconds(3_600)
        .timeout_seconds(timeout_seconds)
        .result_field("decision")
        .approved_when(Rule::boolean_equals("$.decision.approved", true))
        .on_rejected(
            FailState::builder(format!("{name}: rejected"))
                .error(ErrorName::custom("Expense.Rejected"))
                .cause_path("$.decision.comment"),
        )
}

/// The expense approval workflow.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    // The escalation receives the manager's input (the expense), asks the director, and
    // on approval joins the manager's path at the payment.
    let director = approval("Director approval", "director", 2 * 86_400);
    let manager = approval("Manager approval", "manager", 86_400)
        .on_timeout(Chain::from(director).next(Chain::goto("Pay expense")));
    let pay = TaskState::call(
        "Pay expense",
        lambda::Invoke::function("${PayExpenseFunctionArn}")
            .payload(Arg::context("Execution.Input")),
    )
    .output_path("$.Payload")
    .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(3));
    let machine = StateMachine::builder()
        .comment("Expense approval with escalation")
        .start(
            Chain::from(manager)
                .next(pay)
                .next(SucceedState::builder("Paid")),
        )
        .build()?;
    Ok(machine)
}
