//! Console transcripts of the `sfn` binary: output and exit code of each subcommand.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{run_sfn, transcript};

fn fixtures() -> PathBuf {
    common::fixtures("")
}

/// Runs `sfn` in the fixtures folder with `stdin` as standard input.
fn sfn(args: &[&str], stdin: Option<&str>) -> Output {
    sfn_bytes(args, stdin.unwrap_or_default().as_bytes())
}

/// Runs `sfn` in the fixtures folder with `stdin` (any bytes) as standard input.
fn sfn_bytes(args: &[&str], stdin: &[u8]) -> Output {
    run_sfn(&fixtures(), args, stdin)
}

#[test]
fn validate_reports_every_problem_against_the_source() {
    insta::assert_snapshot!(transcript(&sfn(&["validate", "invalid.asl.json"], None)));
}

#[test]
fn text_reports_count_columns_in_characters_as_json_reports_do() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Comment\": \"日本語 😀\", \"Next\": \"Nope\"}\n  }\n}\n";
    let line = text.lines().nth(3).expect("line 4");
    let column = line[..line.find("\"Nope\"").expect("Nope")].chars().count() + 1;
    let header = format!("<stdin>:4:{column}]");
    let shown = String::from_utf8(sfn(&["validate", "-"], Some(text)).stdout).expect("utf-8");
    assert!(shown.contains(&header), "{header} in\n{shown}");
    let json = String::from_utf8(sfn(&["validate", "--format", "json", "-"], Some(text)).stdout)
        .expect("utf-8");
    assert!(json.contains(&format!("\"column\": {column}")), "{json}");
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let output = sfn_bytes(&["validate", "-"], b"{\"a\":\n  \"x\xff\"}");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "sfn: cannot read <stdin>: it is not UTF-8 text (line 2, column 5, byte 10)\n"
    );
}

#[test]
fn a_byte_order_mark_is_no_column_in_any_format() {
    // Editors and GitHub's annotations do not count it: `/StartAt` (naming no state) is at
    // 1:13 with or without one.
    let text = "{\"StartAt\": \"Zz\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}";
    for input in [text.to_owned(), format!("\u{feff}{text}")] {
        let report = |format: &str| {
            String::from_utf8(
                sfn_bytes(&["validate", "--format", format, "-"], input.as_bytes()).stdout,
            )
            .expect("utf-8")
        };
        for (format, expected) in [
            ("text", "<stdin>:1:13]"),
            ("json", "\"column\": 13,"),
            ("github", "line=1,col=13,"),
            ("sarif", "\"startColumn\": 13"),
        ] {
            let shown = report(format);
            assert!(shown.contains(expected), "{format}: {expected} in\n{shown}");
        }
    }
    let output = sfn_bytes(&["validate", "-"], b"\xef\xbb\xbf{\"a\": \"\xff\"}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "sfn: cannot read <stdin>: it is not UTF-8 text (line 1, column 8, byte 10)\n"
    );
}

#[test]
fn validate_json_report() {
    insta::assert_snapshot!(transcript(&sfn(
        &[
            "validate",
            "--format",
            "json",
            "invalid.asl.json",
            "order.asl.json"
        ],
        None
    )));
}

#[test]
fn validate_exit_codes() {
    let code = |args: &[&str]| sfn(args, None).status.code();
    assert_eq!(code(&["validate", "order.asl.json"]), Some(0));
    assert_eq!(code(&["validate", "warnings.asl.json"]), Some(0));
    assert_eq!(
        code(&["validate", "--deny-warnings", "warnings.asl.json"]),
        Some(1)
    );
    assert_eq!(
        code(&["validate", "order.asl.json", "invalid.asl.json"]),
        Some(1)
    );
    assert_eq!(
        code(&["validate", "order.asl.json", "missing.asl.json"]),
        Some(2)
    );
    assert_eq!(code(&["validate"]), Some(2));
    assert_eq!(
        code(&["validate", "--format", "yaml", "order.asl.json"]),
        Some(2)
    );
}

#[test]
fn validate_warnings_only() {
    insta::assert_snapshot!(transcript(&sfn(&["validate", "warnings.asl.json"], None)));
}

