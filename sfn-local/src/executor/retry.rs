//! `Retry` and `Catch`: which retrier or catcher handles a failure, retry delays, and the
//! output a catcher passes on.

use serde_json::Value;
use sfn_dsl::model::{Catcher, JitterStrategy, Retrier};

use super::entropy::Seeded;
use super::eval::States;
use super::failure::Failure;
use super::pipeline::{
    ResultFields, assign_jsonata, assign_jsonpath, finish, output_jsonata, place,
};
use super::step::{Env, Step};

/// The attempt counters of one state execution, one per retrier.
#[derive(Debug)]
pub(crate) struct RetryCounters {
    attempts: Vec<u64>,
    /// Retries made so far (`$$.State.RetryCount`).
    pub(crate) retries: u32,
}

impl RetryCounters {
    #[cfg(test)]
    pub(crate) fn new(retriers: &[Retrier]) -> Self {
        Self {
            attempts: vec![0; retriers.len()],
            retries: 0,
        }
    }

    /// The counters of a state entered in `env`: a state test starts them at the retries
    /// it says were already made (`TestState`'s `retrierRetryCount`).
    pub(crate) fn for_env(env: &Env<'_, '_>, retriers: &[Retrier]) -> Self {
        let made = env.watch().map_or(0, |watch| watch.retries_made.get());
        Self {
            attempts: vec![u64::from(made); retriers.len()],
            retries: made,
        }
    }

    /// The delay before the next attempt in milliseconds, or `None` when the failure is
    /// not retried: no retrier matches, or the first matching one is used up.
    pub(crate) fn next_delay(
        &mut self,
        retriers: &[Retrier],
        failure: &Failure,
        entropy: &mut Seeded,
    ) -> Option<i64> {
        let index = retriers
            .iter()
            .position(|retrier| failure.matches(&retrier.error_equals))?;
        let retrier = &retriers[index];
        let max_attempts = retrier.max_attempts.unwrap_or(3);
        let attempts = self.attempts.get_mut(index)?;
        if *attempts >= max_attempts {
            return None;
        }
        *attempts += 1;
        self.retries = self.retries.saturating_add(1);
        let interval = retrier.interval_seconds.unwrap_or(1);
        #[expect(
            clippy::cast_precision_loss,
            reason = "intervals are far below 2^53 seconds"
        )]
        let interval = interval as f64;
        let backoff = retrier
            .backoff_rate
            .as_ref()
            .and_then(serde_json::Number::as_f64)
            .unwrap_or(2.0);
        let exponent = i32::try_from(*attempts - 1).unwrap_or(i32::MAX);
        let mut delay = interval * backoff.powi(exponent);
        if let Some(cap) = retrier.max_delay_seconds {
            #[expect(
                clippy::cast_precision_loss,
                reason = "caps are far below 2^53 seconds"
            )]
            let cap = cap as f64;
            delay = delay.min(cap);
        }
        if retrier.jitter_strategy == Some(JitterStrategy::Full) {
            delay *= entropy.next_f64();
        }
        let millis = (delay * 1000.0).round();
        #[expect(
            clippy::cast_possible_truncation,
            reason = "clamped to the i64 range first"
        )]
        let millis = millis.clamp(0.0, 9.0e18) as i64;
        Some(millis)
    }
}

/// The retry-and-catch loop of a Parallel or Map state: runs `attempt` (given the retries
/// made so far) until it succeeds, a catcher takes its failure, or no retrier is left.
/// `exhausted` records the state's own failure event for a catchable failure that no
/// retrier takes any more (the event differs between the state types).
pub(crate) async fn with_retries<'m, Attempt>(
    env: &Env<'_, 'm>,
    (retriers, catchers): (&[Retrier], &'m [Catcher]),
    fields: &ResultFields<'m>,
    input: &Value,
    mut attempt: impl FnMut(u32) -> Attempt,
    exhausted: impl Fn(&Failure),
) -> Result<Step<'m>, Failure>
where
    Attempt: Future<Output = Result<(Value, Value), Failure>>,
{
    let mut counters = RetryCounters::for_env(env, retriers);
    loop {
        // As for a Task, a failure in handling the result is retried like the state's own;
        // the state's failure event is recorded for the latter only, as before.
        let (failure, in_result) = match attempt(counters.retries).await {
            Ok((result, context)) => match finish(env, fields, input, result, &context) {
                Ok(step) => return Ok(step),
                Err(failure) => (env.leave(failure), true),
            },
            Err(failure) => (env.leave(failure), false),
        };
        let delay = counters.next_delay(retriers, &failure, &mut env.run.entropy.borrow_mut());
        let Some(delay) = delay else {
            if failure.is_catchable() && !in_result {
                exhausted(&failure);
            }
            exhausted_in_test(env, retriers, &failure);
            return catch(env, catchers, input, failure, counters.retries);
        };
        if retriable_in_test(env, retriers, &failure, delay) {
            return Err(failure);
        }
        env.run.transitions.set(env.run.transitions.get() + 1);
        env.run.timers.sleep(delay).await;
    }
}

/// Hands a failure to the first matching catcher, or returns it.
/// What a tested Parallel's or Map's branches or iterations give: a result, or an error
/// and cause.
pub(crate) type StateMock = Result<Value, (String, String)>;

/// In a state test of a Parallel or Map state, what its branches or iterations give (the
/// test's mock) in place of running them, with the state's context.
pub(crate) async fn mocked_attempt(
    env: &Env<'_, '_>,
    mock: &StateMock,
    retries: u32,
) -> Result<(Value, Value), Failure> {
    match mock {
        Ok(result) => Ok((result.clone(), env.context(Some(retries), None))),
        Err((error, cause)) => Err(Failure::passed(Some(error.clone()), Some(cause.clone()))),
    }
}

