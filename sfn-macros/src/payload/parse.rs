//! `syn` input -> the JSON shape of the type, with serde's naming applied.

use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, Type, Visibility};

use super::attr::{self, DefaultValue, MemberAttrs};
use crate::case::{RenameRule, unraw};
use crate::ctxt::Ctxt;

pub(crate) struct Shape<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) body: Body<'a>,
}

/// What serde reads a missing field as.
pub(crate) enum Missing {
    /// Nothing: a missing field is an error, or an `Option`'s `None`, which its path reads
    /// as it is.
    Absent,
    /// The field's own `default`.
    Default(DefaultValue),
    /// The field of the struct's `default` (container-level).
    ContainerDefault(DefaultValue),
}

pub(crate) enum Body<'a> {
    /// Named fields: an object.
    Struct(Vec<Field<'a>>),
    /// One field serialized as itself (newtype or `transparent`): `member` names it in Rust
    /// (`0`, or the `transparent` struct's field).
    Newtype {
        ty: &'a Type,
        member: syn::Member,
        vis: &'a Visibility,
    },
    /// Several unnamed fields: an array (`None`: an element without a path).
    Tuple(Vec<Option<&'a Type>>),
    /// No fields: `null`.
    Unit,
    Enum {
        variants: Vec<Variant<'a>>,
        tagging: Tagging,
    },
}

pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) ty: &'a Type,
    pub(crate) json: String,
    pub(crate) flatten: bool,
    pub(crate) missing: Missing,
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) json: String,
    pub(crate) fields: VariantFields<'a>,
}

pub(crate) enum VariantFields<'a> {
    Unit,
    Newtype(&'a Type),
    Tuple(Vec<Option<&'a Type>>),
    Struct(Vec<Field<'a>>),
}

#[derive(Clone)]
pub(crate) enum Tagging {
    External,
    Internal(String),
    Adjacent(String, String),
    Untagged,
}

/// Whether the type is written `Option<…>`, which serde reads as `None` when missing even
/// without `default` (serde's derive tells it by its spelling too).
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match (last.ident == "Option", arguments.args.first()) {
        (true, Some(syn::GenericArgument::Type(inner))) if arguments.args.len() == 1 => Some(inner),
        _ => None,
    }
}

const SKIPPED_WITHOUT_DEFAULT: &str = "serde leaves this field out of the JSON when the test holds, but cannot read that JSON back without `default`, so neither can a workflow; add `default` (`#[serde(default, skip_serializing_if = \"…\")]`, for a field left out when it equals its default) or make the field an `Option`";

/// What a missing field reads as, from its own attributes and the struct's `default`.
fn missing(
    ctxt: &Ctxt,
    ty: &Type,
    attrs: &MemberAttrs,
    container_default: Option<&DefaultValue>,
) -> Missing {
    match (&attrs.default, container_default) {
        // `None` is what a missing `Option` reads as anyway.
        (Some(DefaultValue::Trait), _) if option_inner(ty).is_some() => Missing::Absent,
        (Some(own), _) => Missing::Default(own.clone()),
        (None, Some(container)) => Missing::ContainerDefault(container.clone()),
        (None, None) => {
            if let Some(key) = &attrs.skip_serializing_if
                && option_inner(ty).is_none()
            {
                ctxt.error_spanned_by(key, SKIPPED_WITHOUT_DEFAULT);
            }
            Missing::Absent
        }
    }
}

fn named_fields<'a>(
    ctxt: &Ctxt,
    fields: &'a syn::FieldsNamed,
    rule: Option<RenameRule>,
    container_default: Option<&DefaultValue>,
) -> Vec<Field<'a>> {
    fields
        .named
        .iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let attrs = attr::member(ctxt, &field.attrs);
            // A field serde writes with a function of the user's gets no path either: its
            // JSON form is whatever the function writes.
            if attrs.skip || attrs.serialized_by_function.is_some() {
                return None;
            }
            // A flattened field has no key of its own to be missing.
            let missing = if attrs.flatten {
                Missing::Absent
            } else {
                missing(ctxt, &field.ty, &attrs, container_default)
            };
            let MemberAttrs {
                rename, flatten, ..
            } = attrs;
            let rust = unraw(ident);
            let json = rename.unwrap_or_else(|| {
                rule.map_or_else(|| rust.clone(), |rule| rule.apply_to_field(&rust))
            });
            Some(Field {
                ident,
                vis: &field.vis,
                ty: &field.ty,
                json,
                flatten,
                missing,
            })
        })
        .collect()
}

/// A serialized element of a tuple struct or variant.
enum Element<'a> {
    /// Serialized as its type: it has a path. The field, and its position among all fields.
    Typed(&'a syn::Field, usize),
    /// Serialized by a function of the user's (`with`, `serialize_with`, the key given):
    /// it keeps its place in the array, but has no path.
    ByFunction(syn::Path),
}

impl<'a> Element<'a> {
    fn typed(&self) -> Option<&'a Type> {
        match self {
            Self::Typed(field, _) => Some(&field.ty),
            Self::ByFunction(_) => None,
        }
    }
}

fn unnamed<'a>(ctxt: &Ctxt, fields: &'a syn::FieldsUnnamed) -> Vec<Element<'a>> {
    fields
        .unnamed
        .iter()
        .enumerate()
        .filter_map(|(index, field)| {
            let attrs = attr::member(ctxt, &field.attrs);
            if attrs.skip {
                return None;
            }
            Some(match attrs.serialized_by_function {
                Some(key) => Element::ByFunction(key),
                None => Element::Typed(field, index),
            })
        })
        .collect()
}

