//! Tests of `build()`: every check, with its exact kind and pointer.

use serde_json::json;

use crate::error::BuildIssueKind;
use crate::graph::GraphIssueKind;
use crate::prelude::*;

fn issues(
    builder: StateMachineBuilder<crate::builder::marker::Present>,
) -> Vec<(BuildIssueKind, String)> {
    builder
        .build()
        .expect_err("the machine should not build")
        .issues()
        .iter()
        .map(|issue| (issue.kind, issue.pointer.clone()))
        .collect()
}

fn one(kind: BuildIssueKind, pointer: &str) -> Vec<(BuildIssueKind, String)> {
    vec![(kind, pointer.to_owned())]
}

#[test]
fn fields_of_the_other_query_language_are_reported() {
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(
                TaskState::lambda_invoke("Work", "f")
                    .result_path("$.x")
                    .catch(
                        Catcher::builder([ErrorName::All]).result_path("$.e"),
                        SucceedState::builder("Done"),
                    ),
            ),
    );
    assert_eq!(
        found,
        [
            (
                BuildIssueKind::QueryLanguageMismatch,
                "/States/Work/ResultPath".to_owned()
            ),
            (
                BuildIssueKind::QueryLanguageMismatch,
                "/States/Work/Catch/0/ResultPath".to_owned()
            ),
        ]
    );
    let found =
        issues(StateMachine::builder().start(PassState::builder("P").output(json!({"a": 1}))));
    assert_eq!(
        found,
        one(BuildIssueKind::QueryLanguageMismatch, "/States/P/Output")
    );
}

#[test]
fn a_state_can_override_the_machine_language() {
    let machine = StateMachine::builder()
        .start(
            PassState::builder("P")
                .query_language(QueryLanguage::Jsonata)
                .output(json!("{% 1 %}")),
        )
        .build()
        .expect("builds");
    assert_eq!(
        machine.to_value()["States"]["P"]["Output"],
        json!("{% 1 %}")
    );
}

#[test]
fn language_specific_args_are_checked_where_they_are_written() {
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(TaskState::call(
                "Work",
                lambda::Invoke::function("f").payload(Arg::path("$.order")),
            )),
    );
    assert_eq!(
        found,
        one(
            BuildIssueKind::QueryLanguageMismatch,
            "/States/Work/Arguments/Payload"
        )
    );
    let found = issues(
        StateMachine::builder().start(PassState::builder("P").assign("x", Arg::jsonata("1"))),
    );
    assert_eq!(
        found,
        one(BuildIssueKind::QueryLanguageMismatch, "/States/P/Assign/x")
    );
}

/// Where each state reads the input, the result or the error output: the machine of
/// `language` with a Task, a catcher, a Wait and a Pass assigning `arg`.
fn assigning(
    language: QueryLanguage,
    arg: &Arg,
) -> StateMachineBuilder<crate::builder::marker::Present> {
    StateMachine::builder().query_language(language).start(
        TaskState::lambda_invoke("Task", "f")
            .assign("v", arg.clone())
            .catch(
                Catcher::builder([ErrorName::All]).assign("v", arg.clone()),
                FailState::builder("Failed"),
            )
            .next(
                WaitState::builder("Wait")
                    .seconds(1)
                    .assign("v", arg.clone()),
            )
            .next(PassState::builder("Pass").assign("v", arg.clone()))
            .next(
                match language {
                    QueryLanguage::JsonPath => PassState::builder("Shaped").result(json!({"a": 1})),
                    QueryLanguage::Jsonata => PassState::builder("Shaped").output(json!({"a": 1})),
                }
                .assign("v", arg.clone()),
            ),
    )
}

