//! Error names matched by `ErrorEquals` and raised by `Fail` states.

use std::borrow::Cow;
use std::fmt;

/// An error name: one of the names the States Language predefines, or a custom name raised
/// by a task or a `Fail` state.
///
/// Parsing a name never fails: any string that is not a predefined name becomes
/// [`ErrorName::Custom`], so `"States.Typo"` round-trips and is reported by the validator
/// instead.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::ErrorName;
///
/// assert_eq!(ErrorName::parse("States.ALL"), ErrorName::All);
/// assert_eq!(ErrorName::Timeout.as_str(), "States.Timeout");
/// let custom = ErrorName::from("Payment.Declined");
/// assert_eq!(custom, ErrorName::Custom("Payment.Declined".into()));
/// assert!(!custom.is_predefined());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ErrorName {
    /// `States.ALL`: a wildcard matching any error except `States.Runtime`.
    All,
    /// `States.HeartbeatTimeout`: a task missed its heartbeat.
    HeartbeatTimeout,
    /// `States.Timeout`: a task or the execution ran out of time.
    Timeout,
    /// `States.TaskFailed`: a task failed; as a matcher, AWS treats it as a wildcard for task
    /// errors.
    TaskFailed,
    /// `States.Permissions`: a task lacked privileges.
    Permissions,
    /// `States.ResultPathMatchFailure`: `ResultPath` could not be applied to the input.
    ResultPathMatchFailure,
    /// `States.ParameterPathFailure`: a `.$` path in a payload template failed.
    ParameterPathFailure,
    /// `States.QueryEvaluationError`: a JSONata evaluation failed.
    QueryEvaluationError,
    /// `States.BranchFailed`: a Parallel branch failed.
    BranchFailed,
    /// `States.NoChoiceMatched`: no Choice rule matched and there is no `Default`.
    NoChoiceMatched,
    /// `States.IntrinsicFailure`: an intrinsic function failed.
    IntrinsicFailure,
    /// `States.ExceedToleratedFailureThreshold`: a Map exceeded its tolerated failures.
    ExceedToleratedFailureThreshold,
    /// `States.ItemReaderFailed`: a Map `ItemReader` failed.
    ItemReaderFailed,
    /// `States.ResultWriterFailed`: a Map `ResultWriter` failed.
    ResultWriterFailed,
    /// `States.DataLimitExceeded`: a payload exceeded 256 KiB.
    DataLimitExceeded,
    /// `States.Runtime`: an unprocessable runtime error; never retried or caught.
    Runtime,
    /// `States.Http.Socket`: an HTTP task timed out.
    HttpSocket,
    /// Any other name, such as `Lambda.ServiceException` or a user-defined error.
    ///
    /// A name known at compile time is held without allocating
    /// ([`ErrorName::from_static`]); owned and borrowed spellings compare, order and hash
    /// alike.
    Custom(Cow<'static, str>),
}

/// Every predefined name with its spelling, in the order of the spec's appendix.
/// `[States.ALL]`, shared by every list that is just that.
static ALL_ONLY: [ErrorName; 1] = [ErrorName::All];

/// The transient Lambda errors of [`ErrorName::lambda_transient`], shared.
pub(crate) static LAMBDA_TRANSIENT: [ErrorName; 4] = [
    ErrorName::Custom(Cow::Borrowed("Lambda.ServiceException")),
    ErrorName::Custom(Cow::Borrowed("Lambda.AWSLambdaException")),
    ErrorName::Custom(Cow::Borrowed("Lambda.SdkClientException")),
    ErrorName::Custom(Cow::Borrowed("Lambda.TooManyRequestsException")),
];

const PREDEFINED: &[(ErrorName, &str)] = &[
    (ErrorName::All, "States.ALL"),
    (ErrorName::HeartbeatTimeout, "States.HeartbeatTimeout"),
    (ErrorName::Timeout, "States.Timeout"),
    (ErrorName::TaskFailed, "States.TaskFailed"),
    (ErrorName::Permissions, "States.Permissions"),
    (
        ErrorName::ResultPathMatchFailure,
        "States.ResultPathMatchFailure",
    ),
    (
        ErrorName::ParameterPathFailure,
        "States.ParameterPathFailure",
    ),
    (
        ErrorName::QueryEvaluationError,
        "States.QueryEvaluationError",
    ),
    (ErrorName::BranchFailed, "States.BranchFailed"),
    (ErrorName::NoChoiceMatched, "States.NoChoiceMatched"),
    (ErrorName::IntrinsicFailure, "States.IntrinsicFailure"),
    (
        ErrorName::ExceedToleratedFailureThreshold,
        "States.ExceedToleratedFailureThreshold",
    ),
    (ErrorName::ItemReaderFailed, "States.ItemReaderFailed"),
    (ErrorName::ResultWriterFailed, "States.ResultWriterFailed"),
    (ErrorName::DataLimitExceeded, "States.DataLimitExceeded"),
    (ErrorName::Runtime, "States.Runtime"),
    (ErrorName::HttpSocket, "States.Http.Socket"),
];

