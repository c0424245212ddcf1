//! What a template's deployment writes into its state machines' definitions: the
//! `DefinitionSubstitutions` values, and which `Ref`s give a resource's name rather than
//! its ARN. `sfn iam` needs both to name the resources a definition reaches through them.

use std::collections::HashMap;

use super::intrinsic::{attribute, call, join_parts};
use super::{Template, TemplateStateMachine};
use crate::StateMachine;
use crate::source::{Node, NodeValue};

/// The resource types whose `Ref` gives the resource's name (CloudFormation's "Return
/// values" of each type), among those a Task or a Distributed Map names.
const REF_GIVES_NAME: [&str; 10] = [
    "AWS::DynamoDB::Table",
    "AWS::Serverless::SimpleTable",
    "AWS::Lambda::Function",
    "AWS::Serverless::Function",
    "AWS::Events::EventBus",
    "AWS::Glue::Job",
    "AWS::CodeBuild::Project",
    "AWS::Athena::WorkGroup",
    "AWS::ECS::Cluster",
    "AWS::S3::Bucket",
];

/// What one `${Key}` of the definition becomes.
enum Value {
    /// A string (a literal, or a function's result in `Fn::Sub` syntax: `${Orders.Arn}`).
    Text(String),
    /// A number or boolean written in the template, as JSON.
    Scalar(String),
}

impl Template {
    /// The `${LogicalId}` placeholders of the template's resources whose `Ref` gives the
    /// resource's name (a DynamoDB table, a Lambda function, an event bus, a Glue job, …),
    /// in template order: what [`crate::iam::Deployment::name`] takes.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let template = Template::from_json(r#"{"Resources": {
    ///   "Orders": {"Type": "AWS::DynamoDB::Table"},
    ///   "Alerts": {"Type": "AWS::SNS::Topic"}
    /// }}"#)?;
    /// // `Ref` of a topic gives its ARN.
    /// assert_eq!(template.name_placeholders(), ["${Orders}"]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn name_placeholders(&self) -> Vec<String> {
        let root = self.document.root();
        let Some(resources) = root
            .as_object()
            .and_then(|top| top.get("Resources"))
            .and_then(Node::as_object)
        else {
            return Vec::new();
        };
        resources
            .iter()
            .filter(|member| {
                member
                    .value
                    .as_object()
                    .and_then(|resource| resource.get("Type"))
                    .and_then(Node::as_str)
                    .is_some_and(|kind| REF_GIVES_NAME.contains(&&*kind))
            })
            .map(|member| format!("${{{}}}", member.key))
            .collect()
    }

    /// `definition`, the definition of `machine`, with the values of the machine's
    /// `DefinitionSubstitutions` written in for its `${Key}` placeholders, as the deployment
    /// writes them: a string as it is, a number or boolean bare where the placeholder is a
    /// whole value, and a function as what it gives in `Fn::Sub` syntax (`Ref: Orders` is
    /// `${Orders}`, `Fn::GetAtt: [Charge, Arn]` is `${Charge.Arn}`), the form the template's
    /// own IAM policies are written in; an `Fn::Sub` with its variables written in, an
    /// `Fn::Join` of such parts. A key whose value the deployment chooses (`Fn::If`,
    /// `Fn::Select`, `Fn::ImportValue`, …), an object or a list, and a placeholder no key
    /// names, are left as written.
    ///
    /// # Errors
    ///
    /// The definition does not parse with the values written in (a string written where
    /// the definition needs a number). Its lines and columns are those of the compact JSON
    /// the values were written into, so tell it by its pointers.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::template::{DefinitionSource, Template};
    ///
    /// let template = Template::from_json(r#"{"Resources": {"Orders": {
    ///   "Type": "AWS::Serverless::StateMachine",
    ///   "Properties": {
    ///     "DefinitionSubstitutions": {"Table": {"Ref": "OrdersTable"}, "Pause": 30},
    ///     "Definition": {"StartAt": "Wait", "States": {
    ///       "Wait": {"Type": "Wait", "Seconds": "${Pause}", "Next": "Save"},
    ///       "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
    ///                "Parameters": {"TableName": "${Table}", "Item.$": "$"}, "End": true}
    ///     }}
    ///   }
    /// }}}"#)?;
    /// let [machine] = &template.state_machines()?[..] else { panic!("one") };
    /// let DefinitionSource::Inline(inline) = &machine.definition else { panic!("inline") };
    /// let definition = StateMachine::from_json(inline.json())?;
    /// let deployed = template.deployed(machine, &definition)?;
    /// let json = deployed.to_json();
    /// assert!(json.contains(r#""Seconds":30"#));
    /// assert!(json.contains(r#""TableName":"${OrdersTable}""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deployed(
        &self,
        machine: &TemplateStateMachine,
        definition: &StateMachine,
    ) -> Result<StateMachine, crate::ParseError> {
        let values = self.substitution_values(machine);
        if values.is_empty() {
            return Ok(definition.clone());
        }
        StateMachine::from_json(&write_in(&definition.to_json(), &values))
    }

    /// The machine's `DefinitionSubstitutions` that have a value to write in.
    fn substitution_values(&self, machine: &TemplateStateMachine) -> HashMap<String, Value> {
        let Some(members) = self
            .document
            .root()
            .as_object()
            .and_then(|top| top.get("Resources")?.as_object()?.get(&machine.logical_id))
            .and_then(|resource| resource.as_object()?.get("Properties")?.as_object())
            .and_then(|properties| properties.get("DefinitionSubstitutions"))
            .filter(|node| call(*node).is_none())
            .and_then(Node::as_object)
        else {
            return HashMap::new();
        };
        members
            .iter()
            .filter_map(|member| {
                let value = match member.value.value() {
                    NodeValue::Number(number) => Value::Scalar(number.to_string()),
                    NodeValue::Bool(value) => Value::Scalar(value.to_string()),
                    _ => Value::Text(deployed_text(member.value)?),
                };
                Some((member.key.into_owned(), value))
            })
            .collect()
    }
}