#[test]
fn values_are_read_only_where_their_field_can_see_them() {
    let unreadable = |language, arg: Arg| -> Vec<String> {
        match assigning(language, &arg).build() {
            Ok(_) => Vec::new(),
            Err(error) => error
                .issues()
                .iter()
                .map(|issue| {
                    assert_eq!(issue.kind, BuildIssueKind::UnreadableValue, "{issue:?}");
                    issue.pointer.clone()
                })
                .collect(),
        }
    };
    let (jsonpath, jsonata) = (QueryLanguage::JsonPath, QueryLanguage::Jsonata);
    // In JSONPath `$` is the result in a Task's (or a Pass with `Result`'s) `Assign`, and
    // the error output in a catcher's: the input cannot be read there.
    assert_eq!(
        unreadable(jsonpath, Arg::input_field("id")),
        [
            "/States/Task/Assign/v",
            "/States/Task/Catch/0/Assign/v",
            "/States/Shaped/Assign/v"
        ]
    );
    assert_eq!(unreadable(jsonpath, Arg::input()).len(), 3);
    assert!(unreadable(jsonata, Arg::input_field("id")).is_empty());
    // The result exists in a Task's `Assign` (and a JSONPath Pass with `Result`), nowhere else.
    assert_eq!(
        unreadable(jsonpath, Arg::result_field("total")),
        [
            "/States/Task/Catch/0/Assign/v",
            "/States/Wait/Assign/v",
            "/States/Pass/Assign/v"
        ]
    );
    assert_eq!(
        unreadable(jsonata, Arg::result()),
        [
            "/States/Task/Catch/0/Assign/v",
            "/States/Wait/Assign/v",
            "/States/Pass/Assign/v",
            "/States/Shaped/Assign/v"
        ]
    );
    // The error output only in a catcher's.
    assert_eq!(
        unreadable(jsonpath, Arg::error_output_field("Cause")).len(),
        4
    );
    // Nested in an object, the same.
    let nested = Arg::object(Request::new().field("id", Arg::input_field("id")));
    assert_eq!(unreadable(jsonpath, nested).len(), 3);
    // Requests read the input; a result there is refused.
    let found = issues(StateMachine::builder().start(TaskState::call(
        "Work",
        lambda::Invoke::function("f").payload(Arg::result_field("x")),
    )));
    assert_eq!(
        found,
        one(
            BuildIssueKind::UnreadableValue,
            "/States/Work/Parameters/Payload"
        )
    );
}

#[test]
fn result_and_error_output_are_written_per_language() {
    let machine = |language| {
        StateMachine::builder()
            .query_language(language)
            .start(
                TaskState::lambda_invoke("Task", "f")
                    .assign("receipt", Arg::result_field("Payload.receipt"))
                    .assign("all", Arg::result())
                    .catch(
                        Catcher::builder([ErrorName::All])
                            .assign("cause", Arg::error_output_field("Cause"))
                            .assign("error", Arg::error_output()),
                        FailState::builder("Failed"),
                    ),
            )
            .build()
            .expect("builds")
            .to_value()["States"]["Task"]
            .clone()
    };
    let jsonpath = machine(QueryLanguage::JsonPath);
    assert_eq!(
        jsonpath["Assign"],
        json!({"receipt.$": "$.Payload.receipt", "all.$": "$"})
    );
    assert_eq!(
        jsonpath["Catch"][0]["Assign"],
        json!({"cause.$": "$.Cause", "error.$": "$"})
    );
    let jsonata = machine(QueryLanguage::Jsonata);
    assert_eq!(
        jsonata["Assign"],
        json!({"receipt": "{% $states.result.Payload.receipt %}", "all": "{% $states.result %}"})
    );
    assert_eq!(
        jsonata["Catch"][0]["Assign"],
        json!({"cause": "{% $states.errorOutput.Cause %}", "error": "{% $states.errorOutput %}"})
    );
}

#[test]
fn field_paths_are_quoted_and_leading_roots_dropped() {
    let arguments = |language, arg: Arg| {
        StateMachine::builder()
            .query_language(language)
            .start(TaskState::call(
                "Work",
                lambda::Invoke::function("f").payload(arg),
            ))
            .build()
            .expect("builds")
            .to_value()["States"]["Work"]
            .clone()
    };
    let (jsonpath, jsonata) = (QueryLanguage::JsonPath, QueryLanguage::Jsonata);
    assert_eq!(
        arguments(jsonpath, Arg::input_field("$.line.unit price"))["Parameters"]["Payload.$"],
        "$.line['unit price']"
    );
    assert_eq!(
        arguments(jsonata, Arg::input_field("order-id"))["Arguments"]["Payload"],
        "{% $states.input.`order-id` %}"
    );
    assert_eq!(
        arguments(jsonpath, Arg::context("$$.Execution.Id"))["Parameters"]["Payload.$"],
        "$$.Execution.Id"
    );
    assert_eq!(
        arguments(jsonata, Arg::var("$total"))["Arguments"]["Payload"],
        "{% $total %}"
    );
    assert_eq!(Arg::input_field("$"), Arg::input());
}

