//! Strings with a meaning: JSONPath paths, reference paths, JSONata expressions, intrinsic
//! function calls and deployment placeholders.
//!
//! Each type keeps the text exactly as written, so parsing and printing are lossless. Their
//! syntax is judged by the validator, not here: a definition with a malformed path still
//! parses, and the validator reports the problem with its location.

use std::borrow::Cow;
use std::fmt;

/// Where a path starts: the state's data (`$`), the context object (`$$`) or a variable
/// (`$name`).
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{JsonPath, PathRoot};
///
/// assert_eq!(JsonPath::new("$.order.id").root(), PathRoot::Input);
/// assert_eq!(JsonPath::new("$$.Execution.Id").root(), PathRoot::Context);
/// assert_eq!(JsonPath::new("$total.amount").root(), PathRoot::Variable("total"));
/// assert_eq!(JsonPath::new("order.id").root(), PathRoot::Invalid);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathRoot<'a> {
    /// `$` or `$.…`/`$[…]`: the state's input (or result, depending on the field).
    Input,
    /// `$$` or `$$.…`: the context object.
    Context,
    /// `$name…`: a workflow variable set by `Assign`.
    Variable(&'a str),
    /// The text does not start with `$`.
    Invalid,
}

fn classify_root(text: &str) -> PathRoot<'_> {
    let Some(rest) = text.strip_prefix('$') else {
        return PathRoot::Invalid;
    };
    if rest.starts_with('$') {
        return PathRoot::Context;
    }
    let name_len = rest
        .char_indices()
        .find(|(_, c)| !crate::validate::is_variable_char(*c))
        .map_or(rest.len(), |(index, _)| index);
    if name_len == 0 {
        PathRoot::Input
    } else {
        PathRoot::Variable(&rest[..name_len])
    }
}

macro_rules! text_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            /// Wraps the text as written in the definition.
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("let text = sfn_dsl::model::", stringify!($name), "::new(String::from(\"$.total\"));")]
            /// assert_eq!(text.to_string(), "$.total");
            /// ```
            #[must_use]
            pub fn new(text: impl Into<String>) -> Self {
                Self(Cow::Owned(text.into()))
            }

            /// Wraps text known at compile time, without copying it.
            #[doc = concat!("```\nlet text = sfn_dsl::model::", stringify!($name), "::from_static(\"$\");\nassert_eq!(text.as_str(), \"$\");\n```")]
            #[must_use]
            pub const fn from_static(text: &'static str) -> Self {
                Self(Cow::Borrowed(text))
            }

            /// The text as written in the definition.
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("let text = sfn_dsl::model::", stringify!($name), "::new(\" $.total \");")]
            /// assert_eq!(text.as_str(), " $.total "); // kept as written, blanks included
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(Cow::Owned(text.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(Cow::Owned(text))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_newtype! {
    /// A JSONPath Path such as `$.order.items[0]`, `$$.Execution.Id` or `$total`, as used by
    /// `InputPath`, `OutputPath` and Choice `Variable`. A Path may select several nodes.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{JsonPath, PathRoot};
    ///
    /// assert_eq!(JsonPath::new("$.order").root(), PathRoot::Input);
    /// assert_eq!(JsonPath::new("$$.Execution.Id").root(), PathRoot::Context);
    /// assert_eq!(JsonPath::new("$total.amount").root(), PathRoot::Variable("total"));
    /// ```
    JsonPath
}

text_newtype! {
    /// A reference path: a JSONPath that selects exactly one node (no filters, wildcards or
    /// unions), as used by `ResultPath`, `ItemsPath` and the `…Path` fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ReferencePath;
    ///
    /// let path = ReferencePath::new("$.result");
    /// assert_eq!(path.as_str(), "$.result");
    /// ```
    ReferencePath
}

text_newtype! {
    /// The body of a JSONata expression, without the `{%` and `%}` markers.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Jsonata;
    ///
    /// let expression = Jsonata::new(" $states.input.total ");
    /// assert_eq!(expression.to_template_string(), "{% $states.input.total %}");
    /// assert_eq!(Jsonata::from_template_string("{% 1 + 2 %}"), Some(Jsonata::new(" 1 + 2 ")));
    /// assert_eq!(Jsonata::from_template_string(" {% 1 %}"), None);
    /// ```
    Jsonata
}

text_newtype! {
    /// An intrinsic function call such as `States.Format('Hi {}', $.name)`.
    IntrinsicCall
}

text_newtype! {
    /// A deployment placeholder standing where the definition expects a number, list or
    /// other non-string value, such as `"${ReminderTimeout}"` (SAM, CloudFormation and
    /// Terraform substitutions) or `"__tbd__"` (test scaffolding filled in before
    /// deployment).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Placeholder;
    ///
    /// assert!(Placeholder::is_placeholder("${ReminderTimeout}"));
    /// assert!(Placeholder::is_placeholder("arn:${AWS::Partition}:states:::lambda:invoke"));
    /// assert!(Placeholder::is_placeholder("__TBD__"));
    /// assert!(!Placeholder::is_placeholder("$.seconds"));
    /// ```
    Placeholder
}

impl JsonPath {
    /// Where the path starts.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{JsonPath, PathRoot};
    ///
    /// assert_eq!(JsonPath::new("$").root(), PathRoot::Input);
    /// assert_eq!(JsonPath::new("$order_total").root(), PathRoot::Variable("order_total"));
    /// ```
    #[must_use]
    pub fn root(&self) -> PathRoot<'_> {
        classify_root(&self.0)
    }
}

impl ReferencePath {
    /// Where the path starts.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PathRoot, ReferencePath};
    ///
    /// assert_eq!(ReferencePath::new("$.result").root(), PathRoot::Input);
    /// assert_eq!(ReferencePath::new("$$.Task.Token").root(), PathRoot::Context);
    /// ```
    #[must_use]
    pub fn root(&self) -> PathRoot<'_> {
        classify_root(&self.0)
    }
}

