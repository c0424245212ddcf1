//! `SFN_MACROS_DEBUG=1` prints each expansion to stderr: the crate's only I/O.

use proc_macro2::TokenStream;

pub(crate) fn dump(macro_name: &str, item: &str, tokens: &TokenStream) {
    if std::env::var_os("SFN_MACROS_DEBUG").is_some_and(|value| value == "1") {
        let text = syn::parse2::<syn::File>(tokens.clone())
            .map_or_else(|_| tokens.to_string(), |file| prettyplease::unparse(&file));
        #[expect(
            clippy::print_stderr,
            reason = "SFN_MACROS_DEBUG is the documented way to see expansions"
        )]
        {
            eprintln!("// #[{macro_name}] {item}\n{text}");
        }
    }
}
