//! `sfn iam`: the IAM policy a machine's role needs.

use std::path::PathBuf;

use super::Outcome;
use crate::input::{Definition, Deployed, Source, definition};
use crate::output::{errln, outln};
use sfn_dsl::iam::{Deployment, Policy};
use sfn_dsl::template::{Template, TemplateStateMachine};

/// Print the least-privilege IAM policy the machine's execution role needs, as the AWS CDK
/// grants it; resources it cannot name are listed under `Unresolved`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM template
    /// (`FILE#LogicalId` names one of its state machines); `-` reads standard input.
    file: PathBuf,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let read = match definition(&Source::new(&args.file), Deployed::StandIn) {
        Ok(read) => read,
        Err(failed) => return failed,
    };
    let policy = match &read.template {
        Some((template, chosen)) => deployed_policy(&read, template, chosen),
        None => sfn_dsl::iam::policy(&read.machine),
    };
    match serde_json::to_string_pretty(&policy.to_json()) {
        Ok(text) => {
            outln!("{text}");
            Outcome::Ok
        }
        Err(error) => {
            errln!("sfn: cannot write the policy: {error}");
            Outcome::Failure
        }
    }
}

/// The policy of a template's state machine: its `DefinitionSubstitutions` written in (the
/// policy is written in the template's terms, where only its resources and parameters are
/// names), and the resources whose `Ref` gives a name known as such.
fn deployed_policy(
    read: &Definition,
    template: &Template,
    chosen: &TemplateStateMachine,
) -> Policy {
    let deployment = template
        .name_placeholders()
        .into_iter()
        .fold(Deployment::new(), Deployment::name);
    let machine = match read.deployed() {
        Ok(deployed) => deployed,
        Err(error) => {
            errln!(
                "sfn: note: {}: the policy is for the definition as written, without its `DefinitionSubstitutions`, which do not fit it: {error}",
                chosen.logical_id
            );
            read.machine.clone()
        }
    };
    sfn_dsl::iam::policy_in(&machine, &deployment)
}
