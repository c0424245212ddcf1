//! Build-time generation: a helper for `build.rs` that validates machines and writes them
//! as `.asl.json` (and optionally `.asl.yaml`) files for SAM, CDK or Terraform to pick up.
//!
//! Files are rewritten only when their content changes, so tools watching them (and cargo's
//! own change detection) are not disturbed. An invalid machine fails the build with its
//! diagnostics.
//!
//! ```no_run
//! // build.rs
//! use sfn_dsl::build::{Generator, GenerateError};
//! # fn order_workflow() -> sfn_dsl::StateMachine {
//! #     sfn_dsl::StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)
//! #         .expect("a valid definition")
//! # }
//!
//! fn main() -> Result<(), GenerateError> {
//!     Generator::new()
//!         .out_dir("statemachines")
//!         .with_yaml()
//!         .machine("order", order_workflow())
//!         .generate()?;
//!     Ok(())
//! }
//! ```

mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

pub use yaml::to_yaml;

use crate::model::StateMachine;
use crate::validate::{Options, Report, validate_with};

/// Writes validated machines to files.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::build::Generator;
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)?;
/// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-generator-{}", std::process::id()));
/// let written = Generator::new()
///     .out_dir(&dir)
///     .with_yaml()
///     .machine("order", machine)
///     .generate()?;
/// let names: Vec<_> = written.iter().filter_map(|file| file.path.file_name()).collect();
/// assert_eq!(names, ["order.asl.json", "order.asl.yaml"]);
/// assert!(std::fs::read_to_string(dir.join("order.asl.json"))?.contains(r#""StartAt": "Done""#));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct Generator {
    out_dir: Option<PathBuf>,
    machines: Vec<(String, StateMachine)>,
    yaml: bool,
    deny_warnings: bool,
    options: Options,
}

/// One file the generator wrote or left as it was.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::build::Generator;
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)?;
/// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-written-{}", std::process::id()));
/// let generate = || Generator::new().out_dir(&dir).machine("order", machine.clone()).generate();
/// let first = generate()?;
/// assert_eq!((first[0].path.clone(), first[0].changed), (dir.join("order.asl.json"), true));
/// // The same content again: the file is left alone, so nothing watching it rebuilds.
/// let second = generate()?;
/// assert!(!second[0].changed);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The file.
    pub path: PathBuf,
    /// Whether its content changed (and so it was written).
    pub changed: bool,
}

impl Generator {
    /// A generator writing to cargo's `OUT_DIR` unless [`out_dir`](Self::out_dir) is set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes into `dir` (created when missing; relative paths are relative to the package
    /// root when run by cargo).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Adds a machine, written as `<name>.asl.json`.
    pub fn machine(mut self, name: impl Into<String>, machine: StateMachine) -> Self {
        self.machines.push((name.into(), machine));
        self
    }

    /// Also writes `<name>.asl.yaml`.
    pub fn with_yaml(mut self) -> Self {
        self.yaml = true;
        self
    }

    /// Fails on warnings too.
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// Validates with these options (for example the workflow type).
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Validates every machine, then writes the files of all of them.
    ///
    /// # Errors
    ///
    /// [`GenerateError::Invalid`] when any machine has errors (or warnings, with
    /// [`deny_warnings`](Self::deny_warnings)), naming each machine with its diagnostics;
    /// nothing is written then. [`GenerateError::NoOutDir`] when neither an output folder
    /// nor `OUT_DIR` is set, [`GenerateError::Io`] when a file cannot be written.
    pub fn generate(self) -> Result<Vec<Written>, GenerateError> {
        let mut invalid = Vec::new();
        for (name, machine) in &self.machines {
            let report = validate_with(machine, &self.options);
            let fails =
                report.has_errors() || (self.deny_warnings && report.warnings().next().is_some());
            if fails {
                invalid.push((name.clone(), report));
            }
        }
        if !invalid.is_empty() {
            return Err(GenerateError::Invalid(invalid));
        }
        let dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(GenerateError::NoOutDir)?,
        };
        std::fs::create_dir_all(&dir).map_err(|source| GenerateError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut written = Vec::new();
        for (name, machine) in &self.machines {
            let mut json = machine.to_json_pretty();
            json.push('\n');
            written.push(write_if_changed(
                &dir.join(format!("{name}.asl.json")),
                &json,
            )?);
            if self.yaml {
                let yaml = to_yaml(&machine.to_value());
                written.push(write_if_changed(
                    &dir.join(format!("{name}.asl.yaml")),
                    &yaml,
                )?);
            }
        }
        Ok(written)
    }
}

