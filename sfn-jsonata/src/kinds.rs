//! What kinds of value an expression can yield, and operators that fail whatever the input,
//! as far as the text alone shows: for static checks such as those of the ASL validator.
//!
//! The analysis is conservative: anything it cannot see through (paths, variables, calls
//! of functions the expression defines) may be of [`Kinds::ANY`] kind, so a check built on
//! it never rejects an expression that can succeed.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

use crate::syntax::ast::{BinaryOp, Kind, Node};
use crate::syntax::signature::Signature;

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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::Kinds;
    ///
    /// let scalar = Kinds::NUMBER | Kinds::STRING | Kinds::BOOLEAN;
    /// assert!(scalar.contains(Kinds::NUMBER | Kinds::STRING));
    /// assert!(!scalar.contains(Kinds::NUMBER | Kinds::NULL));
    /// assert!(scalar.contains(Kinds::NONE));
    /// ```
    #[must_use]
    pub fn contains(self, other: Kinds) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether `self` and `other` share a kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::Kinds;
    ///
    /// assert!((Kinds::NUMBER | Kinds::UNDEFINED).intersects(Kinds::UNDEFINED | Kinds::NULL));
    /// assert!(!Kinds::STRING.intersects(Kinds::NUMBER));
    /// ```
    #[must_use]
    pub fn intersects(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether the set is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::Kinds;
    ///
    /// assert!(Kinds::NONE.is_empty());
    /// assert!(!Kinds::NULL.is_empty());
    /// ```
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
/// kind the operator refuses; or a call of a built-in function whose signature refuses
/// its arguments, whatever their values.
///
/// Returned by [`Expression::type_mismatches`](crate::Expression::type_mismatches).
///
/// # Examples
///
/// ```
/// use sfn_jsonata::parse;
///
/// let text = "$states.input.name & ' has ' & ($count($states.input.items) + 'x')";
/// let mismatches = parse(text)?.type_mismatches();
/// let [mismatch] = mismatches.as_slice() else { panic!("one operator always fails") };
/// assert_eq!(mismatch.code, "T2002"); // the right operand of `+` is not a number
/// assert_eq!(&text[mismatch.offset..mismatch.offset + 1], "+");
/// assert_eq!(mismatch.function, None);
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TypeMismatch {
    /// The JSONata error code evaluation raises (`T2001`, `T2009`, …).
    pub code: &'static str,
    /// Byte offset of the operator, or of the called function's name, in the expression
    /// text.
    pub offset: usize,
    /// What is wrong, in words.
    pub message: String,
    /// The built-in function whose signature refuses the call's arguments (`substring`
    /// for `$substring($s, '1')`); `None` for an operator.
    pub function: Option<&'static str>,
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

/// How many argument combinations the call checks of one expression may try in all, so
/// that a text full of calls with unknown arguments stays quick to check (a combination
/// costs about a microsecond).
const CALL_BUDGET: usize = 1_024;

struct Analysis<'e> {
    /// Every name the expression binds (`:=`, lambda parameters, `@$`, `#$`): a call of
    /// one of them may not be the built-in of that name.
    bound: HashSet<&'e str>,
    /// The calls on the right of `~>`, which take the left side as their first argument.
    applied: HashSet<*const Node>,
    /// Argument combinations the call checks may still try.
    budget: Cell<usize>,
}

impl<'e> Analysis<'e> {
    fn new(root: &'e Node) -> Self {
        let mut bound = HashSet::new();
        let mut applied = HashSet::new();
        crate::references::visit(root, &mut |node| {
            if let Kind::Bind(name, _) = &node.kind {
                bound.insert(&**name);
            }
            if let Kind::Apply(_, rhs) = &node.kind {
                applied.insert(std::ptr::from_ref::<Node>(rhs));
            }
            if let Kind::Lambda(lambda) = &node.kind {
                bound.extend(lambda.params.iter().map(|name| &**name));
            }
            bound.extend(node.focus.as_deref());
            bound.extend(node.index.as_deref());
        });
        Analysis {
            bound,
            applied,
            budget: Cell::new(CALL_BUDGET),
        }
    }

    /// The function a call of `procedure` calls, if it is one the text shows: `$name` not
    /// bound by the expression, a Step Functions function (`$random` takes a seed there)
    /// or else a JSONata built-in. Its name, signature and the signature as written.
    fn callee(&self, procedure: &Node) -> Option<(&'static str, &'static Signature, &'static str)> {
        let Kind::Variable(name) = &procedure.kind else {
            return None;
        };
        if !procedure.stages.is_empty()
            || !procedure.predicate.is_empty()
            || self.bound.contains(&**name)
        {
            return None;
        }
        crate::step_functions::signature(name).or_else(|| {
            let builtin = crate::functions::builtin(name)?;
            Some((builtin.name, builtin.signature()?, builtin.signature_text()))
        })
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
            // An array constructor yields an array; inside a path it is a step of the
            // path, which is not narrowed down.
            Kind::Array(_) => Kinds::ARRAY,
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
            // Paths, variables and the rest depend on data.
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
                        function: None,
                    });
                }
            }
            Kind::Call { procedure, args }
                if !self.applied.contains(&std::ptr::from_ref::<Node>(node)) =>
            {
                self.check_call(procedure, None, args, found);
            }
            Kind::Apply(lhs, rhs) => {
                if let Kind::Call { procedure, args } = &rhs.kind {
                    self.check_call(procedure, Some(lhs), args, found);
                }
            }
            Kind::Negate(operand) => {
                let operand = self.kinds(operand);
                if !operand.intersects(MAYBE_NUMERIC) {
                    found.push(TypeMismatch {
                        code: "D1002",
                        offset: node.pos,
                        message: format!("`-` negates {operand}, which is not a number"),
                        function: None,
                    });
                }
            }
            _ => {}
        }
    }
}

