//! The transform operator `|pattern|update[,delete]|`: copies its input and changes the
//! objects the pattern selects.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use super::frame::FrameId;
use super::ops::describe;
use super::{Evaluator, Res};
use crate::error::EvaluationError;
use crate::stack::value_level;
use crate::syntax::ast::TransformDef;
use crate::syntax::signature::Signature;
use crate::value::{Array, MAX_VALUE_DEPTH, Object, Value};

#[derive(Default)]
struct Change {
    set: Vec<(Rc<str>, Value)>,
    delete: Vec<Rc<str>>,
}

/// The signature jsonata-js gives the function a transform expression makes, `<(oa):o>`:
/// applied to a string, number, boolean or null it fails with `T0410`.
pub(super) fn signature() -> Option<&'static Signature> {
    static SIGNATURE: OnceLock<Option<Signature>> = OnceLock::new();
    SIGNATURE
        .get_or_init(|| Signature::parse("<(oa):o>").ok())
        .as_ref()
}

impl Evaluator<'_> {
    pub(super) fn transform(
        &self,
        def: &TransformDef,
        frame: FrameId,
        input: Option<Value>,
    ) -> Res {
        let Some(input) = input else { return Ok(None) };
        let copy = deep_copy(&input, 0)?;
        let selected = self.evaluate(&def.pattern, Some(&copy), frame)?;
        let mut changes: HashMap<usize, Change> = HashMap::new();
        // Keeps every matched object alive so that addresses stay unique while we work.
        let matched: Vec<Value> = selected
            .map(|value| value.items().to_vec())
            .unwrap_or_default();
        for item in &matched {
            self.tick(1)?;
            let update = self.evaluate(&def.update, Some(item), frame)?;
            let set = match update {
                None => Vec::new(),
                Some(Value::Object(map)) => {
                    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
                }
                Some(other) => {
                    return Err(EvaluationError::new(
                        "T2011",
                        format!("the insert/update clause of the transform expression must evaluate to an object: {}", describe(&other)),
                    )
                    .at(def.update.pos));
                }
            };
            let mut delete = Vec::new();
            if let Some(delete_node) = &def.delete {
                if let Some(deletions) = self.evaluate(delete_node, Some(item), frame)? {
                    for name in deletions.items() {
                        match name {
                            Value::String(name) => delete.push(name.clone()),
                            _ => {
                                return Err(EvaluationError::new(
                                    "T2012",
                                    format!(
                                        "the delete clause of the transform expression must evaluate to a string or array of strings: {}",
                                        describe(&deletions)
                                    ),
                                )
                                .at(delete_node.pos));
                            }
                        }
                    }
                }
            }
            if let Some((key, _)) = set.first() {
                refuse_property(item, key).map_err(|error| error.at(def.update.pos))?;
            }
            if let Value::Object(map) = item {
                let change = changes.entry(Rc::as_ptr(map) as usize).or_default();
                change.set.extend(set);
                change.delete.extend(delete);
            }
        }
        if changes.is_empty() {
            return Ok(Some(copy));
        }
        Ok(Some(rebuild(&copy, &changes, 0)))
    }
}

/// jsonata-js sets the update's properties on each match with JavaScript's `match[key] =`,
/// which throws a `TypeError` (that has no JSONata code) on a string, number, boolean or
/// null; an array takes the property, which JSON does not show.
fn refuse_property(item: &Value, key: &str) -> Result<(), EvaluationError> {
    let message = match item {
        Value::Null => format!("cannot set properties of null (setting '{key}')"),
        Value::Undefined => format!("cannot set properties of undefined (setting '{key}')"),
        Value::String(text) => format!("cannot create property '{key}' on string '{text}'"),
        Value::Number(number) => format!(
            "cannot create property '{key}' on number '{}'",
            crate::value::number::format_js(*number)
        ),
        Value::Bool(flag) => format!("cannot create property '{key}' on boolean '{flag}'"),
        Value::Array(_) | Value::Object(_) | Value::Function(_) => return Ok(()),
    };
    Err(EvaluationError::new("T2014", message))
}

/// A copy in which every array and object is a new allocation (so matches can be told
/// apart by address).
fn deep_copy(value: &Value, depth: usize) -> Result<Value, EvaluationError> {
    if depth > MAX_VALUE_DEPTH {
        return Err(EvaluationError::new(
            "U1004",
            "value nested too deeply to copy",
        ));
    }
    Ok(match value {
        Value::Array(array) => Value::Array(Rc::new(Array {
            items: array
                .items
                .iter()
                .map(|item| value_level(|| deep_copy(item, depth + 1)))
                .collect::<Result<_, _>>()?,
            ..Array::new(Vec::new())
        })),
        Value::Object(map) => Value::Object(Rc::new(
            map.iter()
                .map(|(key, item)| {
                    let item = value_level(|| deep_copy(item, depth + 1))?;
                    Ok((key.clone(), item))
                })
                .collect::<Result<Object, EvaluationError>>()?,
        )),
        other => other.clone(),
    })
}

fn rebuild(value: &Value, changes: &HashMap<usize, Change>, depth: usize) -> Value {
    if depth > MAX_VALUE_DEPTH {
        return value.clone();
    }
    match value {
        Value::Array(array) => Value::array(
            array
                .items
                .iter()
                .map(|item| value_level(|| rebuild(item, changes, depth + 1)))
                .collect(),
        ),
        Value::Object(map) => {
            let mut object: Object = map
                .iter()
                .map(|(k, v)| (k.clone(), value_level(|| rebuild(v, changes, depth + 1))))
                .collect();
            if let Some(change) = changes.get(&(Rc::as_ptr(map) as usize)) {
                for (key, item) in &change.set {
                    object.insert(key.clone(), item.clone());
                }
                for key in &change.delete {
                    object.shift_remove(key);
                }
            }
            Value::object(object)
        }
        other => other.clone(),
    }
}
