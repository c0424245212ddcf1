//! Writing the `DefinitionSubstitutions` values into a definition as the deployment does
//! (AWS's Step Functions resource provider): into the definition's text (the JSON text of
//! a `DefinitionString` or a JSON file, the JSON text a `Definition` written in the
//! template is turned into first, a YAML file's own text), each `${Key}` replaced by its
//! value's text as it is, over and over until nothing changes (see `replace`), and the
//! text read after. So a value's `"` or `\` is JSON's inside a JSON string, and a value
//! holding `${Other}` gets `Other`'s value too.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::rc::Rc;

use serde_json::Value as Json;

use super::Value;
use super::marks::{Marks, Source};
use super::replace::{Endless, Part, replace};
use crate::source::escape_pointer_segment;
use crate::template::StateMachineType;
use crate::{ParseError, ParseIssue, ParseIssueKind, StateMachine};

/// The language of the text the values are written into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Language {
    Json,
    #[cfg(feature = "yaml")]
    Yaml,
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Json => "JSON",
            #[cfg(feature = "yaml")]
            Self::Yaml => "YAML",
        })
    }
}

/// Why the deployment does not give a definition.
#[derive(Debug)]
pub(super) enum Refusal {
    /// The text reads, but not as a definition: its problems, at the written definition's
    /// pointers.
    Definition(ParseError),
    /// The value of `key`, written in at `place`, makes the text unreadable: the reader
    /// says `reason`.
    Unreadable {
        key: String,
        place: String,
        language: Language,
        reason: String,
    },
    /// These keys' values name each other (see [`Endless::Cycle`]).
    Cycle(Vec<String>),
    /// The text grows beyond what Step Functions accepts.
    TooLong,
}

impl From<Endless> for Refusal {
    fn from(endless: Endless) -> Self {
        match endless {
            Endless::Cycle(keys) => Self::Cycle(keys),
            Endless::TooLong => Self::TooLong,
        }
    }
}

/// A placeholder that is a whole string value (written in quotes, or in a `Definition`
/// the deployment writes as JSON text), given a value that bare would be a number or
/// boolean: the deployment writes it as a string, which is why the definition may be
/// refused there.
struct Quoted {
    pointer: String,
    key: String,
    text: String,
}

/// `definition` with `values` written in, as the deployment writes them into its JSON
/// text given `marks`.
pub(super) fn deployed(
    definition: &StateMachine,
    values: &HashMap<String, Value>,
    marks: &Marks,
) -> Result<StateMachine, Refusal> {
    let (parts, quoted) = json_parts(definition, values, marks);
    let parts = replace(parts, values)?;
    let (text, starts) = assemble(&parts);
    let error = match StateMachine::from_json(&text) {
        Ok(machine) => return Ok(machine),
        Err(error) => error,
    };
    let unreadable = error
        .issues()
        .iter()
        .find(|issue| matches!(issue.kind, ParseIssueKind::Syntax | ParseIssueKind::TooDeep));
    if let Some(issue) = unreadable {
        // The deployment reads a file that is not JSON as YAML.
        #[cfg(feature = "yaml")]
        if matches!(marks.source, Source::JsonFile)
            && let Ok(document) = crate::source::YamlDocument::parse(&text)
            && let Ok(machine) = StateMachine::from_json(document.json())
        {
            return Ok(machine);
        }
        if let Some(refusal) = culprit(&parts, &starts, issue, Language::Json) {
            return Err(refusal);
        }
    }
    let error = error.map_issues(|issue| {
        if issue.kind == ParseIssueKind::DuplicateKey {
            duplicate_key(issue, &text, &parts, &starts);
        }
        // Places in the written text are no one's.
        issue.span = crate::source::Span::default();
        issue.line = 0;
        issue.column = 0;
    });
    Err(Refusal::Definition(with_notes(error, &quoted, marks)))
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
) -> Result<StateMachine, Refusal> {
    let parts = replace(
        vec![Part::definition(text.to_owned(), Rc::from(""), 0)],
        values,
    )?;
    let (written, starts) = assemble(&parts);
    let document = match crate::source::YamlDocument::parse(&written) {
        Ok(document) => document,
        Err(error) => {
            let syntax = error
                .issues()
                .iter()
                .find(|issue| issue.kind == ParseIssueKind::Yaml);
            if let Some(issue) = syntax
                && let Some(refusal) = culprit(&parts, &starts, issue, Language::Yaml)
            {
                return Err(match refusal {
                    Refusal::Unreadable {
                        key,
                        language,
                        reason,
                        ..
                    } => Refusal::Unreadable {
                        key,
                        place: line_of(text, parts_at(&parts, &starts, issue)),
                        language,
                        reason,
                    },
                    other => other,
                });
            }
            return Err(Refusal::Definition(error.map_issues(|issue| {
                issue.message = format!(
                    "with the `DefinitionSubstitutions` written in, {}",
                    issue.message
                );
            })));
        }
    };
    StateMachine::from_json(document.json())
        .map_err(|error| document.relocate_error(&error))
        .map_err(|error| {
            let (_, quoted) = json_parts(definition, values, marks);
            Refusal::Definition(with_notes(error, &quoted, marks))
        })
}

