//! Amazon SNS `sns:publish`, after the CDK's `SnsPublish` (`sns/publish.ts`).

use super::on_field;
use crate::iam::Grants;
use crate::iam::field::{Field, field};
use crate::model::Payload;

const PUBLISH: &[&str] = &["sns:Publish"];

/// `sns:Publish` on the topic or target; an SMS sent to `PhoneNumber` has no ARN to name.
pub(super) fn publish(grants: &mut Grants<'_>, state: &str, payload: Option<&Payload>) {
    let target = ["TopicArn", "TargetArn"]
        .into_iter()
        .find(|name| field(payload, name) != Field::Absent);
    match target {
        Some(name) => {
            on_field(grants, state, payload, name, PUBLISH, |value| {
                Some(value.to_owned())
            });
        }
        // SNS authorizes a message to a phone number against the resource `*`.
        None if field(payload, "PhoneNumber") != Field::Absent => {
            grants.allow(PUBLISH, vec!["*".to_owned()]);
        }
        None => grants.unresolved(
            state,
            PUBLISH,
            "the task input has no `TopicArn`, `TargetArn` or `PhoneNumber`",
        ),
    }
}
