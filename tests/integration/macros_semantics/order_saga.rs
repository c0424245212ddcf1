//! The order saga (`examples/src/macros/order_saga.rs` and its builder twin
//! `examples/src/order_saga.rs`): validate, reserve (retried on throttling), charge, pack
//! every item, e-mail and text at once, wait an hour, reward orders over 100. Every
//! failure after the reservation undoes the completed steps in reverse along one chain
//! (each compensation retried) and fails with the original error and cause.

use serde_json::{Value, json};
use sfn_local::Response;

use super::twins::Twins;
use super::world::{Run, World};

const VALIDATE: &str = "${ValidateOrderFunctionArn}";
const RESERVE: &str = "${ReserveInventoryFunctionArn}";
const RELEASE: &str = "${ReleaseInventoryFunctionArn}";
const CHARGE: &str = "${ChargePaymentFunctionArn}";
const REFUND: &str = "${RefundPaymentFunctionArn}";
const PACK: &str = "${PackItemFunctionArn}";
const EMAIL: &str = "arn:aws:states:::sns:publish";
const SMS: &str = "${SendSmsFunctionArn}";
const BONUS: &str = "arn:aws:states:::aws-sdk:dynamodb:updateItem";

fn twins() -> Twins {
    Twins::new(
        sfn_examples::macros::order_saga::definition(),
        sfn_examples::order_saga::definition(),
    )
}

fn item(sku: &str, quantity: u32) -> Value {
    json!({"sku": sku, "quantity": quantity})
}

fn order(total: impl Into<Value>, items: &[Value]) -> Value {
    let total = total.into();
    json!({
        "orderId": "O-7",
        "customer": {"email": "ada@example.com", "phone": "+44 20 7946 0000"},
        "items": items,
        "total": total,
        "payment": {"card_token": "tok_visa"},
    })
}

/// Every service answers as on a good day.
fn good_day() -> World {
    World::new()
        .returns(VALIDATE, json!({"valid": true, "reason": ""}))
        .returns(RESERVE, json!({"reservation_id": "R-1"}))
        .returns(CHARGE, json!({"charge_id": "C-1"}))
        .returns(PACK, Value::Null)
        .returns(EMAIL, json!({"MessageId": "M-1"}))
        .returns(SMS, Value::Null)
        .returns(BONUS, json!({}))
        .returns(REFUND, Value::Null)
        .returns(RELEASE, Value::Null)
}

fn receipt() -> Value {
    json!({"orderId": "O-7", "reservationId": "R-1", "chargeId": "C-1"})
}

/// Runs both twins (which must behave the same); returns the macro run.
fn run(world: &World, input: &Value) -> Run {
    run_both(world, input).0
}

fn run_both(world: &World, input: &Value) -> (Run, Run) {
    twins().run(world, input)
}

/// The builder's states up to the notifications, with `items` packed.
fn builder_through_notifications(items: usize) -> Vec<&'static str> {
    let mut states = vec![
        "Validate order",
        "Valid?",
        "Reserve inventory",
        "Charge payment",
        "Pack items",
    ];
    states.extend(std::iter::repeat_n("Pack item", items));
    states.extend(["Notify customer", "Send email", "Send SMS"]);
    states
}

/// The states of a run up to the parallel notifications, with `items` packed.
fn through_notifications(items: usize) -> Vec<&'static str> {
    let mut states = vec![
        "ValidateOrder",
        "CheckValid",
        "ReserveInventory",
        "ChargePayment",
        "ForEachItem",
    ];
    states.extend(std::iter::repeat_n("PackItem", items));
    states.extend(["SendEmailAndSendSms", "SendEmail", "SendSms"]);
    states
}

