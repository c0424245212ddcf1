//! A SAM application whose state machine definitions are generated at build time from
//! typed Rust (see `build.rs`), then deployed by `template.yaml` with
//! `DefinitionSubstitutions` filling in the ARNs.
//!
//! ```
//! let machine = sfn_sam_app::machines::order_processing();
//! assert!(sfn_dsl::validate::validate(&machine).is_clean());
//! ```

pub mod machines;

use sfn_dsl::StateMachine;

/// The names of the `${…}` substitutions the definition needs, in order of appearance:
/// each must be a key of the template's `DefinitionSubstitutions` (a pseudo parameter such
/// as `${AWS::Partition}` too, which the deployment fills in only inside an `Fn::Sub`).
#[must_use]
pub fn substitutions(machine: &StateMachine) -> Vec<String> {
    let text = machine.to_json();
    let mut names: Vec<String> = Vec::new();
    for name in sfn_dsl::model::substitution_names(&text) {
        if !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
    }
    names
}
