//! Rust expressions -> JSONata.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::js::{BinOp, Func, Hole, Js, Key, number};
use super::super::parse::single_ident;
use super::{Hint, Lowerer};
use crate::ctxt::did_you_mean;

/// A translated expression.
pub(crate) struct Tx {
    /// Set when an error was reported, so that uses of the value report nothing more.
    pub(crate) poisoned: bool,
    pub(crate) js: Js,
    /// The root expression and typed path of the value, when known.
    pub(crate) typed: Option<(Js, TokenStream)>,
    pub(crate) hint: Hint,
}

impl Tx {
    fn poisoned() -> Self {
        Self {
            poisoned: true,
            js: Js::Null,
            typed: None,
            hint: Hint::Unknown,
        }
    }

    fn plain(js: Js) -> Self {
        Self {
            poisoned: false,
            js,
            typed: None,
            hint: Hint::Unknown,
        }
    }

    fn string(js: Js) -> Self {
        Self {
            poisoned: false,
            js,
            typed: None,
            hint: Hint::String,
        }
    }
}

/// The methods a workflow expression may call, for hints.
pub(crate) const METHODS: &[&str] = &[
    "len",
    "is_empty",
    "contains",
    "starts_with",
    "ends_with",
    "to_uppercase",
    "to_lowercase",
    "trim",
    "to_string",
    "clone",
    "to_owned",
    "as_str",
    "as_ref",
    "into",
    "iter",
    "into_iter",
    "copied",
    "cloned",
    "abs",
    "floor",
    "ceil",
    "round",
    "sqrt",
    "min",
    "max",
    "sum",
    "count",
    "join",
    "is_some",
    "is_none",
    "unwrap_or",
    "first",
    "last",
    "get",
    "split",
    "replace",
    "keys",
    "powi",
    "powf",
];

fn is_uppercase_start(ident: &syn::Ident) -> bool {
    ident
        .to_string()
        .trim_start_matches("r#")
        .starts_with(|c: char| c.is_uppercase())
}

fn is_constant_name(ident: &syn::Ident) -> bool {
    let text = ident.to_string();
    text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_')
}

