//! Rendering to text: operator precedence, parentheses, and holes for what only the run time
//! knows.

use proc_macro2::TokenStream;
use quote::quote;

use super::{BinOp, Func, Hole, Js, Key, Piece, Splice, SwitchOn};
use crate::jsonata::string_literal;

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
            Self::Range => "..",
        }
    }

    /// JSONata binding power.
    fn precedence(self) -> u8 {
        match self {
            Self::Or => 25,
            // JSONata's is 20, as `?`'s: one more parenthesizes a conditional operand.
            Self::Range => 21,
            Self::And => 30,
            Self::Eq | Self::Ne | Self::Lt | Self::Le | Self::Gt | Self::Ge | Self::In => 40,
            Self::Add | Self::Sub | Self::Concat => 50,
            Self::Mul | Self::Div | Self::Rem => 60,
        }
    }
}

impl Js {
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
            Self::Unspliced(inner, splice) => inner.unspliced(*splice).top_precedence(),
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
                // `$a[1][0]` filters the sequence `$a[1]` again (giving `$a[1]` whole when
                // it is an array); the element's own element is `($a[1])[0]`.
                if matches!(**base, Self::Index(..)) {
                    out.text("(");
                    base.write(out, 0);
                    out.text(")");
                } else {
                    base.write(out, 80);
                }
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
                on,
                typed,
                string,
                other,
            } => {
                // Each alternative in parentheses only if it needs them: the one chosen when
                // the machine is built is often a plain path.
                let render = |js: &Self| {
                    let mut inner = Renderer::default();
                    let parenthesize = js.top_precedence() < context;
                    if parenthesize {
                        inner.text("(");
                    }
                    js.write(&mut inner, if parenthesize { 0 } else { context });
                    if parenthesize {
                        inner.text(")");
                    }
                    pieces_expr(&inner.finish())
                };
                let string = render(string);
                let other = render(other);
                let typed = &typed.tokens;
                let function = match on {
                    SwitchOn::String => quote!(switch_kind),
                    SwitchOn::Object => quote!(switch_object),
                    SwitchOn::Present => quote!(switch_present),
                    SwitchOn::Single => quote!(switch_single),
                    SwitchOn::List => quote!(switch_list),
                };
                out.hole(&Hole::new(
                    quote!(::sfn_dsl::__private::#function(&#typed, #string, #other)),
                ));
            }
            Self::Atom(hole) => out.hole(hole),
            Self::Unspliced(inner, splice) => inner.unspliced(*splice).write(out, context),
            Self::Regex(pattern) => {
                out.text("/");
                out.text(pattern);
                out.text("/");
            }
        }
    }
}

impl Js {
    /// The JSONata expression of [`Js::Unspliced`].
    fn unspliced(&self, splice: Splice) -> Self {
        let value = self.clone();
        if splice == Splice::List || self.is_single() {
            return if let Self::Array(_) = self {
                value
            } else if splice == Splice::List {
                Self::Array(vec![value])
            } else {
                value
            };
        }
        // A list is wrapped twice: the array constructor the item sits in splices the outer
        // array (`[[$v]]` is `[$v]`, one element).
        let is_list = Self::binary(
            BinOp::Eq,
            Self::Call(Func::Named("$type"), vec![value.clone()]),
            Self::Str("array".to_owned()),
        );
        let wrapped = Self::Array(vec![Self::Array(vec![value.clone()])]);
        let otherwise = match splice {
            Splice::Maybe => Self::Cond(
                Box::new(Self::Call(Func::Named("$exists"), vec![value.clone()])),
                Box::new(value),
                Box::new(Self::Null),
            ),
            _ => value,
        };
        Self::Cond(Box::new(is_list), Box::new(wrapped), Box::new(otherwise))
    }
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
