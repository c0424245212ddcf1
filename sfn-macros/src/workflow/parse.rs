//! `syn` function -> the workflow AST. Unsupported constructs are reported to the `Ctxt`
//! and replaced by `Expr::Invalid`, so that one mistake does not hide the others.

use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Pat, Token};

use super::ast::{
    Arm, Binder, Block, Compensation, Cond, ErrArm, Expr, FanOutMode, Param, Step, StepKind,
    StepOption, Stmt, Workflow,
};
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

const RETRY: &str = "retry";
const TIMEOUT: &str = "timeout";
const HEARTBEAT: &str = "heartbeat";
const CATCH: &str = "catch";
const COMPENSATE: &str = "compensate";
const WAIT_FOR_CALLBACK: &str = "wait_for_callback";
const NAME: &str = "name";
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

fn macro_name(mac: &syn::Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default()
}

struct Parser<'a> {
    ctxt: &'a Ctxt,
    /// How many errors `check_pure` reported.
    reported: usize,
}

impl Parser<'_> {
    fn block(&mut self, block: &syn::Block) -> Block {
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

    fn binder(&mut self, pat: &Pat) -> Binder {
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

    fn closure(
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

    fn expr(&mut self, expr: &syn::Expr) -> Expr {
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
    fn check_pure(&mut self, expr: &syn::Expr) -> bool {
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

    fn macro_call(&mut self, mac: &syn::Macro, whole: &syn::Expr) -> Expr {
        let name = macro_name(mac);
        if PARALLEL_MACROS.contains(&name.as_str()) {
            let branches =
                match mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated) {
                    Ok(branches) => branches,
                    Err(error) => {
                        self.ctxt.push(error);
                        return Expr::Invalid;
                    }
                };
            if branches.len() < 2 {
                self.ctxt.error_spanned_by(
                    mac,
                    format!("`{name}!` runs two or more branches; call a single step directly"),
                );
            }
            let branches = branches.iter().map(|branch| self.expr(branch)).collect();
            return Expr::Step(Step {
                kind: StepKind::Parallel(branches),
                options: Vec::new(),
                span: mac.path.span(),
            });
        }
        if name == FAIL_MACRO {
            let args =
                match mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated) {
                    Ok(args) => args,
                    Err(error) => {
                        self.ctxt.push(error);
                        return Expr::Invalid;
                    }
                };
            let mut args = args.into_iter();
            let Some(error) = args.next() else {
                self.ctxt.error_spanned_by(mac, "`fail!` takes an error name and a cause: `fail!(\"OutOfStock\", \"no stock left\")`");
                return Expr::Invalid;
            };
            let cause = args.next();
            if let Some(extra) = args.next() {
                self.ctxt.error_spanned_by(
                    extra,
                    "`fail!` takes an error name and a cause, nothing more",
                );
            }
            let _ = self.check_pure(&error);
            if let Some(cause) = &cause {
                let _ = self.check_pure(cause);
            }
            return Expr::Fail {
                error,
                cause,
                span: mac.path.span(),
            };
        }
        if name == "format" || name == "vec" {
            return Expr::Pure(whole.clone());
        }
        let hint = did_you_mean(&name, ["parallel", "join", "fail", "format", "vec"])
            .map_or_else(String::new, |found| format!("; did you mean `{found}!`?"));
        self.ctxt.error_spanned_by(
            mac,
            format!("macro `{name}!` is not supported in workflows{hint}"),
        );
        Expr::Invalid
    }

    fn call(&mut self, call: &syn::ExprCall, whole: &syn::Expr) -> Expr {
        let syn::Expr::Path(func) = &*call.func else {
            if self.check_pure(whole) {
                return Expr::Invalid;
            }
            return Expr::Pure(whole.clone());
        };
        match call_intrinsic(call) {
            Some(SLEEP) => {
                return if let Some(duration) = single_arg(call) {
                    let _ = self.check_pure(duration);
                    Expr::Sleep {
                        duration: duration.clone(),
                    }
                } else {
                    self.ctxt.error_spanned_by(
                        call,
                        "`sleep` takes one `Duration`: `sleep(Duration::from_secs(60))`",
                    );
                    Expr::Invalid
                };
            }
            Some(SLEEP_UNTIL) => {
                return if let Some(instant) = single_arg(call) {
                    let _ = self.check_pure(instant);
                    Expr::SleepUntil {
                        instant: instant.clone(),
                    }
                } else {
                    self.ctxt
                        .error_spanned_by(call, "`sleep_until` takes one RFC 3339 timestamp");
                    Expr::Invalid
                };
            }
            Some(intrinsic @ (FAN_OUT | FAN_OUT_DISTRIBUTED | FAN_OUT_READER)) => {
                return self.fan_out(intrinsic, call);
            }
            Some(DEFER) => {
                self.ctxt.error_spanned_by(
                    call,
                    "`defer` is a statement of its own at the top level of the workflow",
                );
                return Expr::Invalid;
            }
            Some(TASK_TOKEN) => return Expr::Pure(whole.clone()),
            _ => {}
        }
        if is_task_path(&func.path) {
            for arg in &call.args {
                let _ = self.check_pure(arg);
            }
            return Expr::Step(Step {
                kind: StepKind::Task {
                    path: func.path.clone(),
                    args: call.args.iter().cloned().collect(),
                },
                options: Vec::new(),
                span: call.span(),
            });
        }
        if self.check_pure(whole) {
            return Expr::Invalid;
        }
        Expr::Pure(whole.clone())
    }

    fn fan_out(&mut self, intrinsic: &str, call: &syn::ExprCall) -> Expr {
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        let [items, setting, closure] = args.as_slice() else {
            let shape = match intrinsic {
                FAN_OUT => "`fan_out(items, max_concurrency, |item| step(item))`",
                FAN_OUT_DISTRIBUTED => {
                    "`fan_out_distributed(items, Distributed::new(), |item| step(item))`"
                }
                _ => {
                    "`fan_out_reader(Reader::csv(bucket, key), Distributed::new(), |row| step(row))`"
                }
            };
            self.ctxt.error_spanned_by(
                call,
                format!("`{intrinsic}` takes three arguments: {shape}"),
            );
            return Expr::Invalid;
        };
        let Some((binder, binder_ty, body)) = self.closure(closure, &format!("`{intrinsic}`"))
        else {
            return Expr::Invalid;
        };
        let mode = match intrinsic {
            FAN_OUT => FanOutMode::Inline((*setting).clone()),
            FAN_OUT_DISTRIBUTED => FanOutMode::Distributed((*setting).clone()),
            _ => FanOutMode::Reader((*setting).clone()),
        };
        if intrinsic != FAN_OUT_READER {
            let _ = self.check_pure(items);
        }
        let items = (*items).clone();
        Expr::Step(Step {
            kind: StepKind::FanOut {
                mode,
                items,
                binder,
                binder_ty,
                body: Box::new(body),
            },
            options: Vec::new(),
            span: call.span(),
        })
    }

    /// A method chain or `?` ending in a step: the step and its options.
    fn chain(&mut self, expr: &syn::Expr) -> Expr {
        let mut options = Vec::new();
        let mut current = expr;
        loop {
            match current {
                syn::Expr::Try(try_expr) => {
                    options.push(StepOption::Try);
                    current = &try_expr.expr;
                }
                syn::Expr::MethodCall(call)
                    if STEP_OPTIONS.contains(&call.method.to_string().as_str()) =>
                {
                    if let Some(option) = self.option(call) {
                        options.push(option);
                    }
                    current = &call.receiver;
                }
                syn::Expr::Paren(paren) => current = &paren.expr,
                _ => break,
            }
        }
        if options.is_empty() {
            if self.check_pure(expr) {
                return Expr::Invalid;
            }
            return Expr::Pure(expr.clone());
        }
        options.reverse();
        match self.expr(current) {
            Expr::Step(mut step) => {
                step.options.extend(options);
                Expr::Step(step)
            }
            Expr::Invalid => Expr::Invalid,
            _ => {
                let shown = options.iter().find_map(|option| match option {
                    StepOption::Try => None,
                    _ => Some(()),
                });
                let message = if shown.is_some() {
                    "step options (`.retry`, `.catch`, `.timeout`, `.compensate`, `.wait_for_callback`, `.name`) apply to task calls, `parallel!` and fan-outs"
                } else {
                    "`?` applies to task calls, `parallel!` and fan-outs"
                };
                self.ctxt.error_spanned_by(current, message);
                Expr::Invalid
            }
        }
    }

    fn option(&mut self, call: &syn::ExprMethodCall) -> Option<StepOption> {
        let method = call.method.to_string();
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        let one = |parser: &mut Self| -> Option<syn::Expr> {
            if let [arg] = args.as_slice() {
                Some((*arg).clone())
            } else {
                parser
                    .ctxt
                    .error_spanned_by(&call.method, format!("`.{method}` takes one argument"));
                None
            }
        };
        match method.as_str() {
            RETRY => one(self).map(StepOption::Retry),
            TIMEOUT => one(self).map(StepOption::Timeout),
            HEARTBEAT => one(self).map(StepOption::Heartbeat),
            NAME => match one(self) {
                Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                })) => Some(StepOption::Name(name)),
                Some(other) => {
                    self.ctxt.error_spanned_by(other, "`.name` takes a string literal: state names are fixed when the workflow compiles");
                    None
                }
                None => None,
            },
            WAIT_FOR_CALLBACK => {
                if !args.is_empty() {
                    self.ctxt.error_spanned_by(
                        &call.method,
                        "`.wait_for_callback()` takes no arguments",
                    );
                }
                Some(StepOption::WaitForCallback(call.method.span()))
            }
            CATCH => {
                let closure = one(self)?;
                let (binder, _, body) = self.closure(&closure, "`.catch`")?;
                Some(StepOption::Catch {
                    binder,
                    body: Box::new(body),
                })
            }
            _ => {
                let target = one(self)?;
                match &target {
                    syn::Expr::Path(path) => Some(StepOption::Compensate(Compensation::Task(
                        path.path.clone(),
                        path.span(),
                    ))),
                    syn::Expr::Closure(_) => {
                        let (binder, _, body) = self.closure(&target, "`.compensate`")?;
                        Some(StepOption::Compensate(Compensation::Closure {
                            binder,
                            body: Box::new(body),
                            span: call.method.span(),
                        }))
                    }
                    other => {
                        self.ctxt.error_spanned_by(other, "`.compensate` takes a task (`.compensate(release)`) or a closure (`.compensate(|stock| release(&stock))`)");
                        None
                    }
                }
            }
        }
    }

    fn matching(&mut self, matching: &syn::ExprMatch) -> Expr {
        let is_result_match = matching
            .arms
            .iter()
            .any(|arm| result_pattern(&arm.pat).is_some());
        if is_result_match {
            if let Expr::Step(step) = self.expr(&matching.expr) {
                return self.result_match(step, matching);
            }
            self.ctxt.error_spanned_by(&matching.expr, "`Ok`/`Err` arms match the outcome of a step: the scrutinee must be a task call, `parallel!` or fan-out");
            return Expr::Invalid;
        }
        let _ = self.check_pure(&matching.expr);
        let arms = matching
            .arms
            .iter()
            .map(|arm| Arm {
                pat: arm.pat.clone(),
                guard: arm.guard.as_ref().map(|(_, guard)| (**guard).clone()),
                body: self.expr(&arm.body),
            })
            .collect();
        Expr::Match {
            scrutinee: (*matching.expr).clone(),
            arms,
            span: matching.match_token.span,
        }
    }

    fn result_match(&mut self, step: Step, matching: &syn::ExprMatch) -> Expr {
        let mut ok = None;
        let mut err_arms = Vec::new();
        for arm in &matching.arms {
            match result_pattern(&arm.pat) {
                Some((true, inner)) => {
                    if arm.guard.is_some() {
                        self.ctxt.error_spanned_by(&arm.pat, "the `Ok` arm of a step cannot have a guard: the step either succeeded or failed");
                    }
                    if ok.is_some() {
                        self.ctxt
                            .error_spanned_by(&arm.pat, "a step has one `Ok` arm");
                    }
                    ok = Some((self.binder(inner), self.expr(&arm.body)));
                }
                Some((false, inner)) => {
                    let binder = self.binder(inner);
                    let errors = match &arm.guard {
                        Some((_, guard)) => self.error_guard(guard, &binder),
                        None => Vec::new(),
                    };
                    let body = self.expr(&arm.body);
                    let rethrow = is_rethrow(&body, &binder);
                    err_arms.push(ErrArm {
                        binder,
                        errors,
                        body,
                        span: arm.pat.span(),
                        rethrow,
                    });
                }
                None => {
                    self.ctxt.error_spanned_by(
                        &arm.pat,
                        "a step's outcome is matched with `Ok(value)` and `Err(error)` arms",
                    );
                }
            }
        }
        let Some((ok_binder, ok_body)) = ok else {
            self.ctxt.error_spanned_by(matching.match_token, "add an `Ok(value) => …` arm: it is where the workflow continues when the step succeeds");
            return Expr::Invalid;
        };
        if err_arms.is_empty() {
            self.ctxt.error_spanned_by(
                matching.match_token,
                "add an `Err(error) => …` arm, or call the step directly and let errors propagate",
            );
        }
        Expr::MatchResult {
            step: Box::new(step),
            ok_binder,
            ok_body: Box::new(ok_body),
            err_arms,
        }
    }

    /// `e.error == "A" || e.error == "B"` -> `["A", "B"]`.
    fn error_guard(&mut self, guard: &syn::Expr, binder: &Binder) -> Vec<LitStr> {
        match guard {
            syn::Expr::Paren(paren) => self.error_guard(&paren.expr, binder),
            syn::Expr::Binary(binary) if matches!(binary.op, syn::BinOp::Or(_)) => {
                let mut names = self.error_guard(&binary.left, binder);
                names.extend(self.error_guard(&binary.right, binder));
                names
            }
            syn::Expr::Binary(binary) if matches!(binary.op, syn::BinOp::Eq(_)) => {
                let is_error_field = |expr: &syn::Expr| match (expr, binder) {
                    (syn::Expr::Field(field), Binder::Ident(ident)) => {
                        matches!(&field.member, syn::Member::Named(member) if member == "error")
                            && matches!(&*field.base, syn::Expr::Path(path) if path.path.is_ident(ident))
                    }
                    _ => false,
                };
                let literal = |expr: &syn::Expr| match expr {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => Some(text.clone()),
                    _ => None,
                };
                match (&*binary.left, &*binary.right) {
                    (left, right) if is_error_field(left) && literal(right).is_some() => {
                        literal(right).into_iter().collect()
                    }
                    (left, right) if is_error_field(right) && literal(left).is_some() => {
                        literal(left).into_iter().collect()
                    }
                    _ => {
                        self.ctxt.error_spanned_by(guard, "an `Err` guard compares the error name with string literals: `Err(e) if e.error == \"Payment.Declined\"`");
                        Vec::new()
                    }
                }
            }
            other => {
                self.ctxt.error_spanned_by(other, "an `Err` guard compares the error name with string literals: `Err(e) if e.error == \"Payment.Declined\"`");
                Vec::new()
            }
        }
    }
}