impl Lowerer<'_> {
    fn invalid(&self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) -> Tx {
        self.ctxt.error_spanned_by(tokens, message);
        Tx::poisoned()
    }

    pub(crate) fn translate(&mut self, expr: &syn::Expr) -> Tx {
        let tx = self.translate_inner(expr);
        Tx {
            poisoned: false,
            js: tx.js.fold(),
            ..tx
        }
    }

    fn translate_inner(&mut self, expr: &syn::Expr) -> Tx {
        match expr {
            syn::Expr::Lit(literal) => self.literal(&literal.lit),
            syn::Expr::Path(path) => self.path(path),
            syn::Expr::Paren(paren) => self.translate_inner(&paren.expr),
            syn::Expr::Group(group) => self.translate_inner(&group.expr),
            syn::Expr::Reference(reference) => self.translate_inner(&reference.expr),
            syn::Expr::Cast(cast) => self.translate_inner(&cast.expr),
            syn::Expr::Field(field) => self.field(field),
            syn::Expr::Index(index) => {
                let base = self.translate_inner(&index.expr);
                let position = self.translate_inner(&index.index);
                let typed = base.typed.as_ref().map(|(_, path)| {
                    let element = Js::Index(Box::new(base.js.clone()), Box::new(position.js.clone()));
                    (element, super::typed_path(&quote!(::sfn_dsl::__private::element(&#path))))
                });
                Tx {
                    poisoned: false,
                    js: Js::Index(Box::new(base.js), Box::new(position.js)),
                    typed,
                    hint: Hint::Unknown,
                }
            }
            syn::Expr::Unary(unary) => {
                let inner = self.translate_inner(&unary.expr);
                match unary.op {
                    syn::UnOp::Not(_) => Tx::plain(Js::not(inner.js)),
                    syn::UnOp::Neg(_) => Tx::plain(Js::Neg(Box::new(inner.js))),
                    _ => inner,
                }
            }
            syn::Expr::Binary(binary) => self.binary(binary),
            syn::Expr::MethodCall(call) => self.method(call),
            syn::Expr::Macro(mac) => self.macro_expr(&mac.mac),
            syn::Expr::Struct(literal) => self.struct_literal(literal),
            syn::Expr::Tuple(tuple) => {
                let items = tuple.elems.iter().map(|item| self.translate_inner(item).js).collect();
                Tx::plain(Js::Array(items))
            }
            syn::Expr::Array(array) => {
                let items = array.elems.iter().map(|item| self.translate_inner(item).js).collect();
                Tx {
                    poisoned: false,
                    js: Js::Array(items),
                    typed: None,
                    hint: Hint::List,
                }
            }
            syn::Expr::If(branch) => self.ternary(branch),
            syn::Expr::Block(block) if block.block.stmts.len() == 1 => match &block.block.stmts[0] {
                syn::Stmt::Expr(inner, None) => self.translate_inner(inner),
                _ => self.invalid(block, "a block used as a value holds a single expression"),
            },
            syn::Expr::Call(call) => self.call(call),
            other => self.invalid(other, "this expression has no JSONata translation; see docs/macros.md for the supported Rust subset"),
        }
    }

    fn literal(&self, literal: &syn::Lit) -> Tx {
        match literal {
            syn::Lit::Str(text) => Tx::string(Js::Str(text.value())),
            syn::Lit::Char(c) => Tx::string(Js::Str(c.value().to_string())),
            syn::Lit::Bool(value) => Tx::plain(Js::Bool(value.value)),
            syn::Lit::Int(int) => match int.base10_parse::<i128>() {
                Ok(value) => Tx::plain(Js::Num(value.to_string())),
                Err(error) => {
                    self.ctxt.push(error);
                    Tx::plain(Js::Null)
                }
            },
            syn::Lit::Float(float) => match float.base10_parse::<f64>() {
                Ok(value) => Tx::plain(number(value)),
                Err(error) => {
                    self.ctxt.push(error);
                    Tx::plain(Js::Null)
                }
            },
            other => self.invalid(
                other,
                "only string, number, boolean and character literals have a JSON form",
            ),
        }
    }

    fn path(&mut self, path: &syn::ExprPath) -> Tx {
        if let Some(ident) = single_ident(&path.path) {
            let name = crate::case::unraw(ident);
            if let Some(binding) = self.lookup(&name) {
                return Tx {
                    poisoned: binding.poisoned,
                    js: binding.js.clone(),
                    typed: binding.typed.clone(),
                    hint: binding.hint,
                };
            }
            if name == "None" {
                return Tx::plain(Js::Null);
            }
            if is_constant_name(ident) {
                return Self::constant(path);
            }
            self.unknown_name(ident);
            return Tx::poisoned();
        }
        let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
        match segments.as_slice() {
            [.., ty, variant] if is_uppercase_start(&ty.ident) && is_uppercase_start(&variant.ident) && !is_constant_name(&variant.ident) => {
                let mut enum_path = path.path.clone();
                enum_path.segments.pop();
                let enum_path = strip_trailing_colons(&enum_path);
                let variant = variant.ident.to_string();
                let span = path.span();
                Tx::plain(Js::Atom(Hole::new(quote_spanned!(span=> ::sfn_dsl::__private::unit_value::<#enum_path>(#variant)))))
            }
            [.., last] if is_constant_name(&last.ident) => Self::constant(path),
            _ => self.invalid(path, "only workflow variables, constants and unit enum variants can be named in a workflow expression"),
        }
    }

    fn constant(path: &syn::ExprPath) -> Tx {
        let span = path.span();
        Tx::plain(Js::Atom(Hole::new(
            quote_spanned!(span=> ::sfn_dsl::__private::constant(&#path)),
        )))
    }

    fn field(&mut self, field: &syn::ExprField) -> Tx {
        let base = self.translate_inner(&field.base);
        if base.poisoned {
            return base;
        }
        let Some((root, path)) = base.typed else {
            if let syn::Member::Unnamed(index) = &field.member {
                return Tx::plain(Js::Index(
                    Box::new(base.js),
                    Box::new(Js::Num(index.index.to_string())),
                ));
            }
            return self.invalid(&field.member, "the JSON name of this field is unknown: give the value a type that derives `Payload` (`let x: MyType = …;`)");
        };
        let member = match &field.member {
            syn::Member::Named(ident) => quote!(#ident),
            syn::Member::Unnamed(index) => {
                let ident = quote::format_ident!("_{}", index.index, span = index.span);
                quote!(#ident)
            }
        };
        let span = field.member.span();
        let typed = quote_spanned!(span=> #path.#member);
        Tx {
            poisoned: false,
            js: Js::Path(
                Box::new(root.clone()),
                Hole::new(quote!(::sfn_dsl::__private::suffix(&#typed))),
            ),
            typed: Some((root, typed)),
            hint: Hint::Unknown,
        }
    }

    fn binary(&mut self, binary: &syn::ExprBinary) -> Tx {
        let left = self.translate_inner(&binary.left);
        let right = self.translate_inner(&binary.right);
        let op = match binary.op {
            syn::BinOp::Add(_) => BinOp::Add,
            syn::BinOp::Sub(_) => BinOp::Sub,
            syn::BinOp::Mul(_) => BinOp::Mul,
            syn::BinOp::Div(_) => BinOp::Div,
            syn::BinOp::Rem(_) => BinOp::Rem,
            syn::BinOp::Eq(_) => BinOp::Eq,
            syn::BinOp::Ne(_) => BinOp::Ne,
            syn::BinOp::Lt(_) => BinOp::Lt,
            syn::BinOp::Le(_) => BinOp::Le,
            syn::BinOp::Gt(_) => BinOp::Gt,
            syn::BinOp::Ge(_) => BinOp::Ge,
            syn::BinOp::And(_) => BinOp::And,
            syn::BinOp::Or(_) => BinOp::Or,
            other => return self.invalid(other, "this operator has no JSONata equivalent"),
        };
        Tx::plain(Js::binary(op, left.js, right.js))
    }

    fn ternary(&mut self, branch: &syn::ExprIf) -> Tx {
        let Some((_, otherwise)) = &branch.else_branch else {
            return self.invalid(branch, "an `if` used as a value needs an `else`");
        };
        let test = match &*branch.cond {
            syn::Expr::Let(binding) => {
                return self.invalid(
                    binding,
                    "`if let` is only supported as a statement; use `match` or `.is_some()`",
                );
            }
            other => self.translate_inner(other),
        };
        let then = match branch.then_branch.stmts.as_slice() {
            [syn::Stmt::Expr(value, None)] => self.translate_inner(value),
            _ => {
                return self.invalid(
                    &branch.then_branch,
                    "a value `if` holds one expression per branch",
                );
            }
        };
        let otherwise = self.translate_inner(otherwise);
        Tx::plain(Js::Cond(
            Box::new(test.js),
            Box::new(then.js),
            Box::new(otherwise.js),
        ))
    }

    fn call(&mut self, call: &syn::ExprCall) -> Tx {
        let syn::Expr::Path(func) = &*call.func else {
            return self.invalid(
                call,
                "only constructors can be called in a workflow expression",
            );
        };
        let name = func
            .path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect::<Vec<_>>()
            .join("::");
        if single_ident(&func.path).is_some_and(|ident| {
            self.lookup(&crate::case::unraw(ident))
                .is_some_and(|binding| binding.poisoned)
        }) {
            // A closure bound by `let`, already reported.
            return Tx::poisoned();
        }
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        match (name.as_str(), args.as_slice()) {
            (
                "Some" | "Ok" | "Box::new" | "String::from" | "Rc::new" | "Arc::new" | "Timestamp::new"
                | "Timestamp::from",
                [inner],
            ) => self.translate_inner(inner),
            ("String::new", []) => Tx::string(Js::Str(String::new())),
            ("task_token", []) => Tx::string(Js::Root("$states.context.Task.Token")),
            ("Vec::new", []) => Tx {
                poisoned: false,
                js: Js::Array(Vec::new()),
                typed: None,
                hint: Hint::List,
            },
            _ => self.invalid(call, format!("`{name}(..)` has no JSONata translation: task calls are steps of their own, and only `Some`, `Ok` and `String::from` are known constructors")),
        }
    }

    fn macro_expr(&mut self, mac: &syn::Macro) -> Tx {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        match name.as_str() {
            "format" => self.format(mac),
            "vec" => match mac.parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            ) {
                Ok(items) => {
                    let items = items
                        .iter()
                        .map(|item| self.translate_inner(item).js)
                        .collect();
                    Tx {
                        poisoned: false,
                        js: Js::Array(items),
                        typed: None,
                        hint: Hint::List,
                    }
                }
                Err(error) => {
                    self.ctxt.push(error);
                    Tx::plain(Js::Null)
                }
            },
            _ => self.invalid(mac, format!("macro `{name}!` has no JSONata translation")),
        }
    }

    fn format(&mut self, mac: &syn::Macro) -> Tx {
        let args = match mac.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            Ok(args) => args,
            Err(error) => {
                self.ctxt.push(error);
                return Tx::plain(Js::Null);
            }
        };
        let mut args = args.iter();
        let Some(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(template),
            ..
        })) = args.next()
        else {
            return self.invalid(mac, "`format!` needs a string literal template");
        };
        let positional: Vec<&syn::Expr> = args.collect();
        let text = template.value();
        let mut parts: Vec<Js> = Vec::new();
        let mut literal = String::new();
        let mut next_positional = 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut spec = String::new();
                    for inner in chars.by_ref() {
                        if inner == '}' {
                            break;
                        }
                        spec.push(inner);
                    }
                    if !literal.is_empty() {
                        parts.push(Js::Str(std::mem::take(&mut literal)));
                    }
                    let (name, format) = spec.split_once(':').unwrap_or((spec.as_str(), ""));
                    if !format.is_empty() {
                        self.ctxt.error_spanned_by(template, format!("format options (`:{format}`) have no JSONata equivalent; use `{{}}`"));
                    }
                    let value = if name.is_empty() {
                        let value = positional
                            .get(next_positional)
                            .map(|arg| self.translate_inner(arg).js);
                        next_positional += 1;
                        value
                    } else if let Ok(index) = name.parse::<usize>() {
                        positional
                            .get(index)
                            .map(|arg| self.translate_inner(arg).js)
                    } else {
                        let ident = syn::Ident::new(name, template.span());
                        let path: syn::ExprPath = syn::parse_quote!(#ident);
                        Some(self.path(&path).js)
                    };
                    match value {
                        // `&` converts its operands with `$string` itself.
                        Some(value) => parts.push(value),
                        None => self
                            .ctxt
                            .error_spanned_by(template, "`format!` has more `{}` than arguments"),
                    }
                }
                other => literal.push(other),
            }
        }
        if !literal.is_empty() {
            parts.push(Js::Str(literal));
        }
        if parts.len() == 1 && !matches!(parts.first(), Some(Js::Str(_))) {
            // `format!("{}", x)` is the string form of `x`.
            parts.insert(0, Js::Str(String::new()));
        }
        let mut parts = parts.into_iter();
        let first = parts.next().unwrap_or(Js::Str(String::new()));
        let joined = parts.fold(first, |joined, part| {
            Js::binary(BinOp::Concat, joined, part)
        });
        Tx::string(joined)
    }

    fn struct_literal(&mut self, literal: &syn::ExprStruct) -> Tx {
        if let Some(rest) = &literal.rest {
            return self.invalid(
                rest,
                "`..` in a struct literal has no JSON equivalent; list every field",
            );
        }
        let ty = &literal.path;
        let root =
            super::typed_path(&quote_spanned!(ty.span()=> ::sfn_dsl::__private::root::<#ty>()));
        let mut fields = Vec::new();
        for field in &literal.fields {
            let member = &field.member;
            let key = Hole::new(
                quote_spanned!(member.span()=> ::sfn_dsl::__private::field_name(&#root.#member)),
            );
            let value = self.translate_inner(&field.expr).js;
            fields.push((Key::Hole(key), value));
        }
        self.assertions
            .push(quote_spanned!(ty.span()=> ::sfn_dsl::__private::assert_no_flatten::<#ty>();));
        Tx {
            poisoned: false,
            js: Js::Object(fields),
            typed: None,
            hint: Hint::Unknown,
        }
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per supported method reads best as a table"
    )]
    fn method(&mut self, call: &syn::ExprMethodCall) -> Tx {
        let method = call.method.to_string();
        let receiver = self.translate_inner(&call.receiver);
        if receiver.poisoned {
            return receiver;
        }
        let args: Vec<Js> = call
            .args
            .iter()
            .map(|arg| self.translate_inner(arg).js)
            .collect();
        let subject = receiver.js.clone();
        let call1 = |name: &'static str, subject: Js| Js::Call(Func::Named(name), vec![subject]);
        let string_or_list = |lowerer: &mut Self, string: Js, list: Js| -> Js {
            match (&receiver.hint, &receiver.typed) {
                (Hint::String, _) => string,
                (Hint::List, _) => list,
                (Hint::Unknown, Some((_, path))) => Js::Switch {
                    typed: Hole::new(path.clone()),
                    string: Box::new(string),
                    other: Box::new(list),
                },
                (Hint::Unknown, None) => {
                    lowerer.ctxt.error_spanned_by(&call.receiver, format!("`.{}()` works on strings and lists, and the macro cannot tell which this is: give it a type (`let x: Vec<T> = …;`)", call.method));
                    Js::Null
                }
            }
        };
        let arity = |lowerer: &Self, expected: usize| -> bool {
            if args.len() == expected {
                true
            } else {
                lowerer.ctxt.error_spanned_by(
                    &call.method,
                    format!("`.{method}` takes {expected} argument(s) in a workflow"),
                );
                false
            }
        };
        let js = match method.as_str() {
            "clone" | "to_owned" | "as_str" | "as_ref" | "into" | "iter" | "into_iter"
            | "copied" | "cloned"
                if args.is_empty() =>
            {
                return receiver;
            }
            "len" if arity(self, 0) => string_or_list(
                self,
                call1("$length", subject.clone()),
                call1("$count", subject),
            ),
            "is_empty" if arity(self, 0) => {
                let length = string_or_list(
                    self,
                    call1("$length", subject.clone()),
                    call1("$count", subject),
                );
                Js::binary(BinOp::Eq, length, Js::Num("0".to_owned()))
            }
            "contains" if arity(self, 1) => {
                let needle = args[0].clone();
                let in_string = Js::Call(
                    Func::Named("$contains"),
                    vec![subject.clone(), needle.clone()],
                );
                let in_list = Js::binary(BinOp::In, needle, subject);
                string_or_list(self, in_string, in_list)
            }
            "starts_with" if arity(self, 1) => {
                let prefix = args[0].clone();
                let head = Js::Call(
                    Func::Named("$substring"),
                    vec![
                        subject,
                        Js::Num("0".to_owned()),
                        call1("$length", prefix.clone()),
                    ],
                );
                Js::binary(BinOp::Eq, head, prefix)
            }
            "ends_with" if arity(self, 1) => {
                let suffix = args[0].clone();
                let tail = Js::Call(
                    Func::Named("$substring"),
                    vec![subject, Js::Neg(Box::new(call1("$length", suffix.clone())))],
                );
                Js::binary(BinOp::Eq, tail, suffix)
            }
            "to_uppercase" if arity(self, 0) => return Tx::string(call1("$uppercase", subject)),
            "to_lowercase" if arity(self, 0) => return Tx::string(call1("$lowercase", subject)),
            "trim" if arity(self, 0) => return Tx::string(call1("$trim", subject)),
            "to_string" if arity(self, 0) => {
                if receiver.hint == Hint::String {
                    return receiver;
                }
                return Tx::string(call1("$string", subject));
            }
            "abs" if arity(self, 0) => call1("$abs", subject),
            "floor" if arity(self, 0) => call1("$floor", subject),
            "ceil" if arity(self, 0) => call1("$ceil", subject),
            "round" if arity(self, 0) => call1("$round", subject),
            "sqrt" if arity(self, 0) => call1("$sqrt", subject),
            "powi" | "powf" if arity(self, 1) => {
                Js::Call(Func::Named("$power"), vec![subject, args[0].clone()])
            }
            "min" | "max" => {
                let function = if method == "min" { "$min" } else { "$max" };
                match args.as_slice() {
                    [] => call1(function, subject),
                    [other] => call1(function, Js::Array(vec![subject, other.clone()])),
                    _ => {
                        arity(self, 1);
                        Js::Null
                    }
                }
            }
            "sum" if arity(self, 0) => call1("$sum", subject),
            "count" if arity(self, 0) => call1("$count", subject),
            "join" if arity(self, 1) => {
                return Tx::string(Js::Call(
                    Func::Named("$join"),
                    vec![subject, args[0].clone()],
                ));
            }
            "split" if arity(self, 1) => {
                Js::Call(Func::Named("$split"), vec![subject, args[0].clone()])
            }
            "replace" if arity(self, 2) => {
                return Tx::string(Js::Call(
                    Func::Named("$replace"),
                    vec![subject, args[0].clone(), args[1].clone()],
                ));
            }
            "keys" if arity(self, 0) => call1("$keys", subject),
            "is_some" if arity(self, 0) => Js::binary(BinOp::Ne, subject, Js::Null),
            "is_none" if arity(self, 0) => Js::not(Js::binary(BinOp::Ne, subject, Js::Null)),
            "unwrap_or" if arity(self, 1) => {
                let present = Js::binary(BinOp::Ne, subject.clone(), Js::Null);
                Js::Cond(
                    Box::new(present),
                    Box::new(subject),
                    Box::new(args[0].clone()),
                )
            }
            "first" if arity(self, 0) => {
                Js::Index(Box::new(subject), Box::new(Js::Num("0".to_owned())))
            }
            "last" if arity(self, 0) => {
                Js::Index(Box::new(subject), Box::new(Js::Num("-1".to_owned())))
            }
            "get" if arity(self, 1) => Js::Index(Box::new(subject), Box::new(args[0].clone())),
            known if METHODS.contains(&known) => Js::Null,
            _ => {
                let hint = did_you_mean(&method, METHODS.iter().copied()).map_or_else(
                    || "; see docs/macros.md for the supported methods".to_owned(),
                    |found| format!("; did you mean `{found}`?"),
                );
                return self.invalid(
                    &call.method,
                    format!("`.{method}()` has no JSONata translation{hint}"),
                );
            }
        };
        Tx::plain(js)
    }
}

fn strip_trailing_colons(path: &syn::Path) -> syn::Path {
    let mut path = path.clone();
    if let Some(pair) = path.segments.pop() {
        path.segments.push_value(pair.into_value());
    }
    path
}
