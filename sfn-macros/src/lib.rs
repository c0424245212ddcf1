//! Procedural macros of [`sfn-dsl`](https://docs.rs/sfn-dsl).
//!
//! Do not depend on this crate directly: `sfn-dsl` re-exports its macros behind the default
//! `macros` feature, and the code they generate names `::sfn_dsl` paths.
