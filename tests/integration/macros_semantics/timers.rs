//! Timers (`examples/src/macros/timers.rs` and its builder twin `examples/src/timers.rs`):
//! wait a minute, wait until the reminder time, remind the team twelve and twenty-four
//! hours later, wait until the launch time, then launch with a thirty-minute deadline
//! (`Launch.TimedOut`).
//!
//! Executions start at 2024-01-01T00:00:00Z (`sfn_local`'s fixed start).

use std::time::Duration;

use serde_json::{Value, json};
use sfn_local::Response;

use super::twins::Twins;
use super::world::{Run, World};

const NOTIFY: &str = "arn:aws:states:::sns:publish";
const LAUNCH: &str = "arn:aws:states:::ecs:runTask";

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

fn twins() -> Twins {
    Twins::new(
        sfn_examples::macros::timers::definition(),
        sfn_examples::timers::definition(),
    )
}

fn launch(reminder_at: &str, launch_at: &str) -> Value {
    json!({"name": "Apollo", "reminderAt": reminder_at, "launchAt": launch_at})
}

fn services() -> World {
    World::new()
        .returns(NOTIFY, json!({"MessageId": "M-1"}))
        .returns(LAUNCH, json!({"TaskArn": "arn:aws:ecs:task/T-1"}))
}

/// Runs both twins; returns the macro run (the builder run behaved the same).
fn execute(world: &World, input: &Value) -> Run {
    execute_both(world, input).0
}

fn execute_both(world: &World, input: &Value) -> (Run, Run) {
    twins().run(world, input)
}

const STATES: [&str; 10] = [
    "Wait1Minute",
    "WaitUntilReminderAt",
    "CheckReminders",
    "Wait12Hours",
    "NotifyTeam",
    "CheckReminders",
    "Wait12Hours",
    "NotifyTeam",
    "CheckReminders",
    "WaitUntilLaunchAt",
];

const BUILDER_STATES: [&str; 8] = [
    "Settle",
    "Until reminder time",
    "Reminder 1: wait",
    "Reminder 1: Notify team",
    "Reminder 2: wait",
    "Reminder 2: Notify team",
    "Until launch time",
    "Launch",
];

fn launch_request() -> Value {
    json!({
        "Cluster": "${ClusterArn}",
        "TaskDefinition": "${LaunchTaskDefinitionArn}",
        "LaunchType": "FARGATE",
        "NetworkConfiguration": {"AwsvpcConfiguration": {
            "Subnets": ["${SubnetA}", "${SubnetB}"],
            "SecurityGroups": ["${SecurityGroup}"],
        }},
    })
}

#[test]
fn waits_advance_the_clock_by_the_right_amounts() {
    let input = launch("2024-01-02T00:00:00Z", "2024-01-03T12:00:00Z");
    let (run, builder) = execute_both(&services(), &input);
    run.assert_output(&json!({"TaskArn": "arn:aws:ecs:task/T-1"}));
    let mut states = STATES.to_vec();
    states.push("RunLaunch");
    assert_eq!(run.states(), states);
    let mut states = BUILDER_STATES.to_vec();
    states.push("Launched");
    assert_eq!(builder.states(), states);
    // Reminders twelve and twenty-four hours after the reminder time; the launch at its
    // time.
    assert_eq!(run.times_of(NOTIFY), [DAY + 12 * HOUR, 2 * DAY]);
    assert_eq!(run.times_of(LAUNCH), [2 * DAY + 12 * HOUR]);
    assert_eq!(run.seconds(), u64::try_from(2 * DAY + 12 * HOUR).unwrap());
    let reminder = json!({
        "TopicArn": "${LaunchTopicArn}",
        "Subject": "Launch reminder",
        "Message": "Apollo launches at 2024-01-03T12:00:00Z",
    });
    assert_eq!(run.inputs_of(NOTIFY), [&reminder, &reminder]);
    assert_eq!(run.inputs_of(LAUNCH), [&launch_request()]);
}

