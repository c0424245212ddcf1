//! What serde reads a field as when the JSON leaves it out (`default`), and which fields
//! make a flattened `Option` a `Some`: the locations, bounds and checks that follow.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, Type};

use super::attr::DefaultValue;
use super::parse::{Body, Field, Missing, Shape, option_inner};

/// Where a field's path points: its key, read as serde reads it when missing; the parent
/// itself for a flattened field (tested for the required fields of a flattened `Option`).
/// `container` is the struct's type, whose default a container-level `default` takes fields
/// from.
pub(super) fn field_location(
    field: &Field<'_>,
    base: &TokenStream,
    container: &TokenStream,
) -> TokenStream {
    let json = &field.json;
    let ty = field.ty;
    if field.flatten {
        if let Some(inner) = option_inner(ty) {
            return quote_spanned!(ty.span()=> ::sfn_dsl::__private::flattened_option::<#inner>(&#base));
        }
        return quote!(::core::clone::Clone::clone(&#base));
    }
    let key = quote!(#base.field(#json));
    match &field.missing {
        Missing::Absent => key,
        Missing::Default(DefaultValue::Trait) => quote_spanned! {ty.span()=>
            ::sfn_dsl::__private::defaulted::<#ty>(&#key, &<#ty as ::core::default::Default>::default())
        },
        Missing::Default(DefaultValue::Function(function)) => quote_spanned! {function.span()=>
            ::sfn_dsl::__private::defaulted::<#ty>(&#key, &#function())
        },
        Missing::ContainerDefault(DefaultValue::Trait) => quote! {
            ::sfn_dsl::__private::container_defaulted::<#container>(&#key, &<#container as ::core::default::Default>::default(), #json)
        },
        Missing::ContainerDefault(DefaultValue::Function(function)) => {
            quote_spanned! {function.span()=>
                ::sfn_dsl::__private::container_defaulted::<#container>(&#key, &#function(), #json)
            }
        }
    }
}

/// Whether the type names one of the type parameters.
fn mentions_type_param(ty: &Type, input: &DeriveInput) -> bool {
    fn walk(tokens: TokenStream, params: &[&Ident]) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => params.contains(&&ident),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    let params: Vec<&Ident> = input
        .generics
        .type_params()
        .map(|param| &param.ident)
        .collect();
    !params.is_empty() && walk(quote!(#ty), &params)
}

/// The bounds that reading defaults of a generic type needs (serde's derive adds the same
/// to its `Deserialize` impl): `Default` and `Serialize` on what the default is taken from.
pub(super) fn default_bounds(shape: &Shape<'_>) -> Vec<TokenStream> {
    let input = shape.input;
    let Body::Struct(fields) = &shape.body else {
        return Vec::new();
    };
    if input.generics.type_params().next().is_none() {
        return Vec::new();
    }
    let ident = &input.ident;
    let params = input.generics.type_params().map(|param| &param.ident);
    let container = quote!(#ident <#(#params),*>);
    let serialize = quote!(::sfn_dsl::__private::Serialize);
    let default = quote!(::core::default::Default);
    let mut bounds = Vec::new();
    for field in fields {
        let ty = field.ty;
        let bound = match &field.missing {
            Missing::Absent => continue,
            Missing::Default(_) if !mentions_type_param(ty, input) => continue,
            Missing::Default(DefaultValue::Trait) => quote!(#ty: #default + #serialize),
            Missing::Default(DefaultValue::Function(_)) => quote!(#ty: #serialize),
            Missing::ContainerDefault(DefaultValue::Trait) => {
                quote!(#container: #default + #serialize)
            }
            Missing::ContainerDefault(DefaultValue::Function(_)) => quote!(#container: #serialize),
        };
        let text = bound.to_string();
        if !bounds
            .iter()
            .any(|known: &TokenStream| known.to_string() == text)
        {
            bounds.push(bound);
        }
    }
    bounds
}

/// The JSON names of the fields serde needs to read the type from an object, as an
/// expression of type `Vec<String>`, and whether they tell when it reads (false when a
/// flattened field's type does not say).
pub(super) fn required_fields(shape: &Shape<'_>) -> (TokenStream, TokenStream) {
    let input = shape.input;
    let fields = match &shape.body {
        Body::Struct(fields) => fields,
        // serde reads a unit struct from any object; what a flattened newtype, tuple or enum
        // needs is not known here.
        Body::Unit => return (quote!(::std::vec::Vec::new()), quote!(true)),
        Body::Tuple(_) | Body::Newtype { .. } | Body::Enum { .. } => {
            return (quote!(::std::vec::Vec::new()), quote!(false));
        }
    };
    let mut parts = Vec::new();
    let mut known = vec![quote!(true)];
    for field in fields {
        let ty = field.ty;
        if field.flatten {
            // A flattened type parameter is not bound to say which fields it needs.
            if mentions_type_param(ty, input) {
                known.push(quote!(false));
            // A flattened `Option` is `None` when its fields are missing: nothing required.
            } else if option_inner(ty).is_none() {
                parts.push(quote!(<#ty as ::sfn_dsl::__private::StructFields>::required_fields()));
                known.push(quote!(<#ty as ::sfn_dsl::__private::StructFields>::PRESENCE_KNOWN));
            }
        } else if matches!(field.missing, Missing::Absent) && option_inner(ty).is_none() {
            let json = &field.json;
            parts.push(quote!(::std::vec![::std::string::String::from(#json)]));
        }
    }
    let required = if parts.is_empty() {
        quote!(::std::vec::Vec::new())
    } else {
        quote!(<[::std::vec::Vec<::std::string::String>]>::concat(&[#(#parts),*]))
    };
    (required, quote!(#(#known)&&*))
}

/// The compile-time checks that each flattened `Option` is of a type whose required fields
/// are known, run where the type is defined, not only where a workflow reads the field.
pub(super) fn flattened_option_checks(shape: &Shape<'_>) -> TokenStream {
    let Body::Struct(fields) = &shape.body else {
        return TokenStream::new();
    };
    fields
        .iter()
        .filter(|field| field.flatten && !mentions_type_param(field.ty, shape.input))
        .filter_map(|field| option_inner(field.ty))
        .map(|inner| {
            quote_spanned!(inner.span()=> const _: () = ::sfn_dsl::__private::assert_flattened_option::<#inner>();)
        })
        .collect()
}
