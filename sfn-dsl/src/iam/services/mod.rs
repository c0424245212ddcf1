//! What each integration needs, after the AWS CDK's `aws-stepfunctions-tasks` constructs.

mod agentcore;
mod apigateway;
mod athena;
mod batch;
mod bedrock;
mod codebuild;
mod ecs;
mod eks;
mod emr;
mod events;
mod glue;
mod http;
mod lambda;
mod map;
mod sagemaker;
mod sdk;
mod sns;
mod sqs;

pub(super) use map::map;

use super::field::{Field, field};
use super::{Deployment, Grants};
use crate::model::{
    IntegrationFamily, IntegrationPattern, Payload, Resource, ServiceIntegration, TaskState,
};

/// Whether `value` holds a value filled in at deployment: a `${…}` substitution (SAM,
/// CloudFormation `Fn::Sub`, Terraform) or a CloudFormation dynamic reference
/// (`{{resolve:ssm:…}}`). Like the definition, the policy keeps it as written and the
/// deployment fills it in the same way.
pub(super) fn is_deployment_value(value: &str) -> bool {
    value.contains("${") || value.contains("{{resolve:")
}

/// Whether a deployment value is one substitution whose name says it holds a name, not an
/// ARN (`${TableName}`, `${fn.functionName}`): what CloudFormation's `Ref` gives for a table
/// or an event bus, which an ARN cannot be written around.
pub(super) fn names_a_name(value: &str) -> bool {
    value
        .strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
        .is_some_and(|name| {
            !name.contains(['$', '{', '}']) && name.to_ascii_lowercase().ends_with("name")
        })
}

/// An ARN in the deploying account and region, written with CloudFormation pseudo
/// parameters as CDK output does.
fn account_arn(partition: &str, service: &str, resource: &str) -> String {
    format!("arn:{partition}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:{resource}")
}

/// What Step Functions does with the managed EventBridge rule of a `.sync` task.
pub(super) const SYNC_RULE_ACTIONS: &[&str] =
    &["events:PutTargets", "events:PutRule", "events:DescribeRule"];

/// The managed EventBridge rule Step Functions uses to learn that a `.sync` job finished.
fn sync_rule(grants: &mut Grants<'_>, partition: &str, rule: &str) {
    grants.allow(
        SYNC_RULE_ACTIONS,
        vec![account_arn(partition, "events", &format!("rule/{rule}"))],
    );
}

fn is_sync(pattern: IntegrationPattern) -> bool {
    matches!(
        pattern,
        IntegrationPattern::Sync | IntegrationPattern::Sync2
    )
}

/// The task's input: `Parameters` or `Arguments`.
fn input(task: &TaskState) -> Option<&Payload> {
    task.parameters.as_ref().or(task.arguments.as_ref())
}

pub(super) fn task(grants: &mut Grants<'_>, state: &str, task: &TaskState) {
    let role = task
        .credentials
        .as_ref()
        .map(|credentials| field(Some(credentials), "RoleArn"));
    match role {
        Some(Field::Literal(role)) => {
            let mut target = Grants::new(grants.deployment);
            service(&mut target, state, task);
            grants.delegate(state, &format!("`{role}`"), target);
            grants.allow(&["sts:AssumeRole"], vec![role]);
        }
        Some(Field::Dynamic) => {
            let mut target = Grants::new(grants.deployment);
            service(&mut target, state, task);
            grants.delegate(state, "`Credentials.RoleArn`, computed at run time", target);
            grants.unresolved(
                state,
                &["sts:AssumeRole"],
                "`Credentials.RoleArn` is computed at run time",
            );
        }
        Some(Field::Absent) | None => service(grants, state, task),
    }
}

/// What calling the task's service needs.
fn service(grants: &mut Grants<'_>, state: &str, task: &TaskState) {
    match &task.resource {
        Resource::LambdaFunction(function) => {
            lambda::legacy(grants, function, &task.resource.to_string());
        }
        Resource::Integration(integration) => self::integration(grants, state, task, integration),
        Resource::Activity(_) => {}
        Resource::Other(text) => grants.unresolved(
            state,
            &[],
            format!("the resource `{text}` is not an ARN this tool knows; its permissions depend on what it becomes"),
        ),
    }
}

/// Grants `actions` on the literal `field` of the input, turned into an ARN by `to_arn`, or
/// lists it as unresolved.
fn on_field(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    name: &str,
    actions: &[&str],
    to_arn: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    on_setting(
        grants,
        state,
        field(payload, name),
        name,
        actions,
        to_arn,
        None,
    )
}