#[test]
fn happy_path_with_a_bonus() {
    let items = [item("A", 1), item("B", 2)];
    let input = order(150, &items);
    let (run, builder) = run_both(&good_day(), &input);
    run.assert_output(&receipt());
    let mut states = through_notifications(2);
    states.extend(["Wait1Hour", "CheckTotal", "GrantBonus", "Done"]);
    assert_eq!(run.states(), states);
    let mut states = builder_through_notifications(2);
    states.extend([
        "Cooling-off hour",
        "Big order?",
        "Grant bonus",
        "Receipt",
        "Order completed",
    ]);
    assert_eq!(builder.states(), states);
    assert_eq!(
        run.services(),
        [VALIDATE, RESERVE, CHARGE, PACK, PACK, EMAIL, SMS, BONUS]
    );
    // What each service was given, as the Rust calls say.
    assert_eq!(run.inputs_of(VALIDATE), [&input]);
    assert_eq!(run.inputs_of(RESERVE), [&input]);
    assert_eq!(
        run.inputs_of(CHARGE),
        [&json!({"payment": {"card_token": "tok_visa"}, "amount": 150})]
    );
    assert_eq!(run.inputs_of(PACK), [&items[0], &items[1]]);
    assert_eq!(
        run.inputs_of(EMAIL),
        [&json!({"TopicArn": "${OrderEventsTopicArn}", "Message": "Order O-7 is on its way"})]
    );
    assert_eq!(
        run.inputs_of(SMS),
        [&json!({"phone": "+44 20 7946 0000", "text": "Order O-7 shipped"})]
    );
    assert_eq!(
        run.inputs_of(BONUS),
        [&json!({"email": "ada@example.com", "phone": "+44 20 7946 0000"})]
    );
    // The bonus comes after the cooling-off hour.
    assert_eq!(run.times_of(EMAIL), [0]);
    assert_eq!(run.times_of(BONUS), [3600]);
    assert_eq!(run.seconds(), 3600);
}

#[test]
fn small_orders_get_no_bonus() {
    for total in [json!(100), json!(99.5), json!(0)] {
        let run = run(&good_day(), &order(total.clone(), &[item("A", 1)]));
        run.assert_output(&receipt());
        let mut states = through_notifications(1);
        states.extend(["Wait1Hour", "CheckTotal", "Done"]);
        assert_eq!(run.states(), states, "total {total}");
        assert!(run.inputs_of(BONUS).is_empty(), "total {total}");
    }
}

#[test]
fn the_loop_packs_every_item_in_order() {
    for count in [0_usize, 1, 3] {
        let items: Vec<Value> = (0..count)
            .map(|index| item(&format!("SKU-{index}"), u32::try_from(index + 1).unwrap()))
            .collect();
        let run = run(&good_day(), &order(150, &items));
        run.assert_output(&receipt());
        let expected: Vec<&Value> = items.iter().collect();
        assert_eq!(run.inputs_of(PACK), expected, "{count} items");
        let packed = run
            .states()
            .iter()
            .filter(|name| **name == "PackItem")
            .count();
        assert_eq!(packed, count);
    }
}

