//! Workflow variables (`Assign`): one scope per state list instance, reading outward.

use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::Value;

/// The variables of one scope, with a link to the enclosing scope (absent for the top
/// level and for Distributed Map children, which cannot read outer variables).
#[derive(Clone, Debug, Default)]
pub(crate) struct Variables {
    local: IndexMap<String, Value>,
    parent: Option<Rc<Variables>>,
}

impl Variables {
    /// A scope nested in `parent`.
    pub(crate) fn nested(parent: Rc<Self>) -> Self {
        Self {
            local: IndexMap::new(),
            parent: Some(parent),
        }
    }

    /// The value of `name`, searching outward.
    pub(crate) fn lookup(&self, name: &str) -> Option<&Value> {
        let mut scope = Some(self);
        while let Some(current) = scope {
            if let Some(value) = current.local.get(name) {
                return Some(value);
            }
            scope = current.parent.as_deref();
        }
        None
    }

    /// Sets variables in this scope (inner scopes may not reuse outer names).
    pub(crate) fn assign(scope: &mut Rc<Self>, values: IndexMap<String, Value>) {
        let scope = Rc::make_mut(scope);
        for (name, value) in values {
            scope.local.insert(name, value);
        }
    }

    /// The total size of all variables in scope, in bytes of JSON.
    pub(crate) fn total_size(&self) -> usize {
        let mut size = 0;
        let mut scope = Some(self);
        while let Some(current) = scope {
            size += current
                .local
                .values()
                .map(crate::executor::limits::json_size)
                .sum::<usize>();
            scope = current.parent.as_deref();
        }
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inner_scopes_read_outer_variables_and_assign_locally() {
        let mut outer = Rc::new(Variables::default());
        Variables::assign(&mut outer, IndexMap::from([("x".to_owned(), json!(1))]));
        let mut inner = Rc::new(Variables::nested(Rc::clone(&outer)));
        Variables::assign(&mut inner, IndexMap::from([("y".to_owned(), json!(2))]));
        assert_eq!(inner.lookup("x"), Some(&json!(1)));
        assert_eq!(inner.lookup("y"), Some(&json!(2)));
        assert_eq!(outer.lookup("y"), None);
    }
}
