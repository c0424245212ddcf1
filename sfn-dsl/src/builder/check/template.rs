//! JSONPath payload templates that set a key twice, as `key` and as `key.$`: AWS removes
//! the `.$` and refuses the object (the validator's `invalid-payload-template` rule).
//!
//! A request's own keys cannot collide ([`Request::field`](crate::builder::Request::field)
//! turns `"key.$"` into `key` and replaces the earlier field), so only JSON values are
//! walked: the `json!(…)` objects inside requests and `Assign` values, checked as they are
//! written once the state's query language is known, and the payloads set by hand
//! (`Parameters`, `ResultSelector`, `ItemSelector`, `BatchInput`), checked by their setters
//! (as problems reported only if the state uses JSONPath), so that writing a state costs
//! nothing more for them.

use crate::builder::arg::{Arg, Entry};
use crate::builder::chain::Problem;
use crate::builder::lower::{Loc, Lowering};
use crate::error::{BuildIssue, BuildIssueKind};
use crate::model::{DYNAMIC_KEY_SUFFIX, Payload, PayloadField, QueryLanguage};
use crate::source::escape_pointer_segment;

/// The kind of the issue.
const KIND: BuildIssueKind = BuildIssueKind::ConflictingFields;

/// One step from a field down to an object inside it.
#[derive(Clone, Copy, Debug)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Checks `payload`, set by hand as the field `field` (a pointer below the state, such as
/// `/ResultSelector`): each object that sets a key twice becomes a problem reported if the
/// state uses JSONPath. The problems of an earlier payload of the same field are dropped.
#[inline]
pub(in crate::builder) fn set_by_hand(
    problems: &mut Vec<Problem>,
    field: &'static str,
    payload: &Payload,
) {
    if !problems.is_empty() {
        forget(problems, field);
    }
    // The usual selector, `{"result.$": "$.Payload"}`: a single field holding no object or
    // array collides with nothing.
    let single = match payload {
        Payload::Object(object) => {
            object.len() < 2
                && !matches!(
                    object.iter().next(),
                    Some((
                        _,
                        PayloadField::Value(Payload::Object(_) | Payload::Array(_))
                    ))
                )
        }
        Payload::Array(_) => false,
        _ => true,
    };
    if !single {
        walk_by_hand(problems, field, payload);
    }
}

/// Drops the problems [`set_by_hand`] found in an earlier payload of `field`.
#[cold]
#[inline(never)]
fn forget(problems: &mut Vec<Problem>, field: &str) {
    problems.retain(|problem| {
        let below = problem
            .field
            .strip_prefix(field)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        !(below && problem.kind == KIND && problem.language == Some(QueryLanguage::JsonPath))
    });
}

#[inline(never)]
fn walk_by_hand(problems: &mut Vec<Problem>, field: &'static str, payload: &Payload) {
    payload_duplicates(payload, &mut Vec::new(), &mut |steps, name| {
        let (pointer, path) = locate(field, None, steps);
        problems.push(
            Problem::new(KIND, pointer, message(&path, name))
                .with_hint(hint(name))
                .only_in(QueryLanguage::JsonPath),
        );
    });
}

/// Whether a request field can hold an object (most are strings, numbers or paths).
#[inline]
pub(in crate::builder) fn may_hold_objects(arg: &Arg) -> bool {
    matches!(
        arg,
        Arg::Value(Payload::Object(_) | Payload::Array(_)) | Arg::Object(_) | Arg::Array(_)
    )
}

/// Reports the objects that set a key twice in the fields of a request written into
/// `field` (such as `/Parameters`) of a JSONPath state.
#[inline(never)]
pub(in crate::builder) fn request(
    lowering: &mut Lowering,
    fields: &[Entry],
    loc: Loc<'_>,
    field: &dyn Fn() -> String,
) {
    for entry in fields {
        if may_hold_objects(&entry.arg) {
            arg_duplicates(&entry.arg, &mut Vec::new(), &mut |steps, name| {
                let (pointer, path) = locate(&field(), Some(&entry.key), steps);
                lowering.issues.push(
                    BuildIssue::new(
                        KIND,
                        loc.field(&pointer),
                        Some(loc.name.clone()),
                        message(&path, name),
                    )
                    .with_hint(hint(name)),
                );
            });
        }
    }
}

/// Calls `found` with the steps to each object inside `arg` that sets a key twice, and
/// the key.
fn arg_duplicates<'a>(
    arg: &'a Arg,
    steps: &mut Vec<Step<'a>>,
    found: &mut dyn FnMut(&[Step<'a>], &str),
) {
    match arg {
        Arg::Value(payload) => payload_duplicates(payload, steps, found),
        Arg::Object(request) => {
            for (key, value) in request.iter() {
                steps.push(Step::Key(key));
                arg_duplicates(value, steps, found);
                steps.pop();
            }
        }
        Arg::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                steps.push(Step::Index(index));
                arg_duplicates(item, steps, found);
                steps.pop();
            }
        }
        _ => {}
    }
}

/// Calls `found` with the steps to each object of `payload` (itself included) that sets a
/// key twice, and the key.
fn payload_duplicates<'a>(
    payload: &'a Payload,
    steps: &mut Vec<Step<'a>>,
    found: &mut dyn FnMut(&[Step<'a>], &str),
) {
    match payload {
        Payload::Object(object) => {
            // A single field cannot collide with another.
            let several = object.len() > 1;
            for (key, field) in object.iter() {
                match field {
                    PayloadField::Dynamic(_) if several => {
                        if let Some(name) = key.strip_suffix(DYNAMIC_KEY_SUFFIX)
                            && object.get(name).is_some()
                        {
                            found(steps, name);
                        }
                    }
                    PayloadField::Value(value @ (Payload::Object(_) | Payload::Array(_))) => {
                        steps.push(Step::Key(key));
                        payload_duplicates(value, steps, found);
                        steps.pop();
                    }
                    PayloadField::Dynamic(_) | PayloadField::Value(_) => {}
                }
            }
        }
        Payload::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                steps.push(Step::Index(index));
                payload_duplicates(item, steps, found);
                steps.pop();
            }
        }
        _ => {}
    }
}

/// The pointer below the state of the object at `steps` below `field` (and its request
/// field `key`, if any), and the same path unescaped for the message.
#[cold]
#[inline(never)]
fn locate(field: &str, key: Option<&str>, steps: &[Step<'_>]) -> (String, String) {
    let mut pointer = field.to_owned();
    let mut path = field.trim_start_matches('/').to_owned();
    for step in key.map(Step::Key).iter().chain(steps) {
        match step {
            Step::Key(key) => {
                pointer.push('/');
                pointer.push_str(&escape_pointer_segment(key));
                path.push('/');
                path.push_str(key);
            }
            Step::Index(index) => {
                let index = index.to_string();
                pointer.push('/');
                pointer.push_str(&index);
                path.push('/');
                path.push_str(&index);
            }
        }
    }
    (pointer, path)
}

fn message(path: &str, name: &str) -> String {
    format!(
        "the object at `{path}` sets `{name}` twice, as `{name}` and as `{name}.$`: a JSONPath payload template removes the `.$`, so the two are the same key"
    )
}

fn hint(name: &str) -> String {
    format!(
        "keep one of them: `{name}` for a fixed value, `{name}.$` for a path or intrinsic function"
    )
}
