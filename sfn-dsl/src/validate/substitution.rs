//! `${Name}` placeholders checked against the keys of the machine's
//! `DefinitionSubstitutions`, when they are known.

use super::code::Code;
use super::diagnostic::Diagnostic;
use crate::model::substitution_names;
use crate::source::{Document, Node, NodeValue, escape_pointer_segment};

/// An `unknown-substitution` warning for every placeholder in a string of the document
/// that no key names.
pub(super) fn check(document: &Document, keys: &[String]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut pointer = String::new();
    walk(document.root(), &mut pointer, keys, &mut diagnostics);
    diagnostics
}

fn walk(node: Node<'_>, pointer: &mut String, keys: &[String], out: &mut Vec<Diagnostic>) {
    match node.value() {
        NodeValue::String(text) => {
            let mut told: Vec<&str> = Vec::new();
            for name in substitution_names(&text) {
                // A pseudo parameter (`${AWS::Partition}`) is no exception: only `Fn::Sub`
                // fills it in, and the `${…}` an `Fn::Sub` of a template writes are not
                // checked here (the template's validation drops them).
                // A template's dynamic reference (`{{resolve:ssm:/a}}`), which validation
                // reads as `${{resolve:ssm:/a}`: CloudFormation fills it in.
                let dynamic = name.starts_with("{resolve:");
                if name.is_empty()
                    || dynamic
                    || told.contains(&name)
                    || keys.iter().any(|key| key == name)
                {
                    continue;
                }
                told.push(name);
                let mut diagnostic = warning(pointer, name, keys);
                if let Some(offset) = text.find(&format!("${{{name}}}")) {
                    diagnostic = diagnostic.inside_value(offset);
                }
                out.push(diagnostic);
            }
        }
        NodeValue::Object(members) => {
            for member in members.iter() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_pointer_segment(&member.key));
                walk(member.value, pointer, keys, out);
                pointer.truncate(length);
            }
        }
        NodeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(item, pointer, keys, out);
                pointer.truncate(length);
            }
        }
        NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) => {}
    }
}

fn warning(pointer: &str, name: &str, keys: &[String]) -> Diagnostic {
    let shown = crate::shorten::shorten(name, 80);
    let diagnostic = Diagnostic::new(
        Code::UnknownSubstitution,
        pointer,
        format!(
            "`${{{shown}}}` is not among the substitutions given, so a CloudFormation deployment leaves it as written and Terraform's `templatefile()` fails"
        ),
    );
    let mut diagnostic = diagnostic;
    diagnostic.state = super::diagnostic::state_of_pointer(pointer);
    if let Some(pseudo) = name.strip_prefix("AWS::") {
        let key = crate::shorten::shorten(pseudo, 80);
        return diagnostic.with_hint(format!(
            "the deployment fills in `${{{shown}}}` only inside an `Fn::Sub`: add `{key}: !Ref {shown}` to the `DefinitionSubstitutions` and write `${{{key}}}`, or build the definition with `Fn::Sub`"
        ));
    }
    match crate::suggest::closest(name, keys.iter().map(String::as_str)) {
        Some(key) => diagnostic.with_hint(format!("did you mean `${{{key}}}`?")),
        None => diagnostic.with_hint(format!(
            "add `{shown}` to the substitutions (the resource's `DefinitionSubstitutions`, or the variables given to `templatefile()`)"
        )),
    }
}
