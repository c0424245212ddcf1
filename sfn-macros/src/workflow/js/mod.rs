//! JSONata expressions as a tree: built from Rust expressions, folded, substituted (to move
//! assignments between states) and rendered to text with holes for what only the run time
//! knows (serde's field names, task result shapes).

mod fold;
mod render;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;

pub(crate) use fold::number;

/// A piece of rendered text computed at run time: a Rust expression of type `String`.
#[derive(Clone)]
pub(crate) struct Hole {
    pub(crate) tokens: TokenStream,
    key: String,
}

impl Hole {
    pub(crate) fn new(tokens: TokenStream) -> Self {
        let key = tokens.to_string();
        Self { tokens, key }
    }
}

impl PartialEq for Hole {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// Rendered text: literal parts and holes.
#[derive(Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    Hole(Hole),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    In,
    /// `a .. b`: the integers from `a` to `b`, only inside an array constructor.
    Range,
}

#[derive(Clone, PartialEq)]
pub(crate) enum Func {
    Named(&'static str),
}

#[derive(Clone, PartialEq)]
pub(crate) enum Key {
    Text(String),
    /// A hole rendering the JSON name; quoted when rendered.
    Hole(Hole),
}

/// How [`Js::Unspliced`] keeps a value as one element of an array constructor.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Splice {
    /// A list: `[x]` (a nested array constructor is not spliced).
    List,
    /// Any value: `$type(x) = 'array' ? [[x]] : x`.
    Present,
    /// Any value, maybe missing: `$type(x) = 'array' ? [[x]] : $exists(x) ? x : null`.
    Maybe,
}

/// The kind of JSON value a [`Js::Switch`] tests its typed path for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SwitchOn {
    /// A string.
    String,
    /// An object (a map).
    Object,
    /// A value that is never missing (not an `Option`).
    Present,
    /// A present string, number, boolean or object: one element of an array constructor.
    Single,
    /// A present list.
    List,
}

