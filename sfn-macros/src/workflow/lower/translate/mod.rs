//! Rust expressions -> JSONata.

mod construct;
mod path;
mod store;

pub(crate) use store::null_if_missing;

use proc_macro2::TokenStream;
use quote::quote;

use super::super::js::{BinOp, Func, Hole, Js, SwitchOn, number};
use super::{Hint, Lowerer};

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
    pub(super) fn poisoned() -> Self {
        Self {
            poisoned: true,
            js: Js::Null,
            typed: None,
            hint: Hint::Unknown,
        }
    }

    pub(super) fn plain(js: Js) -> Self {
        Self {
            poisoned: false,
            js,
            typed: None,
            hint: Hint::Unknown,
        }
    }

    pub(super) fn string(js: Js) -> Self {
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
    "round_ties_even",
    "trunc",
    "div_euclid",
    "chars",
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
    "pow",
    "powi",
    "powf",
];
/// `list[i]` or `map[key]`: JSONata reads `$m['a']` as a filter over `$m`, which gives the
/// whole object, so a map is read with `$lookup`. Which one the receiver is comes from its
/// typed path, else from the key (Rust indexes lists with numbers and maps with strings).
pub(crate) fn subscript(receiver: &Tx, key: Js) -> Js {
    let index = Js::Index(Box::new(receiver.js.clone()), Box::new(key.clone()));
    let lookup = Js::Call(
        Func::Named("$lookup"),
        vec![receiver.js.clone(), key.clone()],
    );
    match (&key, &receiver.typed, receiver.hint) {
        (Js::Num(_), ..) | (_, _, Hint::List | Hint::String) => index,
        (Js::Str(_), ..) => lookup,
        (_, Some((_, path)), _) => Js::Switch {
            on: SwitchOn::Object,
            typed: Hole::new(path.clone()),
            string: Box::new(lookup),
            other: Box::new(index),
        },
        (_, None, _) => {
            let is_number = Js::binary(
                BinOp::Eq,
                Js::Call(Func::Named("$type"), vec![key]),
                Js::Str("number".to_owned()),
            );
            Js::Cond(Box::new(is_number), Box::new(index), Box::new(lookup))
        }
    }
}

impl Lowerer<'_> {
    pub(super) fn invalid(
        &self,
        tokens: impl quote::ToTokens,
        message: impl std::fmt::Display,
    ) -> Tx {
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

    /// The items a `for` loop or a fan-out iterates over: an integer range `a..b` (`a..=b`)
    /// is JSONata's `[a .. b - 1]` (`[a .. b]`), empty when `a` is past the end as in Rust;
    /// anything else is translated as a value. (A range is not a value: serde writes it as
    /// `{"start": a, "end": b}`.)
    pub(crate) fn translate_items(&mut self, items: &syn::Expr) -> Tx {
        let range = match items {
            syn::Expr::Range(range) => range,
            syn::Expr::Paren(paren) => return self.translate_items(&paren.expr),
            syn::Expr::Group(group) => return self.translate_items(&group.expr),
            other => return self.translate(other),
        };
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return self.invalid(
                range,
                "a loop over a range needs both ends, `a..b` or `a..=b`: a state machine cannot iterate forever (use `loop` with a `sleep`)",
            );
        };
        let start = self.translate(start).js;
        let end = self.translate(end).js;
        let last = match range.limits {
            syn::RangeLimits::HalfOpen(_) => Js::binary(BinOp::Sub, end, Js::Num("1".to_owned())),
            syn::RangeLimits::Closed(_) => end,
        };
        Tx {
            poisoned: false,
            js: Js::Array(vec![Js::binary(BinOp::Range, start, last)]).fold(),
            typed: None,
            hint: Hint::List,
        }
    }

    pub(super) fn translate_inner(&mut self, expr: &syn::Expr) -> Tx {
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
                    js: subscript(&base, position.js),
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
                let items = tuple.elems.iter().map(|item| self.translate_inner(item).into_item()).collect();
                Tx::plain(Js::Array(items))
            }
            syn::Expr::Array(array) => {
                let items = array.elems.iter().map(|item| self.translate_inner(item).into_item()).collect();
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
        // `x == None`: a missing field is `None` for serde, but `undefined = null` is false
        // in JSONata, so compare the way `is_none()` does.
        if matches!(op, BinOp::Eq | BinOp::Ne) {
            let other = match (&left.js, &right.js) {
                (value, Js::Null) | (Js::Null, value) if *value != Js::Null => Some(value.clone()),
                _ => None,
            };
            if let Some(value) = other {
                let present = Js::binary(BinOp::Ne, value, Js::Null);
                return Tx::plain(if op == BinOp::Eq {
                    Js::not(present)
                } else {
                    present
                });
            }
        }
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
}
