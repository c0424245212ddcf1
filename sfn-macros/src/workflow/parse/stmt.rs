//! Parsing statements: `let`, assignments (plain and compound), expression statements, and
//! the `#[sfn(name = "...")]` attribute that names a step.

use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Pat, Token};

use super::super::ast::{Binder, Expr, Stmt};
use super::expr::pattern_names;
use super::{DEFER, NAME_KEY, Parser, call_intrinsic, single_ident};
use crate::ctxt::did_you_mean;

impl Parser<'_> {
    fn name_attr(&mut self, attrs: &[Attribute]) -> Option<LitStr> {
        let mut name = None;
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("sfn")) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident(NAME_KEY) {
                    if name.is_some() {
                        self.ctxt
                            .error_spanned_by(&meta.path, "duplicate key `name`");
                    }
                    name = Some(meta.value()?.parse::<LitStr>()?);
                } else {
                    let key = meta
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let hint = did_you_mean(&key, [NAME_KEY]).map_or_else(
                        || "; the only key is `name`".to_owned(),
                        |found| format!("; did you mean `{found}`?"),
                    );
                    self.ctxt
                        .error_spanned_by(&meta.path, format!("unknown key `{key}`{hint}"));
                    if meta.input.peek(Token![=]) {
                        let _ = meta.value()?.parse::<syn::Expr>()?;
                    }
                }
                Ok(())
            });
            if let Err(error) = result {
                self.ctxt.push(error);
            }
        }
        name
    }

    /// `defer(|| cleanup(..))`: the cleanup, run on success and on failure.
    fn defer(&mut self, call: &syn::ExprCall) -> Stmt {
        let body = match call.args.first() {
            Some(syn::Expr::Closure(closure))
                if closure.inputs.is_empty() && call.args.len() == 1 =>
            {
                self.refuse_handler_return(&call.args[0], "`defer`");
                self.expr(&closure.body)
            }
            _ => {
                self.ctxt.error_spanned_by(
                    call,
                    "`defer` takes a closure without parameters: `defer(|| cleanup(&x))`",
                );
                Expr::Invalid
            }
        };
        Stmt::Defer {
            body: Box::new(body),
            span: call.span(),
        }
    }

    pub(super) fn stmt(&mut self, stmt: &syn::Stmt, last: bool) -> Option<Stmt> {
        match stmt {
            syn::Stmt::Local(local) => {
                let name = self.name_attr(&local.attrs);
                let (pat, ty) = match &local.pat {
                    Pat::Type(typed) => (&*typed.pat, Some((*typed.ty).clone())),
                    other => (other, None),
                };
                let diverges = local
                    .init
                    .as_ref()
                    .is_some_and(|init| init.diverge.is_some());
                let binder = if diverges {
                    // Its pattern is refused with the `else`, in one error.
                    Binder::Refused(pattern_names(pat))
                } else {
                    self.binder(pat)
                };
                let Some(init) = &local.init else {
                    self.ctxt.error_spanned_by(local, "a workflow `let` needs a value: workflow variables are assigned once they are known");
                    // Declared all the same, so that its later uses are not reported too.
                    return Some(Stmt::Let {
                        binder,
                        ty,
                        value: Expr::Invalid,
                        name,
                    });
                };
                if let Some((_, diverge)) = &init.diverge {
                    self.ctxt.error_spanned_by(
                        diverge,
                        "`let … else` is not supported in workflows: write the `match` it stands for, `let name = match value { Some(name) => name, _ => fail!(..) };`",
                    );
                }
                Some(Stmt::Let {
                    binder,
                    ty,
                    value: self.expr(&init.expr),
                    name,
                })
            }
            syn::Stmt::Expr(expr, semi) => {
                let attrs = expr_attrs(expr);
                let name = self.name_attr(attrs);
                match expr {
                    syn::Expr::Assign(assign) => {
                        let Some(target) = assign_target(&assign.left) else {
                            self.ctxt.error_spanned_by(&assign.left, "workflows assign whole variables (`x = …`), not fields or elements");
                            return None;
                        };
                        Some(Stmt::Assign {
                            target,
                            value: self.expr(&assign.right),
                            name,
                        })
                    }
                    syn::Expr::Binary(binary) if compound_operator(&binary.op).is_some() => {
                        let Some(target) = assign_target(&binary.left) else {
                            self.ctxt.error_spanned_by(&binary.left, "workflows assign whole variables (`x += …`), not fields or elements");
                            return None;
                        };
                        let operator = compound_operator(&binary.op)?;
                        let left = &binary.left;
                        let right = &binary.right;
                        let value: syn::Expr =
                            syn::parse_quote_spanned!(binary.span()=> #left #operator #right);
                        Some(Stmt::Assign {
                            target,
                            value: self.expr(&value),
                            name,
                        })
                    }
                    syn::Expr::Call(call) if call_intrinsic(call) == Some(DEFER) => {
                        Some(self.defer(call))
                    }
                    _ => Some(Stmt::Expr {
                        value: self.expr(expr),
                        tail: semi.is_none() && last,
                        name,
                    }),
                }
            }
            syn::Stmt::Item(item) => {
                self.ctxt.error_spanned_by(
                    item,
                    "items cannot be declared inside a workflow body; declare them next to it",
                );
                None
            }
            syn::Stmt::Macro(mac) => {
                let name = self.name_attr(&mac.attrs);
                let expr = syn::Expr::Macro(syn::ExprMacro {
                    attrs: Vec::new(),
                    mac: mac.mac.clone(),
                });
                Some(Stmt::Expr {
                    value: self.expr(&expr),
                    tail: mac.semi_token.is_none() && last,
                    name,
                })
            }
        }
    }
}

fn expr_attrs(expr: &syn::Expr) -> &[Attribute] {
    match expr {
        syn::Expr::Call(inner) => &inner.attrs,
        syn::Expr::MethodCall(inner) => &inner.attrs,
        syn::Expr::If(inner) => &inner.attrs,
        syn::Expr::Match(inner) => &inner.attrs,
        syn::Expr::ForLoop(inner) => &inner.attrs,
        syn::Expr::While(inner) => &inner.attrs,
        syn::Expr::Loop(inner) => &inner.attrs,
        syn::Expr::Macro(inner) => &inner.attrs,
        syn::Expr::Assign(inner) => &inner.attrs,
        syn::Expr::Try(inner) => &inner.attrs,
        syn::Expr::Block(inner) => &inner.attrs,
        _ => &[],
    }
}

fn assign_target(expr: &syn::Expr) -> Option<syn::Ident> {
    match expr {
        syn::Expr::Path(path) => single_ident(&path.path).cloned(),
        _ => None,
    }
}

fn compound_operator(op: &syn::BinOp) -> Option<proc_macro2::TokenStream> {
    use quote::quote_spanned;
    let span = op.span();
    Some(match op {
        syn::BinOp::AddAssign(_) => quote_spanned!(span=> +),
        syn::BinOp::SubAssign(_) => quote_spanned!(span=> -),
        syn::BinOp::MulAssign(_) => quote_spanned!(span=> *),
        syn::BinOp::DivAssign(_) => quote_spanned!(span=> /),
        syn::BinOp::RemAssign(_) => quote_spanned!(span=> %),
        _ => return None,
    })
}
