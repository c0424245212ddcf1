//! Expansions compile cleanly under strict lints.
#![deny(warnings, unused_qualifications, missing_docs, missing_debug_implementations, unreachable_pub, rust_2018_idioms)]

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::Retry;
use sfn_dsl::{Payload, task, workflow};

/// An order.
#[derive(Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// Id.
    pub order_id: String,
    /// Amount.
    pub total: f64,
    /// Lines.
    pub items: Vec<Line>,
    /// State.
    pub status: Status,
}

/// A line.
#[derive(Debug, Serialize, Deserialize, Payload)]
pub struct Line {
    /// Product.
    pub sku: String,
}

/// Order state.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Payload)]
pub enum Status {
    /// New.
    New,
    /// Held.
    Held,
}

/// A receipt.
#[derive(Debug, Serialize, Deserialize, Payload)]
pub struct Receipt {
    /// Number.
    pub number: String,
}

/// Charges.
#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge", timeout_secs = 30)]
pub fn charge(order: &Order) -> Receipt;

/// Refunds.
#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:refund")]
pub fn refund(receipt: &Receipt);

/// Packs.
#[task(resource = "arn:aws:states:::sqs:sendMessage")]
pub fn pack(line: &Line);

/// The workflow.
#[workflow(timeout_secs = 600)]
pub fn strict(order: Order) -> Receipt {
    if let Status::Held = order.status {
        fail!("Held", "the order is on hold");
    }
    let receipt = charge(&order)
        .retry(Retry::default())
        .compensate(|receipt| refund(&receipt));
    for line in order.items {
        pack(&line);
    }
    sleep(Duration::from_secs(5));
    receipt
}

fn main() {
    let machine = strict::state_machine();
    assert_eq!(machine.start_at, "CheckStatus");
    assert_eq!(strict::NAME, "Strict");
}