#[test]
fn an_integration_request_and_a_hand_written_payload_conflict() {
    let found = issues(
        StateMachine::builder()
            .start(TaskState::lambda_invoke("Work", "f").parameters(json!({"FunctionName": "g"}))),
    );
    assert_eq!(
        found,
        one(BuildIssueKind::ConflictingFields, "/States/Work/Parameters")
    );
}

#[test]
fn map_exclusive_and_distributed_only_fields() {
    let found = issues(
        StateMachine::builder().start(
            MapState::builder("M")
                .item_selector(json!({}))
                .parameters(json!({}))
                .item_reader(ItemReader::s3_object("b", "k"))
                .label("run")
                .item_processor(PassState::builder("Item")),
        ),
    );
    assert_eq!(
        found,
        [
            (
                BuildIssueKind::ConflictingFields,
                "/States/M/Parameters".to_owned()
            ),
            (
                BuildIssueKind::ConflictingFields,
                "/States/M/ItemReader".to_owned()
            ),
            (
                BuildIssueKind::ConflictingFields,
                "/States/M/Label".to_owned()
            ),
        ]
    );
}

#[test]
fn empty_batchers_and_non_finite_numbers_are_invalid() {
    let found = issues(
        StateMachine::builder().start(
            MapState::builder("M")
                .distributed(ExecutionType::Standard)
                .item_batcher(ItemBatcher::builder())
                .tolerated_failure_percentage(f64::NAN)
                .retry(Retrier::builder([ErrorName::TaskFailed]).backoff_rate(f64::INFINITY))
                .item_processor(PassState::builder("Item")),
        ),
    );
    assert_eq!(
        found,
        [
            (
                BuildIssueKind::InvalidValue,
                "/States/M/ItemBatcher".to_owned()
            ),
            (
                BuildIssueKind::InvalidValue,
                "/States/M/ToleratedFailurePercentage".to_owned()
            ),
            (
                BuildIssueKind::InvalidValue,
                "/States/M/Retry/0/BackoffRate".to_owned()
            ),
        ]
    );
    let found = issues(
        StateMachine::builder().start(
            ChoiceState::builder("C")
                .when(
                    Rule::numeric_equals("$.x", f64::NAN),
                    SucceedState::builder("S"),
                )
                .otherwise(SucceedState::builder("T")),
        ),
    );
    assert_eq!(
        found,
        one(BuildIssueKind::InvalidValue, "/States/C/Choices/0")
    );
}

#[test]
fn non_finite_floats_in_requests_and_assignments_are_invalid() {
    // Every such field is reported, in both query languages, each at its own key; the
    // finite fields beside them are written as usual.
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let found = issues(
            StateMachine::builder().query_language(language).start(
                TaskState::call(
                    "T",
                    sdk::AwsSdk::new("cloudwatch", "putMetricData")
                        .field("Namespace", "Shop")
                        .field("Weight", f64::NEG_INFINITY)
                        .field(
                            "MetricData",
                            Arg::array([Arg::object(
                                Request::new()
                                    .field("MetricName", "Ratio")
                                    .field("Value", f64::NAN),
                            )]),
                        ),
                )
                .assign("ratio", f64::INFINITY)
                .assign("half", 0.5),
            ),
        );
        let request = match language {
            QueryLanguage::JsonPath => "Parameters",
            QueryLanguage::Jsonata => "Arguments",
        };
        assert_eq!(
            found,
            [
                (
                    BuildIssueKind::InvalidValue,
                    format!("/States/T/{request}/Weight")
                ),
                (
                    BuildIssueKind::InvalidValue,
                    format!("/States/T/{request}/MetricData")
                ),
                (
                    BuildIssueKind::InvalidValue,
                    "/States/T/Assign/ratio".to_owned()
                ),
            ],
            "{language}"
        );
    }
    let error = StateMachine::builder()
        .start(PassState::builder("P").assign("ratio", f64::NAN))
        .build()
        .expect_err("NaN is not JSON");
    let issue = &error.issues()[0];
    assert_eq!(
        issue.message,
        "`ratio` of state `P` holds NaN, which JSON cannot represent"
    );
    assert_eq!(
        issue.hint.as_deref(),
        Some("use a finite number, or leave the field out")
    );
}

