//! The S3 actions of Distributed Map readers and writers.

use crate::model::{IntegrationFamily, IntegrationPattern, Resource};
use crate::source::Pointer;
use crate::validate::code::Code;
use crate::validate::cx::{At, Cx};

/// Checks that a Distributed Map reader (`writes` false) or writer (`writes` true) uses
/// the S3 action it can.
pub(crate) fn s3_action(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    resource: &Resource,
    writes: bool,
) {
    let Some(call) = resource.as_integration() else {
        return;
    };
    let allowed: &[&str] = if writes {
        &["putObject"]
    } else {
        &["getObject", "listObjectsV2"]
    };
    let fits = call.family == IntegrationFamily::Optimized
        && call.service == "s3"
        && call.pattern == IntegrationPattern::RequestResponse
        && allowed.contains(&&*call.action);
    if fits || call.action.contains("${") {
        return;
    }
    let (what, expected) = if writes {
        ("`ResultWriter`", "`arn:aws:states:::s3:putObject`")
    } else {
        (
            "`ItemReader`",
            "`arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`",
        )
    };
    cx.push(at.diagnostic(
        Code::InvalidResource,
        pointer,
        format!(
            "the {what} of Map state `{}` must use {expected}, found `{resource}`",
            at.name
        ),
    ));
}
