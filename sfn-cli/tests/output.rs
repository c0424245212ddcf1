//! Standard output that goes away early (`sfn graph big.json | head -1`) or cannot be
//! written: the command ends with its own exit code, and nothing panics.

#[allow(
    dead_code,
    reason = "shared by the CLI test binaries; this one spawns sfn only"
)]
mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder for the large definitions, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sfn-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Self(dir)
    }

    /// Writes `text` to the file `name` in the folder.
    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).expect("scratch file");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A definition of `count` states in a chain, indented: Task states calling a Lambda
/// function each (`{function}{index}`), with `extra` fields, then a Succeed state.
fn chain(count: usize, function: &str, extra: &str) -> String {
    let states: Vec<String> = (0..count)
        .map(|index| {
            format!(
                "    \"S{index}\": {{\n      \"Type\": \"Task\",\n      \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:{function}{index}\",{extra}\n      \"Next\": \"S{}\"\n    }},\n",
                index + 1
            )
        })
        .collect();
    format!(
        "{{\n  \"StartAt\": \"S0\",\n  \"States\": {{\n{}    \"S{count}\": {{\"Type\": \"Succeed\"}}\n  }}\n}}\n",
        states.concat()
    )
}

/// Runs `sfn` with `args` in `dir` and `stdin`, reads the first line of its standard output
/// and closes it, as `| head -1` does; returns that line and how `sfn` ended.
fn first_line_then_close(dir: &Path, args: &[&str], stdin: &[u8]) -> (String, Output) {
    // Every command reads its input whole before it writes.
    let mut child = common::spawn_sfn(dir, args, stdin);
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    (line, child.wait_with_output().expect("sfn finishes"))
}

/// Asserts that a command whose reader went away ended with `code` and printed nothing to
/// standard error (a closed pipe is not a failure).
fn assert_ended(args: &[&str], code: i32, output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
}

/// Each drawing, policy, diff and formatted definition is far larger than a pipe holds, so
/// `sfn` is still writing when its reader goes away. (The drawing is DOT: a Mermaid chart
/// this large comes with a warning that Mermaid would refuse it.)
#[test]
fn commands_end_normally_when_their_reader_goes_away() {
    let scratch = Scratch::new("closed-stdout");
    let big = chain(3000, "f", "");
    scratch.write("big.json", &big);
    scratch.write("big-v2.json", &chain(3000, "g", ""));
    let commands: [(&[&str], &str, &str, i32); 4] = [
        (&["graph", "--format", "dot", "big.json"], "", "digraph", 0),
        (&["iam", "big.json"], "", "{\n", 0),
        (&["diff", "big.json", "big-v2.json"], "", "~ state `S0`", 1),
        (&["fmt", "-"], &big, "{\n", 0),
    ];
    for (args, stdin, first, code) in commands {
        let (line, output) = first_line_then_close(&scratch.0, args, stdin.as_bytes());
        assert!(line.starts_with(first), "{args:?}: {line}");
        assert_ended(args, code, &output);
    }
}

/// `sfn validate … | head -1` still says by its exit code whether the file is valid.
#[test]
fn validate_keeps_its_exit_code_when_its_reader_goes_away() {
    let scratch = Scratch::new("closed-stdout-validate");
    scratch.write(
        "unknown-fields.json",
        &chain(800, "f", "\n      \"Bogus\": true,"),
    );
    for format in ["text", "json", "github", "sarif"] {
        let args = ["validate", "--format", format, "unknown-fields.json"];
        let (_, output) = first_line_then_close(&scratch.0, &args, b"");
        assert_ended(&args, 1, &output);
    }
}

/// Any other write error leaves the output incomplete: it is told, and fails the command.
#[cfg(target_os = "linux")]
#[test]
fn a_write_error_is_told_and_fails_the_command() {
    let fixtures = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    for args in [
        &["graph", "order.asl.json"][..],
        &["validate", "warnings.asl.json"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = Command::new(env!("CARGO_BIN_EXE_sfn"))
            .args(args)
            .current_dir(fixtures)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .expect("sfn runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "sfn: cannot write to standard output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

/// Standard error closed before `sfn` writes its message (`sfn … 2>&1 | head` after the
/// reader left): the message is dropped and the command keeps its exit code.
#[test]
fn a_closed_standard_error_does_not_panic() {
    let scratch = Scratch::new("closed-stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(["validate", "missing.asl.json"])
        .current_dir(&scratch.0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sfn runs");
    drop(child.stderr.take());
    let status = child.wait().expect("sfn ends");
    assert_eq!(status.code(), Some(2), "{status:?}");
}
