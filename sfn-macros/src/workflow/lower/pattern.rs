//! Rust patterns -> Choice conditions and the names they bind.

use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::js::{BinOp, Hole, Js};
use super::super::parse::single_ident;
use super::{Binding, Hint, Lowerer};
use crate::case::variant_field;

impl Lowerer<'_> {
    /// The test for a pattern on `subject`, and the names it binds.
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per pattern kind reads best as a table"
    )]
    pub(crate) fn pattern(
        &mut self,
        pat: &syn::Pat,
        subject: &Js,
        typed: Option<&(Js, proc_macro2::TokenStream)>,
    ) -> (Js, Vec<(String, Binding)>) {
        match pat {
            syn::Pat::Wild(_) => (Js::Bool(true), Vec::new()),
            syn::Pat::Ident(ident)
                if !ident
                    .ident
                    .to_string()
                    .starts_with(|c: char| c.is_uppercase()) =>
            {
                let binding = Binding {
                    poisoned: false,
                    js: subject.clone(),
                    typed: typed.cloned(),
                    hint: Hint::Unknown,
                };
                // `n @ 1..=5`: the inner pattern's test, and `n` bound to the whole value.
                let (test, mut bindings) = match &ident.subpat {
                    Some((_, inner)) => self.pattern(inner, subject, typed),
                    None => (Js::Bool(true), Vec::new()),
                };
                bindings.push((crate::case::unraw(&ident.ident), binding));
                (test, bindings)
            }
            syn::Pat::Lit(literal) => {
                let value = self.translate(&syn::Expr::Lit(literal.clone())).js;
                (Js::binary(BinOp::Eq, subject.clone(), value), Vec::new())
            }
            syn::Pat::Range(range) => {
                let mut test = Js::Bool(true);
                if let Some(start) = &range.start {
                    let start = self.translate(start).js;
                    test = Js::and(test, Js::binary(BinOp::Ge, subject.clone(), start));
                }
                if let Some(end) = &range.end {
                    let end = self.translate(end).js;
                    let op = match range.limits {
                        syn::RangeLimits::Closed(_) => BinOp::Le,
                        syn::RangeLimits::HalfOpen(_) => BinOp::Lt,
                    };
                    test = Js::and(test, Js::binary(op, subject.clone(), end));
                }
                (test.fold(), Vec::new())
            }
            syn::Pat::Or(or) => {
                let mut test = Js::Bool(false);
                for case in &or.cases {
                    let (case_test, bindings) = self.pattern(case, subject, typed);
                    if !bindings.is_empty() {
                        self.ctxt
                            .error_spanned_by(case, "or-patterns cannot bind names in a workflow");
                    }
                    test = Js::binary(BinOp::Or, test, case_test);
                }
                (test.fold(), Vec::new())
            }
            syn::Pat::Paren(paren) => self.pattern(&paren.pat, subject, typed),
            syn::Pat::Reference(reference) => self.pattern(&reference.pat, subject, typed),
            syn::Pat::Ident(ident) => self.variant_pattern(
                &syn::Path::from(ident.ident.clone()),
                pat,
                subject,
                typed,
                &[],
            ),
            syn::Pat::Path(path) => self.variant_pattern(&path.path, pat, subject, typed, &[]),
            syn::Pat::TupleStruct(tuple) => {
                // `Variant(..)` tests the variant alone, as `Variant { .. }` does.
                let elems: Vec<&syn::Pat> = match tuple.elems.iter().collect::<Vec<_>>()[..] {
                    [syn::Pat::Rest(_)] => Vec::new(),
                    ref elems => elems.to_vec(),
                };
                self.variant_pattern(&tuple.path, pat, subject, typed, &elems)
            }
            syn::Pat::Struct(structure) => {
                let mut tests = Js::Bool(true);
                let mut bindings = Vec::new();
                let (variant_test, _) =
                    self.variant_pattern(&structure.path, pat, subject, typed, &[]);
                tests = Js::and(tests, variant_test);
                let variant_typed = typed.map(|(root, path)| {
                    let variant = structure
                        .path
                        .segments
                        .last()
                        .map(|segment| variant_field(&segment.ident));
                    (root.clone(), quote!(#path.#variant))
                });
                for field in &structure.fields {
                    let syn::Member::Named(member) = &field.member else {
                        self.ctxt.error_spanned_by(
                            &field.member,
                            "tuple fields in struct patterns are not supported",
                        );
                        continue;
                    };
                    let Some((root, path)) = &variant_typed else {
                        self.ctxt.error_spanned_by(member, "the fields of this variant have unknown JSON names: the matched value needs a type that derives `Payload`");
                        continue;
                    };
                    let field_typed = quote_spanned!(member.span()=> #path.#member);
                    let field_js = Js::Path(
                        Box::new(root.clone()),
                        Hole::new(quote!(::sfn_dsl::__private::suffix(&#field_typed))),
                    );
                    let (test, inner) =
                        self.pattern(&field.pat, &field_js, Some(&(root.clone(), field_typed)));
                    tests = Js::and(tests, test);
                    bindings.extend(inner);
                }
                (tests.fold(), bindings)
            }
            other => {
                self.ctxt.error_spanned_by(other, "this pattern has no Choice rule equivalent; use literals, ranges, enum variants, `Some`/`None` and `_`");
                (Js::Bool(false), Vec::new())
            }
        }
    }

    fn variant_pattern(
        &mut self,
        path: &syn::Path,
        pat: &syn::Pat,
        subject: &Js,
        typed: Option<&(Js, proc_macro2::TokenStream)>,
        elems: &[&syn::Pat],
    ) -> (Js, Vec<(String, Binding)>) {
        let present = Js::binary(BinOp::Ne, subject.clone(), Js::Null);
        if let Some(ident) = single_ident(path) {
            match (ident.to_string().as_str(), elems) {
                ("None", []) => return (Js::not(present), Vec::new()),
                ("Some", [inner]) => {
                    let inner_typed =
                        typed.map(|(root, typed_path)| (root.clone(), quote!(#typed_path.some())));
                    let (test, bindings) = self.pattern(inner, subject, inner_typed.as_ref());
                    return (Js::and(present, test).fold(), bindings);
                }
                _ => {}
            }
        }
        if path.segments.len() < 2 {
            self.ctxt.error_spanned_by(pat, "write enum variants with their type (`Status::Shipped`), so the macro can find the enum's serde attributes");
            return (Js::Bool(false), Vec::new());
        }
        let mut enum_path = path.clone();
        let Some(variant) = enum_path
            .segments
            .pop()
            .map(syn::punctuated::Pair::into_value)
        else {
            return (Js::Bool(false), Vec::new());
        };
        if let Some(pair) = enum_path.segments.pop() {
            enum_path.segments.push_value(pair.into_value());
        }
        let span = path.span();
        self.assertions
            .push(quote_spanned!(span=> ::sfn_dsl::__private::assert_matchable::<#enum_path>();));
        let test = Js::VariantTest {
            ty: Hole::new(quote_spanned!(span=> #enum_path)),
            variant: variant.ident.to_string(),
            subject: Box::new(subject.clone()),
        };
        let mut bindings = Vec::new();
        match elems {
            [] => {}
            [inner] => {
                let variant_field = variant_field(&variant.ident);
                let Some((root, typed_path)) = typed else {
                    self.ctxt.error_spanned_by(inner, "the matched value needs a type that derives `Payload` to bind variant data");
                    return (test, bindings);
                };
                let inner_typed = quote!(#typed_path.#variant_field);
                let inner_js = Js::Path(
                    Box::new(root.clone()),
                    Hole::new(quote!(::sfn_dsl::__private::suffix(&#inner_typed))),
                );
                let (inner_test, inner_bindings) =
                    self.pattern(inner, &inner_js, Some(&(root.clone(), inner_typed)));
                bindings = inner_bindings;
                return (Js::and(test, inner_test).fold(), bindings);
            }
            _ => {
                self.ctxt.error_spanned_by(pat, "variants with several unnamed fields cannot be matched in a workflow: use a struct variant, or `Variant(..)` to test the variant alone");
                // Declared, so that their uses in the arm are not reported too.
                bindings = crate::workflow::parse::pattern_names(pat)
                    .iter()
                    .map(|ident| (crate::case::unraw(ident), Binding::refused()))
                    .collect();
            }
        }
        (test, bindings)
    }
}
