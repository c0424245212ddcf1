//! Writing the `DefinitionSubstitutions` values into a definition, as the deployment's
//! text replacement does: in one pass (a value holding `${Other}` is not written into
//! again, as CloudFormation does not), each `${Key}` replaced by its value's text.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::Value as Json;

use super::Value;
use super::marks::{Marks, Source, StringMarks};
use crate::source::{Span, escape_pointer_segment};
use crate::template::StateMachineType;
use crate::{ParseError, ParseIssue, ParseIssueKind, StateMachine};

/// A placeholder that is a whole string value (written in quotes, or in a `Definition`
/// the deployment writes as JSON text), given a value that bare would be a number or
/// boolean: the deployment writes it as a string, which is why the definition may be
/// refused there.
struct Quoted {
    pointer: String,
    key: String,
    text: String,
}

/// `definition` with `values` written in, as the deployment writes them given `marks`.
pub(super) fn deployed(
    definition: &StateMachine,
    values: &HashMap<String, Value>,
    marks: &Marks,
) -> Result<StateMachine, ParseError> {
    let (json, quoted, issues) = write(definition, values, marks);
    if !issues.is_empty() {
        return Err(ParseError::new(issues));
    }
    StateMachine::from_value(&json).map_err(|error| with_notes(error, &quoted, marks))
}

/// The definition of a YAML file `text` (read as `definition`) with `values` written in:
/// the deployment replaces the placeholders in the file's text, then reads the YAML, so an
/// anchor, alias or merge key carries the value written in, and a plain scalar is read as
/// what the value's text is in YAML (`5`, `true`).
#[cfg(feature = "yaml")]
pub(super) fn deployed_yaml(
    text: &str,
    definition: &StateMachine,
    values: &HashMap<String, Value>,
    marks: &Marks,
) -> Result<StateMachine, ParseError> {
    let writer = Writer {
        values,
        marks,
        quoted: Vec::new(),
        issues: Vec::new(),
    };
    let written = writer.text(text, &[]);
    crate::source::YamlDocument::parse(&written)
        .map_err(|error| {
            error.map_issues(|issue| {
                issue.message = format!(
                    "with the `DefinitionSubstitutions` written in, {}",
                    issue.message
                );
            })
        })
        .and_then(|document| {
            StateMachine::from_json(document.json())
                .map_err(|error| document.relocate_error(&error))
        })
        .map_err(|error| {
            let (_, quoted, _) = write(definition, values, marks);
            with_notes(error, &quoted, marks)
        })
}

/// The JSON of `definition` with `values` written in, the quoted placeholders met and the
/// problems found (keys made equal).
fn write(
    definition: &StateMachine,
    values: &HashMap<String, Value>,
    marks: &Marks,
) -> (Json, Vec<Quoted>, Vec<ParseIssue>) {
    let mut writer = Writer {
        values,
        marks,
        quoted: Vec::new(),
        issues: Vec::new(),
    };
    let mut json = definition.to_value();
    writer.write(&mut json, &mut String::new());
    (json, writer.quoted, writer.issues)
}

/// `error` with the reason added to each problem at a quoted placeholder's field.
fn with_notes(error: ParseError, quoted: &[Quoted], marks: &Marks) -> ParseError {
    error.map_issues(|issue| {
        let Some(quoted) = quoted.iter().find(|quoted| quoted.pointer == issue.pointer) else {
            return;
        };
        let key = crate::shorten::shorten(&quoted.key, 80);
        let text = crate::shorten::shorten(&quoted.text, 80);
        let why = match &marks.source {
            Source::Definition(resource_type) => {
                let writer = match resource_type {
                    StateMachineType::Serverless => "SAM writes an inline",
                    StateMachineType::StepFunctions => "CloudFormation writes a",
                };
                format!(
                    "{writer} `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so the placeholder `${{{key}}}` is inside a JSON string there even as a plain YAML scalar"
                )
            }
            Source::JsonText => format!("the placeholder `\"${{{key}}}\"` is quoted"),
            #[cfg(feature = "yaml")]
            Source::YamlFile => format!("the placeholder `\"${{{key}}}\"` is quoted"),
        };
        // Writing into a `String` cannot fail.
        let _ = write!(
            issue.message,
            " ({why}, and the deployment replaces the text `${{{key}}}` alone, so it writes the string `\"{text}\"`)",
        );
    })
}

