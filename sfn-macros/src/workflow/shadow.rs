//! The shadow body: the workflow body as ordinary Rust, compiled but never run, so that
//! rustc checks its types (task arguments, comparisons) on the user's own spans.
//!
//! Rewrites keep the user's spans: variables are read through `__private::copy(&x)` (so
//! nothing is moved and the borrow checker has nothing to say about a state machine; bound
//! by a `let` first, so that a type mismatch is reported at the variable), fields
//! through `__private::Probe` (on the typed path first, so that a misspelt field is one
//! error, not one per reading), step options become type checks, `parallel!`/`fail!` and
//! the intrinsics get absolute paths, `+` must add numbers, and the operations whose Rust
//! meaning JSONata does not share are rejected: `/` on integers, an `as` that changes the
//! value (`-1 as u64`, `c as u32`, `x as i64` on a float), `.len()` on a string.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

use super::lower::duration_constructor;
use super::parse::{FAIL_MACRO, INTRINSICS, PARALLEL_MACROS, STEP_OPTIONS, is_step, single_ident};

/// Every name the body binds (parameters, `let`s, closure parameters, pattern bindings).
struct Names(BTreeSet<String>);

impl<'ast> Visit<'ast> for Names {
    fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
        self.0.insert(pat.ident.to_string());
        syn::visit::visit_pat_ident(self, pat);
    }

    fn visit_field_pat(&mut self, field: &'ast syn::FieldPat) {
        if field.colon_token.is_none()
            && let syn::Member::Named(ident) = &field.member
        {
            self.0.insert(ident.to_string());
        }
        syn::visit::visit_field_pat(self, field);
    }
}

struct Rewriter<'a> {
    names: BTreeSet<String>,
    /// The workflow's own name: a call to it was refused by the macro, and the name is the
    /// definition's type here, which rustc would report as "expected function".
    workflow: &'a syn::Ident,
    /// Whether the definition's code is emitted: it passes the step options' values as
    /// written (`.timeout(d)`), so rustc checks their types there, and the shadow body
    /// leaves them alone rather than report each mistake twice.
    definition_built: bool,
    /// Methods the macro refused (see `lower::Lowered::untranslated`).
    untranslated: &'a BTreeSet<String>,
}

fn is_result_match(matching: &syn::ExprMatch) -> bool {
    matching.arms.iter().any(|arm| is_result_pattern(&arm.pat))
}

/// `Ok(..)` or `Err(..)`.
fn is_result_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::TupleStruct(tuple) => {
            single_ident(&tuple.path).is_some_and(|ident| ident == "Ok" || ident == "Err")
        }
        _ => false,
    }
}

