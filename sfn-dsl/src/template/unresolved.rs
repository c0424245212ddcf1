//! The `${Name}`s of a definition's `Fn::Sub`s that CloudFormation cannot resolve: inside
//! an `Fn::Sub`, `${Name}` is a variable of its map, or else a parameter, a resource
//! (`${Orders.Arn}` for an attribute) or a pseudo parameter of the template, never a
//! `DefinitionSubstitutions` key, and CloudFormation refuses a template with one it does
//! not know.

use super::intrinsic::call;
use super::{InlineDefinition, Template};
use crate::source::{Node, NodeValue};

/// CloudFormation's pseudo parameters.
const PSEUDO_PARAMETERS: [&str; 8] = [
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// The APIs SAM adds (its "generated resources") for the events of functions and state
/// machines that name no API of their own: the event type, the property that would name
/// one, and the logical id of the API SAM adds. The stage and deployment it adds with them
/// are named after them (`ServerlessRestApiProdStage`,
/// `ServerlessHttpApiApiGatewayDefaultStage`, `ServerlessRestApiDeployment…`).
const SAM_IMPLICIT_APIS: [(&str, &str, &str); 2] = [
    ("Api", "RestApiId", "ServerlessRestApi"),
    ("HttpApi", "ApiId", "ServerlessHttpApi"),
];

/// A `${Name}` of an `Fn::Sub` that names nothing CloudFormation knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnresolvedName {
    /// The template pointer of the value the `Fn::Sub` gives (the `Fn::Sub` object).
    pub(crate) pointer: String,
    /// Where `${Name}` starts in the `Fn::Sub`'s string, in bytes.
    pub(crate) offset: usize,
    /// The name.
    pub(crate) name: String,
}

impl Template {
    /// The `${Name}`s of the `Fn::Sub`s in `definition` (written in the template) that
    /// name no variable of their map, no parameter, resource or pseudo parameter of the
    /// template, in template order.
    pub(crate) fn unresolved_sub_names(
        &self,
        definition: &InlineDefinition,
    ) -> Vec<UnresolvedName> {
        let Some(node) = self.document.node_at(definition.pointer()) else {
            return Vec::new();
        };
        let names = self.names();
        let mut unresolved = Vec::new();
        walk(node, definition.pointer(), &names, &mut unresolved);
        unresolved
    }

    /// What an `Fn::Sub` may name besides its variables: the parameters and resources.
    fn names(&self) -> Names {
        let root = self.document.root();
        let top = root.as_object();
        let keys = |section: &str| -> Vec<String> {
            top.and_then(|top| top.get(section))
                .and_then(Node::as_object)
                .map(|members| {
                    members
                        .iter()
                        .map(|member| member.key.into_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let transformed = top.is_some_and(|top| top.get("Transform").is_some());
        let resources = top
            .and_then(|top| top.get("Resources"))
            .and_then(Node::as_object);
        Names {
            parameters: keys("Parameters"),
            resources: keys("Resources"),
            // SAM adds resources named after the ones it transforms (`OrdersRole` for a
            // state machine `Orders`).
            transformed,
            implicit_apis: SAM_IMPLICIT_APIS
                .iter()
                .filter(|(event_type, names_api, _)| {
                    transformed
                        && resources.is_some_and(|resources| {
                            resources.iter().any(|resource| {
                                has_event_without_api(resource.value, event_type, names_api)
                            })
                        })
                })
                .map(|(_, _, logical_id)| *logical_id)
                .collect(),
        }
    }
}

/// Whether `resource` has an event of `event_type` whose properties leave out `names_api`,
/// so that SAM gives it an API of its own making.
fn has_event_without_api(resource: Node<'_>, event_type: &str, names_api: &str) -> bool {
    resource
        .as_object()
        .and_then(|resource| resource.get("Properties"))
        .and_then(Node::as_object)
        .and_then(|properties| properties.get("Events"))
        .and_then(Node::as_object)
        .is_some_and(|events| {
            events.iter().any(|event| {
                let event = event.value.as_object();
                event
                    .and_then(|event| event.get("Type"))
                    .and_then(Node::as_str)
                    .as_deref()
                    == Some(event_type)
                    && event
                        .and_then(|event| event.get("Properties"))
                        .and_then(Node::as_object)
                        .is_none_or(|properties| properties.get(names_api).is_none())
            })
        })
}

/// What an `Fn::Sub` of a template may name besides its variables.
struct Names {
    parameters: Vec<String>,
    resources: Vec<String>,
    transformed: bool,
    /// The logical ids of the APIs SAM adds for this template's events.
    implicit_apis: Vec<&'static str>,
}

impl Names {
    fn knows(&self, name: &str) -> bool {
        // `${Orders.Arn}` is an attribute of the resource `Orders`.
        let resource = name.split_once('.').map_or(name, |(resource, _)| resource);
        PSEUDO_PARAMETERS.contains(&name)
            || self.parameters.iter().any(|parameter| parameter == name)
            || self
                .resources
                .iter()
                .any(|logical_id| logical_id == resource)
            || (self.transformed
                && self
                    .resources
                    .iter()
                    .map(String::as_str)
                    .chain(self.implicit_apis.iter().copied())
                    .any(|logical_id| resource.starts_with(logical_id)))
    }
}

fn walk(node: Node<'_>, pointer: &str, names: &Names, out: &mut Vec<UnresolvedName>) {
    if let Some((name, argument)) = call(node)
        && name == "Fn::Sub"
    {
        sub(argument, pointer, names, out);
    }
    match node.value() {
        NodeValue::Object(members) => {
            for member in members.iter() {
                let segment = crate::source::escape_pointer_segment(&member.key);
                walk(member.value, &format!("{pointer}/{segment}"), names, out);
            }
        }
        NodeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &format!("{pointer}/{index}"), names, out);
            }
        }
        NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) | NodeValue::String(_) => {}
    }
}

