//! Calls, macros and struct literals: the constructors, `format!` and `vec!` a workflow
//! expression may use, and struct literals of `Payload` types.

use quote::quote_spanned;
use syn::spanned::Spanned;

use super::super::super::js::{BinOp, Hole, Js, Key};
use super::super::super::parse::single_ident;
use super::super::{Hint, Lowerer};
use super::Tx;

impl Lowerer<'_> {
    pub(super) fn call(&mut self, call: &syn::ExprCall) -> Tx {
        let syn::Expr::Path(func) = &*call.func else {
            return self.invalid(
                call,
                "only constructors can be called in a workflow expression",
            );
        };
        let name = func
            .path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect::<Vec<_>>()
            .join("::");
        if single_ident(&func.path).is_some_and(|ident| {
            self.lookup(&crate::case::unraw(ident))
                .is_some_and(|binding| binding.poisoned)
        }) {
            // A closure bound by `let`, already reported.
            return Tx::poisoned();
        }
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        match (name.as_str(), args.as_slice()) {
            (
                "Some" | "Ok" | "Box::new" | "String::from" | "Rc::new" | "Arc::new" | "Timestamp::new"
                | "Timestamp::from",
                [inner],
            ) => self.translate_inner(inner),
            ("String::new", []) => Tx::string(Js::Str(String::new())),
            ("task_token", []) => Tx::string(Js::Root("$states.context.Task.Token")),
            ("Err", [_]) => self.invalid(call, "`Err(..)` is not a value a workflow can hold: a workflow returning `Result<_, TaskError>` fails with `return Err(e)` (or an `Err(e)` as its last expression); elsewhere, fail with `fail!(\"Name\", cause)`"),
            ("Vec::new", []) => Tx {
                poisoned: false,
                js: Js::Array(Vec::new()),
                typed: None,
                hint: Hint::List,
            },
            _ => self.invalid(call, format!("`{name}(..)` has no JSONata translation: task calls are steps of their own, and only `Some`, `Ok` and `String::from` are known constructors")),
        }
    }

    pub(super) fn macro_expr(&mut self, mac: &syn::Macro) -> Tx {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        match name.as_str() {
            "format" => self.format(mac),
            "vec" => match mac.parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            ) {
                Ok(items) => {
                    let items = items
                        .iter()
                        .map(|item| self.translate_inner(item).into_item())
                        .collect();
                    Tx {
                        poisoned: false,
                        js: Js::Array(items),
                        typed: None,
                        hint: Hint::List,
                    }
                }
                Err(error) => {
                    self.ctxt.push(error);
                    Tx::plain(Js::Null)
                }
            },
            "matches" => self.invalid(mac, crate::workflow::parse_call::MATCHES_HINT),
            _ => self.invalid(mac, format!("macro `{name}!` has no JSONata translation")),
        }
    }

    /// `format!`'s arguments after the template: positional ones, and `name = expr` ones,
    /// which win over a variable of the same name, as in Rust.
    fn format_arguments<'e>(
        &self,
        args: impl Iterator<Item = &'e syn::Expr>,
    ) -> (Vec<&'e syn::Expr>, Vec<(String, &'e syn::Expr)>) {
        let mut positional: Vec<&syn::Expr> = Vec::new();
        let mut named: Vec<(String, &syn::Expr)> = Vec::new();
        for arg in args {
            match arg {
                syn::Expr::Assign(assign) => match &*assign.left {
                    syn::Expr::Path(name) if name.path.get_ident().is_some() => {
                        let name = name.path.get_ident().map(crate::case::unraw);
                        named.push((name.unwrap_or_default(), &assign.right));
                    }
                    other => {
                        self.ctxt.error_spanned_by(
                            other,
                            "a named `format!` argument is `name = value`",
                        );
                    }
                },
                other => positional.push(other),
            }
        }
        (positional, named)
    }

    fn format(&mut self, mac: &syn::Macro) -> Tx {
        let args = match mac.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            Ok(args) => args,
            Err(error) => {
                self.ctxt.push(error);
                return Tx::plain(Js::Null);
            }
        };
        let mut args = args.iter();
        let Some(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(template),
            ..
        })) = args.next()
        else {
            return self.invalid(mac, "`format!` needs a string literal template");
        };
        let (positional, named) = self.format_arguments(args);
        let text = template.value();
        let mut parts: Vec<Js> = Vec::new();
        let mut literal = String::new();
        let mut next_positional = 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut spec = String::new();
                    for inner in chars.by_ref() {
                        if inner == '}' {
                            break;
                        }
                        spec.push(inner);
                    }
                    if !literal.is_empty() {
                        parts.push(Js::Str(std::mem::take(&mut literal)));
                    }
                    let (name, format) = spec.split_once(':').unwrap_or((spec.as_str(), ""));
                    if !format.is_empty() {
                        self.ctxt.error_spanned_by(template, format!("format options (`:{format}`) have no JSONata equivalent; use `{{}}`"));
                    }
                    let value = if name.is_empty() {
                        let value = positional
                            .get(next_positional)
                            .map(|arg| self.translate_inner(arg).js);
                        next_positional += 1;
                        value
                    } else if let Ok(index) = name.parse::<usize>() {
                        positional
                            .get(index)
                            .map(|arg| self.translate_inner(arg).js)
                    } else if let Some((_, arg)) = named.iter().find(|(named, _)| named == name) {
                        Some(self.translate_inner(arg).js)
                    } else {
                        let ident = syn::Ident::new(name, template.span());
                        let path: syn::ExprPath = syn::parse_quote!(#ident);
                        Some(self.path(&path).js)
                    };
                    match value {
                        // `&` converts its operands with `$string` itself.
                        Some(value) => parts.push(value),
                        None => self
                            .ctxt
                            .error_spanned_by(template, "`format!` has more `{}` than arguments"),
                    }
                }
                other => literal.push(other),
            }
        }
        if !literal.is_empty() {
            parts.push(Js::Str(literal));
        }
        if parts.len() == 1 && !matches!(parts.first(), Some(Js::Str(_))) {
            // `format!("{}", x)` is the string form of `x`.
            parts.insert(0, Js::Str(String::new()));
        }
        let mut parts = parts.into_iter();
        let first = parts.next().unwrap_or(Js::Str(String::new()));
        let joined = parts.fold(first, |joined, part| {
            Js::binary(BinOp::Concat, joined, part)
        });
        Tx::string(joined)
    }

    pub(super) fn struct_literal(&mut self, literal: &syn::ExprStruct) -> Tx {
        if let Some(rest) = &literal.rest {
            return self.invalid(
                rest,
                "`..` in a struct literal has no JSON equivalent; list every field",
            );
        }
        let ty = &literal.path;
        let root = super::super::typed_path(
            &quote_spanned!(ty.span()=> ::sfn_dsl::__private::root::<#ty>()),
        );
        let mut fields = Vec::new();
        for field in &literal.fields {
            let member = &field.member;
            let key = Hole::new(
                quote_spanned!(member.span()=> ::sfn_dsl::__private::field_name(&#root.#member)),
            );
            let value = self.translate_inner(&field.expr).into_stored();
            fields.push((Key::Hole(key), value));
        }
        self.assertions
            .push(quote_spanned!(ty.span()=> ::sfn_dsl::__private::assert_no_flatten::<#ty>();));
        Tx {
            poisoned: false,
            js: Js::Object(fields),
            typed: None,
            hint: Hint::Unknown,
        }
    }
}
