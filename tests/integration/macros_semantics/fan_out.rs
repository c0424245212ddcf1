//! Fan-out (`examples/src/macros/fan_out.rs` and its builder twin `examples/src/fan_out.rs`):
//! ask the stock service and the carrier at once (any failure there is `QuoteFailed` with
//! the failure's cause), stop when nothing is in stock, price every line with at most ten
//! calls in flight, and answer the sum of the line prices plus shipping, with the number
//! of lines.

use std::time::Duration;

use serde_json::{Value, json};
use sfn_local::Response;

use super::twins::Twins;
use super::world::{Run, World};

const STOCK: &str = "${StockFunctionArn}";
const CARRIER: &str = "arn:aws:states:::http:invoke";
const PRICE: &str = "${PricingFunctionArn}";

fn twins() -> Twins {
    Twins::new(
        sfn_examples::macros::fan_out::definition(),
        sfn_examples::fan_out::definition(),
    )
}

fn line(sku: &str, quantity: u32) -> Value {
    json!({"sku": sku, "quantity": quantity})
}

fn request(lines: &[Value]) -> Value {
    json!({"sku": "SKU-1", "destination": "EH1", "items": lines})
}

/// Stock on hand, shipping at 7.5, and each line priced at 10 per unit.
fn services() -> World {
    World::new()
        .returns(STOCK, json!({"quantity": 12}))
        .returns(
            CARRIER,
            json!({"StatusCode": 200, "ResponseBody": {"amount": 7.5}}),
        )
        .answer(PRICE, |call, _| {
            let quantity = call.input["Payload"]["quantity"].as_u64().unwrap_or(0);
            Response::from(json!({"amount": quantity * 10}))
        })
}

/// Runs both twins (which must behave the same); returns the macro run.
fn execute(world: &World, lines: &[Value]) -> Run {
    execute_both(world, lines).0
}

fn execute_both(world: &World, lines: &[Value]) -> (Run, Run) {
    twins().run(world, &request(lines))
}

#[test]
fn happy_path_sums_the_lines_and_shipping() {
    let lines = [line("A", 2), line("B", 1)];
    let (run, builder) = execute_both(&services(), &lines);
    run.assert_output(&json!({"total": 37.5, "lines": 2}));
    assert_eq!(
        builder.states(),
        [
            "Gather quotes",
            "Check stock",
            "Quote shipping",
            "In stock?",
            "Price lines",
            "Price line",
            "Price line"
        ]
    );
    assert_eq!(
        run.states(),
        [
            "CheckStockAndQuoteShipping",
            "CheckStock",
            "QuoteShipping",
            "CheckQuantity",
            "FanOutLine",
            "PriceLine",
            "PriceLine"
        ]
    );
    assert_eq!(run.inputs_of(STOCK), [&json!("SKU-1")]);
    assert_eq!(
        run.inputs_of(CARRIER),
        [&json!({
            "ApiEndpoint": "https://carrier.example.com/quotes",
            "Method": "POST",
            "Authentication": {"ConnectionArn": "${CarrierConnectionArn}"},
            "RequestBody": {"sku": "SKU-1", "destinationCode": "EH1"},
        })]
    );
    assert_eq!(run.inputs_of(PRICE), [&lines[0], &lines[1]]);
}

#[test]
fn no_lines_cost_only_shipping_and_one_line_costs_itself() {
    let run = execute(&services(), &[]);
    run.assert_output(&json!({"total": 7.5, "lines": 0}));
    assert!(run.inputs_of(PRICE).is_empty());

    let run = execute(&services(), &[line("A", 3)]);
    run.assert_output(&json!({"total": 37.5, "lines": 1}));
}

#[test]
fn at_most_ten_lines_are_priced_at_once() {
    let lines: Vec<Value> = (0..12).map(|index| line(&format!("L{index}"), 1)).collect();
    let world = services().answer_async(PRICE, |_, _| async {
        Response::from(json!({"amount": 1})).after(Duration::from_secs(5))
    });
    let run = execute(&world, &lines);
    run.assert_output(&json!({"total": 19.5, "lines": 12}));
    // Ten start at once; the last two start when the first ones finish.
    let mut starts = vec![0; 10];
    starts.extend([5, 5]);
    assert_eq!(run.times_of(PRICE), starts);
    assert_eq!(run.seconds(), 10);
}

#[test]
fn nothing_in_stock_stops_before_pricing() {
    let world = services().returns(STOCK, json!({"quantity": 0}));
    let (run, builder) = execute_both(&world, &[line("A", 1)]);
    run.assert_failed("Stock.Empty", "SKU-1 is out of stock");
    assert_eq!(
        builder.states(),
        [
            "Gather quotes",
            "Check stock",
            "Quote shipping",
            "In stock?",
            "Out of stock"
        ]
    );
    assert_eq!(
        run.states(),
        [
            "CheckStockAndQuoteShipping",
            "CheckStock",
            "QuoteShipping",
            "CheckQuantity",
            "StockEmpty"
        ]
    );
    assert!(run.inputs_of(PRICE).is_empty());
}

#[test]
fn a_failing_quote_service_is_quote_failed_with_its_cause() {
    for failing in [STOCK, CARRIER] {
        let world = services().throws(failing, "Service.Down", "503 from upstream");
        let (run, builder) = execute_both(&world, &[line("A", 1)]);
        run.assert_failed("QuoteFailed", "503 from upstream");
        assert_eq!(run.states().last(), Some(&"QuoteFailed"), "{failing}");
        assert_eq!(builder.states().last(), Some(&"Quote failed"), "{failing}");
        assert!(run.inputs_of(PRICE).is_empty());
    }
}

#[test]
fn a_quote_failure_without_a_cause_is_quote_failed_with_an_empty_cause() {
    // `TaskError::cause` is a `String` that defaults to empty when the error has none.
    let world = services().sequence(CARRIER, [Response::throw_error("Service.Down")]);
    let run = execute(&world, &[line("A", 1)]);
    run.assert_failed("QuoteFailed", "");
}

#[test]
fn a_failing_line_fails_the_workflow_with_its_error() {
    let world = services().sequence(
        PRICE,
        [
            Response::from(json!({"amount": 1})),
            Response::throw("Pricing.UnknownSku", "B"),
        ],
    );
    let run = execute(&world, &[line("A", 1), line("B", 1)]);
    run.assert_failed("Pricing.UnknownSku", "B");
}
