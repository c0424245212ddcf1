//! [`GenerateError`]: why generation failed.

use std::fmt;
use std::path::PathBuf;

use super::NameProblem;
use crate::validate::Report;

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
