//! What a template's deployment writes into its state machines' definitions: the
//! `DefinitionSubstitutions` values, and which `Ref`s give a resource's name rather than
//! its ARN. `sfn iam` needs both to name the resources a definition reaches through them,
//! `sfn run` to run the machine as deployed.

mod marks;
mod refusal;
mod replace;
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

/// What one `${Key}` of the definition becomes: its text, in pieces.
#[derive(Debug)]
struct Value {
    pieces: Vec<Piece>,
}

/// A piece of a value's text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    /// The text, in `Fn::Sub` syntax where it stands for a value only the deployment
    /// knows (`${Orders.Arn}`).
    text: String,
    /// Whether it stands for a value only the deployment knows (a `Ref`, an
    /// `Fn::GetAtt`, a parameter): that value holds no `${…}` for the substitutions to fill.
    resolved: bool,
}

impl Value {
    /// A value written out in the template.
    fn literal(text: String) -> Self {
        Self {
            pieces: vec![Piece {
                text,
                resolved: false,
            }],
        }
    }

    /// The whole text, stand-ins included.
    fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| piece.text.as_str())
            .collect()
    }

    /// Whether the template alone says the whole text (no stand-in for a value only the
    /// deployment knows).
    fn is_known(&self) -> bool {
        self.pieces.iter().all(|piece| !piece.resolved)
    }
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
    /// writes them: into the definition's JSON text (a `Definition` written in the template
    /// is first written as JSON text, as SAM and CloudFormation do), where it replaces the
    /// text `${Key}` with the value's text as it is and nothing around it, over and over
    /// until nothing changes (`Outer: "a-${Inner}"` gives `a-` and the value of `Inner`),
    /// then reads the text. So a placeholder in a JSON string stays a string (`"Seconds":
    /// "${Delay}"` with `Delay: 5` is the string `"5"`), only a bare one (`"Seconds":
    /// ${Delay}` in a `DefinitionString`) becomes the number or boolean, and a value's `\`
    /// and `"` are JSON's there (`C:\temp` gives a tab). A value is written as it is, a
    /// function as what it gives in `Fn::Sub` syntax (`Ref: Orders` is `${Orders}`,
    /// `Fn::GetAtt: [Charge, Arn]` is `${Charge.Arn}`), the form the template's own IAM
    /// policies are written in; an `Fn::Sub` with its variables written in, an `Fn::Join`
    /// of such parts. A key whose value the deployment chooses (`Fn::If`, `Fn::Select`,
    /// `Fn::ImportValue`, …), and a placeholder no key names, are left as written; so are
    /// the `${Name}` CloudFormation writes itself (an `Fn::Sub`'s variables, a `Ref`),
    /// which the `DefinitionSubstitutions` never fill in, even where a key has that name
    /// (the literal text a variable's function gives, such as the `${Name}` of its
    /// `${!Name}`, is the definition's, and is filled in). For a YAML `DefinitionUri` file,
    /// see `deployed_yaml` (with the `yaml` feature).
    ///
    /// # Errors
    ///
    /// The deployment refuses the `DefinitionSubstitutions`, as a
    /// [`ParseIssueKind::Substitution`](crate::ParseIssueKind::Substitution) at the
    /// template's value (its pointer, span, line and column), saying which key and why: a
    /// value that is not a string, an integer or a boolean (a list, a map, null, `1.5`); a
    /// value that makes the text invalid JSON where it is written (`say "hi"` inside a JSON
    /// string); keys whose values name each other (`A: ${A}`), whose replacement never settles.
    /// Or the definition does not read with the values written in (a string written where
    /// the definition needs a number; the message then says when it is a quoted
    /// placeholder's, or one of a `Definition` written in the template, which the
    /// deployment writes as JSON text first), with pointers and no positions.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::{ParseIssueKind, StateMachine};
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
    ///
    /// // A list is no value the deployment takes.
    /// let listed = template.text().replace("\"Pause\": 30", "\"Pause\": [30]");
    /// let template = Template::from_json(&listed)?;
    /// let [machine] = &template.state_machines()?[..] else { panic!("one") };
    /// let error = template.deployed(machine, &definition).unwrap_err();
    /// let issue = &error.issues()[0];
    /// assert_eq!(issue.kind, ParseIssueKind::Substitution);
    /// assert_eq!(issue.pointer, "/Resources/Orders/Properties/DefinitionSubstitutions/Pause");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deployed(
        &self,
        machine: &TemplateStateMachine,
        definition: &StateMachine,
    ) -> Result<StateMachine, crate::ParseError> {
        let values = self.substitution_values(machine)?;
        if values.is_empty() {
            return Ok(definition.clone());
        }
        let marks = match &machine.definition {
            DefinitionSource::Inline(inline) => marks::inline(inline, machine.resource_type),
            DefinitionSource::File { .. } => marks::Marks::file(),
            _ => marks::Marks::default(),
        };
        write::deployed(definition, &values, &marks)
            .map_err(|refusal| self.refused(machine, &values, refusal))
    }

    /// The definition of `machine` read from its YAML `DefinitionUri` file `yaml`, with
    /// the values of its `DefinitionSubstitutions` written in as the deployment writes
    /// them: into the file's text (over and over until nothing changes, as for
    /// [`deployed`](Self::deployed)), which is then read as YAML, so anchors, aliases and
    /// merge keys carry the values, a plain scalar that is one placeholder (`Seconds:
    /// ${Delay}`) is read as what the value's text is in YAML (`Delay: 5` gives the number
    /// 5, `"True"` the boolean `true`) by this crate's YAML 1.2 reading
    /// ([`StateMachine::from_yaml`]), and a quoted placeholder (`Seconds: "${Delay}"`) or a
    /// block scalar stays a string.
    ///
    /// # Errors
    ///
    /// The YAML does not read as a definition ([`StateMachine::from_yaml`]); the deployment
    /// refuses the `DefinitionSubstitutions`, as for [`deployed`](Self::deployed) (a value
    /// that makes the text invalid YAML, such as `"a: b"` in `colon: ${Colon}`, is one); or
    /// the definition does not read with the values written in, as for
    /// [`deployed`](Self::deployed), a problem at a quoted placeholder's field saying why.
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
        let values = self.substitution_values(machine)?;
        if values.is_empty() {
            return Ok(definition);
        }
        write::deployed_yaml(yaml, &definition, &values, &marks::yaml(&document))
            .map_err(|refusal| self.refused(machine, &values, refusal))
    }

    /// The values of the machine's `DefinitionSubstitutions` the deployment refuses for
    /// their type, as an error.
    pub(crate) fn refused_substitutions(
        &self,
        machine: &TemplateStateMachine,
    ) -> Option<crate::ParseError> {
        self.substitution_values(machine).err()
    }

    /// The machine's `DefinitionSubstitutions` that have a value to write in; the values
    /// the deployment refuses are an error.
    fn substitution_values(
        &self,
        machine: &TemplateStateMachine,
    ) -> Result<HashMap<String, Value>, crate::ParseError> {
        let Some(members) = self
            .substitutions_node(machine)
            .filter(|node| call(*node).is_none())
            .and_then(Node::as_object)
        else {
            return Ok(HashMap::new());
        };
        let mut values = HashMap::new();
        let mut issues = Vec::new();
        for member in members.iter() {
            let refused = match member.value.value() {
                NodeValue::String(text) => {
                    values.insert(member.key.to_string(), Value::literal(text.into_owned()));
                    continue;
                }
                NodeValue::Bool(value) => {
                    values.insert(member.key.to_string(), Value::literal(value.to_string()));
                    continue;
                }
                NodeValue::Number(number) if number.is_i64() || number.is_u64() => {
                    values.insert(member.key.to_string(), Value::literal(number.to_string()));
                    continue;
                }
                NodeValue::Number(number) => format!("the number {number}, not an integer"),
                NodeValue::Null => "null".to_owned(),
                NodeValue::Array(_) => "a list".to_owned(),
                NodeValue::Object(_) if call(member.value).is_some() => {
                    // A function gives a string; one whose value only the deployment
                    // chooses leaves its key as written.
                    if let Some(value) = deployed_value(member.value) {
                        values.insert(member.key.to_string(), value);
                    }
                    continue;
                }
                NodeValue::Object(_) => "a map".to_owned(),
            };
            issues.push(self.substitution_issue(
                machine,
                Some(&member.key),
                format!(
                    "the `DefinitionSubstitutions` value of `{}` is {refused}, which the deployment refuses: each value must be a string, an integer or a boolean",
                    crate::shorten::shorten(&member.key, 80)
                ),
            )
            .with_hint("write the text to put in for the placeholder as a string"));
        }
        if issues.is_empty() {
            Ok(values)
        } else {
            Err(crate::ParseError::new(issues))
        }
    }

    /// The machine's `DefinitionSubstitutions` property.
    fn substitutions_node(&self, machine: &TemplateStateMachine) -> Option<Node<'_>> {
        self.document
            .root()
            .as_object()
            .and_then(|top| top.get("Resources")?.as_object()?.get(&machine.logical_id))
            .and_then(|resource| resource.as_object()?.get("Properties")?.as_object())
            .and_then(|properties| properties.get("DefinitionSubstitutions"))
    }
}

