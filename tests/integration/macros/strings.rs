//! Expressions whose JSONata reading once differed from Rust's (strings, literals, field
//! names, `return` in a fan-out closure): each workflow is run in `sfn_local` and its
//! output compared with the same Rust run directly.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, StateMachine, task, workflow};

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Words {
    text: String,
    suffix: String,
    /// Keys JSONata reads as a value, or that backquotes cannot hold.
    #[serde(rename = "true")]
    truth: String,
    #[serde(rename = "a`b")]
    odd: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Payload)]
struct Report {
    trimmed: String,
    ends: bool,
    ends_empty: bool,
    quoted: String,
    is_quote: bool,
    keys: String,
}

/// What the workflow below computes, in Rust (the same body, kept in step by hand).
fn expected(words: &Words) -> Report {
    Report {
        trimmed: words.text.trim().to_owned(),
        ends: words.text.ends_with(&words.suffix),
        ends_empty: words.text.ends_with(""),
        quoted: format!("it's {}", words.suffix),
        is_quote: words.suffix == "it's",
        keys: format!("{}{}", words.truth, words.odd),
    }
}

#[workflow]
fn strings(words: Words) -> Report {
    Report {
        trimmed: words.text.trim().to_owned(),
        ends: words.text.ends_with(&words.suffix),
        ends_empty: words.text.ends_with(""),
        quoted: format!("it's {}", words.suffix),
        is_quote: words.suffix == "it's",
        keys: format!("{}{}", words.truth, words.odd),
    }
}

fn run(machine: StateMachine, input: &Value) -> Value {
    let run = sfn_local::Executor::new(machine)
        .mocks(sfn_local::Mocks::new().unmocked(sfn_local::Unmocked::Echo))
        .run(input.clone())
        .expect("runs");
    run.output
        .unwrap_or_else(|| panic!("{:?}: {:?}", run.error, run.cause))
}

#[test]
fn string_expressions_compute_what_rust_computes() {
    for (text, suffix) in [
        ("  a  b  ", "b  "),
        ("x", ""),
        ("it's", "it's"),
        ("\tname\n", "me"),
    ] {
        let input = json!({"text": text, "suffix": suffix, "true": "T", "a`b": "B"});
        let words: Words = serde_json::from_value(input.clone()).expect("words");
        let expected = serde_json::to_value(expected(&words)).expect("json");
        let machine = strings::definition().expect("the workflow builds");
        assert_eq!(run(machine, &input), expected, "{input}");
    }
}

/// Answers with its own arguments (`Unmocked::Echo`): the text passed.
#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn echo(body: String) -> String;

#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
struct Sent {
    literal: String,
    formatted: String,
}

#[workflow]
fn templated(words: Words) -> Sent {
    let literal = echo("{% $states.input %}".to_owned());
    let formatted = echo(format!("{{% {} %}}", words.text));
    Sent { literal, formatted }
}

#[test]
fn literals_that_look_like_expressions_stay_literals() {
    let machine = templated::definition().expect("the workflow builds");
    let output = run(
        machine,
        &json!({"text": "$states.input", "suffix": "", "true": "", "a`b": ""}),
    );
    assert_eq!(
        output,
        json!({"literal": "{% $states.input %}", "formatted": "{% $states.input %}"})
    );
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Items {
    items: Vec<String>,
}

/// `return` in a fan-out closure gives that iteration's value, as in Rust.
#[workflow]
fn labels(input: Items) -> Vec<String> {
    fan_out(input.items, 2, |item| {
        if item == "gift" {
            return "wrapped".to_owned();
        }
        echo(item)
    })
}

#[test]
fn return_in_a_fan_out_closure_gives_the_iterations_value() {
    let items = ["a", "gift", "b"];
    let expected: Vec<String> = items
        .iter()
        .map(|item| {
            if *item == "gift" {
                return "wrapped".to_owned();
            }
            (*item).to_owned()
        })
        .collect();
    let machine = labels::definition().expect("the workflow builds");
    assert_eq!(run(machine, &json!({"items": items})), json!(expected));
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Count {
    n: i64,
}

/// What [`bucket`] computes, in Rust.
fn bucket_in_rust(count: &Count) -> i64 {
    match count.n {
        small @ 1..=5 => small * 10,
        large @ 6.. => large,
        _ => -1,
    }
}

#[workflow]
fn bucket(count: Count) -> i64 {
    match count.n {
        small @ 1..=5 => small * 10,
        large @ 6.. => large,
        _ => -1,
    }
}

#[test]
fn bindings_with_patterns_bind_the_matched_value() {
    for n in [-3, 0, 1, 5, 6, 40] {
        let count = Count { n };
        let machine = bucket::definition().expect("the workflow builds");
        assert_eq!(
            run(machine, &json!({"n": n})),
            json!(bucket_in_rust(&count)),
            "{n}"
        );
    }
}
