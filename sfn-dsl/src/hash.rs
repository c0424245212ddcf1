//! The hasher of the crate's private hash tables.
//!
//! State names and payload keys are short strings looked up many times while a large machine
//! is built, parsed or checked; `SipHash` (the std default) costs more than the lookups
//! themselves there. foldhash is seeded per process, so its tables resist crafted collisions,
//! and every table iterated for output is an `IndexMap`, whose order is the insertion order
//! whatever the hasher.

/// The build hasher of the crate's private hash tables.
pub(crate) type FastHash = foldhash::fast::RandomState;

/// A `HashMap` with [`FastHash`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastHash>;

/// A `HashSet` with [`FastHash`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, FastHash>;

#[cfg(test)]
mod tests {
    use super::FastSet;

    #[test]
    fn distinct_names_stay_distinct() {
        let names: FastSet<String> = (0..1000).map(|n| format!("Step {n}")).collect();
        assert_eq!(names.len(), 1000);
        assert!(names.contains("Step 999"));
        assert!(!names.contains("Step 1000"));
    }
}
