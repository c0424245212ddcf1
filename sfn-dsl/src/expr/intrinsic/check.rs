//! Static checks of intrinsic calls: known names, arity, argument kinds, `States.Format`
//! placeholders and nesting depth.

use super::catalogue::{FUNCTIONS, Function, ValueKind};
use super::{Arg, Call};
use crate::expr::SyntaxError;
use crate::suggest;

/// The deepest nesting of intrinsic calls AWS accepts in one field (the outer call counts).
pub const MAX_NESTING: usize = 10;

/// The algorithms `States.Hash` accepts.
const HASH_ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// The most elements `States.ArrayRange` may produce.
const MAX_RANGE_ELEMENTS: i128 = 1000;

/// The longest string `States.Base64Encode` and `States.Base64Decode` accept, in characters.
const MAX_BASE64_INPUT: usize = 10_000;

/// Checks a parsed call and its nested calls against the catalogue. Returns every problem,
/// in text order (an empty list when the call is valid).
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic;
///
/// let call = intrinsic::parse("States.Fromat('{} and {}', $.a)")?;
/// let errors = intrinsic::check(&call);
/// assert_eq!(errors[0].message, "unknown intrinsic function `States.Fromat`");
/// assert_eq!(errors[0].hint.as_deref(), Some("did you mean `States.Format`?"));
///
/// let call = intrinsic::parse("States.Format('{} and {}', $.a)")?;
/// let errors = intrinsic::check(&call);
/// assert_eq!(errors[0].message, "the template has 2 placeholders `{}` but 1 value follows");
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[must_use]
pub fn check(call: &Call) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    let depth = call.depth();
    if depth > MAX_NESTING {
        errors.push(SyntaxError::new(
            call.span.start,
            format!(
                "intrinsic functions nest {depth} levels deep; AWS allows at most {MAX_NESTING}"
            ),
        ));
    }
    check_call(call, &mut errors);
    errors.sort_by_key(|error| error.offset);
    errors
}

fn check_call(call: &Call, errors: &mut Vec<SyntaxError>) {
    match call.function() {
        None => errors.push(unknown_function(call)),
        Some(function) => check_known(call, function, errors),
    }
    for arg in &call.args {
        if let Arg::Call(nested) = arg {
            check_call(nested, errors);
        }
    }
}

fn unknown_function(call: &Call) -> SyntaxError {
    let error = SyntaxError::new(
        call.span.start,
        format!("unknown intrinsic function `{}`", call.name),
    );
    if let Some(candidate) = likely_name(&call.name) {
        error.with_hint(format!("did you mean `{candidate}`?"))
    } else if call.name.starts_with("States.") {
        error.with_hint(
            "see the list of intrinsic functions in the AWS Step Functions documentation",
        )
    } else {
        error.with_hint("intrinsic function names start with `States.`")
    }
}

/// The catalogue function an unknown name most likely misspells: `Format` without its
/// `States.` prefix, a different case (`states.UUID`) or a typo (`State.Format`).
pub(crate) fn likely_name(name: &str) -> Option<&'static str> {
    let prefixed = format!("States.{name}");
    FUNCTIONS
        .iter()
        .map(|function| function.name)
        .find(|candidate| *candidate == prefixed)
        .or_else(|| suggest::closest(name, FUNCTIONS.iter().map(|function| function.name)))
}

fn check_known(call: &Call, function: &Function, errors: &mut Vec<SyntaxError>) {
    let count = call.args.len();
    let too_many = function.max_args.is_some_and(|max| count > max);
    if count < function.min_args || too_many {
        let offset = match (too_many, function.max_args) {
            (true, Some(max)) => call.arg_spans.get(max).map_or(call.span.start, |s| s.start),
            _ => call.span.end.saturating_sub(1),
        };
        errors.push(SyntaxError::new(
            offset,
            format!(
                "`{}` takes {}, found {count}",
                function.name,
                function.arity()
            ),
        ));
    }
    for (index, arg) in call.args.iter().enumerate() {
        let Some(expected) = function.param(index) else {
            continue;
        };
        let offset = offset_of(call, index);
        match kind_of(arg) {
            Found::Null if expected != ValueKind::Any => errors.push(SyntaxError::new(
                offset,
                format!(
                    "argument {} of `{}` must be {expected}, found null",
                    index + 1,
                    function.name
                ),
            )),
            Found::Kind(kind) if !kind.fits(expected) => errors.push(SyntaxError::new(
                offset,
                format!(
                    "argument {} of `{}` must be {expected}, found {kind}",
                    index + 1,
                    function.name
                ),
            )),
            _ => {}
        }
    }
    check_values(call, function, errors);
}

fn offset_of(call: &Call, index: usize) -> usize {
    call.arg_spans
        .get(index)
        .map_or(call.span.start, |span| span.start)
}