#[test]
fn error_equals_rules() {
    let found = issues(
        StateMachine::builder().start(
            TaskState::lambda_invoke("T", "f")
                .retry(ErrorName::All)
                .retry(Retrier::builder(Vec::<ErrorName>::new()))
                .catch(
                    [ErrorName::All, ErrorName::Timeout],
                    SucceedState::builder("S"),
                ),
        ),
    );
    assert_eq!(
        found,
        [
            (
                BuildIssueKind::InvalidValue,
                "/States/T/Retry/0/ErrorEquals".to_owned()
            ),
            (
                BuildIssueKind::InvalidValue,
                "/States/T/Retry/1/ErrorEquals".to_owned()
            ),
            (
                BuildIssueKind::InvalidValue,
                "/States/T/Catch/0/ErrorEquals".to_owned()
            ),
        ]
    );
}

#[test]
fn heartbeat_must_be_shorter_than_the_timeout() {
    let found = issues(
        StateMachine::builder().start(
            TaskState::lambda_invoke("T", "f")
                .timeout_seconds(60)
                .heartbeat_seconds(60),
        ),
    );
    assert_eq!(
        found,
        one(BuildIssueKind::InvalidValue, "/States/T/HeartbeatSeconds")
    );
}

#[test]
fn continuing_rules_with_nothing_after_them_dangle() {
    let error = StateMachine::builder()
        .start(
            ChoiceState::builder("C")
                .when(Rule::is_present("$.x", true), Chain::new())
                .otherwise_continue(),
        )
        .build()
        .expect_err("dangling");
    let found: Vec<_> = error
        .issues()
        .iter()
        .map(|issue| (issue.kind, issue.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                BuildIssueKind::DanglingTransition,
                "/States/C/Choices/0/Next"
            ),
            (BuildIssueKind::DanglingTransition, "/States/C/Default"),
        ]
    );
    assert_eq!(
        error.issues()[0].state.as_ref().map(StateName::as_str),
        Some("C")
    );
}

#[test]
fn empty_lists_are_reported_once() {
    let found = issues(StateMachine::builder().start(Chain::new()));
    assert_eq!(found, one(BuildIssueKind::EmptyStateList, ""));
    let found =
        issues(StateMachine::builder().start(ParallelState::builder("P").branch(Chain::new())));
    assert_eq!(
        found,
        one(BuildIssueKind::EmptyStateList, "/States/P/Branches/0")
    );
}

#[test]
fn unknown_jumps_get_a_suggestion() {
    let error = StateMachine::builder()
        .start(
            PassState::builder("Check").next(PassState::builder("Again").next(Chain::goto("Chek"))),
        )
        .build()
        .expect_err("unknown target");
    // Even read as `Check`, the jump loops back forever: the missing end is reported too.
    let [no_end, issue] = error.issues() else {
        panic!("two problems: {error}")
    };
    assert_eq!(
        no_end.kind,
        BuildIssueKind::Graph(GraphIssueKind::NoReachableTerminal)
    );
    assert_eq!(no_end.pointer, "/StartAt");
    assert_eq!(
        issue.kind,
        BuildIssueKind::Graph(GraphIssueKind::UnknownTarget)
    );
    assert_eq!(issue.pointer, "/States/Again/Next");
    assert_eq!(issue.hint.as_deref(), Some("did you mean `Check`?"));
    assert!(
        error
            .to_string()
            .starts_with("cannot build the state machine: 2 problems\n  at /StartAt: "),
        "{error}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(
                PassState::builder("A")
                    .result_path("$.a")
                    .next(TaskState::lambda_invoke("B", "f").timeout_seconds(Dynamic::path("$.t")))
                    .next(Chain::goto("Nowhere")),
            ),
    );
    assert_eq!(
        found,
        [
            (
                BuildIssueKind::QueryLanguageMismatch,
                "/States/A/ResultPath".to_owned()
            ),
            (
                BuildIssueKind::QueryLanguageMismatch,
                "/States/B/TimeoutSecondsPath".to_owned()
            ),
            (
                BuildIssueKind::Graph(GraphIssueKind::UnknownTarget),
                "/States/B/Next".to_owned()
            ),
        ]
    );
}