/// How a string that holds `{%` misses being a JSONata expression, which must start with
/// `{%` and end with `%}` with nothing around them (ASL reference §7; AWS passed
/// `" {% … %} "` on as text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NearMiss {
    /// Blanks before `{%` or after `%}`.
    Blanks,
    /// Other text before `{%` or after `%}`.
    TextAround,
    /// `{%` with no `%}` after it.
    Unclosed,
}

impl NearMiss {
    /// How `text` misses, if it holds `{%` and is not an expression.
    pub(crate) fn of(text: &str) -> Option<Self> {
        let open = text.find("{%")?;
        let trimmed = text.trim();
        if Jsonata::from_template_string(text).is_some() {
            None
        } else if Jsonata::from_template_string(trimmed).is_some() {
            Some(Self::Blanks)
        } else if text.get(open + 2..).is_some_and(|rest| rest.contains("%}")) {
            Some(Self::TextAround)
        } else if trimmed.starts_with("{%") {
            Some(Self::Unclosed)
        } else {
            None
        }
    }

    /// Why the text is not an expression, for a message.
    pub(crate) fn why(self) -> &'static str {
        match self {
            Self::Blanks => "it has blanks before `{%` or after `%}`",
            Self::TextAround => "it has text around `{% … %}`",
            Self::Unclosed => "it has no closing `%}`",
        }
    }

    /// Why and how to fix it, for the hint of an error about the field's type.
    pub(crate) fn hint(self) -> String {
        format!("{}: {}", self.why(), self.fix())
    }

    /// How to make it one, for a hint.
    pub(crate) fn fix(self) -> &'static str {
        match self {
            Self::Blanks => "remove the blanks around the expression",
            Self::TextAround => {
                "make the whole string one expression, joining text and values with `&` (`{% 'Total: ' & $states.input.total %}`)"
            }
            Self::Unclosed => "end the expression with `%}`",
        }
    }
}

