//! Temporary files that stand for standard input or output where `sfn-local` takes a path
//! (`--mock-config -`, `sfn replay FILE -`, `sfn run --history -`).

use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{STDIN_NAME, Source, read};
use crate::commands::Outcome;
use crate::output::errln;

/// How messages name standard output.
const STDOUT_NAME: &str = "<stdout>";

/// Tells apart the stand-ins of one process.
static CREATED: AtomicUsize = AtomicUsize::new(0);

/// A temporary file holding standard input, or taking what goes to standard output; it is
/// removed when dropped.
#[derive(Debug)]
pub(crate) struct Standin {
    path: PathBuf,
    /// What it stands for, in messages: `<stdin>` or `<stdout>`.
    name: &'static str,
}

impl Standin {
    /// A file holding what standard input holds (read through [`Source`], as a definition
    /// on standard input is). `label` and `extension` make up its name: the extension tells
    /// YAML from JSON, as a file's does.
    pub(crate) fn standard_input(label: &str, extension: &str) -> Result<Self, Outcome> {
        let text = read(&Source::standard_input())?;
        Self::holding(&text, label, extension)
    }

    /// A file holding `text`, which was read from standard input.
    pub(crate) fn holding(text: &str, label: &str, extension: &str) -> Result<Self, Outcome> {
        let (mut file, standin) = Self::create(label, extension, STDIN_NAME)?;
        file.write_all(text.as_bytes())
            .map_err(|error| standin.failed("write", &error))?;
        Ok(standin)
    }

    /// An empty file for what goes to standard output, to be printed with [`Self::read_back`].
    pub(crate) fn standard_output(label: &str) -> Result<Self, Outcome> {
        Self::create(label, "json", STDOUT_NAME).map(|(_, standin)| standin)
    }

    /// The file's path, to hand to `sfn-local`.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// What was written to the file.
    pub(crate) fn read_back(&self) -> Result<String, Outcome> {
        std::fs::read_to_string(&self.path).map_err(|error| self.failed("read", &error))
    }

    /// `message` (from `sfn-local`, which names the files it was given) with the file's
    /// path replaced by what it stands for.
    pub(crate) fn rename_in(&self, message: &str) -> String {
        message.replace(&self.path.display().to_string(), self.name)
    }

    /// Creates a new file in the temporary directory, readable by this user only; an
    /// existing file is never opened, so no other user can plant one in its place.
    fn create(label: &str, extension: &str, name: &'static str) -> Result<(File, Self), Outcome> {
        let directory = std::env::temp_dir();
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        loop {
            let number = CREATED.fetch_add(1, Ordering::Relaxed);
            let path = directory.join(format!(
                "sfn-{}-{number}-{label}.{extension}",
                std::process::id()
            ));
            match options.open(&path) {
                Ok(file) => return Ok((file, Self { path, name })),
                // Left behind by an earlier process of the same id: try the next number.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && number < 1000 => {}
                Err(error) => {
                    errln!(
                        "sfn: cannot create a temporary file for {name} in {}: {error}",
                        directory.display()
                    );
                    return Err(Outcome::Failure);
                }
            }
        }
    }

    /// Prints why the file could not be read or written.
    fn failed(&self, doing: &str, error: &io::Error) -> Outcome {
        errln!(
            "sfn: cannot {doing} the temporary file {} standing for {}: {error}",
            self.path.display(),
            self.name
        );
        Outcome::Failure
    }
}

impl Drop for Standin {
    fn drop(&mut self) {
        // Nothing more can be done about a file that cannot be removed.
        let _ = std::fs::remove_file(&self.path);
    }
}
