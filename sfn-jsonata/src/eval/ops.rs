//! Operators: arithmetic, comparison, boolean, concatenation, ranges, membership,
//! negation and array construction.

use std::rc::Rc;

use super::frame::FrameId;
use super::{Evaluator, Res};
use crate::error::EvaluationError;
use crate::functions::boolean::truthy;
use crate::functions::string::to_string;
use crate::syntax::ast::{BinaryOp, Kind, Node};
use crate::value::{Array, Value, deep_equal, strict_equal};

/// The number in `value`, if it is one; an infinite or `NaN` number is error `D1001`.
pub(crate) fn numeric(value: &Value) -> Result<Option<f64>, EvaluationError> {
    match value {
        Value::Number(number) if number.is_finite() => Ok(Some(*number)),
        Value::Number(_) => Err(EvaluationError::new("D1001", "number out of range")),
        _ => Ok(None),
    }
}

pub(crate) use crate::value::describe;

impl Evaluator<'_> {
    pub(super) fn evaluate_binary(
        &self,
        node: &Node,
        op: BinaryOp,
        lhs: &Node,
        rhs: &Node,
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let left = self.evaluate(lhs, input, frame)?;
        if matches!(op, BinaryOp::And | BinaryOp::Or) {
            let left = truthy(left.as_ref());
            let result = match op {
                BinaryOp::And => left && truthy(self.evaluate(rhs, input, frame)?.as_ref()),
                _ => left || truthy(self.evaluate(rhs, input, frame)?.as_ref()),
            };
            return Ok(Some(Value::Bool(result)));
        }
        let right = self.evaluate(rhs, input, frame)?;
        let result = match op {
            BinaryOp::Add
            | BinaryOp::Subtract
            | BinaryOp::Multiply
            | BinaryOp::Divide
            | BinaryOp::Modulo => arithmetic(op, left.as_ref(), right.as_ref()),
            BinaryOp::Equal => Ok(Some(Value::Bool(
                matches!((&left, &right), (Some(l), Some(r)) if deep_equal(l, r)),
            ))),
            BinaryOp::NotEqual => Ok(Some(Value::Bool(
                matches!((&left, &right), (Some(l), Some(r)) if !deep_equal(l, r)),
            ))),
            BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::Greater | BinaryOp::GreaterEqual => {
                compare(op, left.as_ref(), right.as_ref())
            }
            BinaryOp::Concat => {
                let mut text = match &left {
                    Some(value) => to_string(value)?,
                    None => String::new(),
                };
                if let Some(value) = &right {
                    text.push_str(&to_string(value)?);
                }
                self.check_size(text.len())?;
                Ok(Some(Value::string(text)))
            }
            BinaryOp::Range => self.range(left.as_ref(), right.as_ref()),
            BinaryOp::In => Ok(Some(Value::Bool(match (&left, &right) {
                (Some(needle), Some(haystack)) => haystack
                    .items()
                    .iter()
                    .any(|item| strict_equal(item, needle)),
                _ => false,
            }))),
            BinaryOp::And | BinaryOp::Or => Ok(None),
        };
        result.map_err(|error| error.at(node.pos))
    }

    fn range(&self, left: Option<&Value>, right: Option<&Value>) -> Res {
        let integer = |value: Option<&Value>,
                       code: &'static str,
                       side: &str|
         -> Result<Option<f64>, EvaluationError> {
            match value {
                None => Ok(None),
                Some(Value::Number(number)) if number.fract() == 0.0 && number.is_finite() => {
                    Ok(Some(*number))
                }
                Some(_) => Err(EvaluationError::new(
                    code,
                    format!(
                        "the {side} side of the range operator (..) must evaluate to an integer"
                    ),
                )),
            }
        };
        let start = integer(left, "T2003", "left")?;
        let end = integer(right, "T2004", "right")?;
        let (Some(start), Some(end)) = (start, end) else {
            return Ok(None);
        };
        if start > end {
            return Ok(None);
        }
        let size = end - start + 1.0;
        #[expect(clippy::cast_precision_loss, reason = "limits are far below 2^52")]
        let limit = self.limits.max_items.min(10_000_000) as f64;
        if size > limit {
            return Err(EvaluationError::new(
                "D2014",
                format!(
                    "the size of the sequence allocated by the range operator (..) must not exceed {limit}; attempted to allocate {size}"
                ),
            ));
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "size is a checked positive integer"
        )]
        let count = size as usize;
        self.tick(u64::try_from(count / 16).unwrap_or(u64::MAX))?;
        #[expect(clippy::cast_precision_loss, reason = "offsets are at most 1e7")]
        let items = (0..count)
            .map(|offset| Value::Number(start + offset as f64))
            .collect();
        Ok(Some(Value::sequence(items)))
    }

    pub(super) fn evaluate_negate(
        &self,
        node: &Node,
        expression: &Node,
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        match self.evaluate(expression, input, frame)? {
            None => Ok(None),
            Some(value) => match numeric(&value).map_err(|error| error.at(node.pos))? {
                Some(number) => Ok(Some(Value::Number(-number))),
                None => Err(EvaluationError::new(
                    "D1002",
                    format!("cannot negate a non-numeric value: {}", describe(&value)),
                )
                .at(node.pos)),
            },
        }
    }

    pub(super) fn evaluate_array(
        &self,
        node: &Node,
        items: &[Node],
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let mut result = Vec::with_capacity(items.len());
        for item in items {
            let Some(value) = self.evaluate(item, input, frame)? else {
                continue;
            };
            if matches!(item.kind, Kind::Array(_)) {
                result.push(value);
            } else {
                match value {
                    Value::Array(array) => result.extend(array.items.iter().cloned()),
                    other => result.push(other),
                }
            }
            self.check_size(result.len())?;
        }
        let mut array = Array::new(result);
        array.cons = node.consarray;
        Ok(Some(Value::Array(Rc::new(array))))
    }

    pub(super) fn evaluate_apply(
        &self,
        node: &Node,
        lhs: &Node,
        rhs: &Node,
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let left = self.evaluate(lhs, input, frame)?;
        if let Kind::Call { procedure, args } = &rhs.kind {
            return self.evaluate_call(rhs, procedure, args, input, frame, Some(left));
        }
        let function = self.evaluate(rhs, input, frame)?;
        let Some(function @ Value::Function(_)) = function else {
            return Err(EvaluationError::new(
                "T2006",
                "the right side of the function application operator ~> must be a function",
            )
            .at(node.pos));
        };
        if let Some(first @ Value::Function(_)) = left {
            return Ok(Some(Value::Function(Rc::new(
                super::function::Function::Chain {
                    first,
                    second: function,
                },
            ))));
        }
        self.apply(&function, vec![left], None)
            .map_err(|error| error.at(node.pos))
    }
}