/// What a substitution's value gives, in `Fn::Sub` syntax, when the template alone says
/// what it is: a literal, `Ref` (`${Orders}`), `Fn::GetAtt` (`${Orders.Arn}`), an
/// `Fn::Sub` (its variables written in) or an `Fn::Join` of such parts. `None` for a choice
/// the deployment makes (`Fn::If` on a condition, `Fn::Select` of a list it computes), an
/// import or a lookup, whose key then stays as written.
fn deployed_value(node: Node<'_>) -> Option<Value> {
    match node.value() {
        NodeValue::String(text) => return Some(Value::literal(text.into_owned())),
        NodeValue::Number(number) => return Some(Value::literal(number.to_string())),
        NodeValue::Bool(value) => return Some(Value::literal(value.to_string())),
        NodeValue::Null | NodeValue::Array(_) | NodeValue::Object(_) => {}
    }
    let resolved = |text: String| {
        Some(Value {
            pieces: vec![Piece {
                text,
                resolved: true,
            }],
        })
    };
    let (name, argument) = call(node)?;
    match &*name {
        "Ref" => resolved(format!("${{{}}}", argument.as_str()?)),
        "Fn::GetAtt" => resolved(format!("${{{}}}", attribute(argument)?)),
        "Fn::Sub" => sub_value(argument),
        "Fn::Join" => {
            let (delimiter, parts) = join_parts(argument)?;
            let mut pieces = Vec::new();
            for (index, part) in parts.iter().enumerate() {
                if index > 0 {
                    pieces.push(Piece {
                        text: delimiter.clone(),
                        resolved: false,
                    });
                }
                pieces.extend(deployed_value(part)?.pieces);
            }
            Some(Value { pieces })
        }
        _ => None,
    }
}

/// An `Fn::Sub`'s text with the variables of its map written in (`["…${T}…", {T: …}]`)
/// and its escapes written as what they give (`${!Key}` is `${Key}`); the names the map
/// does not give are the template's own (`${AWS::Region}`, `${Orders}`), known only to
/// the deployment.
fn sub_value(argument: Node<'_>) -> Option<Value> {
    let sub = super::intrinsic::sub_text(argument, |node| Some(deployed_value(node)?.text()))?;
    let mut pieces = Vec::new();
    let mut at = 0;
    let literal = |pieces: &mut Vec<Piece>, text: &str| {
        if !text.is_empty() {
            pieces.push(Piece {
                text: text.to_owned(),
                resolved: false,
            });
        }
    };
    for variable in &sub.variables {
        if variable.start < at {
            continue;
        }
        literal(
            &mut pieces,
            sub.text.get(at..variable.start).unwrap_or_default(),
        );
        pieces.push(Piece {
            text: sub
                .text
                .get(variable.start..variable.end)
                .unwrap_or_default()
                .to_owned(),
            resolved: true,
        });
        at = variable.end;
    }
    literal(&mut pieces, sub.text.get(at..).unwrap_or_default());
    Some(Value { pieces })
}

#[cfg(test)]
mod tests;
