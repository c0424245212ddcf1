//! The Map settings resolved when the state starts: concurrency, failure tolerance, item
//! limits and batch sizes.

use serde_json::{Number, Value};
use sfn_dsl::model::{Dynamic, MapState};

use crate::executor::eval::{self, Scope, States};
use crate::executor::failure::Failure;
use crate::executor::step::Env;

/// Where dynamic settings are evaluated.
pub(crate) enum Source<'a> {
    JsonPath(Scope<'a>),
    Jsonata(States<'a>),
}

/// A Map's resolved settings.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct MapSettings {
    pub(crate) max_concurrency: u64,
    pub(crate) tolerated_count: Option<u64>,
    pub(crate) tolerated_percentage: Option<f64>,
}

fn shown(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

fn raw_value(
    env: &Env<'_, '_>,
    source: &Source<'_>,
    path: &sfn_dsl::model::DynamicValue,
    expression: Option<&sfn_dsl::model::Jsonata>,
    field: &str,
) -> Result<Value, Failure> {
    match (source, expression) {
        (Source::Jsonata(states), Some(expression)) => {
            eval::jsonata(expression, states, env.variables, field)
        }
        (Source::JsonPath(scope), _) => eval::select(path.as_str(), scope),
        (Source::Jsonata(_), None) => {
            Err(Failure::runtime(format!("{field}Path in a JSONata state")))
        }
    }
}

/// Resolves an integer setting; `field` is its plain name (`MaxConcurrency`).
pub(crate) fn integer(
    env: &Env<'_, '_>,
    source: &Source<'_>,
    setting: Option<&Dynamic<u64>>,
    field: &str,
) -> Result<Option<u64>, Failure> {
    match signed_integer(env, source, setting, field)? {
        Some((number, path)) if number < 0 => Err(if path {
            Failure::runtime(format!("{field} cannot be negative."))
        } else {
            Failure::query(
                Some(field.to_owned()),
                format!("{field} cannot be negative."),
            )
        }),
        Some((number, _)) => Ok(Some(number.unsigned_abs())),
        None => Ok(None),
    }
}

/// Resolves an integer setting that may be negative, and whether it came from a path.
pub(crate) fn signed_integer(
    env: &Env<'_, '_>,
    source: &Source<'_>,
    setting: Option<&Dynamic<u64>>,
    field: &str,
) -> Result<Option<(i64, bool)>, Failure> {
    let Some(setting) = setting else {
        return Ok(None);
    };
    let (value, path_text) = match setting {
        Dynamic::Literal(value) => {
            return Ok(Some((i64::try_from(*value).unwrap_or(i64::MAX), false)));
        }
        Dynamic::Placeholder(placeholder) => {
            return Err(Failure::runtime(format!(
                "{field} holds the unsubstituted placeholder {placeholder}"
            )));
        }
        Dynamic::Path(path) => (
            raw_value(env, source, path, None, field)?,
            Some(path.as_str().to_owned()),
        ),
        Dynamic::Jsonata(expression) => (
            raw_value(
                env,
                source,
                &sfn_dsl::model::DynamicValue::parse("$"),
                Some(expression),
                field,
            )?,
            None,
        ),
    };
    // Recorded: a variable holding the string "2" is a valid `MaxItemsPath`
    // (`test_reference_in_map_state_max_items_path`), the number 1.5 is not.
    let number = value.as_i64().or_else(|| {
        (field == "MaxItems")
            .then(|| value.as_str().and_then(|text| text.parse::<i64>().ok()))
            .flatten()
    });
    match number {
        Some(number) => Ok(Some((number, path_text.is_some()))),
        None => Err(match path_text {
            Some(path) => Failure::runtime(format!(
                "The {field}Path field refers to value \"{}\" which is not a valid integer: {path}",
                shown(&value)
            )),
            None => Failure::query(
                Some(field.to_owned()),
                format!(
                    "The {field} field refers to value \"{}\" which is not a valid integer",
                    shown(&value)
                ),
            ),
        }),
    }
}

/// Resolves `ToleratedFailurePercentage`.
pub(crate) fn percentage(
    env: &Env<'_, '_>,
    source: &Source<'_>,
    setting: Option<&Dynamic<Number>>,
) -> Result<Option<f64>, Failure> {
    const FIELD: &str = "ToleratedFailurePercentage";
    let Some(setting) = setting else {
        return Ok(None);
    };
    let (value, path_text) = match setting {
        Dynamic::Literal(value) => (Value::Number(value.clone()), None),
        Dynamic::Placeholder(placeholder) => {
            return Err(Failure::runtime(format!(
                "{FIELD} holds the unsubstituted placeholder {placeholder}"
            )));
        }
        Dynamic::Path(path) => (
            raw_value(env, source, path, None, FIELD)?,
            Some(path.as_str().to_owned()),
        ),
        Dynamic::Jsonata(expression) => (
            raw_value(
                env,
                source,
                &sfn_dsl::model::DynamicValue::parse("$"),
                Some(expression),
                FIELD,
            )?,
            None,
        ),
    };
    let runtime = path_text.is_some();
    let fail = |message: String| {
        if runtime {
            Failure::runtime(message)
        } else {
            Failure::query(Some(FIELD.to_owned()), message)
        }
    };
    match value.as_f64() {
        Some(number) if (0.0..=100.0).contains(&number) => Ok(Some(number)),
        Some(_) => Err(fail(format!("{FIELD} must be between 0 and 100."))),
        // Recorded for the `…Path` field; a JSONata value is worded as the integer
        // settings' are, naming the field it came from and no path.
        None => Err(fail(match path_text {
            Some(path) => format!(
                "The {FIELD}Path field refers to value \"{}\" which is not a valid float: {path}",
                shown(&value)
            ),
            None => format!(
                "The {FIELD} field refers to value \"{}\" which is not a valid float",
                shown(&value)
            ),
        })),
    }
}

/// Resolves `MaxConcurrency` of `state` (absent when it has none).
pub(crate) fn max_concurrency(
    env: &Env<'_, '_>,
    state: &MapState,
    source: &Source<'_>,
) -> Result<Option<u64>, Failure> {
    integer(
        env,
        source,
        state.max_concurrency.as_ref(),
        "MaxConcurrency",
    )
}

/// Resolves the failure tolerance of `state`.
pub(crate) fn tolerance(
    env: &Env<'_, '_>,
    state: &MapState,
    source: &Source<'_>,
) -> Result<MapSettings, Failure> {
    Ok(MapSettings {
        max_concurrency: 0,
        tolerated_count: integer(
            env,
            source,
            state.tolerated_failure_count.as_ref(),
            "ToleratedFailureCount",
        )?,
        tolerated_percentage: percentage(env, source, state.tolerated_failure_percentage.as_ref())?,
    })
}

/// Whether `failed` of `total` items exceed the tolerance (with none configured, any
/// failure does).
pub(crate) fn exceeds(settings: &MapSettings, failed: u64, total: u64) -> bool {
    #[expect(clippy::cast_precision_loss, reason = "item counts are far below 2^53")]
    let failed_percentage = if total == 0 {
        0.0
    } else {
        failed as f64 * 100.0 / total as f64
    };
    match (settings.tolerated_count, settings.tolerated_percentage) {
        (None, None) => failed > 0,
        (Some(count), None) => failed > count,
        (None, Some(percentage)) => failed_percentage > percentage,
        (Some(count), Some(percentage)) => failed > count || failed_percentage > percentage,
    }
}

#[cfg(test)]
mod tests {
    use super::{MapSettings, exceeds};

    #[test]
    fn tolerance_thresholds() {
        let none = MapSettings::default();
        assert!(exceeds(&none, 1, 10));
        assert!(!exceeds(&none, 0, 10));
        let count = MapSettings {
            tolerated_count: Some(1),
            ..MapSettings::default()
        };
        assert!(!exceeds(&count, 1, 10));
        assert!(exceeds(&count, 2, 10));
        let percent = MapSettings {
            tolerated_percentage: Some(50.0),
            ..MapSettings::default()
        };
        assert!(!exceeds(&percent, 5, 10));
        assert!(exceeds(&percent, 6, 10));
        let both = MapSettings {
            tolerated_count: Some(1),
            tolerated_percentage: Some(50.0),
            ..MapSettings::default()
        };
        assert!(exceeds(&both, 2, 10));
        assert!(exceeds(&both, 6, 100));
        assert!(!exceeds(&both, 1, 100));
    }
}
