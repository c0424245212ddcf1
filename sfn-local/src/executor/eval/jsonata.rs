//! JSONata evaluation with Step Functions' bindings: `$states`, the workflow variables,
//! the virtual clock for `$now()`/`$millis()`, and the run's random source.

use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Map, Value};
use sfn_dsl::model::Jsonata;
use sfn_jsonata::{Environment, Expression, step_functions};

use super::{Failure, States, Tools};
use crate::executor::variables::Variables;

impl Tools {
    /// Parses `expression` once per run (keyed by the text's address).
    fn expression(&self, expression: &Jsonata) -> Result<Rc<Expression>, String> {
        let text = expression.as_str();
        let key = (text.as_ptr() as usize, text.len());
        if let Some(parsed) = self.expressions.borrow().get(&key) {
            return Ok(Rc::clone(parsed));
        }
        let parsed = Rc::new(sfn_jsonata::parse(text).map_err(|error| error.to_string())?);
        self.expressions
            .borrow_mut()
            .insert(key, Rc::clone(&parsed));
        Ok(parsed)
    }
}

/// `SplitMix64` over a shared counter: a `Send + Sync` random source for one evaluation.
fn random_source(seed: u64) -> impl Fn() -> f64 + Send + Sync + 'static {
    let state = Arc::new(AtomicU64::new(seed));
    move || {
        let mut z = state
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        #[expect(
            clippy::cast_precision_loss,
            reason = "53 random bits fit an f64 exactly"
        )]
        let fraction = (z >> 11) as f64 / (1u64 << 53) as f64;
        fraction
    }
}

fn environment(states: &States<'_>, variables: &Variables) -> Environment {
    let mut bound = Map::new();
    bound.insert("input".into(), states.input.clone());
    bound.insert("context".into(), states.context.clone());
    if let Some(result) = states.result {
        bound.insert("result".into(), result.clone());
    }
    if let Some(error_output) = states.error_output {
        bound.insert("errorOutput".into(), error_output.clone());
    }
    let now = states.tools.timers.now();
    let seed = states.tools.entropy.next_u64();
    let mut env = Environment::new()
        .clock(move || now)
        .random(random_source(seed));
    for (name, value) in variables.visible() {
        env.set(name, value.clone());
    }
    env.set("states", Value::Object(bound));
    step_functions::install(&mut env, step_functions::Options::default());
    env
}

/// Evaluates one expression for the field `location`.
pub(super) fn evaluate(
    expression: &Jsonata,
    states: &States<'_>,
    variables: &Variables,
    location: &str,
) -> Result<Value, Failure> {
    let text = expression.trimmed();
    let fail = |reason: String| {
        Failure::query(
            Some(location.to_owned()),
            format!(
                "The JSONata expression '{text}' specified for the field '{location}' {reason}"
            ),
        )
    };
    let parsed = states
        .tools
        .expression(expression)
        .map_err(|error| fail(format!("could not be parsed: {error}")))?;
    let env = environment(states, variables);
    match parsed.evaluate(None, &env) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(fail("returned nothing (undefined).".to_owned())),
        Err(error) if error.to_string().starts_with("T0500") => {
            Err(fail("returned an unsupported result type.".to_owned()))
        }
        Err(error) => Err(fail(format!("threw an error during evaluation: {error}"))),
    }
}
