//! The functions AWS Step Functions adds to JSONata (ASL reference §7.1), and the removal
//! of `$eval`.
//!
//! ```
//! use serde_json::json;
//! use sfn_jsonata::{parse, step_functions, Environment};
//!
//! let mut env = Environment::new();
//! step_functions::install(&mut env, step_functions::Options::default());
//! let eval = |text: &str| parse(text).unwrap().evaluate(None, &env).unwrap();
//! assert_eq!(eval("$range(0, 10, 3)"), Some(json!([0, 3, 6, 9])));
//! assert_eq!(eval("$range(1, 9, 9)"), Some(json!(1)));
//! assert_eq!(eval("$partition([1, 2, 3], 2)"), Some(json!([[1, 2], [3]])));
//! assert_eq!(eval("$hash('abc', 'MD5')"), Some(json!("900150983cd24fb0d6963f7d28e17f72")));
//! assert_eq!(eval("$parse('{\"a\": [1]}').a"), Some(json!([1])));
//! ```

#![allow(
    clippy::unnecessary_wraps,
    reason = "every native function shares one fallible signature"
)]

mod digest;

use std::fmt::Write as _;
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::environment::{Environment, NativeCall};
use crate::error::EvaluationError;
use crate::syntax::signature::Signature;

/// Options for [`install`].
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_jsonata::{Environment, parse, step_functions};
///
/// let mut env = Environment::new();
/// step_functions::install(&mut env, step_functions::Options::default().range_limit(1_000));
/// assert_eq!(parse("$range(0, 10, 5)")?.evaluate(None, &env)?, Some(json!([0, 5, 10])));
/// // Like `States.ArrayRange`, at most 1000 items.
/// let error = parse("$range(1, 5000, 1)")?.evaluate(None, &env).unwrap_err();
/// assert_eq!(error.code(), "D2014");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Most items `$range` may produce (`None`: only the environment's
    /// [`Limits::max_items`](crate::Limits::max_items)). AWS caps `States.ArrayRange` at
    /// 1000 items; whether `$range` shares that cap is not recorded.
    pub range_limit: Option<usize>,
}

impl Options {
    /// Sets [`Options::range_limit`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, parse, step_functions};
    ///
    /// let options = step_functions::Options::default().range_limit(3);
    /// assert_eq!(options.range_limit, Some(3));
    /// let mut env = Environment::new();
    /// step_functions::install(&mut env, options);
    /// assert!(parse("$range(1, 3, 1)")?.evaluate(None, &env).is_ok());
    /// assert!(parse("$range(1, 4, 1)")?.evaluate(None, &env).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn range_limit(mut self, limit: usize) -> Self {
        self.range_limit = Some(limit);
        self
    }
}

/// The functions [`install`] adds or redefines (`$random` takes a seed here), with their
/// signatures and bodies.
const FUNCTIONS: [(&str, &str, Registration); 6] = [
    ("partition", "<an:a>", |call, _| partition(call)),
    ("range", "<nnn:a>", range),
    ("hash", "<ss:s>", |call, _| hash(call)),
    ("random", "<n?:n>", |call, _| random(call)),
    ("uuid", "<:s>", |call, _| uuid(call)),
    ("parse", "<s:x>", |call, _| parse(call)),
];

/// The names of the functions [`install`] adds or redefines.
#[cfg(test)]
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|(name, _, _)| *name)
}

/// The function `name` that [`install`] adds or redefines, if it is one: its name, its
/// signature and the signature as written.
pub(crate) fn signature(name: &str) -> Option<(&'static str, &'static Signature, &'static str)> {
    static PARSED: OnceLock<Vec<Option<Signature>>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        FUNCTIONS
            .iter()
            .map(|(_, written, _)| Signature::parse(written).ok())
            .collect()
    });
    FUNCTIONS
        .iter()
        .zip(parsed)
        .find(|((function, _, _), _)| *function == name)
        .and_then(|((function, written, _), signature)| {
            signature
                .as_ref()
                .map(|signature| (*function, signature, *written))
        })
}

fn error(message: impl Into<String>) -> EvaluationError {
    EvaluationError::new("D3200", message)
}

/// Adds `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse` to `env`, and
/// makes `$eval` unavailable, as in AWS Step Functions' JSONata.
///
/// `$random` and `$uuid` draw on the environment's source of randomness
/// ([`Environment::random`]), so tests can make them deterministic.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_jsonata::{Environment, parse, step_functions};
///
/// let plain = Environment::new();
/// assert!(parse("$uuid()")?.evaluate(None, &plain).is_err());
///
/// let mut env = Environment::new().random(|| 0.5);
/// step_functions::install(&mut env, step_functions::Options::default());
/// assert_eq!(parse("$partition([1, 2, 3], 2)")?.evaluate(None, &env)?, Some(json!([[1, 2], [3]])));
/// // `$random` draws on the environment's randomness; `$eval` cannot be called.
/// assert_eq!(parse("$random()")?.evaluate(None, &env)?, Some(json!(0.5)));
/// assert_eq!(parse("$eval('1 + 1')")?.evaluate(None, &env).unwrap_err().code(), "T1006");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn install(env: &mut Environment, options: Options) {
    env.remove_function("eval");
    let range_limit = options.range_limit;
    for (name, signature, body) in FUNCTIONS {
        // The signatures above are constant and valid; a failure here would leave the
        // function unregistered rather than panic.
        let _ = env.register(name, Some(signature), move |call| body(call, range_limit));
    }
}

