//! Checking a mocked Task result against its service's response shape, as AWS's
//! `TestState` does with `fieldValidationMode` `STRICT` (the default) or `PRESENT`: the
//! optimized integrations' shapes are in [`catalog`], the AWS SDK integrations' in
//! [`sdk`]. Fields a shape does not name are allowed, as AWS allows them.

mod catalog;
mod sdk;

use serde_json::Value;
use sfn_dsl::model::{IntegrationFamily, IntegrationPattern, Resource};

use catalog::{Field, Known, Shape, shape_of};

/// How a mocked result is checked, as the `TestState` API's `mock.fieldValidationMode`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::test_state::{FieldValidation, StateTest, TestStateError};
///
/// let invoke = r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "f"}, "End": true}"#;
/// let refused = StateTest::state(invoke)?.mock_result(json!({"StatusCode": "200"})).run();
/// assert!(matches!(&refused, Err(TestStateError::InvalidMock(message))
///     if message == "Mock result schema validation error: Field 'StatusCode' must be a number"));
/// let taken = StateTest::state(invoke)?
///     .mock_result(json!({"StatusCode": "200"}))
///     .field_validation(FieldValidation::None)
///     .run()?;
/// assert_eq!(taken.output, Some(json!({"StatusCode": "200"})));
/// # Ok::<(), TestStateError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldValidation {
    /// The fields the API requires must be there, and every field the shape names must
    /// have its type (AWS's default).
    #[default]
    Strict,
    /// Only the fields that are there are checked.
    Present,
    /// The mock is taken as it is.
    None,
}

/// Checks a mocked `result` of a Task calling `resource`; the message is AWS's.
pub(super) fn check(
    resource: &Resource,
    result: &Value,
    mode: FieldValidation,
) -> Result<(), String> {
    if mode == FieldValidation::None {
        return Ok(());
    }
    let Resource::Integration(call) = resource else {
        return Ok(());
    };
    let checked = match shape_of(call) {
        Some(Known::Fields(fields)) => object(fields, result, mode),
        Some(Known::Model { service, action }) => {
            sdk::check(service, action, result, mode).unwrap_or(Ok(()))
        }
        None if call.family == IntegrationFamily::AwsSdk
            && call.pattern == IntegrationPattern::RequestResponse =>
        {
            sdk::check(&call.service, &call.action, result, mode).unwrap_or(Ok(()))
        }
        None => Ok(()),
    };
    checked.map_err(|problem| format!("Mock result schema validation error: {problem}"))
}

