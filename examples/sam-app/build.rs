//! Generates `statemachines/*.asl.json` (and `.asl.yaml`) from the typed definitions in
//! `src/machines.rs`; `template.yaml` deploys them with `DefinitionSubstitutions`. Files are
//! rewritten only when a definition changes, and an invalid definition fails the build with
//! its diagnostics.

#[path = "src/machines.rs"]
#[allow(
    unreachable_pub,
    reason = "the library exports these items; the build script only calls them"
)]
mod machines;

use sfn_dsl::build::{GenerateError, Generator};

fn main() -> Result<(), GenerateError> {
    println!("cargo::rerun-if-changed=src/machines.rs");
    println!("cargo::rerun-if-changed=statemachines");
    Generator::new()
        .out_dir("statemachines")
        .with_yaml()
        .machine("order-processing", machines::order_processing())
        .generate()?;
    Ok(())
}