#[test]
fn an_invalid_order_fails_with_the_reason_and_undoes_nothing() {
    let world = good_day().returns(VALIDATE, json!({"valid": false, "reason": "no address"}));
    let (run, builder) = run_both(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("InvalidOrder", "no address");
    assert_eq!(
        run.states(),
        ["ValidateOrder", "CheckValid", "InvalidOrder"]
    );
    assert_eq!(
        builder.states(),
        ["Validate order", "Valid?", "Invalid order"]
    );
    assert_eq!(run.services(), [VALIDATE]);
}

#[test]
fn a_failing_validation_propagates_unchanged() {
    let world = good_day().throws(VALIDATE, "Validation.Crashed", "null pointer");
    let run = run(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("Validation.Crashed", "null pointer");
    assert_eq!(run.states(), ["ValidateOrder"]);
    assert_eq!(run.services(), [VALIDATE]);
}

#[test]
fn throttled_reservations_are_retried_with_backoff() {
    let throttled = || Response::throw("Lambda.TooManyRequestsException", "slow down");
    let world = good_day().sequence(
        RESERVE,
        [
            throttled(),
            throttled(),
            Response::from(json!({"reservation_id": "R-1"})),
        ],
    );
    let run = run(&world, &order(150, &[item("A", 1)]));
    // 1 s, then 2 s (AWS defaults: interval 1, backoff 2): the hour starts 3 s late.
    assert_eq!(run.times_of(RESERVE), [0, 1, 3]);
    run.assert_output(&receipt());
    assert_eq!(run.times_of(BONUS), [3603]);
}

#[test]
fn a_reservation_that_stays_throttled_fails_after_three_retries_without_compensation() {
    let world = good_day().throws(RESERVE, "Lambda.TooManyRequestsException", "slow down");
    let run = run(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("Lambda.TooManyRequestsException", "slow down");
    assert_eq!(run.times_of(RESERVE), [0, 1, 3, 7]);
    assert_eq!(
        run.states(),
        ["ValidateOrder", "CheckValid", "ReserveInventory"]
    );
    assert_eq!(
        run.services(),
        [VALIDATE, RESERVE, RESERVE, RESERVE, RESERVE]
    );
}

#[test]
fn other_reservation_errors_are_not_retried() {
    let world = good_day().throws(RESERVE, "OutOfStock", "sku A");
    let run = run(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("OutOfStock", "sku A");
    assert_eq!(run.services(), [VALIDATE, RESERVE]);
}

#[test]
fn a_reservation_slower_than_its_minute_times_out() {
    let world = good_day().sequence(
        RESERVE,
        [Response::from(json!({"reservation_id": "R-1"}))
            .after(std::time::Duration::from_secs(61))],
    );
    // The one place the twins differ: the macro workflow lets the error propagate (no
    // cause, as AWS reports a timeout), the builder's saga catches every step's errors
    // and re-raises them from a Fail state, whose cause is the empty one of the error
    // output.
    let input = order(150, &[item("A", 1)]);
    let run = world.run(
        &sfn_examples::macros::order_saga::definition().unwrap(),
        &input,
    );
    run.assert_failed("States.Timeout", None);
    assert_eq!(run.seconds(), 60);
    assert_eq!(run.services(), [VALIDATE, RESERVE]);
    let builder = world.run(&sfn_examples::order_saga::definition().unwrap(), &input);
    builder.assert_failed("States.Timeout", "");
    assert_eq!(builder.seconds(), 60);
    assert_eq!(builder.services(), [VALIDATE, RESERVE]);
}

/// Compensations: the completed steps are undone in reverse, each with what its step
/// returned, then the execution fails with the error and cause of the failed step.
#[test]
fn a_declined_charge_releases_the_reservation() {
    let world = good_day().throws(CHARGE, "Payment.Declined", "card expired");
    let (run, builder) = run_both(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("Payment.Declined", "card expired");
    assert_eq!(
        builder.states(),
        [
            "Validate order",
            "Valid?",
            "Reserve inventory",
            "Charge payment",
            "Release inventory",
            "Saga failed: cause",
            "Saga failed"
        ]
    );
    assert_eq!(
        run.states(),
        [
            "ValidateOrder",
            "CheckValid",
            "ReserveInventory",
            "ChargePayment",
            "ReleaseInventory",
            "Failed"
        ]
    );
    assert_eq!(run.services(), [VALIDATE, RESERVE, CHARGE, RELEASE]);
    assert_eq!(run.inputs_of(RELEASE), [&json!({"reservation_id": "R-1"})]);
}

fn unwinds_after_the_charge(run: &Run, error: &str, cause: &str) {
    run.assert_failed(error, cause);
    assert_eq!(
        run.states()[run.states().len() - 3..],
        ["RefundPayment", "ReleaseInventory", "Failed"]
    );
    let services = run.services();
    assert_eq!(services[services.len() - 2..], [REFUND, RELEASE]);
    assert_eq!(run.inputs_of(REFUND), [&json!({"charge_id": "C-1"})]);
    assert_eq!(run.inputs_of(RELEASE), [&json!({"reservation_id": "R-1"})]);
    assert!(run.inputs_of(BONUS).is_empty() || error == "Bonus.Failed");
}

#[test]
fn a_packing_failure_refunds_then_releases() {
    let world = good_day().sequence(
        PACK,
        [
            Response::from(Value::Null),
            Response::throw("Packing.Jammed", "belt 3"),
        ],
    );
    let (run, builder) = run_both(
        &world,
        &order(150, &[item("A", 1), item("B", 1), item("C", 1)]),
    );
    unwinds_after_the_charge(&run, "Packing.Jammed", "belt 3");
    assert_eq!(
        builder.states()[4..],
        [
            "Pack items",
            "Pack item",
            "Pack item",
            "Refund payment",
            "Release inventory",
            "Saga failed: cause",
            "Saga failed"
        ]
    );
    assert_eq!(
        run.states(),
        [
            "ValidateOrder",
            "CheckValid",
            "ReserveInventory",
            "ChargePayment",
            "ForEachItem",
            "PackItem",
            "PackItem",
            "RefundPayment",
            "ReleaseInventory",
            "Failed"
        ]
    );
    assert_eq!(
        run.services(),
        [VALIDATE, RESERVE, CHARGE, PACK, PACK, REFUND, RELEASE]
    );
}

#[test]
fn a_failed_email_or_text_refunds_then_releases() {
    for (failing, error) in [(EMAIL, "SNS.Throttled"), (SMS, "Sms.Unreachable")] {
        let world = good_day().throws(failing, error, "no luck");
        let run = run(&world, &order(150, &[item("A", 1)]));
        unwinds_after_the_charge(&run, error, "no luck");
        assert_eq!(run.states()[..8], through_notifications(1)[..8]);
        assert!(!run.states().contains(&"Wait1Hour"), "{error}");
    }
}

#[test]
fn a_failed_bonus_refunds_then_releases_after_the_hour() {
    let world = good_day().throws(BONUS, "Bonus.Failed", "table busy");
    let run = run(&world, &order(150, &[item("A", 1)]));
    unwinds_after_the_charge(&run, "Bonus.Failed", "table busy");
    let mut states = through_notifications(1);
    states.extend([
        "Wait1Hour",
        "CheckTotal",
        "GrantBonus",
        "RefundPayment",
        "ReleaseInventory",
        "Failed",
    ]);
    assert_eq!(run.states(), states);
    assert_eq!(run.times_of(REFUND), [3600]);
}

#[test]
fn a_failed_charge_timeout_keeps_the_timeout_error() {
    let world = good_day().sequence(
        CHARGE,
        [Response::from(json!({"charge_id": "C-1"})).after(std::time::Duration::from_secs(90))],
    );
    let run = run(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("States.Timeout", "");
    assert_eq!(run.services(), [VALIDATE, RESERVE, CHARGE, RELEASE]);
    assert_eq!(run.times_of(RELEASE), [60]);
}

#[test]
fn the_execution_deadline_of_two_hours_stops_everything() {
    // Packing takes 5,000 s per item: the second item is still being packed when the two
    // hours run out. An execution timeout ends the run at once; no compensation runs.
    let world = good_day().sequence(
        PACK,
        [Response::from(Value::Null).after(std::time::Duration::from_secs(5000))],
    );
    let run = run(&world, &order(150, &[item("A", 1), item("B", 1)]));
    assert_eq!(run.execution.status.as_str(), "TIMED_OUT");
    assert_eq!(run.execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(run.seconds(), 7200);
    assert_eq!(run.times_of(PACK), [0, 5000]);
    assert!(run.inputs_of(REFUND).is_empty());
}

#[test]
fn compensations_are_retried_and_a_failing_one_stops_the_unwind() {
    // A refund that fails twice succeeds on its third attempt (1 s, then 2 s later), and
    // the unwind goes on.
    let world = good_day()
        .throws(BONUS, "Bonus.Failed", "table busy")
        .sequence(
            REFUND,
            [
                Response::throw("Refund.Busy", "later"),
                Response::throw("Refund.Busy", "later"),
                Response::from(Value::Null),
            ],
        );
    let retried = run(&world, &order(150, &[item("A", 1)]));
    retried.assert_failed("Bonus.Failed", "table busy");
    assert_eq!(retried.times_of(REFUND), [3600, 3601, 3603]);
    assert_eq!(retried.times_of(RELEASE), [3603]);
    // A refund that keeps failing (four attempts) ends the execution with its own error:
    // the reservation is not released.
    let world = good_day()
        .throws(BONUS, "Bonus.Failed", "table busy")
        .throws(REFUND, "Refund.Broken", "gateway gone");
    let broken = run(&world, &order(150, &[item("A", 1)]));
    broken.assert_failed("Refund.Broken", "gateway gone");
    assert_eq!(broken.times_of(REFUND), [3600, 3601, 3603, 3607]);
    assert!(broken.inputs_of(RELEASE).is_empty());
}

#[test]
fn a_failure_without_a_cause_is_re_raised_with_an_empty_cause() {
    let world = good_day().sequence(PACK, [Response::throw_error("Packing.Jammed")]);
    let run = run(&world, &order(150, &[item("A", 1)]));
    run.assert_failed("Packing.Jammed", "");
    let services = run.services();
    assert_eq!(services[services.len() - 2..], [REFUND, RELEASE]);
}
