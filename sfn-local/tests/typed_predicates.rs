//! Typed-path predicates decide the same in both query languages, and as Rust would on the
//! deserialized value: each predicate's JSONPath rule and JSONata condition run here on the
//! same inputs (the cases a review found the two forms disagreeing on).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_dsl::model::{Condition, QueryLanguage};
use sfn_dsl::prelude::{ChoiceState, PassState, SucceedState};
use sfn_dsl::typed::{
    ListPath, Location, OptionPath, Path, PathNode, Predicate, PredicateError, Timestamp,
};
use sfn_dsl::validate::Code;
use sfn_local::{ExecutionStatus, Executor};

/// What a Choice rule did with an input.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Matched,
    NotMatched,
    /// The execution failed with this error name.
    Failed(String),
}

use Outcome::{Failed, Matched, NotMatched};

fn choice_machine(language: QueryLanguage, condition: Condition) -> StateMachine {
    let choice = ChoiceState::builder("Route")
        .when(condition, SucceedState::builder("Matched"))
        .otherwise(SucceedState::builder("Other"));
    StateMachine::builder()
        .query_language(language)
        .start(choice)
        .build()
        .expect("valid machine")
}

fn run(language: QueryLanguage, condition: Condition, input: &Value) -> Outcome {
    let execution = Executor::new(choice_machine(language, condition))
        .run(input.clone())
        .expect("runs");
    match execution.status {
        ExecutionStatus::Succeeded if execution.states.iter().any(|s| s == "Matched") => Matched,
        ExecutionStatus::Succeeded => NotMatched,
        _ => Failed(execution.error.unwrap_or_default()),
    }
}

/// Runs both forms of `predicate` on each input and checks them against the expectation.
fn check(predicate: &Predicate, cases: &[(Value, Outcome)]) {
    for (input, expected) in cases {
        let json_path = run(QueryLanguage::JsonPath, predicate.to_json_path(), input);
        let jsonata = run(QueryLanguage::Jsonata, predicate.to_jsonata(), input);
        assert_eq!(
            (&json_path, &jsonata),
            (expected, expected),
            "on {input}: JSONPath, JSONata\n  JSONPath: {:?}\n  JSONata: {}",
            predicate.to_json_path(),
            predicate.jsonata_text()
        );
    }
}

/// The expectations for the `.not()` of a predicate: matched and not matched swapped.
fn flip(cases: &[(Value, Outcome)]) -> Vec<(Value, Outcome)> {
    cases
        .iter()
        .map(|(input, outcome)| {
            let flipped = match outcome {
                Matched => NotMatched,
                NotMatched => Matched,
                Failed(error) => Failed(error.clone()),
            };
            (input.clone(), flipped)
        })
        .collect()
}

fn check_with_not(predicate: &Predicate, cases: &[(Value, Outcome)]) {
    check(predicate, cases);
    check(&predicate.clone().not(), &flip(cases));
}

fn at<P: PathNode>(field: &str) -> P {
    P::at(Location::input().field(field))
}

#[test]
fn comparisons_below_some_are_false_for_none() {
    let amount: OptionPath<f64> = at("amount");
    let absent_or_null = [
        (json!({"amount": null}), NotMatched),
        (json!({}), NotMatched),
    ];
    for predicate in [
        amount.some().gt(5.0),
        amount.some().le(5.0),
        amount.some().equals(5.0),
    ] {
        check_with_not(&predicate, &absent_or_null);
    }
    check_with_not(&amount.some().gt(5.0), &[(json!({"amount": 6}), Matched)]);
    check_with_not(
        &amount.some().le(5.0),
        &[(json!({"amount": 6}), NotMatched)],
    );

    let note: OptionPath<String> = at("note");
    let absent_or_null = [(json!({"note": null}), NotMatched), (json!({}), NotMatched)];
    check_with_not(&note.some().lt("m"), &absent_or_null);
    check_with_not(&note.some().lt("m"), &[(json!({"note": "a"}), Matched)]);
    check_with_not(
        &note.some().matches("a*").expect("a pattern"),
        &absent_or_null,
    );
    check_with_not(
        &note.some().matches("a*").expect("a pattern"),
        &[(json!({"note": "ab"}), Matched)],
    );

    let when: OptionPath<Timestamp> = at("when");
    let before = when
        .some()
        .before("2024-01-01T00:00:00Z")
        .expect("a timestamp");
    check_with_not(
        &before,
        &[
            (json!({"when": null}), NotMatched),
            (json!({}), NotMatched),
            (json!({"when": "2020-01-01T00:00:00Z"}), Matched),
        ],
    );

    // A field of a `None` is not there: the JSONPath rule does not read through `null`.
    let coupon: OptionPath<BTreeMap<String, String>> = at("coupon");
    check_with_not(
        &coupon.some().key("code").equals("X"),
        &[
            (json!({"coupon": null}), NotMatched),
            (json!({}), NotMatched),
            (json!({"coupon": {"code": "X"}}), Matched),
            (json!({"coupon": {"code": "Y"}}), NotMatched),
        ],
    );
    check_with_not(
        &coupon.some().contains_key("code"),
        &[
            (json!({"coupon": null}), NotMatched),
            (json!({}), NotMatched),
            (json!({"coupon": {}}), NotMatched),
            (json!({"coupon": {"code": "X"}}), Matched),
        ],
    );
    check_with_not(
        &coupon.some().key("code").is_absent(),
        &[
            (json!({"coupon": null}), NotMatched),
            (json!({}), NotMatched),
            (json!({"coupon": {}}), Matched),
        ],
    );
    let nested: OptionPath<BTreeMap<String, f64>> = at("coupon");
    check_with_not(
        &nested.some().key("off").lt(10.0),
        &[
            (json!({"coupon": null}), NotMatched),
            (json!({"coupon": {"off": 5}}), Matched),
        ],
    );
}