type NativeResult = Result<Option<Value>, EvaluationError>;
type Registration = fn(&NativeCall<'_>, Option<usize>) -> NativeResult;

fn integer(value: Option<&Value>, what: &str) -> Result<i64, EvaluationError> {
    let number = value
        .and_then(Value::as_f64)
        .ok_or_else(|| error(format!("{what} must be a number")))?;
    if number.fract() != 0.0 || !number.is_finite() || number.abs() > 9.007_199_254_740_991e15 {
        return Err(error(format!("{what} must be an integer")));
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked integral and within 2^53"
    )]
    Ok(number as i64)
}

fn partition(call: &NativeCall<'_>) -> NativeResult {
    let Some(array) = call.arg(0) else {
        return Ok(None);
    };
    let items = match array {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let size = integer(call.arg(1), "the chunk size of $partition")?;
    if size <= 0 {
        return Err(error("the chunk size of $partition must be greater than 0"));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    Ok(Some(Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    )))
}

fn range(call: &NativeCall<'_>, limit: Option<usize>) -> NativeResult {
    let start = integer(call.arg(0), "the start of $range")?;
    let end = integer(call.arg(1), "the end of $range")?;
    let step = integer(call.arg(2), "the step of $range")?;
    if step == 0 || (step > 0 && start > end) || (step < 0 && start < end) {
        return Ok(Some(json!([])));
    }
    let count = u64::try_from((end - start) / step)
        .unwrap_or(0)
        .saturating_add(1);
    let cap = limit.unwrap_or(10_000_000).min(10_000_000);
    if count > u64::try_from(cap).unwrap_or(u64::MAX) {
        return Err(EvaluationError::new(
            "D2014",
            format!("$range would produce {count} items, more than the limit of {cap}"),
        ));
    }
    let items: Vec<Value> = (0..count)
        .filter_map(|index| i64::try_from(index).ok())
        .map(|index| json!(start + index * step))
        .collect();
    // A one-item result collapses to the item, as AWS's $range(1, 9, 9) returns 1.
    if items.len() == 1 {
        return Ok(items.into_iter().next());
    }
    Ok(Some(Value::Array(items)))
}

fn hash(call: &NativeCall<'_>) -> NativeResult {
    let Some(text) = call.arg(0).and_then(Value::as_str) else {
        return Ok(None);
    };
    let algorithm = call.arg(1).and_then(Value::as_str).unwrap_or("");
    let digest = match algorithm {
        "MD5" => digest::md5(text.as_bytes()),
        "SHA-1" => digest::sha1(text.as_bytes()),
        "SHA-256" => digest::sha256(text.as_bytes()),
        "SHA-384" => digest::sha384(text.as_bytes()),
        "SHA-512" => digest::sha512(text.as_bytes()),
        other => {
            return Err(error(format!(
                "unsupported hash algorithm {other:?}; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            )));
        }
    };
    Ok(Some(Value::String(digest)))
}

/// `SplitMix64`: a seed always maps to the same number in `0..1`.
fn seeded(seed: f64) -> f64 {
    let mut z = seed.to_bits().wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    #[expect(
        clippy::cast_precision_loss,
        reason = "53 random bits fit an f64 mantissa exactly"
    )]
    let fraction = (z >> 11) as f64 / (1_u64 << 53) as f64;
    fraction
}

fn random(call: &NativeCall<'_>) -> NativeResult {
    let value = match call.arg(0).and_then(Value::as_f64) {
        Some(seed) => seeded(seed),
        None => call.random(),
    };
    Ok(Some(json!(value)))
}

fn uuid(call: &NativeCall<'_>) -> NativeResult {
    let mut bytes = [0_u8; 16];
    for byte in &mut bytes {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "random is in 0..1"
        )]
        let value = (call.random() * 256.0).floor().clamp(0.0, 255.0) as u8;
        *byte = value;
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x40;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    let hex = bytes
        .iter()
        .fold(String::with_capacity(32), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        });
    let text = format!(
        "{}-{}-{}-{}-{}",
        hex.get(0..8).unwrap_or(""),
        hex.get(8..12).unwrap_or(""),
        hex.get(12..16).unwrap_or(""),
        hex.get(16..20).unwrap_or(""),
        hex.get(20..32).unwrap_or("")
    );
    Ok(Some(Value::String(text)))
}

fn parse(call: &NativeCall<'_>) -> NativeResult {
    let Some(text) = call.arg(0).and_then(Value::as_str) else {
        return Ok(None);
    };
    serde_json::from_str::<Value>(text)
        .map(Some)
        .map_err(|parse_error| {
            error(format!(
                "$parse could not parse its argument as JSON: {parse_error}"
            ))
        })
}
