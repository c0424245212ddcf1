//! The catalogue of the `States.*` intrinsic functions.

use std::fmt;

/// The kind of value an argument takes or a function returns.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{ValueKind, function};
///
/// let Some(partition) = function("States.ArrayPartition") else { panic!("a known function") };
/// assert_eq!(partition.param(1), Some(ValueKind::Integer));
/// assert_eq!(partition.returns, ValueKind::Array);
/// // An integer fits where a number is asked for, not the other way round.
/// assert!(ValueKind::Integer.fits(ValueKind::Number));
/// assert!(!ValueKind::Number.fits(ValueKind::Integer));
/// assert_eq!(ValueKind::Integer.to_string(), "an integer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// Any JSON value.
    Any,
    /// A string.
    String,
    /// A number.
    Number,
    /// A number with an integral value.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl ValueKind {
    /// Whether a value of kind `self` may be passed where `expected` is required.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::ValueKind;
    ///
    /// assert!(ValueKind::Any.fits(ValueKind::Array)); // not known until run time
    /// assert!(!ValueKind::String.fits(ValueKind::Number));
    /// ```
    #[must_use]
    pub fn fits(self, expected: Self) -> bool {
        self == expected
            || self == Self::Any
            || expected == Self::Any
            || (self == Self::Integer && expected == Self::Number)
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Any => "any value",
            Self::String => "a string",
            Self::Number => "a number",
            Self::Integer => "an integer",
            Self::Boolean => "a boolean",
            Self::Array => "an array",
            Self::Object => "an object",
        })
    }
}

/// A catalogue entry: one `States.*` intrinsic function.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{self, ValueKind};
///
/// let call = intrinsic::parse("States.MathRandom($.low, $.high)")?;
/// let Some(random) = call.function() else { panic!("a known function") };
/// assert_eq!(random.name, "States.MathRandom");
/// assert_eq!(random.arity(), "2 or 3 arguments");
/// assert_eq!((random.param(0), random.param(3)), (Some(ValueKind::Number), None));
/// assert!(!random.returns_string);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Function {
    /// The name, such as `States.Format`.
    pub name: &'static str,
    /// The kinds of the positional arguments.
    pub params: &'static [ValueKind],
    /// How many arguments are required.
    pub min_args: usize,
    /// How many arguments are allowed (`None`: any number).
    pub max_args: Option<usize>,
    /// The kind of the extra arguments when `max_args` is `None`.
    pub rest: ValueKind,
    /// The kind of the result.
    pub returns: ValueKind,
    /// Whether the function can produce a string, so that it may stand in `ErrorPath` and
    /// `CausePath` (`States.ArrayGetItem` counts: it returns a string when the item is one).
    pub returns_string: bool,
}

impl Function {
    /// The kind expected at argument `index` (0-based), or `None` past the maximum.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::{ValueKind, function};
    ///
    /// let Some(format) = function("States.Format") else { panic!("a known function") };
    /// assert_eq!(format.param(0), Some(ValueKind::String));
    /// assert_eq!(format.param(9), Some(ValueKind::Any)); // any number of values follow
    /// ```
    #[must_use]
    pub fn param(&self, index: usize) -> Option<ValueKind> {
        match self.params.get(index) {
            Some(kind) => Some(*kind),
            None if self.max_args.is_none() => Some(self.rest),
            None => None,
        }
    }

    /// The arity as words: "2 arguments", "2 or 3 arguments", "at least 1 argument".
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::function;
    ///
    /// assert_eq!(function("States.UUID").map(|f| f.arity()).as_deref(), Some("0 arguments"));
    /// assert_eq!(function("States.Array").map(|f| f.arity()).as_deref(), Some("at least 0 arguments"));
    /// ```
    #[must_use]
    pub fn arity(&self) -> String {
        let plural = |count: usize| if count == 1 { "argument" } else { "arguments" };
        match self.max_args {
            None => format!("at least {} {}", self.min_args, plural(self.min_args)),
            Some(max) if max == self.min_args => format!("{max} {}", plural(max)),
            Some(max) if max == self.min_args + 1 => {
                format!("{} or {max} arguments", self.min_args)
            }
            Some(max) => format!("{} to {max} arguments", self.min_args),
        }
    }
}

const STRING: ValueKind = ValueKind::String;

const fn entry(
    name: &'static str,
    params: &'static [ValueKind],
    min_args: usize,
    returns: ValueKind,
    returns_string: bool,
) -> Function {
    Function {
        name,
        params,
        min_args,
        max_args: Some(params.len()),
        rest: Any,
        returns,
        returns_string,
    }
}

use ValueKind::{Any, Array, Boolean, Integer, Number, Object};

/// Every intrinsic function AWS Step Functions defines, in the order of the AWS
/// documentation.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{FUNCTIONS, function};
///
/// assert_eq!(FUNCTIONS.len(), 18);
/// let random = function("States.MathRandom").unwrap();
/// assert_eq!((random.min_args, random.max_args), (2, Some(3)));
/// assert!(function("States.Hash").unwrap().returns_string);
/// ```
pub const FUNCTIONS: [Function; 18] = [
    Function {
        name: "States.Format",
        params: &[STRING],
        min_args: 1,
        max_args: None,
        rest: Any,
        returns: STRING,
        returns_string: true,
    },
    entry("States.StringToJson", &[STRING], 1, Any, false),
    entry("States.JsonToString", &[Any], 1, STRING, true),
    Function {
        name: "States.Array",
        params: &[],
        min_args: 0,
        max_args: None,
        rest: Any,
        returns: Array,
        returns_string: false,
    },
    entry("States.ArrayPartition", &[Array, Integer], 2, Array, false),
    entry("States.ArrayContains", &[Array, Any], 2, Boolean, false),
    entry(
        "States.ArrayRange",
        &[Integer, Integer, Integer],
        3,
        Array,
        false,
    ),
    entry("States.ArrayGetItem", &[Array, Integer], 2, Any, true),
    entry("States.ArrayLength", &[Array], 1, Integer, false),
    entry("States.ArrayUnique", &[Array], 1, Array, false),
    entry("States.Base64Encode", &[STRING], 1, STRING, true),
    entry("States.Base64Decode", &[STRING], 1, STRING, true),
    entry("States.Hash", &[Any, STRING], 2, STRING, true),
    entry(
        "States.JsonMerge",
        &[Object, Object, Boolean],
        3,
        Object,
        false,
    ),
    entry(
        "States.MathRandom",
        &[Number, Number, Integer],
        2,
        Integer,
        false,
    ),
    entry("States.MathAdd", &[Number, Number], 2, Integer, false),
    entry("States.StringSplit", &[STRING, STRING], 2, Array, false),
    entry("States.UUID", &[], 0, STRING, true),
];

/// The catalogue entry named `name` (exact, case-sensitive).
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{ValueKind, function};
///
/// let add = function("States.MathAdd").unwrap();
/// assert_eq!((add.min_args, add.max_args, add.returns), (2, Some(2), ValueKind::Integer));
/// // Names are case-sensitive, as in AWS.
/// assert!(function("States.mathAdd").is_none());
/// ```
#[must_use]
pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|function| function.name == name)
}
