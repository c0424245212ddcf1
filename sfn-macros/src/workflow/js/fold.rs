//! Constant folding: operations on literals computed at expansion time.

use std::fmt::Write as _;

use super::{BinOp, Js};

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
                Op::Eq => Some(Js::Bool((a - b).abs() < f64::EPSILON)),
                Op::Ne => Some(Js::Bool((a - b).abs() >= f64::EPSILON)),
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
            let folded = match op {
                Op::Concat => Some(Js::Str(format!("{a}{b}"))),
                Op::Eq => Some(Js::Bool(a == b)),
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
        (Op::Eq | Op::Ne, Js::Bool(a), Js::Bool(b)) => return Js::Bool((a == b) == (op == Op::Eq)),
        _ => {}
    }
    Js::Binary(op, Box::new(left), Box::new(right))
}
