//! The saga's unwinding: which states it needs, and what its compensations must keep.

use serde_json::{Value, json};
use sfn_dsl::patterns::Saga;
use sfn_dsl::prelude::*;
use sfn_local::{Executor, Mock, Mocks, Unmocked};

use super::{run_saga_failing_at_b, states};

fn lambda(name: &str) -> TaskStateBuilder<sfn_dsl::builder::marker::Present> {
    TaskState::lambda_invoke(name, name.to_lowercase())
}

/// Reserve (undone by Release), Charge (undone by `refund`), then Ship.
fn order_saga(language: QueryLanguage, refund: impl Into<Chain>) -> Saga {
    Saga::new()
        .query_language(language)
        .step(lambda("Reserve"), lambda("Release"))
        .step(lambda("Charge"), refund)
        .step_without_compensation(lambda("Ship"))
}

fn build_in(language: QueryLanguage, chain: impl Into<Chain>) -> Result<StateMachine, BuildError> {
    StateMachine::builder()
        .query_language(language)
        .start(chain)
        .build()
}

/// Runs `machine` with `Ship` failing with `ShipErr`/`boom`, `Refund` with
/// `RefundErr`/`nope`, and every other task answering `{"Payload": {}}`.
fn run_failing_shipment(machine: StateMachine) -> sfn_local::Execution {
    Executor::new(machine)
        .mocks(
            Mocks::new()
                .unmocked(Unmocked::Echo)
                .state("Reserve", Mock::returns(json!({"Payload": {}})))
                .state("Charge", Mock::returns(json!({"Payload": {}})))
                .state("Release", Mock::returns(json!({"Payload": {}})))
                .state("Report", Mock::returns(json!({"Payload": {}})))
                .state("Refund", Mock::throws("RefundErr", "nope"))
                .state("Ship", Mock::throws("ShipErr", "boom")),
        )
        .run(json!({"order": 1}))
        .expect("runs")
}

#[test]
fn a_compensation_catching_its_own_failure_passes_the_saga_data_on() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        // The handler logs, then reports with a task: both continue the unwinding.
        let refund = lambda("Refund").catch(
            ErrorName::All,
            PassState::builder("Log refund failure").next(lambda("Report")),
        );
        let machine = build_in(language, order_saga(language, refund)).expect("builds");
        let catcher = &states(&machine)["Refund"]["Catch"][0];
        let report = &states(&machine)["Report"];
        match language {
            QueryLanguage::JsonPath => {
                assert_eq!(catcher.get("ResultPath"), Some(&Value::Null));
                assert_eq!(report.get("ResultPath"), Some(&Value::Null));
            }
            QueryLanguage::Jsonata => {
                assert_eq!(catcher["Output"], "{% $states.input %}");
                assert_eq!(report["Output"], "{% $states.input %}");
            }
        }
        assert_eq!(report["Retry"][0]["ErrorEquals"], json!(["States.ALL"]));
        let run = run_failing_shipment(machine);
        assert_eq!(
            (run.error.as_deref(), run.cause.as_deref()),
            (Some("ShipErr"), Some("boom")),
            "{language:?}: {}",
            run.summary()
        );
        assert!(
            ["Log refund failure", "Report", "Release"]
                .iter()
                .all(|name| run.states.iter().any(|state| state == name)),
            "{language:?}: {:?}",
            run.states
        );
    }
}

#[test]
fn a_jsonpath_pass_compensation_with_an_input_path_keeps_the_error() {
    let saga = Saga::new()
        .step(
            TaskState::lambda_invoke("A", "a").result_path("$.a"),
            PassState::builder("Log undo").input_path("$.a"),
        )
        .step_without_compensation(TaskState::lambda_invoke("B", "b"));
    let run = run_saga_failing_at_b(QueryLanguage::JsonPath, saga.clone());
    assert_eq!(
        (run.error.as_deref(), run.cause.as_deref()),
        (Some("E"), Some("c")),
        "{}",
        run.summary()
    );
    let machine = build_in(QueryLanguage::JsonPath, saga).expect("builds");
    assert_eq!(
        states(&machine)["Log undo"].get("ResultPath"),
        Some(&Value::Null)
    );
}

/// The one problem of a saga whose `Charge` step is undone by `refund`.
fn the_compensation_problem(language: QueryLanguage, refund: impl Into<Chain>) -> BuildIssue {
    let error = build_in(language, order_saga(language, refund))
        .expect_err("the compensation loses the saga's data");
    match error.issues() {
        [issue] => issue.clone(),
        _ => panic!("one issue: {error}"),
    }
}