#[test]
fn validate_allows_chosen_warnings() {
    let codes = |args: &[&str]| -> (Option<i32>, Vec<String>) {
        let output = sfn(args, None);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
        let codes = report["files"][0]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|diagnostic| diagnostic["code"].as_str().unwrap_or_default().to_owned())
            .collect();
        (output.status.code(), codes)
    };
    let json = ["validate", "--format", "json", "--deny-warnings"];
    let with = |extra: &[&'static str]| [&json[..], extra, &["warnings.asl.json"]].concat();
    assert_eq!(
        codes(&with(&[])),
        (
            Some(1),
            vec!["loop-without-wait".into(), "missing-default".into()]
        )
    );
    assert_eq!(
        codes(&with(&["--allow", "loop-without-wait"])),
        (Some(1), vec!["missing-default".into()])
    );
    assert_eq!(
        codes(&with(&["--allow", "loop-without-wait,missing-default"])),
        (Some(0), vec![])
    );
    // Only where the pointer says: the loop is reported at `/States/Poll`.
    assert_eq!(
        codes(&with(&[
            "--allow",
            "loop-without-wait@/States/Poll",
            "--allow",
            "missing-default@/States/Poll",
        ])),
        (Some(1), vec!["missing-default".into()])
    );
    // The empty pointer is the whole definition (the pointer of its own problems).
    assert_eq!(
        codes(&with(&["--allow", "loop-without-wait@,missing-default@"])),
        (Some(0), vec![])
    );
}

/// With `--deny-warnings`, a file with warnings only fails: its summary line says so, in
/// every format, as the exit code and the JSON report's `valid` do.
#[test]
fn validate_summaries_agree_with_denied_warnings() {
    let summary = |format: &str, deny: &[&str]| {
        let output = sfn(
            &[
                &["validate", "--format", format],
                deny,
                &["warnings.asl.json"],
            ]
            .concat(),
            None,
        );
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let last = stdout.lines().last().unwrap_or_default().to_owned();
        (output.status.code(), last)
    };
    let denied = "warnings.asl.json: invalid, 0 errors, 2 warnings (warnings denied)";
    for format in ["text", "github"] {
        assert_eq!(
            summary(format, &["--deny-warnings"]),
            (Some(1), denied.to_owned())
        );
        assert_eq!(
            summary(format, &[]),
            (Some(0), "warnings.asl.json: valid, 2 warnings".to_owned())
        );
    }
    let json = sfn(
        &[
            "validate",
            "--format",
            "json",
            "--deny-warnings",
            "warnings.asl.json",
        ],
        None,
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(report["valid"], false);
    // Errors make a file invalid whatever the policy: its line is the usual one.
    let invalid = sfn(&["validate", "--deny-warnings", "invalid.asl.json"], None);
    assert!(
        String::from_utf8_lossy(&invalid.stdout)
            .ends_with("\ninvalid.asl.json: invalid, 3 errors, 0 warnings\n"),
        "{}",
        transcript(&invalid)
    );
}

#[test]
fn validate_refuses_to_allow_unknown_codes_and_errors() {
    insta::assert_snapshot!(transcript(&sfn(
        &[
            "validate",
            "--allow",
            "loop-without-wiat",
            "warnings.asl.json"
        ],
        None
    )));
    insta::assert_snapshot!(transcript(&sfn(
        &["validate", "--allow", "unknown-target", "warnings.asl.json"],
        None
    )));
}

#[test]
fn validate_github_annotations() {
    insta::assert_snapshot!(transcript(&sfn(
        &[
            "validate",
            "--format",
            "github",
            "warnings.asl.json",
            "invalid.asl.json",
            "missing.asl.json",
        ],
        None
    )));
}

/// A SARIF 2.1.0 log (what GitHub code scanning uploads): a result per problem with its
/// rule, level, file, line and column; a rule per code that occurs; an unreadable file as a
/// failed invocation's notification. (Checked against the OASIS schema with Python's
/// `jsonschema` when written; the snapshot pins it.)
#[test]
fn validate_sarif_log() {
    let output = sfn(
        &[
            "validate",
            "--format",
            "sarif",
            "warnings.asl.json",
            "invalid.asl.json",
            "missing.asl.json",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    for result in run["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules.get(index).copied(), result["ruleId"].as_str());
    }
    assert_eq!(run["results"].as_array().unwrap().len(), 5);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn validate_express_rules() {
    insta::assert_snapshot!(transcript(&sfn(
        &["validate", "--type", "express", "order.asl.json"],
        None
    )));
}

#[test]
fn validate_reads_stdin_and_names_missing_files() {
    let text = std::fs::read_to_string(fixtures().join("invalid.asl.json")).expect("fixture");
    let output = sfn(&["validate", "-"], Some(&text));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("<stdin>: invalid, 3 errors, 0 warnings"),
        "{stdout}"
    );
    insta::assert_snapshot!(transcript(&sfn(&["validate", "missing.asl.json"], None)));
}

#[test]
fn validate_draws_json_syntax_errors_against_the_source() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true},}\n}\n";
    let output = sfn(&["validate", "-"], Some(text));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "json-syntax",
        "unexpected character `}`, expected a string key",
        "[<stdin>:3:49]",
        r#" 3 │   "States": {"A": {"Type": "Pass", "End": true},}"#,
        "<stdin>: invalid, 1 error, 0 warnings",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected:?} missing from:\n{stdout}"
        );
    }
}

