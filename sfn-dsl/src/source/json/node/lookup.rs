//! An index of the members of large objects by key, made on their first lookup by key.
//! The validator places each of its diagnostics by pointer; searching a 10,000-state
//! `States` object member by member for each made placing them quadratic (two thirds of
//! `sfn validate`'s time on such a definition with a stray field in every state).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// Objects with fewer members are searched in order: comparing a few short keys costs
/// less than hashing one.
pub(crate) const INDEXED_FROM: u32 = 32;

/// Where a member is: its place among the members, and the tape index of its value.
pub(crate) type Place = (u32, u32);

/// The first member of each key, by the tape index of the object, for the large objects
/// looked up so far. A clone starts empty (it is a cache).
#[derive(Default)]
pub(crate) struct MemberIndexes(Mutex<HashMap<u32, HashMap<Box<str>, Place>>>);

impl MemberIndexes {
    /// The place of the first member named `key` of the object at tape index `object`,
    /// indexing the object with `index` on its first lookup.
    pub(crate) fn find(
        &self,
        object: u32,
        key: &str,
        index: impl FnOnce() -> HashMap<Box<str>, Place>,
    ) -> Option<Place> {
        let mut indexes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        indexes
            .entry(object)
            .or_insert_with(index)
            .get(key)
            .copied()
    }
}

impl Clone for MemberIndexes {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl fmt::Debug for MemberIndexes {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("MemberIndexes")
    }
}

#[cfg(test)]
mod tests {
    use super::INDEXED_FROM;
    use crate::source::{Document, Node};

    /// A large object answers lookups by key as a small one does: the first member of the
    /// key, escaped keys unescaped, and its place among the members.
    #[test]
    fn large_objects_are_looked_up_as_small_ones() {
        for count in [INDEXED_FROM - 1, INDEXED_FROM, 200] {
            let mut members: Vec<String> = (0..count).map(|n| format!(r#""k{n}": {n}"#)).collect();
            members.push(r#""e\u0073caped": "yes""#.to_owned());
            let text = format!("{{{}}}", members.join(", "));
            let document = Document::parse(&text).expect("a document");
            let object = document.root().as_object().expect("an object");
            for n in [0, count / 2, count - 1] {
                let (place, value) = object.position(&format!("k{n}")).expect("present");
                assert_eq!(place, n as usize, "{count} members");
                assert_eq!(value.to_value(), serde_json::json!(n));
                assert_eq!(
                    document.node_at(&format!("/k{n}")).map(Node::to_value),
                    Some(serde_json::json!(n))
                );
            }
            assert_eq!(
                object.get("escaped").and_then(Node::as_str).as_deref(),
                Some("yes")
            );
            assert!(object.get("k").is_none());
            assert!(object.get(&format!("k{count}")).is_none());
        }
    }
}
