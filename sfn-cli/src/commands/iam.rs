//! `sfn iam`: the IAM policy a machine's role needs.

use std::path::PathBuf;

use super::Outcome;
use crate::input::{Deployed, Source, definition};
use crate::output::{errln, outln};

/// Print the least-privilege IAM policy the machine's execution role needs, as the AWS CDK
/// grants it; resources it cannot name are listed under `Unresolved`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM template
    /// (`FILE#LogicalId` names one of its state machines); `-` reads standard input.
    file: PathBuf,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let parsed = match definition(&Source::new(&args.file), Deployed::StandIn) {
        Ok(read) => read.machine,
        Err(failed) => return failed,
    };
    let policy = sfn_dsl::iam::policy(&parsed);
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
