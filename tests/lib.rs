//! Integration tests of the sfn workspace live in `integration/` and `ui.rs`.

/// The code of `docs/validate.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/validate.md")]
mod validate_guide {}

/// The code of `docs/builder.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/builder.md")]
mod builder_guide {}

/// The code of `docs/patterns.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/patterns.md")]
mod patterns_guide {}

/// The code of `docs/jsonata.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/jsonata.md")]
mod jsonata_guide {}

/// The code of `docs/expressions.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/expressions.md")]
mod expressions_guide {}

/// The code of `docs/cli.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/cli.md")]
mod cli_guide {}

/// The code of `docs/macros.md`, run as doctests (here, where `sfn-local` is available to
/// its testing section).
#[cfg(doctest)]
#[doc = include_str!("../docs/macros.md")]
mod macros_guide {}

/// The code of `README.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
