//! The order saga written with the macros: validate, reserve stock, charge, pack every
//! item, notify the customer by e-mail and SMS at once, wait out the cooling-off hour and
//! reward large orders. When a step fails after stock was reserved, the completed steps
//! are undone in reverse along one shared chain, then the execution fails with the
//! original error.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::Retry;
use sfn_dsl::{Payload, StateMachine, task, workflow};

/// An order as the execution receives it.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The order id.
    pub order_id: String,
    /// Who ordered.
    pub customer: Customer,
    /// What was ordered.
    pub items: Vec<Item>,
    /// The amount to charge.
    pub total: f64,
    /// How to charge it.
    pub payment: Payment,
}

/// A customer.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Customer {
    /// Where the confirmation goes.
    pub email: String,
    /// Where the text message goes.
    pub phone: String,
}

/// One order line.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Item {
    /// The product.
    pub sku: String,
    /// How many.
    pub quantity: u32,
}

/// A tokenised card.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Payment {
    /// The card token.
    pub card_token: String,
}

/// What validation found.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Validation {
    /// Whether the order can be processed.
    pub valid: bool,
    /// Why not.
    pub reason: String,
}

/// Reserved stock.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Reservation {
    /// The reservation id.
    pub reservation_id: String,
}

/// A successful charge.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Charge {
    /// The payment provider's id.
    pub charge_id: String,
}

/// An SNS `Publish` request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct Publish {
    /// The topic.
    pub topic_arn: String,
    /// The message text.
    pub message: String,
}

/// What the workflow returns.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// The order.
    pub order_id: String,
    /// The stock reservation.
    pub reservation_id: String,
    /// The charge.
    pub charge_id: String,
}

/// Checks the order.
#[task(lambda = "${ValidateOrderFunctionArn}")]
pub fn validate_order(order: &Order) -> Validation;

/// Reserves the ordered items.
#[task(lambda = "${ReserveInventoryFunctionArn}", timeout_secs = 60)]
pub fn reserve_inventory(order: &Order) -> Reservation;

/// Puts reserved items back.
#[task(lambda = "${ReleaseInventoryFunctionArn}")]
pub fn release_inventory(reservation: &Reservation);

/// Charges the card.
#[task(lambda = "${ChargePaymentFunctionArn}", timeout_secs = 60)]
pub fn charge_payment(payment: &Payment, amount: f64) -> Charge;

/// Refunds a charge.
#[task(lambda = "${RefundPaymentFunctionArn}")]
pub fn refund_payment(charge: &Charge);

/// Packs one item.
#[task(lambda = "${PackItemFunctionArn}")]
pub fn pack_item(item: &Item);

/// Publishes to SNS.
#[task(resource = "arn:aws:states:::sns:publish")]
pub fn send_email(request: Publish);

/// Texts the customer.
#[task(lambda = "${SendSmsFunctionArn}")]
pub fn send_sms(phone: &str, text: String);

/// Credits loyalty points.
#[task(sdk = "dynamodb:updateItem")]
pub fn grant_bonus(customer: &Customer);

/// The order saga.
#[workflow(timeout_secs = 3600)]
pub fn order_saga(order: Order) -> Receipt {
    let validation = validate_order(&order);
    if !validation.valid {
        fail!("InvalidOrder", validation.reason);
    }
    let reservation = reserve_inventory(&order)
        .retry(Retry::on(["Lambda.TooManyRequestsException"]).max_attempts(3))
        .compensate(|reservation| release_inventory(&reservation));
    let charge =
        charge_payment(&order.payment, order.total).compensate(|charge| refund_payment(&charge));
    for item in order.items {
        pack_item(&item);
    }
    parallel!(
        send_email(Publish {
            topic_arn: "${OrderEventsTopicArn}".to_owned(),
            message: format!("Order {} is on its way", order.order_id),
        }),
        send_sms(
            &order.customer.phone,
            format!("Order {} shipped", order.order_id)
        ),
    );
    sleep(Duration::from_hours(1));
    if order.total > 100.0 {
        grant_bonus(&order.customer);
    }
    Receipt {
        order_id: order.order_id,
        reservation_id: reservation.reservation_id,
        charge_id: charge.charge_id,
    }
}

/// The order saga's state machine.
///
/// # Errors
///
/// Never in practice: the definition is compiled and checked at build time.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    order_saga::definition()
}
