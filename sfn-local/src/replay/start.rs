//! What a recorded history fixes about its execution, given to the local run: when it
//! started, its role (and so its account) and its region.
//!
//! `$$.Execution.StartTime`, `$$.State.EnteredTime`, `$$.Execution.RoleArn` and Wait
//! `Timestamp`s read them, so a replay started at the executor's fixed default would
//! diverge wherever the data flow reads them (or wait a year for a recorded timestamp).

use serde_json::Value;

use crate::executor::Executor;
use crate::time::Timestamp;

/// `executor` set up as the recorded execution was: started at the `ExecutionStarted`
/// event's timestamp, with its `roleArn` (whose account it takes), in the region its
/// tasks were scheduled in. What the history does not show keeps the executor's default.
pub(super) fn as_recorded(mut executor: Executor, events: &[Value]) -> Executor {
    let Some(started) = events.first() else {
        return executor;
    };
    if let Some(start) = started.get("timestamp").and_then(timestamp) {
        executor = executor.start_time(start);
    }
    let role = started
        .get("executionStartedEventDetails")
        .and_then(|details| details.get("roleArn"))
        .and_then(Value::as_str);
    if let Some(role) = role {
        if let Some(account) = account_of(role) {
            executor = executor.account(account);
        }
        executor = executor.role_arn(role);
    }
    if let Some(region) = scheduled_region(events) {
        executor = executor.region(region);
    }
    executor
}

/// An event's `timestamp`: RFC 3339 text as the AWS CLI prints it
/// (`2025-06-01T12:00:00.123000+02:00`), or seconds since the epoch as the API's JSON
/// carries it (`1748772000.123`).
fn timestamp(value: &Value) -> Option<Timestamp> {
    match value {
        Value::String(text) => Timestamp::parse_rfc3339(text),
        Value::Number(seconds) => {
            let millis = (seconds.as_f64()? * 1000.0).round();
            // Beyond ±2^53 milliseconds an f64 no longer holds whole milliseconds, and
            // no execution started there.
            (millis.abs() < 9_007_199_254_740_992.0).then(|| {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "a whole number of milliseconds within ±2^53"
                )]
                Timestamp::from_millis(millis as i64)
            })
        }
        _ => None,
    }
}

/// The account of an IAM role ARN (`arn:aws:iam::123456789012:role/Name`).
fn account_of(role: &str) -> Option<&str> {
    let account = role.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|byte| byte.is_ascii_digit())).then_some(account)
}

/// The region the recorded tasks were scheduled in (`taskScheduledEventDetails.region`),
/// when it is a region name rather than a recorder's mask.
fn scheduled_region(events: &[Value]) -> Option<&str> {
    events.iter().find_map(|event| {
        let region = event
            .get("taskScheduledEventDetails")?
            .get("region")?
            .as_str()?;
        (!region.is_empty()
            && region
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-'))
        .then_some(region)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{account_of, timestamp};
    use crate::time::Timestamp;

    #[test]
    fn timestamps_are_read_as_the_cli_and_the_api_write_them() {
        let start = Timestamp::parse_rfc3339("2025-06-01T10:00:00.123Z");
        assert_eq!(timestamp(&json!("2025-06-01T12:00:00.123000+02:00")), start);
        assert_eq!(timestamp(&json!(1_748_772_000.123)), start);
        assert_eq!(timestamp(&json!("timestamp")), None);
    }

    #[test]
    fn the_account_comes_from_the_role() {
        assert_eq!(
            account_of("arn:aws:iam::123456789012:role/Orders"),
            Some("123456789012")
        );
        assert_eq!(account_of("snf_role_arn"), None);
    }
}
