//! Names and fields: workflow variables, constants, unit enum variants and field access on
//! typed values.

use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::super::js::{Hole, Js};
use super::super::super::parse::single_ident;
use super::super::{Hint, Lowerer};
use super::Tx;

fn is_uppercase_start(ident: &syn::Ident) -> bool {
    ident
        .to_string()
        .trim_start_matches("r#")
        .starts_with(|c: char| c.is_uppercase())
}

fn is_constant_name(ident: &syn::Ident) -> bool {
    let text = ident.to_string();
    text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_')
}
impl Lowerer<'_> {
    pub(super) fn path(&mut self, path: &syn::ExprPath) -> Tx {
        if let Some(ident) = single_ident(&path.path) {
            let name = crate::case::unraw(ident);
            if let Some(binding) = self.lookup(&name) {
                return Tx {
                    poisoned: binding.poisoned,
                    js: binding.js.clone(),
                    typed: binding.typed.clone(),
                    hint: binding.hint,
                };
            }
            if name == "None" {
                return Tx::plain(Js::Null);
            }
            if is_constant_name(ident) {
                return Self::constant(path);
            }
            self.unknown_name(ident);
            return Tx::poisoned();
        }
        let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
        match segments.as_slice() {
            [.., ty, variant] if is_uppercase_start(&ty.ident) && is_uppercase_start(&variant.ident) && !is_constant_name(&variant.ident) => {
                let mut enum_path = path.path.clone();
                enum_path.segments.pop();
                let enum_path = strip_trailing_colons(&enum_path);
                let variant = variant.ident.to_string();
                let span = path.span();
                Tx::plain(Js::Atom(Hole::new(quote_spanned!(span=> ::sfn_dsl::__private::unit_value::<#enum_path>(#variant)))))
            }
            [.., last] if is_constant_name(&last.ident) => Self::constant(path),
            _ => self.invalid(path, "only workflow variables, constants and unit enum variants can be named in a workflow expression"),
        }
    }

    fn constant(path: &syn::ExprPath) -> Tx {
        let span = path.span();
        Tx::plain(Js::Atom(Hole::new(
            quote_spanned!(span=> ::sfn_dsl::__private::constant(&#path)),
        )))
    }

    pub(super) fn field(&mut self, field: &syn::ExprField) -> Tx {
        let base = self.translate_inner(&field.base);
        if base.poisoned {
            return base;
        }
        let Some((root, path)) = base.typed else {
            if let syn::Member::Unnamed(index) = &field.member {
                return Tx::plain(Js::Index(
                    Box::new(base.js),
                    Box::new(Js::Num(index.index.to_string())),
                ));
            }
            return self.invalid(&field.member, "the JSON name of this field is unknown: give the value a type that derives `Payload` (`let x: MyType = …;`)");
        };
        let member = match &field.member {
            syn::Member::Named(ident) => quote!(#ident),
            syn::Member::Unnamed(index) => {
                let ident = quote::format_ident!("_{}", index.index, span = index.span);
                quote!(#ident)
            }
        };
        let span = field.member.span();
        let typed = quote_spanned!(span=> #path.#member);
        let js = Js::Path(
            Box::new(root.clone()),
            Hole::new(quote!(::sfn_dsl::__private::suffix(&#typed))),
        );
        if base.hint == Hint::TaskError {
            // `TaskError::cause` is a `String` that serde defaults to empty, but an error
            // output may have no `Cause` at all (a timeout, `SendTaskFailure` without one),
            // and an undefined JSONata value fails the state: read it with the default.
            let is_cause = matches!(&field.member, syn::Member::Named(ident) if ident == "cause");
            let js = if is_cause {
                Js::Cond(
                    Box::new(js.clone()),
                    Box::new(js),
                    Box::new(Js::Str(String::new())),
                )
            } else {
                js
            };
            return Tx {
                poisoned: false,
                js,
                typed: Some((root, typed)),
                hint: Hint::String,
            };
        }
        Tx {
            poisoned: false,
            js,
            typed: Some((root, typed)),
            hint: Hint::Unknown,
        }
    }
}

fn strip_trailing_colons(path: &syn::Path) -> syn::Path {
    let mut path = path.clone();
    if let Some(pair) = path.segments.pop() {
        path.segments.push_value(pair.into_value());
    }
    path
}
