//! Procedural macros of [`sfn-dsl`](https://docs.rs/sfn-dsl).
//!
//! Do not depend on this crate directly: `sfn-dsl` re-exports its macros behind the default
//! `macros` feature, and the code they generate names `::sfn_dsl` paths.
//!
//! - `#[derive(Payload)]`: typed paths into a serde type's JSON form.
//! - `#[task(...)]`: declares a task with its typed signature and resource.
//! - `#[workflow(...)]`: compiles a Rust function body to a JSONata state machine.

mod case;
mod ctxt;
mod debug;
mod doc;
mod jsonata;
mod payload;
mod task;
mod workflow;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Derives `sfn_dsl::typed::Payload`: a `…Path` struct of typed paths that follows the
/// type's serde attributes.
#[proc_macro_derive(Payload, attributes(sfn))]
pub fn derive_payload(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as syn::DeriveInput);
    payload::entry(&input).into()
}

/// Declares a task: a bodiless function whose signature types the call and whose attribute
/// names the resource.
#[proc_macro_attribute]
pub fn task(args: TokenStream, input: TokenStream) -> TokenStream {
    task::entry(args.into(), input.into()).into()
}

/// Compiles a workflow function to a JSONata state machine.
#[proc_macro_attribute]
pub fn workflow(args: TokenStream, input: TokenStream) -> TokenStream {
    workflow::entry(args.into(), input.into()).into()
}
