//! Task declarations: what `#[task]` generates and what the workflow reads from it.

/// What a `#[task]` declaration calls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// A resource used as is; the arguments are the payload.
    Resource(&'static str),
    /// A Lambda function called through `lambda:invoke`.
    Lambda(&'static str),
    /// An HTTPS endpoint called through `http:invoke`.
    Http {
        /// `ApiEndpoint`.
        endpoint: &'static str,
        /// `Method`.
        method: &'static str,
        /// `Authentication.ConnectionArn`.
        connection: &'static str,
    },
}

/// A task declaration: what it calls and its default settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSpec {
    /// What it calls.
    pub kind: TaskKind,
    /// Default `TimeoutSeconds`.
    pub timeout_secs: Option<u64>,
    /// Default `HeartbeatSeconds`.
    pub heartbeat_secs: Option<u64>,
    /// The task's doc comment, used as the state's `Comment`.
    pub comment: Option<&'static str>,
}

impl TaskSpec {
    /// The text appended to `$states.result` to reach the value the task returns.
    #[must_use]
    pub fn result_suffix(&self, callback: bool) -> &'static str {
        match (&self.kind, callback) {
            (TaskKind::Lambda(_), false) => ".Payload",
            (TaskKind::Http { .. }, false) => ".ResponseBody",
            _ => "",
        }
    }
}

/// Implemented by `#[task]` for the marker type named like the task function.
pub trait Task {
    /// What the task returns.
    type Output;
    /// The parameter names, in order.
    const PARAMS: &'static [&'static str];
    /// Whether the resource can wait for a task token (`.waitForTaskToken`).
    const CALLBACK: bool;
    /// The declaration.
    fn spec() -> TaskSpec;
}

/// The name of a task's parameter (the key of its input object).
#[must_use]
pub fn param_name<T: Task + ?Sized>(index: usize) -> String {
    T::PARAMS.get(index).copied().unwrap_or_default().to_owned()
}

/// The text appended to `$states.result` for a task's value.
#[must_use]
pub fn result_suffix<T: Task + ?Sized>(callback: bool) -> String {
    T::spec().result_suffix(callback).to_owned()
}

/// Fails compilation (in a const context) when a task cannot wait for a callback.
pub const fn assert_callback<T: Task + ?Sized>() {
    assert!(
        T::CALLBACK,
        "this task cannot `.wait_for_callback()`: only service integrations (`lambda`, `resource = \"arn:aws:states:::…\"`, `sdk`) can wait for a task token"
    );
}
