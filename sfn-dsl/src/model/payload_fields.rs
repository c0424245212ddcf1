//! The field list of a payload object: a plain vector while it is small, an index map once
//! it is large.
//!
//! Most payload objects in real definitions have a handful of fields, for which a linear
//! search is faster than hashing and a hash table is one more heap block to allocate and
//! free per object. Large objects (parsed documents, generated payloads) switch to an
//! [`IndexMap`] so that inserting and looking up stay constant time.

use std::borrow::Cow;
use std::fmt;

use indexmap::IndexMap;

use super::payload::PayloadField;
use crate::hash::FastHash;

/// A field key: borrowed when it is known at compile time, owned otherwise.
pub(crate) type Key = Cow<'static, str>;

/// Objects with more fields than this are indexed by a hash table.
const SMALL: usize = 8;

/// The fields of a [`PayloadObject`](super::PayloadObject), in insertion order, with unique
/// keys.
#[derive(Clone)]
pub(crate) enum Fields {
    /// Up to [`SMALL`] fields, searched linearly.
    Small(Vec<(Key, PayloadField)>),
    /// More fields, indexed. Boxed, so that a payload (and every state field holding one)
    /// is as small as a vector: large objects are rare and one more heap block is little
    /// next to their table.
    Large(Box<IndexMap<Key, PayloadField, FastHash>>),
}

impl Default for Fields {
    fn default() -> Self {
        Self::Small(Vec::new())
    }
}

impl Fields {
    /// An empty list with room for `capacity` fields.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        match capacity {
            0..=SMALL => Self::Small(Vec::with_capacity(capacity)),
            _ => Self::Large(Box::new(IndexMap::with_capacity_and_hasher(
                capacity,
                FastHash::default(),
            ))),
        }
    }

    /// The fields `entries`, reusing the vector when it is small and its keys are unique
    /// (later entries replace earlier ones with the same key otherwise, as with
    /// [`Fields::insert`]).
    pub(crate) fn from_entries(mut entries: Vec<(Key, PayloadField)>) -> Self {
        let unique = entries.len() <= SMALL
            && entries.iter().enumerate().all(|(index, (key, _))| {
                entries
                    .get(index + 1..)
                    .is_none_or(|rest| rest.iter().all(|(other, _)| other != key))
            });
        if unique {
            return Self::Small(entries);
        }
        let mut fields = Self::with_capacity(entries.len());
        for (key, field) in entries.drain(..) {
            fields.insert(key, field);
        }
        fields
    }

    /// Sets `key` to `field`, keeping the position of an existing field with that key;
    /// returns the field it replaced.
    pub(crate) fn insert(&mut self, key: Key, field: PayloadField) -> Option<PayloadField> {
        match self {
            Self::Small(entries) => {
                if let Some((_, slot)) = entries.iter_mut().find(|(existing, _)| *existing == key) {
                    return Some(std::mem::replace(slot, field));
                }
                if entries.len() < SMALL {
                    entries.push((key, field));
                    return None;
                }
                let mut map =
                    IndexMap::with_capacity_and_hasher(entries.len() * 2, FastHash::default());
                map.extend(entries.drain(..));
                map.insert(key, field);
                *self = Self::Large(Box::new(map));
                None
            }
            Self::Large(map) => map.insert(key, field),
        }
    }

    /// The field stored under `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&PayloadField> {
        match self {
            Self::Small(entries) => entries
                .iter()
                .find(|(existing, _)| existing == key)
                .map(|(_, field)| field),
            Self::Large(map) => map.get(key),
        }
    }

    /// Removes the field stored under `key`, keeping the order of the others.
    pub(crate) fn remove(&mut self, key: &str) -> Option<PayloadField> {
        match self {
            Self::Small(entries) => {
                let index = entries.iter().position(|(existing, _)| existing == key)?;
                Some(entries.remove(index).1)
            }
            Self::Large(map) => map.shift_remove(key),
        }
    }

    /// The keys and fields, in order.
    pub(crate) fn iter(&self) -> Iter<'_> {
        match self {
            Self::Small(entries) => Iter::Small(entries.iter()),
            Self::Large(map) => Iter::Large(map.iter()),
        }
    }

    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Small(entries) => entries.len(),
            Self::Large(map) => map.len(),
        }
    }
}

