//! `syn` function -> the workflow AST. Unsupported constructs are reported to the `Ctxt`
//! and replaced by `Expr::Invalid`, so that one mistake does not hide the others.

use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Pat, Token};

use super::ast::{Binder, Block, Cond, Expr, Param, Stmt, Workflow};
use crate::ctxt::{Ctxt, did_you_mean};

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
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(receiver) => ctxt.error_spanned_by(receiver, "a workflow is a free function, not a method"),
            syn::FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(ident) if ident.by_ref.is_none() && ident.subpat.is_none() => params.push(Param {
                    ident: ident.ident.clone(),
                    ty: strip_reference(&typed.ty),
                }),
                other => ctxt.error_spanned_by(other, "workflow parameters are plain names: they name the fields of the execution input"),
            },
        }
    }
    let mut parser = Parser { ctxt, reported: 0 };
    let body = parser.block(&function.block);
    Workflow {
        ident: sig.ident.clone(),
        vis: function.vis.clone(),
        doc: doc_comment(&function.attrs),
        params,
        body,
    }
}

fn strip_reference(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Reference(reference) => strip_reference(&reference.elem),
        other => other.clone(),
    }
}

pub(crate) fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value().trim().to_owned()),
            _ => None,
        })
        .collect();
    let text = lines.join(" ").trim().to_owned();
    (!text.is_empty()).then_some(text)
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

    fn name_attr(&mut self, attrs: &[Attribute]) -> Option<LitStr> {
        let mut name = None;
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("sfn")) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident(NAME_KEY) {
                    if name.is_some() {
                        self.ctxt
                            .error_spanned_by(&meta.path, "duplicate key `name`");
                    }
                    name = Some(meta.value()?.parse::<LitStr>()?);
                } else {
                    let key = meta
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let hint = did_you_mean(&key, [NAME_KEY]).map_or_else(
                        || "; the only key is `name`".to_owned(),
                        |found| format!("; did you mean `{found}`?"),
                    );
                    self.ctxt
                        .error_spanned_by(&meta.path, format!("unknown key `{key}`{hint}"));
                    if meta.input.peek(Token![=]) {
                        let _ = meta.value()?.parse::<syn::Expr>()?;
                    }
                }
                Ok(())
            });
            if let Err(error) = result {
                self.ctxt.push(error);
            }
        }
        name
    }

    fn stmt(&mut self, stmt: &syn::Stmt, last: bool) -> Option<Stmt> {
        match stmt {
            syn::Stmt::Local(local) => {
                let name = self.name_attr(&local.attrs);
                let (pat, ty) = match &local.pat {
                    Pat::Type(typed) => (&*typed.pat, Some((*typed.ty).clone())),
                    other => (other, None),
                };
                let binder = self.binder(pat);
                let Some(init) = &local.init else {
                    self.ctxt.error_spanned_by(local, "a workflow `let` needs a value: workflow variables are assigned once they are known");
                    return None;
                };
                if let Some((_, diverge)) = &init.diverge {
                    self.ctxt.error_spanned_by(
                        diverge,
                        "`let … else` is not supported in workflows; use `match` or `if let`",
                    );
                }
                Some(Stmt::Let {
                    binder,
                    ty,
                    value: self.expr(&init.expr),
                    name,
                })
            }
            syn::Stmt::Expr(expr, semi) => {
                let attrs = expr_attrs(expr);
                let name = self.name_attr(attrs);
                match expr {
                    syn::Expr::Assign(assign) => {
                        let Some(target) = assign_target(&assign.left) else {
                            self.ctxt.error_spanned_by(&assign.left, "workflows assign whole variables (`x = …`), not fields or elements");
                            return None;
                        };
                        Some(Stmt::Assign {
                            target,
                            value: self.expr(&assign.right),
                            name,
                        })
                    }
                    syn::Expr::Binary(binary) if compound_operator(&binary.op).is_some() => {
                        let Some(target) = assign_target(&binary.left) else {
                            self.ctxt.error_spanned_by(&binary.left, "workflows assign whole variables (`x += …`), not fields or elements");
                            return None;
                        };
                        let operator = compound_operator(&binary.op)?;
                        let left = &binary.left;
                        let right = &binary.right;
                        let value: syn::Expr =
                            syn::parse_quote_spanned!(binary.span()=> #left #operator #right);
                        Some(Stmt::Assign {
                            target,
                            value: self.expr(&value),
                            name,
                        })
                    }
                    syn::Expr::Call(call) if call_intrinsic(call) == Some(DEFER) => {
                        let body = match call.args.first() {
                            Some(syn::Expr::Closure(closure))
                                if closure.inputs.is_empty() && call.args.len() == 1 =>
                            {
                                self.expr(&closure.body)
                            }
                            _ => {
                                self.ctxt.error_spanned_by(call, "`defer` takes a closure without parameters: `defer(|| cleanup(&x))`");
                                Expr::Invalid
                            }
                        };
                        Some(Stmt::Defer {
                            body: Box::new(body),
                            span: call.span(),
                        })
                    }
                    _ => Some(Stmt::Expr {
                        value: self.expr(expr),
                        tail: semi.is_none() && last,
                        name,
                    }),
                }
            }
            syn::Stmt::Item(item) => {
                self.ctxt.error_spanned_by(
                    item,
                    "items cannot be declared inside a workflow body; declare them next to it",
                );
                None
            }
            syn::Stmt::Macro(mac) => {
                let name = self.name_attr(&mac.attrs);
                let expr = syn::Expr::Macro(syn::ExprMacro {
                    attrs: Vec::new(),
                    mac: mac.mac.clone(),
                });
                Some(Stmt::Expr {
                    value: self.expr(&expr),
                    tail: mac.semi_token.is_none() && last,
                    name,
                })
            }
        }
    }

    pub(crate) fn binder(&mut self, pat: &Pat) -> Binder {
        match pat {
            Pat::Ident(ident) if ident.subpat.is_none() => Binder::Ident(ident.ident.clone()),
            Pat::Tuple(tuple) => Binder::Tuple(
                tuple
                    .elems
                    .iter()
                    .map(|element| self.binder(element))
                    .collect(),
            ),
            Pat::Wild(_) => Binder::Wild,
            Pat::Paren(paren) => self.binder(&paren.pat),
            other => {
                self.ctxt.error_spanned_by(
                    other,
                    "workflow bindings are names, tuples of names, or `_`",
                );
                Binder::Wild
            }
        }
    }

    pub(crate) fn closure(
        &mut self,
        expr: &syn::Expr,
        what: &str,
    ) -> Option<(Binder, Option<syn::Type>, Expr)> {
        match expr {
            syn::Expr::Closure(closure) if closure.inputs.len() == 1 => {
                let (pat, ty) = match &closure.inputs[0] {
                    Pat::Type(typed) => (&*typed.pat, Some((*typed.ty).clone())),
                    other => (other, None),
                };
                let binder = self.binder(pat);
                Some((binder, ty, self.expr(&closure.body)))
            }
            other => {
                self.ctxt.error_spanned_by(
                    other,
                    format!(
                        "{what} takes a closure with one parameter, such as `|item| process(item)`"
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn expr(&mut self, expr: &syn::Expr) -> Expr {
        match expr {
            syn::Expr::Paren(paren) => self.expr(&paren.expr),
            syn::Expr::Group(group) => self.expr(&group.expr),
            syn::Expr::Block(block) if block.label.is_none() => {
                Expr::Block(self.block(&block.block))
            }
            syn::Expr::If(branch) => {
                let cond = self.cond(&branch.cond);
                let then = self.block(&branch.then_branch);
                let otherwise = branch
                    .else_branch
                    .as_ref()
                    .map(|(_, otherwise)| Box::new(self.expr(otherwise)));
                Expr::If {
                    cond,
                    then,
                    otherwise,
                    span: branch.if_token.span,
                }
            }
            syn::Expr::Match(matching) => self.matching(matching),
            syn::Expr::ForLoop(for_loop) => {
                if let Some(label) = &for_loop.label {
                    self.ctxt
                        .error_spanned_by(label, "loop labels are not supported in workflows");
                }
                Expr::For {
                    binder: self.binder(&for_loop.pat),
                    items: (*for_loop.expr).clone(),
                    body: self.block(&for_loop.body),
                    span: for_loop.for_token.span,
                }
            }
            syn::Expr::While(while_loop) => {
                if let Some(label) = &while_loop.label {
                    self.ctxt
                        .error_spanned_by(label, "loop labels are not supported in workflows");
                }
                Expr::While {
                    cond: self.cond(&while_loop.cond),
                    body: self.block(&while_loop.body),
                    span: while_loop.while_token.span,
                }
            }
            syn::Expr::Loop(loop_expr) => {
                if let Some(label) = &loop_expr.label {
                    self.ctxt
                        .error_spanned_by(label, "loop labels are not supported in workflows");
                }
                Expr::Loop {
                    body: self.block(&loop_expr.body),
                    span: loop_expr.loop_token.span,
                }
            }
            syn::Expr::Return(ret) => Expr::Return {
                value: ret.expr.as_ref().map(|value| Box::new(self.expr(value))),
                span: ret.return_token.span,
            },
            syn::Expr::Break(brk) => {
                if let Some(label) = &brk.label {
                    self.ctxt
                        .error_spanned_by(label, "loop labels are not supported in workflows");
                }
                Expr::Break {
                    value: brk.expr.as_ref().map(|value| Box::new(self.expr(value))),
                    span: brk.break_token.span,
                }
            }
            syn::Expr::Continue(cont) => Expr::Continue {
                span: cont.continue_token.span,
            },
            syn::Expr::Macro(mac) => self.macro_call(&mac.mac, expr),
            syn::Expr::Call(call) => self.call(call, expr),
            syn::Expr::MethodCall(_) | syn::Expr::Try(_) => self.chain(expr),
            syn::Expr::Closure(closure) => {
                self.ctxt.error_spanned_by(closure, "closures are only allowed as the argument of `fan_out`, `.catch`, `.compensate` and `defer`");
                Expr::Invalid
            }
            syn::Expr::Async(_)
            | syn::Expr::Await(_)
            | syn::Expr::Unsafe(_)
            | syn::Expr::Yield(_)
            | syn::Expr::TryBlock(_)
            | syn::Expr::Const(_) => {
                self.ctxt.error_spanned_by(expr, "this construct has no state machine equivalent; see docs/macros.md for the supported Rust subset");
                Expr::Invalid
            }
            syn::Expr::Assign(assign) => {
                self.ctxt
                    .error_spanned_by(assign, "an assignment is a statement: end it with `;`");
                Expr::Invalid
            }
            other => {
                if self.check_pure(other) {
                    return Expr::Invalid;
                }
                Expr::Pure(other.clone())
            }
        }
    }

    /// Reports task calls hidden inside expressions; true when there were some.
    pub(crate) fn check_pure(&mut self, expr: &syn::Expr) -> bool {
        struct Finder<'a, 'b> {
            parser: &'a mut Parser<'b>,
        }
        impl<'ast> syn::visit::Visit<'ast> for Finder<'_, '_> {
            fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
                if let syn::Expr::Path(path) = &*call.func {
                    if is_task_path(&path.path) {
                        self.parser.ctxt.error_spanned_by(call, "a task call is a step of its own: bind its result first (`let value = task(..);`) and use the variable here");
                        self.parser.reported += 1;
                        return;
                    }
                    if single_ident(&path.path).is_some_and(|ident| {
                        ident != TASK_TOKEN && INTRINSICS.contains(&ident.to_string().as_str())
                    }) {
                        self.parser.ctxt.error_spanned_by(call, "this step cannot be part of an expression: make it a statement of its own");
                        self.parser.reported += 1;
                        return;
                    }
                }
                syn::visit::visit_expr_call(self, call);
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                let name = macro_name(mac);
                if PARALLEL_MACROS.contains(&name.as_str()) || name == FAIL_MACRO {
                    self.parser.ctxt.error_spanned_by(
                        mac,
                        format!("`{name}!` is a step of its own: bind its result first with `let`"),
                    );
                    self.parser.reported += 1;
                }
            }
            fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
                self.parser.ctxt.error_spanned_by(closure, "closures are only allowed as the argument of `fan_out`, `.catch`, `.compensate` and `defer`");
                self.parser.reported += 1;
            }
        }
        let before = self.reported;
        let mut finder = Finder { parser: self };
        syn::visit::Visit::visit_expr(&mut finder, expr);
        self.reported != before
    }

    fn cond(&mut self, cond: &syn::Expr) -> Cond {
        match cond {
            syn::Expr::Let(binding) => Cond::Let {
                pat: (*binding.pat).clone(),
                scrutinee: (*binding.expr).clone(),
            },
            other => {
                let _ = self.check_pure(other);
                Cond::Expr(other.clone())
            }
        }
    }
}

fn expr_attrs(expr: &syn::Expr) -> &[Attribute] {
    match expr {
        syn::Expr::Call(inner) => &inner.attrs,
        syn::Expr::MethodCall(inner) => &inner.attrs,
        syn::Expr::If(inner) => &inner.attrs,
        syn::Expr::Match(inner) => &inner.attrs,
        syn::Expr::ForLoop(inner) => &inner.attrs,
        syn::Expr::While(inner) => &inner.attrs,
        syn::Expr::Loop(inner) => &inner.attrs,
        syn::Expr::Macro(inner) => &inner.attrs,
        syn::Expr::Assign(inner) => &inner.attrs,
        syn::Expr::Try(inner) => &inner.attrs,
        syn::Expr::Block(inner) => &inner.attrs,
        _ => &[],
    }
}

fn assign_target(expr: &syn::Expr) -> Option<syn::Ident> {
    match expr {
        syn::Expr::Path(path) => single_ident(&path.path).cloned(),
        _ => None,
    }
}

fn compound_operator(op: &syn::BinOp) -> Option<proc_macro2::TokenStream> {
    use quote::quote_spanned;
    let span = op.span();
    Some(match op {
        syn::BinOp::AddAssign(_) => quote_spanned!(span=> +),
        syn::BinOp::SubAssign(_) => quote_spanned!(span=> -),
        syn::BinOp::MulAssign(_) => quote_spanned!(span=> *),
        syn::BinOp::DivAssign(_) => quote_spanned!(span=> /),
        syn::BinOp::RemAssign(_) => quote_spanned!(span=> %),
        _ => return None,
    })
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
