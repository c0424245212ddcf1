//! `if` and `match`: Choice states, or JSONata conditionals for plain values.

use proc_macro2::Span;

use super::super::{Dest, Flow, Lowerer, Slot};
use super::name::named;
use crate::workflow::ast::{Arm, Block, Cond, Expr};
use crate::workflow::graph::{Kind, Rule, State};
use crate::workflow::js::Js;

/// Whether a block is a single pure expression (usable in a JSONata conditional).
/// An `Err(..)` is not one: as the workflow's value it fails the execution.
fn pure_value(expr: &Expr) -> Option<&syn::Expr> {
    match expr {
        Expr::Pure(pure) if super::err_value(pure).is_some() => None,
        Expr::Pure(pure) => Some(pure),
        Expr::Block(block) => match block.stmts.as_slice() {
            [
                crate::workflow::ast::Stmt::Expr {
                    value, tail: true, ..
                },
            ] => pure_value(value),
            _ => None,
        },
        _ => None,
    }
}

fn pure_block(block: &Block) -> Option<&syn::Expr> {
    match block.stmts.as_slice() {
        [
            crate::workflow::ast::Stmt::Expr {
                value, tail: true, ..
            },
        ] => pure_value(value),
        _ => None,
    }
}

impl<'a> Lowerer<'a> {
    #[expect(
        clippy::too_many_arguments,
        reason = "the parts of an `if` plus the flow context"
    )]
    pub(super) fn if_(
        &mut self,
        cond: &'a Cond,
        then: &'a Block,
        otherwise: Option<&'a Expr>,
        span: Span,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let (condition, bindings, base_name) = match cond {
            Cond::Expr(expr) => (self.translate(expr).js, Vec::new(), named("Check", expr)),
            Cond::Let { pat, scrutinee } => {
                let subject = self.translate(scrutinee);
                let (test, bindings) = self.pattern(pat, &subject.js, subject.typed.as_ref());
                (test, bindings, named("Check", scrutinee))
            }
        };
        // A value-producing `if` of two plain expressions is a JSONata conditional.
        if let (
            Cond::Expr(_),
            Some(then_value),
            Some(otherwise_value),
            Dest::Var(_) | Dest::Output | Dest::Tuple(_),
        ) = (cond, pure_block(then), otherwise.and_then(pure_value), dest)
        {
            let then_js = self.translate(then_value).into_stored();
            let otherwise_js = self.translate(otherwise_value).into_stored();
            let js = Js::Cond(
                Box::new(condition),
                Box::new(then_js),
                Box::new(otherwise_js),
            )
            .fold();
            return self.deliver(flow, dest, js);
        }
        match condition.as_bool() {
            Some(true) => {
                self.env.push(bindings.into_iter().collect());
                let flow = self.block(then, flow, dest);
                self.env.pop();
                return flow;
            }
            Some(false) => {
                return match otherwise {
                    Some(otherwise) => self.value(otherwise, flow, dest, None),
                    None => self.unit_into(flow, dest),
                };
            }
            None => {}
        }
        let _ = span;
        let mut state = State::new(
            self.scope,
            base_name,
            Kind::Choice {
                rules: vec![Rule {
                    condition,
                    next: None,
                    assign: Vec::new(),
                }],
                default: None,
            },
        );
        Self::fixed(&mut state, name);
        let (id, pending) = self.push(flow, state);
        let then_flow = Flow {
            exits: vec![Slot::Rule(id, 0)],
            pending: pending.clone(),
        };
        let else_flow = Flow {
            exits: vec![Slot::Default(id)],
            pending,
        };
        self.env.push(bindings.into_iter().collect());
        let then_out = self.block(then, then_flow, dest);
        self.env.pop();
        let else_out = match otherwise {
            Some(otherwise) => self.value(otherwise, else_flow, dest, None),
            None => self.unit_into(else_flow, dest),
        };
        self.merge(vec![then_out, else_out])
    }

    /// A branch without a value (`if` without `else`).
    fn unit_into(&mut self, flow: Flow, dest: &Dest) -> Flow {
        match dest {
            Dest::Output => self.finish(flow, None),
            _ => flow,
        }
    }

    pub(super) fn match_(
        &mut self,
        scrutinee: &'a syn::Expr,
        arms: &'a [Arm],
        _span: Span,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let subject = self.translate(scrutinee);
        let mut rules = Vec::new();
        let mut tests = Vec::new();
        for (index, arm) in arms.iter().enumerate() {
            let (mut test, bindings) = self.pattern(&arm.pat, &subject.js, subject.typed.as_ref());
            if let Some(guard) = &arm.guard {
                self.env.push(bindings.iter().cloned().collect());
                let guard = self.translate(guard).js;
                self.env.pop();
                test = Js::and(test, guard).fold();
            }
            let last = index + 1 == arms.len();
            tests.push((test, bindings, last));
        }
        // Arms after one that always matches are unreachable; the last arm is the default.
        let mut default_arm = None;
        for (index, (test, _, last)) in tests.iter().enumerate() {
            if test.as_bool() == Some(true) || (*last && default_arm.is_none()) {
                default_arm = Some(index);
                break;
            }
        }
        for (index, (test, _, _)) in tests.iter().enumerate() {
            if Some(index) == default_arm {
                break;
            }
            if test.as_bool() != Some(false) {
                rules.push((index, test.clone()));
            }
        }
        let Some(default_index) = default_arm else {
            return flow;
        };
        // A value-producing `match` of plain expressions is a JSONata conditional.
        if matches!(dest, Dest::Var(_) | Dest::Output | Dest::Tuple(_))
            && arms.iter().all(|arm| pure_value(&arm.body).is_some())
        {
            let value_of = |lowerer: &mut Self, index: usize| -> Js {
                let bindings = tests[index].1.clone();
                lowerer.env.push(bindings.into_iter().collect());
                let value = pure_value(&arms[index].body)
                    .map_or(Js::Null, |pure| lowerer.translate(pure).into_stored());
                lowerer.env.pop();
                value
            };
            let mut js = value_of(self, default_index);
            for (arm_index, test) in rules.iter().rev() {
                let value = value_of(self, *arm_index);
                js = Js::Cond(Box::new(test.clone()), Box::new(value), Box::new(js));
            }
            return self.deliver(flow, dest, js.fold());
        }
        if rules.is_empty() {
            let (_, bindings, _) = tests.swap_remove(default_index);
            self.env.push(bindings.into_iter().collect());
            let out = self.value(&arms[default_index].body, flow, dest, None);
            self.env.pop();
            return out;
        }
        let mut state = State::new(
            self.scope,
            named("Check", scrutinee),
            Kind::Choice {
                rules: rules
                    .iter()
                    .map(|(_, test)| Rule {
                        condition: test.clone(),
                        next: None,
                        assign: Vec::new(),
                    })
                    .collect(),
                default: None,
            },
        );
        Self::fixed(&mut state, name);
        let (id, pending) = self.push(flow, state);
        let mut outs = Vec::new();
        for (rule_index, (arm_index, _)) in rules.iter().enumerate() {
            let flow = Flow {
                exits: vec![Slot::Rule(id, rule_index)],
                pending: pending.clone(),
            };
            let bindings = tests[*arm_index].1.clone();
            self.env.push(bindings.into_iter().collect());
            outs.push(self.value(&arms[*arm_index].body, flow, dest, None));
            self.env.pop();
        }
        let flow = Flow {
            exits: vec![Slot::Default(id)],
            pending,
        };
        let bindings = tests[default_index].1.clone();
        self.env.push(bindings.into_iter().collect());
        outs.push(self.value(&arms[default_index].body, flow, dest, None));
        self.env.pop();
        self.merge(outs)
    }
}