enum Found {
    Kind(ValueKind),
    Null,
    Unknown,
}

fn kind_of(arg: &Arg) -> Found {
    match arg {
        Arg::String(_) => Found::Kind(ValueKind::String),
        Arg::Number(number) => {
            if number.is_i64() || number.is_u64() {
                Found::Kind(ValueKind::Integer)
            } else {
                Found::Kind(ValueKind::Number)
            }
        }
        Arg::Bool(_) => Found::Kind(ValueKind::Boolean),
        Arg::Null => Found::Null,
        Arg::Path(_) => Found::Unknown,
        Arg::Call(call) => call
            .function()
            .map_or(Found::Unknown, |function| Found::Kind(function.returns)),
    }
}

fn integer(arg: Option<&Arg>) -> Option<i64> {
    match arg {
        Some(Arg::Number(number)) => number.as_i64(),
        _ => None,
    }
}

/// Rules on literal values: placeholders, hash algorithms, ranges, sizes.
fn check_values(call: &Call, function: &Function, errors: &mut Vec<SyntaxError>) {
    match function.name {
        "States.Format" => {
            if let Some(Arg::String(template)) = call.args.first() {
                let placeholders = template.placeholder_count();
                let values = call.args.len() - 1;
                if placeholders != values {
                    let plural = |count: usize, one: &str, many: &str| {
                        if count == 1 {
                            one.to_owned()
                        } else {
                            many.to_owned()
                        }
                    };
                    errors.push(
                        SyntaxError::new(
                            offset_of(call, 0),
                            format!(
                                "the template has {placeholders} {} `{{}}` but {values} {} follow{}",
                                plural(placeholders, "placeholder", "placeholders"),
                                plural(values, "value", "values"),
                                if values == 1 { "s" } else { "" }
                            ),
                        )
                        .with_hint("write a literal brace as \\{ or \\}"),
                    );
                }
            }
        }
        "States.Hash" => {
            if let Some(Arg::String(algorithm)) = call.args.get(1)
                && !HASH_ALGORITHMS.contains(&algorithm.as_str())
            {
                let error = SyntaxError::new(
                    offset_of(call, 1),
                    format!("unknown hash algorithm '{}'", algorithm.as_str()),
                );
                errors.push(
                    match suggest::closest(algorithm.as_str(), HASH_ALGORITHMS) {
                        Some(candidate) => error.with_hint(format!("did you mean '{candidate}'?")),
                        None => error.with_hint(format!(
                            "the algorithms are {}",
                            HASH_ALGORITHMS.join(", ")
                        )),
                    },
                );
            }
        }
        "States.ArrayRange" => check_range(call, errors),
        // AWS documents that "Step Functions only supports the shallow merging mode;
        // therefore, you must specify the boolean value as false".
        "States.JsonMerge" => {
            if let Some(Arg::Bool(true)) = call.args.get(2) {
                errors.push(
                    SyntaxError::new(
                        offset_of(call, 2),
                        "the third argument of `States.JsonMerge` must be `false`: Step Functions supports only the shallow merge",
                    )
                    .with_hint("write `false`: the second object's members replace the first's whole, nested objects included"),
                );
            }
        }
        "States.ArrayPartition" => {
            if let Some(size) = integer(call.args.get(1))
                && size <= 0
            {
                errors.push(SyntaxError::new(
                    offset_of(call, 1),
                    format!("the chunk size must be positive, found {size}"),
                ));
            }
        }
        "States.Base64Encode" | "States.Base64Decode" => {
            if let Some(Arg::String(text)) = call.args.first() {
                let length = text.as_str().chars().count();
                if length > MAX_BASE64_INPUT {
                    errors.push(SyntaxError::new(
                        offset_of(call, 0),
                        format!(
                            "`{}` accepts at most {MAX_BASE64_INPUT} characters, found {length}",
                            function.name
                        ),
                    ));
                }
            }
        }
        _ => {}
    }
}

fn check_range(call: &Call, errors: &mut Vec<SyntaxError>) {
    let step = integer(call.args.get(2));
    if step == Some(0) {
        errors.push(SyntaxError::new(
            offset_of(call, 2),
            "the step of `States.ArrayRange` cannot be 0",
        ));
        return;
    }
    if let (Some(start), Some(end), Some(step)) =
        (integer(call.args.first()), integer(call.args.get(1)), step)
    {
        let span = i128::from(end) - i128::from(start);
        let count = if span == 0 || (span > 0) == (step > 0) {
            span / i128::from(step) + 1
        } else {
            0
        };
        if count > MAX_RANGE_ELEMENTS {
            errors.push(SyntaxError::new(
                call.span.start,
                format!(
                    "`States.ArrayRange` would produce {count} elements; AWS allows at most {MAX_RANGE_ELEMENTS}"
                ),
            ));
        }
    }
}