impl Rewriter<'_> {
    fn macro_args(&mut self, mac: &syn::Macro) -> Option<Vec<syn::Expr>> {
        let args = mac
            .parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            )
            .ok()?;
        Some(
            args.into_iter()
                .map(|mut arg| {
                    self.visit_expr_mut(&mut arg);
                    arg
                })
                .collect(),
        )
    }

    fn step_option(&mut self, call: &syn::ExprMethodCall) -> syn::Expr {
        let mut receiver = (*call.receiver).clone();
        self.visit_expr_mut(&mut receiver);
        let mut args: Vec<syn::Expr> = call.args.iter().cloned().collect();
        for arg in &mut args {
            self.visit_expr_mut(arg);
        }
        let span = call.method.span();
        let value = quote_spanned!(span=> __sfn_step);
        let check: TokenStream = match (call.method.to_string().as_str(), args.as_slice()) {
            ("retry", [policy]) => quote_spanned!(span=> ::sfn_dsl::__private::retry(&#policy);),
            ("timeout" | "heartbeat", [duration]) if !self.definition_built => {
                quote_spanned!(span=> ::sfn_dsl::__private::duration(#duration);)
            }
            ("name", [name]) => quote_spanned!(span=> ::sfn_dsl::__private::name(#name);),
            ("catch", [handler]) => {
                quote_spanned!(span=> ::sfn_dsl::__private::catch(&#value, #handler);)
            }
            ("compensate", [compensation]) => {
                quote_spanned!(span=> ::sfn_dsl::__private::compensate(&#value, #compensation);)
            }
            _ => TokenStream::new(),
        };
        syn::parse_quote_spanned!(span=> {
            let #value = #receiver;
            #check
            #value
        })
    }

    /// A call: to the workflow itself (refused by the macro), or to anything else, with the
    /// workflow's intrinsics given their absolute paths.
    fn call(&mut self, expr: &mut syn::Expr) {
        match expr {
            syn::Expr::Call(call)
                if matches!(&*call.func, syn::Expr::Path(func)
                    if single_ident(&func.path) == Some(self.workflow)
                        && !INTRINSICS.contains(&self.workflow.to_string().as_str())) =>
            {
                let span = call.func.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&()));
            }
            syn::Expr::Call(call) => {
                syn::visit_mut::visit_expr_call_mut(self, call);
                if let syn::Expr::Path(func) = &mut *call.func
                    && let Some(ident) = single_ident(&func.path).cloned()
                    && INTRINSICS.contains(&ident.to_string().as_str())
                {
                    let span = ident.span();
                    func.path = syn::parse_quote_spanned!(span=> ::sfn_dsl::workflow::#ident);
                    // The macro refused a duration that is not `Duration::from_…(n)`; rustc
                    // is not asked about it too (`sleep(5)`: "expected `Duration`").
                    if ident == "sleep"
                        && call.args.len() == 1
                        && let Some(duration) = call.args.first_mut()
                        && duration_constructor(duration).is_none()
                    {
                        let span = duration.span();
                        *duration = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&#duration));
                    }
                }
            }
            _ => {}
        }
    }

    /// A `for` loop over a method call the macro refused: the call is kept as written.
    fn for_over_refused_call(&mut self, for_loop: &mut syn::ExprForLoop) {
        if let syn::Expr::MethodCall(call) = &mut *for_loop.expr {
            self.visit_expr_mut(&mut call.receiver);
            for arg in &mut call.args {
                self.visit_expr_mut(arg);
            }
        }
        self.visit_pat_mut(&mut for_loop.pat);
        self.visit_block_mut(&mut for_loop.body);
    }

    /// `parallel!` (`join!`), `fail!`, `format!` and `vec!`: read as the calls they stand
    /// for, with their arguments checked.
    fn mac(&mut self, expr: &mut syn::Expr) {
        let syn::Expr::Macro(mac) = expr else {
            return;
        };
        let name = mac
            .mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let span = mac.mac.path.span();
        if PARALLEL_MACROS.contains(&name.as_str()) {
            if let Some(mut branches) = self.macro_args(&mac.mac) {
                for branch in &mut branches {
                    LoopExits.visit_expr_mut(branch);
                }
                *expr = syn::parse_quote_spanned!(span=> (#(::sfn_dsl::__private::branch(#branches),)*));
            }
        } else if name == FAIL_MACRO {
            if let Some(args) = self.macro_args(&mac.mac) {
                let error = args
                    .first()
                    .map_or_else(|| quote!(""), |error| quote!(#error));
                let cause = args
                    .get(1)
                    .map_or_else(|| quote!(""), |cause| quote!(#cause));
                *expr =
                    syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::fail(#error, #cause));
            }
        } else if (name == "format" || name == "vec")
            && let Some(args) = self.macro_args(&mac.mac)
        {
            let path = &mac.mac.path;
            mac.mac.tokens = quote!(#(#args),*);
            mac.mac.path = path.clone();
        }
    }

    /// `!x` as `not(x)`: `$not` negates truth values, where Rust's `!` on an integer flips
    /// its bits.
    fn not(&mut self, expr: &mut syn::Expr) {
        let syn::Expr::Unary(unary) = expr else {
            return;
        };
        self.visit_expr_mut(&mut unary.expr);
        let (inner, span) = (&unary.expr, unary.op.span());
        *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::not(#inner));
    }

    /// `+` must add numbers and `/` divide floats.
    fn binary(&mut self, expr: &mut syn::Expr) {
        let syn::Expr::Binary(binary) = expr else {
            return;
        };
        let compound = matches!(
            binary.op,
            syn::BinOp::AddAssign(_)
                | syn::BinOp::SubAssign(_)
                | syn::BinOp::MulAssign(_)
                | syn::BinOp::DivAssign(_)
                | syn::BinOp::RemAssign(_)
        );
        if !compound {
            self.visit_expr_mut(&mut binary.left);
        }
        self.visit_expr_mut(&mut binary.right);
        let (left, right) = (&binary.left, &binary.right);
        match binary.op {
            syn::BinOp::Add(plus) => {
                *expr =
                    syn::parse_quote_spanned!(plus.span=> ::sfn_dsl::__private::add(#left, #right));
            }
            syn::BinOp::AddAssign(plus) => {
                *expr = syn::parse_quote_spanned!(plus.span()=> #left = ::sfn_dsl::__private::add(::sfn_dsl::__private::copy(&#left), #right));
            }
            // Ordered alike only for numbers, strings and timestamps (not `Option`).
            syn::BinOp::Lt(_) | syn::BinOp::Le(_) | syn::BinOp::Gt(_) | syn::BinOp::Ge(_) => {
                let span = binary.left.span();
                // Parenthesized: `&a * b` or `&a as f64` would borrow `a` alone.
                *binary.left =
                    syn::parse_quote_spanned!(span=> (*::sfn_dsl::__private::ordered(&(#left))));
            }
            // JSONata divides exactly: only floats divide the same way in Rust.
            syn::BinOp::Div(slash) => {
                *expr = syn::parse_quote_spanned!(slash.span=> ::sfn_dsl::__private::divide(#left, #right));
            }
            syn::BinOp::DivAssign(slash) => {
                *expr = syn::parse_quote_spanned!(slash.span()=> #left = ::sfn_dsl::__private::divide(::sfn_dsl::__private::copy(&#left), #right));
            }
            _ => {}
        }
    }

    /// JSONata has one number type and no conversions, so the translation of `x as T` is `x`:
    /// only casts that keep the value are allowed (`__private::Cast`), and from a float
    /// rounded with `floor`, `ceil`, `round` or `trunc`, casts to a signed type
    /// (`__private::RoundedCast`).
    fn cast(&mut self, cast: &mut syn::ExprCast) {
        self.visit_expr_mut(&mut cast.expr);
        if is_unsigned_literal(&cast.expr) {
            // `3 as u64`: rustc would type an unsuffixed literal `i32`, whatever the target.
            return;
        }
        let (inner, ty) = (&cast.expr, &cast.ty);
        let span = inner.span();
        *cast.expr = if is_rounded(inner) {
            syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::rounded_source::<#ty, _>(#inner))
        } else {
            syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::cast_source::<#ty, _>(#inner))
        };
    }
}

impl VisitMut for Rewriter<'_> {
    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        let attrs = match stmt {
            syn::Stmt::Local(local) => Some(&mut local.attrs),
            syn::Stmt::Macro(mac) => Some(&mut mac.attrs),
            syn::Stmt::Expr(expr, _) => expr_attrs_mut(expr),
            syn::Stmt::Item(_) => None,
        };
        if let Some(attrs) = attrs {
            attrs.retain(|attr| !attr.path().is_ident("sfn"));
        }
        if let syn::Stmt::Macro(mac) = stmt {
            let expr = syn::Expr::Macro(syn::ExprMacro {
                attrs: mac.attrs.clone(),
                mac: mac.mac.clone(),
            });
            let semi = mac
                .semi_token
                .or_else(|| Some(syn::Token![;](mac.mac.path.span())));
            *stmt = syn::Stmt::Expr(expr, semi);
        }
        syn::visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        match expr {
            syn::Expr::Path(path) => {
                if let Some(ident) = single_ident(&path.path)
                    && self.names.contains(&ident.to_string())
                {
                    // Bound first, so that the type the context expects does not flow into
                    // `copy`: a value passed where a reference is expected is then reported
                    // at the variable ("expected `&Order`, found `Order`"), not inside
                    // `copy`.
                    let span = ident.span();
                    *expr = syn::parse_quote_spanned!(span=> { let __sfn_read = ::sfn_dsl::__private::copy(&#ident); __sfn_read });
                }
            }
            // Read through the typed path first, so that a misspelt field is reported once
            // (see `__private::Probe`).
            syn::Expr::Field(access) if matches!(access.member, syn::Member::Named(_)) => {
                self.visit_expr_mut(&mut access.base);
                *expr = read_field(&access.base, &access.member);
            }
            // A refused method that a `for` loop iterates over (`xs.iter().enumerate()`) is
            // kept as written: a diverging stand-in is no iterator, and rustc would say so
            // after the macro's error.
            syn::Expr::ForLoop(for_loop)
                if matches!(&*for_loop.expr, syn::Expr::MethodCall(call)
                    if self.untranslated.contains(&call.method.to_string())) =>
            {
                self.for_over_refused_call(for_loop);
            }
            syn::Expr::Assign(assign) => self.visit_expr_mut(&mut assign.right),
            syn::Expr::Binary(_) => self.binary(expr),
            syn::Expr::Cast(cast) => self.cast(cast),
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Not(_),
                ..
            }) => self.not(expr),
            syn::Expr::MethodCall(call)
                if (call.method == "min" || call.method == "max") && call.args.len() == 1 =>
            {
                syn::visit_mut::visit_expr_method_call_mut(self, call);
                check_extremum(call);
            }
            // The macro already reported this method: rustc is not asked about it too.
            syn::Expr::MethodCall(call)
                if self.untranslated.contains(&call.method.to_string())
                    && !INFERRING_METHODS.contains(&call.method.to_string().as_str()) =>
            {
                self.visit_expr_mut(&mut call.receiver);
                let receiver = &call.receiver;
                let span = call.method.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&#receiver));
            }
            // A string's `.len()` counts bytes in Rust and characters in JSONata.
            syn::Expr::MethodCall(call) if call.method == "len" && call.args.is_empty() => {
                self.visit_expr_mut(&mut call.receiver);
                *expr = spanned_call(
                    quote!(::sfn_dsl::__private::length),
                    &call.receiver,
                    call.paren_token.span.close(),
                );
            }
            syn::Expr::MethodCall(call)
                if STEP_OPTIONS.contains(&call.method.to_string().as_str())
                    && is_step(&call.receiver) =>
            {
                *expr = self.step_option(call);
            }
            syn::Expr::Try(inner) if is_step(&inner.expr) => {
                let mut stripped = (*inner.expr).clone();
                self.visit_expr_mut(&mut stripped);
                *expr = stripped;
            }
            // `if let Ok(..) = task(..)`: refused by the macro, which says what to write;
            // read as on the step's `Result`, so that rustc does not report it again.
            syn::Expr::Let(binding)
                if is_result_pattern(&binding.pat) && is_step(&binding.expr) =>
            {
                syn::visit_mut::visit_expr_let_mut(self, binding);
                let scrutinee = &binding.expr;
                let span = scrutinee.span();
                *binding.expr =
                    syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::task_result(#scrutinee));
            }
            syn::Expr::Match(matching) if is_result_match(matching) && is_step(&matching.expr) => {
                syn::visit_mut::visit_expr_match_mut(self, matching);
                let scrutinee = &matching.expr;
                let span = scrutinee.span();
                *matching.expr =
                    syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::task_result(#scrutinee));
            }
            syn::Expr::Call(_) => self.call(expr),
            syn::Expr::Macro(_) => self.mac(expr),
            _ => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }
}

/// Replaces the `break`s and `continue`s of a `parallel!` branch that would leave it (the
/// macro refused them): around the `parallel!` Rust may have a loop they would leave, whose
/// type rustc would then check against them.
struct LoopExits;

impl VisitMut for LoopExits {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        match expr {
            // Their own `break`s stay theirs.
            syn::Expr::ForLoop(_)
            | syn::Expr::While(_)
            | syn::Expr::Loop(_)
            | syn::Expr::Closure(_) => {}
            syn::Expr::Break(exit) if exit.label.is_none() => {
                let span = exit.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&()));
            }
            syn::Expr::Continue(exit) if exit.label.is_none() => {
                let span = exit.span();
                *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::untranslated(&()));
            }
            _ => syn::visit_mut::visit_expr_mut(self, expr),
        }
    }
}

/// `function(&receiver)` standing for `receiver.method()`, spanned as the user wrote the
/// call: the function at the receiver's first token, so that rustc spans the whole call
/// (and its suggestions, such as `.try_into()`, land after the parentheses), the argument
/// as the receiver, and the argument list at the call's closing parenthesis.
fn spanned_call(
    function: TokenStream,
    receiver: &syn::Expr,
    close: proc_macro2::Span,
) -> syn::Expr {
    let start = receiver.span();
    let function: TokenStream = function
        .into_iter()
        .map(|mut token| {
            token.set_span(start);
            token
        })
        .collect();
    let mut arguments = proc_macro2::Group::new(
        proc_macro2::Delimiter::Parenthesis,
        quote_spanned!(start=> &#receiver),
    );
    arguments.set_span(close);
    syn::parse_quote!(#function #arguments)
}

/// `base.member` read through `__private::Probe`. The receiver carries the base's first
/// span and the arguments the member's, so that rustc spans the whole read as the user
/// wrote it.
fn read_field(base: &syn::Expr, member: &syn::Member) -> syn::Expr {
    let (start, end) = (base.span(), member.span());
    let mut receiver = proc_macro2::Group::new(
        proc_macro2::Delimiter::Parenthesis,
        quote_spanned!(start=> &::sfn_dsl::__private::Probe(&#base)),
    );
    receiver.set_span(start);
    let mut arguments = proc_macro2::Group::new(
        proc_macro2::Delimiter::Parenthesis,
        quote_spanned!(end=> |__sfn_path| ::sfn_dsl::__private::copy(&__sfn_path.#member), |__sfn_value| &__sfn_value.#member),
    );
    arguments.set_span(end);
    syn::parse_quote_spanned!(end=> #receiver.read_field #arguments)
}

/// `a.min(b)` with `a` checked to be a number: `$min` and `$max` take numbers only.
fn check_extremum(call: &mut syn::ExprMethodCall) {
    let receiver = &call.receiver;
    let span = receiver.span();
    *call.receiver = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::extremum(#receiver));
}

/// Collection methods the macro refuses that rustc needs to see to infer a collection's
/// element type (`let mut v = Vec::new(); v.push(x);`): kept as written, so that the
/// macro's error is not joined by rustc's "type annotations needed".
const INFERRING_METHODS: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "extend",
    "append",
    "entry",
];

/// An integer literal without a suffix or sign, which every integer type holds as it is.
fn is_unsigned_literal(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => int.suffix().is_empty(),
        syn::Expr::Paren(inner) => is_unsigned_literal(&inner.expr),
        syn::Expr::Group(inner) => is_unsigned_literal(&inner.expr),
        _ => false,
    }
}

/// Whether `expr` is already a whole number: a call to `floor`, `ceil`, `round`,
/// `round_ties_even` or `trunc`.
fn is_rounded(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::MethodCall(call) => ["floor", "ceil", "round", "round_ties_even", "trunc"]
            .iter()
            .any(|method| call.method == method),
        syn::Expr::Paren(inner) => is_rounded(&inner.expr),
        syn::Expr::Group(inner) => is_rounded(&inner.expr),
        _ => false,
    }
}

fn expr_attrs_mut(expr: &mut syn::Expr) -> Option<&mut Vec<syn::Attribute>> {
    Some(match expr {
        syn::Expr::Call(inner) => &mut inner.attrs,
        syn::Expr::MethodCall(inner) => &mut inner.attrs,
        syn::Expr::If(inner) => &mut inner.attrs,
        syn::Expr::Match(inner) => &mut inner.attrs,
        syn::Expr::ForLoop(inner) => &mut inner.attrs,
        syn::Expr::While(inner) => &mut inner.attrs,
        syn::Expr::Loop(inner) => &mut inner.attrs,
        syn::Expr::Macro(inner) => &mut inner.attrs,
        syn::Expr::Assign(inner) => &mut inner.attrs,
        syn::Expr::Try(inner) => &mut inner.attrs,
        syn::Expr::Block(inner) => &mut inner.attrs,
        _ => return None,
    })
}

/// The shadow function.
pub(crate) fn shadow(
    function: &syn::ItemFn,
    untranslated: &BTreeSet<String>,
    definition_built: bool,
) -> TokenStream {
    let mut names = Names(BTreeSet::new());
    for input in &function.sig.inputs {
        names.visit_fn_arg(input);
    }
    names.visit_block(&function.block);
    let mut body = (*function.block).clone();
    Rewriter {
        names: names.0,
        workflow: &function.sig.ident,
        definition_built,
        untranslated,
    }
    .visit_block_mut(&mut body);
    let inputs = &function.sig.inputs;
    let output = &function.sig.output;
    quote! {
        #[allow(
            unused,
            unreachable_code,
            unused_mut,
            clippy::all,
            clippy::pedantic,
            reason = "type-checked copy of the workflow body; it never runs"
        )]
        fn __sfn_shadow(#inputs) #output {
            use ::sfn_dsl::__private::{ReadByPath as _, ReadByValue as _};
            #body
        }
    }
}