#[test]
fn infinite_operands_compare_as_rust_does() {
    let total: Path<f64> = at("total");
    let number = [
        (json!({"total": 1}), Matched),
        (json!({"total": -1e300}), Matched),
        // A type mismatch is false, as for any numeric comparison.
        (json!({"total": "1"}), NotMatched),
    ];
    for predicate in [
        total.lt(f64::INFINITY),
        total.le(f64::INFINITY),
        total.gt(f64::NEG_INFINITY),
        total.ge(f64::NEG_INFINITY),
    ] {
        check_with_not(&predicate, &number);
    }
    let never = [
        (json!({"total": 1}), NotMatched),
        (json!({"total": 1e300}), NotMatched),
    ];
    for predicate in [
        total.gt(f64::INFINITY),
        total.ge(f64::INFINITY),
        total.equals(f64::INFINITY),
        total.lt(f64::NEG_INFINITY),
        total.le(f64::NEG_INFINITY),
        total.equals(f64::NAN),
    ] {
        check_with_not(&predicate, &never);
    }
}

#[test]
fn f32_literals_are_written_as_their_shortest_decimal() {
    let ratio: Path<f32> = at("ratio");
    // Rust reads a JSON `1.1` as `1.1f32`, so `equals(1.1f32)` holds for it.
    check(&ratio.equals(1.1f32), &[(json!({"ratio": 1.1}), Matched)]);
    check(&ratio.equals(0.1f32), &[(json!({"ratio": 0.1}), Matched)]);
    check(&ratio.le(0.1f32), &[(json!({"ratio": 0.1}), Matched)]);
    check(&ratio.lt(0.1f32), &[(json!({"ratio": 0.1}), NotMatched)]);
}

#[test]
fn predicates_on_every_element_are_refused_in_both_forms() {
    let skus: ListPath<BTreeMap<String, String>> = at("items");
    let predicate = skus.all().key("sku").equals("a");
    // The JSONPath rule selects several values: validation refuses it.
    let machine = choice_machine(QueryLanguage::JsonPath, predicate.to_json_path());
    let report = sfn_dsl::validate::validate(&machine);
    let codes: Vec<Code> = report.errors().map(|diagnostic| diagnostic.code).collect();
    assert_eq!(codes, [Code::InvalidReferencePath], "{report:?}");
    // The JSONata condition fails and says why, whatever the input.
    let input = json!({"items": [{"sku": "a"}]});
    let execution = Executor::new(choice_machine(
        QueryLanguage::Jsonata,
        predicate.to_jsonata(),
    ))
    .run(input)
    .expect("runs");
    assert_eq!(execution.status, ExecutionStatus::Failed);
    let cause = execution.cause.unwrap_or_default();
    assert!(
        cause.contains("$.items[*].sku selects every element"),
        "{cause}"
    );
    // Combined or negated, a refusal stays one.
    let text = skus
        .all()
        .key("sku")
        .is_present()
        .not()
        .jsonata_text()
        .to_owned();
    assert!(text.starts_with("$not($error("), "{text}");
    let rows: ListPath<Vec<u32>> = at("matrix");
    assert!(rows.all().is_empty().jsonata_text().starts_with("$error("));
}

#[test]
fn an_index_after_every_element_picks_from_each() {
    let matrix: ListPath<Vec<u32>> = at("matrix");
    let column = matrix.all().index(1);
    let flat = matrix.all().all();
    let input = json!({"matrix": [[1, 2], [3, 4], [5]]});
    for (path, expected) in [(column, json!([2, 4])), (flat, json!([1, 2, 3, 4, 5]))] {
        let json_path =
            PassState::builder("Read").parameters(json!({"v.$": path.json_path().as_str()}));
        let jsonata =
            PassState::builder("Read").output(json!({"v": path.jsonata().to_template_string()}));
        for (language, pass) in [
            (QueryLanguage::JsonPath, json_path),
            (QueryLanguage::Jsonata, jsonata),
        ] {
            let machine = StateMachine::builder()
                .query_language(language)
                .start(pass.end())
                .build()
                .expect("valid machine");
            let execution = Executor::new(machine).run(input.clone()).expect("runs");
            assert_eq!(
                execution.output,
                Some(json!({"v": expected})),
                "{language:?}: {:?} {:?}",
                path.json_path(),
                path.jsonata()
            );
        }
    }
}