/// The key of a string that is one placeholder (`${Key}`).
pub(super) fn whole_placeholder(text: &str) -> Option<&str> {
    text.strip_prefix("${")?
        .strip_suffix('}')
        .filter(|key| !key.contains(['{', '}']))
}

struct Writer<'v> {
    values: &'v HashMap<String, Value>,
    marks: &'v Marks,
    quoted: Vec<Quoted>,
    /// What makes the written definition unreadable: keys that the values made equal to
    /// a key before them in the same object, a bare value the YAML does not read.
    issues: Vec<ParseIssue>,
}

impl Writer<'_> {
    /// Writes the values into `json`, which is at `pointer`.
    fn write(&mut self, json: &mut Json, pointer: &mut String) {
        match json {
            Json::String(text) => {
                if let Some(written) = self.string(text, pointer) {
                    *json = written;
                }
            }
            Json::Object(members) => {
                // Keys are written into too (they stay strings); the marks are by the
                // pointers as written.
                // The keys as written, by what they become.
                let mut written_from: HashMap<String, String> = HashMap::new();
                for (key, mut member) in std::mem::take(members) {
                    self.descend(&escape_pointer_segment(&key), &mut member, pointer);
                    let written = self.text(&key, &[]);
                    if let Some(first) = written_from.get(&written) {
                        let shown = |text: &str| crate::shorten::shorten(text, 80).into_owned();
                        self.issues.push(ParseIssue::new(
                            ParseIssueKind::DuplicateKey,
                            format!("{pointer}/{}", escape_pointer_segment(&key)),
                            Span::default(),
                            format!(
                                "the keys `{}` and `{}` of this object both become `{}` when the `DefinitionSubstitutions` are written in, so the deployed definition has a duplicate key",
                                shown(first),
                                shown(&key),
                                shown(&written),
                            ),
                        ));
                        continue;
                    }
                    written_from.insert(written.clone(), key);
                    members.insert(written, member);
                }
            }
            Json::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    self.descend(&index.to_string(), item, pointer);
                }
            }
            Json::Null | Json::Bool(_) | Json::Number(_) => {}
        }
    }

    fn descend(&mut self, segment: &str, json: &mut Json, pointer: &mut String) {
        let length = pointer.len();
        pointer.push('/');
        pointer.push_str(segment);
        self.write(json, pointer);
        pointer.truncate(length);
    }

    /// What the string `text` at `pointer` becomes, when the values change it.
    fn string(&mut self, text: &str, pointer: &str) -> Option<Json> {
        let default = StringMarks::default();
        let marks = self.marks.of(pointer).unwrap_or(&default);
        if let Some(key) = whole_placeholder(text)
            && !marks.resolved.contains(&0)
            && let Some(value) = self.values.get(key)
        {
            let (Value::Scalar(scalar) | Value::Text(scalar)) = value;
            if marks.bare {
                // Bare, the text written in is read as what it is (`5`, `true`, `[…]`).
                if let Some(read) = Marks::read_bare(scalar) {
                    return Some(read);
                }
            } else if serde_json::from_str::<Json>(scalar)
                .is_ok_and(|read| read.is_number() || read.is_boolean())
            {
                self.quoted.push(Quoted {
                    pointer: pointer.to_owned(),
                    key: key.to_owned(),
                    text: scalar.clone(),
                });
            }
        }
        let written = self.text(text, &marks.resolved);
        (written != text).then_some(Json::String(written))
    }

    /// `text` with the values written in for its placeholders, except the `${` numbered
    /// in `resolved`.
    fn text(&self, text: &str, resolved: &[usize]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut index = 0;
        while let Some(start) = rest.find("${") {
            let (before, from) = rest.split_at(start);
            out.push_str(before);
            let this = index;
            index += 1;
            let key = from
                .get(2..)
                .and_then(|after| after.split_once('}'))
                .map(|(key, _)| key)
                .filter(|key| !key.contains("${"));
            let value = key
                .filter(|_| !resolved.contains(&this))
                .and_then(|key| Some((key, self.values.get(key)?)));
            match value {
                Some((key, Value::Scalar(written) | Value::Text(written))) => {
                    out.push_str(written);
                    rest = from.get(key.len() + 3..).unwrap_or_default();
                }
                None => {
                    out.push_str("${");
                    rest = from.get(2..).unwrap_or_default();
                }
            }
        }
        out.push_str(rest);
        out
    }
}