#[test]
fn validate_handles_a_5_mb_definition() {
    let states: Vec<String> = (0..20_000)
        .map(|index| {
            format!(
                r#""S{index}": {{"Type": "Pass", "Comment": "{}", "Result": {{"index": {index}}}, "Next": "S{}"}}"#,
                "x".repeat(180),
                index + 1
            )
        })
        .chain(std::iter::once(r#""S20000": {"Type": "Succeed"}"#.to_owned()))
        .collect();
    let text = format!(r#"{{"StartAt": "S0", "States": {{{}}}}}"#, states.join(","));
    assert!(text.len() > 5_000_000, "{}", text.len());
    let output = sfn(&["validate", "-"], Some(&text));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Valid but for the 1 MB quota.
    assert!(stdout.contains("definition-too-large"), "{stdout}");
    assert!(
        stdout.ends_with("<stdin>: invalid, 1 error, 0 warnings\n"),
        "{stdout}"
    );
}

/// miette cannot draw a problem beyond column 65,535 (it panicked); such a problem, on the
/// one line of a large minified definition, is told on a line of its own.
#[test]
fn validate_tells_a_problem_far_along_a_long_line() {
    let states: Vec<String> = (0..3000)
        .map(|index| {
            format!(
                r#""S{index}": {{"Type": "Pass", "Next": "S{}"}}, "#,
                index + 1
            )
        })
        .collect();
    let states = states.concat();
    let text = format!(
        r#"{{"StartAt": "S0", "States": {{{states}"S3000": {{"Type": "Pass", "Next": "Nowhere"}}}}}}"#
    );
    let column = text.find("\"Nowhere\"").expect("Nowhere") + 1;
    assert!(column > 65_535, "{column}");
    let output = sfn(&["validate", "-"], Some(&text));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let told = format!("error[unknown-target] at /States/S3000/Next (line 1, column {column}): ");
    assert!(
        stdout.lines().any(|line| line.starts_with(&told)),
        "{}",
        stdout
            .get(stdout.len().saturating_sub(600)..)
            .unwrap_or_default()
    );
}

#[test]
fn fmt_check_and_rewrite() {
    insta::assert_snapshot!(transcript(&sfn(
        &["fmt", "--check", "unformatted.asl.json", "order.asl.json"],
        None
    )));
    let text = std::fs::read_to_string(fixtures().join("unformatted.asl.json")).expect("fixture");
    insta::assert_snapshot!(transcript(&sfn(&["fmt", "-"], Some(&text))));
    // Formatting is idempotent: the canonical text checks clean.
    let canonical = String::from_utf8(sfn(&["fmt", "-"], Some(&text)).stdout).expect("utf-8");
    assert_eq!(
        sfn(&["fmt", "--check", "-"], Some(&canonical))
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn fmt_rewrites_files_in_place() {
    let folder = std::env::temp_dir().join(format!("sfn-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let file = folder.join("machine.asl.json");
    std::fs::copy(fixtures().join("unformatted.asl.json"), &file).expect("copy");
    let path = file.to_str().expect("utf-8 path");
    assert_eq!(sfn(&["fmt", path], None).status.code(), Some(0));
    assert_eq!(sfn(&["fmt", "--check", path], None).status.code(), Some(0));
    let rewritten = std::fs::read_to_string(&file).expect("rewritten");
    assert!(
        rewritten.starts_with("{\n  \"StartAt\": \"Hello\""),
        "{rewritten}"
    );
    std::fs::remove_dir_all(&folder).expect("cleanup");
}

#[test]
fn fmt_refuses_invalid_json() {
    insta::assert_snapshot!(transcript(&sfn(
        &["fmt", "-"],
        Some("{\"StartAt\": \"A\",")
    )));
}

#[test]
fn fmt_leaves_numbers_it_would_change_alone() {
    let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"id": 18446744073709551616, "ratio": 0.12345678901234567891, "ok": 1e2}, "End": true}}}"#;
    // Standard input is written out as it was: `sfn fmt - < draft.json > out.json` does
    // not leave an empty file.
    insta::assert_snapshot!(transcript(&sfn(&["fmt", "-"], Some(&format!("{text}\n")))));
    let checked = sfn(&["fmt", "--check", "-"], Some(text));
    assert_eq!(checked.status.code(), Some(1));
    assert!(checked.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&checked.stderr)
            .contains("(more digits or range than a 64-bit integer or float holds); fmt would write standard input out unchanged\n"),
        "{}",
        transcript(&checked)
    );
    let folder = scratch_folder("fmt-inexact");
    let file = folder.join("machine.asl.json");
    std::fs::write(&file, text).expect("written");
    let path = file.to_str().expect("utf-8 path");
    let rewritten = sfn(&["fmt", path], None);
    assert_eq!(rewritten.status.code(), Some(1));
    assert!(rewritten.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&rewritten.stderr).contains("holds); the file is left unchanged\n"),
        "{}",
        transcript(&rewritten)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
    std::fs::remove_dir_all(&folder).expect("cleanup");
    // Notations of a value the model holds exactly are rewritten as usual.
    let held = text
        .replace("18446744073709551616", "18446744073709551615")
        .replace("0.12345678901234567891", "0.5");
    let output = sfn(&["fmt", "-"], Some(&held));
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"ok\": 100.0"));
    // YAML on standard input is checked too, the number placed in the YAML text.
    let yaml = "StartAt: P\nStates:\n  P:\n    Type: Pass\n    Result: 123456789.123456789\n    End: true\n";
    let output = sfn(&["fmt", "-"], Some(yaml));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout), yaml);
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with(
            "<stdin>:5:13: the number `123456789.123456789` at /States/P/Result would be rewritten as `123456789.12345679`"
        ),
        "{}",
        transcript(&output)
    );
}

