//! The macros: typed paths from `#[derive(Payload)]`, and workflows compiled by
//! `#[workflow]` (the example workflows' ASL, and one workflow per translation rule).

mod examples;
mod missing_fields;
mod renames;
mod strings;
mod translation;
mod typed;
mod values;
