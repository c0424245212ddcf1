//! Branches, loops, waits and failures.

mod branch;
mod fail;
mod iteration;
mod loop_body;
mod name;
mod wait;

pub(crate) use fail::err_value;
pub(crate) use wait::duration_constructor;

use super::{Dest, Flow, Lowerer};
use crate::workflow::ast::Expr;
use crate::workflow::graph::State;

impl<'a> Lowerer<'a> {
    pub(crate) fn control(
        &mut self,
        expr: &'a Expr,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        match expr {
            Expr::If {
                cond,
                then,
                otherwise,
                span,
            } => self.if_(cond, then, otherwise.as_deref(), *span, flow, dest, name),
            Expr::Match {
                scrutinee,
                arms,
                span,
            } => self.match_(scrutinee, arms, *span, flow, dest, name),
            Expr::MatchResult {
                step,
                ok_binder,
                ok_body,
                err_arms,
            } => self.match_result(step, ok_binder, ok_body, err_arms, flow, dest, name),
            Expr::For {
                binder,
                items,
                body,
                span,
            } => self.for_(binder, items, body, *span, flow, name),
            Expr::While { cond, body, span } => self.while_(cond, body, *span, flow, name),
            Expr::Loop { body, span } => self.loop_(body, *span, flow, dest),
            _ => flow,
        }
    }

    fn fixed(state: &mut State, name: Option<&syn::LitStr>) {
        if let Some(name) = name {
            state.fixed_name = Some((name.value(), name.span()));
        }
    }
}
