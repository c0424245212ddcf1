//! Parse and evaluate typical Step Functions JSONata expressions.

use divan::{Bencher, black_box};
use serde_json::{Value, json};
use sfn_jsonata::{Environment, parse, step_functions};

fn main() {
    divan::main();
}

/// Expressions as they appear in `Arguments`, `Output`, `Condition` and `Items`.
const EXPRESSIONS: [&str; 6] = [
    "$states.input.order.total * 1.2",
    "$states.input.order.items[price > 10].{ 'sku': sku, 'qty': quantity }",
    "$sum($states.input.order.items.(price * quantity))",
    "$count($states.input.order.items) > 2 and $states.input.order.status = 'open'",
    "$partition($states.input.order.items.sku, 2)",
    "$states.input.order ~> |items|{'checked': true}|",
];

fn environment() -> Environment {
    let items: Vec<Value> = (0..20)
        .map(|i| json!({"sku": format!("SKU-{i}"), "price": 5 + i, "quantity": 1 + i % 3}))
        .collect();
    let mut env = Environment::new().bind(
        "states",
        json!({"input": {"order": {"id": "o-1", "status": "open", "total": 120.5, "items": items}}, "context": {}}),
    );
    step_functions::install(&mut env, step_functions::Options::default());
    env
}

#[divan::bench(args = EXPRESSIONS)]
fn parse_only(text: &str) {
    black_box(parse(black_box(text)).ok());
}

#[divan::bench(args = EXPRESSIONS)]
fn evaluate_parsed(bencher: Bencher<'_, '_>, text: &str) {
    let env = environment();
    let Ok(expression) = parse(text) else { return };
    bencher.bench_local(|| black_box(expression.evaluate(None, &env).ok()));
}

#[divan::bench(args = EXPRESSIONS)]
fn parse_and_evaluate(bencher: Bencher<'_, '_>, text: &str) {
    let env = environment();
    bencher.bench_local(|| {
        black_box(
            parse(black_box(text))
                .ok()
                .and_then(|e| e.evaluate(None, &env).ok()),
        )
    });
}
