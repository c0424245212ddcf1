//! One state machine resource: its type, its definition's source and its substitutions.

use super::Template;
use super::error::{TemplateError, TemplateErrorKind};
use super::intrinsic::{Writer, call};
use super::string::{self, Read};
use crate::source::{Node, NodeValue, escape_pointer_segment};
use crate::validate::WorkflowType;

/// A state machine declared in a template.
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::{DefinitionSource, StateMachineType, Template};
///
/// let template = Template::from_json(r#"{"Resources": {"Orders": {
///   "Type": "AWS::Serverless::StateMachine",
///   "Properties": {
///     "DefinitionUri": "statemachines/orders.asl.json",
///     "DefinitionSubstitutions": {"ChargeArn": {"Fn::GetAtt": ["Charge", "Arn"]}}
///   }
/// }}}"#)?;
/// let [machine] = &template.state_machines()?[..] else { panic!("one") };
/// assert_eq!(machine.resource_type, StateMachineType::Serverless);
/// assert_eq!(machine.pointer, "/Resources/Orders");
/// assert_eq!(machine.substitutions.as_deref(), Some(&["ChargeArn".to_owned()][..]));
/// let DefinitionSource::File { path, .. } = &machine.definition else { panic!("a file") };
/// assert_eq!(path, "statemachines/orders.asl.json");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TemplateStateMachine {
    /// The resource's logical id (its key under `Resources`).
    pub logical_id: String,
    /// Its resource type.
    pub resource_type: StateMachineType,
    /// The resource's JSON pointer in the template (`/Resources/Orders`).
    pub pointer: String,
    /// The keys of `DefinitionSubstitutions`, in template order (none when it is absent);
    /// `None` when they are known only at deployment (`DefinitionSubstitutions: !If ...`).
    pub substitutions: Option<Vec<String>>,
    /// Where the definition is.
    pub definition: DefinitionSource,
    /// The workflow type it is deployed as: SAM's `Type` or CloudFormation's
    /// `StateMachineType` (`STANDARD` when absent, as both default); `None` when a function
    /// gives it.
    pub workflow_type: Option<WorkflowType>,
}

/// The resource types that declare a state machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StateMachineType {
    /// `AWS::Serverless::StateMachine` (SAM).
    Serverless,
    /// `AWS::StepFunctions::StateMachine` (CloudFormation).
    StepFunctions,
}

impl StateMachineType {
    /// The type as written in templates.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::StateMachineType;
    ///
    /// assert_eq!(StateMachineType::Serverless.as_str(), "AWS::Serverless::StateMachine");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Serverless => "AWS::Serverless::StateMachine",
            Self::StepFunctions => "AWS::StepFunctions::StateMachine",
        }
    }
}

/// Where a state machine's definition is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DefinitionSource {
    /// Written in the template (`Definition`, `DefinitionString`).
    Inline(InlineDefinition),
    /// In a local file (SAM's `DefinitionUri` as a path), relative to the template's
    /// directory; the caller reads it.
    File {
        /// The path as written.
        path: String,
        /// The JSON pointer of `DefinitionUri`.
        pointer: String,
    },
    /// Somewhere only the deployment reads (an S3 object, an `Fn::Transform`); it cannot
    /// be checked here.
    NotLocal {
        /// Why, in words (names the property).
        reason: String,
        /// The JSON pointer of the property.
        pointer: String,
    },
    /// The resource's definition properties are wrong.
    Invalid(TemplateError),
}

/// A definition written in the template, as the JSON the validator reads:
/// CloudFormation's functions replaced by `${…}` placeholders (`{"Ref": "Fn"}` is
/// `"${Fn}"`, `{"Fn::GetAtt": ["Fn", "Arn"]}` is `"${Fn.Arn}"`, `Fn::Sub` is the text it
/// gives (`${!Name}` as the literal `${Name}`, the values of its map written in),
/// `Fn::Join` its joined parts, `Fn::If` its first branch, other functions `"${Fn::Name}"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineDefinition {
    json: String,
    pointer: String,
    pub(crate) places: Places,
    /// Where in `json` placeholders stand for values known at deployment that need not
    /// be strings (a `Ref` to a number parameter, `"Seconds": ${Delay}` in a
    /// `DefinitionString`).
    pub(crate) deployed: Vec<crate::source::Span>,
    /// Where in `json` text comes from the template's functions (`Fn::Sub`, `Ref`), whose
    /// `${…}` are not `DefinitionSubstitutions` placeholders.
    pub(crate) generated: Vec<crate::source::Span>,
    /// Where in `json` (of a `DefinitionString`) the text is not the template's string as
    /// written: the span and the length it has there (an `Fn::Sub`'s `${!Name}` escape).
    pub(crate) edits: Vec<(crate::source::Span, usize)>,
    /// Where in `json` CloudFormation writes values of its own when it deploys (a `Ref`'s
    /// or `Fn::GetAtt`'s placeholder, an `Fn::Sub`'s variables): their `${…}` are never
    /// filled in from the `DefinitionSubstitutions`.
    pub(crate) resolved: Vec<crate::source::Span>,
}

