//! Writing the generated files all or nothing, and only those that changed.

use std::path::{Path, PathBuf};

use super::{GenerateError, Written};

/// Writes the files whose content changed: each to a temporary file beside it first, then
/// all renamed into place, so that a file that cannot be written leaves every file as it
/// was (and a reader never sees one half written).
pub(super) fn write_all(files: Vec<(PathBuf, String)>) -> Result<Vec<Written>, GenerateError> {
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
