//! [`NameSet`]: which state names a chain holds, by hash, so that composing chains finds
//! clashing names without copying every name into a set.

use std::hash::BuildHasher;

use crate::hash::FastSet;

/// The hashes of a chain's state names (nested ones included).
///
/// A hash that is not in the set proves the name is free; a hash that is may be a clash or
/// a collision, so callers confirm hits against the names themselves. All sets hash with the
/// same fixed function, so they can be merged.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameSet {
    hashes: FastSet<u64>,
}

/// The hash of a state name, the same in every [`NameSet`].
fn hash(name: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(name)
}

impl NameSet {
    /// An empty set with room for `capacity` names.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            hashes: FastSet::with_capacity_and_hasher(capacity, crate::hash::FastHash::default()),
        }
    }

    /// Records `name`; `false` if its hash was already recorded (the name may be in the set).
    pub(crate) fn insert(&mut self, name: &str) -> bool {
        self.hashes.insert(hash(name))
    }

    /// Whether `name` may be in the set: `false` means it certainly is not.
    pub(crate) fn may_contain(&self, name: &str) -> bool {
        self.hashes.contains(&hash(name))
    }

    /// Records every name of `other`.
    pub(crate) fn extend(&mut self, other: NameSet) {
        self.hashes.extend(other.hashes);
    }

    /// Room for `additional` more names.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.hashes.reserve(additional);
    }

    /// The number of distinct hashes recorded.
    pub(crate) fn len(&self) -> usize {
        self.hashes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::NameSet;

    #[test]
    fn recorded_names_may_be_present_and_others_are_not() {
        let mut names = NameSet::with_capacity(2);
        names.insert("Step 1");
        let mut more = NameSet::default();
        more.insert("Step 2");
        names.extend(more);
        assert!(names.may_contain("Step 1"));
        assert!(names.may_contain("Step 2"));
        assert!(!names.may_contain("Step 3"));
        assert_eq!(names.len(), 2);
    }
}
