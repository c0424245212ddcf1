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

mod name;
mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

pub use name::NameProblem;
pub use yaml::to_yaml;

use crate::model::StateMachine;
use crate::validate::{Code, Diagnostic, Options, Report, validate_with};
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

/// Whether this runs as a cargo build script: cargo sets `OUT_DIR`, `TARGET` and `HOST`
/// for build scripts (`OUT_DIR` alone is also set for tests of packages that have one).
fn is_build_script(is_set: impl Fn(&str) -> bool) -> bool {
    ["OUT_DIR", "TARGET", "HOST"].into_iter().all(is_set)
}

/// Writes each warning as a `cargo:warning=` line, which cargo shows when it builds the
/// package.
fn write_cargo_warnings(
    out: &mut dyn std::io::Write,
    machines: &[(String, Report)],
) -> std::io::Result<()> {
    for (name, report) in machines {
        for warning in report.warnings() {
            // One line each: cargo reads the output line by line.
            let text = warning.to_string().replace(['\r', '\n'], " ");
            writeln!(out, "cargo:warning={name}: {text}")?;
        }
    }
    Ok(())
}

/// The `.asl.yaml` files in `dir` of the machines `names`, written without YAML: left
/// from an earlier run with [`Generator::with_yaml`], they hold an earlier definition.
/// (Nothing marks a file as the generator's, so they are not removed.)
fn stale_yaml<'n>(dir: &Path, names: impl Iterator<Item = &'n str>) -> Vec<PathBuf> {
    names
        .map(|name| dir.join(format!("{name}.asl.yaml")))
        .filter(|path| path.is_file())
        .collect()
}

/// Writes a `cargo:warning=` line for each stale YAML file.
fn write_stale_yaml_warnings(
    out: &mut dyn std::io::Write,
    stale: &[PathBuf],
) -> std::io::Result<()> {
    for path in stale {
        writeln!(
            out,
            "cargo:warning={} is not the machine generated now (it is written only with `.with_yaml()`) and still holds an earlier definition: delete it, or generate with `.with_yaml()`",
            path.display()
        )?;
    }
    Ok(())
}

/// Writes the files whose content changed: each to a temporary file beside it first, then
/// all renamed into place, so that a file that cannot be written leaves every file as it
/// was (and a reader never sees one half written).
fn write_all(files: Vec<(PathBuf, String)>) -> Result<Vec<Written>, GenerateError> {
    let mut written = Vec::with_capacity(files.len());
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let discard = |staged: &[(PathBuf, PathBuf)]| {
        for (temporary, _) in staged {
            // Best effort: the error being returned is the one that matters.
            let _ = std::fs::remove_file(temporary);
        }
    };
    for (path, content) in files {
        let changed = !std::fs::read_to_string(&path).is_ok_and(|existing| existing == content);
        if changed {
            match stage(&path, &content) {
                Ok(temporary) => staged.push((temporary, path.clone())),
                Err(error) => {
                    discard(&staged);
                    return Err(error);
                }
            }
        }
        written.push(Written { path, changed });
    }
    for (index, (temporary, path)) in staged.iter().enumerate() {
        if let Err(source) = std::fs::rename(temporary, path) {
            discard(staged.get(index..).unwrap_or_default());
            return Err(GenerateError::Io {
                path: path.clone(),
                source,
            });
        }
    }
    Ok(written)
}