/// Custom names common enough to be held without allocating when parsed: the transient
/// Lambda errors AWS recommends retrying on.
const COMMON_CUSTOM: &[&str] = &[
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
];

impl ErrorName {
    /// Classifies a name: a predefined spelling gives its variant, anything else
    /// [`ErrorName::Custom`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    ///
    /// assert_eq!(ErrorName::parse("States.Timeout"), ErrorName::Timeout);
    /// assert!(matches!(ErrorName::parse("Lambda.ServiceException"), ErrorName::Custom(_)));
    /// assert!(matches!(ErrorName::parse("states.timeout"), ErrorName::Custom(_))); // case-sensitive
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Self {
        if let Some(known) = Self::predefined(name) {
            return known;
        }
        // The names most definitions retry on are shared, not copied.
        match COMMON_CUSTOM.iter().find(|spelling| **spelling == name) {
            Some(spelling) => Self::Custom(Cow::Borrowed(spelling)),
            None => Self::Custom(Cow::Owned(name.to_owned())),
        }
    }

    /// Classifies a name known at compile time, like [`ErrorName::parse`], but holds a
    /// custom name without copying it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    ///
    /// assert_eq!(ErrorName::from_static("States.Timeout"), ErrorName::Timeout);
    /// let name = ErrorName::from_static("Lambda.ServiceException");
    /// assert_eq!(name, ErrorName::parse("Lambda.ServiceException"));
    /// assert_eq!(name.as_str(), "Lambda.ServiceException");
    /// ```
    #[must_use]
    pub fn from_static(name: &'static str) -> Self {
        Self::predefined(name).unwrap_or(Self::Custom(Cow::Borrowed(name)))
    }

    /// `errors`, pointing at a shared static list when it is one of the common ones
    /// (`[States.ALL]`, the transient Lambda errors), so that the list is not allocated,
    /// copied or freed state by state.
    pub(crate) fn shared_list(errors: Cow<'static, [Self]>) -> Cow<'static, [Self]> {
        match errors {
            Cow::Owned(list) if list[..] == ALL_ONLY => Cow::Borrowed(&ALL_ONLY),
            Cow::Owned(list) if list[..] == LAMBDA_TRANSIENT => Cow::Borrowed(&LAMBDA_TRANSIENT),
            other => other,
        }
    }

    /// [`ErrorName::shared_list`] of names given one by one: a list that turns out to be a
    /// shared one is never collected into a vector (nothing is allocated or freed).
    pub(crate) fn shared_list_from(errors: impl IntoIterator<Item = Self>) -> Cow<'static, [Self]> {
        let mut errors = errors.into_iter();
        let Some(first) = errors.next() else {
            return Cow::Owned(Vec::new());
        };
        let shared: &'static [Self] = if first == ALL_ONLY[0] {
            &ALL_ONLY
        } else if first == LAMBDA_TRANSIENT[0] {
            &LAMBDA_TRANSIENT
        } else {
            let mut list = Vec::with_capacity(1 + errors.size_hint().0);
            list.push(first);
            list.extend(errors);
            return Cow::Owned(list);
        };
        // The names so far are `shared[..matched]`: only a name that departs from it makes
        // the list its own.
        let mut matched = 1;
        for error in errors.by_ref() {
            if shared.get(matched) == Some(&error) {
                matched += 1;
                continue;
            }
            let mut list = Vec::with_capacity(matched + 1 + errors.size_hint().0);
            list.extend(shared.iter().take(matched).cloned());
            list.push(error);
            list.extend(errors);
            return Cow::Owned(list);
        }
        match shared.get(..matched) {
            Some(prefix) if matched < shared.len() => Cow::Owned(prefix.to_vec()),
            _ => Cow::Borrowed(shared),
        }
    }

    /// The compact JSON of `errors` when it is one of the shared lists (`[States.ALL]`,
    /// the transient Lambda errors), so that writers copy it instead of escaping each name.
    pub(crate) fn shared_list_json(errors: &[Self]) -> Option<&'static str> {
        if errors == ALL_ONLY {
            Some(r#"["States.ALL"]"#)
        } else if std::ptr::eq(errors.as_ptr(), LAMBDA_TRANSIENT.as_ptr())
            || errors == LAMBDA_TRANSIENT
        {
            Some(concat!(
                r#"["Lambda.ServiceException","Lambda.AWSLambdaException","#,
                r#""Lambda.SdkClientException","Lambda.TooManyRequestsException"]"#
            ))
        } else {
            None
        }
    }

    /// `[States.ALL]`, shared (allocates nothing).
    pub(crate) fn all_only() -> Cow<'static, [Self]> {
        Cow::Borrowed(&ALL_ONLY)
    }

    /// The predefined name spelled `name`, if it is one.
    fn predefined(name: &str) -> Option<Self> {
        // Every predefined spelling starts with `States.`: most custom names are told apart
        // by their first bytes.
        if !name.starts_with("States.") {
            return None;
        }
        PREDEFINED
            .iter()
            .find(|(_, spelling)| *spelling == name)
            .map(|(known, _)| known.clone())
    }

    /// The spelling used in ASL.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    ///
    /// assert_eq!(ErrorName::All.as_str(), "States.ALL");
    /// assert_eq!(ErrorName::parse("Card.Declined").as_str(), "Card.Declined");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Custom(name) => name,
            known => PREDEFINED
                .iter()
                .find(|(candidate, _)| candidate == known)
                .map_or("", |(_, spelling)| spelling),
        }
    }

    /// Whether this is one of the names the States Language predefines.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    ///
    /// assert!(ErrorName::TaskFailed.is_predefined());
    /// assert!(!ErrorName::parse("Card.Declined").is_predefined());
    /// ```
    #[must_use]
    pub fn is_predefined(&self) -> bool {
        !matches!(self, Self::Custom(_))
    }

    /// The spellings of all predefined names, for "did you mean" hints.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    ///
    /// let spellings: Vec<&str> = ErrorName::predefined_spellings().collect();
    /// assert!(spellings.contains(&"States.NoChoiceMatched"));
    /// assert!(spellings.iter().all(|spelling| ErrorName::parse(spelling).is_predefined()));
    /// ```
    pub fn predefined_spellings() -> impl Iterator<Item = &'static str> {
        PREDEFINED.iter().map(|(_, spelling)| *spelling)
    }
}

