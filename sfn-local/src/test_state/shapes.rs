//! The response shapes a mocked Task result is checked against, as AWS's `TestState` does
//! with `fieldValidationMode` `STRICT` (the default) or `PRESENT`: the optimized
//! integrations' request-response results whose shape the service APIs define (Lambda
//! `Invoke`, EventBridge `PutEvents`, Step Functions `StartExecution`, DynamoDB item
//! operations). Fields the shape does not name are allowed, as AWS allows them.

use serde_json::Value;
use sfn_dsl::model::{IntegrationFamily, IntegrationPattern, Resource};

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

/// A JSON shape.
#[derive(Clone, Copy, Debug)]
enum Shape {
    String,
    Number,
    /// Any value (a Lambda `Payload`, a DynamoDB item).
    Any,
    List(&'static Shape),
    Object(&'static [Field]),
}

/// A field of an object shape.
#[derive(Clone, Copy, Debug)]
struct Field {
    name: &'static str,
    shape: Shape,
    required: bool,
}

const fn field(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
    }
}

const fn required(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
    }
}

/// Lambda `Invoke`'s response, as the optimized integration returns it.
const LAMBDA_INVOKE: &[Field] = &[
    field("StatusCode", Shape::Number),
    field("FunctionError", Shape::String),
    field("LogResult", Shape::String),
    field("Payload", Shape::Any),
    field("ExecutedVersion", Shape::String),
];

const PUT_EVENTS_ENTRY: &[Field] = &[
    field("EventId", Shape::String),
    field("ErrorCode", Shape::String),
    field("ErrorMessage", Shape::String),
];

/// EventBridge `PutEvents`' response.
const PUT_EVENTS: &[Field] = &[
    field("FailedEntryCount", Shape::Number),
    field("Entries", Shape::List(&Shape::Object(PUT_EVENTS_ENTRY))),
];

/// Step Functions `StartExecution`'s response (its timestamp as text).
const START_EXECUTION: &[Field] = &[
    required("ExecutionArn", Shape::String),
    required("StartDate", Shape::String),
];

const CAPACITY: &[Field] = &[
    field("ReadCapacityUnits", Shape::Number),
    field("WriteCapacityUnits", Shape::Number),
    field("CapacityUnits", Shape::Number),
];

const CONSUMED_CAPACITY: &[Field] = &[
    field("TableName", Shape::String),
    field("CapacityUnits", Shape::Number),
    field("ReadCapacityUnits", Shape::Number),
    field("WriteCapacityUnits", Shape::Number),
    field("Table", Shape::Object(CAPACITY)),
];

const ITEM_COLLECTION_METRICS: &[Field] = &[
    field("ItemCollectionKey", Shape::Any),
    field("SizeEstimateRangeGB", Shape::List(&Shape::Number)),
];

/// DynamoDB `GetItem`, `PutItem`, `UpdateItem` and `DeleteItem` responses.
const DYNAMODB_ITEM: &[Field] = &[
    field("Item", Shape::Any),
    field("Attributes", Shape::Any),
    field("ConsumedCapacity", Shape::Object(CONSUMED_CAPACITY)),
    field(
        "ItemCollectionMetrics",
        Shape::Object(ITEM_COLLECTION_METRICS),
    ),
];

/// The shape of a request-response result of `resource`, when this module knows it.
fn shape_of(resource: &Resource) -> Option<&'static [Field]> {
    let Resource::Integration(integration) = resource else {
        return None;
    };
    if integration.family != IntegrationFamily::Optimized
        || integration.pattern != IntegrationPattern::RequestResponse
    {
        return None;
    }
    Some(match (&*integration.service, &*integration.action) {
        ("lambda", "invoke") => LAMBDA_INVOKE,
        ("events", "putEvents") => PUT_EVENTS,
        ("states", "startExecution") => START_EXECUTION,
        ("dynamodb", "getItem" | "putItem" | "updateItem" | "deleteItem") => DYNAMODB_ITEM,
        _ => return None,
    })
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
    let Some(fields) = shape_of(resource) else {
        return Ok(());
    };
    object(fields, result, mode)
        .map_err(|problem| format!("Mock result schema validation error: {problem}"))
}

fn object(fields: &[Field], value: &Value, mode: FieldValidation) -> Result<(), String> {
    let Some(members) = value.as_object() else {
        return Err("the result must be a JSON object".to_owned());
    };
    for field in fields {
        match members.get(field.name) {
            Some(member) => conforms(field.name, field.shape, member, mode)?,
            None if field.required && mode == FieldValidation::Strict => {
                return Err(format!("Required field '{}' is missing", field.name));
            }
            None => {}
        }
    }
    Ok(())
}

fn conforms(name: &str, shape: Shape, value: &Value, mode: FieldValidation) -> Result<(), String> {
    match (shape, value) {
        (Shape::Any, _) | (Shape::String, Value::String(_)) | (Shape::Number, Value::Number(_)) => {
            Ok(())
        }
        (Shape::List(element), Value::Array(items)) => items
            .iter()
            .try_for_each(|item| conforms(name, *element, item, mode)),
        (Shape::Object(fields), Value::Object(_)) => object(fields, value, mode),
        (Shape::String, _) => Err(format!("Field '{name}' must be a string")),
        (Shape::Number, _) => Err(format!("Field '{name}' must be a number")),
        (Shape::List(_), _) => Err(format!("Field '{name}' must be an array")),
        (Shape::Object(_), _) => Err(format!("Field '{name}' must be an object")),
    }
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
        // `.sync` results and AWS SDK integrations have shapes this module does not know.
        let sync = resource("arn:aws:states:::states:startExecution.sync:2");
        assert_eq!(check(&sync, &json!({}), FieldValidation::Strict), Ok(()));
        let sdk = resource("arn:aws:states:::aws-sdk:s3:getObject");
        assert_eq!(
            check(
                &sdk,
                &json!({"ContentLength": "9"}),
                FieldValidation::Strict
            ),
            Ok(())
        );
    }
}
