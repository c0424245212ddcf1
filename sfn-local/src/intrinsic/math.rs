//! `States.MathRandom` and `States.MathAdd`.

use serde_json::Value;

use super::Invocation;
use crate::data::Entropy;
use crate::error::RuntimeError;

/// Adds two numbers after rounding each half-up, as AWS does (`(1.5, 1.51)` gives 4,
/// `(-2.5, 0)` gives -2).
pub(super) fn add(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let left = call.rounded(0)?;
    let right = call.rounded(1)?;
    left.checked_add(right)
        .map(Value::from)
        .ok_or_else(|| call.fail("the sum is out of range"))
}

/// A random integer from `start` (included) to `end` (excluded), drawn like Java's
/// `new Random(seed).nextInt(end - start) + start`; without a seed, the seed comes from the
/// injected [`Entropy`].
pub(super) fn random(call: &Invocation<'_>, entropy: &dyn Entropy) -> Result<Value, RuntimeError> {
    let start = call.rounded(0)?;
    let end = call.rounded(1)?;
    let seed = match call.args.get(2) {
        Some(_) => call.integer(2)?,
        None => i64::from_ne_bytes(entropy.next_u64().to_ne_bytes()),
    };
    let bound = end
        .checked_sub(start)
        .and_then(|bound| i32::try_from(bound).ok())
        .filter(|bound| *bound > 0)
        .ok_or_else(|| {
            call.fail(format!(
                "the end ({end}) must be greater than the start ({start}), by less than 2^31"
            ))
        })?;
    Ok(Value::from(
        start + i64::from(JavaRandom::new(seed).next_int(bound)),
    ))
}

/// `java.util.Random`'s linear congruential generator.
struct JavaRandom {
    seed: i64,
}

impl JavaRandom {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;

    fn new(seed: i64) -> Self {
        Self {
            seed: (seed ^ Self::MULTIPLIER) & Self::MASK,
        }
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.seed = self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB) & Self::MASK;
        #[expect(clippy::cast_possible_truncation, reason = "Java's (int) cast")]
        let value = (self.seed >> (48 - bits)) as i32;
        value
    }

    fn next_int(&mut self, bound: i32) -> i32 {
        let mut random = self.next(31);
        let mask = bound - 1;
        if bound & mask == 0 {
            #[expect(clippy::cast_possible_truncation, reason = "Java's (int) cast")]
            return ((i64::from(bound) * i64::from(random)) >> 31) as i32;
        }
        let mut candidate = random;
        loop {
            random = candidate % bound;
            if candidate.wrapping_sub(random).wrapping_add(mask) >= 0 {
                return random;
            }
            candidate = self.next(31);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::JavaRandom;

    #[test]
    fn matches_java_util_random() {
        // Values printed by a JVM: new java.util.Random(seed).nextInt(bound).
        assert_eq!(JavaRandom::new(42).next_int(100), 30);
        assert_eq!(JavaRandom::new(0).next_int(10), 0);
        assert_eq!(JavaRandom::new(1).next_int(1000), 985);
        assert_eq!(JavaRandom::new(3).next_int(999), 239);
        assert_eq!(JavaRandom::new(-7).next_int(12345), 3487);
        // Powers of two take the multiplication path.
        assert_eq!(JavaRandom::new(42).next_int(16), 11);
        // new Random(42).nextInt() == -1170105035.
        assert_eq!(JavaRandom::new(42).next(32), -1_170_105_035);
    }
}
