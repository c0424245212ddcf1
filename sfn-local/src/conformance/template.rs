//! Which template a recording ran: the mapped ones first, then any template of the suite
//! that fits what the recording shows.
//!
//! A template *fits* a recording when its `StartAt` is the first state entered, it defines
//! every state entered with the recorded type (`PassStateEntered` needs a Pass state), and
//! each Task state's `Resource` could have written the recorded scheduled event (a Lambda
//! function ARN for `LambdaFunctionScheduled`, the same service integration for
//! `TaskScheduled`, or a placeholder the test filled in). The suite's map is not always
//! right (`test_task_lambda_data_limit_exceeded_on_large_utf8_response` is mapped to the
//! service-integration variant but called the function by ARN) and lacks some tests
//! (`test_array_get_item`, the `test_logs` cases); a template found by fit is taken only
//! when its name is the one the test's name or parameter suggests, or it is the only fit.

use std::path::Path;

use serde_json::{Map, Value};

use super::case::History;

/// A template's shape: what decides whether it fits a recording.
#[derive(Clone, Debug)]
pub(crate) struct Shape {
    /// The path relative to the templates folder.
    pub(crate) path: String,
    start_at: Option<String>,
    /// Every state, nested ones included: name, `Type`, `Resource`.
    states: Vec<(String, String, Option<String>)>,
}

/// How many equally likely templates a case runs before it gives up.
const MAX_ALTERNATIVES: usize = 3;

/// Every template of a suite, by shape.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    shapes: Vec<Shape>,
}

