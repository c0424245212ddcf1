//! What the macro can tell about the type of a step's value.

use quote::quote_spanned;
use syn::spanned::Spanned;

use super::super::super::ast::{Block, Expr, Step, StepKind};
use super::super::{Hint, ValueType};

/// What the macro can tell about the type of a step's value.
pub(crate) fn value_type(expr: &Expr) -> ValueType {
    match expr {
        Expr::Step(step) => step_type(step),
        Expr::MatchResult { step, .. } => step_type(step),
        Expr::Block(block) => block_type(block),
        _ => ValueType::Single(None, Hint::Unknown),
    }
}

fn step_type(step: &Step) -> ValueType {
    match &step.kind {
        StepKind::Task { path, .. } => ValueType::Single(
            Some(
                quote_spanned!(path.span()=> ::sfn_dsl::__private::root::<<#path as ::sfn_dsl::__private::Task>::Output>()),
            ),
            Hint::Unknown,
        ),
        StepKind::Parallel(branches) => ValueType::Tuple(
            branches
                .iter()
                .map(|branch| match branch_type(branch) {
                    ValueType::Single(init, _) => init,
                    ValueType::Tuple(_) => None,
                })
                .collect(),
        ),
        StepKind::FanOut { .. } => ValueType::Single(None, Hint::List),
    }
}

fn branch_type(expr: &Expr) -> ValueType {
    match expr {
        Expr::Step(step) => step_type(step),
        Expr::Block(block) => block_type(block),
        _ => ValueType::Single(None, Hint::Unknown),
    }
}

fn block_type(block: &Block) -> ValueType {
    match block.stmts.last() {
        Some(super::super::super::ast::Stmt::Expr {
            value, tail: true, ..
        }) => branch_type(value),
        _ => ValueType::Single(None, Hint::Unknown),
    }
}