/// How places in the definition map to places in the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Places {
    /// `Definition`: a definition pointer is the template pointer below the property,
    /// except below an alias (a branch of `Fn::If`): `(definition pointer, template
    /// pointer)`, inner ones after outer ones.
    Values { aliases: Vec<(String, String)> },
    /// `DefinitionString`: the text's pieces, `(start offset, template pointer)`, in order.
    Text { pieces: Vec<(usize, String)> },
}

impl InlineDefinition {
    /// The definition's JSON text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::{DefinitionSource, Template};
    ///
    /// let template = Template::from_json(r#"{"Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine",
    ///     "Properties": {"Definition": {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}}}}}"#)?;
    /// let machines = template.state_machines()?;
    /// let DefinitionSource::Inline(definition) = &machines[0].definition else { panic!("an inline definition") };
    /// assert_eq!(definition.json(), r#"{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The JSON pointer of the property holding it (`/Resources/Orders/Properties/Definition`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::{DefinitionSource, Template};
    ///
    /// let template = Template::from_json(r#"{"Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine",
    ///     "Properties": {"Definition": {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}}}}}"#)?;
    /// let machines = template.state_machines()?;
    /// let DefinitionSource::Inline(definition) = &machines[0].definition else { panic!("an inline definition") };
    /// assert_eq!(definition.pointer(), "/Resources/Flow/Properties/Definition");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// Whether it is written as JSON text (`DefinitionString`): its pointers are then inside
    /// that text, not the template's.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::{DefinitionSource, Template};
    ///
    /// let template = Template::from_json(r#"{"Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine",
    ///     "Properties": {"DefinitionString": "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}"}}}}"#)?;
    /// let machines = template.state_machines()?;
    /// let DefinitionSource::Inline(definition) = &machines[0].definition else { panic!("an inline definition") };
    /// assert!(definition.is_text());
    /// assert_eq!(definition.pointer(), "/Resources/Flow/Properties/DefinitionString");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_text(&self) -> bool {
        matches!(self.places, Places::Text { .. })
    }
}

/// The state machine a resource declares, if it is one.
pub(super) fn read(
    template: &Template,
    logical_id: &str,
    node: Node<'_>,
) -> Option<TemplateStateMachine> {
    let resource = node.as_object()?;
    let resource_type = match &*resource.get("Type")?.as_str()? {
        "AWS::Serverless::StateMachine" => StateMachineType::Serverless,
        "AWS::StepFunctions::StateMachine" => StateMachineType::StepFunctions,
        _ => return None,
    };
    let pointer = format!("/Resources/{}", escape_pointer_segment(logical_id));
    let properties = resource.get("Properties");
    let substitutions = match properties
        .and_then(|properties| properties.as_object()?.get("DefinitionSubstitutions"))
    {
        None => Some(Vec::new()),
        Some(node) => node
            .as_object()
            .filter(|_| call(node).is_none())
            .map(|members| {
                members
                    .iter()
                    .map(|member| member.key.into_owned())
                    .collect()
            }),
    };
    let definition = match definition(template, resource_type, properties, &pointer) {
        Ok(definition) => definition,
        Err(error) => DefinitionSource::Invalid(template.placed(error)),
    };
    let type_property = match resource_type {
        StateMachineType::Serverless => "Type",
        StateMachineType::StepFunctions => "StateMachineType",
    };
    let workflow_type =
        match properties.and_then(|properties| properties.as_object()?.get(type_property)) {
            None => Some(WorkflowType::Standard),
            Some(node) => match node.as_str().as_deref() {
                Some("EXPRESS") => Some(WorkflowType::Express),
                Some("STANDARD") => Some(WorkflowType::Standard),
                _ => None,
            },
        };
    Some(TemplateStateMachine {
        logical_id: logical_id.to_owned(),
        resource_type,
        pointer,
        substitutions,
        definition,
        workflow_type,
    })
}

