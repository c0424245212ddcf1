//! The options of `run` and `replay` that stand in for AWS: Task mocks and the S3 objects a
//! Distributed Map's `ItemReader` reads.

use std::path::PathBuf;

use sfn_local::Unmocked;
use sfn_local::cli::Fixtures;

use super::Outcome;
use crate::input::{Source, Standin, StdinReaders};

/// `--mock-config`, `--state-machine`, `--test-case`, `--s3`, `--unmocked`.
#[derive(Debug, clap::Args)]
pub(crate) struct FixtureArgs {
    /// An AWS Step Functions Local mock configuration file; `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    mock_config: Option<PathBuf>,
    /// The state machine in the mock configuration.
    #[arg(long, value_name = "NAME", requires = "mock_config")]
    state_machine: Option<String>,
    /// The test case of that state machine.
    #[arg(long, value_name = "NAME", requires = "mock_config")]
    test_case: Option<String>,
    /// A fixture folder the Distributed Map `ItemReader` reads: each folder in it is a
    /// bucket, each file below that an object (`DIR/orders/2024/01.parquet` is
    /// `s3://orders/2024/01.parquet`). What a `ResultWriter` exports stays in memory.
    #[arg(long, value_name = "DIR")]
    s3: Option<PathBuf>,
    /// What a Task state without a mock does: fail the run, or return its input.
    #[arg(long, value_enum, default_value = "fail")]
    unmocked: UnmockedArg,
}

/// `--unmocked`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum UnmockedArg {
    /// Fail the execution, naming the state.
    Fail,
    /// Return the task's input as its result.
    Echo,
}

impl FixtureArgs {
    /// `readers`, with `--mock-config -` among them when it is given.
    pub(crate) fn reading_stdin<'r>(&self, readers: &'r mut StdinReaders) -> &'r mut StdinReaders {
        readers.file("`--mock-config -`", self.mock_config.as_deref())
    }

    /// What `sfn-local` is given, and the file standing for standard input when the mock
    /// configuration is read from it (`sfn-local` reads it from a file).
    pub(crate) fn fixtures(&self) -> Result<(Fixtures, Option<Standin>), Outcome> {
        let standin = match self.mock_config.as_deref() {
            Some(path) if Source::file(path).is_standard_input() => {
                Some(Standin::standard_input("mock-config", "json")?)
            }
            _ => None,
        };
        let fixtures = Fixtures {
            mock_config: standin.as_ref().map_or_else(
                || self.mock_config.clone(),
                |standin| Some(standin.path().to_path_buf()),
            ),
            state_machine: self.state_machine.clone(),
            test_case: self.test_case.clone(),
            unmocked: match self.unmocked {
                UnmockedArg::Fail => Unmocked::Fail,
                UnmockedArg::Echo => Unmocked::Echo,
            },
            s3: self.s3.clone(),
        };
        Ok((fixtures, standin))
    }
}
