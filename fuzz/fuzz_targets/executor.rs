//! Run random definitions on random inputs: the executor must never panic, and every run
//! must end (history and payload limits bound it). Each top-level state is also tested
//! alone (`StateTest`), which must never panic either.
//!
//! Input: a JSON definition when the data starts with `{` (seeds from the corpus), else a
//! byte stream from which a definition, its input and the mocks' answers are generated.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};
use sfn_dsl::StateMachine;
use sfn_local::test_state::{InspectionLevel, StateTest};
use sfn_local::{Executor, Limits, Mock, Mocks, Response, Unmocked};

/// Reads bytes as choices.
struct Bytes<'a> {
    data: &'a [u8],
    position: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let byte = self.data.get(self.position).copied().unwrap_or(0);
        self.position += 1;
        byte
    }

    fn pick<'v, T>(&mut self, values: &'v [T]) -> &'v T {
        &values[usize::from(self.byte()) % values.len()]
    }

    fn done(&self) -> bool {
        self.position >= self.data.len()
    }
}

const PATHS: &[&str] = &["$", "$.a", "$.a[0]", "$.b.c", "$.missing", "$$.Execution.Input", "$$.State.Name", "$v", "$.a[*]", "$..c", "$.a[1:3]", "$.a[?(@ > 1)]"];
const INTRINSICS: &[&str] = &["States.Format('{}', $.a)", "States.Array(1, $.b)", "States.ArrayLength($.a)", "States.StringToJson($.s)", "States.JsonToString($)", "States.MathAdd($.n, 1)", "States.UUID()", "States.ArrayRange(1, 5, 2)", "States.Hash($.s, 'SHA-256')"];
const JSONATA: &[&str] = &["{% $states.input %}", "{% $states.input.a %}", "{% $count($states.input.a) %}", "{% $v %}", "{% $nothing %}", "{% 1 / 0 %}", "{% [1,2,3] %}", "{% $states.context.State.Name %}"];
const ERRORS: &[&str] = &["States.ALL", "States.TaskFailed", "States.Timeout", "Custom", "States.Runtime"];

fn value(bytes: &mut Bytes<'_>, depth: u8) -> Value {
    match bytes.byte() % 8 {
        0 => Value::Null,
        1 => json!(bytes.byte() % 2 == 0),
        2 => json!(i64::from(bytes.byte()) - 100),
        3 => json!(f64::from(bytes.byte()) / 7.0),
        4 => json!(*bytes.pick(&["", "a", "[1,2]", "2016-03-14T01:59:00Z", "x*y"])),
        5 if depth < 3 => Value::Array((0..bytes.byte() % 4).map(|_| value(bytes, depth + 1)).collect()),
        6 if depth < 3 => {
            let mut map = Map::new();
            for _ in 0..bytes.byte() % 4 {
                map.insert((*bytes.pick(&["a", "b", "c", "n", "s"])).to_owned(), value(bytes, depth + 1));
            }
            Value::Object(map)
        }
        _ => json!({"a": [1, 2, 3], "b": {"c": 1}, "n": 2, "s": "{\"k\":1}"}),
    }
}

fn payload(bytes: &mut Bytes<'_>, jsonata: bool) -> Value {
    if jsonata {
        json!({"x": *bytes.pick(JSONATA), "y": value(bytes, 2)})
    } else {
        json!({"p.$": *bytes.pick(PATHS), "i.$": *bytes.pick(INTRINSICS), "l": value(bytes, 2)})
    }
}

