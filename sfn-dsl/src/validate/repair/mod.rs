//! Reading past reading errors: a copy of a definition without the fields that could not be
//! read, so that the rules still check everything else, and a filter for what the copy's
//! missing fields alone would make them report.
//!
//! Only object members are left out (never array items, whose removal would shift the
//! indexes after them), so every pointer into the copy is the same place in the original.

use std::collections::BTreeMap;

use self::artifacts::Artifacts;
use self::place::state_place;
use super::diagnostic::Diagnostic;
use crate::error::{ParseError, ParseIssue, ParseIssueKind};
use crate::model::StateMachine;
use crate::source::{Document, Span};

/// How many times the copy is edited and read again: a field left out can let the reader
/// reach fields it skipped (the kept one of two conflicting fields).
const MAX_ROUNDS: usize = 4;

/// A machine read from a repaired copy of a definition, and what the repair changed.
pub(super) struct Repaired {
    /// The machine the copy reads as.
    pub(super) machine: StateMachine,
    artifacts: Artifacts,
}

/// One field of the original left out of the copy, or rewritten in it.
struct Change {
    /// Where the field is, in the original and the copy alike.
    pointer: String,
    /// The field its author meant: its own name, or for an unknown field, the known field it
    /// misspells (none when it misspells none).
    meant: Option<String>,
}

/// What is done to a field that cannot be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edit {
    /// Left out.
    Remove,
    /// An `End` that is not `true`, set to `true`: without it the state has no transition,
    /// which the reader refuses.
    EndTrue,
}

/// Repairs a copy of `document`, whose reading failed with `error`, until it reads: every
/// field in error that can simply be left out is (an unknown field, a wrong or invalid
/// optional one, the reported one of two conflicting fields). `None` when some problem
/// cannot be repaired so (a required field missing or of the wrong type, an unknown state
/// type, an array item of the wrong type, the root not an object), or the copy still does
/// not read after a few rounds.
pub(super) fn repair(document: &Document, error: &ParseError) -> Option<Repaired> {
    let mut changes = Vec::new();
    let mut text = edited(document, error.issues(), &mut changes)?;
    for round in 1..=MAX_ROUNDS {
        let copy = Document::parse(&text).ok()?;
        let error = match StateMachine::from_document(&copy) {
            Ok(machine) => {
                let artifacts = Artifacts::new(&changes, document, &copy);
                return Some(Repaired { machine, artifacts });
            }
            Err(error) => error,
        };
        if round == MAX_ROUNDS {
            break;
        }
        text = edited(&copy, error.issues(), &mut changes)?;
    }
    None
}

impl Repaired {
    /// Whether a rule reports `diagnostic` only because of the repair: it is at or inside a
    /// field the repair changed, it is the rules' `missing-field` of the object a field was
    /// taken from, or it reports the absence of a field that was taken out, where that
    /// absence can change what the rule finds (a Task without `TimeoutSeconds` once an
    /// invalid `TimeoutSeconds` was left out); see [`Artifacts`].
    pub(super) fn is_artifact(&self, diagnostic: &Diagnostic) -> bool {
        self.artifacts.contains(diagnostic)
    }
}

/// The text of `document` with the fields of `issues` repaired, each recorded in
/// `changes`; `None` when one of them cannot be.
fn edited(document: &Document, issues: &[ParseIssue], changes: &mut Vec<Change>) -> Option<String> {
    // The members to leave out, by the pointer of their object; and the `End` values to set.
    let mut removed: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut set_true: Vec<Span> = Vec::new();
    for issue in issues {
        let (parent, key) = issue.pointer.rsplit_once('/')?;
        let edit = edit_for(issue, parent, key)?;
        match edit {
            Edit::Remove => removed
                .entry(parent)
                .or_default()
                .push(document.locate_key(&issue.pointer)?),
            Edit::EndTrue => set_true.push(document.locate(&issue.pointer)?),
        }
        let meant = match issue.kind {
            ParseIssueKind::UnknownField => {
                misspelt(issue).or_else(|| refused_transition(document, parent, key))
            }
            _ => Some(key.to_owned()),
        };
        changes.push(Change {
            pointer: issue.pointer.clone(),
            // Setting `End` only adds a way to end: nothing is missing.
            meant: meant.filter(|_| edit == Edit::Remove),
        });
    }
    let mut bytes = document.text().as_bytes().to_vec();
    let mut blanked = Vec::new();
    for (parent, keys) in &removed {
        let members: Vec<(Span, Span)> = document
            .node_at(parent)?
            .as_object()?
            .iter()
            .map(|member| (member.key_span, member.value.span()))
            .collect();
        let is_removed = |index: usize| {
            members
                .get(index)
                .is_some_and(|(key_span, _)| keys.contains(key_span))
        };
        for index in (0..members.len()).filter(|index| is_removed(*index)) {
            let range = removal_range(&members, index, is_removed)?;
            blank(&mut bytes, range);
            blanked.push(range);
        }
    }
    // An `End` inside a member left out goes with it.
    set_true.retain(|span| {
        !blanked
            .iter()
            .any(|range| range.start <= span.start && span.end <= range.end)
    });
    // From the end, so that the places before stay where they are.
    set_true.sort_by_key(|span| std::cmp::Reverse(span.start));
    set_true.dedup();
    for span in set_true {
        bytes.splice(span.start..span.end, *b"true");
    }
    String::from_utf8(bytes).ok()
}

