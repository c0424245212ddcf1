//! Amazon EventBridge `events:putEvents`, after the CDK's `EventBridgePutEvents`
//! (`eventbridge/put-events.ts`).

use super::named;
use crate::iam::Grants;
use crate::iam::field::{Field, every_field};
use crate::model::Payload;

const PUT_EVENTS: &[&str] = &["events:PutEvents"];

/// `events:PutEvents` on the bus of every entry; an entry that names no bus goes to the
/// account's default bus.
pub(super) fn put_events(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    let mut buses = Vec::new();
    every_field(payload, &["Entries", "EventBusName"], &mut buses);
    let mut listed = false;
    for bus in buses {
        let name = match bus {
            Field::Literal(name) => name,
            Field::Absent => "default".to_owned(),
            Field::Dynamic if listed => continue,
            Field::Dynamic => {
                listed = true;
                grants.unresolved(
                    state,
                    PUT_EVENTS,
                    "an entry's `EventBusName` (or the `Entries` around it) is computed at run time",
                );
                continue;
            }
        };
        let arn = named(grants.deployment, partition, "events", "event-bus/")(&name);
        grants.allow(PUT_EVENTS, arn.into_iter().collect());
    }
}
