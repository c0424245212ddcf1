//! Workflow patterns: a named snapshot of each, and the behaviour each promises.

use serde_json::{Value, json};
use sfn_dsl::patterns::{
    DistributedEtl, FanOut, HumanApproval, Merge, Polling, Reminders, Saga, timers,
};
use sfn_dsl::prelude::*;

mod saga_unwinding;

fn build(chain: impl Into<Chain>) -> StateMachine {
    StateMachine::builder()
        .start(chain)
        .build()
        .expect("the machine builds")
}

fn states(machine: &StateMachine) -> Value {
    machine.to_value()["States"].clone()
}

fn step(number: usize) -> TaskStateBuilder<sfn_dsl::builder::marker::Present> {
    TaskState::lambda_invoke(format!("Step {number}"), format!("step-{number}"))
        .result_path(format!("$.step{number}").as_str())
}

fn undo(number: usize) -> TaskStateBuilder<sfn_dsl::builder::marker::Present> {
    TaskState::lambda_invoke(format!("Undo {number}"), format!("undo-{number}"))
}

fn saga(steps: usize) -> Saga {
    (1..=steps).fold(Saga::new(), |saga, number| {
        saga.step(step(number), undo(number))
    })
}

#[test]
fn saga_snapshot() {
    insta::assert_json_snapshot!("saga", build(saga(3)));
}

