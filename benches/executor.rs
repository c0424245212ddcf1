//! Definitions for the executor benchmarks, identical to the peers' generator
//! (`gen-asl chain N [--tasks]`, `gen-asl map`, `gen-asl items N`).

use serde_json::{Map, Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Mock, Mocks, Response};

/// `N` chained states; with `tasks`, every other one is a Task with a small `Parameters`,
/// `ResultPath: $.r`, a Retry and a Catch to a shared Fail state; otherwise all Pass.
///
/// # Panics
///
/// Never: the generated definition is valid.
#[must_use]
pub fn chain(count: usize, tasks: bool) -> StateMachine {
    let mut states = Map::new();
    for index in 0..count {
        let name = format!("S{index:05}");
        let mut state = if tasks && index % 2 == 1 {
            json!({"Type": "Task", "Resource": format!("arn:aws:lambda:us-east-1:123456789012:function:step{}", index % 10),
                   "Parameters": {"step": index, "last.$": "$.last"}, "ResultPath": "$.r",
                   "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2.0}],
                   "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}]})
        } else {
            json!({"Type": "Pass", "Result": index, "ResultPath": "$.last"})
        };
        if index + 1 < count {
            state["Next"] = json!(format!("S{:05}", index + 1));
        } else {
            state["End"] = json!(true);
        }
        states.insert(name, state);
    }
    if tasks {
        states.insert(
            "Failed".into(),
            json!({"Type": "Fail", "Error": "ChainFailed", "Cause": "a step failed"}),
        );
    }
    let definition = json!({"Comment": format!("generated chain of {count} states"), "StartAt": "S00000", "States": states});
    StateMachine::from_value(&definition).expect("generated definition is valid")
}

/// An inline Map over `$.items` with one Pass inside.
///
/// # Panics
///
/// Never: the definition is valid.
#[must_use]
pub fn map_definition() -> StateMachine {
    StateMachine::from_value(&json!({
        "Comment": "inline Map over $.items with one Pass inside", "StartAt": "Each",
        "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                "States": {"P": {"Type": "Pass", "Parameters": {"i.$": "$.i"}, "End": true}}},
            "ResultSelector": {"n.$": "States.ArrayLength($)"}, "End": true}}
    }))
    .expect("valid definition")
}

/// `{"items": [{"i": 0}, …]}` with `count` items.
#[must_use]
pub fn map_items(count: usize) -> Value {
    json!({"items": (0..count).map(|index| json!({"i": index})).collect::<Vec<_>>()})
}

/// A travel-booking saga: three bookings that each fail twice before succeeding (retried
/// with backoff), a payment, and compensations behind a catch-all.
///
/// # Panics
///
/// Never: the definition is valid.
#[must_use]
pub fn saga() -> (StateMachine, Mocks) {
    let retry = json!([{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "BackoffRate": 2.0, "MaxAttempts": 3}]);
    let catch =
        json!([{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "CancelAll"}]);
    let task = |next: &str, path: &str| {
        json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"Payload.$": "$"}, "ResultSelector": {"id.$": "$.Payload.id"},
               "ResultPath": path, "Retry": retry, "Catch": catch, "Next": next})
    };
    let machine = StateMachine::from_value(&json!({
        "StartAt": "BookFlight",
        "States": {
            "BookFlight": task("BookHotel", "$.flight"),
            "BookHotel": task("BookCar", "$.hotel"),
            "BookCar": task("Pay", "$.car"),
            "Pay": task("Confirmed", "$.payment"),
            "Confirmed": {"Type": "Succeed"},
            "CancelAll": {"Type": "Parallel", "Branches": [
                {"StartAt": "CancelFlight", "States": {"CancelFlight": {"Type": "Pass", "End": true}}},
                {"StartAt": "CancelHotel", "States": {"CancelHotel": {"Type": "Pass", "End": true}}}
            ], "Next": "Failed"},
            "Failed": {"Type": "Fail", "Error": "BookingFailed"}
        }
    }))
    .expect("valid definition");
    let flaky = |id: &str| {
        Mock::sequence([
            Response::throw("Busy", "try again"),
            Response::throw("Busy", "try again"),
            Response::from(json!({"StatusCode": 200, "Payload": {"id": id}})),
        ])
    };
    let mocks = Mocks::new()
        .state("BookFlight", flaky("F-1"))
        .state("BookHotel", flaky("H-1"))
        .state("BookCar", flaky("C-1"))
        .state("Pay", json!({"StatusCode": 200, "Payload": {"id": "P-1"}}));
    (machine, mocks)
}
