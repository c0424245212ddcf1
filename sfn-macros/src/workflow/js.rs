//! JSONata expressions as a tree: built from Rust expressions, folded, substituted (to move
//! assignments between states) and rendered to text with holes for what only the run time
//! knows (serde's field names, task result shapes).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use crate::jsonata::string_literal;

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
}

impl BinOp {
    fn text(self) -> &'static str {
        match self {
            Self::Add => "+",
            Self::Sub => "-",
            Self::Mul => "*",
            Self::Div => "/",
            Self::Rem => "%",
            Self::Concat => "&",
            Self::Eq => "=",
            Self::Ne => "!=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::And => "and",
            Self::Or => "or",
            Self::In => "in",
        }
    }

    /// JSONata binding power.
    fn precedence(self) -> u8 {
        match self {
            Self::Or => 25,
            Self::And => 30,
            Self::Eq | Self::Ne | Self::Lt | Self::Le | Self::Gt | Self::Ge | Self::In => 40,
            Self::Add | Self::Sub | Self::Concat => 50,
            Self::Mul | Self::Div | Self::Rem => 60,
        }
    }
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
    /// `string` when the typed path `typed` holds a string, `other` otherwise.
    Switch {
        typed: Hole,
        string: Box<Js>,
        other: Box<Js>,
    },
    /// A hole standing for a whole atomic expression (a constant, a unit variant).
    Atom(Hole),
}

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
                typed,
                string,
                other,
            } => {
                let string = boxed(string);
                Self::Switch {
                    typed,
                    string,
                    other: boxed(other),
                }
            }
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

    /// The binding power of the expression's top-level operator (100 for atoms).
    fn top_precedence(&self) -> u8 {
        match self {
            Self::Binary(op, ..) => op.precedence(),
            Self::Cond(..) => 20,
            Self::Neg(_) => 70,
            Self::VariantTest { .. } => 40,
            Self::Switch { string, other, .. } => {
                string.top_precedence().min(other.top_precedence())
            }
            _ => 100,
        }
    }

    /// Renders to pieces.
    pub(crate) fn render(&self) -> Vec<Piece> {
        let mut out = Renderer::default();
        self.write(&mut out, 0);
        out.finish()
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per expression kind reads best as a table"
    )]
    fn write(&self, out: &mut Renderer, context: u8) {
        match self {
            Self::Var(name) => out.text(&format!("${name}")),
            Self::Root(text) => out.text(text),
            Self::Result(hole) => {
                out.text("$states.result");
                out.hole(hole);
            }
            Self::Path(root, hole) => {
                root.write(out, 80);
                out.hole(hole);
            }
            Self::Field(base, name) => {
                base.write(out, 80);
                out.text(&crate::jsonata::field_suffix(name));
            }
            Self::Index(base, index) => {
                base.write(out, 80);
                out.text("[");
                index.write(out, 0);
                out.text("]");
            }
            Self::Str(text) => out.text(&string_literal(text)),
            Self::Num(text) => out.text(text),
            Self::Bool(value) => out.text(if *value { "true" } else { "false" }),
            Self::Null => out.text("null"),
            Self::Not(inner) => {
                out.text("$not(");
                inner.write(out, 0);
                out.text(")");
            }
            Self::Neg(inner) => {
                out.text("-");
                inner.write(out, 70);
            }
            Self::Binary(op, left, right) => {
                let precedence = op.precedence();
                let parenthesize = precedence < context;
                if parenthesize {
                    out.text("(");
                }
                left.write(out, precedence);
                out.text(&format!(" {} ", op.text()));
                right.write(out, precedence + 1);
                if parenthesize {
                    out.text(")");
                }
            }
            Self::Call(func, args) => {
                let Func::Named(name) = func;
                out.text(name);
                out.text("(");
                for (index, arg) in args.iter().enumerate() {
                    if index > 0 {
                        out.text(", ");
                    }
                    arg.write(out, 0);
                }
                out.text(")");
            }
            Self::Cond(test, then, otherwise) => {
                let parenthesize = context > 20;
                if parenthesize {
                    out.text("(");
                }
                test.write(out, 21);
                out.text(" ? ");
                then.write(out, 21);
                out.text(" : ");
                otherwise.write(out, 20);
                if parenthesize {
                    out.text(")");
                }
            }
            Self::Object(fields) => {
                out.text("{");
                for (index, (key, value)) in fields.iter().enumerate() {
                    if index > 0 {
                        out.text(", ");
                    }
                    match key {
                        Key::Text(text) => out.text(&string_literal(text)),
                        Key::Hole(hole) => {
                            let tokens = &hole.tokens;
                            out.hole(&Hole::new(
                                quote!(::sfn_dsl::__private::string_literal(&#tokens)),
                            ));
                        }
                    }
                    out.text(": ");
                    value.write(out, 0);
                }
                out.text("}");
            }
            Self::Array(items) => {
                out.text("[");
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.text(", ");
                    }
                    item.write(out, 0);
                }
                out.text("]");
            }
            Self::VariantTest {
                ty,
                variant,
                subject,
            } => {
                let subject = pieces_expr(&subject.render());
                let ty = &ty.tokens;
                let parenthesize = self.top_precedence() < context;
                if parenthesize {
                    out.text("(");
                }
                out.hole(&Hole::new(
                    quote!(::sfn_dsl::__private::variant_test::<#ty>(#variant, &#subject)),
                ));
                if parenthesize {
                    out.text(")");
                }
            }
            Self::Switch {
                typed,
                string,
                other,
            } => {
                let parenthesize = self.top_precedence() < context;
                let render = |js: &Self| {
                    let mut inner = Renderer::default();
                    js.write(&mut inner, if parenthesize { 0 } else { context });
                    pieces_expr(&inner.finish())
                };
                let string = render(string);
                let other = render(other);
                let typed = &typed.tokens;
                if parenthesize {
                    out.text("(");
                }
                out.hole(&Hole::new(
                    quote!(::sfn_dsl::__private::switch_kind(&#typed, #string, #other)),
                ));
                if parenthesize {
                    out.text(")");
                }
            }
            Self::Atom(hole) => out.hole(hole),
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

#[derive(Default)]
struct Renderer {
    pieces: Vec<Piece>,
}

impl Renderer {
    fn text(&mut self, text: &str) {
        if let Some(Piece::Text(last)) = self.pieces.last_mut() {
            last.push_str(text);
        } else {
            self.pieces.push(Piece::Text(text.to_owned()));
        }
    }

    fn hole(&mut self, hole: &Hole) {
        self.pieces.push(Piece::Hole(hole.clone()));
    }

    fn finish(self) -> Vec<Piece> {
        self.pieces
    }
}

/// A Rust expression of type `String` concatenating pieces.
pub(crate) fn pieces_expr(pieces: &[Piece]) -> TokenStream {
    let parts = pieces.iter().map(|piece| match piece {
        Piece::Text(text) => quote!(#text),
        Piece::Hole(hole) => {
            let tokens = &hole.tokens;
            quote!(&*(#tokens))
        }
    });
    quote!([#(#parts),*].concat())
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