/// The text a substitution's value gives, in `Fn::Sub` syntax, when the template alone
/// says what it is: a literal, `Ref` (`${Orders}`), `Fn::GetAtt` (`${Orders.Arn}`), an
/// `Fn::Sub` (its variables written in) or an `Fn::Join` of such parts. `None` for a choice
/// the deployment makes (`Fn::If` on a condition, `Fn::Select` of a list it computes), an
/// import or a lookup, whose key then stays as written.
fn deployed_text(node: Node<'_>) -> Option<String> {
    match node.value() {
        NodeValue::String(text) => return Some(text.into_owned()),
        NodeValue::Number(number) => return Some(number.to_string()),
        NodeValue::Bool(value) => return Some(value.to_string()),
        NodeValue::Null | NodeValue::Array(_) | NodeValue::Object(_) => {}
    }
    let (name, argument) = call(node)?;
    match &*name {
        "Ref" => Some(format!("${{{}}}", argument.as_str()?)),
        "Fn::GetAtt" => Some(format!("${{{}}}", attribute(argument)?)),
        "Fn::Sub" => sub_text(argument),
        "Fn::Join" => {
            let (delimiter, parts) = join_parts(argument)?;
            let parts: Option<Vec<String>> = parts.iter().map(deployed_text).collect();
            Some(parts?.join(&delimiter))
        }
        _ => None,
    }
}

/// An `Fn::Sub`'s text with the variables of its map written in (`["…${T}…", {T: …}]`)
/// and its escapes written as what they give (`${!Key}` is `${Key}`); the names the map
/// does not give are the template's own (`${AWS::Region}`, `${Orders}`).
fn sub_text(argument: Node<'_>) -> Option<String> {
    Some(super::intrinsic::sub_text(argument, deployed_text)?.text)
}

/// Writes `values` into the `${Key}` placeholders of the JSON text `json`, in one pass (a
/// value holding `${Other}` is not written into again, as CloudFormation does not): a
/// value is escaped, and a number or boolean that is a whole value is written bare.
fn write_in(json: &str, values: &HashMap<String, Value>) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(start) = rest.find("${") {
        let (before, from) = rest.split_at(start);
        let Some(end) = from.find('}') else {
            break;
        };
        let Some(value) = values.get(&from[2..end]) else {
            out.push_str(before);
            out.push_str(&from[..=end]);
            rest = &from[end + 1..];
            continue;
        };
        let after = &from[end + 1..];
        // A whole value, not an object key (which stays a string).
        let whole_value = before.ends_with('"')
            && after.starts_with('"')
            && !after[1..].trim_start().starts_with(':');
        match value {
            Value::Scalar(scalar) if whole_value => {
                out.push_str(&before[..before.len() - 1]);
                out.push_str(scalar);
                rest = &after[1..];
                continue;
            }
            Value::Scalar(text) | Value::Text(text) => {
                out.push_str(before);
                let quoted = serde_json::to_string(text).unwrap_or_default();
                out.push_str(
                    quoted
                        .get(1..quoted.len().saturating_sub(1))
                        .unwrap_or_default(),
                );
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{Value, write_in};
    use crate::StateMachine;
    use crate::template::{DefinitionSource, Template};

    #[test]
    fn only_values_the_template_alone_decides_are_written_in() {
        let template = Template::from_json(
            r#"{"Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
              "DefinitionSubstitutions": {
                "Tbl": {"Fn::If": ["IsProd", {"Ref": "ProdTable"}, {"Ref": "DevTable"}]},
                "Topic": {"Fn::Sub": ["arn:aws:sns:${AWS::Region}:1:${T}", {"T": {"Fn::GetAtt": ["Alerts", "TopicName"]}}]},
                "Path": {"Fn::Join": ["/", ["a", {"Ref": "B"}]]},
                "Year": 2024
              },
              "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass",
                "Result": {"t": "${Tbl}", "s": "${Topic}", "p": "${Path}", "${Year}": "budget"},
                "End": true}}}}}}}"#,
        )
        .expect("a template");
        let [machine] = &template.state_machines().expect("machines")[..] else {
            panic!("one machine")
        };
        let DefinitionSource::Inline(inline) = &machine.definition else {
            panic!("inline")
        };
        let definition = StateMachine::from_json(inline.json()).expect("a definition");
        let deployed = template.deployed(machine, &definition).expect("deployed");
        assert_eq!(
            deployed.to_value()["States"]["P"]["Result"],
            serde_json::json!({
                "t": "${Tbl}",
                "s": "arn:aws:sns:${AWS::Region}:1:${Alerts.TopicName}",
                "p": "a/${B}",
                "2024": "budget"
            })
        );
    }

    #[test]
    fn values_are_written_once_escaped_and_scalars_bare_only_as_whole_values() {
        let values = HashMap::from([
            ("A".to_owned(), Value::Text("${B} \"q\"".to_owned())),
            ("B".to_owned(), Value::Text("b".to_owned())),
            ("N".to_owned(), Value::Scalar("30".to_owned())),
        ]);
        assert_eq!(
            write_in(
                r#"{"x":"${A}","y":"${N}","z":"wait ${N}s","w":"${C}","v":"${B"}"#,
                &values
            ),
            r#"{"x":"${B} \"q\"","y":30,"z":"wait 30s","w":"${C}","v":"${B"}"#
        );
        // An object key stays a string.
        assert_eq!(write_in(r#"{"${N}":"${N}"}"#, &values), r#"{"30":30}"#);
    }
}