impl fmt::Display for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for ErrorName {
    fn from(name: &str) -> Self {
        Self::parse(name)
    }
}

impl From<String> for ErrorName {
    fn from(name: String) -> Self {
        Self::predefined(&name).unwrap_or(Self::Custom(Cow::Owned(name)))
    }
}

/// `States.Http.StatusCode.<nnn>`, the errors of HTTP Tasks for answers outside 2xx: the
/// one family of `States.` names that is not predefined one by one.
pub(crate) fn is_http_status(name: &str) -> bool {
    name.strip_prefix("States.Http.StatusCode.")
        .is_some_and(|code| code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::ErrorName;

    #[test]
    fn every_predefined_name_round_trips() {
        for spelling in ErrorName::predefined_spellings() {
            let name = ErrorName::parse(spelling);
            assert!(name.is_predefined(), "{spelling}");
            assert_eq!(name.as_str(), spelling);
        }
    }

    #[test]
    fn shared_lists_have_the_json_of_their_names() {
        for list in [&super::ALL_ONLY[..], &super::LAMBDA_TRANSIENT[..]] {
            let spellings: Vec<&str> = list.iter().map(ErrorName::as_str).collect();
            let expected = serde_json::to_string(&spellings).expect("strings serialize");
            assert_eq!(ErrorName::shared_list_json(list), Some(expected.as_str()));
            // An owned copy of a shared list is written the same way.
            let copy: Vec<ErrorName> = list.to_vec();
            assert_eq!(ErrorName::shared_list_json(&copy), Some(expected.as_str()));
        }
        assert_eq!(ErrorName::shared_list_json(&[ErrorName::Timeout]), None);
    }

    #[test]
    fn lists_given_name_by_name_share_the_common_ones() {
        let all = ErrorName::shared_list_from([ErrorName::All]);
        assert!(matches!(all, std::borrow::Cow::Borrowed(_)));
        let lambda = ErrorName::shared_list_from(ErrorName::lambda_transient());
        assert!(matches!(lambda, std::borrow::Cow::Borrowed(_)));
        let transient = ErrorName::lambda_transient();
        for list in [
            vec![],
            vec![ErrorName::Timeout],
            vec![ErrorName::All, ErrorName::All],
            vec![ErrorName::All, ErrorName::Timeout],
            transient[..2].to_vec(),
            [&transient[..2], &[ErrorName::Timeout], &transient[2..]].concat(),
            [&transient[..], &[ErrorName::Timeout]].concat(),
        ] {
            let shared = ErrorName::shared_list_from(list.clone());
            assert!(matches!(shared, std::borrow::Cow::Owned(_)), "{list:?}");
            assert_eq!(shared[..], list[..]);
        }
    }

    #[test]
    fn unknown_names_are_custom_and_keep_their_spelling() {
        let name = ErrorName::from("States.Typo".to_owned());
        assert_eq!(name, ErrorName::Custom("States.Typo".into()));
        assert_eq!(name.to_string(), "States.Typo");
    }
}
