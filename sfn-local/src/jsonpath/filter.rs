//! Filter predicates (`[?(…)]`) with Jayway's comparison rules.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;
use sfn_dsl::expr::jsonpath::{
    Comparison, Filter, FilterPath, FilterRoot, Operand, Operator, Regex,
};

use super::select::{Budget, select_in};

/// Whether `item` satisfies `filter`; `document` is what `$` means inside the filter.
/// Once the evaluation's budget is spent, every test fails (and the walk reports the error).
pub(super) fn test(filter: &Filter, item: &Value, document: &Value, budget: &Budget) -> bool {
    if budget.is_exhausted() {
        return false;
    }
    match filter {
        Filter::Or(left, right) => {
            test(left, item, document, budget) || test(right, item, document, budget)
        }
        Filter::And(left, right) => {
            test(left, item, document, budget) && test(right, item, document, budget)
        }
        Filter::Not(inner) => !test(inner, item, document, budget),
        Filter::Exists(path) => resolve(path, item, document, budget).is_some(),
        Filter::Compare(comparison) => compare(comparison, item, document, budget),
    }
}

/// What a filter operand evaluates to: nothing (a missing path), a value or a pattern.
enum Resolved<'a> {
    Undefined,
    Value(Cow<'a, Value>),
    Pattern(&'a Regex),
}

/// The value a filter path selects: a definite path's value, or the list an indefinite one
/// finds (`None` when a definite path finds nothing).
fn resolve<'a>(
    path: &FilterPath,
    item: &'a Value,
    document: &'a Value,
    budget: &Budget,
) -> Option<Cow<'a, Value>> {
    let start = match path.root {
        FilterRoot::Current => item,
        FilterRoot::Document => document,
    };
    let selection = select_in(start, document, &path.segments, "@", false, budget).ok()?;
    if selection.definite {
        selection.values.into_iter().next()
    } else {
        Some(Cow::Owned(Value::Array(
            selection.values.into_iter().map(Cow::into_owned).collect(),
        )))
    }
}

fn operand<'a>(
    operand: &'a Operand,
    item: &'a Value,
    document: &'a Value,
    budget: &Budget,
) -> Resolved<'a> {
    match operand {
        Operand::Path(path) => match resolve(path, item, document, budget) {
            Some(value) => Resolved::Value(value),
            None => Resolved::Undefined,
        },
        Operand::Literal(value) => Resolved::Value(Cow::Borrowed(value)),
        Operand::Regex(regex) => Resolved::Pattern(regex),
    }
}