/// `line L` of the byte `at` of `text`.
#[cfg(feature = "yaml")]
fn line_of(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or(text);
    format!("line {}", before.matches('\n').count() + 1)
}

/// Where in the text written before the replacement the part holding `issue` was.
#[cfg(feature = "yaml")]
fn parts_at(parts: &[Part], starts: &[usize], issue: &ParseIssue) -> usize {
    last_value_part(parts, starts, issue.span.start).map_or(0, |part| part.at)
}

/// The value's part written at or last before the byte `offset` of the written text.
fn last_value_part<'p>(parts: &'p [Part], starts: &[usize], offset: usize) -> Option<&'p Part> {
    let before = starts.partition_point(|start| *start <= offset);
    parts
        .get(..before)?
        .iter()
        .rev()
        .find(|part| part.key.is_some())
}

/// The refusal of a text that `issue` says is unreadable, when a value was written in at
/// or before its place (the reader stops there or after, never before).
fn culprit(
    parts: &[Part],
    starts: &[usize],
    issue: &ParseIssue,
    language: Language,
) -> Option<Refusal> {
    let part = last_value_part(parts, starts, issue.span.start)?;
    Some(Refusal::Unreadable {
        key: part.key.as_deref()?.to_owned(),
        place: crate::source::pointer_place(&part.pointer).to_owned(),
        language,
        reason: issue.message.clone(),
    })
}

/// Says which key of the definition became a duplicate, at that key's pointer.
fn duplicate_key(issue: &mut ParseIssue, text: &str, parts: &[Part], starts: &[usize]) {
    let Some(part) = parts
        .get(..starts.partition_point(|start| *start <= issue.span.start))
        .and_then(|before| before.iter().rev().find(|part| part.key.is_none()))
    else {
        return;
    };
    let became = text
        .get(issue.span.start..issue.span.end)
        .and_then(|key| serde_json::from_str::<String>(key).ok())
        .unwrap_or_default();
    let written = part
        .pointer
        .rsplit('/')
        .next()
        .map(crate::source::unescape_pointer_segment)
        .unwrap_or_default();
    let shown = |text: &str| crate::shorten::shorten(text, 80).into_owned();
    issue.pointer = part.pointer.to_string();
    issue.message = format!(
        "the key `{}` of this object becomes `{}` when the `DefinitionSubstitutions` are written in, as a key before it does, so the deployed definition has a duplicate key",
        shown(&written),
        shown(&became),
    );
}

/// The written text and where each part starts in it.
fn assemble(parts: &[Part]) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(parts.iter().map(|part| part.text.len()).sum());
    let mut starts = Vec::with_capacity(parts.len());
    for part in parts {
        starts.push(text.len());
        text.push_str(&part.text);
    }
    (text, starts)
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
            Source::JsonText | Source::JsonFile => {
                format!("the placeholder `\"${{{key}}}\"` is quoted")
            }
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

/// `text` as JSON writes it inside a string (`"` as `\"`, `\` as `\\`).
pub(super) fn json_string_body(text: &str) -> String {
    let quoted = Json::String(text.to_owned()).to_string();
    quoted
        .strip_prefix('"')
        .and_then(|body| body.strip_suffix('"'))
        .map_or_else(|| quoted.clone(), str::to_owned)
}

/// The JSON text the deployment writes `definition` as, in parts (see [`Part`]), and the
/// quoted placeholders met.
fn json_parts(
    definition: &StateMachine,
    values: &HashMap<String, Value>,
    marks: &Marks,
) -> (Vec<Part>, Vec<Quoted>) {
    let mut writer = JsonWriter {
        values,
        marks,
        parts: Vec::new(),
        length: 0,
        quoted: Vec::new(),
    };
    let root: Rc<str> = Rc::from("");
    writer.value(&definition.to_value(), &mut String::new(), &root);
    (writer.parts, writer.quoted)
}

