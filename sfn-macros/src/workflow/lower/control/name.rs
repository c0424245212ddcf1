//! Default state names taken from the Rust expression a state tests.

use crate::case::pascal_from_snake;

/// A name for a state testing `js`: `Check` and the last field or variable it reads.
fn subject_name(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| pascal_from_snake(&crate::case::unraw(&segment.ident))),
        syn::Expr::Field(field) => match &field.member {
            syn::Member::Named(ident) => Some(pascal_from_snake(&crate::case::unraw(ident))),
            syn::Member::Unnamed(_) => subject_name(&field.base),
        },
        syn::Expr::Binary(binary) => {
            subject_name(&binary.left).or_else(|| subject_name(&binary.right))
        }
        syn::Expr::Unary(unary) => subject_name(&unary.expr),
        syn::Expr::MethodCall(call) => subject_name(&call.receiver),
        syn::Expr::Paren(paren) => subject_name(&paren.expr),
        syn::Expr::Reference(reference) => subject_name(&reference.expr),
        syn::Expr::Call(call) => call.args.first().and_then(subject_name),
        _ => None,
    }
}

pub(super) fn named(prefix: &str, expr: &syn::Expr) -> String {
    subject_name(expr).map_or_else(|| prefix.to_owned(), |subject| format!("{prefix}{subject}"))
}