#[test]
fn a_compensation_field_that_replaces_the_saga_data_is_reported() {
    let jsonpath = QueryLanguage::JsonPath;
    let jsonata = QueryLanguage::Jsonata;
    let log = || PassState::builder("Log refund failure");
    let cases: [(QueryLanguage, Chain, &str); 7] = [
        (
            jsonpath,
            lambda("Refund")
                .catch(Catcher::builder([ErrorName::All]).result_path("$"), log())
                .into(),
            "/States/Refund/Catch/0/ResultPath",
        ),
        (
            jsonpath,
            lambda("Refund").result_path("$").into(),
            "/States/Refund/ResultPath",
        ),
        (
            jsonpath,
            WaitState::builder("Refund")
                .seconds(1)
                .input_path("$.order")
                .into(),
            "/States/Refund/InputPath",
        ),
        (
            jsonpath,
            PassState::builder("Refund").output_path("$.order").into(),
            "/States/Refund/OutputPath",
        ),
        // The handler continues the unwinding: its fields are checked alike.
        (
            jsonpath,
            lambda("Refund")
                .catch(
                    ErrorName::All,
                    PassState::builder("Log refund failure")
                        .result(json!({"logged": true}))
                        .result_path("$"),
                )
                .into(),
            "/States/Log refund failure/ResultPath",
        ),
        (
            jsonata,
            lambda("Refund")
                .catch(
                    Catcher::builder([ErrorName::All]).output(json!("{% $states.errorOutput %}")),
                    log(),
                )
                .into(),
            "/States/Refund/Catch/0/Output",
        ),
        (
            jsonata,
            WaitState::builder("Refund")
                .seconds(1)
                .output(json!({"waited": true}))
                .into(),
            "/States/Refund/Output",
        ),
    ];
    for (language, refund, pointer) in cases {
        let issue = the_compensation_problem(language, refund);
        assert_eq!(issue.kind, BuildIssueKind::InvalidValue, "{pointer}");
        assert_eq!(issue.pointer, pointer);
        assert!(
            issue
                .message
                .ends_with("replaces the saga's data, so the original error at `error` would be lost before the unwinding ends"),
            "{pointer}: {}",
            issue.message
        );
    }
    // A catcher keeping the input, or putting the error in a field, is fine.
    let kept = lambda("Refund").catch(
        Catcher::builder([ErrorName::All]).result_path("$.refund_error"),
        log(),
    );
    let run = run_failing_shipment(build_in(jsonpath, order_saga(jsonpath, kept)).expect("builds"));
    assert_eq!(
        (run.error.as_deref(), run.cause.as_deref()),
        (Some("ShipErr"), Some("boom"))
    );
}

#[test]
fn a_saga_no_step_of_which_can_enter_the_unwinding_leaves_it_out() {
    // Every step catches every error itself.
    let saga = Saga::new()
        .step(
            lambda("A").catch(ErrorName::All, FailState::builder("A failed")),
            lambda("UndoA"),
        )
        .step_without_compensation(lambda("B").catch(
            ErrorName::All,
            PassState::builder("B failed").next(Chain::goto("Fallback")),
        ));
    let flow = Chain::from(saga)
        .next(SucceedState::builder("Done"))
        .next(PassState::builder("Fallback"));
    let machine = build_in(QueryLanguage::JsonPath, flow).expect("builds");
    let names: Vec<&str> = machine.states.names().map(StateName::as_str).collect();
    assert_eq!(
        names,
        ["A", "B", "Done", "Fallback", "A failed", "B failed"]
    );

    // Pass states cannot fail.
    let saga = Saga::new()
        .step(PassState::builder("A"), PassState::builder("UndoA"))
        .step_without_compensation(PassState::builder("B"));
    let machine = build_in(
        QueryLanguage::Jsonata,
        saga.query_language(QueryLanguage::Jsonata),
    )
    .expect("builds");
    let names: Vec<&str> = machine.states.names().map(StateName::as_str).collect();
    assert_eq!(names, ["A", "B"]);
    let run = Executor::new(machine)
        .run(json!({"order": 1}))
        .expect("runs");
    assert_eq!(run.output, Some(json!({"order": 1})), "{}", run.summary());
}

#[test]
fn only_the_compensations_a_failing_step_needs_are_kept() {
    // C cannot fail: B's compensation, which only C's failure would run, is left out.
    let saga = Saga::new()
        .step(lambda("A"), lambda("Undo A"))
        .step(lambda("B"), lambda("Undo B"))
        .step_without_compensation(PassState::builder("C"));
    let machine = build_in(QueryLanguage::JsonPath, saga).expect("builds");
    let states = states(&machine);
    assert!(states.get("Undo B").is_none(), "{states}");
    assert_eq!(states["B"]["Catch"][0]["Next"], "Undo A");
    assert_eq!(states["A"]["Catch"][0]["Next"], "Saga failed: cause");
}

