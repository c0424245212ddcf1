//! What kinds of value an expression can yield, and operators that fail whatever the input,
//! as far as the text alone shows: for static checks such as those of the ASL validator.
//!
//! The analysis is conservative: anything it cannot see through (paths, variables, calls
//! of functions the expression defines) may be of [`Kinds::ANY`] kind, so a check built on
//! it never rejects an expression that can succeed.

use std::collections::HashSet;
use std::fmt;

use crate::syntax::ast::{BinaryOp, Kind, Node};

/// A set of JSON value kinds, plus JSONata's `undefined` (no value) and functions.
///
/// ```
/// use sfn_jsonata::Kinds;
///
/// let text_or_nothing = Kinds::STRING | Kinds::UNDEFINED;
/// assert!(text_or_nothing.contains(Kinds::STRING));
/// assert!(!text_or_nothing.intersects(Kinds::NUMBER));
/// assert_eq!(text_or_nothing.to_string(), "a string or nothing (undefined)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Kinds(u8);

impl Kinds {
    /// No kind at all: an expression that never yields (it always fails).
    pub const NONE: Kinds = Kinds(0);
    /// A number.
    pub const NUMBER: Kinds = Kinds(1);
    /// A string.
    pub const STRING: Kinds = Kinds(1 << 1);
    /// `true` or `false`.
    pub const BOOLEAN: Kinds = Kinds(1 << 2);
    /// `null`.
    pub const NULL: Kinds = Kinds(1 << 3);
    /// An array.
    pub const ARRAY: Kinds = Kinds(1 << 4);
    /// An object.
    pub const OBJECT: Kinds = Kinds(1 << 5);
    /// A function (a lambda, a built-in, a regular expression).
    pub const FUNCTION: Kinds = Kinds(1 << 6);
    /// JSONata's `undefined`: no value.
    pub const UNDEFINED: Kinds = Kinds(1 << 7);
    /// Any kind: what the analysis cannot narrow down.
    pub const ANY: Kinds = Kinds(u8::MAX);

    /// Whether every kind of `other` is in `self`.
    #[must_use]
    pub fn contains(self, other: Kinds) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether `self` and `other` share a kind.
    #[must_use]
    pub fn intersects(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the kinds, in a fixed order.
    fn names(self) -> impl Iterator<Item = &'static str> {
        const NAMES: [(Kinds, &str); 8] = [
            (Kinds::NUMBER, "a number"),
            (Kinds::STRING, "a string"),
            (Kinds::BOOLEAN, "a boolean"),
            (Kinds::NULL, "null"),
            (Kinds::ARRAY, "an array"),
            (Kinds::OBJECT, "an object"),
            (Kinds::FUNCTION, "a function"),
            (Kinds::UNDEFINED, "nothing (undefined)"),
        ];
        NAMES
            .into_iter()
            .filter(move |(kind, _)| self.contains(*kind))
            .map(|(_, name)| name)
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;

    fn bitor(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }
}

impl fmt::Display for Kinds {
    /// The kinds in words: `a number or a string`, `any value`, `no value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Kinds::ANY {
            return f.write_str("any value");
        }
        let names: Vec<_> = self.names().collect();
        match names.split_last() {
            None => f.write_str("no value"),
            Some((last, [])) => f.write_str(last),
            Some((last, rest)) => write!(f, "{} or {last}", rest.join(", ")),
        }
    }
}

/// An operator that fails whenever it is evaluated, because an operand can only be of a
/// kind the operator refuses.
///
/// Returned by [`Expression::type_mismatches`](crate::Expression::type_mismatches).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TypeMismatch {
    /// The JSONata error code evaluation raises (`T2001`, `T2009`, …).
    pub code: &'static str,
    /// Byte offset of the operator in the expression text.
    pub offset: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// The kinds of value that `root` can yield.
pub(crate) fn result_kinds(root: &Node) -> Kinds {
    Analysis::new(root).kinds(root)
}

/// The operators of `root` that fail whenever they are evaluated.
pub(crate) fn type_mismatches(root: &Node) -> Vec<TypeMismatch> {
    let analysis = Analysis::new(root);
    let mut found = Vec::new();
    crate::references::visit(root, &mut |node| analysis.check(node, &mut found));
    found
}

