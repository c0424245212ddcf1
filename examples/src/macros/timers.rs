//! Timers written with the macros: let things settle, wait until the reminder time, remind
//! the team twice twelve hours apart, wait for the launch time, then launch with a
//! thirty-minute deadline.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::typed::Timestamp;
use sfn_dsl::{Payload, StateMachine, task, workflow};

/// A scheduled launch.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Launch {
    /// What is launched.
    pub name: String,
    /// When to start reminding.
    pub reminder_at: Timestamp,
    /// When to launch.
    pub launch_at: Timestamp,
}

/// An SNS `Publish` request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct Publish {
    /// The topic.
    pub topic_arn: String,
    /// The subject line.
    pub subject: String,
    /// The text.
    pub message: String,
}

/// An ECS `RunTask` request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct RunTask {
    /// The cluster.
    pub cluster: String,
    /// The task definition.
    pub task_definition: String,
    /// `FARGATE`.
    pub launch_type: String,
}

/// What ECS reports when the task stops.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct TaskResult {
    /// The stopped task's ARN.
    pub task_arn: String,
}

/// Publishes a reminder.
#[task(resource = "arn:aws:states:::sns:publish")]
pub fn notify_team(message: Publish);

/// Runs the launch job and waits for it.
#[task(resource = "arn:aws:states:::ecs:runTask.sync")]
pub fn run_launch(request: RunTask) -> TaskResult;

/// A scheduled launch with reminders and a deadline.
#[workflow]
pub fn timers(launch: Launch) -> TaskResult {
    sleep(Duration::from_secs(60));
    sleep_until(launch.reminder_at);
    let mut reminders = 0;
    while reminders < 2 {
        notify_team(Publish {
            topic_arn: "${LaunchTopicArn}".to_owned(),
            subject: "Launch reminder".to_owned(),
            message: format!("{} launches at {}", launch.name, launch.launch_at),
        });
        sleep(Duration::from_hours(12));
        reminders += 1;
    }
    sleep_until(launch.launch_at);
    match run_launch(RunTask {
        cluster: "${ClusterArn}".to_owned(),
        task_definition: "${LaunchTaskDefinitionArn}".to_owned(),
        launch_type: "FARGATE".to_owned(),
    })
    .timeout(Duration::from_mins(30))
    {
        Ok(result) => result,
        Err(error) if error.error == "States.Timeout" => {
            fail!(
                "Launch.TimedOut",
                format!("{} did not finish in 30 minutes", launch.name)
            )
        }
        Err(other) => fail!(other.error, other.cause),
    }
}

/// The timers workflow's state machine.
///
/// # Errors
///
/// Never in practice: the definition is compiled and checked at build time.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    timers::definition()
}
