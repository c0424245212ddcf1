//! Standard output, for every command: a reader that goes away early
//! (`sfn graph big.json | head -1`) ends the output, not the command.
//!
//! `print!` panics when a write fails, which turned a closed pipe into exit 101 and a
//! panic message. Here a closed pipe quietly stops the output, so the command still ends
//! with its own exit code (a reader of `sfn validate`'s first line still learns from the
//! exit code whether the file is valid); any other write error is reported once, and fails
//! the command (exit 2), since its output is then incomplete.

use std::fmt;
use std::io::{self, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::commands::Outcome;

/// Set when a write failed: later output is dropped, since the reader is gone or the
/// device refuses it.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Set when a write failed for a reason other than a closed pipe, which fails the command.
static FAILED: AtomicBool = AtomicBool::new(false);

/// Prints to standard output, as `print!` does, without panicking (see the module docs).
macro_rules! out {
    ($($argument:tt)*) => {
        $crate::output::write(::core::format_args!($($argument)*))
    };
}

/// Prints a line to standard output, as `println!` does, without panicking (see the
/// module docs).
macro_rules! outln {
    ($($argument:tt)*) => {
        $crate::output::write(::core::format_args!(
            "{}\n",
            ::core::format_args!($($argument)*)
        ))
    };
}

/// Prints to standard error, as `eprint!` does, without panicking when standard error is
/// closed (`sfn … 2>&1 | head`): a message nobody can read is dropped.
macro_rules! err {
    ($($argument:tt)*) => {
        $crate::output::write_error(::core::format_args!($($argument)*))
    };
}

/// Prints a line to standard error, as `eprintln!` does, without panicking (see [`err!`]).
macro_rules! errln {
    ($($argument:tt)*) => {
        $crate::output::write_error(::core::format_args!(
            "{}\n",
            ::core::format_args!($($argument)*)
        ))
    };
}

pub(crate) use {err, errln, out, outln};

/// Writes `text` to standard error; a failure is ignored, as there is nowhere left to
/// report it. Use [`err!`] and [`errln!`].
pub(crate) fn write_error(text: fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_fmt(text);
}

/// Writes `text` to standard output, unless an earlier write failed; use [`out!`] and
/// [`outln!`].
pub(crate) fn write(text: fmt::Arguments<'_>) {
    if STOPPED.load(Ordering::Relaxed) {
        return;
    }
    if let Err(error) = io::stdout().lock().write_fmt(text) {
        stop(&error);
    }
}

/// Flushes standard output at the end of a command, and makes the command fail when its
/// output could not be written (a closed pipe excepted).
pub(crate) fn finish(outcome: Outcome) -> Outcome {
    // Standard output keeps a line that has no end yet; one it cannot write is a failure
    // like any other.
    if !STOPPED.load(Ordering::Relaxed)
        && let Err(error) = io::stdout().lock().flush()
    {
        stop(&error);
    }
    if FAILED.load(Ordering::Relaxed) {
        outcome.max(Outcome::Failure)
    } else {
        outcome
    }
}

/// Stops the output after a failed write, reporting the failure unless the reader just
/// went away.
fn stop(error: &io::Error) {
    STOPPED.store(true, Ordering::Relaxed);
    if error.kind() != io::ErrorKind::BrokenPipe {
        FAILED.store(true, Ordering::Relaxed);
        errln!("sfn: cannot write to standard output: {error}");
    }
}