#[test]
fn catch_handlers_follow_the_main_path_and_empty_handlers_continue() {
    let machine = StateMachine::builder()
        .start(
            TaskState::lambda_invoke("Try", "f")
                .catch(ErrorName::Timeout, Chain::new())
                .catch(
                    Catcher::builder([ErrorName::All]).assign("failure", Arg::error_output()),
                    FailState::builder("Failed"),
                )
                .next(SucceedState::builder("Done")),
        )
        .build()
        .expect("builds");
    assert_eq!(
        machine
            .states
            .names()
            .map(StateName::as_str)
            .collect::<Vec<_>>(),
        ["Try", "Done", "Failed"]
    );
    assert_eq!(
        machine.to_value()["States"]["Try"]["Catch"],
        json!([
            {"ErrorEquals": ["States.Timeout"], "Next": "Done"},
            {"ErrorEquals": ["States.ALL"], "Assign": {"failure.$": "$"}, "Next": "Failed"}
        ])
    );
}

#[test]
fn names_stay_unique_across_nested_lists() {
    let step = || PassState::builder("Step");
    let machine = StateMachine::builder()
        .start(
            step()
                .next(ParallelState::builder("Fan").branch(step()).branch(step()))
                .next(MapState::builder("Each").item_processor(step()))
                .next(step()),
        )
        .build()
        .expect("builds");
    let names: Vec<&str> = machine
        .all_states()
        .into_iter()
        .map(|(name, _)| name.as_str())
        .collect();
    // Numbers follow the order of composition: the branches were composed with each other
    // before the Parallel state joined the outer chain.
    assert_eq!(
        names,
        [
            "Step", "Fan", "Step #3", "Step #2", "Each", "Step #4", "Step #5"
        ]
    );
}

#[test]
fn end_closes_a_state_inside_a_chain() {
    let machine = StateMachine::builder()
        .start(
            ChoiceState::builder("C")
                .when(
                    Rule::boolean_equals("$.stop", true),
                    PassState::builder("Stop").end(),
                )
                .otherwise(PassState::builder("Go"))
                .next(SucceedState::builder("After")),
        )
        .build()
        .expect("builds");
    let states = machine.to_value()["States"].clone();
    assert_eq!(states["Stop"], json!({"Type": "Pass", "End": true}));
    assert_eq!(states["Go"], json!({"Type": "Pass", "Next": "After"}));
}

#[test]
fn values_aws_refuses_are_reported_by_build() {
    let found = issues(
        StateMachine::builder()
            .version("2.0")
            .timeout_seconds(Dynamic::path("$.t"))
            .start(
                TaskState::lambda_invoke("Task", "f")
                    .timeout_seconds(0)
                    .heartbeat_seconds(100_000_000)
                    .retry(
                        Retrier::builder([ErrorName::All])
                            .backoff_rate(0.5)
                            .interval_seconds(0)
                            .max_attempts(1_000_000_000)
                            .max_delay_seconds(40_000_000),
                    )
                    .assign("bad name", 1)
                    .assign("states", 2)
                    .next(WaitState::builder("Wait").seconds(100_000_000)),
            ),
    );
    let pointers: Vec<&str> = found.iter().map(|(_, pointer)| pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/States/Task/Retry/0/BackoffRate",
            "/States/Task/Retry/0/IntervalSeconds",
            "/States/Task/Retry/0/MaxAttempts",
            "/States/Task/Retry/0/MaxDelaySeconds",
            "/States/Task/TimeoutSeconds",
            "/States/Task/HeartbeatSeconds",
            // … and not below the timeout.
            "/States/Task/HeartbeatSeconds",
            "/States/Task/Assign/bad name",
            "/States/Task/Assign/states",
            "/States/Wait/Seconds",
            "/Version",
            "/TimeoutSeconds",
        ]
    );
    assert!(
        found
            .iter()
            .all(|(kind, _)| *kind == BuildIssueKind::InvalidValue)
    );
    // The limits themselves are accepted.
    StateMachine::builder()
        .timeout_seconds(99_999_999)
        .start(
            TaskState::lambda_invoke("Task", "f")
                .timeout_seconds(99_999_999)
                .retry(
                    Retrier::builder([ErrorName::All])
                        .backoff_rate(1)
                        .interval_seconds(1)
                        .max_attempts(0)
                        .max_delay_seconds(31_622_400),
                ),
        )
        .build()
        .expect("builds");
}

