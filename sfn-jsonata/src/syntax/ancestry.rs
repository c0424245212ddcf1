//! Ancestry resolution for the parent operator `%`: each `%` gets a slot, and the slot is
//! bound by the step (or block, or path) whose input it refers to.

use super::ast::{Kind, Node, SlotId};
use super::process::Processor;
use crate::error::SyntaxError;

impl Processor {
    pub(super) fn level(&self, slot: SlotId) -> i64 {
        self.slots.get(slot).map_or(0, |slot| slot.level)
    }

    pub(super) fn add_level(&mut self, slot: SlotId, delta: i64) {
        if let Some(slot) = self.slots.get_mut(slot) {
            slot.level += delta;
        }
    }

    pub(super) fn seek_parent(&mut self, node: &mut Node, slot: SlotId) -> Result<(), SyntaxError> {
        match &mut node.kind {
            Kind::Name(_) | Kind::Wildcard => {
                self.add_level(slot, -1);
                if self.level(slot) == 0 {
                    if let Some(existing) = node.ancestor {
                        let label = self.slots.get(existing).map_or(existing, |slot| slot.label);
                        if let Some(target) = self.slots.get_mut(slot) {
                            target.label = label;
                        }
                    }
                    node.ancestor = Some(slot);
                    node.tuple = true;
                }
            }
            Kind::Parent(_) => self.add_level(slot, 1),
            Kind::Block(expressions) => {
                if let Some(last) = expressions.last_mut() {
                    node.tuple = true;
                    self.seek_parent(last, slot)?;
                }
            }
            Kind::Path(steps) => {
                node.tuple = true;
                let mut index = steps.len();
                while index > 0 {
                    index -= 1;
                    if let Some(step) = steps.get_mut(index) {
                        self.seek_parent(step, slot)?;
                    }
                    if self.level(slot) <= 0 {
                        break;
                    }
                }
            }
            _ => return Err(parent_error(node)),
        }
        Ok(())
    }

    pub(super) fn resolve_ancestry(&mut self, path: &mut Node) -> Result<(), SyntaxError> {
        let Kind::Path(steps) = &mut path.kind else {
            return Ok(());
        };
        let Some(last) = steps.last_mut() else {
            return Ok(());
        };
        let mut slots = std::mem::take(&mut last.seeking_parent);
        if let Kind::Parent(slot) = last.kind {
            slots.push(slot);
        }
        for slot in slots {
            // Steps are tried from the one before the last towards the first.
            let mut index = steps.len().checked_sub(2);
            while self.level(slot) > 0 {
                let Some(mut step_index) = index else {
                    path.seeking_parent.push(slot);
                    break;
                };
                index = step_index.checked_sub(1);
                // Contiguous steps that bind the focus count as one.
                while let Some(previous) = index {
                    let both_focus = steps
                        .get(step_index)
                        .is_some_and(|step| step.focus.is_some())
                        && steps.get(previous).is_some_and(|step| step.focus.is_some());
                    if !both_focus {
                        break;
                    }
                    step_index = previous;
                    index = previous.checked_sub(1);
                }
                if let Some(step) = steps.get_mut(step_index) {
                    self.seek_parent(step, slot)?;
                }
            }
        }
        Ok(())
    }
}

pub(super) fn parent_error(node: &Node) -> SyntaxError {
    SyntaxError::new(
        "S0217",
        node.pos,
        format!(
            "the object representing the 'parent' cannot be derived from this expression ({})",
            node.kind.type_name()
        ),
    )
}

/// Moves the node's unresolved ancestry slots out (a parent node seeks its own slot).
pub(super) fn take_ancestry(node: &mut Node) -> Vec<SlotId> {
    let mut slots = std::mem::take(&mut node.seeking_parent);
    if let Kind::Parent(slot) = node.kind {
        slots.push(slot);
    }
    slots
}
