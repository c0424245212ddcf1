//! `#[derive(Payload)]`: typed paths into a serde type's JSON form.

mod attr;
mod expand;
mod parse;

use proc_macro2::TokenStream;

use crate::ctxt::Ctxt;

pub(crate) fn entry(input: &syn::DeriveInput) -> TokenStream {
    let ctxt = Ctxt::new();
    let parsed = parse::parse(&ctxt, input);
    let tokens = match (ctxt.check(), parsed) {
        (Ok(()), Some(shape)) => expand::expand(&shape),
        (Err(errors), _) => {
            let mut tokens = errors.into_compile_error();
            tokens.extend(expand::fallback(input));
            tokens
        }
        (Ok(()), None) => expand::fallback(input),
    };
    crate::debug::dump("derive(Payload)", &input.ident.to_string(), &tokens);
    tokens
}
