//! The shadow body: the workflow body as ordinary Rust, compiled but never run, so that
//! rustc checks its types (task arguments, comparisons) on the user's own spans.
//!
//! Rewrites keep the user's spans: variables are read through `__private::copy(&x)` (so
//! nothing is moved and the borrow checker has nothing to say about a state machine; bound
//! by a `let` first, so that a type mismatch is reported at the variable), fields
//! through `__private::Probe` (on the typed path first, so that a misspelt field is one
//! error, not one per reading), step options become type checks, `parallel!`/`fail!` and
//! the intrinsics get absolute paths, `+` must add numbers, and the operations whose Rust
//! meaning JSONata does not share are rejected: `/` on integers, an `as` that changes the
//! value (`-1 as u64`, `c as u32`, `x as i64` on a float), `.len()` on a string.

mod call;
mod operator;
mod spanned;
mod visit;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

/// Every name the body binds (parameters, `let`s, closure parameters, pattern bindings).
struct Names(BTreeSet<String>);

impl<'ast> Visit<'ast> for Names {
    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        self.0.insert(pat.ident.to_string());
        syn::visit::visit_pat_ident(self, pat);
    }

    fn visit_field_pat(&mut self, field: &'ast syn::FieldPat) {
        if field.colon_token.is_none()
            && let syn::Member::Named(ident) = &field.member
        {
            self.0.insert(ident.to_string());
        }
        syn::visit::visit_field_pat(self, field);
    }
}

struct Rewriter<'a> {
    names: BTreeSet<String>,
    /// The workflow's own name: a call to it was refused by the macro, and the name is the
    /// definition's type here, which rustc would report as "expected function".
    workflow: &'a syn::Ident,
    /// Whether the definition's code is emitted: it passes the step options' values as
    /// written (`.timeout(d)`), so rustc checks their types there, and the shadow body
    /// leaves them alone rather than report each mistake twice.
    definition_built: bool,
    /// Methods the macro refused (see `lower::Lowered::untranslated`).
    untranslated: &'a BTreeSet<String>,
    /// Variables bound to the result of a refused method: their stand-in diverges, so a
    /// cast of one is left unchecked rather than reported on `!`.
    refused_values: BTreeSet<String>,
}

/// The shadow function.
pub(crate) fn shadow(
    function: &syn::ItemFn,
    untranslated: &BTreeSet<String>,
    definition_built: bool,
) -> TokenStream {
    let mut names = Names(BTreeSet::new());
    for input in &function.sig.inputs {
        names.visit_fn_arg(input);
    }
    names.visit_block(&function.block);
    let mut body = (*function.block).clone();
    Rewriter {
        names: names.0,
        workflow: &function.sig.ident,
        definition_built,
        untranslated,
        refused_values: BTreeSet::new(),
    }
    .visit_block_mut(&mut body);
    let inputs = &function.sig.inputs;
    let output = &function.sig.output;
    quote! {
        #[allow(
            unused,
            unreachable_code,
            unused_mut,
            clippy::all,
            clippy::pedantic,
            reason = "type-checked copy of the workflow body; it never runs"
        )]
        fn __sfn_shadow(#inputs) #output {
            use ::sfn_dsl::__private::{ReadByPath as _, ReadByValue as _};
            #body
        }
    }
}
