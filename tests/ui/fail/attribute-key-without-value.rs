use sfn_dsl::{task, workflow};

#[task(lambda)]
fn charge(amount: i64) -> i64;

#[workflow(name)]
fn checkout(amount: i64) -> i64 {
    charge(amount)
}

fn main() {}

#[task(lambda = 5)]
fn refund(amount: i64) -> i64;
