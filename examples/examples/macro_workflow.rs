//! Prints a workflow written with the macros: `cargo run --example macro_workflow -- order_saga`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "order_saga".to_owned());
    let machine = match name.as_str() {
        "order_saga" => sfn_examples::macros::order_saga::definition(),
        "fan_out" => sfn_examples::macros::fan_out::definition(),
        "timers" => sfn_examples::macros::timers::definition(),
        "human_approval" => sfn_examples::macros::human_approval::definition(),
        "polling" => sfn_examples::macros::polling::definition(),
        other => {
            eprintln!("unknown workflow `{other}`");
            return ExitCode::from(2);
        }
    };
    match machine {
        Ok(machine) => {
            println!("{}", machine.to_json_pretty());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
