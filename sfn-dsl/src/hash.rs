//! The hasher of the crate's private hash tables.
//!
//! State names and payload keys are short strings looked up many times while a large machine
//! is built, parsed or checked; `SipHash` (the std default) costs more than the lookups
//! themselves there. foldhash is seeded per process, so its tables resist crafted collisions,
//! and every table iterated for output is an `IndexMap`, whose order is the insertion order
//! whatever the hasher.

/// The build hasher of the crate's private hash tables.
pub(crate) type FastHash = foldhash::fast::RandomState;
