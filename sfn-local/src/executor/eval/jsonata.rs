//! JSONata evaluation with Step Functions' bindings: `$states`, the workflow variables,
//! the virtual clock for `$now()`/`$millis()`, and the run's random source.

use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use serde_json::{Map, Value};
use sfn_dsl::model::Jsonata;
use sfn_jsonata::{Environment, Expression, step_functions};

use super::{Failure, States, Tools};
use crate::executor::variables::Variables;

/// A parsed expression and whether it reads `$states.context`.
pub(crate) struct Parsed {
    expression: Expression,
    reads_context: bool,
}

impl Tools {
    /// Parses `expression` once per run; states that repeat an expression share it.
    fn expression(&self, expression: &Jsonata) -> Result<Rc<Parsed>, String> {
        let text = expression.as_str();
        if let Some(parsed) = self.expressions.borrow().get(text) {
            return Ok(Rc::clone(parsed));
        }
        let parsed = Rc::new(Parsed {
            expression: sfn_jsonata::parse(text).map_err(|error| error.to_string())?,
            reads_context: crate::executor::scan::reads_context(text),
        });
        self.expressions
            .borrow_mut()
            .insert(text.to_owned(), Rc::clone(&parsed));
        Ok(parsed)
    }
}

/// The parts of a JSONata environment that stay the same during a run: the Step Functions
/// functions (whose signatures are parsed once), and a clock and random source whose
/// readings are set before each evaluation.
pub(crate) struct JsonataBase {
    environment: Environment,
    now: Arc<AtomicI64>,
    seed: Arc<AtomicU64>,
}

impl JsonataBase {
    fn new() -> Self {
        let now = Arc::new(AtomicI64::new(0));
        let seed = Arc::new(AtomicU64::new(0));
        let clock = Arc::clone(&now);
        let mut environment = Environment::new()
            .clock(move || clock.load(Ordering::Relaxed))
            .random(random_source(Arc::clone(&seed)));
        step_functions::install(&mut environment, step_functions::Options::default());
        Self {
            environment,
            now,
            seed,
        }
    }
}

/// `SplitMix64` over a shared counter: a `Send + Sync` random source, reseeded before each
/// evaluation.
fn random_source(state: Arc<AtomicU64>) -> impl Fn() -> f64 + Send + Sync + 'static {
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

/// The environment of one evaluation. `$states.context` is bound only for expressions
/// that can read it: converting the context object costs more than most evaluations.
fn environment(states: &States<'_>, variables: &Variables, reads_context: bool) -> Environment {
    let base = states.tools.jsonata.get_or_init(JsonataBase::new);
    base.now.store(states.tools.timers.now(), Ordering::Relaxed);
    base.seed
        .store(states.tools.entropy.next_u64(), Ordering::Relaxed);
    let mut bound = Map::new();
    bound.insert("input".into(), states.input.clone());
    if reads_context {
        bound.insert("context".into(), states.context.clone());
    }
    if let Some(result) = states.result {
        bound.insert("result".into(), result.clone());
    }
    if let Some(error_output) = states.error_output {
        bound.insert("errorOutput".into(), error_output.clone());
    }
    let mut env = base.environment.clone();
    for (name, value) in variables.visible() {
        env.set(name, value.clone());
    }
    env.set("states", Value::Object(bound));
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
    let env = environment(states, variables, parsed.reads_context);
    match parsed.expression.evaluate(None, &env) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(fail("returned nothing (undefined).".to_owned())),
        Err(error) if error.to_string().starts_with("T0500") => {
            Err(fail("returned an unsupported result type.".to_owned()))
        }
        Err(error) => Err(fail(format!("threw an error during evaluation: {error}"))),
    }
}
