//! The order saga: validate, reserve stock, charge, pack every item, e-mail and text the
//! customer at once, wait out the cooling-off hour and reward large orders. When a step
//! fails after stock was reserved, the completed steps are undone in reverse along one
//! shared chain (the `Saga` pattern), then the execution fails with the original error.
//! The same workflow as `macros::order_saga`.

use serde_json::json;
use sfn_dsl::patterns::{Saga, timers};
use sfn_dsl::prelude::*;

/// A task invoking the Lambda `function` with `payload`.
fn lambda(
    name: &str,
    function: &str,
    payload: impl Into<Arg>,
) -> TaskStateBuilder<sfn_dsl::builder::marker::Present> {
    TaskState::call(name, lambda::Invoke::function(function).payload(payload))
}

/// Validation: an invalid order fails with the validator's reason.
fn validation() -> Chain {
    lambda(
        "Validate order",
        "${ValidateOrderFunctionArn}",
        Arg::input(),
    )
    .result_path("$.validation")
    .next(
        ChoiceState::builder("Valid?")
            .when(
                Rule::boolean_equals("$.validation.Payload.valid", false),
                FailState::builder("Invalid order")
                    .error(ErrorName::custom("InvalidOrder"))
                    .cause_path("$.validation.Payload.reason"),
            )
            .otherwise_continue(),
    )
}

/// The e-mail and the text message, sent at once.
fn notifications() -> Chain {
    ParallelState::builder("Notify customer")
        .branch(TaskState::call(
            "Send email",
            sns::Publish::new(
                "${OrderEventsTopicArn}",
                Arg::intrinsic("States.Format('Order {} is on its way', $.orderId)"),
            ),
        ))
        .branch(lambda(
            "Send SMS",
            "${SendSmsFunctionArn}",
            Arg::object(
                Request::new()
                    .field("phone", Arg::input_field("customer.phone"))
                    .field(
                        "text",
                        Arg::intrinsic("States.Format('Order {} shipped', $.orderId)"),
                    ),
            ),
        ))
        .result_path("$.notifications")
        .into()
}

/// The loyalty bonus of orders over 100.
fn bonus() -> Chain {
    ChoiceState::builder("Big order?")
        .when(
            Rule::numeric_greater_than("$.total", 100),
            TaskState::call(
                "Grant bonus",
                sdk::AwsSdk::new("dynamodb", "updateItem")
                    .field("email", Arg::input_field("customer.email"))
                    .field("phone", Arg::input_field("customer.phone")),
            )
            .discard_result(),
        )
        .otherwise_continue()
        .into()
}

/// The order saga.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    // Each step keeps the order and stores its answer beside it, so later steps and the
    // compensations read the order (or the original input) and the answers they need.
    let reserve = lambda(
        "Reserve inventory",
        "${ReserveInventoryFunctionArn}",
        Arg::context("Execution.Input"),
    )
    .result_path("$.reservation")
    .timeout_seconds(60)
    .retry(Retrier::builder(["Lambda.TooManyRequestsException"]).max_attempts(3));
    let release = lambda(
        "Release inventory",
        "${ReleaseInventoryFunctionArn}",
        Arg::input_field("reservation.Payload"),
    );
    let charge = lambda(
        "Charge payment",
        "${ChargePaymentFunctionArn}",
        Arg::object(
            Request::new()
                .field("payment", Arg::input_field("payment"))
                .field("amount", Arg::input_field("total")),
        ),
    )
    .result_path("$.charge")
    .timeout_seconds(60);
    let refund = lambda(
        "Refund payment",
        "${RefundPaymentFunctionArn}",
        Arg::input_field("charge.Payload"),
    );
    let pack = MapState::builder("Pack items")
        .items_path("$.items")
        .max_concurrency(1)
        .item_processor(lambda("Pack item", "${PackItemFunctionArn}", Arg::input()))
        .result_path("$.packing");
    let saga = Saga::new()
        .step_without_compensation(validation())
        .step(reserve, release)
        .step(charge, refund)
        .step_without_compensation(pack)
        .step_without_compensation(notifications())
        .step_without_compensation(timers::delay("Cooling-off hour", 3_600))
        .step_without_compensation(bonus());
    let receipt = PassState::builder("Receipt").parameters(json!({
        "orderId.$": "$.orderId",
        "reservationId.$": "$.reservation.Payload.reservation_id",
        "chargeId.$": "$.charge.Payload.charge_id",
    }));
    let machine = StateMachine::builder()
        .comment("Order saga: every completed step is undone in reverse when a later one fails")
        // The cooling-off hour plus the work around it.
        .timeout_seconds(7_200)
        .start(
            Chain::from(saga)
                .next(receipt)
                .next(SucceedState::builder("Order completed")),
        )
        .build()?;
    Ok(machine)
}