/// Writes `content` to a temporary file beside `path` (`.NAME.PID.tmp`), refusing a `path`
/// that is a folder, which the rename could not replace.
fn stage(path: &Path, content: &str) -> Result<PathBuf, GenerateError> {
    let io = |source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a folder has the file's name",
        )));
    }
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, content).map_err(io)?;
    Ok(temporary)
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
    /// A machine name that cannot be a plain file name in the output folder.
    InvalidName {
        /// The machine's name.
        name: String,
        /// Why it cannot.
        problem: NameProblem,
    },
    /// Two machines would be written to the same files: one name given twice, or names that
    /// differ only in case (one file on the case-insensitive file systems of macOS and Windows).
    DuplicateName {
        /// The later machine's name.
        name: String,
        /// The earlier machine's name (the same, or differing only in case).
        earlier: String,
    },
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
            Self::InvalidName { name, problem } => {
                // Quoted with escapes: the name may hold control characters.
                write!(f, "machine name {name:?} is not a plain file name: {problem}")
            }
            Self::DuplicateName { name, earlier } if name == earlier => {
                write!(f, "two machines are named `{name}`; each needs its own files")
            }
            Self::DuplicateName { name, earlier } => write!(
                f,
                "machine names `{earlier}` and `{name}` differ only in case; they would share \
                 their files on case-insensitive file systems"
            ),
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
    use std::path::PathBuf;

    use super::{GenerateError, Generator, NameProblem, is_build_script, write_cargo_warnings};
    use crate::StateMachine;
    use crate::validate::{Code, Options, validate_with};

    fn machine(text: &str) -> StateMachine {
        StateMachine::from_json(text).expect("valid JSON definition")
    }

    fn succeed(state: &str) -> StateMachine {
        machine(&format!(
            r#"{{"StartAt": "{state}", "States": {{"{state}": {{"Type": "Succeed"}}}}}}"#
        ))
    }

    /// A folder of this test's own: tests run in parallel.
    fn scratch_dir(test: &str) -> PathBuf {
        std::env::temp_dir().join(format!("sfn-build-{test}-{}", std::process::id()))
    }

    /// `(code, pointer)` of each diagnostic of the first machine an `Invalid` error names.
    fn first_machine_problems(error: &GenerateError) -> Vec<(Code, &str)> {
        let GenerateError::Invalid(machines) = error else {
            panic!("{error:?}")
        };
        machines[0]
            .1
            .diagnostics()
            .iter()
            .map(|diagnostic| (diagnostic.code, diagnostic.pointer.as_str()))
            .collect()
    }

    #[test]
    fn a_name_given_twice_is_refused_before_anything_is_written() {
        let dir = scratch_dir("duplicate");
        let error = Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .machine("first", succeed("A"))
            .machine("order", succeed("A"))
            .machine("order", succeed("B"))
            .generate()
            .expect_err("a duplicate name");
        assert!(
            matches!(&error, GenerateError::DuplicateName { name, earlier } if name == "order" && earlier == "order"),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "two machines are named `order`; each needs its own files"
        );
        assert!(!dir.exists(), "nothing is written, not even `first`");

        // One file on macOS and Windows, so refused everywhere.
        let error = Generator::new()
            .out_dir(&dir)
            .machine("Order", succeed("A"))
            .machine("order", succeed("B"))
            .generate()
            .expect_err("names differing only in case");
        assert!(
            matches!(&error, GenerateError::DuplicateName { name, earlier } if name == "order" && earlier == "Order"),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "machine names `Order` and `order` differ only in case; they would share their files \
             on case-insensitive file systems"
        );
        assert!(!dir.exists());
    }

    #[test]
    fn a_name_that_is_not_a_plain_file_name_is_refused_before_anything_is_written() {
        let root = scratch_dir("names");
        let dir = root.join("out");
        let cases = [
            ("../escaped", NameProblem::ParentDirectory),
            ("", NameProblem::Empty),
            ("nested/order", NameProblem::PathSeparator('/')),
            ("or\0der", NameProblem::ControlCharacter('\0')),
        ];
        for (bad_name, expected) in cases {
            let error = Generator::new()
                .out_dir(&dir)
                .machine("first", succeed("A"))
                .machine(bad_name, succeed("A"))
                .generate()
                .expect_err("a refused name");
            assert!(
                matches!(&error, GenerateError::InvalidName { name, problem } if name == bad_name && *problem == expected),
                "{bad_name:?}: {error:?}"
            );
            assert!(!root.exists(), "{bad_name:?}: nothing is written");
        }
        let error = Generator::new()
            .out_dir(&dir)
            .machine("or\0der", succeed("A"))
            .generate()
            .expect_err("a refused name");
        assert_eq!(
            error.to_string(),
            r#"machine name "or\0der" is not a plain file name: it contains the control character U+0000"#
        );
    }

    #[test]
    fn writes_only_changed_files_and_refuses_invalid_machines() {
        let dir = scratch_dir("changed");
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

    #[test]
    fn a_file_that_cannot_be_written_leaves_every_file_as_it_was() {
        let dir = scratch_dir("unwritable");
        std::fs::create_dir_all(dir.join("blocked.asl.json")).expect("a folder in the way");
        std::fs::write(dir.join("first.asl.json"), "old\n").expect("an earlier file");
        let error = Generator::new()
            .out_dir(&dir)
            .machine("first", succeed("A"))
            .machine("second", succeed("A"))
            .machine("blocked", succeed("A"))
            .generate()
            .expect_err("a folder has the last file's name");
        assert!(
            matches!(&error, GenerateError::Io { path, .. } if path.ends_with("blocked.asl.json")),
            "{error:?}"
        );
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .expect("the folder")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        left.sort();
        // No new file, no temporary file, the old file unchanged.
        assert_eq!(left, ["blocked.asl.json", "first.asl.json"]);
        assert_eq!(
            std::fs::read_to_string(dir.join("first.asl.json")).expect("kept"),
            "old\n"
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    /// A machine generated once with YAML, then without: its `.asl.yaml` still holds the
    /// old definition, which a build script is warned of.
    #[test]
    fn a_yaml_file_left_from_an_earlier_run_is_warned_of() {
        let dir = scratch_dir("stale");
        let first = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#);
        let now = machine(r#"{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}"#);
        let mut lines = Vec::new();
        Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .machine("hello", first)
            .generate_to(Some(&mut lines))
            .expect("generated");
        assert!(lines.is_empty());
        Generator::new()
            .out_dir(&dir)
            .machine("hello", now)
            .generate_to(Some(&mut lines))
            .expect("generated");
        let yaml = dir.join("hello.asl.yaml");
        assert_eq!(
            String::from_utf8(lines).expect("text"),
            format!(
                "cargo:warning={} is not the machine generated now (it is written only with `.with_yaml()`) and still holds an earlier definition: delete it, or generate with `.with_yaml()`\n",
                yaml.display()
            )
        );
        // Nothing marks it as the generator's: it is left.
        assert!(yaml.is_file());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    fn wait_for_placeholder() -> StateMachine {
        machine(
            r#"{"TimeoutSeconds": "${Timeout}", "StartAt": "W", "States": {"W": {"Type": "Wait",
                "Seconds": "${Delay}", "Comment": "${Note}", "End": true}}}"#,
        )
    }

    #[test]
    fn yaml_writes_numeric_placeholders_as_plain_scalars() {
        let dir = scratch_dir("plain");
        Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .deny_warnings()
            .machine("wait", wait_for_placeholder())
            .generate()
            .expect("no warning: the YAML writes the placeholders plain");
        let yaml = std::fs::read_to_string(dir.join("wait.asl.yaml")).expect("yaml");
        // The `Comment` is a string: it stays quoted, so a value such as `no` stays one.
        assert_eq!(
            yaml,
            "TimeoutSeconds: ${Timeout}\nStartAt: \"W\"\nStates:\n  W:\n    Type: \"Wait\"\n    \
             Comment: \"${Note}\"\n    Seconds: ${Delay}\n    End: true\n"
        );
        // Read back, it is the same machine, and the validator finds nothing in it.
        #[cfg(feature = "yaml")]
        {
            let document = crate::source::YamlDocument::parse(&yaml).expect("readable YAML");
            let read = StateMachine::from_json(document.json()).expect("a machine");
            assert_eq!(read, wait_for_placeholder());
            assert!(crate::validate::validate_yaml_str(&yaml).is_clean());
            // After the deployment's text replacement, a number.
            let substituted = yaml.replace("${Delay}", "30").replace("${Timeout}", "60");
            let document = crate::source::YamlDocument::parse(&substituted).expect("YAML");
            assert!(
                document.json().contains(r#""Seconds":30"#),
                "{}",
                document.json()
            );
        }
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn json_alone_warns_of_quoted_placeholders() {
        let dir = scratch_dir("quoted");
        let error = Generator::new()
            .out_dir(&dir)
            .deny_warnings()
            .machine("wait", wait_for_placeholder())
            .generate()
            .expect_err("the JSON quotes the placeholders");
        let found = first_machine_problems(&error);
        assert_eq!(
            found,
            [
                (Code::QuotedPlaceholder, "/TimeoutSeconds"),
                (Code::QuotedPlaceholder, "/States/W/Seconds")
            ]
        );
        assert!(!dir.exists());
    }

    #[test]
    fn allowed_warnings_are_left_out_and_the_yaml_still_plain() {
        let dir = scratch_dir("allowed");
        Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .deny_warnings()
            .options(Options::new().allow(Code::QuotedPlaceholder))
            .machine("wait", wait_for_placeholder())
            .generate()
            .expect("allowed");
        let yaml = std::fs::read_to_string(dir.join("wait.asl.yaml")).expect("yaml");
        assert!(yaml.contains("\n    Seconds: ${Delay}\n"), "{yaml}");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn substitution_options_apply_to_generated_machines() {
        let dir = scratch_dir("substitutions");
        let error = Generator::new()
            .out_dir(&dir)
            .with_yaml()
            .deny_warnings()
            .options(Options::new().substitutions(["Timeout", "Dleay", "Note"]))
            .machine("wait", wait_for_placeholder())
            .generate()
            .expect_err("`${Delay}` names no key");
        let found = first_machine_problems(&error);
        assert_eq!(found, [(Code::UnknownSubstitution, "/States/W/Seconds")]);
    }

    #[test]
    fn warnings_are_cargo_warning_lines_in_a_build_script() {
        let build_script = ["OUT_DIR", "TARGET", "HOST"];
        assert!(is_build_script(|variable| build_script.contains(&variable)));
        // `cargo test` of a package with a build script sets `OUT_DIR` only.
        assert!(!is_build_script(|variable| variable == "OUT_DIR"));

        let report = validate_with(&wait_for_placeholder(), &Options::new());
        let mut out = Vec::new();
        write_cargo_warnings(&mut out, &[("wait".to_owned(), report)]).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines[1].starts_with(
                "cargo:warning=wait: warning[quoted-placeholder] at /States/W/Seconds: `Seconds` of state `W` must be a number"
            ),
            "{text}"
        );
    }
}
