//! Sagas with cleanup: `defer` runs on success and on failure, compensations undo the
//! completed steps in reverse (the cleanup last, since it was registered first), a
//! `fail!` after a compensation enters the same chain, and loops with `break`,
//! `continue` and `break value`.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, task, workflow};

use super::world::{Run, World};

const LOCK: &str = "${LockArn}";
const UNLOCK: &str = "${UnlockArn}";
const FLIGHT: &str = "${FlightArn}";
const CANCEL_FLIGHT: &str = "${CancelFlightArn}";
const HOTEL: &str = "${HotelArn}";
const CANCEL_HOTEL: &str = "${CancelHotelArn}";
const CAR: &str = "${CarArn}";
const CANCEL_CAR: &str = "${CancelCarArn}";
const RECORD: &str = "${RecordArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Trip {
    id: String,
    nights: u32,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Booking {
    code: String,
    nights: u32,
}

#[task(resource = "${LockArn}")]
fn lock_trip(id: &str);

#[task(resource = "${UnlockArn}")]
fn unlock_trip(id: &str);

#[task(resource = "${FlightArn}")]
fn book_flight(id: &str) -> Booking;

#[task(resource = "${CancelFlightArn}")]
fn cancel_flight(booking: &Booking);

#[task(resource = "${HotelArn}")]
fn book_hotel(id: &str) -> Booking;

#[task(resource = "${CancelHotelArn}")]
fn cancel_hotel(booking: &Booking);

#[task(resource = "${CarArn}")]
fn book_car(id: &str) -> Booking;

#[task(resource = "${CancelCarArn}")]
fn cancel_car(booking: &Booking);

#[workflow]
fn trip(trip: Trip) -> String {
    lock_trip(&trip.id);
    defer(|| unlock_trip(&trip.id));
    let flight = book_flight(&trip.id).compensate(|flight| cancel_flight(&flight));
    let hotel = book_hotel(&trip.id).compensate(|hotel| cancel_hotel(&hotel));
    if hotel.nights < trip.nights {
        fail!("Booking.Short", format!("{} nights only", hotel.nights));
    }
    let car = book_car(&trip.id).compensate(|car| cancel_car(&car));
    format!("{} {} {}", flight.code, hotel.code, car.code)
}

fn agency() -> World {
    World::new()
        .returns(LOCK, Value::Null)
        .returns(UNLOCK, Value::Null)
        .returns(FLIGHT, json!({"code": "FL1", "nights": 0}))
        .returns(HOTEL, json!({"code": "HO1", "nights": 3}))
        .returns(CAR, json!({"code": "CA1", "nights": 3}))
        .returns(CANCEL_FLIGHT, Value::Null)
        .returns(CANCEL_HOTEL, Value::Null)
        .returns(CANCEL_CAR, Value::Null)
}

fn book(world: &World) -> Run {
    world.run(&trip::state_machine(), &json!({"id": "T-1", "nights": 3}))
}

#[test]
fn cleanup_runs_before_a_successful_end() {
    let run = book(&agency());
    run.assert_output(&json!("FL1 HO1 CA1"));
    assert_eq!(run.services(), [LOCK, FLIGHT, HOTEL, CAR, UNLOCK]);
    assert_eq!(run.inputs_of(UNLOCK), [&json!("T-1")]);
}

#[test]
fn a_failed_lock_has_nothing_to_undo() {
    let run = book(&agency().throws(LOCK, "Lock.Held", "by T-0"));
    run.assert_failed("Lock.Held", "by T-0");
    assert_eq!(run.services(), [LOCK]);
}

