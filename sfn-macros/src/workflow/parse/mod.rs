//! `syn` function -> the workflow AST. Unsupported constructs are reported to the `Ctxt`
//! and replaced by `Expr::Invalid`, so that one mistake does not hide the others.

mod expr;
mod stmt;

pub(crate) use expr::pattern_names;

use syn::Pat;

use super::ast::{Block, Param, Workflow};
use crate::ctxt::Ctxt;
use crate::doc::doc_comment;

pub(crate) const SLEEP: &str = "sleep";
pub(crate) const SLEEP_UNTIL: &str = "sleep_until";
pub(crate) const FAN_OUT: &str = "fan_out";
pub(crate) const FAN_OUT_DISTRIBUTED: &str = "fan_out_distributed";
pub(crate) const FAN_OUT_READER: &str = "fan_out_reader";
pub(crate) const DEFER: &str = "defer";
pub(crate) const TASK_TOKEN: &str = "task_token";
pub(crate) const INTRINSICS: &[&str] = &[
    SLEEP,
    SLEEP_UNTIL,
    FAN_OUT,
    FAN_OUT_DISTRIBUTED,
    FAN_OUT_READER,
    DEFER,
    TASK_TOKEN,
];

pub(crate) const RETRY: &str = "retry";
pub(crate) const TIMEOUT: &str = "timeout";
pub(crate) const HEARTBEAT: &str = "heartbeat";
pub(crate) const CATCH: &str = "catch";
pub(crate) const COMPENSATE: &str = "compensate";
pub(crate) const WAIT_FOR_CALLBACK: &str = "wait_for_callback";
pub(crate) const NAME: &str = "name";
pub(crate) const STEP_OPTIONS: &[&str] = &[
    RETRY,
    TIMEOUT,
    HEARTBEAT,
    CATCH,
    COMPENSATE,
    WAIT_FOR_CALLBACK,
    NAME,
];

pub(crate) const PARALLEL_MACROS: &[&str] = &["parallel", "join"];
pub(crate) const FAIL_MACRO: &str = "fail";

/// The `#[sfn(name = "...")]` attribute key.
const NAME_KEY: &str = "name";

pub(crate) fn parse(ctxt: &Ctxt, function: &syn::ItemFn) -> Workflow {
    let sig = &function.sig;
    if let Some(asyncness) = &sig.asyncness {
        ctxt.error_spanned_by(
            asyncness,
            "a workflow is not `async`: the state machine does the waiting",
        );
    }
    if !sig.generics.params.is_empty() {
        ctxt.error_spanned_by(
            &sig.generics,
            "a workflow cannot be generic: its input is one JSON shape",
        );
    }
    let mut params = Vec::new();
    let mut refused_params = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(receiver) => {
                ctxt.error_spanned_by(receiver, "a workflow is a free function, not a method");
            }
            syn::FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => params
                    .push(Param {
                        ident: ident.ident.clone(),
                        ty: strip_reference(&typed.ty),
                    }),
                other => {
                    ctxt.error_spanned_by(other, "workflow parameters are plain names: they name the fields of the execution input");
                    refused_params.extend(pattern_names(other));
                }
            },
        }
    }
    let mut parser = Parser {
        ctxt,
        reported: 0,
        workflow: &sig.ident,
        nested: 0,
    };
    let body = parser.block(&function.block);
    Workflow {
        ident: sig.ident.clone(),
        vis: function.vis.clone(),
        doc: doc_comment(&function.attrs),
        params,
        refused_params,
        body,
    }
}

fn strip_reference(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Reference(reference) => strip_reference(&reference.elem),
        other => other.clone(),
    }
}

/// The single-identifier name of a path, if it is one.
pub(crate) fn single_ident(path: &syn::Path) -> Option<&syn::Ident> {
    (path.leading_colon.is_none()
        && path.segments.len() == 1
        && path.segments[0].arguments.is_empty())
    .then(|| &path.segments[0].ident)
}

/// Whether a call path names a task: a function path whose segments are all lowercase
/// (types and variants start with a capital).
pub(crate) fn is_task_path(path: &syn::Path) -> bool {
    let lowercase = path.segments.iter().all(|segment| {
        segment
            .ident
            .to_string()
            .trim_start_matches("r#")
            .starts_with(|c: char| c.is_lowercase() || c == '_')
    });
    let intrinsic =
        single_ident(path).is_some_and(|ident| INTRINSICS.contains(&ident.to_string().as_str()));
    lowercase && !intrinsic
}

/// Whether `expr` is a step: a task call, a fan-out or `parallel!`, with its options.
pub(crate) fn is_step(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => {
                is_task_path(&path.path)
                    || single_ident(&path.path)
                        .is_some_and(|ident| ident.to_string().starts_with("fan_out"))
            }
            _ => false,
        },
        syn::Expr::Macro(mac) => {
            mac.mac.path.segments.last().is_some_and(|segment| {
                PARALLEL_MACROS.contains(&segment.ident.to_string().as_str())
            })
        }
        syn::Expr::MethodCall(call) => {
            STEP_OPTIONS.contains(&call.method.to_string().as_str()) && is_step(&call.receiver)
        }
        syn::Expr::Try(inner) => is_step(&inner.expr),
        syn::Expr::Paren(paren) => is_step(&paren.expr),
        _ => false,
    }
}

pub(crate) fn macro_name(mac: &syn::Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default()
}

pub(crate) struct Parser<'a> {
    pub(crate) ctxt: &'a Ctxt,
    /// How many errors `check_pure` reported.
    pub(crate) reported: usize,
    /// The workflow's own name, which its body cannot call.
    pub(crate) workflow: &'a syn::Ident,
    /// How many `parallel!` branches and fan-out closures enclose the code being parsed:
    /// there a `return` does not end the workflow.
    pub(crate) nested: usize,
}

impl Parser<'_> {
    pub(crate) fn block(&mut self, block: &syn::Block) -> Block {
        let count = block.stmts.len();
        let mut stmts = Vec::with_capacity(count);
        for (index, stmt) in block.stmts.iter().enumerate() {
            if let Some(stmt) = self.stmt(stmt, index + 1 == count) {
                stmts.push(stmt);
            }
        }
        Block { stmts }
    }
}

pub(crate) fn call_intrinsic(call: &syn::ExprCall) -> Option<&'static str> {
    let syn::Expr::Path(func) = &*call.func else {
        return None;
    };
    let ident = single_ident(&func.path)?.to_string();
    INTRINSICS
        .iter()
        .copied()
        .find(|intrinsic| *intrinsic == ident)
}

pub(crate) fn single_arg(call: &syn::ExprCall) -> Option<&syn::Expr> {
    let mut args = call.args.iter();
    match (args.next(), args.next()) {
        (Some(arg), None) => Some(arg),
        _ => None,
    }
}
