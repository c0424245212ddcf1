//! The JSON shape -> the `…Path` struct and the trait impls.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, Type};

use super::missing;
use super::parse::{Body, Field, Shape, Tagging, Variant, VariantFields};
use crate::case::{snake_from_pascal, unraw, variant_field};
use crate::jsonata::{field_suffix, string_literal};

/// The generics of the path struct: the type's own, each type parameter bound by
/// `Payload`, and the bounds reading defaults needs (`bounds`).
struct Generics<'a> {
    input: &'a DeriveInput,
    bounds: Vec<TokenStream>,
}

impl Generics<'_> {
    fn params(&self) -> TokenStream {
        let params = self.input.generics.type_params().map(|param| &param.ident);
        quote!(<#(#params),*>)
    }

    fn declaration(&self) -> TokenStream {
        let params = self.input.generics.type_params().map(|param| {
            let ident = &param.ident;
            let bounds = &param.bounds;
            if bounds.is_empty() {
                quote!(#ident: ::sfn_dsl::typed::Payload)
            } else {
                quote!(#ident: #bounds + ::sfn_dsl::typed::Payload)
            }
        });
        quote!(<#(#params),*>)
    }

    fn where_clause(&self) -> TokenStream {
        let predicates = self
            .input
            .generics
            .where_clause
            .as_ref()
            .into_iter()
            .flat_map(|clause| clause.predicates.iter())
            .map(|predicate| quote!(#predicate));
        let bounds = &self.bounds;
        quote!(where #(#predicates,)* #(#bounds,)*)
    }

    fn marker_type(&self) -> Option<TokenStream> {
        let params: Vec<_> = self
            .input
            .generics
            .type_params()
            .map(|param| &param.ident)
            .collect();
        (!params.is_empty()).then(|| quote!(::core::marker::PhantomData<fn() -> (#(#params,)*)>))
    }
}

fn path_type(ty: &Type) -> TokenStream {
    quote_spanned!(ty.span()=> <#ty as ::sfn_dsl::typed::Payload>::Path)
}

fn at(path: &TokenStream, location: &TokenStream) -> TokenStream {
    quote_spanned!(path.span()=> <#path as ::sfn_dsl::typed::PathNode>::at(#location))
}

/// A path struct with the given fields: `(name, visibility, type, location expression)`.
struct PathStruct<'a> {
    name: Ident,
    doc: String,
    vis: &'a syn::Visibility,
    fields: Vec<(Ident, TokenStream, TokenStream, TokenStream, String)>,
    marker: std::marker::PhantomData<&'a ()>,
    methods: TokenStream,
    /// For a newtype: its one field, whose kind the path has and to which it dereferences
    /// (so that the inner path's methods apply to the newtype's path, as `.0` does).
    forward: Option<Ident>,
}

fn emit_struct(generics: &Generics<'_>, item: PathStruct<'_>) -> TokenStream {
    let PathStruct {
        name,
        doc,
        vis,
        fields,
        methods,
        marker: _,
        forward,
    } = item;
    let declaration = generics.declaration();
    let params = generics.params();
    let where_clause = generics.where_clause();
    let marker = generics.marker_type();
    let marker_field = marker.as_ref().map(|ty| quote!(__sfn_marker: #ty,));
    let marker_init = marker
        .as_ref()
        .map(|_| quote!(__sfn_marker: ::core::marker::PhantomData,));
    let field_decls = fields
        .iter()
        .map(|(ident, vis, path, _, doc)| quote!(#[doc = #doc] #vis #ident: #path,));
    let field_inits = fields.iter().map(|(ident, _, ty, location, _)| {
        let init = at(ty, location);
        quote!(#ident: #init,)
    });
    let name_text = name.to_string();
    let forwarded = forward.as_ref().and_then(|ident| {
        let (_, _, inner, _, _) = fields.iter().find(|(field, ..)| field == ident)?;
        Some((ident, inner))
    });
    let kind = if let Some((_, inner)) = forwarded {
        quote! {
            const KIND: ::sfn_dsl::typed::ValueKind = <#inner as ::sfn_dsl::typed::PathNode>::KIND;
            const OPTIONAL: bool = <#inner as ::sfn_dsl::typed::PathNode>::OPTIONAL;
        }
    } else {
        quote! {
            const KIND: ::sfn_dsl::typed::ValueKind = ::sfn_dsl::typed::ValueKind::Object;
        }
    };
    let deref = forwarded.map(|(ident, inner)| {
        quote! {
            #[automatically_derived]
            impl #declaration ::core::ops::Deref for #name #params #where_clause {
                type Target = #inner;

                fn deref(&self) -> &Self::Target {
                    &self.#ident
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        // A workflow reads the fields it needs; the others are never read, which is no
        // reason to warn in the user's crate (their own type's fields are read by serde).
        #[allow(dead_code, reason = "a path struct offers a path for every field; workflows read some")]
        #vis struct #name #declaration #where_clause {
            #(#field_decls)*
            __sfn_location: ::sfn_dsl::typed::Location,
            #marker_field
        }

        const _: () = {
            #[automatically_derived]
            impl #declaration ::sfn_dsl::typed::PathNode for #name #params #where_clause {
                #kind

                fn at(location: ::sfn_dsl::typed::Location) -> Self {
                    Self {
                        #(#field_inits)*
                        __sfn_location: location,
                        #marker_init
                    }
                }

                fn location(&self) -> &::sfn_dsl::typed::Location {
                    &self.__sfn_location
                }
            }

            #[automatically_derived]
            impl #declaration ::core::clone::Clone for #name #params #where_clause {
                fn clone(&self) -> Self {
                    <Self as ::sfn_dsl::typed::PathNode>::at(::core::clone::Clone::clone(&self.__sfn_location))
                }
            }

            #[automatically_derived]
            impl #declaration ::core::fmt::Debug for #name #params #where_clause {
                fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    formatter.debug_tuple(#name_text).field(&self.__sfn_location).finish()
                }
            }

            #[automatically_derived]
            impl #declaration #name #params #where_clause {
                #methods
            }

            #deref
        };
    }
}

fn struct_fields(
    fields: &[Field<'_>],
    base: &TokenStream,
    container: &TokenStream,
) -> Vec<(Ident, TokenStream, TokenStream, TokenStream, String)> {
    fields
        .iter()
        .map(|field| {
            let json = &field.json;
            let location = missing::field_location(field, base, container);
            let vis = &field.vis;
            let doc = if field.flatten {
                format!(
                    "The fields of `{}`, flattened into this object.",
                    unraw(field.ident)
                )
            } else {
                format!("The path of `{}` (JSON `{json}`).", unraw(field.ident))
            };
            (
                field.ident.clone(),
                quote!(#vis),
                path_type(field.ty),
                location,
                doc,
            )
        })
        .collect()
}

fn tuple_fields(
    types: &[Option<&Type>],
    base: &TokenStream,
    vis: &syn::Visibility,
) -> Vec<(Ident, TokenStream, TokenStream, TokenStream, String)> {
    types
        .iter()
        .enumerate()
        .filter_map(|(index, ty)| Some((index, (*ty)?)))
        .map(|(index, ty)| {
            let ident = format_ident!("_{}", index);
            (
                ident,
                quote!(#vis),
                path_type(ty),
                quote!(#base.index(#index)),
                format!("The path of element {index}."),
            )
        })
        .collect()
}

fn variant_location(tagging: &Tagging, variant: &Variant<'_>) -> TokenStream {
    let json = &variant.json;
    match tagging {
        Tagging::External => quote!(location.field(#json)),
        Tagging::Adjacent(_, content) => quote!(location.field(#content)),
        Tagging::Internal(_) | Tagging::Untagged => quote!(::core::clone::Clone::clone(&location)),
    }
}

/// The JSONata test recognising a variant, as a `format!` template over `subject`.
fn variant_test(tagging: &Tagging, variant: &Variant<'_>) -> String {
    let name = string_literal(&variant.json);
    match tagging {
        Tagging::External if matches!(variant.fields, VariantFields::Unit) => {
            format!("{{subject}} = {name}")
        }
        Tagging::External => format!("$exists({{subject}}{})", field_suffix(&variant.json)),
        Tagging::Internal(tag) | Tagging::Adjacent(tag, _) => {
            format!("{{subject}}{} = {name}", field_suffix(tag))
        }
        Tagging::Untagged => "false".to_owned(),
    }
    .replace("{subject}", "\u{1}")
}

fn unit_value(tagging: &Tagging, variant: &Variant<'_>) -> String {
    let name = string_literal(&variant.json);
    match tagging {
        Tagging::External => name,
        Tagging::Internal(tag) | Tagging::Adjacent(tag, _) => {
            format!("{{{}: {name}}}", string_literal(tag))
        }
        Tagging::Untagged => "null".to_owned(),
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "the enum path, its variant paths and its trait impls belong together"
)]
fn enum_items(
    shape: &Shape<'_>,
    generics: &Generics<'_>,
    variants: &[Variant<'_>],
    tagging: &Tagging,
) -> (TokenStream, TokenStream) {
    let input = shape.input;
    let ident = &input.ident;
    let vis = &input.vis;
    let path_name = format_ident!("{}Path", ident);
    let mut items = TokenStream::new();
    let mut fields = Vec::new();
    let mut methods = TokenStream::new();
    let matchable = !matches!(tagging, Tagging::Untagged);
    for variant in variants {
        let snake = variant_field(variant.ident);
        let location = variant_location(tagging, variant);
        match &variant.fields {
            VariantFields::Unit => {}
            VariantFields::Newtype(ty) => fields.push((
                snake.clone(),
                quote!(pub),
                path_type(ty),
                location,
                format!("The value of variant `{}`.", variant.ident),
            )),
            VariantFields::Struct(variant_fields) => {
                let name = format_ident!("{}{}Path", ident, variant.ident);
                let base = quote!(location);
                items.extend(emit_struct(
                    generics,
                    PathStruct {
                        name: name.clone(),
                        doc: format!(
                            "Typed paths into variant `{}` of [`{}`].",
                            variant.ident, ident
                        ),
                        vis,
                        fields: struct_fields(variant_fields, &base, &TokenStream::new()),
                        methods: TokenStream::new(),
                        marker: std::marker::PhantomData,
                        forward: None,
                    },
                ));
                let params = generics.params();
                fields.push((
                    snake.clone(),
                    quote!(pub),
                    quote!(#name #params),
                    location,
                    format!("The fields of variant `{}`.", variant.ident),
                ));
            }
            VariantFields::Tuple(types) => {
                let name = format_ident!("{}{}Path", ident, variant.ident);
                let base = quote!(location);
                items.extend(emit_struct(
                    generics,
                    PathStruct {
                        name: name.clone(),
                        doc: format!(
                            "Typed paths into variant `{}` of [`{}`].",
                            variant.ident, ident
                        ),
                        vis,
                        fields: tuple_fields(types, &base, vis),
                        methods: TokenStream::new(),
                        marker: std::marker::PhantomData,
                        forward: None,
                    },
                ));
                let params = generics.params();
                fields.push((
                    snake.clone(),
                    quote!(pub),
                    quote!(#name #params),
                    location,
                    format!("The fields of variant `{}`.", variant.ident),
                ));
            }
        }
        if matchable {
            let is_fn = format_ident!("is_{}", snake_from_pascal(&unraw(variant.ident)));
            let json = &variant.json;
            let doc = format!("The value is variant `{}`.", variant.ident);
            let body = match (tagging, &variant.fields) {
                (Tagging::External, VariantFields::Unit) => {
                    quote!(<::sfn_dsl::typed::Path<::std::string::String> as ::sfn_dsl::typed::PathNode>::at(::core::clone::Clone::clone(&self.__sfn_location)).equals(#json))
                }
                (Tagging::External, _) => {
                    quote!(::sfn_dsl::typed::PathNode::is_present(&<::sfn_dsl::typed::Path<()> as ::sfn_dsl::typed::PathNode>::at(self.__sfn_location.field(#json))))
                }
                (Tagging::Internal(tag) | Tagging::Adjacent(tag, _), _) => {
                    quote!(<::sfn_dsl::typed::Path<::std::string::String> as ::sfn_dsl::typed::PathNode>::at(self.__sfn_location.field(#tag)).equals(#json))
                }
                (Tagging::Untagged, _) => TokenStream::new(),
            };
            methods.extend(quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #is_fn(&self) -> ::sfn_dsl::typed::Predicate { #body }
            });
        }
    }
    let all_unit = variants
        .iter()
        .all(|variant| matches!(variant.fields, VariantFields::Unit));
    if all_unit && matchable && input.generics.params.is_empty() {
        let arms = variants.iter().map(|variant| {
            let variant_ident = variant.ident;
            let is_fn = format_ident!("is_{}", snake_from_pascal(&unraw(variant.ident)));
            quote!(#ident::#variant_ident => self.#is_fn(),)
        });
        let skipped = (variants.len() < variant_count(input)).then(|| quote!(_ => ::sfn_dsl::typed::PathNode::is_absent(self).and(::sfn_dsl::typed::PathNode::is_present(self)),));
        methods.extend(quote! {
            /// The value is the given variant.
            #[must_use]
            pub fn equals(&self, value: #ident) -> ::sfn_dsl::typed::Predicate {
                match value { #(#arms)* #skipped }
            }
        });
    }
    let tests = variants.iter().map(|variant| {
        let rust = variant.ident.to_string();
        let template = variant_test(tagging, variant);
        quote!(#rust => #template.replace('\u{1}', subject),)
    });
    let units = variants.iter().map(|variant| {
        let rust = variant.ident.to_string();
        let value = unit_value(tagging, variant);
        quote!(#rust => ::std::string::String::from(#value),)
    });
    items.extend(emit_struct(
        generics,
        PathStruct {
            name: path_name.clone(),
            doc: format!("Typed paths into the JSON form of [`{ident}`]."),
            vis,
            fields,
            methods,
            marker: std::marker::PhantomData,
            forward: None,
        },
    ));
    let declaration = generics.declaration();
    let params = generics.params();
    let where_clause = generics.where_clause();
    let enum_impl = quote! {
        #[automatically_derived]
        impl #declaration ::sfn_dsl::__private::EnumPayload for #ident #params #where_clause {
            const MATCHABLE: bool = #matchable;

            fn variant_test(variant: &str, subject: &str) -> ::std::string::String {
                match variant {
                    #(#tests)*
                    _ => ::std::string::String::from("false"),
                }
            }

            fn unit_value(variant: &str) -> ::std::string::String {
                match variant {
                    #(#units)*
                    _ => ::std::string::String::from("null"),
                }
            }
        }
    };
    (items, quote!(#path_name #params)).into_with(enum_impl)
}

trait IntoWith {
    fn into_with(self, extra: TokenStream) -> (TokenStream, TokenStream);
}

impl IntoWith for (TokenStream, TokenStream) {
    fn into_with(self, extra: TokenStream) -> (TokenStream, TokenStream) {
        let (mut items, path) = self;
        items.extend(quote!(const _: () = { #extra };));
        (items, path)
    }
}

fn variant_count(input: &DeriveInput) -> usize {
    match &input.data {
        syn::Data::Enum(data) => data.variants.len(),
        _ => 0,
    }
}

/// The path struct of a newtype or `transparent` struct: serde writes the one field in
/// place, so its path is at the same location, and the newtype's path dereferences to it,
/// so that both `id` and `id.0` read the value.
fn newtype_items(
    generics: &Generics<'_>,
    path_name: &Ident,
    vis: &syn::Visibility,
    ty: &Type,
    member: &syn::Member,
    field_vis: &syn::Visibility,
) -> (TokenStream, TokenStream) {
    let ident = &generics.input.ident;
    let params = generics.params();
    let field_ident = match member {
        syn::Member::Named(ident) => ident.clone(),
        syn::Member::Unnamed(index) => format_ident!("_{}", index.index, span = index.span),
    };
    let items = emit_struct(
        generics,
        PathStruct {
            name: path_name.clone(),
            doc: format!("Typed paths into the JSON form of [`{ident}`], which is its field's."),
            vis,
            fields: vec![(
                field_ident.clone(),
                quote!(#field_vis),
                path_type(ty),
                quote!(::core::clone::Clone::clone(&location)),
                format!(
                    "The path of field `{}`, which serde writes in place of the whole.",
                    quote!(#member)
                ),
            )],
            methods: TokenStream::new(),
            marker: std::marker::PhantomData,
            forward: Some(field_ident),
        },
    );
    (items, quote!(#path_name #params))
}

pub(crate) fn expand(shape: &Shape<'_>) -> TokenStream {
    let input = shape.input;
    let ident = &input.ident;
    let vis = &input.vis;
    let generics = Generics {
        input,
        bounds: missing::default_bounds(shape),
    };
    let declaration = generics.declaration();
    let params = generics.params();
    let where_clause = generics.where_clause();
    let path_name = format_ident!("{}Path", ident);
    let container = quote!(#ident #params);
    let (items, path) = match &shape.body {
        Body::Struct(fields) => {
            let base = quote!(location);
            let items = emit_struct(
                &generics,
                PathStruct {
                    name: path_name.clone(),
                    doc: format!("Typed paths into the JSON form of [`{ident}`]."),
                    vis,
                    fields: struct_fields(fields, &base, &container),
                    methods: TokenStream::new(),
                    marker: std::marker::PhantomData,
                    forward: None,
                },
            );
            (items, quote!(#path_name #params))
        }
        Body::Tuple(types) => {
            let base = quote!(location);
            let items = emit_struct(
                &generics,
                PathStruct {
                    name: path_name.clone(),
                    doc: format!("Typed paths into the JSON form of [`{ident}`]."),
                    vis,
                    fields: tuple_fields(types, &base, vis),
                    methods: TokenStream::new(),
                    marker: std::marker::PhantomData,
                    forward: None,
                },
            );
            (items, quote!(#path_name #params))
        }
        Body::Newtype {
            ty,
            member,
            vis: field_vis,
        } => newtype_items(&generics, &path_name, vis, ty, member, field_vis),
        Body::Unit => (TokenStream::new(), quote!(::sfn_dsl::typed::Path<()>)),
        Body::Enum { variants, tagging } => enum_items(shape, &generics, variants, tagging),
    };
    let (required, presence_known) = missing::required_fields(shape);
    let flattened_option_checks = missing::flattened_option_checks(shape);
    let has_flatten =
        matches!(&shape.body, Body::Struct(fields) if fields.iter().any(|field| field.flatten));
    let span = Span::call_site();
    quote_spanned! {span=>
        #items

        #flattened_option_checks

        const _: () = {
            #[automatically_derived]
            impl #declaration ::sfn_dsl::__private::StructFields for #ident #params #where_clause {
                const HAS_FLATTEN: bool = #has_flatten;
                const PRESENCE_KNOWN: bool = #presence_known;

                fn required_fields() -> ::std::vec::Vec<::std::string::String> {
                    #required
                }
            }

            #[automatically_derived]
            impl #declaration ::sfn_dsl::typed::Payload for #ident #params #where_clause {
                type Path = #path;
            }

            #[automatically_derived]
            impl #declaration #ident #params #where_clause {
                /// Typed paths into this type's JSON form, rooted at the state input.
                #[must_use]
                #vis fn path() -> #path {
                    <#path as ::sfn_dsl::typed::PathNode>::at(::sfn_dsl::typed::Location::input())
                }

                /// Typed paths into this type's JSON form, rooted at the workflow variable
                /// `name`.
                #[must_use]
                #vis fn var(name: &str) -> #path {
                    <#path as ::sfn_dsl::typed::PathNode>::at(::sfn_dsl::typed::Location::variable(name))
                }
            }
        };
    }
}

/// What is emitted when the input is invalid: the trait impl with an untyped path, so that
/// uses of the type elsewhere do not cascade into more errors.
pub(crate) fn fallback(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let generics = Generics {
        input,
        bounds: Vec::new(),
    };
    if input.generics.lifetimes().next().is_some() || input.generics.const_params().next().is_some()
    {
        return TokenStream::new();
    }
    let declaration = generics.declaration();
    let params = generics.params();
    let where_clause = generics.where_clause();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #declaration ::sfn_dsl::typed::Payload for #ident #params #where_clause {
                type Path = ::sfn_dsl::typed::Path<::sfn_dsl::__private::serde_json::Value>;
            }
        };
    }
}
