//! Calls, partial applications and function definitions with their signatures.

use std::sync::Arc;

use super::{Leaf, Parser, Raw, RawNode};
use crate::error::SyntaxError;
use crate::syntax::lexer::TokenKind;

impl Parser<'_> {
    /// A call `f(...)`, a partial application `f(?, ...)`, or a function definition
    /// `function($x) {...}`.
    pub(super) fn call(
        &mut self,
        pos: usize,
        procedure: Box<RawNode>,
    ) -> Result<RawNode, SyntaxError> {
        let mut args = Vec::new();
        let mut partial = false;
        if !self.node.is(")") {
            loop {
                if self.node.is("?") {
                    partial = true;
                    let start = self.node.start;
                    self.advance(Some("?"), false)?;
                    args.push(RawNode::new(Raw::Leaf(Leaf::Placeholder), start));
                } else {
                    args.push(self.expression(0)?);
                }
                if !self.node.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some(")"), true)?;
        let is_lambda = matches!(&procedure.raw, Raw::Leaf(Leaf::Name(name)) if &**name == "function" || &**name == "\u{3bb}");
        if is_lambda {
            return self.lambda(pos, args);
        }
        let raw = Raw::Call {
            procedure,
            args,
            partial,
        };
        Ok(RawNode::new(raw, pos))
    }

    /// The rest of `function($x, ...)<signature> { body }`, after the parameters.
    fn lambda(&mut self, pos: usize, args: Vec<RawNode>) -> Result<RawNode, SyntaxError> {
        let params = lambda_params(args)?;
        let signature = if self.node.is("<") {
            Some(self.signature()?)
        } else {
            None
        };
        self.advance(Some("{"), false)?;
        let body = Box::new(self.expression(0)?);
        self.advance(Some("}"), false)?;
        let raw = Raw::Lambda {
            params,
            signature,
            body,
        };
        Ok(RawNode::new(raw, pos))
    }

    /// The `<...>` signature of a function definition: its offset and text.
    fn signature(&mut self) -> Result<(usize, String), SyntaxError> {
        let start = self.node.start;
        let mut depth = 1;
        let mut text = String::from("<");
        while depth > 0 && !self.node.is("{") && !matches!(self.node.kind, TokenKind::End) {
            self.advance(None, false)?;
            if self.node.is(">") {
                depth -= 1;
            } else if self.node.is("<") {
                depth += 1;
            }
            text.push_str(&self.node.describe());
        }
        self.advance(Some(">"), false)?;
        // Checked here, as the reference parser does, before the body is expected.
        if let Err(mut error) = super::signature::Signature::parse(&text) {
            error.offset += start;
            return Err(error);
        }
        Ok((start, text))
    }
}

/// The parameters of a function definition: every argument must be a variable.
fn lambda_params(args: Vec<RawNode>) -> Result<Vec<Arc<str>>, SyntaxError> {
    let mut params = Vec::with_capacity(args.len());
    for (index, arg) in args.into_iter().enumerate() {
        let Raw::Leaf(Leaf::Variable(name)) = arg.raw else {
            return Err(SyntaxError::new(
                "S0208",
                arg.pos,
                format!(
                    "parameter {} of function definition must be a variable name (start with $)",
                    index + 1
                ),
            ));
        };
        params.push(name);
    }
    Ok(params)
}
