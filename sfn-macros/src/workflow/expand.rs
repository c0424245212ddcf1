//! The generated items: a unit type named like the workflow function, with `definition()`,
//! `state_machine()` and `NAME`, and the shadow body in a `const _` block.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::WorkflowArgs;
use super::ast::Workflow;
use super::graph::{Graph, StateId};
use super::render::{Header, ordered, render};
use crate::case::pascal_from_snake;

pub(crate) struct Parts<'a> {
    pub(crate) function: &'a syn::ItemFn,
    pub(crate) workflow: &'a Workflow,
    pub(crate) args: &'a WorkflowArgs,
    pub(crate) graph: &'a Graph,
    pub(crate) names: &'a HashMap<StateId, String>,
    pub(crate) assertions: &'a [TokenStream],
    pub(crate) shadow: TokenStream,
}

fn outer_attrs(function: &syn::ItemFn) -> Vec<&syn::Attribute> {
    function
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc") || attr.path().is_ident("cfg"))
        .collect()
}

pub(crate) fn expand(parts: &Parts<'_>) -> TokenStream {
    let Parts {
        function,
        workflow,
        args,
        graph,
        names,
        assertions,
        shadow,
    } = parts;
    let ident = &workflow.ident;
    let vis = &workflow.vis;
    let attrs = outer_attrs(function);
    let name = args.name.as_ref().map_or_else(
        || pascal_from_snake(&crate::case::unraw(ident)),
        syn::LitStr::value,
    );
    let header = Header {
        comment: args
            .comment
            .as_ref()
            .map(syn::LitStr::value)
            .or_else(|| workflow.doc.clone()),
        timeout_secs: args
            .timeout_secs
            .as_ref()
            .and_then(|secs| secs.base10_parse().ok()),
    };
    let template = render(graph, names, &header);
    let text = &template.text;
    let holes = template
        .holes
        .iter()
        .map(|hole| quote!(::std::string::String::from(#hole)));
    let patches = ordered(graph).into_iter().filter_map(|id| {
        let state = graph.states.get(id)?;
        if state.patch.calls.is_empty() {
            return None;
        }
        let state_name = names.get(&id)?;
        let calls = &state.patch.calls;
        Some(quote!(::sfn_dsl::__private::Patch::new(#state_name) #(#calls)*))
    });
    let doc_name = format!(
        " The `{name}` workflow, compiled from `fn {ident}` by `#[workflow]`: see [`{ident}::state_machine`]."
    );
    quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = #doc_name]
        #[allow(non_camel_case_types, reason = "named like the workflow function it replaces")]
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #ident {}

        impl #ident {
            /// The workflow's name.
            pub const NAME: &'static str = #name;

            /// The state machine, built from the definition compiled by `#[workflow]`.
            ///
            /// # Errors
            ///
            /// A machine AWS would refuse because of a value computed when this runs (a
            /// `.timeout(..)` that is not whole seconds or not longer than the task's
            /// heartbeat, Distributed Map options out of range: the machine is validated);
            /// otherwise only if `sfn-macros` generated an inconsistent definition, which
            /// is a bug.
            pub fn definition() -> ::core::result::Result<::sfn_dsl::StateMachine, ::sfn_dsl::Error> {
                let holes: ::std::vec::Vec<::std::string::String> = ::std::vec![#(#holes),*];
                ::sfn_dsl::__private::assemble(#text, &holes, ::std::vec![#(#patches),*])
            }

            /// The state machine (see [`Self::definition`]).
            #[must_use]
            pub fn state_machine() -> ::sfn_dsl::StateMachine {
                ::sfn_dsl::__private::expect_machine(Self::definition())
            }
        }

        const _: () = {
            #(#assertions)*
            #shadow
        };
    }
}

/// The module with the same items when the body has errors, so that uses of the workflow
/// elsewhere do not add errors; the shadow body is kept so rustc reports type errors too.
/// The item bodies cannot run: this is only emitted together with `compile_error!`, so the
/// crate that holds it never builds.
pub(crate) fn fallback(function: &syn::ItemFn, shadow: &TokenStream) -> TokenStream {
    let ident = &function.sig.ident;
    let vis = &function.vis;
    quote! {
        #[allow(non_camel_case_types, reason = "named like the workflow function it replaces")]
        #vis struct #ident {}

        impl #ident {
            /// The workflow's name.
            pub const NAME: &'static str = "";

            /// Not available: the workflow has compile errors.
            ///
            /// # Errors
            ///
            /// Never returns.
            pub fn definition() -> ::core::result::Result<::sfn_dsl::StateMachine, ::sfn_dsl::Error> {
                ::core::unreachable!("emitted only beside a compile error, so never built")
            }

            /// Not available: the workflow has compile errors.
            #[must_use]
            pub fn state_machine() -> ::sfn_dsl::StateMachine {
                ::core::unreachable!("emitted only beside a compile error, so never built")
            }
        }

        const _: () = {
            #shadow
        };
    }
}