#[test]
fn failures_undo_the_completed_steps_in_reverse_then_clean_up() {
    let cases = [
        (FLIGHT, vec![LOCK, FLIGHT, UNLOCK]),
        (HOTEL, vec![LOCK, FLIGHT, HOTEL, CANCEL_FLIGHT, UNLOCK]),
        (
            CAR,
            vec![
                LOCK,
                FLIGHT,
                HOTEL,
                CAR,
                CANCEL_HOTEL,
                CANCEL_FLIGHT,
                UNLOCK,
            ],
        ),
    ];
    for (failing, services) in cases {
        let run = book(&agency().throws(failing, "Booking.Failed", failing));
        run.assert_failed("Booking.Failed", failing);
        assert_eq!(run.services(), services, "{failing}");
        assert!(run.inputs_of(CANCEL_CAR).is_empty());
    }
    let run = book(&agency().throws(CAR, "Booking.Failed", "no cars"));
    assert_eq!(
        run.inputs_of(CANCEL_HOTEL),
        [&json!({"code": "HO1", "nights": 3})]
    );
    assert_eq!(
        run.inputs_of(CANCEL_FLIGHT),
        [&json!({"code": "FL1", "nights": 0})]
    );
}

#[test]
fn a_cleanup_failing_after_success_runs_once_and_compensates_nothing() {
    let run = book(&agency().throws(UNLOCK, "Unlock.Failed", "lock lost"));
    run.assert_failed("Unlock.Failed", "lock lost");
    // Every step succeeded: nothing is cancelled, and the cleanup is not run again.
    assert_eq!(run.services(), [LOCK, FLIGHT, HOTEL, CAR, UNLOCK]);
}

#[task(resource = "${RecordArn}")]
fn record_trip(id: &str);

#[workflow]
fn audited_trip(trip: Trip) -> String {
    lock_trip(&trip.id);
    defer(|| unlock_trip(&trip.id));
    defer(|| record_trip(&trip.id));
    let flight = book_flight(&trip.id).compensate(|flight| cancel_flight(&flight));
    flight.code
}

#[test]
fn after_success_each_cleanup_runs_once_even_when_a_later_one_fails() {
    let run = |world: &World| {
        world.run(
            &audited_trip::state_machine(),
            &json!({"id": "T-1", "nights": 3}),
        )
    };
    let world = || agency().returns(RECORD, Value::Null);
    let ok = run(&world());
    ok.assert_output(&json!("FL1"));
    assert_eq!(ok.services(), [LOCK, FLIGHT, RECORD, UNLOCK]);
    // The last registered cleanup runs first; when it fails the earlier one still runs.
    let failed = run(&world().throws(RECORD, "Audit.Down", "later"));
    failed.assert_failed("Audit.Down", "later");
    assert_eq!(failed.services(), [LOCK, FLIGHT, RECORD, UNLOCK]);
    // When the earlier one fails, the later one (already run) is not run again.
    let failed = run(&world().throws(UNLOCK, "Unlock.Failed", "lock lost"));
    failed.assert_failed("Unlock.Failed", "lock lost");
    assert_eq!(failed.services(), [LOCK, FLIGHT, RECORD, UNLOCK]);
}

const CHECK: &str = "${CheckArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Verdict {
    bad: bool,
}

#[task(resource = "${CheckArn}")]
fn check_trip(id: &str) -> Verdict;

#[workflow]
fn checked_trip(trip: Trip) -> String {
    defer(|| {
        let verdict = check_trip(&trip.id);
        if verdict.bad {
            fail!("Check.Bad", "the trip did not check out");
        }
    });
    defer(|| record_trip(&trip.id));
    let flight = book_flight(&trip.id).compensate(|flight| cancel_flight(&flight));
    flight.code
}

#[test]
fn a_fail_in_a_cleanup_fails_once_whichever_path_runs_it() {
    let run = |world: World| {
        world.run(
            &checked_trip::state_machine(),
            &json!({"id": "T-1", "nights": 3}),
        )
    };
    let world = |bad: bool| {
        agency()
            .returns(RECORD, Value::Null)
            .returns(CHECK, json!({ "bad": bad }))
    };
    let ok = run(world(false));
    ok.assert_output(&json!("FL1"));
    assert_eq!(ok.services(), [FLIGHT, RECORD, CHECK]);
    // On the success path.
    let failed = run(world(true));
    failed.assert_failed("Check.Bad", "the trip did not check out");
    assert_eq!(failed.services(), [FLIGHT, RECORD, CHECK]);
    // Run by the unwind chain after a step failed: the cleanup fails the execution once
    // (it used to enter the chain again, forever).
    let failed = run(world(true).throws(FLIGHT, "Booking.Failed", "no seats"));
    failed.assert_failed("Check.Bad", "the trip did not check out");
    assert_eq!(failed.services(), [FLIGHT, RECORD, CHECK]);
    // Run after a later cleanup failed on the success path.
    let failed = run(world(true).throws(RECORD, "Audit.Down", "later"));
    failed.assert_failed("Check.Bad", "the trip did not check out");
    assert_eq!(failed.services(), [FLIGHT, RECORD, CHECK]);
}

