//! `#[derive(Payload)]`: typed paths into a serde type's JSON form.

mod attr;
mod expand;
mod missing;
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

#[cfg(test)]
mod tests {
    use quote::quote;

    fn expand(input: proc_macro2::TokenStream) -> String {
        let input: syn::DeriveInput = syn::parse2(input).expect("parses");
        let file: syn::File = syn::parse2(super::entry(&input)).expect("the expansion parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn struct_expansion() {
        insta::assert_snapshot!(
            "payload_struct",
            expand(quote! {
                #[serde(rename_all = "camelCase")]
                pub struct Order {
                    pub order_id: String,
                    #[serde(rename = "cust")]
                    pub customer: Customer,
                    #[serde(flatten)]
                    pub audit: Audit,
                    #[serde(skip)]
                    pub secret: String,
                }
            })
        );
    }

    #[test]
    fn enum_expansion() {
        insta::assert_snapshot!(
            "payload_enum",
            expand(quote! {
                #[serde(tag = "kind", rename_all = "snake_case")]
                pub enum Payment {
                    Card { last_four: String },
                    Invoice(InvoiceData),
                    Cash,
                }
            })
        );
    }

    #[test]
    fn missing_fields_expansion() {
        insta::assert_snapshot!(
            "payload_missing_fields",
            expand(quote! {
                #[serde(default)]
                pub struct Settings {
                    pub level: i64,
                    #[serde(default = "three")]
                    pub retries: i64,
                    #[serde(flatten)]
                    pub gift: Option<Gift>,
                }
            })
        );
    }

    #[test]
    fn newtype_expansion() {
        insta::assert_snapshot!(
            "payload_newtype",
            expand(quote! {
                pub struct Sku(pub String);
            })
        );
    }

    #[test]
    fn unknown_rename_rule_is_reported_with_a_hint() {
        let input: syn::DeriveInput = syn::parse2(quote! {
            #[serde(rename_all = "camelcase")]
            struct Order { id: String }
        })
        .expect("parses");
        let text = super::entry(&input).to_string();
        assert!(
            text.contains("unknown serde rename rule `camelcase`; did you mean `camelCase`?"),
            "{text}"
        );
    }
}
