//! `http:invoke`.

use super::{allow, document, expected};

fn endpoint_and_secrets() -> [serde_json::Value; 2] {
    [
        allow(
            &["states:InvokeHTTPEndpoint"],
            &["arn:aws:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"],
        ),
        allow(
            &[
                "secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret",
            ],
            &["arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:events!connection/*"],
        ),
    ]
}

const COMPUTED_CONNECTION: (&str, &[&str], &str) = (
    "T",
    &["events:RetrieveConnectionCredentials"],
    "the connection (`Authentication.ConnectionArn`) is computed at run time",
);

#[test]
fn a_connection_by_arn() {
    let connection = "arn:aws:events:us-east-1:123456789012:connection/api/0f1e";
    let invoke = document(&format!(
        r#"{{"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
            "Parameters": {{"ApiEndpoint": "https://example.com", "Method": "GET",
                           "Authentication": {{"ConnectionArn": "{connection}"}}}}, "End": true}}"#
    ));
    let [endpoint, secrets] = endpoint_and_secrets();
    assert_eq!(
        invoke,
        expected(
            &[
                endpoint,
                allow(&["events:RetrieveConnectionCredentials"], &[connection]),
                secrets
            ],
            &[]
        )
    );
}

#[test]
fn a_jsonata_connection_is_listed() {
    let invoke = document(
        r#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::http:invoke",
            "Arguments": {"ApiEndpoint": "https://example.com", "Method": "GET",
                          "Authentication": {"ConnectionArn": "{% $states.input.conn %}"}}, "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(&endpoint_and_secrets(), &[COMPUTED_CONNECTION])
    );
}

#[test]
fn authentication_from_a_path_is_listed() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
            "Parameters": {"ApiEndpoint": "https://example.com", "Method": "GET", "Authentication.$": "$.auth"},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(&endpoint_and_secrets(), &[COMPUTED_CONNECTION])
    );
}