fn states(bytes: &mut Bytes<'_>, prefix: &str, depth: u8, jsonata: bool) -> (String, Value) {
    let count = usize::from(bytes.byte() % 5) + 1;
    let names: Vec<String> = (0..count).map(|index| format!("{prefix}{index}")).collect();
    let mut list = Map::new();
    for (index, name) in names.iter().enumerate() {
        let next = || names.get(index + 1).cloned();
        let target = names[usize::from(bytes.byte()) % names.len()].clone();
        let mut state = match bytes.byte() % 9 {
            0 => json!({"Type": "Pass"}),
            1 => json!({"Type": "Task", "Resource": *bytes.pick(&["arn:aws:states:::lambda:invoke", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "arn:aws:lambda:us-east-1:1:function:f"]),
                        "TimeoutSeconds": u64::from(bytes.byte() % 5) + 1, "HeartbeatSeconds": u64::from(bytes.byte() % 3) + 1}),
            2 => json!({"Type": "Choice", "Choices": [
                    if jsonata { json!({"Condition": *bytes.pick(JSONATA), "Next": target}) }
                    else { json!({"Variable": *bytes.pick(PATHS), *bytes.pick(&["NumericEquals", "StringMatches", "IsPresent", "BooleanEquals", "TimestampLessThan"]): value(bytes, 3), "Next": target}) }
                ], "Default": target}),
            3 => json!({"Type": "Wait", "Seconds": u64::from(bytes.byte()) * 1000}),
            4 => json!({"Type": "Succeed"}),
            5 => json!({"Type": "Fail", "Error": "Boom", "Cause": "fuzz"}),
            6 if depth < 3 => {
                let branches: Vec<Value> = (0..bytes.byte() % 3 + 1)
                    .map(|branch| {
                        let (start, inner) = states(bytes, &format!("{name}b{branch}_"), depth + 1, jsonata);
                        json!({"StartAt": start, "States": inner})
                    })
                    .collect();
                json!({"Type": "Parallel", "Branches": branches})
            }
            7 if depth < 3 => {
                let (start, inner) = states(bytes, &format!("{name}m_"), depth + 1, jsonata);
                let mut map = json!({"Type": "Map", "ItemProcessor": {"StartAt": start, "States": inner},
                                     "MaxConcurrency": bytes.byte() % 3, "ToleratedFailureCount": bytes.byte() % 2});
                if !jsonata {
                    map["ItemsPath"] = json!(*bytes.pick(&["$.a", "$", "$.b"]));
                }
                map
            }
            _ => json!({"Type": "Pass", "Result": value(bytes, 1)}),
        };
        let kind = state["Type"].as_str().unwrap_or_default().to_owned();
        if matches!(kind.as_str(), "Pass" | "Task" | "Parallel" | "Map") && bytes.byte() % 2 == 0 {
            let field = if jsonata { "Output" } else if kind == "Pass" || kind == "Task" { "Parameters" } else { "ResultSelector" };
            state[field] = payload(bytes, jsonata);
        }
        if matches!(kind.as_str(), "Task" | "Parallel" | "Map") {
            state["Retry"] = json!([{"ErrorEquals": [*bytes.pick(ERRORS)], "MaxAttempts": bytes.byte() % 3, "IntervalSeconds": 1, "BackoffRate": 1.5, "JitterStrategy": "FULL"}]);
            state["Catch"] = json!([{"ErrorEquals": ["States.ALL"], "Next": target}]);
        }
        if !jsonata && bytes.byte() % 3 == 0 && kind != "Fail" {
            state["OutputPath"] = json!(*bytes.pick(PATHS));
        }
        if bytes.byte() % 3 == 0 && !matches!(kind.as_str(), "Succeed" | "Fail") {
            state["Assign"] = if jsonata { json!({"v": *bytes.pick(JSONATA)}) } else { json!({"v.$": *bytes.pick(PATHS)}) };
        }
        if matches!(kind.as_str(), "Pass" | "Task" | "Wait" | "Parallel" | "Map") {
            match next() {
                Some(next) if bytes.byte() % 4 != 0 => state["Next"] = json!(next),
                _ => state["End"] = json!(true),
            }
        }
        list.insert(name.clone(), state);
    }
    (names[0].clone(), Value::Object(list))
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_history_events: Some(2_000), ..Limits::default() };
    if data.first() == Some(&b'{') {
        // The text as one state tested alone (most seeds are machines, which it refuses).
        if let Ok(text) = std::str::from_utf8(data)
            && let Ok(test) = StateTest::state(text)
        {
            let _ = test.clone().mock_result(json!({"a": [1]})).inspection_level(InspectionLevel::Trace).run();
            let _ = test.mock_error("States.TaskFailed", "fuzz").retries_made(1).run();
        }
        if let Ok(text) = std::str::from_utf8(data)
            && let Ok(machine) = StateMachine::from_json(text)
        {
            let executor = Executor::new(machine).limits(limits).mocks(Mocks::new().unmocked(Unmocked::Echo));
            let _ = executor.run(json!({"a": [1, 2, 3], "b": {"c": 1}}));
        }
        return;
    }
    let mut bytes = Bytes { data, position: 0 };
    let jsonata = bytes.byte() % 2 == 0;
    let (start, states) = states(&mut bytes, "S", 0, jsonata);
    let mut definition = json!({"StartAt": start, "States": states});
    if jsonata {
        definition["QueryLanguage"] = json!("JSONata");
    }
    let input = value(&mut bytes, 0);
    let mut answers = Vec::new();
    while !bytes.done() && answers.len() < 8 {
        answers.push(match bytes.byte() % 4 {
            0 => Response::throw(*bytes.pick(ERRORS), "fuzz"),
            1 => Response::NoResponse,
            2 => Response::from(value(&mut bytes, 1)).after(std::time::Duration::from_secs(u64::from(bytes.byte()))),
            _ => Response::from(value(&mut bytes, 1)),
        });
    }
    let Ok(machine) = StateMachine::from_value(&definition) else { return };
    let retries_made = u32::from(bytes.byte() % 4);
    let states: Vec<String> = machine.states.iter().take(3).map(|(name, _)| name.as_str().to_owned()).collect();
    for name in states {
        let Ok(mut test) = StateTest::for_machine(machine.clone(), &name) else { continue };
        test = test.input(input.clone()).retries_made(retries_made).inspection_level(InspectionLevel::Debug);
        test = match answers.first() {
            Some(Response::Throw { error, cause }) => test.mock_error(error.clone(), cause.clone().unwrap_or_default()),
            Some(Response::Return(value)) => test.mock_result(value.clone()),
            _ => test,
        };
        if let Ok(result) = test.run() {
            let _ = result.to_json();
        }
    }
    let mock = Mock::sequence(answers);
    let mut mocks = Mocks::new().unmocked(Unmocked::Echo);
    for (name, state) in machine.all_states() {
        if matches!(state, sfn_dsl::State::Task(_)) {
            mocks = mocks.state(name.as_str(), mock.clone());
        }
    }
    let executor = Executor::new(machine).limits(limits).mocks(mocks);
    if let Ok(execution) = executor.run(input) {
        // The history never holds more than the limit, the closing event included.
        assert!(execution.event_count <= 2_000, "history limit exceeded");
        let _ = execution.history_json();
        let _ = execution.snapshot();
    }
});
