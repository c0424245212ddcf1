//! A minimal evaluator used until the full JSONPath, intrinsic and JSONata evaluators are
//! wired in: plain member and index paths only.

use serde_json::Value;
use sfn_dsl::model::{DynamicValue, Jsonata};

use super::{Failure, Scope, States};
use crate::executor::variables::Variables;

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

fn parse(path: &str) -> Option<(Root, Vec<Segment>)> {
    let (root, mut rest) = if let Some(rest) = path.strip_prefix("$$") {
        (Root::Context, rest)
    } else if let Some(rest) = path.strip_prefix('$') {
        let name_len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
            .map_or(rest.len(), |(index, _)| index);
        if name_len > 0 {
            (
                Root::Variable(rest[..name_len].to_owned()),
                &rest[name_len..],
            )
        } else {
            (Root::Input, rest)
        }
    } else {
        return None;
    };
    let mut segments = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return None;
            }
            segments.push(Segment::Key(after[..end].to_owned()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inner = &after[..end];
            if let Some(quoted) = inner
                .strip_prefix('\'')
                .and_then(|text| text.strip_suffix('\''))
            {
                segments.push(Segment::Key(quoted.to_owned()));
            } else {
                segments.push(Segment::Index(inner.trim().parse().ok()?));
            }
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some((root, segments))
}

#[derive(Debug)]
enum Root {
    Input,
    Context,
    Variable(String),
}

fn walk<'v>(path: &str, scope: &'v Scope<'_>) -> Result<Option<&'v Value>, Failure> {
    let (root, segments) =
        parse(path).ok_or_else(|| Failure::runtime(format!("Invalid path '{path}'")))?;
    let mut current = match root {
        Root::Input => scope.input,
        Root::Context => scope.context,
        Root::Variable(name) => match scope.variables.lookup(&name) {
            Some(value) => value,
            None => return Ok(None),
        },
    };
    for segment in segments {
        let next = match (&segment, current) {
            (Segment::Key(key), Value::Object(map)) => map.get(key),
            (Segment::Index(index), Value::Array(items)) => items.get(*index),
            _ => None,
        };
        match next {
            Some(value) => current = value,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
}

pub(super) fn select(path: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    walk(path, scope)?.cloned().ok_or_else(|| {
        Failure::runtime(format!(
            "Invalid path '{path}' : No results for path: {path}"
        ))
    })
}

pub(super) fn select_optional(path: &str, scope: &Scope<'_>) -> Result<Option<Value>, Failure> {
    Ok(walk(path, scope)?.cloned())
}

pub(super) fn set_reference(target: Value, path: &str, value: Value) -> Result<Value, Failure> {
    let (_, segments) =
        parse(path).ok_or_else(|| Failure::runtime(format!("Invalid path '{path}'")))?;
    if segments.is_empty() {
        return Ok(value);
    }
    let mut target = target;
    let mut current = &mut target;
    for segment in &segments {
        current = match (segment, current) {
            (Segment::Key(key), Value::Object(map)) => map
                .entry(key.clone())
                .or_insert_with(|| Value::Object(serde_json::Map::new())),
            (Segment::Index(index), Value::Array(items)) if *index < items.len() => {
                &mut items[*index]
            }
            _ => {
                return Err(Failure::state(
                    "States.ResultPathMatchFailure",
                    format!("Unable to apply ReferencePath {path} to input"),
                ));
            }
        };
    }
    *current = value;
    Ok(target)
}

pub(super) fn dynamic(
    value: &DynamicValue,
    scope: &Scope<'_>,
    field: &str,
) -> Result<Value, Failure> {
    match value {
        DynamicValue::Path(path) => walk(path.as_str(), scope)?.cloned().ok_or_else(|| {
            Failure::runtime(format!(
                "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{}'",
                scope.input
            ))
        }),
        DynamicValue::Intrinsic(call) => Err(Failure::runtime(format!(
            "intrinsic function `{call}` cannot be evaluated yet"
        ))),
    }
}

pub(super) fn jsonata(
    expression: &Jsonata,
    _states: &States<'_>,
    _variables: &Variables,
    location: &str,
) -> Result<Value, Failure> {
    Err(Failure::query(
        Some(location.to_owned()),
        format!(
            "The JSONata expression '{}' specified for the field '{location}' cannot be evaluated yet",
            expression.trimmed()
        ),
    ))
}