#[test]
fn the_last_item_reader_format_wins_whole() {
    let reader = |reader: ItemReaderBuilder| {
        StateMachine::builder()
            .start(
                MapState::builder("Each")
                    .distributed(ExecutionType::Standard)
                    .item_reader(reader)
                    .item_processor(PassState::builder("Item")),
            )
            .build()
            .expect("builds")
            .to_value()["States"]["Each"]["ItemReader"]["ReaderConfig"]
            .clone()
    };
    assert_eq!(
        reader(
            ItemReader::s3_object("b", "k")
                .csv_headers(["a"])
                .csv_delimiter(CsvDelimiter::Tab)
                .json()
        ),
        json!({"InputType": "JSON"})
    );
    assert_eq!(
        reader(
            ItemReader::s3_object("b", "k")
                .json_items_at("/items")
                .csv()
        ),
        json!({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})
    );
}

#[test]
fn wait_durations_from_args_are_written_per_query_language() {
    let wait = |language: QueryLanguage,
                state: WaitStateBuilder<crate::builder::marker::Present>| {
        let machine = StateMachine::builder()
            .query_language(language)
            .start(state)
            .build()
            .expect("builds");
        machine.to_value()["States"]["W"].clone()
    };
    let json_path = QueryLanguage::JsonPath;
    let jsonata = QueryLanguage::Jsonata;
    let w = || WaitState::builder("W");
    assert_eq!(
        wait(json_path, w().seconds_from(Arg::input_field("delay"))),
        json!({"Type": "Wait", "SecondsPath": "$.delay", "End": true})
    );
    assert_eq!(
        wait(jsonata, w().seconds_from(Arg::input_field("delay"))),
        json!({"Type": "Wait", "Seconds": "{% $states.input.delay %}", "End": true})
    );
    assert_eq!(
        wait(json_path, w().seconds_from(Arg::var("backoff")))["SecondsPath"],
        "$backoff"
    );
    assert_eq!(wait(json_path, w().seconds_from(30))["Seconds"], 30);
    assert_eq!(wait(jsonata, w().seconds_from(30))["Seconds"], 30);
    assert_eq!(
        wait(
            json_path,
            w().timestamp_from(Arg::context("Execution.StartTime"))
        )["TimestampPath"],
        "$$.Execution.StartTime"
    );
    assert_eq!(
        wait(jsonata, w().timestamp_from("2030-01-01T00:00:00Z"))["Timestamp"],
        "2030-01-01T00:00:00Z"
    );
    assert_eq!(
        wait(jsonata, w().timestamp_from(Arg::jsonata("$now()")))["Timestamp"],
        "{% $now() %}"
    );
    // A duration set later replaces one still to be written, and the other way round.
    assert_eq!(
        wait(
            json_path,
            w().seconds_from(Arg::input_field("delay")).seconds(5)
        ),
        json!({"Type": "Wait", "Seconds": 5, "End": true})
    );
    assert_eq!(
        wait(
            json_path,
            w().seconds(5).timestamp_from(Arg::input_field("at"))
        )["TimestampPath"],
        "$.at"
    );
}

#[test]
fn wait_durations_that_cannot_be_written_are_reported() {
    let build = |state: WaitStateBuilder<crate::builder::marker::Present>| {
        issues(StateMachine::builder().start(state))
    };
    let w = || WaitState::builder("W");
    assert_eq!(
        build(w().seconds_from(Arg::intrinsic("States.MathAdd($.a, 1)"))),
        one(BuildIssueKind::InvalidValue, "/States/W/Seconds")
    );
    assert_eq!(
        build(w().seconds_from(-1)),
        one(BuildIssueKind::InvalidValue, "/States/W/Seconds")
    );
    assert_eq!(
        build(w().seconds_from("soon")),
        one(BuildIssueKind::InvalidValue, "/States/W/Seconds")
    );
    assert_eq!(
        build(w().timestamp_from(12)),
        one(BuildIssueKind::InvalidValue, "/States/W/Timestamp")
    );
    // A Wait has no result to read.
    assert_eq!(
        build(w().seconds_from(Arg::result_field("delay"))),
        one(BuildIssueKind::UnreadableValue, "/States/W/Seconds")
    );
    let error = StateMachine::builder()
        .start(w().seconds_from(Arg::intrinsic("States.MathAdd($.a, 1)")))
        .build()
        .expect_err("refused");
    assert!(
        error.to_string().contains(
            "the duration of Wait state `W` cannot be an intrinsic function: `SecondsPath` and `TimestampPath` take a path"
        ),
        "{error}"
    );
}
