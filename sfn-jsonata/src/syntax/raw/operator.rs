//! Operators: prefix `-`, the binary operators, and the postfix forms after an expression
//! (predicates, grouping, sorting, bindings, conditions, `~>`).

use std::sync::Arc;

use super::{Leaf, Parser, Raw, RawNode};
use crate::error::SyntaxError;

impl Parser<'_> {
    pub(super) fn negate(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let operand = Box::new(self.expression(70)?);
        Ok(RawNode::new(Raw::Negate(operand), pos))
    }

    pub(super) fn binary(
        &mut self,
        pos: usize,
        op: &'static str,
        lhs: Box<RawNode>,
        bp: u8,
    ) -> Result<RawNode, SyntaxError> {
        let rhs = Box::new(self.expression(bp)?);
        Ok(RawNode::new(Raw::Binary { op, lhs, rhs }, pos))
    }

    pub(super) fn apply(
        &mut self,
        pos: usize,
        lhs: Box<RawNode>,
        bp: u8,
    ) -> Result<RawNode, SyntaxError> {
        let rhs = Box::new(self.expression(bp)?);
        Ok(RawNode::new(Raw::Apply { lhs, rhs }, pos))
    }

    /// `[...]` after an expression: a filter, or `[]` to keep singleton arrays.
    pub(super) fn predicate(
        &mut self,
        pos: usize,
        mut lhs: Box<RawNode>,
    ) -> Result<RawNode, SyntaxError> {
        if self.node.is("]") {
            // `[]` keeps singleton arrays: flag the innermost step.
            mark_keep_array(&mut lhs);
            self.advance(Some("]"), false)?;
            return Ok(*lhs);
        }
        let rhs = Box::new(self.expression(0)?);
        self.advance(Some("]"), true)?;
        Ok(RawNode::new(Raw::Predicate { lhs, rhs }, pos))
    }

    pub(super) fn group(&mut self, pos: usize, lhs: Box<RawNode>) -> Result<RawNode, SyntaxError> {
        let pairs = self.object_pairs()?;
        Ok(RawNode::new(Raw::Group { lhs, pairs }, pos))
    }

    pub(super) fn sort(&mut self, pos: usize, lhs: Box<RawNode>) -> Result<RawNode, SyntaxError> {
        self.advance(Some("("), false)?;
        let mut terms = Vec::new();
        loop {
            let mut descending = false;
            if self.node.is("<") {
                self.advance(Some("<"), false)?;
            } else if self.node.is(">") {
                descending = true;
                self.advance(Some(">"), false)?;
            }
            terms.push((descending, self.expression(0)?));
            if !self.node.is(",") {
                break;
            }
            self.advance(Some(","), false)?;
        }
        self.advance(Some(")"), false)?;
        Ok(RawNode::new(Raw::Sort { lhs, terms }, pos))
    }

    pub(super) fn bind(
        &mut self,
        pos: usize,
        lhs: RawNode,
        bp: u8,
    ) -> Result<RawNode, SyntaxError> {
        let Raw::Leaf(Leaf::Variable(name)) = lhs.raw else {
            return Err(SyntaxError::new(
                "S0212",
                lhs.pos,
                "the left side of `:=` must be a variable name (start with $)",
            ));
        };
        let rhs = Box::new(self.expression(bp - 1)?);
        Ok(RawNode::new(Raw::Bind { name, rhs }, pos))
    }

    /// `@$name`: binds each result of the step to `name`.
    pub(super) fn focus(
        &mut self,
        pos: usize,
        lhs: Box<RawNode>,
        bp: u8,
    ) -> Result<RawNode, SyntaxError> {
        let name = self.variable_operand("@", bp)?;
        Ok(RawNode::new(Raw::Focus { lhs, name }, pos))
    }

    /// `#$name`: binds the position of each result of the step to `name`.
    pub(super) fn index(
        &mut self,
        pos: usize,
        lhs: Box<RawNode>,
        bp: u8,
    ) -> Result<RawNode, SyntaxError> {
        let name = self.variable_operand("#", bp)?;
        Ok(RawNode::new(Raw::Index { lhs, name }, pos))
    }

    /// The variable name on the right of `@` or `#`.
    fn variable_operand(&mut self, op: &str, bp: u8) -> Result<Arc<str>, SyntaxError> {
        let rhs = self.expression(bp)?;
        let Raw::Leaf(Leaf::Variable(name)) = rhs.raw else {
            return Err(SyntaxError::new(
                "S0214",
                rhs.pos,
                format!("the right side of `{op}` must be a variable name (start with $)"),
            ));
        };
        Ok(name)
    }

    pub(super) fn condition(
        &mut self,
        pos: usize,
        condition: Box<RawNode>,
    ) -> Result<RawNode, SyntaxError> {
        let then = Box::new(self.expression(0)?);
        let otherwise = if self.node.is(":") {
            self.advance(Some(":"), false)?;
            Some(Box::new(self.expression(0)?))
        } else {
            None
        };
        let raw = Raw::Condition {
            condition,
            then,
            otherwise,
        };
        Ok(RawNode::new(raw, pos))
    }
}

fn mark_keep_array(node: &mut RawNode) {
    let mut step = node;
    while let Raw::Predicate { lhs, .. } = &mut step.raw {
        step = lhs;
    }
    step.keep_array = true;
}