/// `fail!(e.error, e.cause)` on the arm's own error.
fn is_rethrow(body: &Expr, binder: &Binder) -> bool {
    let Binder::Ident(ident) = binder else {
        return false;
    };
    let field_of = |expr: &syn::Expr, name: &str| match expr {
        syn::Expr::Field(field) => {
            matches!(&field.member, syn::Member::Named(member) if member == name)
                && matches!(&*field.base, syn::Expr::Path(path) if path.path.is_ident(ident))
        }
        _ => false,
    };
    let body = match body {
        Expr::Block(block) => match block.stmts.as_slice() {
            [Stmt::Expr { value, .. }] => value,
            _ => return false,
        },
        other => other,
    };
    matches!(body, Expr::Fail { error, cause: Some(cause), .. } if field_of(error, "error") && field_of(cause, "cause"))
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

fn single_arg(call: &syn::ExprCall) -> Option<&syn::Expr> {
    let mut args = call.args.iter();
    match (args.next(), args.next()) {
        (Some(arg), None) => Some(arg),
        _ => None,
    }
}

/// `Ok(p)` -> (true, p), `Err(p)` -> (false, p).
fn result_pattern(pat: &Pat) -> Option<(bool, &Pat)> {
    let Pat::TupleStruct(tuple) = pat else {
        return None;
    };
    let ident = single_ident(&tuple.path)?;
    let ok = if ident == "Ok" {
        true
    } else if ident == "Err" {
        false
    } else {
        return None;
    };
    match tuple.elems.first() {
        Some(inner) if tuple.elems.len() == 1 => Some((ok, inner)),
        _ => None,
    }
}
