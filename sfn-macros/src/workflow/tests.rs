//! Expansion snapshots (pretty-printed with prettyplease) and error collection.

use proc_macro2::TokenStream;
use quote::quote;

fn pretty(tokens: &TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens.clone()).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

fn compile_errors(tokens: &TokenStream) -> Vec<String> {
    let text = tokens.to_string();
    text.split("compile_error !")
        .skip(1)
        .filter_map(|part| part.split('"').nth(1).map(str::to_owned))
        .collect()
}

#[test]
fn workflow_expansion() {
    let tokens = super::entry(
        quote!(timeout_secs = 600),
        quote! {
            /// Charges and notifies.
            pub fn checkout(order: Order) -> Charge {
                let charge = charge_card(&order).retry(Retry::default());
                if order.total > 100.0 {
                    sleep(Duration::from_secs(60));
                    notify(format!("Thanks for {}", order.id));
                }
                charge
            }
        },
    );
    insta::assert_snapshot!("workflow_checkout", pretty(&tokens));
}

#[test]
fn every_error_of_a_workflow_is_reported_at_once() {
    let tokens = super::entry(
        quote!(timeuot_secs = 5),
        quote! {
            fn broken(order: Order) {
                while order.total > 1.0 {
                    notify(ordr.id);
                }
                println!("done");
            }
        },
    );
    assert_eq!(
        compile_errors(&tokens),
        [
            "unknown workflow key `timeuot_secs`; did you mean `timeout_secs`?",
            "macro `println!` is not supported in workflows",
            "`while` without a `sleep` would spin: add a `sleep` or use `for`",
            "`ordr` is not a workflow variable; did you mean `order`?",
        ]
    );
    // The fallback keeps the type and the shadow body, so uses elsewhere still resolve.
    let text = pretty(&tokens);
    assert!(text.contains("struct broken;"), "{text}");
    assert!(text.contains("fn __sfn_shadow(order: Order)"), "{text}");
}