#[test]
fn saga_unwinds_in_reverse_along_one_chain() {
    let machine = build(saga(5));
    let states = states(&machine);
    for failing in 1..=5_usize {
        let catcher = &states[format!("Step {failing}")]["Catch"][0];
        assert_eq!(catcher["ErrorEquals"], json!(["States.ALL"]));
        assert_eq!(catcher["ResultPath"], "$.error");
        // Follow the unwind chain from the failing step's catcher to the end.
        let mut visited = Vec::new();
        let mut current = catcher["Next"].as_str().expect("catch target").to_owned();
        while states[&current]["Type"] != "Fail" {
            visited.push(current.clone());
            current = states[&current]["Next"].as_str().expect("next").to_owned();
        }
        // The compensations, then the Pass state that defaults a missing cause.
        let expected: Vec<String> = (1..failing)
            .rev()
            .map(|number| format!("Undo {number}"))
            .chain(["Saga failed: cause".to_owned()])
            .collect();
        assert_eq!(visited, expected, "failure at step {failing}");
        assert_eq!(current, "Saga failed");
    }
    // One shared chain: each compensation exists once; the last step's is never needed.
    let undos = machine
        .states
        .names()
        .filter(|name| name.as_str().starts_with("Undo"))
        .count();
    assert_eq!(undos, 4);
    for number in 1..5 {
        let compensation = &states[format!("Undo {number}")];
        assert_eq!(compensation["ResultPath"], Value::Null);
        assert!(
            compensation
                .as_object()
                .expect("state")
                .contains_key("ResultPath")
        );
        assert_eq!(
            compensation["Retry"][0]["ErrorEquals"],
            json!(["States.ALL"])
        );
        assert_eq!(compensation["Retry"][0]["MaxAttempts"], 3);
    }
    assert_eq!(
        states["Saga failed"],
        json!({"Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "$.error.Cause"})
    );
    assert_eq!(
        states["Saga failed: cause"]["Parameters"],
        json!({"error.$": "States.JsonMerge(States.StringToJson('\\{\"Cause\": \"\"\\}'), $.error, false)"})
    );
}

#[test]
fn saga_in_jsonata_with_a_chosen_end() {
    let saga = (1..=2)
        .fold(Saga::new(), |saga, number| {
            saga.step(
                TaskState::lambda_invoke(format!("Step {number}"), format!("step-{number}"))
                    .output(json!(format!("{{% $merge([$states.input, {{\"step{number}\": $states.result.Payload}}]) %}}"))),
                undo(number),
            )
        })
        .query_language(QueryLanguage::Jsonata)
        .error_field("failure")
        .compensation_retry(Retrier::builder([ErrorName::All]).max_attempts(5))
        .on_compensated(PassState::builder("Report").output(json!("{% $states.input.failure %}")));
    let machine = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(saga)
        .build()
        .expect("builds");
    insta::assert_json_snapshot!("saga_jsonata", machine);
    let states = states(&machine);
    assert_eq!(states["Step 2"]["Catch"][0]["Next"], "Undo 1");
    assert_eq!(states["Undo 1"]["Next"], "Report");
    assert_eq!(states["Undo 1"]["Output"], "{% $states.input %}");
}

#[test]
fn saga_composes_with_other_patterns_and_continues_after_success() {
    let fan_out = FanOut::new("Notify all")
        .branch("email", TaskState::lambda_invoke("Email", "email"))
        .branch("sms", TaskState::lambda_invoke("Text", "sms"));
    let saga = Saga::new()
        .step(step(1), undo(1))
        .step(fan_out, PassState::builder("Nothing to undo"))
        .step_without_compensation(step(3))
        .on_compensated(Chain::goto("Cleanup"));
    let machine = build(Chain::from(saga).next(PassState::builder("Cleanup")));
    let states = states(&machine);
    assert_eq!(states["Notify all"]["Catch"][0]["Next"], "Undo 1");
    assert_eq!(states["Step 3"]["Catch"][0]["Next"], "Nothing to undo");
    assert_eq!(states["Step 1"]["Catch"][0]["Next"], "Cleanup");
    assert_eq!(states["Undo 1"]["Next"], "Cleanup");
    assert_eq!(states["Step 3"]["Next"], "Cleanup");
}

#[test]
fn a_large_saga_builds() {
    let machine = build(saga(200));
    // The steps, the compensations of all but the last, the cause default and the Fail.
    assert_eq!(machine.states.len(), 200 + 199 + 2);
}

#[test]
fn fan_out_snapshots() {
    let branches = |fan_out: FanOut| {
        fan_out
            .branch(
                "inventory",
                TaskState::lambda_invoke("Inventory", "inventory"),
            )
            .branch("pricing", TaskState::lambda_invoke("Pricing", "pricing"))
    };
    let keyed = build(branches(FanOut::new("Keyed")).result_path("$.quotes"));
    insta::assert_json_snapshot!("fan_out_keyed", keyed);
    let objects = build(branches(FanOut::new("Objects")).merge(Merge::Objects));
    insta::assert_json_snapshot!("fan_out_objects", objects);
    let array = build(
        branches(FanOut::new("Array"))
            .merge(Merge::Array)
            .result_path("$.all"),
    );
    assert_eq!(states(&array)["Array"]["ResultSelector"], Value::Null);
    let jsonata = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(
            branches(FanOut::new("JSONata"))
                .merge(Merge::Objects)
                .result_path("$.merged")
                .query_language(QueryLanguage::Jsonata),
        )
        .build()
        .expect("builds");
    insta::assert_json_snapshot!("fan_out_jsonata", jsonata);
}

#[test]
fn fan_out_reports_what_jsonpath_cannot_merge() {
    let many = (0..12).fold(
        FanOut::new("Many").merge(Merge::Objects),
        |fan_out, index| {
            fan_out.branch(
                format!("b{index}"),
                PassState::builder(format!("Branch {index}")),
            )
        },
    );
    let error = StateMachine::builder()
        .start(many)
        .build()
        .expect_err("too deep");
    assert_eq!(error.issues().len(), 1);
    assert_eq!(error.issues()[0].kind, BuildIssueKind::InvalidValue);
    assert_eq!(error.issues()[0].pointer, "/States/Many");
}

#[test]
fn timer_snapshots() {
    let notify = TaskState::call("Remind", sns::Publish::new("${Topic}", "ping")).discard_result();
    let machine = build(
        timers::delay("Delay", 30)
            .next(timers::wait_until("Until", "$.at"))
            .next(
                Reminders::new("Nudge", notify)
                    .every(Dynamic::placeholder("${Every}").expect("a placeholder"))
                    .times(3),
            )
            .next(timers::deadline(
                TaskState::lambda_invoke("Work", "work"),
                Dynamic::path("$.deadline"),
                FailState::builder("Too late").error("Deadline.Missed"),
            )),
    );
    insta::assert_json_snapshot!("timers", machine);
    let states = states(&machine);
    assert_eq!(states["Work"]["TimeoutSecondsPath"], "$.deadline");
    assert_eq!(
        states["Work"]["Catch"][0]["ErrorEquals"],
        json!(["States.Timeout"])
    );
    assert_eq!(states["Nudge 3: Remind"]["Next"], "Work");
}

#[test]
fn human_approval_snapshots() {
    let request = lambda::Invoke::function("${RequestApprovalFunctionArn}").payload(Arg::object(
        Request::new()
            .field("token", Arg::task_token())
            .field("order", Arg::input()),
    ));
    let approval = HumanApproval::new("Approve", request.clone())
        .heartbeat_seconds(600)
        .timeout_seconds(3_600)
        .on_rejected(PassState::builder("Revise"));
    let machine = build(Chain::from(approval).next(SucceedState::builder("Go")));
    insta::assert_json_snapshot!("human_approval", machine);
    let states = states(&machine);
    assert_eq!(
        states["Approve"]["Resource"],
        "arn:aws:states:::lambda:invoke.waitForTaskToken"
    );
    assert_eq!(
        states["Approve"]["Catch"][0]["ErrorEquals"],
        json!(["States.Timeout", "States.HeartbeatTimeout"])
    );
    assert_eq!(
        states["Approve: approved?"]["Choices"][0]["And"][1]["StringEquals"],
        "APPROVED"
    );
    assert_eq!(states["Revise"]["Next"], "Go");

    let jsonata = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(HumanApproval::new("Approve", request).query_language(QueryLanguage::Jsonata))
        .build()
        .expect("builds");
    insta::assert_json_snapshot!("human_approval_jsonata", jsonata);
}

#[test]
fn polling_snapshot() {
    let poll = Polling::new(
        "Job",
        TaskState::call(
            "Submit",
            batch::SubmitJob::new("job", "queue", "definition"),
        )
        .result_path("$.job"),
        TaskState::call(
            "Describe",
            sdk::AwsSdk::new("batch", "describeJobs")
                .field("Jobs", Arg::intrinsic("States.Array($.job.JobId)")),
        )
        .result_selector(json!({"status.$": "$.Jobs[0].Status"}))
        .result_path("$.check"),
    )
    .interval_seconds(15)
    .max_attempts(8)
    .succeeded_when(Rule::string_equals("$.check.status", "SUCCEEDED"))
    .failed_when(Rule::string_equals("$.check.status", "FAILED"))
    .on_gave_up(FailState::builder("Too slow"));
    let machine = build(Chain::from(poll).next(SucceedState::builder("Finished")));
    insta::assert_json_snapshot!("polling", machine);
    let states = states(&machine);
    assert_eq!(
        states["Job: count attempt"]["Parameters"]["attempts.$"],
        "States.MathAdd($.poll.attempts, 1)"
    );
    assert_eq!(
        states["Job: finished?"]["Choices"][2]["NumericGreaterThanEquals"],
        8
    );
    assert_eq!(states["Job: finished?"]["Choices"][2]["Next"], "Too slow");
    assert_eq!(states["Job: done"]["Next"], "Finished");
}

#[test]
fn distributed_etl_snapshot() {
    let etl = DistributedEtl::new(
        "ETL",
        ItemReader::s3_listing("${Bucket}", "raw/")
            .load_and_flatten()
            .jsonl(),
        TaskState::lambda_invoke("Load", "load"),
    )
    .execution_type(ExecutionType::Standard)
    .batch(ItemBatcher::builder().max_input_bytes_per_batch(262_144))
    .write_results(ResultWriter::s3("${Bucket}", "out/"))
    .tolerated_failure_count(10)
    .max_concurrency(20)
    .label("etl")
    .into_state()
    .retry(ErrorName::custom("States.ItemReaderFailed"));
    insta::assert_json_snapshot!("distributed_etl", build(etl));
}

#[test]
fn polling_without_a_success_rule_is_reported() {
    let poll = Polling::new(
        "Job",
        PassState::builder("Submit"),
        PassState::builder("Check"),
    );
    let error = StateMachine::builder()
        .start(poll)
        .build()
        .expect_err("no success rule");
    assert_eq!(error.issues().len(), 1);
    assert_eq!(error.issues()[0].kind, BuildIssueKind::InvalidValue);
    assert_eq!(
        error.issues()[0].pointer,
        "/States/Job: finished?/Choices/0"
    );
}

/// Runs an approval whose approver never answers, escalating with `escalation`.
fn run_timed_out_approval(escalation: Chain) -> sfn_local::Execution {
    let ask = sns::Publish::new(
        "${ApprovalTopicArn}",
        Arg::object(Request::new().field("token", Arg::task_token())),
    );
    let approval = HumanApproval::new("Approve", ask)
        .timeout_seconds(60)
        .on_timeout(escalation);
    let machine = build(Chain::from(approval).next(SucceedState::builder("Go")));
    sfn_local::Executor::new(machine)
        .mocks(
            sfn_local::Mocks::new()
                .state("Approve", sfn_local::Mock::no_response())
                .state(
                    "Notify",
                    sfn_local::Mock::returns(json!({"MessageId": "m-1"})),
                ),
        )
        .run(json!({"order": 1}))
        .expect("runs")
}

#[test]
fn an_approval_escalation_that_only_notifies_ends_as_not_approved() {
    let notify = || TaskState::call("Notify", sns::Publish::new("${OpsTopicArn}", Arg::input()));
    // Left open, the escalation reaches the decision check, which finds no decision.
    let open = run_timed_out_approval(notify().into());
    assert_eq!(open.error.as_deref(), Some("Approval.Rejected"));
    assert_eq!(
        open.states,
        [
            "Approve",
            "Notify",
            "Approve: approved?",
            "Approve: rejected"
        ]
    );
    // Ended, it ends the execution its own way.
    let ended = run_timed_out_approval(
        notify().next(FailState::builder("Timed out").error("Approval.TimedOut")),
    );
    assert_eq!(ended.error.as_deref(), Some("Approval.TimedOut"));
}

#[test]
fn a_fan_out_without_branches_says_so_at_its_branches() {
    let error = StateMachine::builder()
        .start(FanOut::new("Quotes"))
        .build()
        .expect_err("no branch");
    let [issue] = error.issues() else {
        panic!("one issue: {error}")
    };
    assert_eq!(issue.pointer, "/States/Quotes/Branches");
    assert_eq!(
        issue.message,
        "the fan-out `Quotes` has no branches; add one with `.branch(key, chain)`"
    );
}

#[test]
fn a_fan_out_refuses_a_key_used_twice_and_quotes_keys_in_jsonata() {
    let branch = |name: &str| PassState::builder(name);
    let error = StateMachine::builder()
        .start(
            FanOut::new("Quotes")
                .branch("price", branch("A"))
                .branch("price", branch("B")),
        )
        .build()
        .expect_err("a key used twice");
    assert!(
        error
            .to_string()
            .contains("the branch key `price` is used by more than one branch"),
        "{error}"
    );
    let machine = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(
            FanOut::new("Quotes")
                .query_language(QueryLanguage::Jsonata)
                .branch("unit \"net\" price", branch("A"))
                .branch("tax", branch("B")),
        )
        .build()
        .expect("builds");
    let execution = sfn_local::Executor::new(machine)
        .run(json!({"x": 1}))
        .expect("runs");
    assert_eq!(
        execution.output,
        Some(json!({"unit \"net\" price": {"x": 1}, "tax": {"x": 1}}))
    );
}

/// A polling loop in `language` whose check answers "done" on its `done_at`-th call (never
/// for `None`), checking the job id `submit` returned.
fn run_polling(language: QueryLanguage, done_at: Option<u64>) -> sfn_local::Execution {
    let (submit, check, succeeded) = match language {
        QueryLanguage::JsonPath => (
            TaskState::lambda_invoke("Submit", "submit").result_path("$.job"),
            TaskState::call(
                "Check",
                lambda::Invoke::function("check").payload(Arg::input_field("job.Payload.id")),
            )
            .result_path("$.check"),
            Rule::boolean_equals("$.check.Payload.done", true),
        ),
        QueryLanguage::Jsonata => (
            TaskState::lambda_invoke("Submit", "submit")
                .assign("jobId", Arg::result_field("Payload.id")),
            TaskState::call(
                "Check",
                lambda::Invoke::function("check").payload(Arg::var("jobId")),
            ),
            Rule::jsonata("$states.input.Payload.done"),
        ),
    };
    let poll = Polling::new("Job", submit, check)
        .query_language(language)
        .interval_seconds(5)
        .max_attempts(3)
        .succeeded_when(succeeded);
    let machine = StateMachine::builder()
        .query_language(language)
        .start(Chain::from(poll).next(SucceedState::builder("Finished")))
        .build()
        .expect("the loop builds");
    let report = sfn_dsl::validate::validate_str(&machine.to_json());
    assert!(report.is_clean(), "{report}");
    if language == QueryLanguage::Jsonata {
        insta::assert_json_snapshot!("polling_jsonata", machine);
    }
    sfn_local::Executor::new(machine)
        .mocks(
            sfn_local::Mocks::new()
                .state(
                    "Submit",
                    sfn_local::Mock::returns(json!({"Payload": {"id": "j-7"}})),
                )
                .state(
                    "Check",
                    sfn_local::Mock::from_fn(move |call| {
                        // Every check is asked about the job `submit` started.
                        assert_eq!(call.input["Payload"], "j-7", "{:?}", call.input);
                        let done = done_at.is_some_and(|at| call.invocation + 1 >= at);
                        json!({"Payload": {"done": done}})
                    }),
                ),
        )
        .run(json!({"order": 1}))
        .expect("runs")
}

#[test]
fn a_polling_loop_runs_until_done_or_gives_up_in_both_languages() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let done = run_polling(language, Some(2));
        assert_eq!(done.error, None, "{language:?}");
        let checks = done.states.iter().filter(|name| *name == "Check").count();
        assert_eq!(checks, 2, "{language:?}: {:?}", done.states);
        assert_eq!(done.states.last().map(String::as_str), Some("Finished"));

        let never = run_polling(language, None);
        assert_eq!(
            never.error.as_deref(),
            Some("Job.Unfinished"),
            "{language:?}"
        );
        let checks = never.states.iter().filter(|name| *name == "Check").count();
        assert_eq!(checks, 3, "{language:?}: {:?}", never.states);
    }
}

