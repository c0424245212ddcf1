//! Pratt parser producing the raw syntax tree (before path and ancestry processing).

mod constructor;
mod function;
mod operator;
mod tree;

use super::lexer::{Lexer, Token, TokenKind};
use super::signature;
use crate::error::SyntaxError;
pub(super) use tree::{Leaf, Raw, RawNode};

/// Deepest nesting of sub-expressions the parser accepts.
pub(crate) const MAX_NESTING: usize = 500;

fn left_binding_power(token: &Token) -> u8 {
    match token.operator() {
        Some("[" | "(" | "@" | "#") => 80,
        Some(".") => 75,
        Some("{") => 70,
        Some("*" | "/" | "%") => 60,
        Some("+" | "-" | "&") => 50,
        Some("=" | "<" | ">" | "^" | "!=" | "<=" | ">=" | "~>" | "in") => 40,
        Some("and") => 30,
        Some("or") => 25,
        Some("?") => 20,
        Some(":=") => 10,
        _ => 0,
    }
}

/// Operators the grammar knows; others (`!`, `~`) are unknown.
fn is_known_operator(op: &str) -> bool {
    !matches!(op, "!" | "~")
}

pub(crate) struct Parser<'a> {
    lexer: Lexer<'a>,
    source_len: usize,
    node: Token,
    depth: usize,
    stack_base: usize,
}

impl<'a> Parser<'a> {
    pub(crate) fn parse(source: &'a str) -> Result<RawNode, SyntaxError> {
        let mut parser = Parser {
            lexer: Lexer::new(source),
            source_len: source.len(),
            node: Token {
                kind: TokenKind::End,
                start: 0,
            },
            depth: 0,
            stack_base: crate::stack::position(),
        };
        parser.advance(None, false)?;
        let ast = parser.expression(0)?;
        if !matches!(parser.node.kind, TokenKind::End) {
            return Err(SyntaxError::new(
                "S0201",
                parser.node.start,
                format!("syntax error: unexpected {}", parser.node.describe()),
            ));
        }
        Ok(ast)
    }

    /// Checks that the current token is `expected` (if given) and reads the next one.
    pub(super) fn advance(
        &mut self,
        expected: Option<&str>,
        infix: bool,
    ) -> Result<Token, SyntaxError> {
        if let Some(expected) = expected {
            if !self.node.is(expected) {
                return Err(if matches!(self.node.kind, TokenKind::End) {
                    SyntaxError::new(
                        "S0203",
                        self.source_len,
                        format!("expected `{expected}` before end of expression"),
                    )
                } else {
                    SyntaxError::new(
                        "S0202",
                        self.node.start,
                        format!("expected `{expected}`, got `{}`", self.node.describe()),
                    )
                });
            }
        }
        let token = self.lexer.next_token(infix)?;
        if let Some(op) = token.operator() {
            if !is_known_operator(op) {
                return Err(SyntaxError::new(
                    "S0204",
                    token.start,
                    format!("unknown operator: `{op}`"),
                ));
            }
        }
        Ok(std::mem::replace(&mut self.node, token))
    }

    pub(super) fn expression(&mut self, rbp: u8) -> Result<RawNode, SyntaxError> {
        crate::stack::parse_level(self.stack_base, || self.expression_level(rbp)).unwrap_or_else(
            || {
                Err(SyntaxError::new(
                    "U1002",
                    self.node.start,
                    "expression nested too deeply",
                ))
            },
        )
    }

    fn expression_level(&mut self, rbp: u8) -> Result<RawNode, SyntaxError> {
        // Every operator applied to `left` makes the tree one level deeper, as does every
        // nested sub-expression; both are counted so later passes can recurse safely.
        let entry_depth = self.depth;
        self.enter()?;
        let token = self.advance(None, true)?;
        let mut left = self.nud(token)?;
        while rbp < left_binding_power(&self.node) {
            self.enter()?;
            let token = self.advance(None, false)?;
            left = self.led(&token, left)?;
        }
        self.depth = entry_depth;
        Ok(left)
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(SyntaxError::new(
                "U1002",
                self.node.start,
                format!("expression nested more than {MAX_NESTING} levels deep"),
            ));
        }
        Ok(())
    }

    // `nud`, `led` and the functions they call recurse once per nesting level. Each kind of
    // construct has its own function, so that a level's stack frames hold only the locals
    // of the construct at hand: debug builds give a function one stack slot per local of
    // every arm, and one function for all of them once cost several KB a level.

    fn nud(&mut self, token: Token) -> Result<RawNode, SyntaxError> {
        let pos = token.start;
        let leaf = match token.kind {
            TokenKind::Operator(op) => return self.prefix(op, pos),
            TokenKind::Name(name) => Leaf::Name(name),
            TokenKind::Variable(name) => Leaf::Variable(name),
            TokenKind::String(text) => Leaf::String(text),
            TokenKind::Number(number) => Leaf::Number(number),
            TokenKind::Value(literal) => Leaf::Value(literal),
            TokenKind::Regex { pattern, flags } => Leaf::Regex { pattern, flags },
            // The reference parser lets the end token through here: a missing closing
            // bracket is then reported by the bracket (S0203), anything else later (S0207).
            TokenKind::End => Leaf::End,
        };
        Ok(RawNode::new(Raw::Leaf(leaf), pos))
    }

    /// An operator in operand position: a prefix operator, a bracket, or a field name.
    fn prefix(&mut self, op: &'static str, pos: usize) -> Result<RawNode, SyntaxError> {
        let raw = match op {
            "and" | "or" | "in" => Raw::Leaf(Leaf::OperatorName(op)),
            "*" => Raw::Leaf(Leaf::Wildcard),
            "**" => Raw::Leaf(Leaf::Descendant),
            "%" => Raw::Leaf(Leaf::Parent),
            "-" => return self.negate(pos),
            "(" => return self.block(pos),
            "[" => return self.array(pos),
            "{" => return self.object(pos),
            "|" => return self.transform(pos),
            _ => return Err(unary_error(op, pos)),
        };
        Ok(RawNode::new(raw, pos))
    }

    fn led(&mut self, token: &Token, left: RawNode) -> Result<RawNode, SyntaxError> {
        let pos = token.start;
        let bp = left_binding_power(token);
        let left = Box::new(left);
        match token.operator().unwrap_or("") {
            "(" => self.call(pos, left),
            "[" => self.predicate(pos, left),
            "{" => self.group(pos, left),
            "^" => self.sort(pos, left),
            ":=" => self.bind(pos, *left, bp),
            "@" => self.focus(pos, left, bp),
            "#" => self.index(pos, left, bp),
            "?" => self.condition(pos, left),
            "~>" => self.apply(pos, left, bp),
            op => self.binary(pos, op, left, bp),
        }
    }
}

fn unary_error(op: &str, pos: usize) -> SyntaxError {
    SyntaxError::new(
        "S0211",
        pos,
        format!("the symbol `{op}` cannot be used as a unary operator"),
    )
}
