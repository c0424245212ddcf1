//! Standard input shared by a command's arguments: a check that only one of them reads it,
//! and `@-` for a JSON argument.

use std::path::Path;

use super::{Source, read};
use crate::commands::Outcome;
use crate::output::errln;

/// The arguments of a command that read standard input. It can be read only once (a
/// second reader would find it empty), so a command refuses two of them, naming both.
#[derive(Debug, Default)]
pub(crate) struct StdinReaders(Vec<String>);

impl StdinReaders {
    /// A definition argument, described as `what` (`the definition`, `OLD`): a file, `-`, or
    /// `-#LogicalId` (see [`Source::new`]).
    pub(crate) fn definition(&mut self, what: &str, path: &Path) -> &mut Self {
        if Source::new(path).is_standard_input() {
            self.0.push(format!("{what} `{}`", path.display()));
        }
        self
    }

    /// Another file argument (see [`Source::file`]), given or not, `described` as the
    /// message is to name it (`` `--history -` ``).
    pub(crate) fn file(&mut self, described: &str, path: Option<&Path>) -> &mut Self {
        if path.is_some_and(|path| Source::file(path).is_standard_input()) {
            self.0.push(described.to_owned());
        }
        self
    }

    /// An option that takes JSON text or `@FILE` (see [`json_argument`]).
    pub(crate) fn json(&mut self, flag: &str, value: Option<&str>) -> &mut Self {
        if value.is_some_and(reads_stdin) {
            self.0.push(format!("`{flag} @-`"));
        }
        self
    }

    /// Refuses the command (printing why) when more than one argument reads standard input.
    pub(crate) fn check(&self) -> Result<(), Outcome> {
        let [readers @ .., last] = self.0.as_slice() else {
            return Ok(());
        };
        if readers.is_empty() {
            return Ok(());
        }
        let together = if readers.len() == 1 { "both" } else { "all" };
        errln!(
            "sfn: {} and {last} {together} read standard input, which can be read only once",
            readers.join(", ")
        );
        Err(Outcome::Failure)
    }
}

/// Whether a JSON argument reads standard input (`@-`).
fn reads_stdin(value: &str) -> bool {
    value == "@-"
}

/// A JSON argument (`--input JSON|@FILE`) as `sfn-local` takes it: as given, or for `@-` the
/// JSON read from standard input, as text. The JSON is checked here, so that the error
/// names standard input.
pub(crate) fn json_argument(flag: &str, value: Option<&str>) -> Result<Option<String>, Outcome> {
    let Some(value) = value else {
        return Ok(None);
    };
    if !reads_stdin(value) {
        return Ok(Some(value.to_owned()));
    }
    let text = read(&Source::standard_input())?;
    // Written back as compact JSON: passed on as it was, text that starts with `@` would
    // be taken for a file name.
    // Read as the executor reads `--input` (`-0` is 0): written back, it is read again.
    match sfn_local::data::read_json(&text) {
        Ok(json) => Ok(Some(json.to_string())),
        Err(error) => {
            errln!("sfn: {flag} @-: standard input is not valid JSON: {error}");
            Err(Outcome::Failure)
        }
    }
}
