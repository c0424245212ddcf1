//! The least-privilege IAM policy a machine's execution role needs, derived from its Task
//! states and Distributed Map readers and writers the way the AWS CDK's task constructs
//! grant it. Resources that cannot be named from the definition (paths, JSONata, ARNs
//! only known at deployment) are listed as [`Unresolved`], never guessed.
//!
//! ```
//! use sfn_dsl::{StateMachine, iam};
//!
//! let machine = StateMachine::from_json(r#"{"StartAt": "Notify", "States": {"Notify": {
//!     "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
//!     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "$"},
//!     "End": true}}}"#)?;
//! let policy = iam::policy(&machine);
//! assert_eq!(policy.statements[0].actions, ["sns:Publish"]);
//! assert_eq!(policy.statements[0].resources, ["arn:aws:sns:us-east-1:123456789012:orders"]);
//! assert!(policy.unresolved.is_empty());
//! # Ok::<(), sfn_dsl::ParseError>(())
//! ```

mod field;
mod services;

use indexmap::IndexMap;
use serde_json::{Value, json};

use crate::model::{State, StateMachine};

/// One `Allow` statement.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, iam};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {
///     "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
///                "Next": "Ship"},
///     "Ship": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship:live",
///              "End": true}}}"#)?;
/// let policy = iam::policy(&machine);
/// // One statement per set of actions, with the resources of both states merged.
/// let [statement] = policy.statements.as_slice() else { panic!("one statement") };
/// assert_eq!(statement.actions, ["lambda:InvokeFunction"]);
/// assert_eq!(statement.resources, [
///     "arn:aws:lambda:us-east-1:123456789012:function:charge",
///     "arn:aws:lambda:us-east-1:123456789012:function:charge:*",
///     "arn:aws:lambda:us-east-1:123456789012:function:ship:live",
/// ]);
/// assert_eq!(statement.condition, None);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The actions, such as `lambda:InvokeFunction`.
    pub actions: Vec<String>,
    /// The resource ARNs (may hold `${AWS::Region}`-style substitutions, as CDK output does).
    pub resources: Vec<String>,
    /// IAM condition operators and their keys and values, if any.
    pub condition: Option<Value>,
}

/// A permission the definition needs but whose resource it does not name.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, iam};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Notify", "States": {"Notify": {
///     "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
///     "Parameters": {"TopicArn.$": "$.topic", "Message.$": "$"},
///     "End": true}}}"#)?;
/// let policy = iam::policy(&machine);
/// assert!(policy.statements.is_empty());
/// // The topic is only known at run time: the permission is listed, not guessed.
/// let [unresolved] = policy.unresolved.as_slice() else { panic!("one unresolved permission") };
/// assert_eq!(unresolved.state, "Notify");
/// assert_eq!(unresolved.actions, ["sns:Publish"]);
/// assert!(unresolved.reason.contains("TopicArn"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// The state that needs it.
    pub state: String,
    /// The actions needed.
    pub actions: Vec<String>,
    /// Why the resource is not known, and where to find it.
    pub reason: String,
}

/// The policy: statements for what the definition names, and what it does not.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::{StateMachine, iam};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Notify", "States": {"Notify": {
///     "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
///     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "$"},
///     "End": true}}}"#)?;
/// let policy = iam::policy(&machine);
/// assert_eq!(policy.to_json(), json!({
///     "PolicyDocument": {
///         "Version": "2012-10-17",
///         "Statement": [{
///             "Effect": "Allow",
///             "Action": "sns:Publish",
///             "Resource": "arn:aws:sns:us-east-1:123456789012:orders"
///         }]
///     },
///     "Unresolved": []
/// }));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// `Allow` statements, one per set of actions, resources merged, in definition order.
    pub statements: Vec<Statement>,
    /// Permissions whose resources must be filled in by hand.
    pub unresolved: Vec<Unresolved>,
}

