//! What stands in for AWS in `sfn run` and `sfn replay`: the mocks of Task states and the
//! S3 objects a Distributed Map's `ItemReader` reads.

use std::path::PathBuf;

use super::{CliError, read};
use crate::mock::{MockConfig, Mocks, Unmocked};
use crate::objects::Objects;

/// The mocks and S3 objects of a run (`--mock-config`, `--state-machine`, `--test-case`,
/// `--unmocked`, `--s3`). A replay takes its task results from the history, and these for
/// what a history cannot hold: the Task results of a Distributed Map's child workflows and
/// the objects its `ItemReader` reads.
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{Fixtures, RunCommand, run};
/// use sfn_local::Unmocked;
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-fixtures-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("s3/orders"))?;
/// std::fs::write(dir.join("s3/orders/today.json"), r#"[{"id": 1}, {"id": 2}]"#)?;
/// std::fs::write(dir.join("each.asl.json"), r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
///         "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "orders", "Key": "today.json"}},
///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
///         "StartAt": "Ship", "States": {"Ship": {"Type": "Task",
///             "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship", "End": true}}}}}}"#)?;
/// // `sfn run each.asl.json --s3 s3 --unmocked echo`
/// let output = run(&RunCommand {
///     definition: dir.join("each.asl.json"),
///     fixtures: Fixtures {
///         s3: Some(dir.join("s3")),
///         unmocked: Unmocked::Echo,
///         ..Fixtures::default()
///     },
///     ..RunCommand::default()
/// })?;
/// assert!(output.stdout.contains(r#"output: [{"id":1},{"id":2}]"#));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Fixtures {
    /// An AWS Step Functions Local mock configuration file.
    pub mock_config: Option<PathBuf>,
    /// The state machine in the mock configuration (optional when it has one).
    pub state_machine: Option<String>,
    /// The test case (optional when the state machine has one).
    pub test_case: Option<String>,
    /// What unmocked Task states do.
    pub unmocked: Unmocked,
    /// A fixture folder for `ItemReader`: a folder per bucket, a file per object
    /// ([`Objects::from_dir`]); no objects when absent.
    pub s3: Option<PathBuf>,
}

impl Fixtures {
    /// The mocks: the mock configuration's test case, with the unmocked policy.
    pub(super) fn mocks(&self) -> Result<Mocks, CliError> {
        let Some(path) = &self.mock_config else {
            return Ok(Mocks::new().unmocked(self.unmocked));
        };
        let config = MockConfig::from_json(&read(path)?)
            .map_err(|error| CliError(format!("{}: {error}", path.display())))?;
        let only = |names: Vec<&str>, what: &str| -> Result<String, CliError> {
            match names.as_slice() {
                [one] => Ok((*one).to_owned()),
                _ => Err(CliError(format!(
                    "{}: name the {what} (one of: {})",
                    path.display(),
                    names.join(", ")
                ))),
            }
        };
        let machine = match &self.state_machine {
            Some(name) => name.clone(),
            None => only(config.state_machines().collect(), "--state-machine")?,
        };
        let case = match &self.test_case {
            Some(name) => name.clone(),
            None => only(config.test_cases(&machine).collect(), "--test-case")?,
        };
        config
            .mocks(&machine, &case)
            .map(|mocks| mocks.unmocked(self.unmocked))
            .map_err(|error| CliError(format!("{}: {error}", path.display())))
    }

    /// The S3 objects of the `--s3` folder, if one is given.
    pub(super) fn objects(&self) -> Result<Option<Objects>, CliError> {
        self.s3
            .as_ref()
            .map(|root| {
                Objects::from_dir(root)
                    .map_err(|error| CliError(format!("--s3 {}: {error}", root.display())))
            })
            .transpose()
    }
}
