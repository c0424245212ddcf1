//! Operators whose Rust meaning JSONata does not share: `!`, `+`, `/`, orderings, `as`,
//! and `min`/`max`.

use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

use super::Rewriter;

impl Rewriter<'_> {
    /// `!x` as `not(x)`: `$not` negates truth values, where Rust's `!` on an integer flips
    /// its bits.
    pub(super) fn not(&mut self, expr: &mut syn::Expr) {
        let syn::Expr::Unary(unary) = expr else {
            return;
        };
        self.visit_expr_mut(&mut unary.expr);
        let (inner, span) = (&unary.expr, unary.op.span());
        *expr = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::not(#inner));
    }

    /// `+` must add numbers and `/` divide floats.
    pub(super) fn binary(&mut self, expr: &mut syn::Expr) {
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
    pub(super) fn cast(&mut self, cast: &mut syn::ExprCast) {
        // A refused method's stand-in converts to any type; the macro reported it already.
        let refused = self.is_refused_value(&cast.expr);
        self.visit_expr_mut(&mut cast.expr);
        if refused {
            return;
        }
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

/// `a.min(b)` with `a` checked to be a number: `$min` and `$max` take numbers only.
pub(super) fn check_extremum(call: &mut syn::ExprMethodCall) {
    let receiver = &call.receiver;
    let span = receiver.span();
    *call.receiver = syn::parse_quote_spanned!(span=> ::sfn_dsl::__private::extremum(#receiver));
}

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
