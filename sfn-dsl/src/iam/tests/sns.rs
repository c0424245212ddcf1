//! `sns:publish`.

use super::{allow, document, expected};

#[test]
fn an_sms_to_a_phone_number_is_published_on_any_resource() {
    let publish = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {"PhoneNumber": "+15555550100", "Message": "shipped"}, "End": true}"#,
    );
    assert_eq!(publish, expected(&[allow(&["sns:Publish"], &["*"])], &[]));
}

#[test]
fn no_target_at_all_says_which_fields_are_missing() {
    let publish = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {"Message": "shipped"}, "End": true}"#,
    );
    assert_eq!(
        publish,
        expected(
            &[],
            &[(
                "T",
                &["sns:Publish"],
                "the task input has no `TopicArn`, `TargetArn` or `PhoneNumber`"
            )]
        )
    );
}
