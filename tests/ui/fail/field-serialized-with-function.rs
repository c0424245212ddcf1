use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

/// Writes seconds as a string, such as `"90s"`.
mod seconds_text {
    pub fn serialize<S: serde::Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{value}s"))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.trim_end_matches('s').parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize, Deserialize, Payload)]
struct Job {
    id: String,
    #[serde(with = "seconds_text")]
    delay: u64,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

/// The JSON holds `"90s"`, not a number: `job.delay > 60` would compare a string.
#[workflow]
fn slow_jobs(job: Job) {
    if job.delay > 60 {
        notify(job.id);
    }
}
fn main() {}
