//! Injectable randomness for `States.UUID` and `States.MathRandom`.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of random bits. Implementations must be usable from several threads (Parallel
/// branches and Map iterations may evaluate expressions concurrently).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::Executor;
/// use sfn_local::data::Entropy;
///
/// /// Always the same bits: every `States.UUID()` is the same UUID.
/// struct Zeros;
///
/// impl Entropy for Zeros {
///     fn next_u64(&self) -> u64 {
///         0
///     }
/// }
///
/// assert_eq!(Zeros.uuid_v4(), "00000000-0000-4000-8000-000000000000");
/// let machine = StateMachine::from_json(r#"{"StartAt": "Id", "States": {"Id": {
///     "Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}}}"#)?;
/// let execution = Executor::new(machine).entropy(Zeros).run(json!({}))?;
/// assert_eq!(execution.output, Some(json!({"id": "00000000-0000-4000-8000-000000000000"})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Entropy: Send + Sync {
    /// 64 random bits.
    fn next_u64(&self) -> u64;

    /// A random version-4 UUID, lowercase and hyphenated.
    fn uuid_v4(&self) -> String {
        let high = self.next_u64();
        let low = self.next_u64();
        // Version 4 in the time_hi_and_version field, RFC 4122 variant in clock_seq.
        let high = (high & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
        let low = (low & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xffff,
            low >> 48,
            low & 0xffff_ffff_ffff
        )
    }
}

/// A deterministic generator (`SplitMix64`) for reproducible runs and tests.
///
/// # Examples
///
/// ```
/// use sfn_local::data::{Entropy, SeededEntropy};
///
/// let first = SeededEntropy::new(42);
/// let second = SeededEntropy::new(42);
/// assert_eq!(first.uuid_v4(), second.uuid_v4());
/// assert_eq!(first.uuid_v4().len(), 36);
/// assert_eq!(&first.uuid_v4()[14..15], "4");
/// ```
pub struct SeededEntropy {
    state: AtomicU64,
}

impl SeededEntropy {
    /// A generator starting from `seed`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::data::{Entropy, SeededEntropy};
    ///
    /// let entropy = SeededEntropy::new(7);
    /// assert_eq!(entropy.next_u64(), SeededEntropy::new(7).next_u64());
    /// assert_ne!(entropy.next_u64(), SeededEntropy::new(7).next_u64()); // the stream moved on
    /// ```
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self {
            state: AtomicU64::new(seed),
        }
    }
}

impl Entropy for SeededEntropy {
    fn next_u64(&self) -> u64 {
        let mut z = self
            .state
            .fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed)
            .wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl fmt::Debug for SeededEntropy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SeededEntropy").finish_non_exhaustive()
    }
}

/// Randomness seeded from the process's hash keys and the clock: different on every run. Not
/// cryptographically secure, like AWS's `States.MathRandom`.
///
/// # Examples
///
/// ```
/// use sfn_local::data::{Entropy, SystemEntropy};
///
/// let entropy = SystemEntropy::new();
/// assert_ne!(entropy.uuid_v4(), entropy.uuid_v4());
/// ```
#[derive(Debug)]
pub struct SystemEntropy {
    inner: SeededEntropy,
}

impl SystemEntropy {
    /// A generator seeded from the environment.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::data::{Entropy, SeededEntropy, SystemEntropy};
    ///
    /// let system = SystemEntropy::new();
    /// assert_ne!(system.uuid_v4(), SeededEntropy::new(0).uuid_v4());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        let mut hasher = RandomState::new().build_hasher();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        hasher.write_u128(nanos);
        Self {
            inner: SeededEntropy::new(hasher.finish()),
        }
    }
}

impl Default for SystemEntropy {
    fn default() -> Self {
        Self::new()
    }
}

impl Entropy for SystemEntropy {
    fn next_u64(&self) -> u64 {
        self.inner.next_u64()
    }
}
