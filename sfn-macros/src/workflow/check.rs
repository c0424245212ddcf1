//! Rules that span the workflow body, checked before lowering.

use super::ast::{Block, Expr, Step, StepKind, StepOption, Stmt, Workflow};
use crate::ctxt::Ctxt;

fn block_sleeps(block: &Block) -> bool {
    block.stmts.iter().any(|stmt| match stmt {
        Stmt::Let { value, .. } | Stmt::Assign { value, .. } | Stmt::Expr { value, .. } => {
            sleeps(value)
        }
        Stmt::Defer { .. } => false,
    })
}

/// Whether evaluating the expression always or sometimes waits.
fn sleeps(expr: &Expr) -> bool {
    match expr {
        Expr::Sleep { .. } | Expr::SleepUntil { .. } => true,
        Expr::Block(block) => block_sleeps(block),
        Expr::If {
            then, otherwise, ..
        } => block_sleeps(then) || otherwise.as_deref().is_some_and(sleeps),
        Expr::Match { arms, .. } => arms.iter().any(|arm| sleeps(&arm.body)),
        Expr::MatchResult {
            ok_body, err_arms, ..
        } => sleeps(ok_body) || err_arms.iter().any(|arm| sleeps(&arm.body)),
        Expr::While { body, .. } | Expr::Loop { body, .. } | Expr::For { body, .. } => {
            block_sleeps(body)
        }
        Expr::Step(step) => step_sleeps(step),
        _ => false,
    }
}

fn step_sleeps(step: &Step) -> bool {
    let callback = step
        .options
        .iter()
        .any(|option| matches!(option, StepOption::WaitForCallback(_)));
    callback
        || match &step.kind {
            StepKind::Parallel(branches) => branches.iter().any(sleeps),
            _ => false,
        }
}

fn check_block(ctxt: &Ctxt, block: &Block) {
    for stmt in &block.stmts {
        match stmt {
            Stmt::Let { value, .. } | Stmt::Assign { value, .. } | Stmt::Expr { value, .. } => {
                check_expr(ctxt, value);
            }
            Stmt::Defer { body, .. } => check_expr(ctxt, body),
        }
    }
}

fn check_expr(ctxt: &Ctxt, expr: &Expr) {
    match expr {
        Expr::While { body, span, .. } => {
            if !block_sleeps(body) {
                ctxt.error_at(
                    *span,
                    "`while` without a `sleep` would spin: add a `sleep` or use `for`",
                );
            }
            check_block(ctxt, body);
        }
        Expr::Loop { body, span } => {
            if !block_sleeps(body) {
                ctxt.error_at(
                    *span,
                    "`loop` without a `sleep` would spin: add a `sleep` (polling) or use `for`",
                );
            }
            check_block(ctxt, body);
        }
        Expr::For { body, .. } => check_block(ctxt, body),
        Expr::Block(block) => check_block(ctxt, block),
        Expr::If {
            then, otherwise, ..
        } => {
            check_block(ctxt, then);
            if let Some(otherwise) = otherwise {
                check_expr(ctxt, otherwise);
            }
        }
        Expr::Match { arms, .. } => arms.iter().for_each(|arm| check_expr(ctxt, &arm.body)),
        Expr::MatchResult {
            ok_body,
            err_arms,
            step,
            ..
        } => {
            check_step(ctxt, step);
            check_expr(ctxt, ok_body);
            for arm in err_arms {
                check_expr(ctxt, &arm.body);
            }
        }
        Expr::Step(step) => check_step(ctxt, step),
        Expr::Return {
            value: Some(value), ..
        }
        | Expr::Break {
            value: Some(value), ..
        } => check_expr(ctxt, value),
        _ => {}
    }
}

fn check_step(ctxt: &Ctxt, step: &Step) {
    let mut seen_name = false;
    let mut seen_callback = false;
    for option in &step.options {
        match option {
            StepOption::Name(name) => {
                if seen_name {
                    ctxt.error_spanned_by(name, "a step has one name");
                }
                seen_name = true;
            }
            StepOption::WaitForCallback(span) => {
                if seen_callback {
                    ctxt.error_at(*span, "`.wait_for_callback()` is given twice");
                }
                seen_callback = true;
            }
            StepOption::Catch { body, .. } => check_expr(ctxt, body),
            _ => {}
        }
    }
    match &step.kind {
        StepKind::Parallel(branches) => branches.iter().for_each(|branch| check_expr(ctxt, branch)),
        StepKind::FanOut { body, .. } => check_expr(ctxt, body),
        StepKind::Task { .. } => {}
    }
}

pub(crate) fn check(ctxt: &Ctxt, workflow: &Workflow) {
    check_block(ctxt, &workflow.body);
}
