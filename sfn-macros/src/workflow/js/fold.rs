//! Constant folding: operations on literals computed at expansion time.

use std::fmt::Write as _;

use super::{BinOp, Func, Js, Splice};

impl Js {
    /// Folds operations on literals.
    pub(crate) fn fold(self) -> Self {
        let folded = self.map_children(&mut Self::fold);
        match folded {
            Self::Not(inner) => match *inner {
                Self::Bool(value) => Self::Bool(!value),
                Self::Not(twice) => *twice,
                inner => Self::Not(Box::new(inner)),
            },
            Self::Neg(inner) => match *inner {
                Self::Num(text) => number(-parse_number(&text)),
                inner => Self::Neg(Box::new(inner)),
            },
            Self::Cond(test, then, otherwise) => match test.as_bool() {
                Some(true) => *then,
                Some(false) => *otherwise,
                None => Self::Cond(test, then, otherwise),
            },
            Self::Binary(op, left, right) => fold_binary(op, *left, *right),
            Self::Index(base, index) => fold_index(*base, *index),
            // A value that became an array constructor or a scalar (a variable replaced by
            // its value) needs no wrapping.
            Self::Unspliced(inner, _) if inner.is_single() => *inner,
            other => other,
        }
    }
}

fn parse_number(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// A JSONata number literal.
pub(crate) fn number(value: f64) -> Js {
    if value.is_finite() {
        let mut text = String::new();
        if value.fract() == 0.0 && value.abs() < 1e15 {
            let _ = write!(text, "{value:.0}");
        } else {
            let _ = write!(text, "{value}");
        }
        Js::Num(text)
    } else {
        Js::Null
    }
}

/// `[a, b][1]` (a tuple field read from a tuple the macro built) is `b`, when every
/// element is one element of the array.
fn fold_index(base: Js, index: Js) -> Js {
    if let (Js::Array(items), Js::Num(text)) = (&base, &index)
        && let Ok(position) = text.parse::<usize>()
        && position < items.len()
        && items
            .iter()
            .all(|item| item.is_single() || matches!(item, Js::Unspliced(..)))
    {
        return match items[position].clone() {
            Js::Unspliced(value, Splice::Maybe) => Js::Cond(
                Box::new(Js::Call(Func::Named("$exists"), vec![(*value).clone()])),
                value,
                Box::new(Js::Null),
            ),
            Js::Unspliced(value, _) => *value,
            item => item,
        };
    }
    Js::Index(Box::new(base), Box::new(index))
}

fn fold_binary(op: BinOp, left: Js, right: Js) -> Js {
    use BinOp as Op;
    match (op, &left, &right) {
        (Op::And, Js::Bool(false), _)
        | (Op::Or, Js::Bool(true), _)
        | (Op::And, _, Js::Bool(true))
        | (Op::Or, _, Js::Bool(false)) => return left,
        (Op::And, Js::Bool(true), _) | (Op::Or, Js::Bool(false), _) => return right,
        (_, Js::Num(a), Js::Num(b)) => {
            let (a, b) = (parse_number(a), parse_number(b));
            let folded = match op {
                Op::Add => Some(number(a + b)),
                Op::Sub => Some(number(a - b)),
                Op::Mul => Some(number(a * b)),
                Op::Div if b != 0.0 => Some(number(a / b)),
                Op::Rem if b != 0.0 => Some(number(a % b)),
                // Exact, as JSONata compares at run time: `0.1 + 0.2 == 0.3` is false.
                #[expect(
                    clippy::float_cmp,
                    reason = "the folded comparison must be the run time's exact one"
                )]
                Op::Eq => Some(Js::Bool(a == b)),
                #[expect(
                    clippy::float_cmp,
                    reason = "the folded comparison must be the run time's exact one"
                )]
                Op::Ne => Some(Js::Bool(a != b)),
                Op::Lt => Some(Js::Bool(a < b)),
                Op::Le => Some(Js::Bool(a <= b)),
                Op::Gt => Some(Js::Bool(a > b)),
                Op::Ge => Some(Js::Bool(a >= b)),
                _ => None,
            };
            if let Some(folded) = folded {
                return folded;
            }
        }
        (_, Js::Str(a), Js::Str(b)) => {
            // JSONata orders strings by UTF-16 code units, as the machine will at run time
            // (Rust orders by code points: "\u{ffff}" < "😀" differs).
            let order = a.encode_utf16().cmp(b.encode_utf16());
            let folded = match op {
                Op::Concat => Some(Js::Str(format!("{a}{b}"))),
                Op::Eq => Some(Js::Bool(a == b)),
                Op::Ne => Some(Js::Bool(a != b)),
                Op::Lt => Some(Js::Bool(order.is_lt())),
                Op::Le => Some(Js::Bool(order.is_le())),
                Op::Gt => Some(Js::Bool(order.is_gt())),
                Op::Ge => Some(Js::Bool(order.is_ge())),
                _ => None,
            };
            if let Some(folded) = folded {
                return folded;
            }
        }
        (Op::Eq | Op::Ne, Js::Bool(a), Js::Bool(b)) => return Js::Bool((a == b) == (op == Op::Eq)),
        _ => {}
    }
    Js::Binary(op, Box::new(left), Box::new(right))
}

#[cfg(test)]
mod tests {
    use super::super::{BinOp, Js};
    use super::number;

    fn fold(op: BinOp, left: Js, right: Js) -> Js {
        Js::binary(op, left, right).fold()
    }

    #[test]
    fn numbers_compare_exactly() {
        let sum = fold(BinOp::Add, number(0.1), number(0.2));
        assert!(fold(BinOp::Eq, sum.clone(), number(0.3)) == Js::Bool(false));
        assert!(fold(BinOp::Ne, sum, number(0.3)) == Js::Bool(true));
        assert!(fold(BinOp::Eq, number(1e-20), number(0.0)) == Js::Bool(false));
    }

    #[test]
    fn strings_order_by_utf16_code_units_as_jsonata_does() {
        let text = |text: &str| Js::Str(text.to_owned());
        // U+FFFF is one code unit above the surrogates U+1F600 is written with.
        assert!(fold(BinOp::Lt, text("\u{ffff}"), text("\u{1f600}")) == Js::Bool(false));
        assert!(fold(BinOp::Gt, text("\u{ffff}"), text("\u{1f600}")) == Js::Bool(true));
        assert!(fold(BinOp::Lt, text("a"), text("b")) == Js::Bool(true));
    }
}