impl Index {
    /// Reads every `*.json` file under `folder` that looks like a state machine.
    pub(crate) fn read(folder: &Path) -> Self {
        let mut shapes = Vec::new();
        let mut pending = vec![folder.to_owned()];
        while let Some(directory) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&directory) else {
                continue;
            };
            let mut entries: Vec<_> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                if path.extension().and_then(|extension| extension.to_str()) != Some("json") {
                    continue;
                }
                let Some(value) = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                else {
                    continue;
                };
                let relative = path
                    .strip_prefix(folder)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                if let Some(shape) = Shape::of(relative, &value) {
                    shapes.push(shape);
                }
            }
        }
        shapes.sort_by(|left, right| left.path.cmp(&right.path));
        Self { shapes }
    }

    /// The template that fits `history` best, or why none can be chosen.
    pub(crate) fn find(
        &self,
        history: &History,
        test_id: &str,
        mapped: &[String],
    ) -> Result<Vec<&Shape>, String> {
        if history.entered.is_empty() {
            return Err("no template is mapped to the test, and the recording entered no state that would identify one".to_owned());
        }
        let fits: Vec<&Shape> = self
            .shapes
            .iter()
            .filter(|shape| shape.fits(history))
            .collect();
        match fits.as_slice() {
            [] => Err(format!(
                "no template of the suite defines the states the recording entered ({})",
                history
                    .entered
                    .iter()
                    .take(4)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            [only] => Ok(vec![only]),
            several => {
                // Named by the test first, then named like the mapped template (the same
                // test for a Lambda ARN instead of the `lambda:invoke` integration).
                let score = |shape: &Shape| {
                    (
                        affinity(&shape.path, test_id),
                        mapped
                            .iter()
                            .map(|template| likeness(&shape.path, template))
                            .max()
                            .unwrap_or(0),
                    )
                };
                let best = several
                    .iter()
                    .map(|shape| score(shape))
                    .max()
                    .unwrap_or((0, 0));
                let named: Vec<&Shape> = several
                    .iter()
                    .filter(|shape| score(shape) == best)
                    .copied()
                    .collect();
                // A few equally likely templates all run; the case passes only if every
                // one reproduces the recording.
                if named.len() <= MAX_ALTERNATIVES {
                    return Ok(named);
                }
                Err(format!(
                    "{} templates define the states the recording entered ({}, …) and the test's name does not say which ran",
                    named.len(),
                    named
                        .iter()
                        .take(3)
                        .map(|shape| shape.path.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
    }

    /// The shape of the template at `path`, if the index has it.
    pub(crate) fn shape(&self, path: &str) -> Option<&Shape> {
        self.shapes.iter().find(|shape| shape.path == path)
    }
}

/// How alike two template names are: the length of their common start and end.
fn likeness(path: &str, other: &str) -> usize {
    let stem = |path: &'_ str| -> String {
        path.rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".json")
            .to_owned()
    };
    let (left, right) = (stem(path), stem(other));
    let prefix = left
        .chars()
        .zip(right.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = left
        .chars()
        .rev()
        .zip(right.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (prefix + suffix).min(left.chars().count().min(right.chars().count()))
}

/// How strongly a test id names a template: 3 when the test function is named after it
/// (`test_array_get_item` and `array_get_item.json`), 2 when the parameter names its file
/// (`test_base[pass_result.json5_ALL_False]`), 1 when the function's name contains it.
pub(crate) fn affinity(path: &str, test_id: &str) -> u8 {
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".json");
    let (function, parameter) = match test_id.split_once('[') {
        Some((function, parameter)) => (function, Some(parameter)),
        None => (test_id, None),
    };
    let function = function.rsplit("::").next().unwrap_or(function);
    let name = function.strip_prefix("test_").unwrap_or(function);
    if name == stem {
        3
    } else if parameter.is_some_and(|parameter| {
        parameter.starts_with(&format!("{stem}.json")) || parameter == format!("{stem}]")
    }) {
        2
    } else {
        u8::from(name.contains(stem))
    }
}

impl Shape {
    fn of(path: String, value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        object.get("States")?.as_object()?;
        let mut states = Vec::new();
        collect(object, &mut states);
        Some(Self {
            path,
            start_at: object
                .get("StartAt")
                .and_then(Value::as_str)
                .map(str::to_owned),
            states,
        })
    }

    /// Whether the recording could have come from this template.
    pub(crate) fn fits(&self, history: &History) -> bool {
        if history.entered.is_empty() {
            // Nothing was entered: nothing speaks against the template.
            return true;
        }
        if history.entered.first() != self.start_at.as_ref() {
            return false;
        }
        let state = |name: &str| self.states.iter().find(|(state, _, _)| state == name);
        history
            .entered_types
            .iter()
            .all(|(name, kind)| state(name).is_some_and(|(_, state_type, _)| kind == state_type))
            && history.scheduled().iter().all(|scheduled| {
                state(&scheduled.state).is_some_and(|(_, _, resource)| {
                    resource
                        .as_deref()
                        .is_some_and(|resource| scheduled.could_come_from(resource))
                })
            })
    }
}

fn collect(list: &Map<String, Value>, into: &mut Vec<(String, String, Option<String>)>) {
    let Some(states) = list.get("States").and_then(Value::as_object) else {
        return;
    };
    for (name, state) in states {
        let field = |key: &str| state.get(key).and_then(Value::as_str).map(str::to_owned);
        into.push((
            name.clone(),
            field("Type").unwrap_or_default(),
            field("Resource"),
        ));
        for branch in state
            .get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(branch) = branch.as_object() {
                collect(branch, into);
            }
        }
        for key in ["Iterator", "ItemProcessor"] {
            if let Some(processor) = state.get(key).and_then(Value::as_object) {
                collect(processor, into);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::affinity;

    #[test]
    fn test_names_point_at_templates() {
        assert_eq!(
            affinity(
                "intrinsicfunctions/array/array_get_item.json",
                "TestSfnIntrinsicFunctionsArray::test_array_get_item"
            ),
            3
        );
        assert_eq!(
            affinity(
                "base/pass_result.json",
                "TestLogs::test_base[pass_result.json5_ALL_False]"
            ),
            2
        );
        assert_eq!(
            affinity(
                "base/pass_result.json",
                "TestLogs::test_base[raise_failure.json5_ALL_False]"
            ),
            0
        );
    }
}