impl Policy {
    /// `{"PolicyDocument": {"Version": "2012-10-17", "Statement": [...]}, "Unresolved": [...]}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::{StateMachine, iam};
    ///
    /// // The topic is chosen at run time: no statement, one permission to fill in by hand.
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Notify", "States": {"Notify": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
    ///     "Parameters": {"TopicArn.$": "$.topic", "Message.$": "$"}, "End": true}}}"#)?;
    /// let document = iam::policy(&machine).to_json();
    /// assert_eq!(document["PolicyDocument"], json!({"Version": "2012-10-17", "Statement": []}));
    /// assert_eq!(document["Unresolved"][0]["State"], "Notify");
    /// assert_eq!(document["Unresolved"][0]["Action"], json!(["sns:Publish"]));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> Value {
        let statements: Vec<Value> = self
            .statements
            .iter()
            .map(|statement| {
                let mut object = json!({
                    "Effect": "Allow",
                    "Action": one_or_many(&statement.actions),
                    "Resource": one_or_many(&statement.resources),
                });
                if let (Some(condition), Value::Object(fields)) =
                    (&statement.condition, &mut object)
                {
                    fields.insert("Condition".to_owned(), condition.clone());
                }
                object
            })
            .collect();
        let unresolved: Vec<Value> = self
            .unresolved
            .iter()
            .map(|item| json!({"State": item.state, "Action": item.actions, "Reason": item.reason}))
            .collect();
        json!({
            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
            "Unresolved": unresolved,
        })
    }
}

fn one_or_many(values: &[String]) -> Value {
    match values {
        [one] => Value::String(one.clone()),
        many => Value::Array(many.iter().cloned().map(Value::String).collect()),
    }
}

/// Collects grants while walking the machine.
pub(crate) struct Grants<'d> {
    /// (actions, condition as text) -> (statement index)
    by_actions: IndexMap<(Vec<String>, String), Statement>,
    unresolved: Vec<Unresolved>,
    /// What the deployment's values hold.
    pub(crate) deployment: &'d Deployment,
}

impl<'d> Grants<'d> {
    pub(crate) fn new(deployment: &'d Deployment) -> Self {
        Self {
            by_actions: IndexMap::new(),
            unresolved: Vec::new(),
            deployment,
        }
    }

    pub(crate) fn allow(&mut self, actions: &[&str], resources: Vec<String>) {
        self.allow_with_condition(actions, resources, None);
    }

    pub(crate) fn allow_with_condition(
        &mut self,
        actions: &[&str],
        resources: Vec<String>,
        condition: Option<Value>,
    ) {
        let actions: Vec<String> = actions.iter().map(|action| (*action).to_owned()).collect();
        let key = (
            actions.clone(),
            condition
                .as_ref()
                .map_or_else(String::new, ToString::to_string),
        );
        let statement = self.by_actions.entry(key).or_insert_with(|| Statement {
            actions,
            resources: Vec::new(),
            condition,
        });
        for resource in resources {
            if !statement.resources.contains(&resource) {
                statement.resources.push(resource);
            }
        }
    }

    /// Moves what `target` collected for one task into this execution role's `Unresolved`,
    /// as what the role the task assumes (`role`, as written) needs instead: AWS calls the
    /// service with that role's credentials, and needs no EventBridge rule for a `.sync`
    /// task run that way.
    pub(crate) fn delegate(&mut self, state: &str, role: &str, target: Grants<'_>) {
        for statement in target.by_actions.into_values() {
            if statement
                .actions
                .iter()
                .all(|action| services::SYNC_RULE_ACTIONS.contains(&action.as_str()))
            {
                continue;
            }
            self.unresolved.push(Unresolved {
                state: state.to_owned(),
                actions: statement.actions,
                reason: format!(
                    "the task runs as the role it assumes ({role}): grant this there, on {}, not to the execution role",
                    statement.resources.join(", ")
                ),
            });
        }
        for item in target.unresolved {
            self.unresolved.push(Unresolved {
                reason: format!(
                    "the task runs as the role it assumes ({role}), which needs this: {}",
                    item.reason
                ),
                ..item
            });
        }
    }

    pub(crate) fn unresolved(&mut self, state: &str, actions: &[&str], reason: impl Into<String>) {
        self.unresolved.push(Unresolved {
            state: state.to_owned(),
            actions: actions.iter().map(|action| (*action).to_owned()).collect(),
            reason: reason.into(),
        });
    }
}