/// Grants `actions` on `setting` (the input's `name`, which may be nested such as
/// `ResultConfiguration.OutputLocation`), turned into an ARN by `to_arn`, or lists it as
/// unresolved. `if_dynamic` says what the CDK or AWS grant when the setting is computed at
/// run time, for the reader who fills the resource in.
fn on_setting(
    grants: &mut Grants<'_>,
    state: &str,
    setting: Field,
    name: &str,
    actions: &[&str],
    to_arn: impl Fn(&str) -> Option<String>,
    if_dynamic: Option<&str>,
) -> Option<String> {
    match setting {
        Field::Literal(value) => {
            let arn = to_arn(&value);
            if let Some(arn) = &arn {
                grants.allow(actions, vec![arn.clone()]);
            } else {
                grants.unresolved(
                    state,
                    actions,
                    format!("`{name}` is `{value}`, which cannot be turned into an ARN"),
                );
            }
            arn
        }
        Field::Dynamic => {
            let reason = match if_dynamic {
                Some(hint) => format!("`{name}` is computed at run time ({hint})"),
                None => format!("`{name}` is computed at run time"),
            };
            grants.unresolved(state, actions, reason);
            None
        }
        Field::Absent => {
            grants.unresolved(state, actions, format!("the task input has no `{name}`"));
            None
        }
    }
}

/// An ARN as written, or a name turned into an ARN of `kind` (`table/`, `job/`, …).
fn named<'a>(
    deployment: &'a Deployment,
    partition: &'a str,
    service: &'a str,
    kind: &'a str,
) -> impl Fn(&str) -> Option<String> + 'a {
    move |value: &str| {
        if value.starts_with("arn:")
            || (is_deployment_value(value) && !deployment.holds_name(value))
        {
            Some(value.to_owned())
        } else {
            Some(account_arn(partition, service, &format!("{kind}{value}")))
        }
    }
}

/// Like [`named`], for resources whose IAM ARN ends in a revision (`kind` + `NAME:REVISION`):
/// one written without a revision stands for the latest, so every revision (`NAME:*`) is
/// granted; one with a revision is kept. A deployment value is kept as written unless it is
/// an ARN whose last part is literal.
fn revisioned<'a>(
    deployment: &'a Deployment,
    partition: &'a str,
    service: &'a str,
    kind: &'a str,
) -> impl Fn(&str) -> Option<String> + 'a {
    let named = named(deployment, partition, service, kind);
    move |value: &str| {
        let arn = named(value)?;
        match arn.rsplit_once('/') {
            Some((_, name))
                if arn.starts_with("arn:") && !name.contains(':') && !is_deployment_value(name) =>
            {
                Some(format!("{arn}:*"))
            }
            _ => Some(arn),
        }
    }
}

