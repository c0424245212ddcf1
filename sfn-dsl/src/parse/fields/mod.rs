//! Reading the members of one JSON object, field by field, with unknown fields reported at
//! the end.

mod read;
mod typed;
mod unknown;
mod used;

use std::fmt;

use super::Cx;
use crate::error::ParseIssueKind;
use crate::source::{FieldIndex, Member, Node, Pointer, Span};
use crate::suggest::closest;
pub(super) use read::{expression_or_placeholder, read_str, read_string};
use used::Used;

/// The field names asked for, kept on the stack for "did you mean" hints.
const MAX_ASKED: usize = 48;

/// The members of one object, consumed by name.
pub(super) struct Fields<'n, 'p> {
    /// The members, indexed once: every field asked for is looked up among them.
    members: FieldIndex<'n>,
    /// How many members there are.
    count: usize,
    used: Used,
    /// `None` (a null pointer) rather than `""` for the free slots, so that a new cursor is
    /// zeroed memory, which is cheaper to set up.
    asked: [Option<&'static str>; MAX_ASKED],
    asked_count: usize,
    /// Names a member may be a misspelling of besides those asked for (a Choice rule's
    /// comparison operators, found by their shape rather than asked for by name).
    also_known: &'static [&'static str],
    pub(super) pointer: &'p Pointer<'p>,
    pub(super) span: Span,
}

impl<'n, 'p> Fields<'n, 'p> {
    /// Starts reading `node`, which must be an object.
    pub(super) fn new(
        cx: &mut Cx,
        node: Node<'n>,
        pointer: &'p Pointer<'p>,
        expected: &str,
    ) -> Option<Self> {
        if let Some(members) = node.as_object() {
            Some(Self {
                members: FieldIndex::new(members),
                used: Used::new(members.len()),
                count: members.len(),
                asked: [None; MAX_ASKED],
                asked_count: 0,
                also_known: &[],
                pointer,
                span: node.span(),
            })
        } else {
            cx.wrong_type(pointer, node, expected);
            None
        }
    }

    /// Takes the member `key`, if present.
    ///
    /// Always inlined: the readers name their fields with literals, so that the key's
    /// signature is worked out at compile time.
    #[expect(
        clippy::inline_always,
        reason = "measured: the key's signature folds at every call site (callgrind)"
    )]
    #[inline(always)]
    pub(super) fn take(&mut self, key: &'static str) -> Option<Node<'n>> {
        if let Some(slot) = self.asked.get_mut(self.asked_count) {
            *slot = Some(key);
            self.asked_count += 1;
        }
        let (index, value) = self.members.position(key)?;
        self.used.set(index);
        Some(value)
    }

    /// Whether the member `key` is present (without taking it).
    #[inline]
    pub(super) fn has(&self, key: &str) -> bool {
        self.members.position(key).is_some()
    }

    /// The members not taken yet.
    pub(super) fn remaining(&self) -> impl Iterator<Item = (usize, Member<'n>)> + '_ {
        self.members
            .fields()
            .enumerate()
            .filter(|(index, _)| !self.used.get(*index))
            .map(|(index, field)| (index, field.member()))
    }

    /// Makes `names` count as known names for the "did you mean" hints of
    /// [`finish`](Self::finish).
    pub(super) fn also_known(&mut self, names: &'static [&'static str]) {
        self.also_known = names;
    }

    /// Whether an unread member looks like a misspelling of one of `names`.
    pub(super) fn misspells(&self, names: &'static [&'static str]) -> bool {
        self.remaining()
            .any(|(_, member)| closest(&member.key, names.iter().copied()).is_some())
    }

    /// Marks the member at `index` as read.
    pub(super) fn mark_used(&mut self, index: usize) {
        self.used.set(index);
    }

    /// Reports a missing required field.
    pub(super) fn missing(&self, cx: &mut Cx, key: &str, what: &dyn fmt::Display) {
        cx.report(
            ParseIssueKind::MissingField,
            self.pointer,
            self.span,
            format!("{what} is missing the required field `{key}`"),
        );
    }
}
