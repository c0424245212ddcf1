//! Reading the serde attributes that decide a type's JSON shape.

use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Meta};

use crate::case::{RULE_NAMES, RenameRule};
use crate::ctxt::{Ctxt, did_you_mean};

// serde keys that change the JSON shape.
const RENAME: &str = "rename";
const RENAME_ALL: &str = "rename_all";
const RENAME_ALL_FIELDS: &str = "rename_all_fields";
const SKIP: &str = "skip";
const SKIP_SERIALIZING: &str = "skip_serializing";
const FLATTEN: &str = "flatten";
const TAG: &str = "tag";
const CONTENT: &str = "content";
const UNTAGGED: &str = "untagged";
const TRANSPARENT: &str = "transparent";
// serde keys that decide what a missing field reads as.
const DEFAULT: &str = "default";
const SKIP_SERIALIZING_IF: &str = "skip_serializing_if";
// serde keys that make serde write a form this derive cannot see. `deserialize_with`,
// `from`, `try_from` and `getter` are not among them: they change how a value is read or
// where it comes from, not the JSON serde writes, which is what a workflow reads.
const WITH: &str = "with";
const SERIALIZE_WITH: &str = "serialize_with";
const INTO: &str = "into";
const REMOTE: &str = "remote";

/// The container-level serde settings.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub(crate) rename_all: Option<RenameRule>,
    /// `rename_all_fields` (enums): the rule for the fields of struct variants that have no
    /// `rename_all` of their own.
    pub(crate) rename_all_fields: Option<RenameRule>,
    pub(crate) tag: Option<String>,
    pub(crate) content: Option<String>,
    pub(crate) untagged: bool,
    pub(crate) transparent: bool,
    /// `default` on a struct: a missing field reads as that field of the struct's default.
    pub(crate) default: Option<DefaultValue>,
}

/// serde's `default` key: what a missing field reads as.
#[derive(Clone)]
pub(crate) enum DefaultValue {
    /// `default`: `Default::default()`.
    Trait,
    /// `default = "path"`: what the function returns.
    Function(syn::ExprPath),
}

/// Field- or variant-level serde settings.
#[derive(Default)]
pub(crate) struct MemberAttrs {
    pub(crate) rename: Option<String>,
    pub(crate) rename_all: Option<RenameRule>,
    pub(crate) skip: bool,
    pub(crate) flatten: bool,
    /// `with` or `serialize_with`: serde writes the value with a function of the user's, in
    /// a form the derive cannot know. The key, to report where that matters.
    pub(crate) serialized_by_function: Option<syn::Path>,
    pub(crate) default: Option<DefaultValue>,
    /// The `skip_serializing_if` key, when given: serde may leave the field out.
    pub(crate) skip_serializing_if: Option<syn::Path>,
}

/// `key = "value"`, or `key(serialize = "value", ...)` from which the serialize side is
/// taken (workflows read JSON that serde wrote).
fn string_value(ctxt: &Ctxt, meta: &syn::meta::ParseNestedMeta<'_>) -> Option<LitStr> {
    if meta.input.peek(syn::Token![=]) {
        match meta
            .value()
            .and_then(syn::parse::ParseBuffer::parse::<LitStr>)
        {
            Ok(literal) => return Some(literal),
            Err(error) => {
                ctxt.push(error);
                return None;
            }
        }
    }
    let mut serialize = None;
    let parsed = meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            serialize = Some(inner.value()?.parse::<LitStr>()?);
        } else if inner.input.peek(syn::Token![=]) {
            let _ = inner.value()?.parse::<LitStr>()?;
        }
        Ok(())
    });
    if let Err(error) = parsed {
        ctxt.push(error);
    }
    serialize
}

fn rule(ctxt: &Ctxt, literal: &LitStr) -> Option<RenameRule> {
    let text = literal.value();
    let parsed = RenameRule::parse(&text);
    if parsed.is_none() {
        let hint = did_you_mean(&text, RULE_NAMES.iter().copied())
            .map_or_else(String::new, |name| format!("; did you mean `{name}`?"));
        ctxt.error_spanned_by(literal, format!("unknown serde rename rule `{text}`{hint}"));
    }
    parsed
}

