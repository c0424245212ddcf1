//! A typed `matches` predicate decides the same in both query languages: its JSONPath
//! `StringMatches` rule and its JSONata regex run here on the same strings.

use serde_json::json;
use sfn_dsl::StateMachine;
use sfn_dsl::model::{Condition, QueryLanguage};
use sfn_dsl::prelude::{ChoiceState, SucceedState};
use sfn_dsl::typed::{Location, Path};
use sfn_local::{ExecutionStatus, Executor};

/// Whether a Choice rule with `condition` sends `{"text": text}` to its `Next`.
fn matched(language: QueryLanguage, condition: Condition, text: &str) -> bool {
    let choice = ChoiceState::builder("Route")
        .when(condition, SucceedState::builder("Matched"))
        .otherwise(SucceedState::builder("Other"));
    let machine = StateMachine::builder()
        .query_language(language)
        .start(choice)
        .build()
        .expect("valid machine");
    let execution = Executor::new(machine)
        .run(json!({ "text": text }))
        .expect("runs");
    assert_eq!(
        execution.status,
        ExecutionStatus::Succeeded,
        "{:?}",
        execution.cause
    );
    execution.states.iter().any(|state| state == "Matched")
}

#[test]
fn matches_agrees_in_both_query_languages() {
    // Only `\*` (a literal star) and `\\` (a literal backslash) are escapes, and `*`
    // matches any characters, newlines included.
    let cases = [
        (r"x\*y", "x*y", true),
        (r"x\*y", "xay", false),
        (r"x\*y", r"x\y", false),
        (r"x\*y", r"x\ay", false),
        (r"a\\b", r"a\b", true),
        (r"a\\b", r"a\\b", false),
        (r"a\\*", r"a\ and more", true),
        (r"a\\*", "a", false),
        (r"*\\", "C:\\dir\\", true),
        (r"*\\", "C:\\dir", false),
        ("a*b", "a\nb", true),
        ("a*b", "ab", true),
        ("a*b", "a\n", false),
        ("*", "\n\n", true),
        ("*", "", true),
        ("*.log", "2024\nerror.log", true),
        ("*.log", "error_log", false),
        ("(a|b)[c]{2}+?^$/.", "(a|b)[c]{2}+?^$/.", true),
        ("(a|b)[c]{2}+?^$/.", "acc", false),
    ];
    let text: Path<String> = Path::at(Location::input().field("text"));
    for (pattern, input, expected) in cases {
        let predicate = text.matches(pattern).expect("a valid pattern");
        let json_path = matched(QueryLanguage::JsonPath, predicate.to_json_path(), input);
        let jsonata = matched(QueryLanguage::Jsonata, predicate.to_jsonata(), input);
        assert_eq!(
            (json_path, jsonata),
            (expected, expected),
            "{pattern:?} on {input:?}: JSONPath, JSONata ({})",
            predicate.jsonata_text()
        );
    }
}
