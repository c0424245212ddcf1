//! Variable scopes. Frames live in an arena owned by one evaluation, so closures can refer
//! to their defining scope without reference cycles.

use std::sync::Arc;

use crate::value::Value;

pub(crate) type FrameId = usize;

/// The root frame of every evaluation.
pub(crate) const ROOT: FrameId = 0;

#[derive(Debug, Default)]
pub(crate) struct Frame {
    pub(crate) parent: Option<FrameId>,
    pub(crate) vars: Vec<(Arc<str>, Option<Value>)>,
}

impl Frame {
    pub(crate) fn get(&self, name: &str) -> Option<&Option<Value>> {
        self.vars
            .iter()
            .rev()
            .find(|(key, _)| &**key == name)
            .map(|(_, value)| value)
    }

    pub(crate) fn set(&mut self, name: Arc<str>, value: Option<Value>) {
        if let Some(slot) = self.vars.iter_mut().find(|(key, _)| *key == name) {
            slot.1 = value;
        } else {
            self.vars.push((name, value));
        }
    }
}