/// Writes a definition's JSON text in parts, each string that may hold a placeholder in
/// its own, with its pointer.
struct JsonWriter<'v> {
    values: &'v HashMap<String, Value>,
    marks: &'v Marks,
    parts: Vec<Part>,
    /// The length of the text written so far.
    length: usize,
    quoted: Vec<Quoted>,
}

impl JsonWriter<'_> {
    /// Writes `json`, which is at `pointer`, inside the value at `container`.
    fn value(&mut self, json: &Json, pointer: &mut String, container: &Rc<str>) {
        match json {
            Json::String(text) => self.string(text, pointer),
            Json::Object(members) => {
                self.push("{", false, container);
                for (index, (key, member)) in members.iter().enumerate() {
                    if index > 0 {
                        self.push(",", false, container);
                    }
                    let length = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape_pointer_segment(key));
                    // Keys are written into too (they stay strings); each has its own
                    // part, to say which one a duplicate key is.
                    let at: Rc<str> = Rc::from(pointer.as_str());
                    self.push(&Json::String(key.clone()).to_string(), false, &at);
                    self.push(":", false, &at);
                    self.value(member, pointer, &at);
                    pointer.truncate(length);
                }
                self.push("}", false, container);
            }
            Json::Array(items) => {
                self.push("[", false, container);
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.push(",", false, container);
                    }
                    let length = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    self.value(item, pointer, container);
                    pointer.truncate(length);
                }
                self.push("]", false, container);
            }
            Json::Null | Json::Bool(_) | Json::Number(_) => {
                self.push(&json.to_string(), false, container);
            }
        }
    }

    /// Writes the string `text` at `pointer`: as a JSON string, its `${` that
    /// CloudFormation writes kept from the replacement, or bare, as the template writes it.
    fn string(&mut self, text: &str, pointer: &str) {
        let marks = self.marks.of(pointer);
        let resolved = marks.map_or(&[][..], |marks| &marks.resolved[..]);
        let bare = marks.is_some_and(|marks| marks.bare);
        let at: Rc<str> = Rc::from(pointer);
        let placeholder = whole_placeholder(text)
            .filter(|_| !resolved.contains(&0))
            .and_then(|key| Some((key, self.values.get(key)?)));
        if let Some((key, value)) = placeholder {
            // Bare, the text written in is read as what it is (`5`, `true`, `[…]`); a
            // value only the deployment knows stays a string, as written.
            if bare && value.is_known() {
                self.push(text, false, &at);
                return;
            }
            let written = value.text();
            if !bare
                && serde_json::from_str::<Json>(&written)
                    .is_ok_and(|read| read.is_number() || read.is_boolean())
            {
                self.quoted.push(Quoted {
                    pointer: pointer.to_owned(),
                    key: key.to_owned(),
                    text: written,
                });
            }
        }
        let encoded = Json::String(text.to_owned()).to_string();
        if resolved.is_empty() {
            self.push(&encoded, false, &at);
            return;
        }
        // JSON escapes none of `$`, `{`, `}`: the `${` of the text are those of its JSON.
        let mut written_up_to = 0;
        for (index, (start, _)) in encoded.match_indices("${").enumerate() {
            if !resolved.contains(&index) || start < written_up_to {
                continue;
            }
            let end = encoded
                .get(start..)
                .and_then(|from| from.find('}'))
                .map_or(encoded.len(), |close| start + close + 1);
            self.push(
                encoded.get(written_up_to..start).unwrap_or_default(),
                false,
                &at,
            );
            self.push(encoded.get(start..end).unwrap_or_default(), true, &at);
            written_up_to = end;
        }
        self.push(encoded.get(written_up_to..).unwrap_or_default(), false, &at);
    }

    /// Adds `text`, to the last part when it is of the same kind and place.
    fn push(&mut self, text: &str, resolved: bool, pointer: &Rc<str>) {
        if text.is_empty() {
            return;
        }
        let at = self.length;
        self.length += text.len();
        if let Some(last) = self.parts.last_mut()
            && !resolved
            && !last.resolved
            && Rc::ptr_eq(&last.pointer, pointer)
        {
            last.text.push_str(text);
            return;
        }
        let mut part = Part::definition(text.to_owned(), Rc::clone(pointer), at);
        part.resolved = resolved;
        self.parts.push(part);
    }
}
