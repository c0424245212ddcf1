//! AWS Lambda: functions invoked by ARN (the legacy form) and `lambda:invoke`, after the
//! CDK's `LambdaInvoke` (`lambda/invoke.ts`), which grants the function and its versions.

use super::{Deployment, is_deployment_value, on_field};
use crate::iam::Grants;
use crate::model::{LambdaFunction, Payload};

const INVOKE: &[&str] = &["lambda:InvokeFunction"];

/// A function named in the `Resource` itself.
pub(super) fn legacy(grants: &mut Grants<'_>, function: &LambdaFunction, arn: &str) {
    let mut resources = vec![arn.to_owned()];
    if function.qualifier.is_none() {
        resources.push(format!("{arn}:*"));
    }
    grants.allow(INVOKE, resources);
}

/// `lambda:invoke`: the function named by `FunctionName`, and its versions and aliases when
/// no qualifier is given.
pub(super) fn invoke(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    let deployment = grants.deployment;
    let arn = on_field(grants, state, payload, "FunctionName", INVOKE, |value| {
        function_arn(deployment, partition, value)
    });
    if let Some(arn) = arn
        && !is_qualified(&arn)
    {
        grants.allow(INVOKE, vec![format!("{arn}:*")]);
    }
}

/// The forms Lambda's `Invoke` takes as `FunctionName`, as an ARN: a name (`f`), a name with
/// a version or alias (`f:live`), a partial ARN (`123456789012:function:f[:live]`) or an ARN.
/// A partial ARN has no region, so the deploying region stands in, as for names.
fn function_arn(deployment: &Deployment, partition: &str, value: &str) -> Option<String> {
    if value.starts_with("arn:") || (is_deployment_value(value) && !deployment.holds_name(value)) {
        return Some(value.to_owned());
    }
    let (account, function) = match value.split_once(":function:") {
        Some((account, function)) if is_account_id(account) => (account, function),
        Some(_) => return None,
        None => ("${AWS::AccountId}", value),
    };
    let valid = match function.split_once(':') {
        Some((name, qualifier)) => {
            !name.is_empty() && !qualifier.is_empty() && !qualifier.contains(':')
        }
        None => !function.is_empty(),
    };
    valid.then(|| format!("arn:{partition}:lambda:${{AWS::Region}}:{account}:function:{function}"))
}

fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Whether a function ARN names a version or alias (`…:function:f:live`). For a deployment
/// value, whether something follows the substitution after a colon (`${FnArn}:live`).
fn is_qualified(arn: &str) -> bool {
    if let Some((_, function)) = arn.split_once(":function:") {
        return function.contains(':');
    }
    arn.rsplit_once('}')
        .map_or(arn, |(_, after)| after)
        .contains(':')
}

#[cfg(test)]
mod tests {
    use super::{function_arn, is_qualified};

    #[test]
    fn every_form_of_function_name_becomes_an_arn() {
        let deployment = crate::iam::Deployment::default();
        let arn = |value: &str| function_arn(&deployment, "aws", value);
        assert_eq!(
            arn("f3:live").as_deref(),
            Some("arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f3:live")
        );
        assert_eq!(
            arn("123456789012:function:f6").as_deref(),
            Some("arn:aws:lambda:${AWS::Region}:123456789012:function:f6")
        );
        assert_eq!(
            arn("123456789012:function:f6:7").as_deref(),
            Some("arn:aws:lambda:${AWS::Region}:123456789012:function:f6:7")
        );
        assert_eq!(arn("f:live:extra"), None);
        assert_eq!(arn("f:"), None);
        assert_eq!(arn("12:function:f"), None);
    }

    #[test]
    fn qualifiers_after_a_substitution_count() {
        assert!(is_qualified("${FnArn}:live"));
        assert!(!is_qualified("${FnArn}"));
        assert!(!is_qualified("{{resolve:ssm:/app/fn-arn}}"));
        assert!(is_qualified("arn:aws:lambda:us-east-1:1:function:f:live"));
        assert!(!is_qualified(
            "arn:${AWS::Partition}:lambda:us-east-1:1:function:f"
        ));
    }
}