/// The names of one `Fn::Sub` (at `pointer`) that nothing resolves.
fn sub(argument: Node<'_>, pointer: &str, names: &Names, out: &mut Vec<UnresolvedName>) {
    let (string, variables) = match argument.value() {
        NodeValue::String(text) => (text, None),
        NodeValue::Array(items) => {
            let Some(string) = items.get(0).and_then(Node::as_str) else {
                return;
            };
            (string, items.get(1).and_then(Node::as_object))
        }
        _ => return,
    };
    let mut offset = 0;
    while let Some(start) = string.get(offset..).and_then(|rest| rest.find("${")) {
        let at = offset + start;
        let rest = string.get(at + 2..).unwrap_or_default();
        offset = at + 2;
        if rest.starts_with('!') {
            continue;
        }
        let Some((name, _)) = rest.split_once('}') else {
            break;
        };
        offset += name.len() + 1;
        let given = variables.is_some_and(|variables| variables.get(name).is_some());
        if !given && !names.knows(name) {
            out.push(UnresolvedName {
                pointer: pointer.to_owned(),
                offset: at,
                name: name.to_owned(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnresolvedName;
    use crate::template::{DefinitionSource, Template};

    #[test]
    fn names_nothing_resolves_are_found_with_their_place() {
        let template = Template::from_json(
            r#"{"Parameters": {"Stage": {}}, "Resources": {"Orders": {}, "M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
              "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {
                "a": {"Fn::Sub": "${Stage}${Orders.Arn}${AWS::Region}${!Key}${Key}"},
                "b": {"Fn::Sub": ["${V}-${W}", {"V": {"Fn::Sub": "${X}"}}]}
              }, "End": true}}}}}}}"#,
        )
        .expect("a template");
        let machines = template.state_machines().expect("machines");
        let DefinitionSource::Inline(inline) = &machines[0].definition else {
            panic!("inline")
        };
        let found = template.unresolved_sub_names(inline);
        let at = |pointer: &str, offset, name: &str| UnresolvedName {
            pointer: format!("/Resources/M/Properties/Definition/States/P/Result/{pointer}"),
            offset,
            name: name.to_owned(),
        };
        assert_eq!(
            found,
            [
                at("a", 42, "Key"),
                at("b", 5, "W"),
                at("b/Fn::Sub/1/V", 0, "X")
            ]
        );
        // A SAM template may name what SAM adds (`MRole`).
        let sam = Template::from_json(
            r#"{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
              "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"Fn::Sub": "${MRole.Arn} ${Nothing}"}, "End": true}}}}}}}"#,
        )
        .expect("a template");
        let machines = sam.state_machines().expect("machines");
        let DefinitionSource::Inline(inline) = &machines[0].definition else {
            panic!("inline")
        };
        let names: Vec<String> = sam
            .unresolved_sub_names(inline)
            .into_iter()
            .map(|unresolved| unresolved.name)
            .collect();
        assert_eq!(names, ["Nothing"]);
    }

    /// SAM adds `ServerlessRestApi` (with its `Prod` stage and deployment) for a function's
    /// or state machine's `Api` event and `ServerlessHttpApi` for a function's `HttpApi`
    /// event, when the event names no API of its own; a template without a transform, or
    /// without such events, has neither.
    #[test]
    fn sams_implicit_apis_are_known_names_of_a_sam_template_with_their_events() {
        const EVENTS: &str = r#""F": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"Get": {"Type": "Api", "Properties": {"Path": "/", "Method": "get"}}, "Http": {"Type": "HttpApi"}}}}, "#;
        let unresolved = |transform: &str, events: &str| -> Vec<String> {
            let template = Template::from_json(&format!(
                r#"{{{transform}"Resources": {{{events}"M": {{"Type": "AWS::Serverless::StateMachine", "Properties": {{
                  "Definition": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": {{"Fn::Sub": "${{ServerlessRestApi}}.execute-api.${{AWS::Region}} ${{ServerlessHttpApi.ApiEndpoint}} ${{ServerlessRestApiProdStage}} ${{ServerlessHttpApiApiGatewayDefaultStage}} ${{ServerlessApi}}"}}, "End": true}}}}}}}}}}}}}}"#
            ))
            .expect("a template");
            let machines = template.state_machines().expect("machines");
            let DefinitionSource::Inline(inline) = &machines[0].definition else {
                panic!("inline")
            };
            template
                .unresolved_sub_names(inline)
                .into_iter()
                .map(|unresolved| unresolved.name)
                .collect()
        };
        let sam = r#""Transform": "AWS::Serverless-2016-10-31", "#;
        assert_eq!(unresolved(sam, EVENTS), ["ServerlessApi"]);
        // Events that name their own API add none.
        let own_apis = EVENTS
            .replace(
                r#""Method": "get""#,
                r#""Method": "get", "RestApiId": {"Ref": "A"}"#,
            )
            .replace(
                r#"{"Type": "HttpApi"}"#,
                r#"{"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "H"}}}"#,
            );
        let all = [
            "ServerlessRestApi",
            "ServerlessHttpApi.ApiEndpoint",
            "ServerlessRestApiProdStage",
            "ServerlessHttpApiApiGatewayDefaultStage",
            "ServerlessApi",
        ];
        assert_eq!(unresolved(sam, &own_apis), all);
        assert_eq!(unresolved(sam, ""), all);
        // A state machine's own `Api` event adds the REST API only.
        let machine_event = r#""Events": {"Start": {"Type": "Api", "Properties": {"Path": "/", "Method": "post"}}}, "#;
        let template = format!(
            r#"{{{sam}"Resources": {{"M": {{"Type": "AWS::Serverless::StateMachine", "Properties": {{{machine_event}"Definition": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": {{"Fn::Sub": "${{ServerlessRestApi}} ${{ServerlessHttpApi}}"}}, "End": true}}}}}}}}}}}}}}"#
        );
        let template = Template::from_json(&template).expect("a template");
        let machines = template.state_machines().expect("machines");
        let DefinitionSource::Inline(inline) = &machines[0].definition else {
            panic!("inline")
        };
        let names: Vec<String> = template
            .unresolved_sub_names(inline)
            .into_iter()
            .map(|unresolved| unresolved.name)
            .collect();
        assert_eq!(names, ["ServerlessHttpApi"]);
        assert_eq!(
            unresolved("", EVENTS),
            [
                "ServerlessRestApi",
                "ServerlessHttpApi.ApiEndpoint",
                "ServerlessRestApiProdStage",
                "ServerlessHttpApiApiGatewayDefaultStage",
                "ServerlessApi"
            ]
        );
    }
}
