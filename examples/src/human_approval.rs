//! Expense approval: a manager approves by email; if they do not answer in a day the
//! request escalates to a director, who has two days.

use sfn_dsl::patterns::HumanApproval;
use sfn_dsl::prelude::*;

fn ask(topic: &str) -> sns::Publish {
    sns::Publish::new(
        topic,
        Arg::object(
            Request::new()
                .field("expense", Arg::input_field("expense"))
                .field("taskToken", Arg::task_token()),
        ),
    )
    .subject("Expense approval needed")
}

/// The expense approval workflow.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let director = HumanApproval::new("Director approval", ask("${DirectorApprovalTopicArn}"))
        .heartbeat_seconds(3_600)
        .timeout_seconds(2 * 86_400);
    let manager = HumanApproval::new("Manager approval", ask("${ManagerApprovalTopicArn}"))
        .heartbeat_seconds(3_600)
        .timeout_seconds(86_400)
        .on_timeout(Chain::from(director).next(Chain::goto("Pay expense")));
    let pay = TaskState::lambda_invoke("Pay expense", "${PayExpenseFunctionArn}")
        .result_path("$.payment")
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