/// The type of a newtype's one element, which is its whole JSON form: an error when serde
/// writes it with a function, since nothing about the JSON is then known.
fn newtype_element<'a>(ctxt: &Ctxt, element: &Element<'a>) -> Option<&'a Type> {
    match element {
        Element::Typed(field, _) => Some(&field.ty),
        Element::ByFunction(key) => {
            ctxt.error_spanned_by(key, BY_FUNCTION_NEWTYPE);
            None
        }
    }
}

const BY_FUNCTION_NEWTYPE: &str = "`#[derive(Payload)]` cannot describe a newtype whose value serde writes with a function: its whole JSON form is whatever the function writes; give the value a type whose own `Serialize` writes that form and derive `Payload` on it";

const BY_FUNCTION_VARIANT: &str = "`#[derive(Payload)]` cannot describe a variant serde writes with a function: its JSON form is whatever the function writes; give the variant a field whose type's own `Serialize` writes that form and derive `Payload` on it";

fn check_generics(ctxt: &Ctxt, input: &DeriveInput) -> bool {
    let mut supported = true;
    for param in &input.generics.params {
        match param {
            syn::GenericParam::Type(_) => {}
            syn::GenericParam::Lifetime(lifetime) => {
                ctxt.error_spanned_by(lifetime, "`#[derive(Payload)]` does not support lifetime parameters: workflow data is owned JSON");
                supported = false;
            }
            syn::GenericParam::Const(constant) => {
                ctxt.error_spanned_by(
                    constant,
                    "`#[derive(Payload)]` does not support const parameters",
                );
                supported = false;
            }
        }
    }
    supported
}

/// The shape of a struct: an object, a newtype's one value, an array, or `null`.
fn struct_body<'a>(
    ctxt: &Ctxt,
    input: &'a DeriveInput,
    data: &'a syn::DataStruct,
    container: &attr::ContainerAttrs,
) -> Option<Body<'a>> {
    Some(match &data.fields {
        Fields::Named(fields) => {
            let fields = named_fields(
                ctxt,
                fields,
                container.rename_all,
                container.default.as_ref(),
            );
            if container.transparent {
                if let [field] = fields.as_slice() {
                    Body::Newtype {
                        ty: field.ty,
                        member: syn::Member::Named(field.ident.clone()),
                        vis: field.vis,
                    }
                } else {
                    ctxt.error_spanned_by(
                        &input.ident,
                        "`#[serde(transparent)]` needs exactly one serialized field",
                    );
                    return None;
                }
            } else {
                Body::Struct(fields)
            }
        }
        Fields::Unnamed(fields) => {
            let elements = unnamed(ctxt, fields);
            match elements.as_slice() {
                [single] if fields.unnamed.len() == 1 || container.transparent => {
                    let ty = newtype_element(ctxt, single)?;
                    let Element::Typed(field, index) = single else {
                        return None;
                    };
                    Body::Newtype {
                        ty,
                        member: syn::Member::Unnamed(syn::Index {
                            index: u32::try_from(*index).ok()?,
                            span: field.ty.span(),
                        }),
                        vis: &field.vis,
                    }
                }
                _ => Body::Tuple(elements.iter().map(Element::typed).collect()),
            }
        }
        Fields::Unit => Body::Unit,
    })
}

pub(crate) fn parse<'a>(ctxt: &Ctxt, input: &'a DeriveInput) -> Option<Shape<'a>> {
    let container = attr::container(ctxt, &input.attrs);
    if !check_generics(ctxt, input) {
        return None;
    }
    let body = match &input.data {
        Data::Struct(data) => struct_body(ctxt, input, data, &container)?,
        Data::Enum(data) => {
            let tagging = match (&container.tag, &container.content, container.untagged) {
                (_, _, true) => Tagging::Untagged,
                (Some(tag), Some(content), false) => {
                    Tagging::Adjacent(tag.clone(), content.clone())
                }
                (Some(tag), None, false) => Tagging::Internal(tag.clone()),
                (None, _, false) => Tagging::External,
            };
            let variants = data
                .variants
                .iter()
                .filter_map(|variant| {
                    let attrs = attr::member(ctxt, &variant.attrs);
                    if attrs.skip {
                        return None;
                    }
                    if let Some(key) = &attrs.serialized_by_function {
                        ctxt.error_spanned_by(key, BY_FUNCTION_VARIANT);
                        return None;
                    }
                    let rust = unraw(&variant.ident);
                    let json = attrs.rename.unwrap_or_else(|| {
                        container
                            .rename_all
                            .map_or_else(|| rust.clone(), |rule| rule.apply_to_variant(&rust))
                    });
                    let fields = match &variant.fields {
                        Fields::Unit => VariantFields::Unit,
                        // As serde: the variant's own `rename_all`, else the enum's
                        // `rename_all_fields`.
                        Fields::Named(fields) => VariantFields::Struct(named_fields(
                            ctxt,
                            fields,
                            attrs.rename_all.or(container.rename_all_fields),
                            None,
                        )),
                        Fields::Unnamed(fields) => {
                            let elements = unnamed(ctxt, fields);
                            match elements.as_slice() {
                                [single] if fields.unnamed.len() == 1 => {
                                    VariantFields::Newtype(newtype_element(ctxt, single)?)
                                }
                                _ => VariantFields::Tuple(
                                    elements.iter().map(Element::typed).collect(),
                                ),
                            }
                        }
                    };
                    Some(Variant {
                        ident: &variant.ident,
                        json,
                        fields,
                    })
                })
                .collect();
            Body::Enum { variants, tagging }
        }
        Data::Union(data) => {
            ctxt.error_spanned_by(
                data.union_token,
                "`#[derive(Payload)]` does not support unions: serde cannot serialize them",
            );
            return None;
        }
    };
    Some(Shape { input, body })
}
