//! The HTTP Task `http:invoke`, after AWS's template for it (`call-https-apis`).

use super::account_arn;
use crate::iam::Grants;
use crate::iam::field::{Field, every_field};
use crate::model::Payload;

const RETRIEVE_CREDENTIALS: &[&str] = &["events:RetrieveConnectionCredentials"];

/// Calling the endpoint, and reading the credentials of the EventBridge connection named by
/// `Authentication.ConnectionArn`.
pub(super) fn invoke(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    grants.allow(
        &["states:InvokeHTTPEndpoint"],
        vec![account_arn(partition, "states", "stateMachine:*")],
    );
    let mut connections = Vec::new();
    every_field(
        payload,
        &["Authentication", "ConnectionArn"],
        &mut connections,
    );
    for connection in connections {
        match connection {
            Field::Literal(arn) => grants.allow(RETRIEVE_CREDENTIALS, vec![arn]),
            Field::Dynamic => grants.unresolved(
                state,
                RETRIEVE_CREDENTIALS,
                "the connection (`Authentication.ConnectionArn`) is computed at run time",
            ),
            Field::Absent => grants.unresolved(
                state,
                RETRIEVE_CREDENTIALS,
                "the task input has no `Authentication.ConnectionArn`",
            ),
        }
    }
    grants.allow(
        &[
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
        ],
        vec![account_arn(
            partition,
            "secretsmanager",
            "secret:events!connection/*",
        )],
    );
}
