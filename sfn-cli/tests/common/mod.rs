//! Running the `sfn` binary in a fixtures folder, shared by the CLI test binaries.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// `tests/fixtures`, or a folder below it.
pub(crate) fn fixtures(below: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(below)
}

/// Runs `sfn` with `args` in `dir`, without colours, with `stdin` (any bytes) as its
/// standard input.
pub(crate) fn run_sfn(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    spawn_sfn(dir, args, stdin)
        .wait_with_output()
        .expect("sfn finishes")
}

/// Starts `sfn` with `args` in `dir`, without colours, writes `stdin` (any bytes) to it
/// and closes it; standard output and error are piped.
pub(crate) fn spawn_sfn(dir: &Path, args: &[&str], stdin: &[u8]) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sfn runs");
    let mut input = child.stdin.take().expect("stdin");
    match input.write_all(stdin) {
        Ok(()) => {}
        // A command that does not read standard input (or not all of it) may end before
        // it is written: what it printed is what the test checks.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(error) => panic!("stdin not written: {error}"),
    }
    drop(input);
    child
}

/// `exit N`, then standard output, then standard error, as one transcript.
pub(crate) fn transcript(output: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
