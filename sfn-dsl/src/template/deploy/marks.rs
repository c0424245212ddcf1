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
    /// JSON text: a `DefinitionString`, a JSON definition file. A bare placeholder's value
    /// is read as JSON.
    #[default]
    JsonText,
    /// A `Definition` written as template values, which the deployment (SAM for this
    /// resource type, or CloudFormation) writes as JSON text before it writes in the
    /// substitutions: each placeholder is then inside a JSON string, however the template
    /// writes it.
    Definition(StateMachineType),
    /// A YAML definition file, with its text: a bare placeholder's value is read as YAML
    /// reads the file with it written in.
    #[cfg(feature = "yaml")]
    YamlFile(String),
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
    /// Where a bare placeholder of a YAML file is in its text.
    #[cfg(feature = "yaml")]
    pub(super) place: Option<crate::source::Span>,
}

impl Marks {
    /// The marks of the string at `pointer`.
    pub(super) fn of(&self, pointer: &str) -> Option<&StringMarks> {
        self.strings.get(pointer)
    }

    /// What the bare placeholder of `marks`, the marks of the string at `pointer`, is read
    /// as with `written` written in for it: as JSON in JSON text, as YAML reads the file
    /// with it written in (`True` and `+5` are `true` and `5`, where JSON reads neither).
    /// `Ok(None)` when JSON does not read it (the deployment's JSON is then invalid; the
    /// text is kept as a string), an error message when the YAML does not read.
    #[cfg_attr(
        not(feature = "yaml"),
        expect(
            clippy::unused_self,
            clippy::unnecessary_wraps,
            reason = "only YAML files, read with the `yaml` feature, need the source or fail"
        )
    )]
    pub(super) fn read_bare(
        &self,
        pointer: &str,
        marks: &StringMarks,
        written: &str,
    ) -> Result<Option<serde_json::Value>, String> {
        #[cfg(feature = "yaml")]
        if let (Source::YamlFile(text), Some(place)) = (&self.source, marks.place) {
            return read_yaml(text, place, pointer, written).map(Some);
        }
        #[cfg(not(feature = "yaml"))]
        let _ = (pointer, marks);
        Ok(serde_json::from_str(written).ok())
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
            marks.insert(
                pointer.to_owned(),
                StringMarks {
                    resolved,
                    bare,
                    #[cfg(feature = "yaml")]
                    place: None,
                },
            );
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
                    place: yaml.locate(pointer),
                },
            );
        }
    });
    Marks {
        strings: marks,
        source: Source::YamlFile(yaml.text().to_owned()),
    }
}

/// The value at `pointer` of the YAML `text` with `written` written at `place` (a plain
/// scalar), as the deployment's text replacement has it read.
#[cfg(feature = "yaml")]
fn read_yaml(
    text: &str,
    place: crate::source::Span,
    pointer: &str,
    written: &str,
) -> Result<serde_json::Value, String> {
    let before = text.get(..place.start).unwrap_or_default();
    let after = text.get(place.end..).unwrap_or_default();
    let replaced = format!("{before}{written}{after}");
    let unreadable = |why: &str| {
        format!(
            "the deployment writes `{}` here, which the YAML does not read ({why})",
            crate::shorten::shorten(written, 80)
        )
    };
    let document =
        crate::source::YamlDocument::parse(&replaced).map_err(|error| match error.issues() {
            [first, ..] => unreadable(&first.message),
            [] => unreadable("a syntax error"),
        })?;
    let json: serde_json::Value =
        serde_json::from_str(document.json()).map_err(|error| unreadable(&error.to_string()))?;
    json.pointer(pointer)
        .cloned()
        .ok_or_else(|| unreadable("the value is no longer there"))
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
