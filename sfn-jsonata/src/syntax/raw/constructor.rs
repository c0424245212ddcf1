//! Constructors: blocks, arrays (with ranges), objects and transforms.

use super::{Parser, Raw, RawNode};
use crate::error::SyntaxError;

impl Parser<'_> {
    pub(super) fn block(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let mut expressions = Vec::new();
        while !self.node.is(")") {
            expressions.push(self.expression(0)?);
            if !self.node.is(";") {
                break;
            }
            self.advance(Some(";"), false)?;
        }
        self.advance(Some(")"), true)?;
        Ok(RawNode::new(Raw::Block(expressions), pos))
    }

    pub(super) fn array(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let mut items = Vec::new();
        if !self.node.is("]") {
            loop {
                let item = self.array_item()?;
                items.push(item);
                if !self.node.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("]"), true)?;
        Ok(RawNode::new(Raw::Array(items), pos))
    }

    /// An item of an array constructor: an expression, or a range `from..to`.
    fn array_item(&mut self) -> Result<RawNode, SyntaxError> {
        let item = self.expression(0)?;
        if !self.node.is("..") {
            return Ok(item);
        }
        let pos = self.node.start;
        self.advance(Some(".."), false)?;
        let rhs = Box::new(self.expression(0)?);
        let raw = Raw::Binary {
            op: "..",
            lhs: Box::new(item),
            rhs,
        };
        Ok(RawNode::new(raw, pos))
    }

    pub(super) fn object(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let pairs = self.object_pairs()?;
        Ok(RawNode::new(Raw::Object(pairs), pos))
    }

    pub(super) fn object_pairs(&mut self) -> Result<Vec<(RawNode, RawNode)>, SyntaxError> {
        let mut pairs = Vec::new();
        if !self.node.is("}") {
            loop {
                let key = self.expression(0)?;
                self.advance(Some(":"), false)?;
                let value = self.expression(0)?;
                pairs.push((key, value));
                if !self.node.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("}"), true)?;
        Ok(pairs)
    }

    pub(super) fn transform(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let pattern = Box::new(self.expression(0)?);
        self.advance(Some("|"), false)?;
        let update = Box::new(self.expression(0)?);
        let delete = if self.node.is(",") {
            self.advance(Some(","), false)?;
            Some(Box::new(self.expression(0)?))
        } else {
            None
        };
        self.advance(Some("|"), false)?;
        let raw = Raw::Transform {
            pattern,
            update,
            delete,
        };
        Ok(RawNode::new(raw, pos))
    }
}