/// A fresh folder for one test's files, under the system's temporary folder.
fn scratch_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("sfn-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temp folder");
    folder
}

#[test]
fn fmt_leaves_yaml_files_of_any_name_alone() {
    // A file not named `.json`, `.yaml` or `.yml` is YAML when its text does not start
    // with `{`, as every command reads it.
    let folder = scratch_folder("fmt-yaml");
    let yaml = "# keep this comment\nStartAt: A\nStates:\n  A: {Type: Pass, End: true}\n";
    for name in ["def.asl", "y.template", "y.txt", "noextension"] {
        let file = folder.join(name);
        std::fs::write(&file, yaml).expect("written");
        let path = file.to_str().expect("utf-8 path");
        for args in [&["fmt", path][..], &["fmt", "--check", path]] {
            let output = sfn(args, None);
            let shown = transcript(&output);
            assert!(
                shown.starts_with("exit 2\n--- stdout\n--- stderr\n")
                    && shown.contains("leaves YAML definitions as they are"),
                "{args:?}: {shown}"
            );
            assert_eq!(std::fs::read_to_string(&file).expect("read"), yaml);
        }
        assert_eq!(sfn(&["validate", path], None).status.code(), Some(0));
    }
    // JSON under such a name is formatted, a byte order mark before it or not.
    for (name, text) in [
        (
            "json.asl",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"End\": true, \"Type\": \"Pass\"}}}",
        ),
        (
            "bom.asl",
            "\u{feff}{\"StartAt\": \"A\", \"States\": {\"A\": {\"End\": true, \"Type\": \"Pass\"}}}",
        ),
    ] {
        let file = folder.join(name);
        std::fs::write(&file, text).expect("written");
        let path = file.to_str().expect("utf-8 path");
        assert_eq!(
            sfn(&["fmt", "--check", path], None).status.code(),
            Some(1),
            "{name}"
        );
        assert_eq!(sfn(&["fmt", path], None).status.code(), Some(0), "{name}");
        assert!(
            std::fs::read_to_string(&file)
                .expect("read")
                .starts_with("{\n  \"StartAt\": \"A\""),
            "{name}"
        );
    }
    // Standard input is converted, so `--check` says it would change.
    let checked = transcript(&sfn(&["fmt", "--check", "-"], Some(yaml)));
    assert_eq!(
        checked,
        "exit 1\n--- stdout\nwould reformat <stdin>\n--- stderr\n"
    );
    std::fs::remove_dir_all(&folder).expect("cleanup");
}

#[test]
fn fmt_of_standard_input_and_files_keeps_the_document_alone_on_stdout() {
    let folder = scratch_folder("fmt-stdout");
    let file = folder.join("machine.asl.json");
    std::fs::copy(fixtures().join("unformatted.asl.json"), &file).expect("copy");
    let path = file.to_str().expect("utf-8 path");
    let text = std::fs::read_to_string(fixtures().join("unformatted.asl.json")).expect("fixture");
    let canonical = String::from_utf8(sfn(&["fmt", "-"], Some(&text)).stdout).expect("utf-8");
    // `--check` writes no document: its list stays on standard output.
    assert_eq!(
        transcript(&sfn(&["fmt", "--check", path, "-"], Some(&text))),
        format!("exit 1\n--- stdout\nwould reformat {path}\nwould reformat <stdin>\n--- stderr\n")
    );
    assert_eq!(
        transcript(&sfn(&["fmt", path, "-"], Some(&text))),
        format!("exit 0\n--- stdout\n{canonical}--- stderr\nformatted {path}\n")
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), canonical);
    std::fs::remove_dir_all(&folder).expect("cleanup");
}

