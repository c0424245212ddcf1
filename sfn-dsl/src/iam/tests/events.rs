//! `events:putEvents`.

use super::{allow, document, expected};

const COMPUTED_BUS: (&str, &[&str], &str) = (
    "T",
    &["events:PutEvents"],
    "an entry's `EventBusName` (or the `Entries` around it) is computed at run time",
);

#[test]
fn named_buses_and_the_default_one_for_entries_without() {
    let put = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
            "Parameters": {"Entries": [{"EventBusName": "orders", "Source": "shop", "Detail": {}},
                                       {"Source": "shop", "Detail": {}}]}, "End": true}"#,
    );
    assert_eq!(
        put,
        expected(
            &[allow(
                &["events:PutEvents"],
                &[
                    "arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/orders",
                    "arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"
                ]
            )],
            &[]
        )
    );
}

#[test]
fn a_jsonata_bus_is_listed() {
    let put = document(
        r#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::events:putEvents",
            "Arguments": {"Entries": [{"EventBusName": "{% $states.input.bus %}", "Source": "shop", "Detail": {}}]},
            "End": true}"#,
    );
    assert_eq!(put, expected(&[], &[COMPUTED_BUS]));
}

#[test]
fn entries_from_a_path_are_listed() {
    let put = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
            "Parameters": {"Entries.$": "$.entries"}, "End": true}"#,
    );
    assert_eq!(put, expected(&[], &[COMPUTED_BUS]));
}
