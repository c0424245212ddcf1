//! `#[task(...)]`: declares a task with its typed signature and its resource.
//!
//! ```text
//! #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge", timeout_secs = 30)]
//! fn charge_card(order: &Order) -> Charge;
//! ```
//!
//! expands to the function itself (a stub that never runs: the workflow body is only type
//! checked), and a marker type of the same name implementing `__private::Task`, which the
//! workflow expansion reads the resource from.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, FnArg, LitInt, LitStr, Pat, ReturnType, Signature, Visibility};

use crate::ctxt::{Ctxt, did_you_mean};
use crate::doc::doc_comment;

const LAMBDA: &str = "lambda";
const RESOURCE: &str = "resource";
const SDK: &str = "sdk";
const HTTP: &str = "http";
const ACTIVITY: &str = "activity";
const METHOD: &str = "method";
const CONNECTION: &str = "connection";
const TIMEOUT_SECS: &str = "timeout_secs";
const HEARTBEAT_SECS: &str = "heartbeat_secs";
const RENAME_ALL: &str = "rename_all";
const KEYS: &[&str] = &[
    LAMBDA,
    RESOURCE,
    SDK,
    HTTP,
    ACTIVITY,
    METHOD,
    CONNECTION,
    TIMEOUT_SECS,
    HEARTBEAT_SECS,
    RENAME_ALL,
];
const RESOURCE_KEYS: &[&str] = &[LAMBDA, RESOURCE, SDK, HTTP, ACTIVITY];

/// The declaration as written: a function with or without a body.
struct Declaration {
    attrs: Vec<Attribute>,
    vis: Visibility,
    sig: Signature,
    body: Option<syn::Block>,
}

impl Parse for Declaration {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let sig: Signature = input.parse()?;
        let body = if input.peek(syn::Token![;]) {
            input.parse::<syn::Token![;]>()?;
            None
        } else {
            Some(input.parse()?)
        };
        Ok(Self {
            attrs,
            vis,
            sig,
            body,
        })
    }
}

/// The parsed `#[task(...)]` arguments.
#[derive(Default)]
struct TaskArgs {
    resource: Option<(String, LitStr)>,
    method: Option<LitStr>,
    connection: Option<LitStr>,
    timeout_secs: Option<LitInt>,
    heartbeat_secs: Option<LitInt>,
    rename_all: Option<crate::case::RenameRule>,
    /// An unknown or unreadable key was reported (probably a misspelled or mistyped
    /// resource key).
    unknown_key: bool,
}

fn parse_args(ctxt: &Ctxt, args: TokenStream) -> TaskArgs {
    let mut parsed = TaskArgs::default();
    let mut unknown = false;
    let mut seen: Vec<String> = Vec::new();
    let parser = syn::meta::parser(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if seen.contains(&key) {
            ctxt.error_spanned_by(&meta.path, format!("duplicate key `{key}`"));
        }
        seen.push(key.clone());
        if KEYS.contains(&key.as_str()) && !meta.input.peek(syn::Token![=]) {
            // Without this, syn reports the missing `=` on the whole attribute.
            return Err(meta.error(format!("`{key}` takes a value: `{key} = …`")));
        }
        match key.as_str() {
            key if RESOURCE_KEYS.contains(&key) => {
                let value: LitStr = meta.value()?.parse()?;
                if value.value().trim().is_empty() {
                    ctxt.error_spanned_by(&value, format!("`{key}` needs a value"));
                }
                if let Some((previous, _)) = &parsed.resource
                    && previous != key
                {
                    ctxt.error_spanned_by(
                        &meta.path,
                        format!("a task has one resource: `{key}` conflicts with `{previous}`"),
                    );
                }
                parsed.resource = Some((key.to_owned(), value));
            }
            METHOD => parsed.method = Some(meta.value()?.parse()?),
            CONNECTION => parsed.connection = Some(meta.value()?.parse()?),
            TIMEOUT_SECS => parsed.timeout_secs = Some(meta.value()?.parse()?),
            HEARTBEAT_SECS => parsed.heartbeat_secs = Some(meta.value()?.parse()?),
            RENAME_ALL => {
                let value: LitStr = meta.value()?.parse()?;
                parsed.rename_all = crate::case::RenameRule::parse(&value.value());
                if parsed.rename_all.is_none() {
                    let hint =
                        did_you_mean(&value.value(), crate::case::RULE_NAMES.iter().copied())
                            .map_or_else(String::new, |found| format!("; did you mean `{found}`?"));
                    ctxt.error_spanned_by(
                        &value,
                        format!("unknown rename rule `{}`{hint}", value.value()),
                    );
                }
            }
            _ => {
                let hint = did_you_mean(&key, KEYS.iter().copied()).map_or_else(
                    || format!("; expected one of {}", KEYS.join(", ")),
                    |name| format!("; did you mean `{name}`?"),
                );
                ctxt.error_spanned_by(&meta.path, format!("unknown task key `{key}`{hint}"));
                unknown = true;
                if meta.input.peek(syn::Token![=]) {
                    let _ = meta.value()?.parse::<syn::Expr>()?;
                }
            }
        }
        Ok(())
    });
    // The arguments stop at a key they cannot read (`lambda = 5`): the resource it may
    // have given is then reported there, not as missing.
    let unreadable = match syn::parse::Parser::parse2(parser, args) {
        Ok(()) => false,
        Err(error) => {
            ctxt.push(error);
            true
        }
    };
    parsed.unknown_key = unknown || unreadable;
    parsed
}