/// How to repair the member `key` of the object at `parent` that `issue` is about; `None`
/// when it cannot be left out.
fn edit_for(issue: &ParseIssue, parent: &str, key: &str) -> Option<Edit> {
    let is_state = |pointer: &str| state_place(pointer).is_some_and(|place| place.state == pointer);
    // A state of a state list is not a field: leaving it out would make every transition
    // to it unknown.
    if is_state(&issue.pointer) {
        return None;
    }
    // The query language decides what every field of its scope means.
    if key == "QueryLanguage" || misspelt(issue).as_deref() == Some("QueryLanguage") {
        return None;
    }
    let is_state_field = is_state(parent);
    match issue.kind {
        ParseIssueKind::WrongType | ParseIssueKind::InvalidValue
            if key == "End" && is_state_field =>
        {
            Some(Edit::EndTrue)
        }
        ParseIssueKind::UnknownField
        | ParseIssueKind::ConflictingFields
        | ParseIssueKind::WrongType
        | ParseIssueKind::InvalidValue => Some(Edit::Remove),
        _ => None,
    }
}

/// The text to blank to leave out member `index` of an object whose members are
/// `(key, value)` spans, with one comma, so that the object stays valid JSON whichever of its
/// members are left out: up to the next member's key when a kept member follows, or from
/// the end of the previous member otherwise.
fn removal_range(
    members: &[(Span, Span)],
    index: usize,
    is_removed: impl Fn(usize) -> bool,
) -> Option<Span> {
    let (key, value) = members.get(index)?;
    let kept_after = (index + 1..members.len()).any(|later| !is_removed(later));
    if kept_after {
        let (next_key, _) = members.get(index + 1)?;
        return Some(Span::new(key.start, next_key.start));
    }
    let start = match index.checked_sub(1) {
        Some(previous) => members.get(previous)?.1.end,
        None => key.start,
    };
    Some(Span::new(start, value.end))
}

/// Replaces the bytes of `range` with spaces, keeping line breaks (and so every other byte
/// where it was).
fn blank(bytes: &mut [u8], range: Span) {
    if let Some(removed) = bytes.get_mut(range.start..range.end) {
        for byte in removed {
            if !matches!(byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
    }
}

/// The transition a correctly spelt transition field that its object refuses stands for
/// (a `Catch` on a Wait state, a `Next` on a Succeed state): taken as meant, it is lost
/// from the copy, and what only it led to is not reported. A `Next` on a Choice state
/// stands for its `Default`, and a `Default` elsewhere for the `Next`: beside the field it
/// stands for, it takes nothing away.
fn refused_transition(document: &Document, parent: &str, key: &str) -> Option<String> {
    let is_choice_state = || {
        document
            .node_at(parent)
            .and_then(|state| state.as_object()?.get("Type")?.as_str())
            .is_some_and(|kind| kind == "Choice")
            && state_place(parent).is_some_and(|place| place.state == parent)
    };
    let stands_for = match key {
        "Catch" => "Catch",
        "Next" if is_choice_state() => "Default",
        "Next" | "Default" => "Next",
        _ => return None,
    };
    Some(stands_for.to_owned())
}

/// The known field an unknown field misspells, from the reader's "did you mean" hint.
fn misspelt(issue: &ParseIssue) -> Option<String> {
    let hint = issue.hint.as_deref()?;
    let name = hint.strip_prefix("did you mean `")?.strip_suffix("`?")?;
    Some(name.to_owned())
}

mod artifacts;
mod place;

#[cfg(test)]
mod tests;
