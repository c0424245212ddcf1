//! What an execution would cost on AWS, from its state transitions and duration.

/// Prices used for cost estimates, in US dollars. The defaults are the us-east-1 list
/// prices: Standard workflows $0.025 per 1,000 state transitions; Express workflows $1.00
/// per million requests plus $0.00001667 per GB-second, billed in 100 ms increments with
/// memory in 64 MB chunks (a small execution uses one chunk). Free tiers are ignored.
///
/// # Examples
///
/// ```
/// use sfn_local::Pricing;
///
/// let pricing = Pricing::default();
/// assert_eq!(pricing.standard_per_transition, 0.000_025);
/// let eu = Pricing { standard_per_transition: 0.000_025_5, ..Pricing::default() };
/// # let _ = eu;
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pricing {
    /// Standard: price of one state transition.
    pub standard_per_transition: f64,
    /// Express: price of one request (execution start).
    pub express_per_request: f64,
    /// Express: price of one GB-second of duration.
    pub express_per_gb_second: f64,
    /// Express: memory billed per execution, in MB.
    pub express_memory_mb: u64,
}

impl Default for Pricing {
    fn default() -> Self {
        Self {
            standard_per_transition: 0.000_025,
            express_per_request: 0.000_001,
            express_per_gb_second: 0.000_016_67,
            express_memory_mb: 64,
        }
    }
}

/// The estimated price of one execution as a Standard and as an Express workflow.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{Executor, Pricing};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Prepare", "States": {
///     "Prepare": {"Type": "Pass", "Next": "Cool down"},
///     "Cool down": {"Type": "Wait", "Seconds": 2, "End": true}}}"#)?;
/// let execution = Executor::new(machine).run(json!({}))?;
/// let cost = execution.cost(&Pricing::default());
/// assert_eq!(cost.state_transitions, 2);
/// assert_eq!(cost.billed_duration_ms, 2_000);
/// assert_eq!(cost.standard, 2.0 * 0.000_025);
/// assert!(cost.express < cost.standard);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Cost {
    /// State transitions counted (each state entered and each retry).
    pub state_transitions: u64,
    /// Duration billed for Express, in milliseconds (rounded up to 100 ms).
    pub billed_duration_ms: u64,
    /// Price as a Standard workflow, in US dollars.
    pub standard: f64,
    /// Price as an Express workflow, in US dollars.
    pub express: f64,
}

impl Cost {
    /// Prices `state_transitions` and `duration_ms` with `pricing`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::{Cost, Pricing};
    ///
    /// let cost = Cost::estimate(&Pricing::default(), 4_000, 250);
    /// assert_eq!(cost.billed_duration_ms, 300); // rounded up to 100 ms
    /// assert!((cost.standard - 0.1).abs() < 1e-12); // $0.025 per 1,000 transitions
    /// ```
    #[must_use]
    pub fn estimate(pricing: &Pricing, state_transitions: u64, duration_ms: u64) -> Self {
        let billed_duration_ms = duration_ms.div_ceil(100).max(1) * 100;
        #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^53")]
        let (transitions, billed_seconds, memory_gb) = (
            state_transitions as f64,
            billed_duration_ms as f64 / 1000.0,
            pricing.express_memory_mb as f64 / 1024.0,
        );
        Self {
            state_transitions,
            billed_duration_ms,
            standard: transitions * pricing.standard_per_transition,
            express: pricing.express_per_request
                + billed_seconds * memory_gb * pricing.express_per_gb_second,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cost, Pricing};

    #[test]
    fn estimates_follow_the_list_prices() {
        let cost = Cost::estimate(&Pricing::default(), 1000, 250);
        assert_eq!(cost.billed_duration_ms, 300);
        assert!((cost.standard - 0.025).abs() < 1e-12);
        let expected_express = 0.000_001 + 0.3 * 0.0625 * 0.000_016_67;
        assert!((cost.express - expected_express).abs() < 1e-15);
    }
}