fn backoff_then_launch(language: QueryLanguage) -> StateMachine {
    StateMachine::builder()
        .query_language(language)
        .start(
            WaitState::builder("Back off")
                .seconds_from(Arg::input_field("delay"))
                .next(timers::wait_until_input("Until launch", "launchAt")),
        )
        .build()
        .expect("builds")
}

#[test]
fn waits_read_from_the_input_run_in_both_languages() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let machine = backoff_then_launch(language);
        let report = sfn_dsl::validate::validate_str(&machine.to_json());
        assert!(report.is_clean(), "{language:?}: {report}");
        // 90 s from the input, then until an instant already past: no more waiting. A field
        // read wrongly would fail the state (`States.Runtime`, `States.QueryEvaluationError`).
        let execution = sfn_local::Executor::new(machine)
            .run(json!({"delay": 90, "launchAt": "2001-01-01T00:00:00Z"}))
            .expect("runs");
        assert_eq!(execution.error, None, "{language:?}: {:?}", execution.cause);
        assert_eq!(execution.duration_ms(), 90_000, "{language:?}");
        let missing = sfn_local::Executor::new(backoff_then_launch(language))
            .run(json!({"delay": 90}))
            .expect("runs");
        assert!(missing.error.is_some(), "{language:?}: no launchAt");
    }
}