#[test]
fn timestamps_compare_only_rfc_3339_text() {
    let instant: Path<Timestamp> = at("at");
    let equals = instant.equals("2024-01-01T00:00:00Z").expect("a timestamp");
    let text = |text: &str, outcome: Outcome| (json!({ "at": text }), outcome);
    let cases = [
        text("2024-01-01T00:00:00Z", Matched),
        text("2024-01-01T01:00:00+01:00", Matched),
        text("2024-01-01T00:00:00.000Z", Matched),
        text("2024-01-01T00:00:00-00:00", Matched),
        // Not RFC 3339 as Step Functions reads it: false, where `$toMillis` alone read a
        // date or failed.
        text("2024-01-01", NotMatched),
        text("2024-01-01T00:00:00", NotMatched),
        text("2024-01-01T00:00:00+0000", NotMatched),
        text("2023-12-31T24:00:00Z", NotMatched),
        text("2023-02-29T00:00:00Z", NotMatched),
        text("2024-01-01t00:00:00z", NotMatched),
        text("2024-01-01 00:00:00Z", NotMatched),
        text("2024-01-01T00:00Z", NotMatched),
        text("not a date", NotMatched),
        text("", NotMatched),
        (json!({"at": null}), NotMatched),
        (json!({"at": 1_704_067_200_000_u64}), NotMatched),
    ];
    check_with_not(&equals, &cases);
    let before = instant.before("2024-03-01T00:00:00Z").expect("a timestamp");
    check_with_not(
        &before,
        &[
            text("2024-02-29T23:59:59.999Z", Matched),
            text("2024-02-30T00:00:00Z", NotMatched),
            text("garbage", NotMatched),
        ],
    );
    assert_eq!(
        instant.after("yesterday").map(|_| ()),
        Err(PredicateError::InvalidTimestamp {
            literal: "yesterday".to_owned()
        })
    );
    assert!(instant.not_before("2024-01-01t00:00:00z").is_err());
}

#[test]
fn is_empty_below_some_is_false_for_none() {
    let items: OptionPath<Vec<u32>> = at("items");
    check_with_not(
        &items.some().is_empty(),
        &[
            (json!({"items": []}), Matched),
            (json!({"items": [1]}), NotMatched),
            (json!({"items": null}), NotMatched),
            (json!({}), NotMatched),
        ],
    );
}

#[test]
fn patterns_with_other_escapes_are_refused() {
    let name: Path<String> = at("name");
    for (pattern, found) in [
        (r"\d", "`d`"),
        ("\\", "the end of the pattern"),
        (r"a\*\x", "`x`"),
    ] {
        assert_eq!(
            name.matches(pattern).map(|_| ()),
            Err(PredicateError::InvalidPattern {
                pattern: pattern.to_owned(),
                found: found.to_owned()
            })
        );
    }
}

/// The differences docs/macros.md documents, asserted so that a change is noticed.
#[test]
fn documented_differences_between_the_forms() {
    // A missing field that is not an `Option`: AWS fails a JSONPath rule whose `Variable`
    // selects nothing; in JSONata `=` is false for it (true under `not`) and an ordering
    // comparison fails.
    let total: Path<f64> = at("total");
    let missing = json!({});
    let runtime = Failed("States.Runtime".to_owned());
    let query = Failed("States.QueryEvaluationError".to_owned());
    for (predicate, json_path, jsonata) in [
        (total.equals(1.0), &runtime, &NotMatched),
        (total.equals(1.0).not(), &runtime, &Matched),
        (total.gt(1.0), &runtime, &query),
    ] {
        assert_eq!(
            run(QueryLanguage::JsonPath, predicate.to_json_path(), &missing),
            *json_path
        );
        assert_eq!(
            run(QueryLanguage::Jsonata, predicate.to_jsonata(), &missing),
            *jsonata
        );
    }
    // Strings order by code point in JSONPath, by UTF-16 code unit in JSONata.
    let name: Path<String> = at("name");
    let emoji = json!({"name": "😀"});
    let below = name.lt("\u{ff61}");
    assert_eq!(
        run(QueryLanguage::JsonPath, below.to_json_path(), &emoji),
        NotMatched
    );
    assert_eq!(
        run(QueryLanguage::Jsonata, below.to_jsonata(), &emoji),
        Matched
    );
}