/// `default` or `default = "path"`.
fn default_value(
    ctxt: &Ctxt,
    meta: &syn::meta::ParseNestedMeta<'_>,
) -> syn::Result<Option<DefaultValue>> {
    if !meta.input.peek(syn::Token![=]) {
        return Ok(Some(DefaultValue::Trait));
    }
    let literal = meta.value()?.parse::<LitStr>()?;
    match literal.parse::<syn::ExprPath>() {
        Ok(path) => Ok(Some(DefaultValue::Function(path))),
        Err(error) => {
            ctxt.error_spanned_by(
                &literal,
                format!("serde's `default` takes a function path: {error}"),
            );
            Ok(None)
        }
    }
}

fn serde_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("serde"))
}

/// Skips the value of a key this derive does not care about.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _ = meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

pub(crate) fn container(ctxt: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut parsed = ContainerAttrs::default();
    for attr in serde_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME_ALL) {
                parsed.rename_all =
                    string_value(ctxt, &meta).and_then(|literal| rule(ctxt, &literal));
            } else if meta.path.is_ident(RENAME_ALL_FIELDS) {
                parsed.rename_all_fields =
                    string_value(ctxt, &meta).and_then(|literal| rule(ctxt, &literal));
            } else if meta.path.is_ident(INTO) {
                ctxt.error_spanned_by(&meta.path, "`#[derive(Payload)]` cannot describe a type serialized `into` another: serde writes the JSON form of that other type, so these paths would not match it; derive `Payload` on the `into` type and use it in the workflow");
                skip_value(&meta)?;
            } else if meta.path.is_ident(REMOTE) {
                ctxt.error_spanned_by(&meta.path, "`#[derive(Payload)]` cannot describe a `remote` definition: the workflow's values would have the remote type, which cannot implement `Payload` here; define a type of your own with the same fields (deriving `Serialize`, `Deserialize` and `Payload`) and convert to it");
                skip_value(&meta)?;
            } else if meta.path.is_ident(TAG) {
                parsed.tag = string_value(ctxt, &meta).map(|literal| literal.value());
            } else if meta.path.is_ident(CONTENT) {
                parsed.content = string_value(ctxt, &meta).map(|literal| literal.value());
            } else if meta.path.is_ident(UNTAGGED) {
                parsed.untagged = true;
            } else if meta.path.is_ident(TRANSPARENT) {
                parsed.transparent = true;
            } else if meta.path.is_ident(DEFAULT) {
                parsed.default = default_value(ctxt, &meta)?;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(error) = result {
            ctxt.push(error);
        }
    }
    parsed
}

pub(crate) fn member(ctxt: &Ctxt, attrs: &[Attribute]) -> MemberAttrs {
    let mut parsed = MemberAttrs::default();
    for attr in serde_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(RENAME) {
                parsed.rename = string_value(ctxt, &meta).map(|literal| literal.value());
            } else if meta.path.is_ident(RENAME_ALL) {
                parsed.rename_all =
                    string_value(ctxt, &meta).and_then(|literal| rule(ctxt, &literal));
            } else if meta.path.is_ident(SKIP) || meta.path.is_ident(SKIP_SERIALIZING) {
                parsed.skip = true;
            } else if meta.path.is_ident(FLATTEN) {
                parsed.flatten = true;
            } else if meta.path.is_ident(WITH) || meta.path.is_ident(SERIALIZE_WITH) {
                parsed.serialized_by_function = Some(meta.path.clone());
                skip_value(&meta)?;
            } else if meta.path.is_ident(DEFAULT) {
                parsed.default = default_value(ctxt, &meta)?;
            } else if meta.path.is_ident(SKIP_SERIALIZING_IF) {
                parsed.skip_serializing_if = Some(meta.path.clone());
                skip_value(&meta)?;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(error) = result {
            ctxt.push(error);
        }
    }
    // `#[sfn(...)]` has no keys for payloads yet: report any use instead of ignoring it.
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("sfn")) {
        if let Meta::List(list) = &attr.meta {
            ctxt.error_spanned_by(list, "`#[sfn(...)]` takes no keys on payload fields");
        } else {
            ctxt.error_at(attr.span(), "`#[sfn(...)]` takes no keys on payload fields");
        }
    }
    parsed
}
