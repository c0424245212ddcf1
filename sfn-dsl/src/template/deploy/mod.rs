//! What a template's deployment writes into its state machines' definitions: the
//! `DefinitionSubstitutions` values, and which `Ref`s give a resource's name rather than
//! its ARN. `sfn iam` needs both to name the resources a definition reaches through them,
//! `sfn run` to run the machine as deployed.

mod marks;
mod write;

use std::collections::HashMap;

use super::intrinsic::{attribute, call, join_parts};
use super::{DefinitionSource, Template, TemplateStateMachine};
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
#[derive(Debug)]
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

    /// `definition`, the definition of `machine` (written in the template, or read from
    /// its JSON `DefinitionUri` file), with the values of the machine's
    /// `DefinitionSubstitutions` written in for its `${Key}` placeholders, as the deployment
    /// writes them: it replaces the text `${Key}` alone, so a placeholder in a JSON string
    /// stays a string (`"Seconds": "${Delay}"` with `Delay: 5` is the string `"5"`), and
    /// only a bare one (`"Seconds": ${Delay}` in a `DefinitionString`) becomes the number or
    /// boolean. A value is written as it is, a function as what it gives in `Fn::Sub`
    /// syntax (`Ref: Orders` is `${Orders}`, `Fn::GetAtt: [Charge, Arn]` is
    /// `${Charge.Arn}`), the form the template's own IAM policies are written in; an
    /// `Fn::Sub` with its variables written in, an `Fn::Join` of such parts. A key whose
    /// value the deployment chooses (`Fn::If`, `Fn::Select`, `Fn::ImportValue`, …), an
    /// object or a list, and a placeholder no key names, are left as written; so are the
    /// `${Name}` CloudFormation writes itself (an `Fn::Sub`'s variables, a `Ref`), which the
    /// `DefinitionSubstitutions` never fill in, even where a key has that name (the
    /// literal text a variable's function gives, such as the `${Name}` of its `${!Name}`,
    /// is the definition's, and is filled in). For a YAML `DefinitionUri` file, see
    /// `deployed_yaml` (with the `yaml` feature).
    ///
    /// # Errors
    ///
    /// The definition does not parse with the values written in (a string written where
    /// the definition needs a number; the message then says when it is a quoted
    /// placeholder's, or one of a `Definition` written in the template, which the
    /// deployment writes as JSON text first). It has pointers, no positions.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::template::{DefinitionSource, Template};
    ///
    /// let template = Template::from_json(r#"{"Resources": {"Orders": {
    ///   "Type": "AWS::StepFunctions::StateMachine",
    ///   "Properties": {
    ///     "DefinitionSubstitutions": {"Table": {"Ref": "OrdersTable"}, "Pause": 30},
    ///     "DefinitionString": "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": ${Pause}, \"Next\": \"Save\"}, \"Save\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:putItem\", \"Parameters\": {\"TableName\": \"${Table}\", \"Item.$\": \"$\"}, \"End\": true}}}"
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
        let marks = match &machine.definition {
            DefinitionSource::Inline(inline) => marks::inline(inline, machine.resource_type),
            _ => marks::Marks::default(),
        };
        write::deployed(definition, &values, &marks)
    }

    /// The definition of `machine` read from its YAML `DefinitionUri` file `yaml`, with
    /// the values of its `DefinitionSubstitutions` written in as the deployment writes
    /// them: into the file's text, which is then read as YAML, so anchors, aliases and merge
    /// keys carry the values, a plain scalar that is one placeholder (`Seconds: ${Delay}`)
    /// is read as what the value's text is in YAML (`Delay: 5` gives the number 5, `"True"`
    /// the boolean `true`) by this crate's YAML 1.2 reading ([`StateMachine::from_yaml`]),
    /// and a quoted placeholder (`Seconds: "${Delay}"`) or a block scalar stays a string.
    ///
    /// # Errors
    ///
    /// The YAML does not read as a definition ([`StateMachine::from_yaml`]); with the
    /// values written in, the text is not YAML any more (`"a: b"` in `colon: ${Colon}`), as
    /// [`ParseIssueKind::Yaml`](crate::ParseIssueKind::Yaml) saying so; or the definition
    /// does not read with the values written in, as for [`deployed`](Self::deployed), a
    /// problem at a quoted placeholder's field saying why.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let template = Template::from_yaml("Resources:
    ///   Orders:
    ///     Type: AWS::Serverless::StateMachine
    ///     Properties:
    ///       DefinitionUri: orders.asl.yaml
    ///       DefinitionSubstitutions: {Delay: 5}
    /// ")?;
    /// let [machine] = &template.state_machines()?[..] else { panic!("one") };
    /// let plain = "StartAt: W\nStates:\n  W:\n    Type: Wait\n    Seconds: ${Delay}\n    End: true\n";
    /// assert!(template.deployed_yaml(machine, plain)?.to_json().contains(r#""Seconds":5"#));
    /// let quoted = plain.replace("${Delay}", "\"${Delay}\"");
    /// let error = template.deployed_yaml(machine, &quoted).unwrap_err();
    /// assert_eq!(error.issues()[0].pointer, "/States/W/Seconds");
    /// assert!(error.issues()[0].message.contains("quoted"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "yaml")]
    pub fn deployed_yaml(
        &self,
        machine: &TemplateStateMachine,
        yaml: &str,
    ) -> Result<StateMachine, crate::ParseError> {
        let document = crate::source::YamlDocument::parse(yaml)?;
        let definition = StateMachine::from_json(document.json())
            .map_err(|error| document.relocate_error(&error))?;
        let values = self.substitution_values(machine);
        if values.is_empty() {
            return Ok(definition);
        }
        write::deployed_yaml(yaml, &definition, &values, &marks::yaml(&document))
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

#[cfg(test)]
mod tests;
