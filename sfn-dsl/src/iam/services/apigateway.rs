//! Amazon API Gateway `apigateway:invoke`, after the CDK's `CallApiGatewayRestApiEndpoint`
//! and `CallApiGatewayHttpApiEndpoint` (`apigateway/base.ts`, `call-rest-api.ts`,
//! `call-http-api.ts`).

use super::on_field;
use crate::iam::Grants;
use crate::iam::field::{Field, field};
use crate::model::Payload;

/// `execute-api:Invoke` on the called route, unless the call is unauthenticated. The
/// `.waitForTaskToken` variant needs nothing more: the API hands the token on.
pub(super) fn invoke(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    // Step Functions signs the request only for `IAM_ROLE` and authenticates it for
    // `RESOURCE_POLICY`; `NO_AUTH`, also the default, needs no permission. The CDK grants
    // unless `authType` is `NO_AUTH`, even when it is left out (it then writes `NO_AUTH`
    // into the definition): a missing `AuthType` grants nothing here. A computed one grants,
    // as the CDK would for anything but `NO_AUTH`.
    match field(payload, "AuthType") {
        Field::Absent => return,
        Field::Literal(auth_type) if auth_type == "NO_AUTH" => return,
        Field::Literal(_) | Field::Dynamic => {}
    }
    // `arnForExecuteApi(method, path, stage)`: `<api-id>/<stage>/<METHOD><path>`, with `*`
    // for the stage and method and `/*` for the path when they are not known.
    let api_stage = match field(payload, "Stage") {
        Field::Literal(api_stage) => api_stage,
        Field::Dynamic | Field::Absent => "*".to_owned(),
    };
    let method = match field(payload, "Method") {
        Field::Literal(method) if !method.eq_ignore_ascii_case("ANY") => {
            method.to_ascii_uppercase()
        }
        Field::Literal(_) | Field::Dynamic | Field::Absent => "*".to_owned(),
    };
    let path = match field(payload, "Path") {
        Field::Literal(path) => format!("/{}", path.trim_start_matches('/')),
        Field::Dynamic | Field::Absent => "/*".to_owned(),
    };
    on_field(
        grants,
        state,
        payload,
        "ApiEndpoint",
        &["execute-api:Invoke"],
        |endpoint| {
            let (api, region) = api_and_region(endpoint)?;
            Some(format!(
                "arn:{partition}:execute-api:{region}:${{AWS::AccountId}}:{api}/{api_stage}/{method}{path}"
            ))
        },
    );
}

/// `<api-id>.execute-api.<region>.amazonaws.com` to the API id and region; `None` for any
/// other host (a custom domain, a `${…}` substitution).
fn api_and_region(endpoint: &str) -> Option<(&str, &str)> {
    let host = endpoint.strip_prefix("https://").unwrap_or(endpoint);
    let host = host.split('/').next()?;
    let mut labels = host.split('.');
    let (api, service, region) = (labels.next()?, labels.next()?, labels.next()?);
    let valid = service == "execute-api"
        && !api.is_empty()
        && !region.is_empty()
        && labels.next().is_some();
    valid.then_some((api, region))
}

#[cfg(test)]
mod tests {
    use super::api_and_region;

    #[test]
    fn endpoints_name_their_api_and_region() {
        assert_eq!(
            api_and_region("a1b2c3.execute-api.eu-west-1.amazonaws.com"),
            Some(("a1b2c3", "eu-west-1"))
        );
        assert_eq!(
            api_and_region("https://a1b2c3.execute-api.cn-north-1.amazonaws.com.cn/prod"),
            Some(("a1b2c3", "cn-north-1"))
        );
        assert_eq!(api_and_region("api.example.com"), None);
        assert_eq!(api_and_region("${PaymentsApiEndpoint}"), None);
        assert_eq!(api_and_region(".execute-api.eu-west-1.amazonaws.com"), None);
    }
}