fn capitalized(action: &str) -> String {
    let mut characters = action.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

fn integration(
    grants: &mut Grants<'_>,
    state: &str,
    task: &TaskState,
    integration: &ServiceIntegration,
) {
    let partition = &*integration.partition;
    let pattern = integration.pattern;
    let payload = input(task);
    if integration.family == IntegrationFamily::AwsSdk {
        sdk::call(grants, state, integration);
        return;
    }
    match (&*integration.service, &*integration.action) {
        ("lambda", "invoke") => lambda::invoke(grants, state, payload, partition),
        ("sns", "publish") => sns::publish(grants, state, payload),
        ("sqs", "sendMessage") => sqs::send_message(grants, state, payload, partition),
        ("dynamodb", action @ ("getItem" | "putItem" | "updateItem" | "deleteItem")) => {
            let iam_action = format!("dynamodb:{}", capitalized(action));
            on_field(
                grants,
                state,
                payload,
                "TableName",
                &[iam_action.as_str()],
                named(grants.deployment, partition, "dynamodb", "table/"),
            );
        }
        ("states", "startExecution") => start_execution(grants, state, payload, partition, pattern),
        ("ecs", "runTask") => ecs::run_task(grants, state, payload, partition, pattern),
        ("batch", "submitJob") => batch::submit_job(grants, state, payload, partition, pattern),
        ("glue", "startJobRun") => glue::start_job_run(grants, state, payload, partition, pattern),
        ("events", "putEvents") => events::put_events(grants, state, payload, partition),
        ("http", "invoke") => http::invoke(grants, state, payload, partition),
        ("apigateway", "invoke") => apigateway::invoke(grants, state, payload, partition),
        ("athena", "startQueryExecution") => {
            athena::start_query_execution(grants, state, payload, partition, pattern);
        }
        ("athena", "getQueryExecution") => athena::get_query_execution(grants),
        ("athena", "getQueryResults") => athena::get_query_results(grants),
        ("athena", "stopQueryExecution") => athena::stop_query_execution(grants),
        ("codebuild", "startBuild") => {
            codebuild::start_build(grants, state, payload, partition, pattern);
        }
        ("bedrock", "invokeModel") => bedrock::invoke_model(grants, state, payload, partition),
        ("bedrockagentcore", "invokeHarness") => {
            agentcore::invoke_harness(grants, state, payload);
        }
        ("sagemaker", "createTrainingJob") => {
            sagemaker::create_training_job(grants, state, payload, partition, pattern);
        }
        ("eks", "runJob") => eks::run_job(grants, state, payload),
        ("elasticmapreduce", "addStep") => {
            emr::add_step(grants, state, payload, partition, pattern);
        }
        (service, action) => grants.unresolved(
            state,
            &[],
            format!("no grant rule for the `{service}:{action}` integration yet"),
        ),
    }
}

fn start_execution(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    let machine = on_field(
        grants,
        state,
        payload,
        "StateMachineArn",
        &["states:StartExecution"],
        |value| Some(value.to_owned()),
    );
    if is_sync(pattern) {
        match machine.as_deref().and_then(execution_arn) {
            Some(executions) => grants.allow(
                &["states:DescribeExecution", "states:StopExecution"],
                vec![executions],
            ),
            None => grants.unresolved(
                state,
                &["states:DescribeExecution", "states:StopExecution"],
                "the child state machine's executions (arn:…:execution:NAME:*) cannot be derived from `StateMachineArn`",
            ),
        }
        sync_rule(
            grants,
            partition,
            "StepFunctionsGetEventsForStepFunctionsExecutionRule",
        );
    }
}

/// `s3://bucket/key` to its bucket and key (empty when the URI names the bucket only).
fn s3_location(uri: &str) -> Option<(&str, &str)> {
    let rest = uri.strip_prefix("s3://")?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then_some((bucket, key))
}

/// `arn:…:stateMachine:NAME` to `arn:…:execution:NAME:*`.
fn execution_arn(machine: &str) -> Option<String> {
    let (prefix, name) = machine.split_once(":stateMachine:")?;
    let name = name.split(':').next()?;
    Some(format!("{prefix}:execution:{name}:*"))
}

#[cfg(test)]
mod tests {
    use super::{execution_arn, revisioned, s3_location};

    #[test]
    fn definitions_without_a_revision_grant_every_revision() {
        let deployment = crate::iam::Deployment::default();
        let task_definition = revisioned(&deployment, "aws", "ecs", "task-definition/");
        let arn = |value: &str| task_definition(value).unwrap_or_default();
        assert_eq!(
            arn("my-task"),
            "arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/my-task:*"
        );
        assert_eq!(
            arn("my-task:3"),
            "arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/my-task:3"
        );
        assert_eq!(
            arn("arn:aws:ecs:us-east-1:1:task-definition/my-task"),
            "arn:aws:ecs:us-east-1:1:task-definition/my-task:*"
        );
        assert_eq!(
            arn("arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/my-task"),
            "arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/my-task:*"
        );
        assert_eq!(arn("${TaskDefinitionArn}"), "${TaskDefinitionArn}");
        assert_eq!(
            arn("{{resolve:ssm:/app/task}}"),
            "{{resolve:ssm:/app/task}}"
        );
        assert_eq!(
            arn("arn:aws:ecs:us-east-1:1:task-definition/${Family}"),
            "arn:aws:ecs:us-east-1:1:task-definition/${Family}"
        );
    }

    #[test]
    fn executions_of_a_machine() {
        assert_eq!(
            execution_arn("arn:aws:states:us-east-1:1:stateMachine:Child").as_deref(),
            Some("arn:aws:states:us-east-1:1:execution:Child:*")
        );
    }

    #[test]
    fn s3_uris_split_into_bucket_and_key() {
        assert_eq!(
            s3_location("s3://prompts/2024/ticket.json"),
            Some(("prompts", "2024/ticket.json"))
        );
        assert_eq!(s3_location("s3://results"), Some(("results", "")));
        assert_eq!(s3_location("s3:///key"), None);
        assert_eq!(s3_location("https://results.s3.amazonaws.com/key"), None);
    }
}