/// The definition properties each type may use.
const SERVERLESS: [&str; 2] = ["Definition", "DefinitionUri"];
const STEP_FUNCTIONS: [&str; 3] = ["Definition", "DefinitionString", "DefinitionS3Location"];

fn definition(
    template: &Template,
    resource_type: StateMachineType,
    properties: Option<Node<'_>>,
    resource_pointer: &str,
) -> Result<DefinitionSource, TemplateError> {
    let names: &[&str] = match resource_type {
        StateMachineType::Serverless => &SERVERLESS,
        StateMachineType::StepFunctions => &STEP_FUNCTIONS,
    };
    let missing = || {
        TemplateError::new(
            TemplateErrorKind::MissingDefinition,
            resource_pointer,
            format!(
                "the state machine has no definition: its `Properties` need one of {}",
                names
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    };
    let Some(properties) = properties else {
        return Err(missing());
    };
    let properties_pointer = format!("{resource_pointer}/Properties");
    let Some(members) = properties.as_object() else {
        return Err(TemplateError::new(
            TemplateErrorKind::WrongType,
            properties_pointer,
            format!(
                "`Properties` must be an object, found {}",
                properties.describe()
            ),
        ));
    };
    let present: Vec<(&str, Node<'_>)> = names
        .iter()
        .filter_map(|name| Some((*name, members.get(name)?)))
        .collect();
    let (name, node) = match present[..] {
        [] => return Err(missing()),
        [one] => one,
        [(first, _), (second, _), ..] => {
            return Err(TemplateError::new(
                TemplateErrorKind::ConflictingDefinitions,
                format!("{properties_pointer}/{second}"),
                format!("the state machine has both `{first}` and `{second}`; give one"),
            ));
        }
    };
    let pointer = format!("{properties_pointer}/{name}");
    match name {
        "Definition" => inline(template, node, pointer),
        "DefinitionString" => Ok(match string::read(node, &pointer)? {
            Read::Text(text) => DefinitionSource::Inline(InlineDefinition {
                json: text.json,
                pointer,
                places: Places::Text {
                    pieces: text.pieces,
                },
                deployed: text.deployed,
                generated: text.generated,
                edits: text.edits,
                resolved: text.resolved,
            }),
            Read::Deployed(reason) => DefinitionSource::NotLocal { reason, pointer },
        }),
        "DefinitionUri" => Ok(match &node.as_str() {
            Some(uri) if !uri.starts_with("s3://") => DefinitionSource::File {
                path: uri.clone().into_owned(),
                pointer,
            },
            _ => DefinitionSource::NotLocal {
                reason: "`DefinitionUri` names an S3 object, which only the deployment reads"
                    .to_owned(),
                pointer,
            },
        }),
        _ => Ok(DefinitionSource::NotLocal {
            reason: format!("`{name}` names an S3 object, which only the deployment reads"),
            pointer,
        }),
    }
}

/// A `Definition` written in the template.
fn inline(
    template: &Template,
    node: Node<'_>,
    pointer: String,
) -> Result<DefinitionSource, TemplateError> {
    let mut writer = Writer::new(template.document().text());
    writer.value(node, &pointer);
    if writer.json.starts_with('{') {
        return Ok(DefinitionSource::Inline(InlineDefinition {
            json: writer.json,
            pointer,
            places: Places::Values {
                aliases: writer.aliases,
            },
            deployed: writer.deployed,
            generated: writer.generated,
            edits: Vec::new(),
            resolved: writer.resolved,
        }));
    }
    // A whole definition given by a function (`Fn::Transform` including a file from S3)
    // is known only at deployment; anything else that is not an object is a mistake.
    if let Some((name, _)) = call(node) {
        return Ok(DefinitionSource::NotLocal {
            reason: format!(
                "`Definition` is given by `{name}`, whose result is known only at deployment"
            ),
            pointer,
        });
    }
    Err(TemplateError::new(
        TemplateErrorKind::WrongType,
        pointer,
        format!(
            "`Definition` must be an object, found {}",
            match node.value() {
                NodeValue::Null => "null",
                _ => node.describe(),
            }
        ),
    ))
}
