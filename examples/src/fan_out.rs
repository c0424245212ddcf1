//! Fan-out / fan-in in JSONata: ask the stock service and the carrier at once, stop when
//! nothing is in stock, price every line with at most ten calls in flight, and answer
//! with one quote. The same workflow as `macros::fan_out`.

use serde_json::json;
use sfn_dsl::patterns::{FanOut, Merge};
use sfn_dsl::prelude::*;

/// The quote workflow.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let stock = TaskState::call(
        "Check stock",
        lambda::Invoke::function("${StockFunctionArn}").payload(Arg::input_field("sku")),
    )
    .output(json!("{% $states.result.Payload %}"));
    let shipping = TaskState::call(
        "Quote shipping",
        http::Invoke::new(
            http::Method::Post,
            "https://carrier.example.com/quotes",
            "${CarrierConnectionArn}",
        )
        .request_body(Arg::object(
            Request::new()
                .field("sku", Arg::input_field("sku"))
                .field("destinationCode", Arg::input_field("destination")),
        )),
    )
    .output(json!("{% $states.result.ResponseBody %}"));
    // Any failure of either service is `QuoteFailed`, with the failure's cause.
    let quotes = FanOut::new("Gather quotes")
        .query_language(QueryLanguage::Jsonata)
        .branch("stock", stock)
        .branch("shipping", shipping)
        .merge(Merge::Keyed)
        .result_path("$.quotes")
        .into_state()
        .catch(
            Catcher::builder([ErrorName::All])
                .output(json!({"error": "{% $states.errorOutput %}"})),
            FailState::builder("Quote failed")
                .error("QuoteFailed")
                .cause_jsonata(
                    "$exists($states.input.error.Cause) ? $states.input.error.Cause : ''",
                ),
        );
    let price = TaskState::lambda_invoke("Price line", "${PricingFunctionArn}")
        .output(json!("{% $states.result.Payload.amount %}"));
    let lines = MapState::builder("Price lines")
        .items(json!("{% $states.input.items %}"))
        .max_concurrency(10)
        .item_processor(price)
        .output(json!({
            "total": "{% $sum($states.result) + $states.input.quotes.shipping.amount %}",
            "lines": "{% $count($states.result) %}",
        }));
    let decide = ChoiceState::builder("In stock?")
        .when(
            Rule::jsonata("$states.input.quotes.stock.quantity = 0"),
            FailState::builder("Out of stock")
                .error(ErrorName::custom("Stock.Empty"))
                .cause_jsonata("$states.input.sku & ' is out of stock'"),
        )
        .otherwise(lines);
    let machine = StateMachine::builder()
        .comment("Quotes from several services at once, merged into one answer")
        .query_language(QueryLanguage::Jsonata)
        .start(quotes.next(decide))
        .build()?;
    Ok(machine)
}
