//! The validation context: options, the machine, and the diagnostics collected so far.

use std::rc::Rc;

use super::code::Code;
use super::diagnostic::Diagnostic;
use super::jsonata::Facts;
use super::options::Options;
use super::reads::Read;
use crate::hash::{FastMap, FastSet};
use crate::model::{QueryLanguage, State, StateMachine, StateName};
use crate::source::Pointer;

/// Collects diagnostics while the rules run.
pub(super) struct Cx<'m> {
    pub(super) options: &'m Options,
    pub(super) machine: &'m StateMachine,
    diagnostics: Vec<Diagnostic>,
    /// Texts already found valid, per kind of check, so that the many repeats of the same
    /// path (`$.result`, `$.error`) in a large machine are parsed once. Only membership is
    /// asked, never iteration, so the hashing order cannot leak into the output.
    valid: [FastSet<String>; 4],
    /// What each distinct valid JSONata text reads, parsed once (membership only, as above).
    jsonata: FastMap<String, Rc<Facts>>,
    /// Every variable read, in walk order, for the data-flow rules that run after the walk.
    pub(super) reads: Vec<Read>,
    /// Every variable name any state assigns, collected when first asked.
    assigned: Option<FastSet<String>>,
    /// The Map Run labels seen so far, with the state that has each (membership only).
    labels: FastMap<String, String>,
}

/// What a text was checked as, for [`Cx::is_known_valid`].
#[derive(Clone, Copy, Debug)]
pub(super) enum Checked {
    Path = 0,
    ReferencePath = 1,
    Intrinsic = 2,
    StringIntrinsic = 3,
}

impl<'m> Cx<'m> {
    pub(super) fn new(options: &'m Options, machine: &'m StateMachine) -> Self {
        Self {
            options,
            machine,
            diagnostics: Vec::new(),
            valid: Default::default(),
            jsonata: FastMap::default(),
            reads: Vec::new(),
            assigned: None,
            labels: FastMap::default(),
        }
    }

    /// Records that state `state` has the Map Run label `label`; returns the state that
    /// had it first, if another did.
    pub(super) fn first_with_label(&mut self, label: &str, state: &str) -> Option<String> {
        if let Some(first) = self.labels.get(label) {
            return Some(first.clone());
        }
        self.labels.insert(label.to_owned(), state.to_owned());
        None
    }

    /// Whether any state of the machine (nested ones included) assigns the variable `name`.
    pub(super) fn assigns(&mut self, name: &str) -> bool {
        let machine = self.machine;
        self.assigned
            .get_or_insert_with(|| {
                let mut names = Vec::new();
                super::reads::collect_assigned(&machine.states, &mut names);
                names.into_iter().collect()
            })
            .contains(name)
    }

    /// Whether `text` already passed the check `kind`.
    pub(super) fn is_known_valid(&self, kind: Checked, text: &str) -> bool {
        self.valid[kind as usize].contains(text)
    }

    /// Remembers that `text` passed the check `kind`.
    pub(super) fn remember_valid(&mut self, kind: Checked, text: &str) {
        self.valid[kind as usize].insert(text.to_owned());
    }

    /// The facts of a JSONata text already parsed successfully.
    pub(super) fn jsonata_facts(&self, text: &str) -> Option<Rc<Facts>> {
        self.jsonata.get(text).cloned()
    }

    /// Remembers the facts of a JSONata text that parsed.
    pub(super) fn remember_jsonata(&mut self, text: &str, facts: Rc<Facts>) {
        self.jsonata.insert(text.to_owned(), facts);
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
    pub(super) state: &'a State,
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

    /// How a message names the field at `pointer`: from the state's own field down
    /// (`Arguments.Payload.x[0]`), so that a key nested in a payload is not taken for a
    /// field of the state.
    pub(super) fn field_path<'p>(&self, pointer: &Pointer<'p>) -> std::borrow::Cow<'p, str> {
        pointer.field_path(self.pointer)
    }

    pub(super) fn is_jsonata(&self) -> bool {
        self.ql == QueryLanguage::Jsonata
    }
}