#[test]
fn graph_mermaid() {
    insta::assert_snapshot!(transcript(&sfn(&["graph", "order.asl.json"], None)));
}

#[test]
fn graph_dot() {
    insta::assert_snapshot!(transcript(&sfn(
        &["graph", "--format", "dot", "order.asl.json"],
        None
    )));
}

/// A draft naming states it does not have yet still draws, and says which edges it lacks.
#[test]
fn graph_names_the_transitions_it_cannot_draw() {
    let draft = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Q"}], "Default": "P"},
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Gone"}}}], "End": true}}}"#;
    let output = sfn(&["graph", "-"], Some(draft));
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let errors = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(
        errors,
        "sfn: warning: <stdin>: `Choices[0].Next` of state `A` names `Q`, which is not a state of its list; that edge is not drawn\n\
         sfn: warning: <stdin>: `Next` of state `B` names `Gone`, which is not a state of its list; that edge is not drawn\n"
    );
    // A whole definition draws without a word on standard error.
    let output = sfn(&["graph", "order.asl.json"], None);
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
}

/// A chain of `count` Pass states, each named `name_length` characters long.
fn pass_chain(count: usize, name_length: usize) -> String {
    let name = |index: usize| format!("{index:0>name_length$}");
    let states: serde_json::Map<String, serde_json::Value> = (0..count)
        .map(|index| {
            let state = if index + 1 == count {
                serde_json::json!({"Type": "Pass", "End": true})
            } else {
                serde_json::json!({"Type": "Pass", "Next": name(index + 1)})
            };
            (name(index), state)
        })
        .collect();
    serde_json::json!({"StartAt": name(0), "States": states}).to_string()
}

/// A chart Mermaid would refuse (more than 500 edges, or 50,000 characters) is still
/// written, with a warning pointing to `--format dot`; one at the limits draws silently.
#[test]
fn graph_warns_when_mermaid_would_refuse_the_chart() {
    // 499 states: the start edge, 498 `Next` edges, one to the end: 500 edges.
    let at_the_limit = sfn(&["graph", "-"], Some(&pass_chain(499, 4)));
    assert_eq!(
        at_the_limit.status.code(),
        Some(0),
        "{}",
        transcript(&at_the_limit)
    );
    assert!(
        at_the_limit.stderr.is_empty(),
        "{}",
        transcript(&at_the_limit)
    );
    let mut limits = Vec::new();
    for (count, name_length) in [(500, 4), (400, 80)] {
        let output = sfn(&["graph", "-"], Some(&pass_chain(count, name_length)));
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        let chart = String::from_utf8(output.stdout).expect("utf-8");
        assert!(chart.starts_with("flowchart TD\n"), "{chart}");
        limits.push((
            chart.chars().count(),
            String::from_utf8(output.stderr).expect("utf-8"),
        ));
    }
    let [(_, too_many_edges), (size, too_long)] = &limits[..] else {
        panic!("two charts")
    };
    assert_eq!(
        too_many_edges,
        "sfn: warning: the Mermaid chart has 501 edges (at most 500), more than Mermaid draws unless the site showing it raises its limits; `--format dot` draws any size\n"
    );
    assert!(*size > 50_000, "{size}");
    assert_eq!(
        too_long,
        &format!(
            "sfn: warning: the Mermaid chart has {size} characters (at most 50000), more than Mermaid draws unless the site showing it raises its limits; `--format dot` draws any size\n"
        )
    );
    // DOT has no such limits.
    let dot = sfn(
        &["graph", "--format", "dot", "-"],
        Some(&pass_chain(500, 4)),
    );
    assert!(dot.stderr.is_empty(), "{}", transcript(&dot));
}

/// Standard output of `sfn graph` (in `format`) for a fixture, which must draw.
fn drawing(format: &str, file: &str) -> String {
    let output = sfn(&["graph", "--format", format, file], None);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    String::from_utf8(output.stdout).expect("utf-8")
}

fn assert_lines(drawing: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            drawing.lines().any(|shown| shown == *line),
            "{line:?} in\n{drawing}"
        );
    }
}

/// The node ids of a drawing, from each line that declares a node (`s12[...`, `s12 [label=`).
fn node_ids(drawing: &str) -> Vec<&str> {
    drawing
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let end = line.find(['[', '{', '(', ' '])?;
            let id = line.get(..end)?;
            let declares = line.get(end..)?.starts_with(['[', '{', '('])
                || line.get(end..)?.starts_with(" [label=");
            (id.starts_with('s') && id.get(1..)?.bytes().all(|b| b.is_ascii_digit()) && declares)
                .then_some(id)
        })
        .collect()
}