impl Analysis<'_> {
    /// Records a call of a built-in whose arguments its signature refuses whatever their
    /// values; `piped` is the left side of `~>`, passed as the first argument.
    fn check_call(
        &self,
        procedure: &Node,
        piped: Option<&Node>,
        args: &[Node],
        found: &mut Vec<TypeMismatch>,
    ) {
        let Some((name, signature, written)) = self.callee(procedure) else {
            return;
        };
        let kinds: Vec<Kinds> = piped
            .into_iter()
            .chain(args)
            .map(|arg| self.kinds(arg))
            .collect();
        // The kinds of the items of arguments written as array constructors.
        let items: Vec<Option<Vec<Kinds>>> = piped
            .into_iter()
            .chain(args)
            .map(|arg| match &arg.kind {
                Kind::Array(items) if self.kinds(arg) == Kinds::ARRAY => {
                    Some(items.iter().map(|item| self.kinds(item)).collect())
                }
                _ => None,
            })
            .collect();
        let refuses_items = |index: usize, item_type: char| {
            let accepted = symbol_kind(item_type) | Kinds::ARRAY | Kinds::UNDEFINED;
            // An item that may be undefined is left out; one that may be an array may be
            // flattened in: neither is sure to be refused.
            items
                .get(index)
                .and_then(Option::as_ref)
                .is_some_and(|items| {
                    items
                        .iter()
                        .any(|kinds| !kinds.is_empty() && !kinds.intersects(accepted))
                })
        };
        let Some((code, index)) = self.always_refused(signature, &kinds, &refuses_items) else {
            return;
        };
        let message = match kinds.get(index) {
            Some(kinds) if index == 0 && piped.is_some() => format!(
                "the value `~>` passes to `${name}` as argument 1 is {kinds}, which its signature `{written}` does not accept"
            ),
            // Refused whatever its kind: there is no room for it.
            Some(&Kinds::ANY) => format!(
                "`${name}` is called with more arguments than its signature `{written}` accepts"
            ),
            Some(&Kinds::ARRAY) if code == "T0412" => format!(
                "argument {} of `${name}` holds an item of a type its signature `{written}` does not accept there",
                index + 1
            ),
            Some(kinds) => format!(
                "argument {} of `${name}` is {kinds}, which its signature `{written}` does not accept there",
                index + 1
            ),
            None => format!(
                "`${name}` is called with {}, too few for its signature `{written}`",
                match kinds.len() {
                    0 => "no arguments".to_owned(),
                    1 => "one argument".to_owned(),
                    count => format!("{count} arguments"),
                }
            ),
        };
        found.push(TypeMismatch {
            code,
            offset: procedure.pos,
            message,
            function: Some(name),
        });
    }

    /// The code every combination of argument kinds fails with, if they all fail with the
    /// same one, and the furthest argument a combination fails at (where the call fails
    /// even when the arguments before it fit); `None` if one can pass, or the budget is
    /// spent.
    fn always_refused(
        &self,
        signature: &Signature,
        kinds: &[Kinds],
        refuses_items: &dyn Fn(usize, char) -> bool,
    ) -> Option<(&'static str, usize)> {
        let choices: Vec<Vec<char>> = kinds
            .iter()
            .map(|kinds| signature.distinct_symbols(&symbols(*kinds)))
            .collect();
        let total = choices
            .iter()
            .try_fold(1_usize, |total, options| total.checked_mul(options.len()))?;
        if total == 0 || total > self.budget.get() {
            return None;
        }
        self.budget.set(self.budget.get() - total);
        let mut failure: Option<(&'static str, usize)> = None;
        let mut combination = vec!['m'; kinds.len()];
        for mut rest in 0..total {
            for (slot, options) in combination.iter_mut().zip(&choices) {
                *slot = options.get(rest % options.len()).copied().unwrap_or('m');
                rest /= options.len();
            }
            let (code, index) = signature.static_failure_with(&combination, refuses_items)?;
            failure = match failure {
                Some((first, _)) if first != code => return None,
                Some((_, furthest)) => Some((code, furthest.max(index))),
                None => Some((code, index)),
            };
        }
        failure
    }
}

/// The kind a signature type symbol stands for.
fn symbol_kind(symbol: char) -> Kinds {
    match symbol {
        'm' => Kinds::UNDEFINED,
        'a' => Kinds::ARRAY,
        'n' => Kinds::NUMBER,
        's' => Kinds::STRING,
        'b' => Kinds::BOOLEAN,
        'l' => Kinds::NULL,
        'o' => Kinds::OBJECT,
        'f' => Kinds::FUNCTION,
        _ => Kinds::ANY,
    }
}

/// The signature type symbols of the kinds in `kinds` (`m` for undefined).
fn symbols(kinds: Kinds) -> Vec<char> {
    ['m', 'a', 'n', 's', 'b', 'l', 'o', 'f']
        .into_iter()
        .filter(|symbol| kinds.contains(symbol_kind(*symbol)))
        .collect()
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
