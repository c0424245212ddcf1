//! One module per subcommand; each has `Args` (clap) and `run`.

pub(crate) mod diff;
pub(crate) mod fixtures;
pub(crate) mod fmt;
pub(crate) mod graph;
pub(crate) mod iam;
mod local;
pub(crate) mod replay;
pub(crate) mod run;
pub(crate) mod test_state;
pub(crate) mod validate;

use std::process::ExitCode;

/// How a command ended, which decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    /// Exit 0: everything is fine.
    Ok,
    /// Exit 1: problems were found (invalid definitions, unformatted files, differences).
    Problems,
    /// Exit 2: a file could not be read or written, or the arguments are wrong.
    Failure,
}

impl Outcome {
    pub(crate) fn exit_code(self) -> ExitCode {
        match self {
            Self::Ok => ExitCode::SUCCESS,
            Self::Problems => ExitCode::from(1),
            Self::Failure => ExitCode::from(2),
        }
    }
}