/// `awkward-names.asl.json` chains a Pass state for each name that once broke a renderer or
/// Mermaid's or Graphviz's parser (checked with `scripts/check-graphs`), and names that
/// differ only in characters the renderers escape.
#[test]
fn graph_escapes_awkward_names_and_keeps_every_state_a_node() {
    let text = std::fs::read_to_string(fixtures().join("awkward-names.asl.json")).expect("fixture");
    let definition: serde_json::Value = serde_json::from_str(&text).expect("json");
    let states = definition["States"].as_object().expect("States").len();

    let chart = drawing("mermaid", "awkward-names.asl.json");
    let ids = node_ids(&chart);
    assert_eq!(ids.len(), states, "{chart}");
    assert_eq!(
        ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
        states
    );
    assert_lines(
        &chart,
        &[
            // The look-alikes: `a"b`, `a#quot;b`, `a\"b`, then `a<b`, `a#60;b`, `a&lt;b`.
            r#"    s4["a#quot;b<br/><small>Pass</small>"]"#,
            r#"    s5["a#35;quot;b<br/><small>Pass</small>"]"#,
            r#"    s6["a\#quot;b<br/><small>Pass</small>"]"#,
            r#"    s24["a#60;b<br/><small>Pass</small>"]"#,
            r#"    s25["a#35;60;b<br/><small>Pass</small>"]"#,
            r#"    s26["a#38;lt;b<br/><small>Pass</small>"]"#,
            // Mermaid keywords are labels only; ids are generated.
            r#"    s34["end<br/><small>Pass</small>"]"#,
            r#"    s39["subgraph<br/><small>Pass</small>"]"#,
            // Spaces a browser would collapse.
            r##"    s58["#160;#160;leading<br/><small>Pass</small>"]"##,
            r#"    s61["two #160;spaces<br/><small>Pass</small>"]"#,
            // A label opening with a backtick would be a Markdown string (a lexical error).
            r##"    s66["#96;code#96;<br/><small>Pass</small>"]"##,
            r#"    s74["new<br/>line<br/><small>Pass</small>"]"#,
            "    s75[\"tab\u{2409}here<br/><small>Pass</small>\"]",
            "    s78[\"nul\u{2400}here<br/><small>Pass</small>\"]",
            // Mermaid drops the `;` of `style…:…#…;`, and decodes its entity placeholders.
            r#"    s87["style#58;#35;1;<br/><small>Pass</small>"]"#,
            r#"    s91["para¶#8288;ßgraph<br/><small>Pass</small>"]"#,
            // A directive anywhere in the text would configure the diagram.
            r#"    s101["%#37;{init: {'theme':'forest'}}%#37;<br/><small>Pass</small>"]"#,
            // Read after entities are decoded, so split by a word joiner: an icon, a line
            // break, KaTeX math, Mermaid's entity placeholders.
            r#"    s112["fa:#8288;fa-car<br/><small>Pass</small>"]"#,
            r#"    s113["a\#8288;nb<br/><small>Pass</small>"]"#,
            r#"    s114["$#8288;$x$#8288;$ and $#8288;$.y<br/><small>Pass</small>"]"#,
            r#"    s115["ﬂ#8288;°lig ¶#8288;ß<br/><small>Pass</small>"]"#,
        ],
    );

    let graph = drawing("dot", "awkward-names.asl.json");
    assert_eq!(node_ids(&graph).len(), states, "{graph}");
    assert!(!graph.contains('\0'));
    assert_lines(
        &graph,
        &[
            r#"    s4 [label="a\"b\n(Pass)", shape=box, style=rounded];"#,
            r#"    s6 [label="a\\\"b\n(Pass)", shape=box, style=rounded];"#,
            r#"    s8 [label="ends with \\\n(Pass)", shape=box, style=rounded];"#,
            // Graphviz decodes HTML entities in plain labels: `&amp;` would show as `&`.
            r#"    s26 [label="a&amp;lt;b\n(Pass)", shape=box, style=rounded];"#,
            r#"    s28 [label="&amp;amp;\n(Pass)", shape=box, style=rounded];"#,
            r#"    s34 [label="end\n(Pass)", shape=box, style=rounded];"#,
            r#"    s58 [label="  leading\n(Pass)", shape=box, style=rounded];"#,
            "    s78 [label=\"nul\u{2400}here\\n(Pass)\", shape=box, style=rounded];",
            r#"    s83 [label="\\N\n(Pass)", shape=box, style=rounded];"#,
        ],
    );
}