#[test]
fn times_in_the_past_do_not_wait() {
    // Both timestamps already passed: only the minute and the twelve-hour gaps remain.
    let input = launch("2023-12-01T00:00:00Z", "2023-12-02T00:00:00Z");
    let run = execute(&services(), &input);
    run.assert_output(&json!({"TaskArn": "arn:aws:ecs:task/T-1"}));
    assert_eq!(run.times_of(NOTIFY), [60 + 12 * HOUR, 60 + 24 * HOUR]);
    assert_eq!(run.times_of(LAUNCH), [60 + 24 * HOUR]);
}

#[test]
fn a_launch_time_before_the_reminders_end_launches_right_after_them() {
    let input = launch("2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z");
    let run = execute(&services(), &input);
    assert_eq!(run.times_of(NOTIFY), [13 * HOUR, 25 * HOUR]);
    assert_eq!(run.times_of(LAUNCH), [25 * HOUR]);
}

#[test]
fn a_launch_within_its_thirty_minutes_succeeds() {
    let world = services().sequence(
        LAUNCH,
        [Response::from(json!({"TaskArn": "T-2"})).after(Duration::from_mins(29))],
    );
    let run = execute(
        &world,
        &launch("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
    );
    run.assert_output(&json!({"TaskArn": "T-2"}));
    assert_eq!(
        run.seconds(),
        u64::try_from(60 + 24 * HOUR + 29 * 60).unwrap()
    );
}

#[test]
fn a_launch_past_its_deadline_is_launch_timed_out() {
    let world = services().sequence(
        LAUNCH,
        [Response::from(json!({"TaskArn": "T-2"})).after(Duration::from_mins(31))],
    );
    let (run, builder) = execute_both(
        &world,
        &launch("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
    );
    run.assert_failed("Launch.TimedOut", "Apollo did not finish in 30 minutes");
    let mut states = STATES.to_vec();
    states.extend(["RunLaunch", "LaunchTimedOut"]);
    assert_eq!(run.states(), states);
    let mut states = BUILDER_STATES.to_vec();
    states.push("Launch too slow");
    assert_eq!(builder.states(), states);
    assert_eq!(
        run.seconds(),
        u64::try_from(60 + 24 * HOUR + 30 * 60).unwrap()
    );
}

#[test]
fn other_launch_errors_propagate_unchanged() {
    let world = services().throws(LAUNCH, "ECS.AmazonECSException", "no capacity");
    let run = execute(
        &world,
        &launch("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
    );
    run.assert_failed("ECS.AmazonECSException", "no capacity");
    assert_eq!(run.states().last(), Some(&"RunLaunch"));
}

#[test]
fn a_failed_reminder_stops_the_workflow() {
    let world = services().sequence(
        NOTIFY,
        [
            Response::from(json!({"MessageId": "M-1"})),
            Response::throw("SNS.NotFound", "topic deleted"),
        ],
    );
    let run = execute(
        &world,
        &launch("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
    );
    run.assert_failed("SNS.NotFound", "topic deleted");
    assert_eq!(run.times_of(NOTIFY), [60 + 12 * HOUR, 60 + 24 * HOUR]);
    assert!(run.inputs_of(LAUNCH).is_empty());
}

#[test]
fn a_reminder_time_that_is_not_a_timestamp_fails_the_wait() {
    // The one place the twins differ: a bad timestamp is a JSONata error in the macro
    // workflow and a JSONPath one in the builder's, as AWS names them.
    let input = launch("tomorrow", "2024-01-03T12:00:00Z");
    let macros = services().run(&sfn_examples::macros::timers::definition().unwrap(), &input);
    assert_eq!(
        macros.execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert_eq!(macros.states(), ["Wait1Minute", "WaitUntilReminderAt"]);
    let builder = services().run(&sfn_examples::timers::definition().unwrap(), &input);
    assert_eq!(builder.execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(builder.states(), ["Settle", "Until reminder time"]);
    assert!(macros.calls.is_empty() && builder.calls.is_empty());
}
