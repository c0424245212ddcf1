//! CloudFormation's functions inside a definition: each stands for a value known only at
//! deployment, written as a `${…}` placeholder the validator accepts wherever a deployment
//! substitution may stand.

use std::borrow::Cow;

use crate::source::{Node, NodeValue, Span, escape_pointer_segment};

/// A function call, `{"Ref": …}` or `{"Fn::Name": …}`: its key and its argument.
pub(super) fn call(node: Node<'_>) -> Option<(Cow<'_, str>, Node<'_>)> {
    let members = node.as_object()?;
    if members.len() != 1 {
        return None;
    }
    let member = members.iter().next()?;
    (member.key == "Ref" || member.key.starts_with("Fn::")).then_some((member.key, member.value))
}

/// The branch of an `Fn::If` that is read: the first, unless it is `AWS::NoValue`
/// (then the second), with its index in the argument.
fn if_branch(argument: Node<'_>) -> Option<(usize, Node<'_>)> {
    let NodeValue::Array(items) = argument.value() else {
        return None;
    };
    if items.len() != 3 {
        return None;
    }
    let first = items.get(1)?;
    let no_value = call(first).is_some_and(|(name, argument)| {
        name == "Ref" && argument.as_str().is_some_and(|name| name == "AWS::NoValue")
    });
    if no_value {
        Some((2, items.get(2)?))
    } else {
        Some((1, first))
    }
}

/// The element an `Fn::Select` picks from a list written out in the template, with its
/// index in that list.
fn selected(argument: Node<'_>) -> Option<(usize, Node<'_>)> {
    let NodeValue::Array(items) = argument.value() else {
        return None;
    };
    if items.len() != 2 {
        return None;
    }
    let index = match items.get(0)?.value() {
        NodeValue::Number(number) => usize::try_from(number.as_u64()?).ok()?,
        NodeValue::String(text) => text.parse().ok()?,
        _ => return None,
    };
    let NodeValue::Array(list) = items.get(1)?.value() else {
        return None;
    };
    Some((index, list.get(index)?))
}

/// The text a value stands for inside a string (an `Fn::Join` part, a `DefinitionString`):
/// strings and numbers as they are, functions as what they give, or as a `${…}`
/// placeholder when that is known only at deployment; `None` for objects and arrays.
pub(super) fn text(node: Node<'_>) -> Option<String> {
    match node.value() {
        NodeValue::String(text) => return Some(text.into_owned()),
        NodeValue::Number(number) => return Some(number.to_string()),
        NodeValue::Bool(value) => return Some(value.to_string()),
        NodeValue::Object(_) => {}
        NodeValue::Null | NodeValue::Array(_) => return None,
    }
    let (name, argument) = call(node)?;
    let text = match &*name {
        "Ref" => format!("${{{}}}", argument.as_str()?),
        "Fn::GetAtt" => format!("${{{}}}", attribute(argument)?),
        "Fn::Sub" => sub_string(argument)?.into_owned(),
        "Fn::Join" => join(argument)?,
        "Fn::If" => text(if_branch(argument)?.1)?,
        "Fn::Select" => match selected(argument) {
            Some((_, element)) => text(element)?,
            None => placeholder(&name),
        },
        _ => placeholder(&name),
    };
    Some(text)
}

/// The placeholder for a function whose result is known only at deployment.
fn placeholder(name: &str) -> String {
    format!("${{{name}}}")
}

/// `A.B` for `Fn::GetAtt`'s `["A", "B"]` or `"A.B"`.
pub(super) fn attribute(argument: Node<'_>) -> Option<String> {
    match argument.value() {
        NodeValue::String(text) => Some(text.into_owned()),
        NodeValue::Array(items) => {
            let parts: Option<Vec<String>> = items.iter().map(text).collect();
            Some(parts?.join("."))
        }
        _ => None,
    }
}