/// Checks a result against fields written in [`catalog`].
fn object(fields: &[Field], value: &Value, mode: FieldValidation) -> Result<(), String> {
    let Some(members) = value.as_object() else {
        return Err("the result must be a JSON object".to_owned());
    };
    for field in fields {
        match (members.get(field.name), field.shape) {
            (None, _) if field.required && mode == FieldValidation::Strict => {
                return Err(format!("Required field '{}' is missing", field.name));
            }
            (None | Some(_), Shape::Any)
            | (None, _)
            | (Some(Value::String(_)), Shape::String)
            | (Some(Value::Number(_)), Shape::Number) => {}
            (Some(_), Shape::String) => {
                return Err(format!("Field '{}' must be a string", field.name));
            }
            (Some(_), Shape::Number) => {
                return Err(format!("Field '{}' must be a number", field.name));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use sfn_dsl::model::Resource;

    use super::{FieldValidation, check};

    fn resource(arn: &str) -> Resource {
        let machine = sfn_dsl::StateMachine::from_json(&format!(
            r#"{{"StartAt": "T", "States": {{"T": {{"Type": "Task", "Resource": "{arn}", "End": true}}}}}}"#
        ))
        .expect("a machine");
        match machine.states.get("T") {
            Some(sfn_dsl::model::State::Task(task)) => task.resource.clone(),
            _ => unreachable!("a Task"),
        }
    }

    #[test]
    fn nested_fields_required_fields_and_modes() {
        let events = resource("arn:aws:states:::events:putEvents");
        let nested = json!({"Entries": [{"EventId": "a"}, {"EventId": ["b"]}]});
        assert_eq!(
            check(&events, &nested, FieldValidation::Strict),
            Err("Mock result schema validation error: Field 'EventId' must be a string".into())
        );
        assert_eq!(
            check(&events, &json!({"random": 1}), FieldValidation::Strict),
            Ok(())
        );
        let start = resource("arn:aws:states:::states:startExecution");
        assert_eq!(
            check(&start, &json!({}), FieldValidation::Strict),
            Err(
                "Mock result schema validation error: Required field 'ExecutionArn' is missing"
                    .into()
            )
        );
        assert_eq!(check(&start, &json!({}), FieldValidation::Present), Ok(()));
        assert_eq!(
            check(
                &start,
                &json!({"StartDate": true}),
                FieldValidation::Present
            ),
            Err("Mock result schema validation error: Field 'StartDate' must be a string".into())
        );
        assert_eq!(
            check(&start, &json!({"StartDate": true}), FieldValidation::None),
            Ok(())
        );
        // `.sync` results, callbacks and services without a vendored model are taken as
        // they are.
        let sync = resource("arn:aws:states:::states:startExecution.sync:2");
        assert_eq!(check(&sync, &json!({}), FieldValidation::Strict), Ok(()));
        let unknown = resource("arn:aws:states:::aws-sdk:ec2:describeInstances");
        assert_eq!(
            check(
                &unknown,
                &json!({"Reservations": 1}),
                FieldValidation::Strict
            ),
            Ok(())
        );
        let callback = resource("arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken");
        assert_eq!(
            check(
                &callback,
                &json!({"ContentLength": "9"}),
                FieldValidation::Strict
            ),
            Ok(())
        );
        // AWS SDK integrations are checked against the service's API model.
        let sdk = resource("arn:aws:states:::aws-sdk:s3:getObject");
        assert_eq!(
            check(
                &sdk,
                &json!({"ContentLength": "9"}),
                FieldValidation::Strict
            ),
            Err(
                "Mock result schema validation error: Field 'ContentLength' must be a number"
                    .into()
            )
        );
    }

    #[test]
    fn keys_are_upper_cased_members_and_timestamps_strings() {
        // Keys are the model's members with their first letter upper-cased; timestamps are
        // strings.
        let ecs = resource("arn:aws:states:::ecs:runTask");
        let task = json!({"Tasks": [{"TaskArn": "arn", "CreatedAt": "2024-01-01T00:00:00Z",
            "EnableExecuteCommand": false, "Version": 1}], "Failures": []});
        assert_eq!(check(&ecs, &task, FieldValidation::Strict), Ok(()));
        assert_eq!(
            check(
                &ecs,
                &json!({"Tasks": [{"CreatedAt": 1}]}),
                FieldValidation::Strict
            ),
            Err("Mock result schema validation error: Field 'CreatedAt' must be a string".into())
        );
        assert_eq!(
            check(
                &ecs,
                &json!({"Tasks": [{"EnableExecuteCommand": "yes"}]}),
                FieldValidation::Strict
            ),
            Err(
                "Mock result schema validation error: Field 'EnableExecuteCommand' must be a boolean"
                    .into()
            )
        );
        let batch = resource("arn:aws:states:::batch:submitJob");
        assert_eq!(
            check(&batch, &json!({"JobName": "n"}), FieldValidation::Strict),
            Err("Mock result schema validation error: Required field 'JobId' is missing".into())
        );
        let training = resource("arn:aws:states:::sagemaker:createTrainingJob");
        assert_eq!(
            check(&training, &json!({}), FieldValidation::Strict),
            Err(
                "Mock result schema validation error: Required field 'TrainingJobArn' is missing"
                    .into()
            )
        );
        let sns = resource("arn:aws:states:::sns:publish");
        assert_eq!(
            check(&sns, &json!({"MessageId": 7}), FieldValidation::Strict),
            Err("Mock result schema validation error: Field 'MessageId' must be a string".into())
        );
        // AWS lets SQS's digests through whatever they hold.
        let sqs = resource("arn:aws:states:::sqs:sendMessage");
        assert_eq!(
            check(
                &sqs,
                &json!({"MD5OfMessageBody": {"unexpected": ["object"]}}),
                FieldValidation::Strict
            ),
            Ok(())
        );
    }
}
