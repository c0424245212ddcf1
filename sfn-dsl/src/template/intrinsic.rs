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
        "Fn::Sub" => sub_text(argument, text)?.text,
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

/// The text a value stands for inside a string, as [`text`] gives it, with where in it
/// CloudFormation writes a value of its own when it deploys (a `Ref`'s or `Fn::GetAtt`'s
/// placeholder, an `Fn::Sub`'s variables): `${…}` there are never `DefinitionSubstitutions`
/// placeholders, where those of the template's literal strings (an `Fn::Join`'s literal
/// parts, the `${Name}` an `Fn::Sub`'s `${!Name}` gives) are.
pub(super) fn resolved_text(node: Node<'_>) -> Option<(String, Vec<Span>)> {
    let Some((name, argument)) = call(node) else {
        return Some((text(node)?, Vec::new()));
    };
    match &*name {
        "Fn::Sub" => {
            let sub = sub_text(argument, text)?;
            Some((sub.text, sub.variables))
        }
        "Fn::Join" => {
            let (delimiter, parts) = join_parts(argument)?;
            let mut joined = String::new();
            let mut resolved = Vec::new();
            for (index, part) in parts.iter().enumerate() {
                if index > 0 {
                    joined.push_str(&delimiter);
                }
                let (part_text, part_resolved) = resolved_text(part)?;
                let at = joined.len();
                resolved.extend(
                    part_resolved
                        .iter()
                        .map(|span| Span::new(at + span.start, at + span.end)),
                );
                joined.push_str(&part_text);
            }
            Some((joined, resolved))
        }
        "Fn::If" => resolved_text(if_branch(argument)?.1),
        "Fn::Select" => match selected(argument) {
            Some((_, element)) => resolved_text(element),
            None => Some(whole(placeholder(&name))),
        },
        _ => Some(whole(text(node)?)),
    }
}