/// Numbers, and what arithmetic leaves alone (`undefined` yields `undefined`).
const NUMERIC: Kinds = Kinds(Kinds::NUMBER.0 | Kinds::UNDEFINED.0);
/// What an ordering comparison accepts.
const COMPARABLE: Kinds = Kinds(Kinds::NUMBER.0 | Kinds::STRING.0 | Kinds::UNDEFINED.0);
/// Kinds an arithmetic operand may have and still evaluate: arrays are left out of the
/// refusal, since a one-item sequence is unwrapped to its item.
const MAYBE_NUMERIC: Kinds = Kinds(NUMERIC.0 | Kinds::ARRAY.0);

struct Analysis<'e> {
    /// Every name the expression binds (`:=`, lambda parameters, `@$`, `#$`): a call of
    /// one of them may not be the built-in of that name.
    bound: HashSet<&'e str>,
}

impl<'e> Analysis<'e> {
    fn new(root: &'e Node) -> Self {
        let mut bound = HashSet::new();
        crate::references::visit(root, &mut |node| {
            if let Kind::Bind(name, _) = &node.kind {
                bound.insert(&**name);
            }
            if let Kind::Lambda(lambda) = &node.kind {
                bound.extend(lambda.params.iter().map(|name| &**name));
            }
            bound.extend(node.focus.as_deref());
            bound.extend(node.index.as_deref());
        });
        Analysis { bound }
    }

    /// The kinds `node` can yield.
    fn kinds(&self, node: &Node) -> Kinds {
        // Filters, index bindings and grouping change what a node yields.
        if !node.stages.is_empty()
            || !node.predicate.is_empty()
            || node.group.is_some()
            || node.keep_array
            || node.tuple
        {
            return Kinds::ANY;
        }
        match &node.kind {
            Kind::Number(_) => Kinds::NUMBER,
            Kind::String(_) => Kinds::STRING,
            Kind::Bool(_) => Kinds::BOOLEAN,
            Kind::Null => Kinds::NULL,
            Kind::Object(_) => Kinds::OBJECT,
            Kind::Lambda(_) | Kind::Partial { .. } | Kind::Regex(_) => Kinds::FUNCTION,
            Kind::Negate(_) => NUMERIC,
            Kind::Binary(op, _, _) => match op {
                BinaryOp::Add
                | BinaryOp::Subtract
                | BinaryOp::Multiply
                | BinaryOp::Divide
                | BinaryOp::Modulo => NUMERIC,
                BinaryOp::Equal
                | BinaryOp::NotEqual
                | BinaryOp::And
                | BinaryOp::Or
                | BinaryOp::In => Kinds::BOOLEAN,
                // Undefined when a side is.
                BinaryOp::Less
                | BinaryOp::LessEqual
                | BinaryOp::Greater
                | BinaryOp::GreaterEqual => Kinds::BOOLEAN | Kinds::UNDEFINED,
                BinaryOp::Concat => Kinds::STRING,
                // Only inside an array constructor, which is not narrowed down.
                BinaryOp::Range => Kinds::ANY,
            },
            Kind::Condition(_, then, otherwise) => {
                self.kinds(then)
                    | otherwise
                        .as_deref()
                        .map_or(Kinds::UNDEFINED, |otherwise| self.kinds(otherwise))
            }
            Kind::Block(items) => items
                .last()
                .map_or(Kinds::UNDEFINED, |last| self.kinds(last)),
            Kind::Bind(_, value) => self.kinds(value),
            Kind::Call { procedure, .. } => match &procedure.kind {
                Kind::Variable(name)
                    if procedure.stages.is_empty()
                        && procedure.predicate.is_empty()
                        && !self.bound.contains(&**name) =>
                {
                    builtin_result(name)
                }
                _ => Kinds::ANY,
            },
            // An array constructor may be flattened into a path or unwrapped; paths,
            // variables and the rest depend on data.
            _ => Kinds::ANY,
        }
    }