/// The mock a state test gives a Parallel or Map state, if this is one.
pub(crate) fn state_mock(env: &Env<'_, '_>) -> Option<StateMock> {
    env.watch()
        .and_then(|watch| watch.state_mock.borrow().clone())
}

/// In a state test, a retrier that would run the state again ends the test instead
/// (`TestState`'s `RETRIABLE`): records which retrier and after what delay, and says so.
pub(crate) fn retriable_in_test(
    env: &Env<'_, '_>,
    retriers: &[Retrier],
    failure: &Failure,
    delay_ms: i64,
) -> bool {
    let Some(watch) = env.watch() else {
        return false;
    };
    let retrier = matching_retrier(retriers, failure);
    watch.handled(failure.error.as_ref(), failure.cause.as_ref(), |details| {
        details.retry_index = retrier;
        details.retry_delay_ms = Some(delay_ms);
    });
    true
}

/// In a state test, records the retrier that matched an error but has no attempts left.
pub(crate) fn exhausted_in_test(env: &Env<'_, '_>, retriers: &[Retrier], failure: &Failure) {
    if let Some(watch) = env.watch()
        && let Some(retrier) = matching_retrier(retriers, failure)
    {
        watch.handled(failure.error.as_ref(), failure.cause.as_ref(), |details| {
            details.retry_index = Some(retrier);
        });
    }
}

fn matching_retrier(retriers: &[Retrier], failure: &Failure) -> Option<usize> {
    retriers
        .iter()
        .position(|retrier| failure.matches(&retrier.error_equals))
}

pub(crate) fn catch<'m>(
    env: &Env<'_, 'm>,
    catchers: &'m [Catcher],
    raw_input: &Value,
    failure: Failure,
    retries: u32,
) -> Result<Step<'m>, Failure> {
    let Some(index) = catchers
        .iter()
        .position(|catcher| failure.matches(&catcher.error_equals))
    else {
        return Err(failure);
    };
    let catcher = &catchers[index];
    if let Some(watch) = env.watch() {
        watch.handled(failure.error.as_ref(), failure.cause.as_ref(), |details| {
            details.catch_index = Some(index);
        });
    }
    let error_output = failure.to_output();
    // A catcher sees its state's context, retry count included (a Task's, Parallel's or
    // Map's: AWS's TestState shows `RetryCount` in both a Task's and a Map's catcher).
    let context = env.context(Some(retries), None);
    let caught = if env.is_jsonata() {
        let mut states = States::new(raw_input, &context, env.tools());
        states.error_output = Some(&error_output);
        let assigned = assign_jsonata(env, catcher.assign.as_ref(), &states)?;
        let output = output_jsonata(env, catcher.output.as_ref(), &states, || {
            error_output.clone()
        })?;
        (output, assigned)
    } else {
        let assigned = assign_jsonpath(env, catcher.assign.as_ref(), &error_output, &context)?;
        let output = place(
            env,
            raw_input,
            catcher.result_path.as_ref(),
            error_output.clone(),
        )?;
        (output, assigned)
    };
    Ok(Step {
        output: caught.0,
        next: Some(&catcher.next),
        assigned: caught.1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sfn_dsl::model::ErrorName;

    fn retrier(max_attempts: u64, interval: u64, backoff: f64, cap: Option<u64>) -> Retrier {
        Retrier {
            error_equals: vec![ErrorName::All].into(),
            interval_seconds: Some(interval),
            max_attempts: Some(max_attempts),
            backoff_rate: serde_json::Number::from_f64(backoff),
            max_delay_seconds: cap,
            ..Retrier::default()
        }
    }

    #[test]
    fn delays_grow_by_the_backoff_rate_up_to_the_cap() {
        let retriers = [retrier(3, 3, 2.0, Some(4))];
        let failure = Failure::passed(Some("E".into()), None);
        let mut counters = RetryCounters::new(&retriers);
        let mut entropy = Seeded::new(0);
        let delays: Vec<_> =
            std::iter::from_fn(|| counters.next_delay(&retriers, &failure, &mut entropy)).collect();
        assert_eq!(delays, [3000, 4000, 4000]);
        assert_eq!(counters.retries, 3);
    }

    #[test]
    fn the_first_matching_retrier_decides_even_when_used_up() {
        let mut first = retrier(1, 1, 1.0, None);
        first.error_equals = vec![ErrorName::from("E")].into();
        let retriers = [first, retrier(5, 1, 1.0, None)];
        let failure = Failure::passed(Some("E".into()), None);
        let mut counters = RetryCounters::new(&retriers);
        let mut entropy = Seeded::new(0);
        assert_eq!(
            counters.next_delay(&retriers, &failure, &mut entropy),
            Some(1000)
        );
        assert_eq!(counters.next_delay(&retriers, &failure, &mut entropy), None);
    }

    #[test]
    fn full_jitter_stays_within_the_computed_delay() {
        let mut jittered = retrier(50, 10, 1.0, None);
        jittered.jitter_strategy = Some(JitterStrategy::Full);
        let retriers = [jittered];
        let failure = Failure::passed(Some("E".into()), None);
        let mut counters = RetryCounters::new(&retriers);
        let mut entropy = Seeded::new(3);
        let delays: Vec<_> =
            std::iter::from_fn(|| counters.next_delay(&retriers, &failure, &mut entropy)).collect();
        assert_eq!(delays.len(), 50);
        assert!(delays.iter().all(|delay| (0..=10_000).contains(delay)));
        assert!(delays.iter().any(|delay| *delay != delays[0]));
    }
}