#[test]
fn a_fail_after_a_compensation_enters_the_chain() {
    let world = agency().returns(HOTEL, json!({"code": "HO2", "nights": 2}));
    let run = book(&world);
    run.assert_failed("Booking.Short", "2 nights only");
    assert_eq!(
        run.services(),
        [LOCK, FLIGHT, HOTEL, CANCEL_HOTEL, CANCEL_FLIGHT, UNLOCK]
    );
}

#[test]
fn a_failing_compensation_stops_the_unwind_with_its_own_error() {
    // Compensations have no retry unless given one: the chain stops where one fails.
    let world = agency().throws(CAR, "Booking.Failed", "no cars").throws(
        CANCEL_HOTEL,
        "Hotel.Down",
        "try later",
    );
    let run = book(&world);
    run.assert_failed("Hotel.Down", "try later");
    assert_eq!(run.services(), [LOCK, FLIGHT, HOTEL, CAR, CANCEL_HOTEL]);
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Labels {
    labels: Vec<String>,
}

#[task(resource = "${RecordArn}")]
fn record(label: &str);

#[workflow]
fn tally(input: Labels) -> u32 {
    let mut kept = 0;
    for label in input.labels {
        if label == "skip" {
            continue;
        }
        if label == "stop" {
            break;
        }
        record(&label);
        kept += 1;
    }
    kept
}

#[test]
fn for_loops_continue_and_break() {
    let machine = tally::state_machine();
    let world = World::new().returns(RECORD, Value::Null);
    for (labels, recorded) in [
        (vec![], vec![]),
        (vec!["a"], vec!["a"]),
        (vec!["a", "skip", "b"], vec!["a", "b"]),
        (vec!["skip", "skip"], vec![]),
        (vec!["a", "stop", "b"], vec!["a"]),
        (vec!["stop"], vec![]),
        (vec!["a", "b", "c", "skip", "d"], vec!["a", "b", "c", "d"]),
    ] {
        let run = world.run(&machine, &json!({"labels": labels}));
        run.assert_output(&json!(recorded.len()));
        let recorded: Vec<Value> = recorded.into_iter().map(Value::from).collect();
        assert_eq!(
            run.inputs_of(RECORD),
            recorded.iter().collect::<Vec<_>>(),
            "{labels:?}"
        );
    }
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Limit {
    rounds: u32,
    label: String,
}

#[workflow]
fn rounds(input: Limit) -> u32 {
    let mut done = 0;
    let total = loop {
        record(&input.label);
        done += 1;
        if done >= input.rounds {
            break done * 10;
        }
        sleep(Duration::from_secs(30));
    };
    let mut waited = 0;
    while waited < input.rounds {
        sleep(Duration::from_mins(1));
        waited += 1;
    }
    total + waited
}

#[test]
fn loops_run_at_least_once_or_not_at_all_as_in_rust() {
    let machine = rounds::state_machine();
    let world = World::new().returns(RECORD, Value::Null);
    // `loop` runs its body before testing; `while` tests first.
    for (rounds, records, output, seconds) in
        [(0, 1, 10, 0), (1, 1, 11, 60), (3, 3, 33, 2 * 30 + 3 * 60)]
    {
        let run = world.run(&machine, &json!({"rounds": rounds, "label": "x"}));
        run.assert_output(&json!(output));
        assert_eq!(run.inputs_of(RECORD).len(), records, "{rounds} rounds");
        assert_eq!(run.seconds(), seconds, "{rounds} rounds");
    }
}
