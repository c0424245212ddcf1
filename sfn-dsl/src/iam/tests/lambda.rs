//! `lambda:invoke` with the forms of `FunctionName` Lambda takes.

use super::{allow, document, expected};

fn invoke(function_name: &str) -> serde_json::Value {
    document(&format!(
        r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {{"FunctionName": "{function_name}", "Payload.$": "$"}}, "End": true}}"#
    ))
}

#[test]
fn a_name_with_an_alias() {
    assert_eq!(
        invoke("f3:live"),
        expected(
            &[allow(
                &["lambda:InvokeFunction"],
                &["arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f3:live"]
            )],
            &[]
        )
    );
}

#[test]
fn a_partial_arn() {
    assert_eq!(
        invoke("123456789012:function:f6"),
        expected(
            &[allow(
                &["lambda:InvokeFunction"],
                &[
                    "arn:aws:lambda:${AWS::Region}:123456789012:function:f6",
                    "arn:aws:lambda:${AWS::Region}:123456789012:function:f6:*"
                ]
            )],
            &[]
        )
    );
}

#[test]
fn a_substitution_with_an_alias_grants_only_the_alias() {
    assert_eq!(
        invoke("${FnArn}:live"),
        expected(
            &[allow(&["lambda:InvokeFunction"], &["${FnArn}:live"])],
            &[]
        )
    );
}
