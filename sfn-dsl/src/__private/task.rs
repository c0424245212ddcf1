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
///
/// Expansions name the marker only as `<marker as Task>`, never as a bare generic argument:
/// a plain function called like a task is then one error, E0573 at the call, rather than
/// one more for each place its marker is read.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `#[task]`",
    label = "a workflow calls `#[task]` functions only",
    note = "declare it with `#[task(...)]`, or compute the value in the workflow's own expressions"
)]
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

/// The name of a task's parameter (the key of its input object), from its `Task::PARAMS`.
#[must_use]
pub fn param_name(params: &[&str], index: usize) -> String {
    params.get(index).copied().unwrap_or_default().to_owned()
}

/// Fails compilation (in a const context) when a task cannot wait for a callback, from its
/// `Task::CALLBACK`.
pub const fn assert_callback(callback: bool) {
    assert!(
        callback,
        "this task cannot `.wait_for_callback()`: only service integrations (`lambda`, `resource = \"arn:aws:states:::…\"`, `sdk`) can wait for a task token"
    );
}