#[test]
fn graph_escapes_awkward_conditions_and_errors() {
    let chart = drawing("mermaid", "awkward-conditions.asl.json");
    assert_lines(
        &chart,
        &[
            r#"    s0 -->|"$.kind == 'say #quot;hi#quot; #124; [x] {y} #60;z> #38; #35;1;<br/>next'"| s1"#,
            r#"    s0 -->|"$.n #60; 3 and not ($.s == '#96;tick#96;')"| s2"#,
            "    s2 -.->|\"#96;Tick#96;, Tab\u{2409}Error, style#58;#35;1;\"| s1",
            // A catcher with an empty `ErrorEquals`: `-.->|""|` does not parse.
            "    s2 -.-> s1",
            // `$$…$$` would be drawn as KaTeX math.
            r#"    s0 -->|"$#8288;$.Execution.Name == $#8288;$.Execution.Input.name"| s5"#,
            // The string's backslash is escaped (`\\`), so that the label reads back whole.
            r#"    s0 -->|"$.icon == 'fa:#8288;fa-car \\#8288;n'"| s5"#,
            r#"            subgraph g3["Map Map {m} #38; #60;n>"]"#,
        ],
    );
    let graph = drawing("dot", "awkward-conditions.asl.json");
    assert_lines(
        &graph,
        &[
            r#"    s0 -> s1 [label="$.kind == 'say \"hi\" | [x] {y} <z> &amp; #1;\nnext'"];"#,
            "    s2 -> s1 [label=\"`Tick`, Tab\u{2409}Error, style:#1;\", style=dashed];",
            "    s2 -> s1 [style=dashed];",
        ],
    );
    let chart = drawing("mermaid", "awkward-jsonata.asl.json");
    assert_lines(
        &chart,
        &[r##"    s0 -->|"#96;field name#96; = ' #160;two #160;spaces #160;'"| s2"##],
    );
}

#[test]
fn diff_text_and_json() {
    insta::assert_snapshot!(transcript(&sfn(
        &["diff", "order.asl.json", "order-v2.asl.json"],
        None
    )));
    insta::assert_snapshot!(transcript(&sfn(
        &[
            "diff",
            "--format",
            "json",
            "order.asl.json",
            "order-v2.asl.json"
        ],
        None
    )));
    assert_eq!(
        sfn(&["diff", "order.asl.json", "order.asl.json"], None)
            .status
            .code(),
        Some(0)
    );
}

/// A state whose `Type` changed shows its other changes too; a field set to `null` is told
/// apart from one removed (in the JSON, an absent side is left out); keys with `/` or `~`
/// are escaped as in a JSON pointer.
#[test]
fn diff_shows_a_retyped_state_whole_nulls_and_escaped_keys() {
    insta::assert_snapshot!(transcript(&sfn(
        &["diff", "charge.asl.json", "charge-v2.asl.json"],
        None
    )));
    insta::assert_snapshot!(transcript(&sfn(
        &[
            "diff",
            "--format",
            "json",
            "charge.asl.json",
            "charge-v2.asl.json"
        ],
        None
    )));
}

/// Exit 1 says the definitions differ; one that cannot be read or parsed is a failure,
/// exit 2, in either format.
#[test]
fn diff_fails_on_a_file_it_cannot_read_or_parse() {
    let truncated = "{\"StartAt\": \"A\", \"States\": {";
    for format in ["text", "json"] {
        let unparsable = sfn(
            &["diff", "--format", format, "-", "order.asl.json"],
            Some(truncated),
        );
        assert_eq!(
            unparsable.status.code(),
            Some(2),
            "{}",
            transcript(&unparsable)
        );
        assert!(unparsable.stdout.is_empty(), "{}", transcript(&unparsable));
        assert!(
            String::from_utf8_lossy(&unparsable.stderr).contains("json-syntax"),
            "{}",
            transcript(&unparsable)
        );
        let missing = sfn(
            &[
                "diff",
                "--format",
                format,
                "order.asl.json",
                "missing.asl.json",
            ],
            None,
        );
        assert_eq!(missing.status.code(), Some(2), "{}", transcript(&missing));
    }
}

/// Standard input can be read only once: a command whose arguments ask for it twice is
/// refused, naming both.
#[test]
fn standard_input_is_read_by_one_argument_only() {
    // Refused before anything reads standard input, so none is written (writing what the
    // command leaves unread could fail).
    let refused = |args: &[&str], message: &str| {
        assert_eq!(
            transcript(&sfn(args, None)),
            format!(
                "exit 2\n--- stdout\n--- stderr\nsfn: {message} read standard input, which can be read only once\n"
            )
        );
    };
    refused(&["diff", "-", "-"], "OLD `-` and NEW `-` both");
    refused(
        &["validate", "-", "order.asl.json", "-"],
        "FILE `-` and FILE `-` both",
    );
    refused(&["fmt", "-", "-"], "FILE `-` and FILE `-` both");
    refused(
        &["graph", "-", "--history", "-"],
        "the definition `-` and `--history -` both",
    );
    refused(
        &["run", "-", "--input", "@-", "--mock-config", "-"],
        "the definition `-`, `--input @-` and `--mock-config -` all",
    );
    refused(
        &["replay", "-", "-"],
        "the definition `-` and HISTORY `-` both",
    );
    refused(
        &["test-state", "-", "--mock-result", "@-"],
        "the definition `-` and `--mock-result @-` both",
    );
}

#[test]
fn iam_policy() {
    insta::assert_snapshot!(transcript(&sfn(&["iam", "order.asl.json"], None)));
}

#[test]
fn help_lists_the_commands() {
    insta::assert_snapshot!(transcript(&sfn(&["--help"], None)));
}

#[test]
fn yaml_definitions_are_validated_against_their_own_lines() {
    insta::assert_snapshot!(transcript(&sfn(&["validate", "invalid.asl.yaml"], None)));
    let github = transcript(&sfn(
        &["validate", "--format", "github", "invalid.asl.yaml"],
        None,
    ));
    assert!(
        github.contains("::error file=invalid.asl.yaml,line=9,col=11,title=unknown-target::"),
        "{github}"
    );
    // Standard input that does not start like JSON is read as YAML.
    let yaml = std::fs::read_to_string(fixtures().join("order.asl.yaml")).expect("fixture");
    let stdin = transcript(&sfn(&["validate", "-"], Some(&yaml)));
    assert_eq!(stdin, "exit 0\n--- stdout\n<stdin>: valid\n--- stderr\n");
    // A YAML syntax error, and a CloudFormation tag, with their places.
    let broken = transcript(&sfn(
        &["validate", "--format", "github", "-"],
        Some("StartAt: A\nStates:\n  A: {Type: Pass, End: true\n"),
    ));
    assert!(broken.starts_with("exit 1\n"), "{broken}");
    assert!(
        broken.contains("title=yaml-syntax::the text is not valid YAML"),
        "{broken}"
    );
    let tagged = transcript(&sfn(
        &["validate", "--format", "github", "-"],
        Some(
            "StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: !GetAtt Fn.Arn\n    End: true\n",
        ),
    ));
    assert!(
        tagged
            .contains("line=5,col=15,title=yaml-syntax::the tag `!GetAtt` has no JSON equivalent"),
        "{tagged}"
    );
}

#[test]
fn yaml_that_the_sam_transform_reads_otherwise_is_warned_about() {
    let yaml = "StartAt: Ask\nStates:\n  Ask:\n    Type: Choice\n    Choices:\n      - Variable: $.ok\n        BooleanEquals: true\n        Next: Done\n    Default: No\n  Done: {Type: Succeed}\n  No: {Type: Fail}\n";
    let warned = transcript(&sfn(&["validate", "--format", "github", "-"], Some(yaml)));
    assert!(warned.starts_with("exit 0\n"), "{warned}");
    for at in ["line=9,col=14", "line=11,col=3"] {
        assert!(
            warned.contains(&format!(
                "::warning file=<stdin>,{at},title=yaml-1-1-reading::"
            )),
            "{at} in {warned}"
        );
    }
    assert!(warned.contains("read it as the boolean false"), "{warned}");
    let allowed = transcript(&sfn(
        &[
            "validate",
            "--deny-warnings",
            "--allow",
            "yaml-1-1-reading",
            "-",
        ],
        Some(yaml),
    ));
    assert_eq!(allowed, "exit 0\n--- stdout\n<stdin>: valid\n--- stderr\n");
}

#[test]
fn yaml_definitions_draw_run_and_convert() {
    let graph = transcript(&sfn(
        &["graph", "--format", "mermaid", "order.asl.yaml"],
        None,
    ));
    assert!(graph.starts_with("exit 0\n"), "{graph}");
    assert!(
        graph.contains("Charge") && graph.contains("Ship"),
        "{graph}"
    );
    let run = transcript(&sfn(
        &[
            "run",
            "order.asl.yaml",
            "--input",
            r#"{"order": 7}"#,
            "--unmocked",
            "echo",
        ],
        None,
    ));
    assert!(
        run.contains("SUCCEEDED") && run.contains("Charge -> Ship -> Done"),
        "{run}"
    );
    // `fmt` writes JSON: it converts standard input, and leaves YAML files alone.
    let yaml = std::fs::read_to_string(fixtures().join("order.asl.yaml")).expect("fixture");
    let converted = sfn(&["fmt", "-"], Some(&yaml));
    let machine =
        sfn_dsl::StateMachine::from_json(std::str::from_utf8(&converted.stdout).expect("utf-8"))
            .expect("canonical JSON");
    assert_eq!(machine.states.len(), 3);
    let refused = transcript(&sfn(&["fmt", "order.asl.yaml"], None));
    assert!(
        refused.starts_with("exit 2\n") && refused.contains("leaves YAML definitions as they are"),
        "{refused}"
    );
}