#[derive(Clone, PartialEq)]
pub(crate) enum Js {
    /// `$name`.
    Var(String),
    /// `$states.input`, `$states.errorOutput`, …
    Root(&'static str),
    /// `$states.result` followed by a hole (`.Payload` for Lambda tasks).
    Result(Hole),
    /// A typed path: the root expression, then the steps rendered from a typed path value.
    Path(Box<Js>, Hole),
    /// A field whose JSON name the macro knows.
    Field(Box<Js>, String),
    Index(Box<Js>, Box<Js>),
    Str(String),
    Num(String),
    Bool(bool),
    Null,
    Not(Box<Js>),
    Neg(Box<Js>),
    Binary(BinOp, Box<Js>, Box<Js>),
    Call(Func, Vec<Js>),
    Cond(Box<Js>, Box<Js>, Box<Js>),
    Object(Vec<(Key, Js)>),
    Array(Vec<Js>),
    /// The test recognising variant `variant` of the enum `ty` in `subject`, rendered at run
    /// time from the enum's serde attributes.
    VariantTest {
        ty: Hole,
        variant: String,
        subject: Box<Js>,
    },
    /// `string` when the typed path `typed` holds the kind `on` (a string, or an object),
    /// `other` otherwise.
    Switch {
        on: SwitchOn,
        typed: Hole,
        string: Box<Js>,
        other: Box<Js>,
    },
    /// A hole standing for a whole atomic expression (a constant, a unit variant).
    Atom(Hole),
    /// A regular expression literal, `/…/`, written by the macro itself.
    Regex(&'static str),
    /// An element of an array constructor written so that JSONata keeps it as one element
    /// (it splices lists read from paths, variables and function results) and writes `null`
    /// for a missing value; it is the value itself once folding shows it is neither.
    Unspliced(Box<Js>, Splice),
}

/// JSONata functions whose result is never a list and never undefined (for the arguments
/// the macro passes them).
const SINGLE_FUNCTIONS: &[&str] = &[
    "$abs",
    "$ceil",
    "$contains",
    "$count",
    "$exists",
    "$floor",
    "$join",
    "$length",
    "$lowercase",
    "$not",
    "$number",
    "$power",
    "$replace",
    "$round",
    "$sqrt",
    "$string",
    "$substring",
    "$sum",
    "$type",
    "$uppercase",
];

impl Js {
    pub(crate) fn var(name: &str) -> Self {
        Self::Var(name.to_owned())
    }

    pub(crate) fn binary(op: BinOp, left: Self, right: Self) -> Self {
        Self::Binary(op, Box::new(left), Box::new(right))
    }

    pub(crate) fn not(inner: Self) -> Self {
        Self::Not(Box::new(inner))
    }

    pub(crate) fn and(left: Self, right: Self) -> Self {
        Self::binary(BinOp::And, left, right)
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// Whether an array constructor keeps the expression's value as one element: a present
    /// value that is not a list, or an array constructor (JSONata splices lists read from
    /// paths, variables and function results, but not the value of a nested `[…]`).
    pub(crate) fn is_single(&self) -> bool {
        match self {
            Self::Str(_)
            | Self::Num(_)
            | Self::Bool(_)
            | Self::Null
            | Self::Not(_)
            | Self::Neg(_)
            | Self::Binary(..)
            | Self::Object(_)
            | Self::Array(_)
            | Self::VariantTest { .. } => true,
            Self::Call(Func::Named(name), _) => SINGLE_FUNCTIONS.contains(name),
            Self::Cond(_, then, otherwise) => then.is_single() && otherwise.is_single(),
            Self::Switch { string, other, .. } => string.is_single() && other.is_single(),
            _ => false,
        }
    }

    /// Whether the expression is a literal that needs no `{% %}`.
    pub(crate) fn is_literal(&self) -> bool {
        match self {
            Self::Str(_) | Self::Num(_) | Self::Bool(_) | Self::Null => true,
            Self::Array(items) => items.iter().all(Self::is_literal),
            Self::Object(fields) => fields
                .iter()
                .all(|(key, value)| matches!(key, Key::Text(_)) && value.is_literal()),
            _ => false,
        }
    }

    fn map_children(self, f: &mut impl FnMut(Self) -> Self) -> Self {
        let mut boxed = |inner: Box<Self>| Box::new(f(*inner));
        match self {
            Self::Path(root, hole) => Self::Path(boxed(root), hole),
            Self::Field(base, name) => Self::Field(boxed(base), name),
            Self::Index(base, index) => {
                let base = boxed(base);
                Self::Index(base, boxed(index))
            }
            Self::Not(inner) => Self::Not(boxed(inner)),
            Self::Neg(inner) => Self::Neg(boxed(inner)),
            Self::Binary(op, left, right) => {
                let left = boxed(left);
                Self::Binary(op, left, boxed(right))
            }
            Self::Call(func, args) => Self::Call(func, args.into_iter().map(&mut *f).collect()),
            Self::Cond(test, then, otherwise) => {
                let test = boxed(test);
                let then = boxed(then);
                Self::Cond(test, then, boxed(otherwise))
            }
            Self::Object(fields) => Self::Object(
                fields
                    .into_iter()
                    .map(|(key, value)| (key, f(value)))
                    .collect(),
            ),
            Self::Array(items) => Self::Array(items.into_iter().map(&mut *f).collect()),
            Self::VariantTest {
                ty,
                variant,
                subject,
            } => Self::VariantTest {
                ty,
                variant,
                subject: boxed(subject),
            },
            Self::Switch {
                on,
                typed,
                string,
                other,
            } => {
                let string = boxed(string);
                Self::Switch {
                    on,
                    typed,
                    string,
                    other: boxed(other),
                }
            }
            Self::Unspliced(inner, splice) => Self::Unspliced(boxed(inner), splice),
            leaf => leaf,
        }
    }

    /// Visits the direct children.
    pub(crate) fn map_children_ref(self, f: &mut impl FnMut(&Self)) {
        let _ = self.map_children(&mut |child| {
            f(&child);
            child
        });
    }

    /// Replaces variables by expressions (the values they will have been assigned).
    pub(crate) fn subst(&self, map: &[(String, Self)]) -> Self {
        fn walk(js: Js, map: &[(String, Js)]) -> Js {
            match js {
                Js::Var(name) => map
                    .iter()
                    .rev()
                    .find(|(var, _)| *var == name)
                    .map_or(Js::Var(name), |(_, value)| value.clone()),
                other => other.map_children(&mut |child| walk(child, map)),
            }
        }
        if map.is_empty() {
            return self.clone();
        }
        walk(self.clone(), map).fold()
    }

    /// The variables read.
    pub(crate) fn vars(&self, out: &mut BTreeSet<String>) {
        match self {
            Self::Var(name) => {
                out.insert(name.clone());
            }
            other => {
                other.clone().map_children(&mut |child| {
                    child.vars(out);
                    child
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BinOp, Js, Piece};

    fn text(js: &Js) -> String {
        js.render()
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text,
                Piece::Hole(_) => "<hole>".to_owned(),
            })
            .collect()
    }

    #[test]
    fn precedence_and_folding() {
        let sum = Js::binary(BinOp::Add, Js::var("a"), Js::var("b"));
        let product = Js::binary(BinOp::Mul, sum, Js::Num("2".to_owned()));
        assert_eq!(text(&product), "($a + $b) * 2");
        let folded = Js::binary(BinOp::Gt, Js::Num("3".to_owned()), Js::Num("2".to_owned())).fold();
        assert!(folded == Js::Bool(true));
        let logic = Js::and(Js::Bool(true), Js::var("x")).fold();
        assert_eq!(text(&logic), "$x");
        let nested = Js::binary(
            BinOp::Sub,
            Js::var("a"),
            Js::binary(BinOp::Sub, Js::var("b"), Js::var("c")),
        );
        assert_eq!(text(&nested), "$a - ($b - $c)");
    }

    #[test]
    fn substitution_replaces_variables() {
        let js = Js::binary(BinOp::Add, Js::var("x"), Js::Num("1".to_owned()));
        let replaced = js.subst(&[("x".to_owned(), Js::Root("$states.input"))]);
        assert_eq!(text(&replaced), "$states.input + 1");
    }
}