impl Jsonata {
    /// Extracts the expression from a string that starts with `{%` and ends with `%}`
    /// (no surrounding whitespace), the only form the States Language evaluates.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Jsonata;
    ///
    /// assert_eq!(Jsonata::from_template_string("{%$x%}").map(|e| e.to_string()), Some("$x".to_owned()));
    /// assert_eq!(Jsonata::from_template_string("{% $x %} "), None); // trailing blank
    /// assert_eq!(Jsonata::from_template_string("{%}"), None);
    /// ```
    #[must_use]
    pub fn from_template_string(text: &str) -> Option<Self> {
        if text.len() >= 4 {
            let inner = text.strip_prefix("{%")?.strip_suffix("%}")?;
            Some(Self(Cow::Owned(inner.to_owned())))
        } else {
            None
        }
    }

    /// The expression wrapped in `{%` and `%}`, as written in a definition.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Jsonata;
    ///
    /// assert_eq!(Jsonata::new("$states.input").to_template_string(), "{%$states.input%}");
    /// ```
    #[must_use]
    pub fn to_template_string(&self) -> String {
        format!("{{%{}%}}", self.0)
    }

    /// The expression with surrounding whitespace removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Jsonata;
    ///
    /// assert_eq!(Jsonata::new("  $states.input \n").trimmed(), "$states.input");
    /// ```
    #[must_use]
    pub fn trimmed(&self) -> &str {
        self.0.trim()
    }
}

impl Placeholder {
    /// Whether `text` contains a `${…}` substitution or is a `__name__` scaffolding token.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Placeholder;
    ///
    /// assert!(Placeholder::is_placeholder("${Timeout}"));
    /// assert!(Placeholder::is_placeholder("__retries__"));
    /// assert!(!Placeholder::is_placeholder("${unclosed")); // no closing brace
    /// assert!(!Placeholder::is_placeholder("____")); // no name between the underscores
    /// ```
    #[must_use]
    pub fn is_placeholder(text: &str) -> bool {
        let substitution = text
            .find("${")
            .is_some_and(|start| text[start + 2..].contains('}'));
        let scaffolding = text.len() > 4
            && text.starts_with("__")
            && text.ends_with("__")
            && text[2..text.len() - 2]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        substitution || scaffolding
    }

    /// The names of the `${…}` substitutions in the text, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Placeholder;
    ///
    /// let placeholder = Placeholder::new("arn:${AWS::Partition}:lambda:${Region}:1:function:f");
    /// assert_eq!(placeholder.substitutions().collect::<Vec<_>>(), ["AWS::Partition", "Region"]);
    /// ```
    pub fn substitutions(&self) -> impl Iterator<Item = &str> {
        substitution_names(&self.0)
    }
}

/// The names inside `${…}` substitutions of `text`, in order (`AWS::Region` for
/// `${AWS::Region}`).
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::substitution_names;
///
/// assert_eq!(substitution_names("${A}-${B}").collect::<Vec<_>>(), ["A", "B"]);
/// assert_eq!(substitution_names("${unclosed").count(), 0);
/// ```
pub fn substitution_names(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find("${")?;
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        rest = &after[end + 1..];
        Some(&after[..end])
    })
}

/// The value of a payload-template key ending in `.$`, or of a field such as `ErrorPath`:
/// either a path (over the input, the context object or a variable) or an intrinsic function
/// call. Classified by its first character, as the spec does.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::DynamicValue;
///
/// assert!(matches!(DynamicValue::parse("$.customer.id"), DynamicValue::Path(_)));
/// assert!(matches!(DynamicValue::parse("States.UUID()"), DynamicValue::Intrinsic(_)));
/// assert_eq!(DynamicValue::parse("$$.Execution.Id").as_str(), "$$.Execution.Id");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DynamicValue {
    /// A path starting with `$`, `$$` or `$name`.
    Path(JsonPath),
    /// Anything else: an intrinsic function call (validated by the validator).
    Intrinsic(IntrinsicCall),
}