fn arithmetic(op: BinaryOp, left: Option<&Value>, right: Option<&Value>) -> Res {
    let symbol = op.symbol();
    let left = match left {
        Some(value) => Some(numeric(value)?.ok_or_else(|| {
            EvaluationError::new(
                "T2001",
                format!("the left side of the `{symbol}` operator must evaluate to a number"),
            )
        })?),
        None => None,
    };
    let right = match right {
        Some(value) => Some(numeric(value)?.ok_or_else(|| {
            EvaluationError::new(
                "T2002",
                format!("the right side of the `{symbol}` operator must evaluate to a number"),
            )
        })?),
        None => None,
    };
    let (Some(left), Some(right)) = (left, right) else {
        return Ok(None);
    };
    let result = match op {
        BinaryOp::Add => left + right,
        BinaryOp::Subtract => left - right,
        BinaryOp::Multiply => left * right,
        BinaryOp::Divide => left / right,
        _ => left % right,
    };
    Ok(Some(Value::Number(result)))
}

fn compare(op: BinaryOp, left: Option<&Value>, right: Option<&Value>) -> Res {
    let comparable =
        |value: Option<&Value>| matches!(value, None | Some(Value::String(_) | Value::Number(_)));
    if !comparable(left) || !comparable(right) {
        return Err(EvaluationError::new(
            "T2010",
            format!(
                "the expressions either side of operator `{}` must evaluate to numeric or string values",
                op.symbol()
            ),
        ));
    }
    let (Some(left), Some(right)) = (left, right) else {
        return Ok(None);
    };
    let ordering = match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
        (Value::String(a), Value::String(b)) => Some(compare_utf16(a, b)),
        _ => {
            return Err(EvaluationError::new(
                "T2009",
                format!(
                    "the values {} and {} either side of operator `{}` must be of the same data type",
                    describe(left),
                    describe(right),
                    op.symbol()
                ),
            ));
        }
    };
    let Some(ordering) = ordering else {
        return Ok(Some(Value::Bool(false)));
    };
    let result = match op {
        BinaryOp::Less => ordering.is_lt(),
        BinaryOp::LessEqual => ordering.is_le(),
        BinaryOp::Greater => ordering.is_gt(),
        _ => ordering.is_ge(),
    };
    Ok(Some(Value::Bool(result)))
}

/// String order as JavaScript compares strings: by UTF-16 code units.
pub(crate) fn compare_utf16(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}