fn compare(comparison: &Comparison, item: &Value, document: &Value, budget: &Budget) -> bool {
    let left = operand(&comparison.left, item, document, budget);
    let right = operand(&comparison.right, item, document, budget);
    match comparison.operator {
        Operator::Equal => equal(&left, &right),
        Operator::NotEqual => !equal(&left, &right),
        Operator::Less => order(&left, &right) == Some(Ordering::Less),
        Operator::LessOrEqual => {
            matches!(order(&left, &right), Some(Ordering::Less | Ordering::Equal))
        }
        Operator::Greater => order(&left, &right) == Some(Ordering::Greater),
        Operator::GreaterOrEqual => {
            matches!(
                order(&left, &right),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        Operator::Matches => regex_matches(&left, &right),
        Operator::In => member(&left, &right),
        Operator::NotIn => !member(&left, &right),
        Operator::SubsetOf => sets(&left, &right, |found, total| found == total),
        Operator::AnyOf => sets(&left, &right, |found, _| found > 0),
        Operator::NoneOf => sets(&left, &right, |found, _| found == 0),
        Operator::Size => match (&left, value_of(&right).and_then(Value::as_u64)) {
            (Resolved::Value(value), Some(size)) => length(value) == Some(size),
            _ => false,
        },
        Operator::Empty => match (&left, value_of(&right).and_then(Value::as_bool)) {
            (Resolved::Value(value), Some(empty)) => length(value).map(|n| n == 0) == Some(empty),
            _ => false,
        },
        Operator::Contains => match (value_of(&left), value_of(&right)) {
            (Some(Value::String(text)), Some(Value::String(part))) => text.contains(part.as_str()),
            (Some(Value::Array(items)), Some(wanted)) => {
                items.iter().any(|i| values_equal(i, wanted))
            }
            _ => false,
        },
        // Operators added to the syntax later are unknown here: they match nothing.
        _ => false,
    }
}

fn value_of<'r>(resolved: &'r Resolved<'_>) -> Option<&'r Value> {
    match resolved {
        Resolved::Value(value) => Some(value),
        Resolved::Undefined | Resolved::Pattern(_) => None,
    }
}

fn length(value: &Value) -> Option<u64> {
    let count = match value {
        Value::Array(items) => items.len(),
        Value::String(text) => text.chars().count(),
        _ => return None,
    };
    u64::try_from(count).ok()
}

fn equal(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    match (value_of(left), value_of(right)) {
        (Some(left), Some(right)) => values_equal(left, right),
        _ => false,
    }
}

/// Jayway's equality: numbers by value (a numeric string equals the number), everything else
/// structurally.
pub(super) fn values_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(_), Value::Number(_)) => numeric_order(left, right) == Some(Ordering::Equal),
        (Value::Number(number), Value::String(text))
        | (Value::String(text), Value::Number(number)) => {
            match (text.trim().parse::<f64>(), number.as_f64()) {
                #[expect(clippy::float_cmp, reason = "Jayway compares numbers by exact value")]
                (Ok(parsed), Some(number)) => parsed == number,
                _ => false,
            }
        }
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len() && left.iter().zip(right).all(|(l, r)| values_equal(l, r))
        }
        (Value::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .all(|(key, l)| right.get(key).is_some_and(|r| values_equal(l, r)))
        }
        _ => left == right,
    }
}

fn numeric_order(left: &Value, right: &Value) -> Option<Ordering> {
    match (left, right) {
        (Value::Number(left), Value::Number(right)) => {
            if let (Some(l), Some(r)) = (left.as_i64(), right.as_i64()) {
                return Some(l.cmp(&r));
            }
            if let (Some(l), Some(r)) = (left.as_u64(), right.as_u64()) {
                return Some(l.cmp(&r));
            }
            left.as_f64()?.partial_cmp(&right.as_f64()?)
        }
        _ => None,
    }
}

/// Numbers compare by value and strings by code points; other pairs do not compare.
fn order(left: &Resolved<'_>, right: &Resolved<'_>) -> Option<Ordering> {
    match (value_of(left)?, value_of(right)?) {
        (Value::String(left), Value::String(right)) => Some(left.cmp(right)),
        (left, right) => numeric_order(left, right),
    }
}

fn regex_matches(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    let (Some(value), Resolved::Pattern(regex)) = (value_of(left), right) else {
        return false;
    };
    let input = match value {
        Value::String(text) => Cow::Borrowed(text.as_str()),
        Value::Number(number) => Cow::Owned(number.to_string()),
        Value::Bool(flag) => Cow::Owned(flag.to_string()),
        _ => return false,
    };
    // Jayway matches the whole input (Java's `Matcher.matches`).
    let flags = if regex.flags.is_empty() {
        String::new()
    } else {
        format!("(?{})", regex.flags)
    };
    regex_lite::Regex::new(&format!("{flags}^(?:{})$", regex.pattern))
        .is_ok_and(|compiled| compiled.is_match(&input))
}

fn member(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    match (value_of(left), value_of(right)) {
        (Some(wanted), Some(Value::Array(items))) => {
            items.iter().any(|item| values_equal(item, wanted))
        }
        _ => false,
    }
}

fn sets(left: &Resolved<'_>, right: &Resolved<'_>, judge: impl Fn(usize, usize) -> bool) -> bool {
    match (value_of(left), value_of(right)) {
        (Some(Value::Array(left)), Some(Value::Array(right))) => {
            let found = left
                .iter()
                .filter(|item| right.iter().any(|other| values_equal(item, other)))
                .count();
            judge(found, left.len())
        }
        _ => false,
    }
}