/// Iterator over [`Fields`].
pub(crate) enum Iter<'a> {
    /// Over a small list.
    Small(std::slice::Iter<'a, (Key, PayloadField)>),
    /// Over an index map.
    Large(indexmap::map::Iter<'a, Key, PayloadField>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a PayloadField);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Small(entries) => entries.next().map(|(key, field)| (&**key, field)),
            Self::Large(entries) => entries.next().map(|(key, field)| (&**key, field)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Self::Small(entries) => entries.size_hint(),
            Self::Large(entries) => entries.size_hint(),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Equal when both hold the same keys with equal fields, in any order (as `IndexMap`
/// compares).
impl PartialEq for Fields {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(key, field)| other.get(key).is_some_and(|theirs| theirs == field))
    }
}

/// Printed as a map, as the `IndexMap` it replaces was.
impl fmt::Debug for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{Fields, Key, SMALL};
    use crate::model::{Payload, PayloadField};

    fn field(number: usize) -> PayloadField {
        PayloadField::Value(Payload::from(number as u64))
    }

    #[test]
    fn keys_stay_unique_and_ordered_across_the_switch_to_an_index() {
        let mut fields = Fields::default();
        for number in 0..SMALL + 3 {
            assert_eq!(
                fields.insert(Key::from(format!("k{number}")), field(number)),
                None
            );
            // Replacing keeps the first position.
            assert_eq!(
                fields.insert(Key::from("k0"), field(100 + number)),
                Some(field(if number == 0 { 0 } else { 100 + number - 1 }))
            );
        }
        assert!(matches!(fields, Fields::Large(_)));
        let keys: Vec<&str> = fields.iter().map(|(key, _)| key).collect();
        let expected: Vec<String> = (0..SMALL + 3).map(|number| format!("k{number}")).collect();
        assert_eq!(keys, expected);
        assert_eq!(fields.get("k0"), Some(&field(100 + SMALL + 2)));
        assert_eq!(fields.remove("k1"), Some(field(1)));
        assert_eq!(fields.len(), SMALL + 2);
        assert_eq!(fields.iter().len(), SMALL + 2);
    }

    #[test]
    fn entries_with_repeated_keys_keep_the_first_position_and_the_last_field() {
        let fields = Fields::from_entries(vec![
            (Key::from("a"), field(1)),
            (Key::from("b"), field(2)),
            (Key::from("a"), field(3)),
        ]);
        let entries: Vec<_> = fields.iter().collect();
        assert_eq!(entries, [("a", &field(3)), ("b", &field(2))]);
        let many: Vec<_> = (0..=SMALL)
            .map(|number| (Key::from(format!("k{number}")), field(number)))
            .collect();
        let fields = Fields::from_entries(many);
        assert!(matches!(fields, Fields::Large(_)));
        assert_eq!(fields.get("k8"), Some(&field(8)));
        let unique = Fields::from_entries(vec![(Key::from("x"), field(1))]);
        assert!(matches!(unique, Fields::Small(_)));
    }

    #[test]
    fn small_lists_remove_in_order_and_compare_regardless_of_order() {
        let mut left = Fields::with_capacity(2);
        left.insert(Key::from("a"), field(1));
        left.insert(Key::from("b"), field(2));
        let mut right = Fields::default();
        right.insert(Key::from("b"), field(2));
        right.insert(Key::from("a"), field(1));
        assert_eq!(left, right);
        right.insert(Key::from("a"), field(3));
        assert_ne!(left, right);
        assert_eq!(left.remove("a"), Some(field(1)));
        assert_eq!(left.remove("a"), None);
        assert_eq!(left.get("b"), Some(&field(2)));
        assert_eq!(format!("{left:?}"), r#"{"b": Value(Number(Number(2)))}"#);
    }
}