#[test]
fn a_polling_loop_of_zero_checks_does_not_build() {
    let poll = Polling::new(
        "Job",
        TaskState::lambda_invoke("Submit", "submit"),
        TaskState::lambda_invoke("Check", "check").result_path("$.status"),
    )
    .max_attempts(0)
    .succeeded_when(Rule::string_equals("$.status.Payload.status", "DONE"));
    let issue = the_only_issue(poll, "zero checks");
    assert_eq!(issue.pointer, "/States/Job: finished?/Choices/1");
    assert!(issue.message.contains("checks at least once"), "{issue}");
}

/// The one problem `build()` reports for a machine starting with `chain`, which must not
/// build because of `why`.
fn the_only_issue(chain: impl Into<Chain>, why: &str) -> BuildIssue {
    let error = StateMachine::builder().start(chain).build().expect_err(why);
    match error.issues() {
        [issue] => issue.clone(),
        _ => panic!("one issue: {error}"),
    }
}

/// A saga that reserves (undone by `Release`) and then charges, keeping the error in
/// `field`.
fn reserve_then_charge(language: QueryLanguage, field: &str) -> Saga {
    Saga::new()
        .query_language(language)
        .error_field(field)
        .step(
            TaskState::lambda_invoke("Reserve", "reserve"),
            TaskState::lambda_invoke("Release", "release"),
        )
        .step_without_compensation(TaskState::lambda_invoke("Charge", "charge"))
}