/// The string of an `Fn::Sub`: `"text"` or `["text", {variables}]`.
pub(super) fn sub_string(argument: Node<'_>) -> Option<Cow<'_, str>> {
    match argument.value() {
        NodeValue::String(text) => Some(text),
        NodeValue::Array(items) if matches!(items.len(), 1 | 2) => items.get(0)?.as_str(),
        _ => None,
    }
}

/// The text of an `Fn::Join` of parts written out in the template.
fn join(argument: Node<'_>) -> Option<String> {
    let (delimiter, parts) = join_parts(argument)?;
    let parts: Option<Vec<String>> = parts.iter().map(text).collect();
    Some(parts?.join(&delimiter))
}

/// The delimiter and the parts of an `Fn::Join` whose list is written out.
pub(super) fn join_parts(argument: Node<'_>) -> Option<(String, crate::source::Items<'_>)> {
    let NodeValue::Array(items) = argument.value() else {
        return None;
    };
    if items.len() != 2 {
        return None;
    }
    let delimiter = items.get(0)?.as_str()?.into_owned();
    let NodeValue::Array(parts) = items.get(1)?.value() else {
        return None;
    };
    Some((delimiter, parts))
}

/// Writes a definition written as template values as JSON, functions replaced.
pub(super) struct Writer<'t> {
    /// The text of the template's JSON document (values are copied from it as written).
    source: &'t str,
    pub(super) json: String,
    /// The definition pointer of the value being written.
    pointer: String,
    /// Definition pointers whose template pointer is not the plain one (below an `Fn::If`
    /// or `Fn::Select`), with that template pointer.
    pub(super) aliases: Vec<(String, String)>,
    /// Where placeholders stand for values that need not be strings (`Ref`, `Fn::GetAtt`;
    /// not `Fn::Sub` or `Fn::Join`, which give strings).
    pub(super) deployed: Vec<Span>,
    /// Where every function's text is.
    pub(super) generated: Vec<Span>,
}

impl<'t> Writer<'t> {
    pub(super) fn new(source: &'t str) -> Self {
        Self {
            source,
            json: String::new(),
            pointer: String::new(),
            aliases: Vec::new(),
            deployed: Vec::new(),
            generated: Vec::new(),
        }
    }

    /// Writes `node`, which is at `template_pointer` in the template.
    pub(super) fn value(&mut self, node: Node<'_>, template_pointer: &str) {
        if let Some((name, argument)) = call(node) {
            let branch = match &*name {
                "Fn::If" => if_branch(argument).map(|(index, branch)| (format!("{index}"), branch)),
                "Fn::Select" => {
                    selected(argument).map(|(index, element)| (format!("1/{index}"), element))
                }
                _ => None,
            };
            if let Some((path, branch)) = branch {
                let branch_pointer = format!(
                    "{template_pointer}/{}/{path}",
                    escape_pointer_segment(&name)
                );
                self.aliases
                    .push((self.pointer.clone(), branch_pointer.clone()));
                return self.value(branch, &branch_pointer);
            }
            let text = text(node).unwrap_or_else(|| placeholder(&name));
            let start = self.json.len();
            self.json.push_str(&json_string(&text));
            let span = Span::new(start, self.json.len());
            if name != "Fn::Sub" && name != "Fn::Join" {
                self.deployed.push(span);
            }
            self.generated.push(span);
            return;
        }
        match node.value() {
            NodeValue::Object(members) => {
                self.json.push('{');
                for (index, member) in members.iter().enumerate() {
                    if index > 0 {
                        self.json.push(',');
                    }
                    self.json.push_str(&json_string(&member.key));
                    self.json.push(':');
                    let segment = escape_pointer_segment(&member.key);
                    self.descend(&segment, member.value, template_pointer);
                }
                self.json.push('}');
            }
            NodeValue::Array(items) => {
                self.json.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.json.push(',');
                    }
                    self.descend(&index.to_string(), item, template_pointer);
                }
                self.json.push(']');
            }
            _ => {
                let span = node.span();
                self.json
                    .push_str(self.source.get(span.start..span.end).unwrap_or("null"));
            }
        }
    }

    fn descend(&mut self, segment: &str, node: Node<'_>, template_pointer: &str) {
        let length = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(segment);
        self.value(node, &format!("{template_pointer}/{segment}"));
        self.pointer.truncate(length);
    }
}

/// A string as a JSON string literal.
fn json_string(text: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(text).unwrap_or_default()
}
