//! Build-time generation: a helper for `build.rs` that validates machines and writes them
//! as `.asl.json` (and optionally `.asl.yaml`) files for SAM, CDK or Terraform to pick up.
//!
//! Files are rewritten only when their content changes, so tools watching them (and cargo's
//! own change detection) are not disturbed. An invalid machine fails the build with its
//! diagnostics, and so does a machine name that is not a plain file name or that two
//! machines share; then nothing is written.
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

mod cargo;
mod error;
mod files;
mod name;
mod yaml;

use std::path::PathBuf;

pub use error::GenerateError;
pub use name::NameProblem;
pub use yaml::to_yaml;

use crate::model::StateMachine;
use crate::validate::{Code, Diagnostic, Options, validate_with};
use cargo::{is_build_script, stale_yaml, write_cargo_warnings, write_stale_yaml_warnings};
use files::write_all;
use yaml::{can_be_plain, to_yaml_with_plain};

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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::build::{GenerateError, Generator};
    ///
    /// // Outside a build script (no `OUT_DIR`), a generator without `out_dir` has nowhere to write.
    /// if std::env::var_os("OUT_DIR").is_none() {
    ///     assert!(matches!(Generator::new().generate(), Err(GenerateError::NoOutDir)));
    /// }
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes into `dir` (created when missing; relative paths are relative to the package
    /// root when run by cargo).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::build::Generator;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)?;
    /// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-out-dir-{}", std::process::id()));
    /// let nested = dir.join("statemachines");
    /// Generator::new().out_dir(&nested).machine("order", machine).generate()?;
    /// assert!(nested.join("order.asl.json").is_file());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Adds a machine, written as `<name>.asl.json`.
    ///
    /// The name must be a plain file name (see [`NameProblem`]) and differ from every other
    /// machine's name by more than case; [`generate`](Self::generate) checks.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::build::{GenerateError, Generator};
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)?;
    /// let error = Generator::new()
    ///     .out_dir("unused")
    ///     .machine("Order", machine.clone())
    ///     .machine("order", machine)
    ///     .generate()
    ///     .unwrap_err();
    /// let GenerateError::DuplicateName { name, earlier } = error else { panic!("a duplicate name") };
    /// assert_eq!((name.as_str(), earlier.as_str()), ("order", "Order"));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn machine(mut self, name: impl Into<String>, machine: StateMachine) -> Self {
        self.machines.push((name.into(), machine));
        self
    }

    /// Also writes `<name>.asl.yaml`.
    ///
    /// The YAML writes a `${Name}` placeholder that stands where a number belongs as a plain
    /// scalar (`TimeoutSeconds: ${Timeout}`): deployment tools replace its text, so it
    /// becomes a number, where JSON's quoted `"${Timeout}"` becomes a string AWS refuses.
    /// The `quoted-placeholder` warnings the YAML answers are then left out: deploy the
    /// `.asl.yaml` (the `.asl.json` beside it still quotes them).
    ///
    /// Built later without it, the generator leaves the `.asl.yaml` as it is, with the
    /// earlier definition (nothing marks the file as the generator's), and in a build script
    /// names it in a `cargo:warning=` line; it never removes a file, nor those of machines
    /// it is no longer given.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::build::Generator;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Work", "States": {"Work": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "work"}, "TimeoutSeconds": "${Timeout}", "End": true}}}"#)?;
    /// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-with-yaml-{}", std::process::id()));
    /// Generator::new().out_dir(&dir).with_yaml().machine("work", machine).generate()?;
    /// let yaml = std::fs::read_to_string(dir.join("work.asl.yaml"))?;
    /// let json = std::fs::read_to_string(dir.join("work.asl.json"))?;
    /// assert!(yaml.contains("TimeoutSeconds: ${Timeout}\n"));
    /// assert!(json.contains(r#""TimeoutSeconds": "${Timeout}""#));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_yaml(mut self) -> Self {
        self.yaml = true;
        self
    }

    /// Fails on warnings too.
    ///
    /// Without it, warnings do not fail [`generate`](Self::generate); in a build script
    /// (cargo sets `OUT_DIR`, `TARGET` and `HOST`) each is printed as a `cargo:warning=`
    /// line, `cargo:warning=order: warning[missing-default] at …`, which cargo shows.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::build::{GenerateError, Generator};
    /// use sfn_dsl::validate::Code;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Poll", "States": {
    ///     "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///              "Parameters": {"FunctionName": "poll"}, "Next": "Done?"},
    ///     "Done?": {"Type": "Choice", "Default": "Poll", "Choices": [
    ///         {"Variable": "$.Payload.done", "BooleanEquals": true, "Next": "Done"}]},
    ///     "Done": {"Type": "Succeed"}}}"#)?;
    /// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-deny-warnings-{}", std::process::id()));
    /// // A loop without a Wait state is a warning: written by default, refused here.
    /// assert!(Generator::new().out_dir(&dir).machine("poll", machine.clone()).generate().is_ok());
    /// let error = Generator::new().out_dir(&dir).deny_warnings().machine("poll", machine).generate();
    /// let Err(GenerateError::Invalid(machines)) = error else { panic!("a refused warning") };
    /// assert_eq!(machines[0].1.warnings().next().map(|warning| warning.code), Some(Code::LoopWithoutWait));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// Validates with these options (for example the workflow type, or the
    /// `DefinitionSubstitutions` keys: an unknown `${Name}` is an `unknown-substitution`
    /// warning).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::build::Generator;
    /// use sfn_dsl::validate::{Code, Options};
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Poll", "States": {
    ///     "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///              "Parameters": {"FunctionName": "poll"}, "Next": "Done?"},
    ///     "Done?": {"Type": "Choice", "Default": "Poll", "Choices": [
    ///         {"Variable": "$.Payload.done", "BooleanEquals": true, "Next": "Done"}]},
    ///     "Done": {"Type": "Succeed"}}}"#)?;
    /// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-options-{}", std::process::id()));
    /// // The team accepts this loop, so even with `deny_warnings` the file is written.
    /// let written = Generator::new()
    ///     .out_dir(&dir)
    ///     .deny_warnings()
    ///     .options(Options::new().allow(Code::LoopWithoutWait))
    ///     .machine("poll", machine)
    ///     .generate()?;
    /// assert_eq!(written.len(), 1);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Checks the names and validates every machine, then writes the files of all of them.
    ///
    /// # Errors
    ///
    /// Before anything is written: [`GenerateError::InvalidName`] for the first name that is
    /// not a plain file name, [`GenerateError::DuplicateName`] for the first name given twice
    /// (or differing from an earlier one only in case), [`GenerateError::Invalid`] when any
    /// machine has errors (or warnings, with [`deny_warnings`](Self::deny_warnings)), naming
    /// each machine with its diagnostics. [`GenerateError::NoOutDir`] when neither an output
    /// folder nor `OUT_DIR` is set, [`GenerateError::Io`] when a file cannot be written:
    /// every file is written beside its place first and renamed into place once all are
    /// written, so that error leaves the files as they were (unless a rename itself fails,
    /// after the earlier renames).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::build::{GenerateError, Generator};
    ///
    /// let good = StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)?;
    /// let bad = StateMachine::from_json(r#"{"StartAt": "Missing", "States": {"Done": {"Type": "Succeed"}}}"#)?;
    /// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-generate-{}", std::process::id()));
    /// let result = Generator::new().out_dir(&dir).machine("good", good).machine("bad", bad).generate();
    /// let Err(GenerateError::Invalid(machines)) = result else { panic!("an invalid machine") };
    /// assert_eq!(machines.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["bad"]);
    /// // One invalid machine, and not even the valid one is written.
    /// assert!(!dir.join("good.asl.json").exists());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn generate(self) -> Result<Vec<Written>, GenerateError> {
        let build_script = is_build_script(|variable| std::env::var_os(variable).is_some());
        // Best effort: cargo reads the lines from the build script's standard output.
        let mut stdout = std::io::stdout().lock();
        self.generate_to(build_script.then_some(&mut stdout as &mut dyn std::io::Write))
    }

    /// [`generate`](Self::generate), writing its `cargo:warning=` lines to `cargo`, when
    /// it runs in a build script.
    fn generate_to(
        self,
        mut cargo: Option<&mut dyn std::io::Write>,
    ) -> Result<Vec<Written>, GenerateError> {
        name::check_names(self.machines.iter().map(|(name, _)| name.as_str()))?;
        // Validated without allowances, so that every numeric placeholder is found (the
        // YAML writes them plain); the allowances are applied after.
        let every_warning = Options {
            allowed: Vec::new(),
            ..self.options.clone()
        };
        let mut invalid = Vec::new();
        let mut warned = Vec::new();
        let mut plain = Vec::with_capacity(self.machines.len());
        for (name, machine) in &self.machines {
            let mut report = validate_with(machine, &every_warning);
            let placeholders: Vec<String> = report
                .diagnostics()
                .iter()
                .filter(|diagnostic| diagnostic.code == Code::QuotedPlaceholder)
                .map(|diagnostic| diagnostic.pointer.clone())
                .collect();
            report.diagnostics.retain(|diagnostic| {
                !self.options.allows(diagnostic) && !self.writes_plain(diagnostic, machine)
            });
            let fails =
                report.has_errors() || (self.deny_warnings && report.warnings().next().is_some());
            if fails {
                invalid.push((name.clone(), report));
            } else if report.warnings().next().is_some() {
                warned.push((name.clone(), report));
            }
            plain.push(placeholders);
        }
        if !invalid.is_empty() {
            return Err(GenerateError::Invalid(invalid));
        }
        if let Some(out) = cargo.as_deref_mut() {
            let _ = write_cargo_warnings(out, &warned);
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
        let mut files = Vec::new();
        for ((name, machine), plain) in self.machines.iter().zip(&plain) {
            let mut json = machine.to_json_pretty();
            json.push('\n');
            files.push((dir.join(format!("{name}.asl.json")), json));
            if self.yaml {
                files.push((
                    dir.join(format!("{name}.asl.yaml")),
                    to_yaml_with_plain(&machine.to_value(), plain),
                ));
            }
        }
        let written = write_all(files)?;
        if !self.yaml
            && let Some(out) = cargo
        {
            let names = self.machines.iter().map(|(name, _)| name.as_str());
            let _ = write_stale_yaml_warnings(out, &stale_yaml(&dir, names));
        }
        Ok(written)
    }

    /// Whether the diagnostic is a `quoted-placeholder` warning that the YAML file answers:
    /// it writes the placeholder as a plain scalar, a number once substituted.
    fn writes_plain(&self, diagnostic: &Diagnostic, machine: &StateMachine) -> bool {
        self.yaml
            && diagnostic.code == Code::QuotedPlaceholder
            && machine
                .to_value()
                .pointer(&diagnostic.pointer)
                .and_then(serde_json::Value::as_str)
                .is_some_and(can_be_plain)
    }
}

#[cfg(test)]
mod tests;