/// What is known about a deployment's `${…}` values beyond their names: which hold a
/// resource's name rather than its ARN. Without it, a substitution holds a name only when its
/// own name says so (`${TableName}`, `${Bus.Name}`).
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, iam};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Save", "States": {"Save": {
///     "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
///     "Parameters": {"TableName": "${OrdersTable}", "Item.$": "$.item"}, "End": true}}}"#)?;
/// // `Ref` of an `AWS::DynamoDB::Table` gives its name.
/// let deployment = iam::Deployment::new().name("${OrdersTable}");
/// let policy = iam::policy_in(&machine, &deployment);
/// assert_eq!(
///     policy.statements[0].resources,
///     ["arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}"]
/// );
/// // Without it, the value is taken for the table's ARN.
/// assert_eq!(iam::policy(&machine).statements[0].resources, ["${OrdersTable}"]);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deployment {
    names: std::collections::BTreeSet<String>,
}

impl Deployment {
    /// Nothing known beyond the values' names.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::{StateMachine, iam};
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {"Charge": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "${ChargeFunction}", "Payload.$": "$"}, "End": true}}}"#)?;
    /// assert_eq!(iam::policy_in(&machine, &iam::Deployment::new()), iam::policy(&machine));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Says that `placeholder`, written as in the definition (`"${OrdersTable}"`), holds a
    /// resource's name (what CloudFormation's `Ref` gives for a table, a function or an
    /// event bus), not its ARN.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::{StateMachine, iam};
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {"Charge": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "${ChargeFunction}", "Payload.$": "$"}, "End": true}}}"#)?;
    /// let deployment = iam::Deployment::new().name("${ChargeFunction}");
    /// assert_eq!(iam::policy_in(&machine, &deployment).statements[0].resources, [
    ///     "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${ChargeFunction}",
    ///     "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${ChargeFunction}:*",
    /// ]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn name(mut self, placeholder: impl Into<String>) -> Self {
        self.names.insert(placeholder.into());
        self
    }

    /// Whether a deployment value is one substitution holding a name.
    pub(crate) fn holds_name(&self, value: &str) -> bool {
        self.names.contains(value) || services::names_a_name(value)
    }
}

/// Derives the policy the machine's execution role needs.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, iam};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Notify", "States": {
///     "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
///                "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "$"},
///                "Next": "Forward"},
///     "Forward": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
///                 "Parameters": {"TopicArn.$": "$.replyTo", "Message.$": "$"}, "End": true}}}"#)?;
/// let policy = iam::policy(&machine);
/// // The known topic is granted; the one computed at run time is left to you, not guessed.
/// assert_eq!(policy.statements[0].resources, ["arn:aws:sns:us-east-1:123456789012:orders"]);
/// assert_eq!(policy.unresolved[0].state, "Forward");
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn policy(machine: &StateMachine) -> Policy {
    policy_in(machine, &Deployment::default())
}

/// [`policy`], knowing more of what the deployment's values hold (see [`Deployment`]).
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, iam};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Save", "States": {"Save": {
///     "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
///     "Parameters": {"TableName": "${Orders}", "Item.$": "$.item"}, "End": true}}}"#)?;
/// let policy = iam::policy_in(&machine, &iam::Deployment::new().name("${Orders}"));
/// assert_eq!(policy.statements[0].actions, ["dynamodb:PutItem"]);
/// assert_eq!(
///     policy.statements[0].resources,
///     ["arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}"]
/// );
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn policy_in(machine: &StateMachine, deployment: &Deployment) -> Policy {
    let mut grants = Grants::new(deployment);
    for (name, state) in machine.all_states() {
        match state {
            State::Task(task) => services::task(&mut grants, name.as_str(), task),
            State::Map(map) => services::map(&mut grants, name.as_str(), map),
            _ => {}
        }
    }
    Policy {
        statements: grants
            .by_actions
            .into_values()
            .filter(|statement| !statement.resources.is_empty())
            .collect(),
        unresolved: grants.unresolved,
    }
}

#[cfg(test)]
mod tests;