/// Runs [`reserve_then_charge`] with `Charge` failing with `Card.Declined`.
fn run_declined_saga(language: QueryLanguage, field: &str) -> sfn_local::Execution {
    let machine = StateMachine::builder()
        .query_language(language)
        .start(reserve_then_charge(language, field))
        .build()
        .expect("the saga builds");
    sfn_local::Executor::new(machine)
        .mocks(
            sfn_local::Mocks::new()
                .state("Reserve", sfn_local::Mock::returns(json!({"Payload": 1})))
                .state("Release", sfn_local::Mock::returns(json!({"Payload": 2})))
                .state(
                    "Charge",
                    sfn_local::Mock::throws("Card.Declined", "insufficient funds"),
                ),
        )
        .run(json!({"order": 1}))
        .expect("runs")
}

#[test]
fn a_saga_keeps_the_original_error_in_any_plain_field_in_both_languages() {
    // `and`, `true`: plain names JSONata would read as an operator or a value unquoted.
    for field in ["error", "failure_2", "and", "true"] {
        for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
            let run = run_declined_saga(language, field);
            assert_eq!(
                (run.error.as_deref(), run.cause.as_deref()),
                (Some("Card.Declined"), Some("insufficient funds")),
                "{field} in {language:?}"
            );
            assert!(run.states.iter().any(|state| state == "Release"), "{field}");
        }
    }
}

#[test]
fn pattern_field_names_that_are_not_plain_are_build_errors() {
    for (language, field, pointer) in [
        (
            QueryLanguage::JsonPath,
            "x.y",
            "/States/Reserve/Catch/0/ResultPath",
        ),
        (
            QueryLanguage::JsonPath,
            "$.error",
            "/States/Reserve/Catch/0/ResultPath",
        ),
        (
            QueryLanguage::Jsonata,
            "saga-error",
            "/States/Reserve/Catch/0/Output",
        ),
        (QueryLanguage::Jsonata, "", "/States/Reserve/Catch/0/Output"),
    ] {
        let error = StateMachine::builder()
            .query_language(language)
            .start(reserve_then_charge(language, field))
            .build()
            .expect_err("a field the states cannot agree on");
        let issue = &error.issues()[0];
        assert_eq!(
            (issue.pointer.as_str(), issue.message.as_str()),
            (
                pointer,
                format!("`Saga::error_field` is `{field}`, which is not a plain field name")
                    .as_str()
            ),
            "{field}"
        );
    }
    for (language, pointer) in [
        (QueryLanguage::JsonPath, "/States/Approve/ResultPath"),
        (QueryLanguage::Jsonata, "/States/Approve/Output"),
    ] {
        let approval =
            HumanApproval::new("Approve", sns::Publish::new("${Topic}", Arg::task_token()))
                .query_language(language)
                .result_field("review.result");
        let error = StateMachine::builder()
            .query_language(language)
            .start(approval)
            .build()
            .expect_err("a dotted result field");
        assert_eq!(error.issues()[0].pointer, pointer);
        let hint = error.issues()[0].hint.as_deref().unwrap_or_default();
        assert!(hint.ends_with("(such as `approval`)"), "{hint}");
    }
}

