//! Fan-out / fan-in in JSONata: ask three services at once and merge their answers.

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
        dynamodb::GetItem::new(
            "${StockTable}",
            Arg::object(Request::new().field(
                "sku",
                Arg::object(Request::new().field("S", Arg::input_field("sku"))),
            )),
        ),
    )
    .output(json!("{% $states.result.Item %}"));
    let price = TaskState::lambda_invoke("Price item", "${PricingFunctionArn}")
        .output(json!("{% $states.result.Payload %}"));
    let shipping = TaskState::call(
        "Quote shipping",
        http::Invoke::new(
            http::Method::Get,
            "https://carrier.example.com/quotes",
            "${CarrierConnectionArn}",
        )
        .query_parameters(Arg::object(
            Request::new().field("sku", Arg::input_field("sku")),
        )),
    )
    .output(json!("{% $states.result.ResponseBody %}"))
    .retry(Retrier::builder([ErrorName::custom("States.Http.StatusCode.503")]).max_attempts(2));

    let quotes = FanOut::new("Gather quotes")
        .query_language(QueryLanguage::Jsonata)
        .branch("stock", stock)
        .branch("price", price)
        .branch("shipping", shipping)
        .merge(Merge::Keyed)
        .result_path("$.quotes")
        .into_state()
        .catch(
            Catcher::builder([ErrorName::All])
                .output(json!({"error": "{% $states.errorOutput %}"})),
            FailState::builder("Quote failed")
                .error_jsonata("$states.input.error.Error")
                .cause_jsonata("$states.input.error.Cause"),
        );
    let decide = ChoiceState::builder("In stock?")
        .when(
            Rule::jsonata("$number($states.input.quotes.stock.quantity.N) > 0").assign(
                "total",
                Arg::jsonata(
                    "$states.input.quotes.price.amount + $states.input.quotes.shipping.amount",
                ),
            ),
            SucceedState::builder("Quoted").output(json!({"total": "{% $total %}"})),
        )
        .otherwise(FailState::builder("Out of stock").error(ErrorName::custom("Stock.Empty")));
    let machine = StateMachine::builder()
        .comment("Quotes from three services at once, merged into one answer")
        .query_language(QueryLanguage::Jsonata)
        .start(quotes.next(decide))
        .build()?;
    Ok(machine)
}
