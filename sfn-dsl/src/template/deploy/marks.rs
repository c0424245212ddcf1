//! Where a definition's `${…}` are not plain `DefinitionSubstitutions` placeholders in
//! JSON strings: those CloudFormation fills in itself, and those written bare (whose value
//! is read as a number or boolean once written in).

use std::collections::HashMap;

use crate::source::{Document, Node, NodeValue, escape_pointer_segment};
use crate::template::{InlineDefinition, StateMachineType};

/// The marks of a definition's strings, by their JSON pointer; a string without marks
/// has its placeholders filled in as text.
#[derive(Debug, Default)]
pub(super) struct Marks {
    strings: HashMap<String, StringMarks>,
    pub(super) source: Source,
}

/// The text the deployment writes the substitutions into.
#[derive(Debug, Default)]
pub(super) enum Source {
    /// JSON text written in the template: a `DefinitionString`. A bare placeholder's
    /// value is read as JSON.
    #[default]
    JsonText,
    /// A JSON definition file (`DefinitionUri`, `DefinitionS3Location`): the deployment
    /// reads it as JSON, or, when that fails with the values written in, as YAML.
    JsonFile,
    /// A `Definition` written as template values, which the deployment (SAM for this
    /// resource type, or CloudFormation) writes as JSON text before it writes in the
    /// substitutions: each placeholder is then inside a JSON string, however the template
    /// writes it.
    Definition(StateMachineType),
    /// A YAML definition file: the deployment writes the values into its text, which is
    /// then read as YAML (see `write::deployed_yaml`).
    #[cfg(feature = "yaml")]
    YamlFile,
}

/// What the deployment does with the `${…}` of one string of the definition.
#[derive(Debug, Default)]
pub(super) struct StringMarks {
    /// The `${` of the string (counted from 0) that CloudFormation writes (an `Fn::Sub`'s
    /// variables, a `Ref`'s placeholder): never filled in from the substitutions.
    pub(super) resolved: Vec<usize>,
    /// Whether the string is one placeholder written bare (`"Seconds": ${Delay}` in a
    /// `DefinitionString`, `Seconds: ${Delay}` in a YAML file): its value is then read as
    /// a JSON or YAML value, not written into a string.
    pub(super) bare: bool,
}

impl Marks {
    /// The marks of the string at `pointer`.
    pub(super) fn of(&self, pointer: &str) -> Option<&StringMarks> {
        self.strings.get(pointer)
    }

    /// The marks of a JSON definition file: none, its placeholders are all in strings.
    pub(super) fn file() -> Self {
        Self {
            strings: HashMap::new(),
            source: Source::JsonFile,
        }
    }
}

/// The marks of a definition written in the template (by a resource of `resource_type`),
/// from the spans its reader kept.
pub(super) fn inline(inline: &InlineDefinition, resource_type: StateMachineType) -> Marks {
    // The reader's JSON is valid (placeholders are quoted): it parses.
    let Ok(document) = Document::parse(inline.json()) else {
        return Marks::default();
    };
    let mut marks = HashMap::new();
    each_string(document.root(), &mut String::new(), &mut |pointer, node| {
        let span = node.span();
        let written = inline.json().get(span.start..span.end).unwrap_or_default();
        let resolved: Vec<usize> = written
            .match_indices("${")
            .enumerate()
            .filter(|(_, (offset, _))| {
                let at = span.start + offset;
                inline
                    .resolved
                    .iter()
                    .any(|resolved| resolved.start <= at && at < resolved.end)
            })
            .map(|(index, _)| index)
            .collect();
        let bare = inline
            .deployed
            .iter()
            .any(|deployed| deployed.start == span.start);
        if bare || !resolved.is_empty() {
            marks.insert(pointer.to_owned(), StringMarks { resolved, bare });
        }
    });
    let source = if inline.is_text() {
        Source::JsonText
    } else {
        Source::Definition(resource_type)
    };
    Marks {
        strings: marks,
        source,
    }
}

/// The marks of a YAML definition file: its plain scalars that are one placeholder.
#[cfg(feature = "yaml")]
pub(super) fn yaml(yaml: &crate::source::YamlDocument) -> Marks {
    let Ok(document) = Document::parse(yaml.json()) else {
        return Marks::default();
    };
    let mut marks = HashMap::new();
    each_string(document.root(), &mut String::new(), &mut |pointer, node| {
        let one_placeholder = node
            .as_str()
            .is_some_and(|text| super::write::whole_placeholder(&text).is_some());
        if one_placeholder && yaml.is_plain_scalar(pointer) {
            marks.insert(
                pointer.to_owned(),
                StringMarks {
                    resolved: Vec::new(),
                    bare: true,
                },
            );
        }
    });
    Marks {
        strings: marks,
        source: Source::YamlFile,
    }
}

/// Calls `visit` with the pointer of every string value below `node`.
fn each_string(node: Node<'_>, pointer: &mut String, visit: &mut impl FnMut(&str, Node<'_>)) {
    let children: Vec<(String, Node<'_>)> = match node.value() {
        NodeValue::String(_) => return visit(pointer, node),
        NodeValue::Object(members) => members
            .iter()
            .map(|member| (escape_pointer_segment(&member.key), member.value))
            .collect(),
        NodeValue::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (index.to_string(), item))
            .collect(),
        NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) => return,
    };
    for (segment, child) in children {
        let length = pointer.len();
        pointer.push('/');
        pointer.push_str(&segment);
        each_string(child, pointer, visit);
        pointer.truncate(length);
    }
}