/// A text CloudFormation writes as a whole.
fn whole(text: String) -> (String, Vec<Span>) {
    let span = Span::new(0, text.len());
    (text, vec![span])
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

/// The text an `Fn::Sub` gives, as far as the template says it.
#[derive(Debug)]
pub(super) struct SubText {
    /// The string, each escape written as what it gives (`${!Name}` is the literal
    /// `${Name}`, left for the `DefinitionSubstitutions`) and each variable of the map
    /// replaced by its value (a function's as its placeholder); the template's own
    /// variables stay `${…}`, for the deployment to fill in.
    pub(super) text: String,
    /// Where `text` holds a variable the deployment fills in (`${AWS::Region}`,
    /// `${Orders.Arn}`): not a `DefinitionSubstitutions` placeholder.
    pub(super) variables: Vec<Span>,
    /// Where `text` is not the string as written: the span in `text` and the length it
    /// has in the string (`${` written as `${!`, a variable's value written for `${Name}`).
    pub(super) edits: Vec<(Span, usize)>,
}

/// What an `Fn::Sub` (`"text"` or `["text", {variables}]`) gives, CloudFormation's way:
/// `${!Name}` is the literal `${Name}`; `${Name}` is the map's value of `Name`, written
/// as `value` gives it (`None`, a value that cannot be told, makes the whole `None`), or
/// else the template's own parameter, resource or pseudo parameter, left as written.
/// `None` when the argument is not of that form.
pub(super) fn sub_text(
    argument: Node<'_>,
    value: impl Fn(Node<'_>) -> Option<String>,
) -> Option<SubText> {
    let (string, variables) = match argument.value() {
        NodeValue::String(text) => (text, None),
        NodeValue::Array(items) if matches!(items.len(), 1 | 2) => {
            let variables = match items.get(1) {
                Some(map) => Some(map.as_object()?),
                None => None,
            };
            (items.get(0)?.as_str()?, variables)
        }
        _ => return None,
    };
    let mut out = SubText {
        text: String::with_capacity(string.len()),
        variables: Vec::new(),
        edits: Vec::new(),
    };
    let mut rest = &*string;
    while let Some(start) = rest.find("${") {
        let (before, from) = rest.split_at(start);
        out.text.push_str(before);
        if let Some(after) = from.strip_prefix("${!") {
            let at = out.text.len();
            out.text.push_str("${");
            out.edits.push((Span::new(at, at + 2), 3));
            rest = after;
            continue;
        }
        let Some(end) = from.find('}') else {
            rest = from;
            break;
        };
        let (reference, after) = from.split_at(end + 1);
        let name = reference.get(2..end).unwrap_or_default();
        let at = out.text.len();
        if let Some(given) = variables.and_then(|variables| variables.get(name)) {
            let written = value(given)?;
            out.text.push_str(&written);
            let span = Span::new(at, out.text.len());
            out.edits.push((span, reference.len()));
            // A value the template writes is text of the definition, and so is the
            // literal text a function of it gives (an `Fn::Sub`'s `${!Name}`, an
            // `Fn::Join`'s literal parts); what CloudFormation resolves in it (a `Ref`,
            // a parameter) is known at deployment.
            if call(given).is_some() {
                match resolved_text(given) {
                    Some((read, resolved)) if read == written => out.variables.extend(
                        resolved
                            .iter()
                            .map(|inner| Span::new(at + inner.start, at + inner.end)),
                    ),
                    _ => out.variables.push(span),
                }
            }
        } else {
            out.text.push_str(reference);
            out.variables.push(Span::new(at, out.text.len()));
        }
        rest = after;
    }
    out.text.push_str(rest);
    Some(out)
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
    /// Where CloudFormation writes values of its own (see [`resolved_text`]).
    pub(super) resolved: Vec<Span>,
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
            resolved: Vec::new(),
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
            let read = resolved_text(node);
            // An `Fn::Sub`'s text is the template's, but for its variables (its `${!Name}`
            // escapes give `DefinitionSubstitutions` placeholders); every other function's
            // text is generated.
            let sub = name == "Fn::Sub" && read.is_some();
            let (written, resolved) = read.unwrap_or_else(|| whole(placeholder(&name)));
            let start = self.json.len();
            let resolved = self.string(&written, &resolved);
            let span = Span::new(start, self.json.len());
            if sub {
                self.generated.extend_from_slice(&resolved);
            } else {
                self.generated.push(span);
            }
            if name != "Fn::Sub" && name != "Fn::Join" {
                self.deployed.push(span);
            }
            self.resolved.extend(resolved);
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

    /// Writes `text` as a JSON string literal; gives where its `marks` are in the JSON.
    fn string(&mut self, text: &str, marks: &[Span]) -> Vec<Span> {
        self.json.push('"');
        let mut written = 0;
        let mut moved = Vec::with_capacity(marks.len());
        for mark in marks {
            let before = text.get(written..mark.start).unwrap_or_default();
            self.json.push_str(&json_string_body(before));
            let start = self.json.len();
            let inside = text.get(mark.start..mark.end).unwrap_or_default();
            self.json.push_str(&json_string_body(inside));
            moved.push(Span::new(start, self.json.len()));
            written = mark.end;
        }
        self.json
            .push_str(&json_string_body(text.get(written..).unwrap_or_default()));
        self.json.push('"');
        moved
    }

    fn descend(&mut self, segment: &str, node: Node<'_>, template_pointer: &str) {
        let length = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(segment);
        self.value(node, &format!("{template_pointer}/{segment}"));
        self.pointer.truncate(length);
    }
}

/// A string as it is written between the quotes of a JSON string literal.
fn json_string_body(text: &str) -> String {
    let literal = json_string(text);
    literal
        .get(1..literal.len().saturating_sub(1))
        .unwrap_or_default()
        .to_owned()
}

/// A string as a JSON string literal.
fn json_string(text: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(text).unwrap_or_default()
}
