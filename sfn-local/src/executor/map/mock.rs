//! A state test's Map state with a mock: its settings resolved and reported as the Map
//! would, and the mock in place of the iterations.

use std::future::Future;
use std::pin::Pin;

use serde_json::Value;
use sfn_dsl::model::MapState;

use super::{THRESHOLD, items, settings};
use crate::executor::eval;
use crate::executor::failure::Failure;
use crate::executor::inspect::MapStages;
use crate::executor::pipeline::ResultFields;
use crate::executor::retry::{StateMock, mocked_attempt, with_retries};
use crate::executor::step::{Env, Step};

/// A state test's Map run: the mock in place of the iterations.
pub(super) fn mocked_run<'a, 'm: 'a>(
    env: &'a Env<'_, 'm>,
    state: &'m MapState,
    input: Value,
    mock: StateMock,
) -> Pin<Box<dyn Future<Output = Result<Step<'m>, Failure>> + 'a>> {
    Box::pin(async move {
        let fields = ResultFields::from(state);
        with_retries(
            env,
            (
                state.retry.as_deref().unwrap_or_default(),
                state.catch.as_deref().unwrap_or_default(),
            ),
            &fields,
            &input,
            |retries| mocked(env, state, &input, &mock, retries),
            |_| {},
        )
        .await
    })
}

/// A state test's Map: its settings resolved and reported, and the test's mock in place
/// of the iterations.
async fn mocked(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &Value,
    mock: &StateMock,
    retries: u32,
) -> Result<(Value, Value), Failure> {
    let context = env.context(Some(retries), None);
    let effective = items::effective_input(env, state, input, &context)?;
    if !env.is_jsonata() && state.item_reader.is_none() {
        env.stage(|stages| stages.after_input_path = Some(effective.clone().into_owned()));
        // A state test selects the items as the Map would, and wants an array (AWS's
        // TestState message names the path from the context object's `$`).
        let path = state.items_path.as_ref().map_or("$", |path| path.as_str());
        let items = if path == "$" {
            effective.clone().into_owned()
        } else {
            eval::select(path, &env.scope(&effective, &context))?
        };
        if !items.is_array() {
            let shown = path.strip_prefix('$').unwrap_or(path);
            let shown = shown.strip_prefix('$').unwrap_or(shown);
            return Err(Failure::runtime(format!(
                "Reference path \"${shown}\" must point to array."
            )));
        }
        env.stage(|stages| stages.after_items_path = Some(items));
    }
    let source = items::source(env, input, &effective, &context);
    let max_concurrency = settings::max_concurrency(env, state, &source)?;
    let tolerance = settings::tolerance(env, state, &source)?;
    env.stage(|stages| {
        stages.map = Some(MapStages {
            max_concurrency: max_concurrency.unwrap_or(0),
            tolerated_count: tolerance.tolerated_count,
            tolerated_percentage: tolerance.tolerated_percentage,
        });
    });
    // The failed iterations a test names count against a tolerance the Map sets (with
    // none set, AWS's TestState lets them pass).
    let failed = env.watch().and_then(|watch| watch.map_failures.get());
    let tolerates = tolerance.tolerated_count.is_some() || tolerance.tolerated_percentage.is_some();
    if let (Some(failed), true, Ok(Value::Array(results))) = (failed, tolerates, mock)
        && settings::exceeds(&tolerance, failed, results.len() as u64)
    {
        return Err(Failure::passed(
            Some(THRESHOLD.to_owned()),
            Some("The specified tolerated failure threshold was exceeded".to_owned()),
        ));
    }
    mocked_attempt(env, mock, retries).await
}
