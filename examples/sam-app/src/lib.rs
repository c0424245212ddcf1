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

/// The names of the `${…}` substitutions the definition needs, in order of appearance.
#[must_use]
pub fn substitutions(machine: &StateMachine) -> Vec<String> {
    let text = machine.to_json();
    let mut names: Vec<String> = Vec::new();
    for name in sfn_dsl::model::substitution_names(&text) {
        // `AWS::…` pseudo parameters are filled in by CloudFormation itself.
        if !name.starts_with("AWS::") && !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
    }
    names
}