#[test]
fn an_approval_reads_its_decision_from_a_keyword_field_in_jsonata() {
    let approval = HumanApproval::new("Approve", sns::Publish::new("${Topic}", Arg::task_token()))
        .query_language(QueryLanguage::Jsonata)
        .result_field("in");
    let machine = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(approval)
        .build()
        .expect("builds");
    let run = sfn_local::Executor::new(machine)
        .mocks(sfn_local::Mocks::new().state(
            "Approve",
            sfn_local::Mock::returns(json!({"decision": "APPROVED"})),
        ))
        .run(json!({"order": 1}))
        .expect("runs");
    assert_eq!(run.error, None, "{:?}", run.cause);
    assert!(run.states.iter().any(|state| state == "Approve: approved"));
}

#[test]
fn input_fields_with_awkward_names_are_found_in_both_languages() {
    let names = [
        "launch's at",
        r"C:\dir",
        r#"say "hi""#,
        "true",
        "a`b",
        "unit price",
    ];
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let request = names
            .iter()
            .enumerate()
            .fold(Request::new(), |request, (index, name)| {
                request.field(format!("f{index}"), Arg::input_field(*name))
            });
        let machine = StateMachine::builder()
            .query_language(language)
            .start(
                timers::wait_until_input("Until", "launch's at").next(TaskState::call(
                    "Send",
                    sqs::SendMessage::new("${Queue}", Arg::object(request)),
                )),
            )
            .build()
            .expect("builds");
        let report = sfn_dsl::validate::validate_str(&machine.to_json());
        assert!(report.is_clean(), "{language:?}: {report}");
        let mut input = serde_json::Map::new();
        for name in names {
            input.insert(name.to_owned(), json!(name));
        }
        input.insert("launch's at".to_owned(), json!("2001-01-01T00:00:00Z"));
        let run = sfn_local::Executor::new(machine)
            .mocks(sfn_local::Mocks::new().unmocked(sfn_local::Unmocked::Echo))
            .run(Value::Object(input))
            .expect("runs");
        assert_eq!(run.error, None, "{language:?}: {:?}", run.cause);
        let sent = run.output.expect("an output");
        for (index, name) in names.iter().enumerate().skip(1) {
            assert_eq!(
                sent["MessageBody"][format!("f{index}")],
                json!(name),
                "{language:?}: {name}"
            );
        }
    }
}

#[test]
fn a_machine_partition_moves_distributed_map_readers_and_writers() {
    let etl = DistributedEtl::new(
        "ETL",
        ItemReader::s3_listing("${Bucket}", "raw/"),
        TaskState::lambda_invoke("Load", "load"),
    )
    .write_results(ResultWriter::s3("${Bucket}", "out/"));
    let machine = StateMachine::builder()
        .partition("aws-cn")
        .start(etl)
        .build()
        .expect("builds");
    let map = &machine.to_value()["States"]["ETL"];
    assert_eq!(
        map["ItemReader"]["Resource"],
        "arn:aws-cn:states:::s3:listObjectsV2"
    );
    assert_eq!(
        map["ResultWriter"]["Resource"],
        "arn:aws-cn:states:::s3:putObject"
    );
    assert_eq!(
        map["ItemProcessor"]["States"]["Load"]["Resource"],
        "arn:aws-cn:states:::lambda:invoke"
    );
}

/// A saga whose second step refuses the order with a Fail state (`refusal`), run with
/// `{"order": 1, "why": "no stock"}`.
fn run_refusing_saga(language: QueryLanguage, refusal: FailStateBuilder) -> sfn_local::Execution {
    let reserve = TaskState::lambda_invoke("Reserve", "reserve");
    let (reserve, check, refused) = match language {
        QueryLanguage::JsonPath => (
            reserve.result_path("$.reserved"),
            TaskState::lambda_invoke("Check stock", "check").result_path("$.stock"),
            Rule::boolean_equals("$.stock.Payload.ok", false),
        ),
        QueryLanguage::Jsonata => (
            reserve,
            TaskState::lambda_invoke("Check stock", "check"),
            Rule::jsonata("$states.input.Payload.ok = false"),
        ),
    };
    let check = check.next(
        ChoiceState::builder("In stock?")
            .when(refused, refusal)
            .otherwise_continue(),
    );
    let saga = Saga::new()
        .query_language(language)
        .step(reserve, TaskState::lambda_invoke("Release", "release"))
        .step_without_compensation(check)
        .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"));
    let machine = StateMachine::builder()
        .query_language(language)
        .start(saga)
        .build()
        .expect("the saga builds");
    let report = sfn_dsl::validate::validate_str(&machine.to_json());
    assert!(report.is_clean(), "{report}");
    sfn_local::Executor::new(machine)
        .mocks(
            sfn_local::Mocks::new()
                .state("Reserve", sfn_local::Mock::returns(json!({"Payload": 1})))
                .state("Release", sfn_local::Mock::returns(json!({"Payload": 2})))
                .state(
                    "Check stock",
                    sfn_local::Mock::returns(json!({"Payload": {"ok": false}})),
                ),
        )
        .run(json!({"order": 1, "why": "no stock"}))
        .expect("runs")
}

