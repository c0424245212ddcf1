//! Stand-in expressions spanned as the user wrote what they replace, so that rustc reports
//! its errors on the user's tokens.

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::spanned::Spanned;

/// `function(&receiver)` standing for `receiver.method()`, spanned as the user wrote the
/// call: the function at the receiver's first token, so that rustc spans the whole call
/// (and its suggestions, such as `.try_into()`, land after the parentheses), the argument
/// as the receiver, and the argument list at the call's closing parenthesis.
pub(super) fn spanned_call(
    function: TokenStream,
    receiver: &syn::Expr,
    close: proc_macro2::Span,
) -> syn::Expr {
    let start = receiver.span();
    let function: TokenStream = function
        .into_iter()
        .map(|mut token| {
            token.set_span(start);
            token
        })
        .collect();
    let mut arguments = proc_macro2::Group::new(
        proc_macro2::Delimiter::Parenthesis,
        quote_spanned!(start=> &#receiver),
    );
    arguments.set_span(close);
    syn::parse_quote!(#function #arguments)
}

/// `base.member` read through `__private::Probe`. The receiver carries the base's first
/// span and the arguments the member's, so that rustc spans the whole read as the user
/// wrote it.
pub(super) fn read_field(base: &syn::Expr, member: &syn::Member) -> syn::Expr {
    let (start, end) = (base.span(), member.span());
    let mut receiver = proc_macro2::Group::new(
        proc_macro2::Delimiter::Parenthesis,
        quote_spanned!(start=> &::sfn_dsl::__private::Probe(&#base)),
    );
    receiver.set_span(start);
    let mut arguments = proc_macro2::Group::new(
        proc_macro2::Delimiter::Parenthesis,
        quote_spanned!(end=> |__sfn_path| ::sfn_dsl::__private::copy(&__sfn_path.#member), |__sfn_value| &__sfn_value.#member),
    );
    arguments.set_span(end);
    syn::parse_quote_spanned!(end=> #receiver.read_field #arguments)
}
