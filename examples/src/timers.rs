//! Timers: wait for a launch time from the input, remind the team twice, then run the
//! launch with a deadline.

use serde_json::json;
use sfn_dsl::patterns::{Reminders, timers};
use sfn_dsl::prelude::*;

/// The launch workflow.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let reminder = TaskState::call(
        "Notify team",
        sns::Publish::new("${LaunchTopicArn}", Arg::input_field("announcement"))
            .subject("Launch reminder"),
    )
    .discard_result();
    let launch = timers::deadline(
        TaskState::call(
            "Launch",
            ecs::RunTask::new("${ClusterArn}", "${LaunchTaskDefinitionArn}")
                .fargate(["${SubnetA}", "${SubnetB}"], ["${SecurityGroup}"])
                .wait_for_completion(),
        )
        .result_path("$.launch"),
        1_800,
        PassState::builder("Launch too slow")
            .result(json!({"status": "TIMED_OUT"}))
            .result_path("$.launch")
            .next(FailState::builder("Launch failed").error(ErrorName::custom("Launch.TimedOut"))),
    );
    let flow = timers::delay("Settle", 60)
        .next(timers::wait_until("Until a day before", "$.reminderAt"))
        .next(Reminders::new("Reminder", reminder).every(43_200).times(2))
        .next(timers::wait_until("Until launch time", "$.launchAt"))
        .next(launch)
        .next(SucceedState::builder("Launched"));
    let machine = StateMachine::builder()
        .comment("A scheduled launch with reminders and a deadline")
        .start(flow)
        .build()?;
    Ok(machine)
}