fn write_if_changed(path: &Path, content: &str) -> Result<Written, GenerateError> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == content) {
        return Ok(Written {
            path: path.to_path_buf(),
            changed: false,
        });
    }
    std::fs::write(path, content).map_err(|source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Written {
        path: path.to_path_buf(),
        changed: true,
    })
}

/// Why generation failed.
///
/// Its `Debug` form is the same readable text as its `Display` form, so that
/// `fn main() -> Result<(), GenerateError>` in a build script prints the diagnostics
/// rather than a struct dump.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::build::{GenerateError, Generator};
/// use sfn_dsl::validate::Code;
///
/// let machine = StateMachine::from_json(r#"{
///     "StartAt": "Wait",
///     "States": {"Wait": {"Type": "Wait", "Timestamp": "tomorrow", "End": true}}
/// }"#)?;
/// let error = Generator::new().out_dir("unused").machine("reminder", machine).generate().unwrap_err();
/// let GenerateError::Invalid(machines) = &error else { panic!("an invalid machine") };
/// let (name, report) = &machines[0];
/// assert_eq!(name, "reminder");
/// assert_eq!(report.errors().next().map(|diagnostic| diagnostic.code), Some(Code::InvalidTimestamp));
/// assert!(error.to_string().starts_with("invalid state machine definitions: reminder"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[non_exhaustive]
pub enum GenerateError {
    /// Machines with problems, each with its report.
    Invalid(Vec<(String, Report)>),
    /// No output folder was given and `OUT_DIR` is not set (not running under cargo).
    NoOutDir,
    /// A file or folder could not be written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(machines) => {
                let names: Vec<&str> = machines.iter().map(|(name, _)| name.as_str()).collect();
                write!(f, "invalid state machine definitions: {}", names.join(", "))?;
                for (name, report) in machines {
                    for diagnostic in report.diagnostics() {
                        write!(f, "\n  {name}: {diagnostic}")?;
                    }
                }
                Ok(())
            }
            Self::NoOutDir => f.write_str(
                "no output folder: call `out_dir(…)` or run from a build script (OUT_DIR is not set)",
            ),
            Self::Io { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl fmt::Debug for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for GenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{GenerateError, Generator};
    use crate::StateMachine;

    fn machine(text: &str) -> StateMachine {
        StateMachine::from_json(text).expect("valid JSON definition")
    }

    #[test]
    fn writes_only_changed_files_and_refuses_invalid_machines() {
        let dir = std::env::temp_dir().join(format!("sfn-build-{}", std::process::id()));
        let hello = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#);
        let first = Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .machine("hello", hello.clone())
            .generate()
            .expect("generated");
        assert_eq!(first.iter().filter(|file| file.changed).count(), 2);
        let again = Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .machine("hello", hello)
            .generate()
            .expect("generated");
        assert!(again.iter().all(|file| !file.changed));
        assert_eq!(
            std::fs::read_to_string(dir.join("hello.asl.yaml")).expect("yaml"),
            "StartAt: \"A\"\nStates:\n  A:\n    Type: \"Succeed\"\n"
        );

        let broken = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#);
        let error = Generator::new()
            .out_dir(&dir)
            .machine("broken", broken)
            .generate()
            .expect_err("invalid");
        assert!(matches!(&error, GenerateError::Invalid(machines) if machines[0].0 == "broken"));
        let text = format!("{error:?}");
        assert!(
            text.starts_with("invalid state machine definitions: broken\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "\n  broken: error[unknown-target] at /States/A/Next: `Next` of state `A` names `B`"
            ),
            "{text}"
        );
        assert!(!dir.join("broken.asl.json").exists());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
