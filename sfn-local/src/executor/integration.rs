//! Checks AWS makes on the parameters of optimized service integrations before it starts
//! the task: a failure is `States.Runtime`, and no task event is recorded.

use serde_json::Value;

use super::resource::{Family, TaskResource};

/// Why `parameters` cannot start the task, in AWS's words, if they cannot.
///
/// Recorded (`test_invoke_with_headers[singleStringHeader]`): API Gateway's `Headers` must
/// map each name to a list of strings; `{"custom_header": "singleStringHeader"}` fails with
/// `The Parameters '…' could not be used to start the Task: [The value of the field
/// 'Headers' has an invalid format]`.
pub(crate) fn check_parameters(resource: &TaskResource, parameters: &Value) -> Option<String> {
    if resource.family != Family::Task {
        return None;
    }
    let mut problems = Vec::new();
    if resource.resource_type == "apigateway"
        && resource.resource.starts_with("invoke")
        && let Some(headers) = parameters.get("Headers")
        && !is_string_lists(headers)
    {
        problems.push("The value of the field 'Headers' has an invalid format");
    }
    (!problems.is_empty()).then(|| {
        format!(
            "The Parameters '{parameters}' could not be used to start the Task: [{}]",
            problems.join(", ")
        )
    })
}

/// Whether a value maps names to lists of strings.
fn is_string_lists(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.values().all(|list| {
            list.as_array()
                .is_some_and(|items| items.iter().all(Value::is_string))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::check_parameters;
    use crate::executor::resource::TaskResource;
    use serde_json::json;
    use sfn_dsl::model::Resource;

    #[test]
    fn api_gateway_headers_are_lists_of_strings() {
        let invoke = TaskResource::classify(&Resource::parse("arn:aws:states:::apigateway:invoke"));
        assert_eq!(
            check_parameters(&invoke, &json!({"Headers": {"h": ["a", "b"]}})),
            None
        );
        assert_eq!(
            check_parameters(&invoke, &json!({"Headers": {"custom_header": "singleStringHeader"}})),
            Some(r#"The Parameters '{"Headers":{"custom_header":"singleStringHeader"}}' could not be used to start the Task: [The value of the field 'Headers' has an invalid format]"#.to_owned())
        );
        let lambda = TaskResource::classify(&Resource::parse("arn:aws:states:::lambda:invoke"));
        assert_eq!(check_parameters(&lambda, &json!({"Headers": 1})), None);
    }
}
