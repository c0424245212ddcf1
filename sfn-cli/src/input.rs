//! Reading definitions from files or standard input, with errors that name the file.

use std::io::Read;
use std::path::{Path, PathBuf};

/// A file argument: a path, or `-` for standard input.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    /// The name to show in messages (`<stdin>` for `-`).
    pub(crate) name: String,
    /// The path, unless reading standard input.
    pub(crate) path: Option<PathBuf>,
}

impl Source {
    pub(crate) fn new(argument: &Path) -> Self {
        if argument.as_os_str() == "-" {
            Self {
                name: "<stdin>".to_owned(),
                path: None,
            }
        } else {
            Self {
                name: argument.display().to_string(),
                path: Some(argument.to_path_buf()),
            }
        }
    }

    /// Reads the whole text; the error names the file.
    pub(crate) fn read(&self) -> Result<String, String> {
        if let Some(path) = &self.path {
            return std::fs::read_to_string(path)
                .map_err(|error| format!("sfn: cannot read {}: {error}", self.name));
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| format!("sfn: cannot read standard input: {error}"))?;
        Ok(text)
    }
}

/// Reads and parses a definition; on failure prints the problems (rendered against the
/// source) to standard error and returns whether it was an I/O failure.
pub(crate) fn machine(
    source: &Source,
) -> Result<(String, sfn_dsl::StateMachine), crate::commands::Outcome> {
    let text = source.read().map_err(|message| {
        eprintln!("{message}");
        crate::commands::Outcome::Failure
    })?;
    if let Ok(machine) = sfn_dsl::StateMachine::from_json(&text) {
        return Ok((text, machine));
    }
    let report = sfn_dsl::validate::validate_str(&text);
    eprint!(
        "{}",
        crate::report::render_text(
            &source.name,
            text.into(),
            &report,
            crate::report::color_stderr(),
        )
    );
    Err(crate::commands::Outcome::Problems)
}
