//! The validation context: options, the machine, and the diagnostics collected so far.

use super::code::Code;
use super::diagnostic::Diagnostic;
use super::options::Options;
use crate::model::{QueryLanguage, StateMachine, StateName};
use crate::source::Pointer;

/// Collects diagnostics while the rules run.
pub(super) struct Cx<'m> {
    pub(super) options: &'m Options,
    pub(super) machine: &'m StateMachine,
    diagnostics: Vec<Diagnostic>,
}

impl<'m> Cx<'m> {
    pub(super) fn new(options: &'m Options, machine: &'m StateMachine) -> Self {
        Self {
            options,
            machine,
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Facts about the state list a state belongs to.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ListInfo {
    /// Whether the list runs as the `EXPRESS` child workflow of a Distributed Map.
    pub(super) express_child: bool,
}

/// The state being checked: its name, where it is and which query language it uses.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) name: &'a StateName,
    pub(super) pointer: &'a Pointer<'a>,
    pub(super) ql: QueryLanguage,
    pub(super) list: ListInfo,
}

impl At<'_> {
    /// A diagnostic about this state at `pointer`.
    pub(super) fn diagnostic(
        &self,
        code: Code,
        pointer: &Pointer<'_>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, pointer.to_string(), message).with_state(self.name.as_str())
    }

    /// A diagnostic about the field `key` of this state.
    pub(super) fn field(&self, code: Code, key: &str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(code, &self.pointer.key(key), message)
    }

    pub(super) fn is_jsonata(&self) -> bool {
        self.ql == QueryLanguage::Jsonata
    }
}