#[test]
fn a_saga_of_empty_steps_is_the_empty_chain() {
    let saga = Saga::new()
        .step(Chain::new(), Chain::new())
        .step_without_compensation(Chain::new());
    assert!(Chain::from(saga.clone()).is_empty());
    let machine = build_in(
        QueryLanguage::JsonPath,
        Chain::from(saga).next(SucceedState::builder("Done")),
    )
    .expect("builds");
    let run = Executor::new(machine)
        .run(json!({"order": 1}))
        .expect("runs");
    assert_eq!(run.states, ["Done"]);
    assert_eq!(run.output, Some(json!({"order": 1})));
}

#[test]
fn a_step_with_an_empty_action_is_still_undone() {
    // The step does nothing, but its compensation runs when a later step fails.
    let saga = Saga::new()
        .step(Chain::new(), lambda("Undo A"))
        .step_without_compensation(TaskState::lambda_invoke("B", "b"));
    let run = run_saga_failing_at_b(QueryLanguage::JsonPath, saga);
    assert_eq!(
        run.states,
        ["B", "Undo A", "Saga failed: cause", "Saga failed"]
    );
    assert_eq!(
        (run.error.as_deref(), run.cause.as_deref()),
        (Some("E"), Some("c"))
    );
}

/// A saga whose second step ends in the Fail state `Bad` (`Cause` only) when the input's
/// `bad` is true, and otherwise in `Done`.
fn saga_failing_without_an_error(language: QueryLanguage) -> Saga {
    let bad = match language {
        QueryLanguage::JsonPath => Rule::boolean_equals("$.bad", true),
        QueryLanguage::Jsonata => Rule::jsonata("$states.input.bad"),
    };
    let reserve = match language {
        QueryLanguage::JsonPath => lambda("Reserve").result_path("$.r"),
        QueryLanguage::Jsonata => lambda("Reserve").output(json!("{% $states.input %}")),
    };
    Saga::new()
        .query_language(language)
        .step(reserve, lambda("Release"))
        .step_without_compensation(
            ChoiceState::builder("Ok?")
                .when(bad, FailState::builder("Bad").cause("bad input"))
                .otherwise(SucceedState::builder("Done")),
        )
}

#[test]
fn a_fail_state_without_an_error_in_a_saga_step_is_reported() {
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let error = build_in(language, saga_failing_without_an_error(language))
            .expect_err("the saga cannot re-raise a missing error");
        let [issue] = error.issues() else {
            panic!("one issue: {error}");
        };
        assert_eq!(issue.kind, BuildIssueKind::InvalidValue);
        assert_eq!(issue.pointer, "/States/Bad", "{language:?}");
        assert!(
            issue.message.contains("has no `Error`"),
            "{}",
            issue.message
        );

        // Ended by a chain of the user's, the recorded error is not re-raised.
        let handled =
            saga_failing_without_an_error(language).on_compensated(PassState::builder("Report"));
        let machine = build_in(language, handled).expect("builds");
        let run = Executor::new(machine)
            .mocks(Mocks::new().unmocked(Unmocked::Echo))
            .run(json!({"bad": true}))
            .expect("runs");
        assert_eq!(
            run.output.map(|output| output["error"].clone()),
            Some(json!({"Cause": "bad input"})),
            "{language:?}"
        );
    }
}

#[test]
fn a_fail_state_of_the_first_step_enters_the_chosen_end() {
    // Nothing is undone yet, but the unwinding ends in a chain of the user's.
    let saga = Saga::new()
        .step(
            ChoiceState::builder("Ok?")
                .when(
                    Rule::boolean_equals("$.bad", true),
                    FailState::builder("Bad").error("Order.Bad"),
                )
                .otherwise_continue(),
            lambda("Undo"),
        )
        .step_without_compensation(lambda("Ship"))
        .on_compensated(PassState::builder("Report"));
    let machine = build_in(QueryLanguage::JsonPath, saga).expect("builds");
    assert_eq!(states(&machine)["Bad"]["Next"], "Report");
    let run = Executor::new(machine)
        .run(json!({"bad": true}))
        .expect("runs");
    assert_eq!(run.states, ["Ok?", "Bad", "Report"]);
    assert_eq!(
        run.output.map(|output| output["error"].clone()),
        Some(json!({"Error": "Order.Bad"}))
    );
}
