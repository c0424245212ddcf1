//! Console transcripts of `sfn run` and `sfn replay`.

mod common;

use std::process::Output;

use common::transcript;

fn sfn(args: &[&str]) -> Output {
    common::run_sfn(&common::fixtures("run"), args, b"")
}

/// Runs `booking.asl.json` with the mock configuration's test `case`, and `more` arguments.
fn run_booking(case: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "run",
        "booking.asl.json",
        "--input",
        r#"{"trip": "T-1"}"#,
        "--mock-config",
        "booking.mocks.json",
        "--test-case",
        case,
    ];
    args.extend_from_slice(more);
    sfn(&args)
}

#[test]
fn run_with_a_mock_configuration_test_case() {
    let output = run_booking("HappyPath", &[]);
    insta::assert_snapshot!("run_happy_path", transcript(&output));
}

#[test]
fn run_json_format_ends_with_the_summary_line() {
    let output = run_booking("PaymentDown", &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(
        last,
        serde_json::json!({"status": "FAILED", "output": null, "error": "PaymentFailed",
            "cause": "the payment service gave up", "states": ["Reserve", "Pay", "Refund"]})
    );
}

const MAP_CHILD_FAILS: [&str; 4] = [
    "run",
    "map-child-fails.asl.json",
    "--input",
    r#"{"orders": [{"id": 1}, {"id": 2}]}"#,
];

/// The parent fails with AWS's threshold error; a note says why the children failed.
#[test]
fn run_names_the_failure_of_a_distributed_map_child() {
    let output = sfn(&MAP_CHILD_FAILS);
    insta::assert_snapshot!("run_map_child_fails", transcript(&output));
}

#[test]
fn run_json_format_has_the_failed_child() {
    let mut args = MAP_CHILD_FAILS.to_vec();
    args.extend(["--format", "json"]);
    let output = sfn(&args);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let child = &mut last["failed_child"];
    let map_run_arn = child["map_run_arn"].take();
    let execution_arn = child["execution_arn"].take();
    assert!(
        map_run_arn.as_str().unwrap().starts_with(
            "arn:aws:states:us-east-1:123456789012:mapRun:map-child-fails/Charge each:"
        ),
        "{map_run_arn}"
    );
    assert!(
        execution_arn.as_str().unwrap().starts_with(
            "arn:aws:states:us-east-1:123456789012:execution:map-child-fails/Charge each:"
        ),
        "{execution_arn}"
    );
    assert_eq!(
        last,
        serde_json::json!({"status": "FAILED", "output": null,
            "error": "States.ExceedToleratedFailureThreshold",
            "cause": "The specified tolerated failure threshold was exceeded",
            "states": ["Charge each"],
            "failed_child": {"map_state": "Charge each", "map_run_arn": null, "index": 0,
                "execution_arn": null, "state": "Charge", "error": "States.Runtime",
                "cause": "An error occurred while executing the state 'Charge' (entered at the event id #2). No mock answers Task state 'Charge' (resource arn:aws:lambda:us-east-1:123456789012:function:charge); register one, or run with unmocked tasks echoing their input"}})
    );
}

#[test]
fn run_echoes_unmocked_tasks_on_request() {
    let output = sfn(&[
        "run",
        "booking.asl.json",
        "--unmocked",
        "echo",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("run_echo", transcript(&output));
}

#[test]
fn run_fails_unmocked_tasks_by_default() {
    let output = sfn(&["run", "booking.asl.json"]);
    insta::assert_snapshot!("run_unmocked", transcript(&output));
}

#[test]
fn run_reports_unreadable_input() {
    let output = sfn(&["run", "booking.asl.json", "--input", "@missing.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read missing.json"));
}

/// Asserts `output` exited with `code` and that `printed` (its standard output or error)
/// holds `expected`.
fn assert_exit(output: &Output, code: i32, printed: &[u8], expected: &str) {
    assert_eq!(output.status.code(), Some(code), "{}", transcript(output));
    assert!(
        String::from_utf8_lossy(printed).contains(expected),
        "{}",
        transcript(output)
    );
}

/// A scratch folder for the files the commands write, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sfn-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn file(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A definition AWS would refuse to create is refused before it runs, with every error and
/// its line; `--skip-validation` runs it all the same.
#[test]
fn run_and_replay_refuse_a_definition_aws_would_refuse() {
    let refused = sfn(&["run", "refused.asl.json"]);
    assert_exit(
        &refused,
        2,
        &refused.stderr,
        "AWS would refuse this definition",
    );
    assert!(refused.stdout.is_empty(), "{}", transcript(&refused));
    insta::assert_snapshot!("run_refused", transcript(&refused));

    let forced = sfn(&["run", "refused.asl.json", "--skip-validation"]);
    assert_eq!(forced.status.code(), Some(0), "{}", transcript(&forced));
    assert!(forced.stderr.is_empty(), "{}", transcript(&forced));

    let replayed = sfn(&["replay", "refused.asl.json", "pass.history.json"]);
    assert_exit(
        &replayed,
        2,
        &replayed.stderr,
        "error[query-language-field] at /States/Greet/Output (line 8, column 7)",
    );
    // Replayed all the same, it diverges from the recording (another state).
    let replayed = sfn(&[
        "replay",
        "refused.asl.json",
        "pass.history.json",
        "--skip-validation",
    ]);
    assert_eq!(replayed.status.code(), Some(1), "{}", transcript(&replayed));

    let yaml = sfn(&["run", "refused.asl.yaml"]);
    assert_exit(
        &yaml,
        2,
        &yaml.stderr,
        "error[unknown-target] at /States/Greet/Next (line 6, column 11)",
    );
}

/// The workflow type a run uses is the one it is validated as: `.sync` is fine in a
/// Standard workflow and refused in an Express one.
#[test]
fn run_validates_as_the_workflow_type_it_runs() {
    let standard = sfn(&["run", "express-sync.asl.json", "--unmocked", "echo"]);
    assert_eq!(standard.status.code(), Some(0), "{}", transcript(&standard));
    let express = sfn(&[
        "run",
        "express-sync.asl.json",
        "--unmocked",
        "echo",
        "--type",
        "express",
    ]);
    assert_exit(
        &express,
        2,
        &express.stderr,
        "error[unsupported-by-workflow-type] at /States/Build/Resource",
    );
}

/// `--history FILE` writes the run's history as `get-execution-history` prints it, and
/// `sfn replay` reads it back: the same definition matches it (retries and a failure
/// included), a changed one diverges where it changed.
#[test]
fn run_writes_a_history_that_replay_reads_back() {
    let scratch = Scratch::new("run-history");
    let failed = run_booking("PaymentDown", &["--history", &scratch.file("booking.json")]);
    assert_eq!(failed.status.code(), Some(1), "{}", transcript(&failed));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.file("booking.json")).unwrap())
            .unwrap();
    let types: Vec<&str> = written["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["type"].as_str().unwrap())
        .collect();
    assert_eq!(types.first(), Some(&"ExecutionStarted"));
    assert_eq!(types.last(), Some(&"ExecutionFailed"));
    assert_eq!(
        types.iter().filter(|kind| **kind == "TaskFailed").count(),
        3
    );
    let replayed = sfn(&["replay", "booking.asl.json", &scratch.file("booking.json")]);
    assert_exit(
        &replayed,
        0,
        &replayed.stdout,
        "replay: the local run matches the recorded history\n",
    );

    let succeeded = sfn(&[
        "run",
        "pass.asl.json",
        "--input",
        r#"{"n": 1}"#,
        "--history",
        &scratch.file("pass.json"),
    ]);
    assert_eq!(
        succeeded.status.code(),
        Some(0),
        "{}",
        transcript(&succeeded)
    );
    let changed = sfn(&[
        "replay",
        "pass-changed.asl.json",
        &scratch.file("pass.json"),
    ]);
    assert_exit(
        &changed,
        1,
        &changed.stdout,
        "recorded #3 PassStateExited `Double` output={\"n\":1,\"twice\":2}",
    );

    let unwritable = sfn(&[
        "run",
        "pass.asl.json",
        "--history",
        "no-such-dir/history.json",
    ]);
    assert_exit(
        &unwritable,
        2,
        &unwritable.stderr,
        "cannot write no-such-dir/history.json",
    );
}

/// `sfn graph --history` draws what runs did over the diagram; several histories add up,
/// and the states none of them entered stay grey.
#[test]
fn graph_draws_what_recorded_runs_did() {
    let scratch = Scratch::new("graph-history");
    for case in ["HappyPath", "PaymentDown"] {
        let output = run_booking(case, &["--history", &scratch.file(case)]);
        assert!(
            output.status.code().is_some_and(|code| code < 2),
            "{}",
            transcript(&output)
        );
    }
    let failed_only = sfn(&[
        "graph",
        "booking.asl.json",
        "--history",
        &scratch.file("PaymentDown"),
    ]);
    insta::assert_snapshot!("graph_history_failed_run", transcript(&failed_only));
    let both = sfn(&[
        "graph",
        "booking.asl.json",
        "--format",
        "dot",
        "--history",
        &scratch.file("PaymentDown"),
        "--history",
        &scratch.file("HappyPath"),
    ]);
    insta::assert_snapshot!("graph_history_both_runs", transcript(&both));

    // A history AWS recorded reads the same way.
    let recorded = sfn(&["graph", "pass.asl.json", "--history", "pass.history.json"]);
    assert_exit(
        &recorded,
        0,
        &recorded.stdout,
        "s0[\"Double<br/><small>Pass, 1×</small>\"]\n    class s0 entered\n",
    );
    let not_a_history = sfn(&["graph", "pass.asl.json", "--history", "pass.asl.json"]);
    assert_exit(
        &not_a_history,
        2,
        &not_a_history.stderr,
        "sfn: pass.asl.json: not an execution history",
    );
}

/// A run that left `Charge` normally took its `Next` to `Notify`, not the catchers that lead
/// there too; a run that failed took the first catcher matching its error (the history's
/// `TaskFailed` event names it), and not `Next`.
#[test]
fn graph_tells_a_catch_from_next_to_the_same_state() {
    let scratch = Scratch::new("graph-catch");
    // Links: 0 start, 1 `Next`, 2 the `Card.Declined` catcher, 3 the `States.ALL` one,
    // 4 `Notify` to the end.
    for (case, taken, dot_next) in [
        (
            "Paid",
            "0,1,4",
            "    s0 -> s1 [color=\"#1e7e34\", penwidth=3];",
        ),
        ("Declined", "0,2,4", "    s0 -> s1;"),
        ("Broken", "0,3,4", "    s0 -> s1;"),
    ] {
        let history = scratch.file(case);
        let run = sfn(&[
            "run",
            "charge-notify.asl.json",
            "--mock-config",
            "charge-notify.mocks.json",
            "--test-case",
            case,
            "--history",
            &history,
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", transcript(&run));
        let chart = sfn(&["graph", "charge-notify.asl.json", "--history", &history]);
        assert_exit(
            &chart,
            0,
            &chart.stdout,
            &format!("\n    linkStyle {taken} stroke:#1e7e34,stroke-width:3px\n"),
        );
        assert!(chart.stderr.is_empty(), "{}", transcript(&chart));
        let dot = sfn(&[
            "graph",
            "charge-notify.asl.json",
            "--format",
            "dot",
            "--history",
            &history,
        ]);
        let dot = String::from_utf8(dot.stdout).unwrap();
        assert!(dot.lines().any(|line| line == dot_next), "{case}: {dot}");
    }
}

/// A history of another definition is drawn where its states' names match, with a warning
/// naming the states the definition lacks; the edge into a Map state's processor is not
/// taken when the Map state was never entered, though the history enters a state named
/// like the processor's first (`Reserve`).
#[test]
fn graph_warns_of_a_history_of_another_definition() {
    let scratch = Scratch::new("graph-other");
    let history = scratch.file("down.json");
    let down = run_booking("PaymentDown", &["--history", &history]);
    assert_eq!(down.status.code(), Some(1), "{}", transcript(&down));
    let chart = sfn(&["graph", "../order.asl.json", "--history", &history]);
    assert_eq!(chart.status.code(), Some(0), "{}", transcript(&chart));
    assert_eq!(
        String::from_utf8_lossy(&chart.stderr),
        format!(
            "sfn: warning: {history}: the history has states `Pay`, `Refund` that ../order.asl.json does not; they are not drawn (is it a history of another definition?)\n"
        )
    );
    let chart = String::from_utf8(chart.stdout).unwrap();
    assert!(
        chart.contains("    s7[\"Reserve<br/><small>Task, 1×</small>\"]\n"),
        "{chart}"
    );
    assert!(chart.contains("    s6 ==> s7\n"), "{chart}");
    assert!(!chart.contains("linkStyle"), "{chart}");
}

/// Every command that reads a file says the same of one that is not UTF-8 text: where its
/// first byte that is not is.
#[test]
fn every_command_locates_the_bytes_of_a_file_that_are_not_utf8() {
    let scratch = Scratch::new("not-utf8");
    std::fs::write(scratch.file("bin.json"), b"{\"\xff\"}").unwrap();
    std::fs::copy(
        common::fixtures("run").join("pass.asl.json"),
        scratch.file("ok.json"),
    )
    .unwrap();
    for args in [
        &["run", "bin.json"][..],
        &["run", "ok.json", "--input", "@bin.json"],
        &["run", "ok.json", "--mock-config", "bin.json"],
        &["test-state", "bin.json"],
        &[
            "test-state",
            "ok.json",
            "--state",
            "Double",
            "--input",
            "@bin.json",
        ],
        &["replay", "ok.json", "bin.json"],
        &["validate", "bin.json"],
        &["graph", "ok.json", "--history", "bin.json"],
    ] {
        let output = common::run_sfn(&scratch.0, args, b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            transcript(&output)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "sfn: cannot read bin.json: it is not UTF-8 text (line 1, column 3, byte 2)\n",
            "{args:?}"
        );
    }
}

#[test]
fn replay_matches_and_diverges() {
    insta::assert_snapshot!(
        "replay_match",
        transcript(&sfn(&["replay", "pass.asl.json", "pass.history.json"]))
    );
    insta::assert_snapshot!(
        "replay_diverge",
        transcript(&sfn(&[
            "replay",
            "pass-changed.asl.json",
            "pass.history.json"
        ]))
    );
}

#[test]
fn run_reads_item_reader_objects_from_an_s3_fixture_folder() {
    let output = sfn(&["run", "map-csv.asl.json", "--s3", "s3", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["status"], "SUCCEEDED");
    assert_eq!(last["output"], serde_json::json!(["A-1", "A-2"]));
}

#[test]
fn run_without_the_fixture_folder_fails_the_item_reader() {
    let output = sfn(&["run", "map-csv.asl.json", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["error"], "States.ItemReaderFailed");
    // The summary line's keys are fixed: the hint is the text report's.
    let keys: Vec<&str> = last
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["status", "output", "error", "cause", "states"]);
    assert!(!stdout.contains("hint"), "{stdout}");
}

/// As `sfn replay` does, the text report names the option that gives what the run lacked.
#[test]
fn run_without_the_fixture_folder_names_the_option() {
    let output = sfn(&["run", "map-csv.asl.json", "--unmocked", "echo"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("\nerror: States.ItemReaderFailed\n")
            && stdout.ends_with(
                "\nhint: give the objects its ItemReader reads with --s3 DIR (a folder per bucket, a file per object)\n"
            ),
        "{stdout}"
    );
}

#[test]
fn run_reports_a_missing_fixture_folder() {
    let output = sfn(&["run", "map-csv.asl.json", "--s3", "no-such-dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--s3 no-such-dir"),
        "{}",
        transcript(&output)
    );
}

/// `s3/people/damaged.parquet` is a valid file with one byte changed (offset 77 set to
/// 0x32), which makes the `parquet` crate's decoder panic (`bit_util.rs`); the run reports
/// it as the Map Run's failure, and nothing about a panic reaches standard error.
#[test]
fn run_reports_a_parquet_decoder_panic_as_the_item_readers_failure_only() {
    let output = sfn(&[
        "run",
        "map-parquet.asl.json",
        "--s3",
        "s3",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["error"], "States.ItemReaderFailed");
    assert!(
        last["cause"]
            .as_str()
            .is_some_and(|cause| cause
                .ends_with("the Parquet decoder stopped on malformed data in the file")),
        "{}",
        transcript(&output)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "{}",
        transcript(&output)
    );
}

/// Runs `sfn` in the `run` fixtures folder with `stdin` as standard input.
fn sfn_reading(args: &[&str], stdin: &[u8]) -> Output {
    common::run_sfn(&common::fixtures("run"), args, stdin)
}

/// `@-` reads the input from standard input and `--mock-config -` the mock configuration;
/// either gives the run it gives as an argument or a file. A mock configuration that does
/// not fit is told under the name of standard input.
#[test]
fn run_reads_its_input_or_mock_configuration_from_standard_input() {
    let expected = run_booking("HappyPath", &["--format", "json"]);
    assert_eq!(expected.status.code(), Some(0), "{}", transcript(&expected));
    let input = sfn_reading(
        &[
            "run",
            "booking.asl.json",
            "--input",
            "@-",
            "--mock-config",
            "booking.mocks.json",
            "--test-case",
            "HappyPath",
            "--format",
            "json",
        ],
        br#"{"trip": "T-1"}"#,
    );
    assert_eq!(transcript(&input), transcript(&expected));
    let mocks = std::fs::read(common::fixtures("run/booking.mocks.json")).unwrap();
    let mocked = sfn_reading(
        &[
            "run",
            "booking.asl.json",
            "--input",
            r#"{"trip": "T-1"}"#,
            "--mock-config",
            "-",
            "--test-case",
            "HappyPath",
            "--format",
            "json",
        ],
        &mocks,
    );
    assert_eq!(transcript(&mocked), transcript(&expected));

    let unknown = sfn_reading(
        &[
            "run",
            "booking.asl.json",
            "--mock-config",
            "-",
            "--test-case",
            "HappyPath",
        ],
        br#"{"StateMachines": {"other": {"TestCases": {}}}, "MockedResponses": {}}"#,
    );
    assert_exit(&unknown, 2, &unknown.stderr, "sfn: <stdin>: ");
    let not_json = sfn_reading(&["run", "pass.asl.json", "--input", "@-"], b"{\"n\":");
    assert_exit(
        &not_json,
        2,
        &not_json.stderr,
        "sfn: --input @-: standard input is not valid JSON: ",
    );
}

/// `--history -` writes the history to standard output (the report goes to standard
/// error), where `sfn replay FILE -` and `sfn graph FILE --history -` read it back.
#[test]
fn a_history_goes_through_standard_output_and_input() {
    let scratch = Scratch::new("history-stdio");
    let written = run_booking("PaymentDown", &["--history", &scratch.file("down.json")]);
    let printed = run_booking("PaymentDown", &["--history", "-"]);
    assert_eq!(printed.status.code(), Some(1), "{}", transcript(&printed));
    assert!(
        !common::fixtures("run").join("-").exists(),
        "no file named `-`"
    );
    let history = std::fs::read(scratch.file("down.json")).unwrap();
    assert_eq!(printed.stdout, history, "{}", transcript(&printed));
    assert_eq!(printed.stderr, written.stdout, "{}", transcript(&printed));

    let replayed = sfn_reading(&["replay", "booking.asl.json", "-"], &printed.stdout);
    assert_exit(
        &replayed,
        0,
        &replayed.stdout,
        "replay: the local run matches the recorded history\n",
    );
    let drawn = sfn_reading(
        &["graph", "booking.asl.json", "--history", "-"],
        &printed.stdout,
    );
    let from_file = sfn(&[
        "graph",
        "booking.asl.json",
        "--history",
        &scratch.file("down.json"),
    ]);
    assert_eq!(drawn.status.code(), Some(0), "{}", transcript(&drawn));
    assert_eq!(transcript(&drawn), transcript(&from_file));

    let broken = sfn_reading(&["replay", "booking.asl.json", "-"], b"[1");
    assert_exit(&broken, 2, &broken.stderr, "sfn: <stdin> is not valid JSON");
    let not_a_history = sfn_reading(&["graph", "booking.asl.json", "--history", "-"], b"{}");
    assert_exit(
        &not_a_history,
        2,
        &not_a_history.stderr,
        "sfn: <stdin>: not an execution history",
    );
}

/// `sfn replay` compares what each task sends: a history written by `sfn run`, replayed on
/// a definition whose Task sends other `Parameters`, diverges at that `TaskScheduled` and
/// shows both requests.
#[test]
fn replay_compares_what_tasks_send() {
    let scratch = Scratch::new("replay-request");
    let history = scratch.file("booking.json");
    let recorded = run_booking("HappyPath", &["--history", &history]);
    assert_eq!(recorded.status.code(), Some(0), "{}", transcript(&recorded));
    let booking = std::fs::read_to_string(common::fixtures("run/booking.asl.json")).unwrap();
    let changed = booking.replace(
        r#""Parameters": {"Payload.$": "$"}"#,
        r#""Parameters": {"Payload": {"id.$": "$.trip"}}"#,
    );
    assert_ne!(changed, booking);
    std::fs::write(scratch.file("changed.asl.json"), changed).unwrap();
    let replayed = sfn(&["replay", &scratch.file("changed.asl.json"), &history]);
    assert_exit(
        &replayed,
        1,
        &replayed.stdout,
        "replay: the local run diverges at\n  recorded #3 TaskScheduled resourceType=lambda resource=invoke region=us-east-1 parameters={\"Payload\":{\"trip\":\"T-1\"}}\n   local #3 TaskScheduled resourceType=lambda resource=invoke region=us-east-1 parameters={\"Payload\":{\"id\":\"T-1\"}}\n",
    );
}

/// A history holds no S3 objects: `sfn replay` reads a Distributed Map's `ItemReader`
/// objects from `--s3`, as `sfn run` does. Without them the local run fails, and the report
/// says so next to the divergence (not only that `MapRunSucceeded` has no counterpart).
#[test]
fn replay_reads_item_reader_objects_from_s3_as_run_does() {
    let scratch = Scratch::new("replay-s3");
    let history = scratch.file("map-csv.json");
    let recorded = sfn(&[
        "run",
        "map-csv.asl.json",
        "--s3",
        "s3",
        "--history",
        &history,
    ]);
    assert_eq!(recorded.status.code(), Some(0), "{}", transcript(&recorded));

    let replayed = sfn(&["replay", "map-csv.asl.json", &history, "--s3", "s3"]);
    assert_exit(
        &replayed,
        0,
        &replayed.stdout,
        "replay: the local run matches the recorded history\n",
    );
    insta::assert_snapshot!(
        "replay_without_item_reader_objects",
        transcript(&sfn(&["replay", "map-csv.asl.json", &history]))
    );
}

/// A parent history holds none of a Distributed Map's child workflows' events, so no
/// result of their Task states: `sfn replay` takes the mock options of `sfn run` for them
/// (the recorded results of the parent's own tasks still come first), and without them
/// says which Task states went unanswered.
#[test]
fn replay_answers_child_workflow_tasks_with_the_mock_options() {
    let scratch = Scratch::new("replay-child-tasks");
    let history = scratch.file("map-tasks.json");
    let input = r#"{"orders": [{"id": 1}, {"id": 2}]}"#;
    let mocks = ["--mock-config", "map-tasks.mocks.json"];
    let recorded = sfn(&[
        &[
            "run",
            "map-tasks.asl.json",
            "--input",
            input,
            "--history",
            &history,
        ],
        &mocks[..],
    ]
    .concat());
    assert_exit(
        &recorded,
        0,
        &recorded.stdout,
        r#"output: [{"total":12},{"total":12}]"#,
    );

    let mocked = sfn(&[&["replay", "map-tasks.asl.json", &history], &mocks[..]].concat());
    assert_exit(
        &mocked,
        0,
        &mocked.stdout,
        "replay: the local run matches the recorded history\n",
    );
    insta::assert_snapshot!(
        "replay_without_child_task_mocks",
        transcript(&sfn(&["replay", "map-tasks.asl.json", &history]))
    );
    // The JSON report carries the same explanation.
    let json = sfn(&["replay", "map-tasks.asl.json", &history, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1), "{}", transcript(&json));
    let stdout = String::from_utf8(json.stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["failure"]["state"], "EachOrder");
    assert_eq!(
        last["failure"]["error"],
        "States.ExceedToleratedFailureThreshold"
    );
    assert!(
        last["failure"]["missing"]
            .as_str()
            .is_some_and(|missing| missing.contains("Task state `Price` has no mock")),
        "{last}"
    );
    assert!(
        last["failure"]["hint"]
            .as_str()
            .is_some_and(|hint| hint.contains("--mock-config")),
        "{last}"
    );

    // `--unmocked echo` answers them too, with their input, which the `ResultSelector`
    // finds no `Payload` in: the report names the failure, and no missing mock.
    let echoed = sfn(&[
        "replay",
        "map-tasks.asl.json",
        &history,
        "--unmocked",
        "echo",
    ]);
    assert_exit(
        &echoed,
        1,
        &echoed.stdout,
        "  the local run failed in `EachOrder` with States.ExceedToleratedFailureThreshold",
    );
    assert!(
        !String::from_utf8_lossy(&echoed.stdout).contains("no mock"),
        "{}",
        transcript(&echoed)
    );

    // Standard input can be read once: by the history or by the mock configuration.
    let both = sfn_reading(
        &["replay", "map-tasks.asl.json", "-", "--mock-config", "-"],
        b"{}",
    );
    assert_exit(
        &both,
        2,
        &both.stderr,
        "HISTORY `-` and `--mock-config -` both read standard input",
    );
}

/// The mock options of `sfn replay` answer only what the history has no result for: a run
/// recorded with one test case replays with another's mocks given, its own results first.
#[test]
fn replay_prefers_recorded_results_to_the_mock_options() {
    let scratch = Scratch::new("replay-recorded-first");
    let history = scratch.file("happy.json");
    let recorded = run_booking("HappyPath", &["--history", &history]);
    assert_eq!(recorded.status.code(), Some(0), "{}", transcript(&recorded));
    let replayed = sfn(&[
        "replay",
        "booking.asl.json",
        &history,
        "--mock-config",
        "booking.mocks.json",
        "--test-case",
        "PaymentDown",
    ]);
    assert_exit(
        &replayed,
        0,
        &replayed.stdout,
        "replay: the local run matches the recorded history\n",
    );
}

/// `--start-time` sets when the run starts: the context object shows it, and a Wait
/// `Timestamp` is measured from it (from the default start, 2024-01-01, a Wait until
/// mid-2025 outlasts a Standard execution's year).
#[test]
fn run_starts_at_the_start_time_given() {
    let scratch = Scratch::new("start-time");
    let definition = scratch.file("wait.asl.json");
    std::fs::write(
        &definition,
        r#"{"StartAt": "Hold", "States": {
            "Hold": {"Type": "Wait", "Timestamp": "2025-06-01T00:00:10Z", "Next": "Stamp"},
            "Stamp": {"Type": "Pass", "Parameters": {"started.$": "$$.Execution.StartTime"}, "End": true}}}"#,
    )
    .unwrap();
    let started = sfn(&[
        "run",
        &definition,
        "--start-time",
        "2025-06-01T00:00:00Z",
        "--format",
        "json",
    ]);
    assert_exit(
        &started,
        0,
        &started.stdout,
        r#"{"status":"SUCCEEDED","output":{"started":"2025-06-01T00:00:00Z"},"error":null,"cause":null,"states":["Hold","Stamp"]}"#,
    );
    let by_default = sfn(&["run", &definition, "--format", "json"]);
    assert_exit(
        &by_default,
        1,
        &by_default.stdout,
        r#""status":"TIMED_OUT""#,
    );
    let unreadable = sfn(&["run", &definition, "--start-time", "June"]);
    assert_exit(
        &unreadable,
        2,
        &unreadable.stderr,
        "`June` is not an RFC 3339 timestamp (such as 2025-06-01T00:00:00Z)",
    );
}

/// AWS (Jackson) reads the integer `-0` as 0 and `-0.0` as the double -0.0, in the
/// definition, the input (given, or read from standard input) and the mocked results alike.
#[test]
fn run_reads_an_integer_minus_zero_as_zero() {
    let expected = serde_json::json!({
        "integer": 0, "float": -0.0,
        "literal": {"integer": 0, "float": -0.0},
        "mocked": {"integer": 0, "float": -0.0}
    });
    let input = r#"{"integer": -0, "float": -0.0}"#;
    for (argument, stdin) in [(input, ""), ("@-", input)] {
        let output = sfn_reading(
            &[
                "run",
                "minus-zero.asl.json",
                "--input",
                argument,
                "--mock-config",
                "minus-zero.mocks.json",
                "--test-case",
                "Zeros",
                "--format",
                "json",
            ],
            stdin.as_bytes(),
        );
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let last = stdout.lines().last().unwrap();
        // Compared as text: `0` and `-0.0` are equal as numbers.
        let summary: serde_json::Value = serde_json::from_str(last).unwrap();
        assert_eq!(
            summary["output"].to_string(),
            expected.to_string(),
            "{last}"
        );
    }
}