#[test]
fn a_fail_state_in_a_saga_step_unwinds_with_its_error_in_both_languages() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let literal = run_refusing_saga(
            language,
            FailState::builder("Refused")
                .error(ErrorName::custom("Order.Refused"))
                .cause("out of stock"),
        );
        assert_eq!(
            (literal.error.as_deref(), literal.cause.as_deref()),
            (Some("Order.Refused"), Some("out of stock")),
            "{language:?}: {:?}",
            literal.states
        );
        assert!(
            literal.states.iter().any(|state| state == "Release"),
            "{language:?}: {:?}",
            literal.states
        );
        assert!(!literal.states.iter().any(|state| state == "Ship"));

        // Computed in the state's own language; without a cause, none is re-raised.
        let computed = match language {
            QueryLanguage::JsonPath => FailState::builder("Refused").error_path("$.why"),
            QueryLanguage::Jsonata => FailState::builder("Refused")
                .error_jsonata("'Refused: ok=' & $string($states.input.Payload.ok)"),
        };
        let computed = run_refusing_saga(language, computed);
        let expected = match language {
            QueryLanguage::JsonPath => "no stock",
            QueryLanguage::Jsonata => "Refused: ok=false",
        };
        assert_eq!(
            (computed.error.as_deref(), computed.cause.as_deref()),
            (Some(expected), Some("")),
            "{language:?}: {:?}",
            computed.states
        );
        assert!(computed.states.iter().any(|state| state == "Release"));
    }
}

#[test]
fn a_polling_step_that_fails_or_gives_up_unwinds_the_saga() {
    let poll = Polling::new(
        "Export",
        TaskState::lambda_invoke("Start export", "start").result_path("$.job"),
        TaskState::lambda_invoke("Export status", "status").result_path("$.status"),
    )
    .max_attempts(2)
    .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
    .failed_when(Rule::string_equals("$.status.Payload.state", "FAILED"));
    let saga = Saga::new()
        .step(
            TaskState::lambda_invoke("Reserve", "reserve").result_path("$.r"),
            TaskState::lambda_invoke("Release", "release"),
        )
        .step(poll, TaskState::lambda_invoke("Cleanup", "cleanup"))
        .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"));
    let machine = build(saga);
    for (state, error) in [("FAILED", "Job.Failed"), ("RUNNING", "Job.Unfinished")] {
        let run = sfn_local::Executor::new(machine.clone())
            .mocks(
                sfn_local::Mocks::new()
                    .unmocked(sfn_local::Unmocked::Echo)
                    .state(
                        "Export status",
                        sfn_local::Mock::returns(json!({"Payload": {"state": state}})),
                    ),
            )
            .run(json!({}))
            .expect("runs");
        assert_eq!(run.error.as_deref(), Some(error), "{:?}", run.states);
        assert!(
            run.states.iter().any(|name| name == "Release"),
            "{:?}",
            run.states
        );
        // The failing step's own compensation does not run.
        assert!(
            !run.states.iter().any(|name| name == "Cleanup"),
            "{:?}",
            run.states
        );
    }
}

#[test]
fn a_jsonpath_pass_compensation_with_a_result_keeps_the_error() {
    let saga = Saga::new()
        .step(
            TaskState::lambda_invoke("A", "a"),
            PassState::builder("Undo A").result(json!({"undone": true})),
        )
        .step_without_compensation(TaskState::lambda_invoke("B", "b"));
    let machine = build(saga);
    assert_eq!(states(&machine)["Undo A"]["ResultPath"], Value::Null);
    assert!(states(&machine)["Undo A"].get("ResultPath").is_some());
    let run = sfn_local::Executor::new(machine)
        .mocks(
            sfn_local::Mocks::new()
                .unmocked(sfn_local::Unmocked::Echo)
                .state("B", sfn_local::Mock::throws("E", "c")),
        )
        .run(json!({}))
        .expect("runs");
    assert_eq!(
        (run.error.as_deref(), run.cause.as_deref()),
        (Some("E"), Some("c"))
    );
}

#[test]
fn a_step_catching_every_error_itself_gets_no_saga_catcher() {
    let saga = Saga::new()
        .step(
            TaskState::lambda_invoke("A", "a"),
            TaskState::lambda_invoke("Undo A", "undo"),
        )
        .step_without_compensation(TaskState::lambda_invoke("B", "b").catch(
            ErrorName::All,
            FailState::builder("B failed").error("B.Failed"),
        ));
    let machine = build(saga);
    let states = states(&machine);
    assert_eq!(states["B"]["Catch"].as_array().map(Vec::len), Some(1));
    // Its handler's Fail state unwinds instead.
    assert_eq!(states["B failed"]["Type"], "Pass");
    assert_eq!(states["B failed"]["Next"], "Undo A");
}

