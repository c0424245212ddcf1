//! Limits of the States Language and of AWS that both the builder and the validator
//! enforce.

/// The largest `TimeoutSeconds`, `HeartbeatSeconds`, `IntervalSeconds`, `MaxAttempts`
/// and Wait `Seconds` AWS accepts.
pub(crate) const MAX_SECONDS: u64 = 99_999_999;

/// The longest `MaxDelaySeconds` AWS accepts (366 days).
pub(crate) const MAX_DELAY_SECONDS: u64 = 31_622_400;
