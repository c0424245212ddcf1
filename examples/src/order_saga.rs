//! Order processing as a saga: reserve stock, charge the card, ship; on failure undo what
//! was done, in reverse, and fail with the original error.

use sfn_dsl::patterns::Saga;
use sfn_dsl::prelude::*;

/// A Lambda task that keeps its input and stores the function's answer at `$.<field>`,
/// retrying Lambda's transient errors.
fn step(
    name: &str,
    function: &str,
    field: &str,
) -> TaskStateBuilder<sfn_dsl::builder::marker::Present> {
    TaskState::lambda_invoke(name, function)
        .result_selector(serde_json::json!({"result.$": "$.Payload"}))
        .result_path(format!("$.{field}").as_str())
        .timeout_seconds(60)
        .retry(
            Retrier::builder(ErrorName::lambda_transient())
                .interval_seconds(2)
                .max_attempts(3)
                .backoff_rate(2),
        )
}

/// The order saga.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let saga = Saga::new()
        .step_without_compensation(step(
            "Validate order",
            "${ValidateOrderFunctionArn}",
            "validation",
        ))
        .step(
            step(
                "Reserve inventory",
                "${ReserveInventoryFunctionArn}",
                "reservation",
            ),
            TaskState::lambda_invoke("Release inventory", "${ReleaseInventoryFunctionArn}"),
        )
        .step(
            step("Charge payment", "${ChargePaymentFunctionArn}", "payment"),
            TaskState::lambda_invoke("Refund payment", "${RefundPaymentFunctionArn}"),
        )
        .step(
            TaskState::call(
                "Ship order",
                step_functions::StartExecution::new("${ShippingStateMachineArn}")
                    .input(Arg::input_field("order"))
                    .wait_for_completion(),
            )
            .result_path("$.shipment"),
            TaskState::call(
                "Cancel shipment",
                sqs::SendMessage::new("${CancellationsQueueUrl}", Arg::input_field("order")),
            ),
        )
        .step_without_compensation(
            TaskState::call(
                "Send confirmation",
                sns::Publish::new("${OrderEventsTopicArn}", Arg::input_field("order"))
                    .subject("Your order is on its way"),
            )
            .discard_result(),
        );
    let machine = StateMachine::builder()
        .comment("Order saga: every step is undone in reverse when a later one fails")
        .timeout_seconds(3_600)
        .start(Chain::from(saga).next(SucceedState::builder("Order completed")))
        .build()?;
    Ok(machine)
}