/// The `TaskKind` and whether the resource can wait for a task token.
fn kind(ctxt: &Ctxt, args: &TaskArgs, span: Span) -> (TokenStream, bool) {
    let Some((key, value)) = &args.resource else {
        if args.unknown_key {
            return (quote!(::sfn_dsl::__private::TaskKind::Resource("")), false);
        }
        ctxt.error_at(span, "a task needs a resource: add `lambda = \"arn:…:function:…\"`, `resource = \"arn:…\"`, `sdk = \"service:action\"`, `http = \"https://…\"` or `activity = \"arn:…\"`");
        return (quote!(::sfn_dsl::__private::TaskKind::Resource("")), false);
    };
    if key != HTTP {
        for (name, present) in [(METHOD, &args.method), (CONNECTION, &args.connection)] {
            if let Some(literal) = present {
                ctxt.error_spanned_by(literal, format!("`{name}` applies to `http` tasks only"));
            }
        }
    }
    let text = value.value();
    match key.as_str() {
        LAMBDA => (quote!(::sfn_dsl::__private::TaskKind::Lambda(#value)), true),
        HTTP => {
            let method = args
                .method
                .as_ref()
                .map_or_else(|| "POST".to_owned(), LitStr::value);
            if !["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
                .contains(&method.as_str())
                && let Some(literal) = &args.method
            {
                ctxt.error_spanned_by(literal, format!("unknown HTTP method `{method}`; use GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD"));
            }
            let Some(connection) = &args.connection else {
                ctxt.error_spanned_by(value, "an `http` task needs `connection = \"arn:aws:events:…:connection/…\"` (the EventBridge connection holding its credentials)");
                return (quote!(::sfn_dsl::__private::TaskKind::Resource("")), false);
            };
            (
                quote!(::sfn_dsl::__private::TaskKind::Http { endpoint: #value, method: #method, connection: #connection }),
                false,
            )
        }
        SDK => {
            let Some((service, action)) = text
                .split_once(':')
                .filter(|(service, action)| !service.is_empty() && !action.is_empty())
            else {
                ctxt.error_spanned_by(
                    value,
                    "`sdk` takes `service:action`, such as `s3:getObject`",
                );
                return (quote!(::sfn_dsl::__private::TaskKind::Resource("")), false);
            };
            let resource = format!("arn:aws:states:::aws-sdk:{service}:{action}");
            (
                quote!(::sfn_dsl::__private::TaskKind::Resource(#resource)),
                true,
            )
        }
        ACTIVITY => (
            quote!(::sfn_dsl::__private::TaskKind::Resource(#value)),
            false,
        ),
        _ => {
            let callback = text.contains(":states:::") && !text.contains(".sync");
            (
                quote!(::sfn_dsl::__private::TaskKind::Resource(#value)),
                callback,
            )
        }
    }
}

/// `timeout_secs` and `heartbeat_secs` as AWS accepts them: positive, the timeout at most
/// 99,999,999, and the heartbeat smaller than the timeout when both are set.
fn check_seconds(ctxt: &Ctxt, args: &TaskArgs) {
    fn value(literal: Option<&LitInt>) -> Option<(&LitInt, u64)> {
        literal.and_then(|literal| Some((literal, literal.base10_parse::<u64>().ok()?)))
    }
    let timeout = value(args.timeout_secs.as_ref());
    let heartbeat = value(args.heartbeat_secs.as_ref());
    for (setting, field) in [(timeout, "TimeoutSeconds"), (heartbeat, "HeartbeatSeconds")] {
        if let Some((literal, 0)) = setting {
            ctxt.error_spanned_by(literal, format!("`{field}` is at least 1 second"));
        }
    }
    if let Some((literal, seconds)) = timeout
        && seconds > 99_999_999
    {
        ctxt.error_spanned_by(literal, "`TimeoutSeconds` is at most 99999999 seconds");
    }
    if let (Some((_, timeout)), Some((literal, heartbeat))) = (timeout, heartbeat)
        && heartbeat >= timeout
        && heartbeat > 0
    {
        ctxt.error_spanned_by(
            literal,
            format!("the heartbeat must be shorter than the timeout ({timeout} s): AWS refuses `HeartbeatSeconds` that is not smaller than `TimeoutSeconds`"),
        );
    }
}

fn check_signature(ctxt: &Ctxt, sig: &Signature) -> Vec<String> {
    if let Some(asyncness) = &sig.asyncness {
        ctxt.error_spanned_by(
            asyncness,
            "a task is declared without `async`: the state machine waits for it",
        );
    }
    if !sig.generics.params.is_empty() {
        ctxt.error_spanned_by(
            &sig.generics,
            "a task cannot be generic: its input and output types are fixed JSON shapes",
        );
    }
    let mut names = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                ctxt.error_spanned_by(receiver, "a task is a free function, not a method");
            }
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(ident) => {
                    if let syn::Type::Reference(reference) = &*typed.ty
                        && let Some(mutability) = &reference.mutability
                    {
                        ctxt.error_spanned_by(mutability, "a task's parameters are its input, sent as JSON: take `&T` or `T` (a task cannot change the workflow's values; use what it returns)");
                    }
                    names.push(crate::case::unraw(&ident.ident));
                }
                other => ctxt.error_spanned_by(
                    other,
                    "task parameters are plain names: they become the keys of the task input",
                ),
            },
        }
    }
    names
}

pub(crate) fn entry(args: TokenStream, input: TokenStream) -> TokenStream {
    let declaration = match syn::parse2::<Declaration>(input) {
        Ok(declaration) => declaration,
        Err(error) => return error.into_compile_error(),
    };
    let ctxt = Ctxt::new();
    let parsed = parse_args(&ctxt, args);
    let params: Vec<String> = check_signature(&ctxt, &declaration.sig)
        .into_iter()
        .map(|param| {
            parsed
                .rename_all
                .map_or_else(|| param.clone(), |rule| rule.apply_to_field(&param))
        })
        .collect();
    check_seconds(&ctxt, &parsed);
    let (kind, callback) = kind(&ctxt, &parsed, declaration.sig.ident.span());
    let tokens = expand(&declaration, &parsed, &params, &kind, callback);
    let tokens = match ctxt.check() {
        Ok(()) => tokens,
        Err(errors) => {
            let mut all = errors.into_compile_error();
            all.extend(tokens);
            all
        }
    };
    crate::debug::dump("task", &declaration.sig.ident.to_string(), &tokens);
    tokens
}

fn expand(
    declaration: &Declaration,
    args: &TaskArgs,
    params: &[String],
    kind: &TokenStream,
    callback: bool,
) -> TokenStream {
    let Declaration {
        attrs,
        vis,
        sig,
        body,
    } = declaration;
    let ident = &sig.ident;
    let name = ident.to_string();
    let output = match &sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => quote!(#ty),
    };
    let bindings = sig.inputs.iter().filter_map(|input| match input {
        FnArg::Typed(typed) => match &*typed.pat {
            Pat::Ident(ident) => Some(&ident.ident),
            _ => None,
        },
        FnArg::Receiver(_) => None,
    });
    let body = body.as_ref().map_or_else(
        || quote_spanned!(ident.span()=> { let _ = (#(&#bindings,)*); ::sfn_dsl::__private::task_stub(#name) }),
        |block| quote!(#block),
    );
    let timeout = args.timeout_secs.as_ref().map_or_else(
        || quote!(::core::option::Option::None),
        |secs| quote!(::core::option::Option::Some(#secs)),
    );
    let heartbeat = args.heartbeat_secs.as_ref().map_or_else(
        || quote!(::core::option::Option::None),
        |secs| quote!(::core::option::Option::Some(#secs)),
    );
    let comment = doc_comment(attrs).map_or_else(
        || quote!(::core::option::Option::None),
        |text| quote!(::core::option::Option::Some(#text)),
    );
    let doc = format!("The `{name}` task's declaration, read by `#[workflow]` expansions.");
    let lint_allows = declaration.body.is_none().then(|| {
        quote!(#[allow(
            clippy::must_use_candidate,
            clippy::needless_pass_by_value,
            reason = "a task declaration: its body never runs"
        )])
    });
    quote! {
        #(#attrs)*
        #lint_allows
        #vis #sig #body

        #[doc = #doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code, reason = "named like the task function, which shares its name in the value namespace")]
        #vis struct #ident {}

        const _: () = {
            #[automatically_derived]
            impl ::sfn_dsl::__private::Task for #ident {
                type Output = #output;
                const PARAMS: &'static [&'static str] = &[#(#params),*];
                const CALLBACK: bool = #callback;

                fn spec() -> ::sfn_dsl::__private::TaskSpec {
                    ::sfn_dsl::__private::TaskSpec {
                        kind: #kind,
                        timeout_secs: #timeout,
                        heartbeat_secs: #heartbeat,
                        comment: #comment,
                    }
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn task_expansion() {
        let tokens = super::entry(
            quote!(
                lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge",
                timeout_secs = 30
            ),
            quote! {
                /// Charges the card.
                pub fn charge_card(order: &Order, amount: f64) -> Charge;
            },
        );
        let file: syn::File = syn::parse2(tokens).expect("parses");
        insta::assert_snapshot!("task_charge_card", prettyplease::unparse(&file));
    }
}