    /// Records `node` if it is an operator that fails whenever it is evaluated.
    fn check(&self, node: &Node, found: &mut Vec<TypeMismatch>) {
        match &node.kind {
            Kind::Binary(op, left, right) => {
                let (left, right) = (self.kinds(left), self.kinds(right));
                if let Some((code, message)) = binary_error(*op, left, right) {
                    found.push(TypeMismatch {
                        code,
                        offset: node.pos,
                        message,
                    });
                }
            }
            Kind::Negate(operand) => {
                let operand = self.kinds(operand);
                if !operand.intersects(MAYBE_NUMERIC) {
                    found.push(TypeMismatch {
                        code: "D1002",
                        offset: node.pos,
                        message: format!("`-` negates {operand}, which is not a number"),
                    });
                }
            }
            _ => {}
        }
    }
}

/// The error code and message of `left op right`, if it fails whatever the input.
fn binary_error(op: BinaryOp, left: Kinds, right: Kinds) -> Option<(&'static str, String)> {
    let symbol = op.symbol();
    match op {
        BinaryOp::Add
        | BinaryOp::Subtract
        | BinaryOp::Multiply
        | BinaryOp::Divide
        | BinaryOp::Modulo => {
            let side = |code, which, kinds: Kinds| {
                (!kinds.intersects(MAYBE_NUMERIC)).then(|| {
                    (
                        code,
                        format!("the {which} side of `{symbol}` is {kinds}, which is not a number"),
                    )
                })
            };
            side("T2001", "left", left).or_else(|| side("T2002", "right", right))
        }
        BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::Greater | BinaryOp::GreaterEqual => {
            let refused = |kinds: Kinds| !kinds.intersects(COMPARABLE | Kinds::ARRAY);
            if refused(left) || refused(right) {
                let kinds = if refused(left) { left } else { right };
                return Some((
                    "T2010",
                    format!(
                        "`{symbol}` compares {kinds}, but only numbers and strings can be ordered"
                    ),
                ));
            }
            let mixed = (left == Kinds::NUMBER && right == Kinds::STRING)
                || (left == Kinds::STRING && right == Kinds::NUMBER);
            mixed.then(|| {
                (
                    "T2009",
                    format!("`{symbol}` compares {left} with {right}; both sides must be of the same type"),
                )
            })
        }
        BinaryOp::Range => {
            let side = |code, which, kinds: Kinds| {
                (!kinds.intersects(MAYBE_NUMERIC)).then(|| {
                    (
                        code,
                        format!("the {which} side of `..` is {kinds}, which is not an integer"),
                    )
                })
            };
            side("T2003", "left", left).or_else(|| side("T2004", "right", right))
        }
        BinaryOp::Equal
        | BinaryOp::NotEqual
        | BinaryOp::Concat
        | BinaryOp::And
        | BinaryOp::Or
        | BinaryOp::In => None,
    }
}

/// What a call of the built-in `$name` yields when it succeeds; [`Kinds::ANY`] for
/// functions whose result depends on their arguments' kinds, or that are not built-ins.
fn builtin_result(name: &str) -> Kinds {
    let maybe = |kinds: Kinds| kinds | Kinds::UNDEFINED;
    match name {
        "string" | "substring" | "substringBefore" | "substringAfter" | "uppercase"
        | "lowercase" | "trim" | "pad" | "join" | "replace" | "base64encode" | "base64decode"
        | "encodeUrlComponent" | "encodeUrl" | "decodeUrlComponent" | "decodeUrl"
        | "formatNumber" | "formatBase" | "formatInteger" | "fromMillis" | "type" | "now"
        | "hash" => maybe(Kinds::STRING),
        "uuid" => Kinds::STRING,
        "length" | "number" | "abs" | "floor" | "ceil" | "round" | "power" | "sqrt" | "sum"
        | "max" | "min" | "average" | "toMillis" | "parseInteger" => maybe(Kinds::NUMBER),
        "count" | "millis" | "random" => Kinds::NUMBER,
        "boolean" | "not" | "contains" => maybe(Kinds::BOOLEAN),
        "exists" => Kinds::BOOLEAN,
        "split" => maybe(Kinds::ARRAY),
        "merge" => maybe(Kinds::OBJECT),
        _ => Kinds::ANY,
    }
}

#[cfg(test)]
mod tests;