impl DynamicValue {
    /// Classifies `text`: a path when it starts with `$`, an intrinsic call otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::DynamicValue;
    ///
    /// assert!(matches!(DynamicValue::parse("$.id"), DynamicValue::Path(_)));
    /// assert!(matches!(DynamicValue::parse("States.Format('{}', $.id)"), DynamicValue::Intrinsic(_)));
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Self {
        if text.starts_with('$') {
            Self::Path(JsonPath::new(text))
        } else {
            Self::Intrinsic(IntrinsicCall::new(text))
        }
    }

    /// As [`parse`](Self::parse), keeping `text` rather than copying it.
    pub(crate) fn parse_owned(text: String) -> Self {
        if text.starts_with('$') {
            Self::Path(JsonPath(Cow::Owned(text)))
        } else {
            Self::Intrinsic(IntrinsicCall(Cow::Owned(text)))
        }
    }

    /// The text as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::DynamicValue;
    ///
    /// assert_eq!(DynamicValue::parse("States.UUID()").as_str(), "States.UUID()");
    /// assert_eq!(DynamicValue::parse("$.id").as_str(), "$.id");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Path(path) => path.as_str(),
            Self::Intrinsic(call) => call.as_str(),
        }
    }
}

impl From<JsonPath> for DynamicValue {
    fn from(path: JsonPath) -> Self {
        Self::Path(path)
    }
}

impl From<ReferencePath> for DynamicValue {
    fn from(path: ReferencePath) -> Self {
        Self::Path(JsonPath(path.0))
    }
}

impl From<IntrinsicCall> for DynamicValue {
    fn from(call: IntrinsicCall) -> Self {
        Self::Intrinsic(call)
    }
}

impl From<&str> for DynamicValue {
    fn from(text: &str) -> Self {
        Self::parse(text)
    }
}

/// A field that may be set to JSON `null`, which means something different from leaving it
/// out: `"ResultPath": null` discards the result, `"InputPath": null` passes `{}`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Nullable, State};
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "Log", "States": {"Log": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": null, "End": true}}}"#,
/// )?;
/// let Some(State::Task(task)) = machine.states.get("Log") else { panic!("a Task state") };
/// // `"ResultPath": null` (keep the input, discard the result) is not the same as no `ResultPath`.
/// assert_eq!(task.result_path, Some(Nullable::Null));
/// assert!(task.output_path.is_none());
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The field holds a value.
    Value(T),
    /// The field is `null`.
    Null,
}

impl<T> Nullable<T> {
    /// The value, or `None` for `null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Nullable, ReferencePath};
    ///
    /// let kept = Nullable::Value(ReferencePath::new("$.result"));
    /// assert_eq!(kept.as_value().map(ReferencePath::as_str), Some("$.result"));
    /// assert_eq!(Nullable::<ReferencePath>::Null.as_value(), None);
    /// ```
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Null => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

#[cfg(test)]
mod tests {
    use super::{JsonPath, PathRoot, Placeholder, substitution_names};

    #[test]
    fn roots_are_classified_by_prefix() {
        assert_eq!(JsonPath::new("$").root(), PathRoot::Input);
        assert_eq!(JsonPath::new("$['a b']").root(), PathRoot::Input);
        assert_eq!(JsonPath::new("$$").root(), PathRoot::Context);
        assert_eq!(JsonPath::new("$x[0]").root(), PathRoot::Variable("x"));
        assert_eq!(JsonPath::new("a.b").root(), PathRoot::Invalid);
    }

    #[test]
    fn placeholders_are_substitutions_or_scaffolding() {
        assert!(Placeholder::is_placeholder("${X}"));
        assert!(!Placeholder::is_placeholder("${X"));
        assert!(!Placeholder::is_placeholder("____"));
        assert!(!Placeholder::is_placeholder("__a b__"));
        let names: Vec<_> = substitution_names("arn:${AWS::Partition}:x:${Name}").collect();
        assert_eq!(names, ["AWS::Partition", "Name"]);
    }
}
