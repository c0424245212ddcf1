//! Machine names as file names: each machine is written as `<name>.asl.json` in the output
//! folder, so its name must be a plain file name there, and no two may share a file.

use std::collections::BTreeMap;
use std::fmt;

use super::GenerateError;

/// Why a machine name cannot be a plain file name.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::build::{GenerateError, Generator, NameProblem};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)?;
/// let error = Generator::new().out_dir("unused").machine("../order", machine).generate().unwrap_err();
/// let GenerateError::InvalidName { name, problem } = &error else { panic!("a refused name") };
/// assert_eq!((name.as_str(), *problem), ("../order", NameProblem::ParentDirectory));
/// assert_eq!(error.to_string(), r#"machine name "../order" is not a plain file name: it contains `..`"#);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameProblem {
    /// The name is empty (the file would be the hidden `.asl.json`).
    Empty,
    /// The name contains `..`, which could name a parent folder.
    ParentDirectory,
    /// The name contains `/` or `\`, which would write into another folder.
    PathSeparator(char),
    /// The name contains a control character (NUL, a newline, DEL, …).
    ControlCharacter(char),
    /// The name contains a character Windows does not allow in file names: `<>:"|?*`.
    /// (`:` would even write to a hidden stream of another file there.)
    ReservedCharacter(char),
    /// The name starts with `.`, which makes a hidden file.
    LeadingDot,
    /// The name is a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`,
    /// `LPT1`–`LPT9`): writing `CON.asl.json` there writes to the device.
    DeviceName,
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("it is empty"),
            Self::ParentDirectory => f.write_str("it contains `..`"),
            Self::PathSeparator(separator) => {
                write!(f, "it contains the path separator `{separator}`")
            }
            Self::ControlCharacter(character) => write!(
                f,
                "it contains the control character U+{:04X}",
                u32::from(*character)
            ),
            Self::ReservedCharacter(character) => write!(
                f,
                "it contains `{character}`, which Windows does not allow in file names"
            ),
            Self::LeadingDot => f.write_str("it starts with `.` (a hidden file)"),
            Self::DeviceName => f.write_str("it is a device name on Windows"),
        }
    }
}

/// Refuses the first name that is not a plain file name, then the first that shares its
/// files with an earlier one, so that nothing is written under a wrong or shared name.
pub(super) fn check_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<(), GenerateError> {
    let names: Vec<&str> = names.into_iter().collect();
    for name in &names {
        if let Some(problem) = problem(name) {
            return Err(GenerateError::InvalidName {
                name: (*name).to_owned(),
                problem,
            });
        }
    }
    // Lowercased, because macOS and Windows file systems ignore case by default: a build
    // that works on Linux must not overwrite one machine with another there.
    let mut earlier_by_folded: BTreeMap<String, &str> = BTreeMap::new();
    for name in names {
        if let Some(earlier) = earlier_by_folded.insert(name.to_lowercase(), name) {
            return Err(GenerateError::DuplicateName {
                name: name.to_owned(),
                earlier: earlier.to_owned(),
            });
        }
    }
    Ok(())
}

fn problem(name: &str) -> Option<NameProblem> {
    if name.is_empty() {
        return Some(NameProblem::Empty);
    }
    if name.contains("..") {
        return Some(NameProblem::ParentDirectory);
    }
    for character in name.chars() {
        if matches!(character, '/' | '\\') {
            return Some(NameProblem::PathSeparator(character));
        }
        if character.is_control() {
            return Some(NameProblem::ControlCharacter(character));
        }
        if matches!(character, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
            return Some(NameProblem::ReservedCharacter(character));
        }
    }
    if name.starts_with('.') {
        return Some(NameProblem::LeadingDot);
    }
    if is_device_name(name) {
        return Some(NameProblem::DeviceName);
    }
    None
}

/// Windows reserves these names whatever the extension (and ignores spaces before it).
fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let stem = stem.to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || stem
            .strip_prefix("COM")
            .or_else(|| stem.strip_prefix("LPT"))
            .is_some_and(|number| matches!(number.as_bytes(), [b'1'..=b'9']))
}

#[cfg(test)]
mod tests {
    use super::{NameProblem, problem};

    #[test]
    fn names_that_are_not_plain_file_names_are_refused() {
        let cases = [
            ("", NameProblem::Empty),
            ("../escaped", NameProblem::ParentDirectory),
            ("a..b", NameProblem::ParentDirectory),
            ("..", NameProblem::ParentDirectory),
            ("nested/order", NameProblem::PathSeparator('/')),
            ("/etc/order", NameProblem::PathSeparator('/')),
            ("nested\\order", NameProblem::PathSeparator('\\')),
            ("or\0der", NameProblem::ControlCharacter('\0')),
            ("order\n", NameProblem::ControlCharacter('\n')),
            ("or\u{7f}der", NameProblem::ControlCharacter('\u{7f}')),
            ("or\u{85}der", NameProblem::ControlCharacter('\u{85}')),
            ("order:v2", NameProblem::ReservedCharacter(':')),
            ("order?", NameProblem::ReservedCharacter('?')),
            ("\"order\"", NameProblem::ReservedCharacter('"')),
            (".order", NameProblem::LeadingDot),
            (".", NameProblem::LeadingDot),
            ("con", NameProblem::DeviceName),
            ("NUL", NameProblem::DeviceName),
            ("aux.v2", NameProblem::DeviceName),
            ("Com1", NameProblem::DeviceName),
            ("lpt9 ", NameProblem::DeviceName),
        ];
        for (name, expected) in cases {
            assert_eq!(problem(name), Some(expected), "{name:?}");
        }
    }

    #[test]
    fn plain_names_are_accepted() {
        for name in [
            "order",
            "order-processing",
            "Order_v2.1",
            "commander",
            "com10",
            "lpt",
            "console",
            "a b",
            "commande-été",
            "注文",
        ] {
            assert_eq!(problem(name), None, "{name:?}");
        }
    }
}
