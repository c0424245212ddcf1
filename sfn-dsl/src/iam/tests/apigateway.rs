//! `apigateway:invoke`.

use super::{allow, document, expected, policy};
use crate::prelude::*;

#[test]
fn signed_calls_invoke_the_route_written_in_the_definition() {
    let call = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
            "Parameters": {"ApiEndpoint": "a1b2c3.execute-api.eu-west-1.amazonaws.com", "Method": "post",
                           "Stage": "prod", "Path": "orders/pending", "AuthType": "IAM_ROLE",
                           "RequestBody.$": "$.order"},
            "End": true}"#,
    );
    assert_eq!(
        call,
        expected(
            &[allow(
                &["execute-api:Invoke"],
                &[
                    "arn:aws:execute-api:eu-west-1:${AWS::AccountId}:a1b2c3/prod/POST/orders/pending"
                ]
            )],
            &[]
        )
    );
}

#[test]
fn callbacks_with_a_resource_policy_and_unknown_route_parts_use_wildcards() {
    let call = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke.waitForTaskToken",
            "Parameters": {"ApiEndpoint": "https://a1b2c3.execute-api.us-east-1.amazonaws.com", "Method": "ANY",
                           "Stage.$": "$.stage", "AuthType": "RESOURCE_POLICY",
                           "Headers": {"TaskToken.$": "States.Array($$.Task.Token)"}},
            "End": true}"#,
    );
    assert_eq!(
        call,
        expected(
            &[allow(
                &["execute-api:Invoke"],
                &["arn:aws:execute-api:us-east-1:${AWS::AccountId}:a1b2c3/*/*/*"]
            )],
            &[]
        )
    );
}

#[test]
fn unauthenticated_calls_need_nothing() {
    for auth in [r#", "AuthType": "NO_AUTH""#, ""] {
        let call = document(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
                "Parameters": {{"ApiEndpoint": "a1b2c3.execute-api.eu-west-1.amazonaws.com", "Method": "GET"{auth}}},
                "End": true}}"#
        ));
        assert_eq!(call, expected(&[], &[]), "AuthType: {auth:?}");
    }
}

#[test]
fn endpoints_that_name_no_api_are_listed() {
    let substituted = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
            "Parameters": {"ApiEndpoint": "${PaymentsApiEndpoint}", "Method": "POST", "AuthType": "IAM_ROLE"},
            "End": true}"#,
    );
    assert_eq!(
        substituted,
        expected(
            &[],
            &[(
                "T",
                &["execute-api:Invoke"],
                "`ApiEndpoint` is `${PaymentsApiEndpoint}`, which cannot be turned into an ARN"
            )]
        )
    );
    // A computed `AuthType` may sign the call: the permission is needed.
    let jsonata = document(
        r#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::apigateway:invoke",
            "Arguments": {"ApiEndpoint": "{% $states.input.endpoint %}", "Method": "GET",
                          "AuthType": "{% $states.input.auth %}"},
            "End": true}"#,
    );
    assert_eq!(
        jsonata,
        expected(
            &[],
            &[(
                "T",
                &["execute-api:Invoke"],
                "`ApiEndpoint` is computed at run time"
            )]
        )
    );
}

#[test]
fn the_typed_integration_gets_the_same_grant() {
    let call = apigateway::Invoke::new(
        http::Method::Delete,
        "a1b2c3.execute-api.eu-west-1.amazonaws.com",
    )
    .stage("prod")
    .path("/orders")
    .auth_type(apigateway::AuthType::IamRole);
    let machine = StateMachine::builder()
        .start(TaskState::call("Cancel", call))
        .build()
        .expect("valid machine");
    assert_eq!(
        policy(&machine).statements[0].resources,
        ["arn:aws:execute-api:eu-west-1:${AWS::AccountId}:a1b2c3/prod/DELETE/orders"]
    );
}
