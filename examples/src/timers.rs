//! Timers: let things settle, wait for the reminder time from the input, remind the team
//! twice twelve hours apart, wait for the launch time, then run the launch with a
//! thirty-minute deadline; the output is the launch task's result. The same workflow as
//! `macros::timers`.

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
        sns::Publish::new(
            "${LaunchTopicArn}",
            Arg::intrinsic("States.Format('{} launches at {}', $.name, $.launchAt)"),
        )
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
        FailState::builder("Launch too slow")
            .error(ErrorName::custom("Launch.TimedOut"))
            .cause_path("States.Format('{} did not finish in 30 minutes', $.name)"),
    );
    let flow = timers::delay("Settle", 60)
        .next(timers::wait_until("Until reminder time", "$.reminderAt"))
        .next(Reminders::new("Reminder", reminder).every(43_200).times(2))
        .next(timers::wait_until("Until launch time", "$.launchAt"))
        .next(launch)
        .next(SucceedState::builder("Launched").output_path("$.launch"));
    let machine = StateMachine::builder()
        .comment("A scheduled launch with reminders and a deadline")
        .start(flow)
        .build()?;
    Ok(machine)
}