#[test]
fn a_jsonpath_polling_check_without_a_result_path_is_reported() {
    let poll = Polling::new(
        "Job",
        TaskState::lambda_invoke("Submit", "submit").result_path("$.job"),
        TaskState::lambda_invoke("Check", "check"),
    )
    .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"));
    let issue = the_only_issue(poll, "the check drops the counter");
    assert_eq!(issue.pointer, "/States/Check");
    assert_eq!(
        issue.message,
        "the check of a JSONPath polling loop replaces its input, and the attempt counter kept \
         in it at `$.poll`, with its result"
    );
}

/// Runs `saga` with every task answering its request, `B` failing with `E`/`c`, and
/// `Undo A` (a Lambda call, when it is one) answering a Lambda response.
fn run_saga_failing_at_b(language: QueryLanguage, saga: Saga) -> sfn_local::Execution {
    let machine = StateMachine::builder()
        .query_language(language)
        .start(saga)
        .build()
        .expect("the machine builds");
    sfn_local::Executor::new(machine)
        .mocks(
            sfn_local::Mocks::new()
                .unmocked(sfn_local::Unmocked::Echo)
                .state("B", sfn_local::Mock::throws("E", "c")),
        )
        .run(json!({}))
        .expect("runs")
}

#[test]
fn a_jsonpath_compensation_output_path_goes_with_its_discarded_result() {
    // The usual Lambda idiom on a compensation, and the `OutputPath` a `Merge::Objects`
    // fan-out sets: both picked from the saga's data once the result was discarded.
    let compensations: [Chain; 2] = [
        TaskState::lambda_invoke("Undo A", "undo")
            .output_path("$.Payload")
            .into(),
        FanOut::new("Undo A")
            .merge(Merge::Objects)
            .branch("x", PassState::builder("Undo x").result(json!({"x": 1})))
            .branch("y", PassState::builder("Undo y").result(json!({"y": 2})))
            .into(),
    ];
    for compensation in compensations {
        let saga = Saga::new()
            .step(TaskState::lambda_invoke("A", "a"), compensation)
            .step_without_compensation(TaskState::lambda_invoke("B", "b"));
        let run = run_saga_failing_at_b(QueryLanguage::JsonPath, saga);
        assert_eq!(
            (run.error.as_deref(), run.cause.as_deref()),
            (Some("E"), Some("c")),
            "{:?}",
            run.summary()
        );
    }
    // With a result path of its own, the compensation's `OutputPath` stays.
    let saga = Saga::new()
        .step(
            TaskState::lambda_invoke("A", "a"),
            TaskState::lambda_invoke("Undo A", "undo")
                .result_path("$.undone")
                .output_path("$"),
        )
        .step_without_compensation(TaskState::lambda_invoke("B", "b"));
    assert_eq!(states(&build(saga))["Undo A"]["OutputPath"], "$");
}

#[test]
fn a_jsonata_compensation_whose_output_drops_the_error_is_reported() {
    let language = QueryLanguage::Jsonata;
    let fan_out = || {
        FanOut::new("Undo A")
            .query_language(language)
            .branch("x", PassState::builder("Undo x").output(json!({"x": 1})))
            .branch("y", PassState::builder("Undo y").output(json!({"y": 2})))
    };
    let saga = |compensation: Chain| {
        Saga::new()
            .query_language(language)
            .step(TaskState::lambda_invoke("A", "a"), compensation)
            .step_without_compensation(TaskState::lambda_invoke("B", "b"))
    };
    let error = StateMachine::builder()
        .query_language(language)
        .start(saga(fan_out().into()))
        .build()
        .expect_err("the fan-out's merged output replaces the error");
    let issue = &error.issues()[0];
    assert_eq!(issue.pointer, "/States/Undo A/Output");
    assert!(
        issue
            .message
            .contains("the original error at `error` would be lost"),
        "{issue:?}"
    );
    // With a result path, or an `Output` that keeps the input, the error survives.
    for compensation in [
        Chain::from(fan_out().result_path("$.undone")),
        Chain::from(
            TaskState::lambda_invoke("Undo A", "undo")
                .output(json!("{% $merge([$states.input, {'undone': true}]) %}")),
        ),
    ] {
        let run = run_saga_failing_at_b(language, saga(compensation));
        assert_eq!(
            (run.error.as_deref(), run.cause.as_deref()),
            (Some("E"), Some("c")),
            "{:?}",
            run.summary()
        );
    }
}

#[test]
fn a_jsonpath_polling_counter_field_that_is_not_plain_is_reported() {
    for field in ["my counter", "a.b", "my-counter"] {
        let poll = Polling::new(
            "Job",
            TaskState::lambda_invoke("Submit", "submit").result_path("$.job"),
            TaskState::lambda_invoke("Check", "check").result_path("$.status"),
        )
        .succeeded_when(Rule::string_equals("$.status.Payload.state", "DONE"))
        .counter_field(field);
        let issue = the_only_issue(poll, "a counter field that is not a name");
        assert_eq!(issue.pointer, "/States/Job: start/ResultPath");
        assert_eq!(
            issue.message,
            format!("`Polling::counter_field` is `{field}`, which is not a plain field name")
        );
    }
}
