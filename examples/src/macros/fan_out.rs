//! Fan-out written with the macros: ask the stock service and the carrier at once, price
//! every item with at most ten calls in flight, and answer with one quote.

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, StateMachine, task, workflow};

/// A quote request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct QuoteRequest {
    /// The product.
    pub sku: String,
    /// Where it goes.
    pub destination: String,
    /// The lines to price.
    pub items: Vec<Line>,
}

/// One line of a request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Line {
    /// The product.
    pub sku: String,
    /// How many.
    pub quantity: u32,
}

/// Stock on hand.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Stock {
    /// Units available.
    pub quantity: u32,
}

/// A carrier request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
pub struct ShippingRequest {
    /// The product.
    pub sku: String,
    /// Where it goes.
    pub destination_code: String,
}

/// A carrier quote.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct ShippingQuote {
    /// The price of shipping.
    pub amount: f64,
}

/// A price.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Price {
    /// The price of the line.
    pub amount: f64,
}

/// The answer.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct Quote {
    /// Items plus shipping.
    pub total: f64,
    /// How many lines were priced.
    pub lines: usize,
}

/// Reads the stock level.
#[task(lambda = "${StockFunctionArn}")]
pub fn check_stock(sku: &str) -> Stock;

/// Asks the carrier for a price.
#[task(
    http = "https://carrier.example.com/quotes",
    method = "POST",
    connection = "${CarrierConnectionArn}"
)]
pub fn quote_shipping(request: ShippingRequest) -> ShippingQuote;

/// Prices one line.
#[task(lambda = "${PricingFunctionArn}")]
pub fn price_line(line: &Line) -> Price;

/// Quotes from several services at once, merged into one answer.
#[workflow]
pub fn fan_out(request: QuoteRequest) -> Quote {
    let (stock, shipping) = parallel!(
        check_stock(&request.sku),
        quote_shipping(ShippingRequest {
            sku: request.sku,
            destination_code: request.destination,
        }),
    )
    .catch(|error| fail!("QuoteFailed", error.cause));
    if stock.quantity == 0 {
        fail!("Stock.Empty", format!("{} is out of stock", request.sku));
    }
    let prices = fan_out(request.items, 10, |line| {
        let price = price_line(&line);
        price.amount
    });
    Quote {
        total: prices.iter().sum::<f64>() + shipping.amount,
        lines: prices.len(),
    }
}

/// The fan-out workflow's state machine.
///
/// # Errors
///
/// Never in practice: the definition is compiled and checked at build time.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    fan_out::definition()
}
