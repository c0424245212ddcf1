//! Pratt parser producing the raw syntax tree (before path and ancestry processing).

use std::sync::Arc;

use super::lexer::{Lexer, Literal, Token, TokenKind};
use crate::error::SyntaxError;

/// Deepest nesting of sub-expressions the parser accepts.
pub(crate) const MAX_NESTING: usize = 500;

#[derive(Debug)]
pub(crate) struct RawNode {
    pub(crate) raw: Raw,
    pub(crate) pos: usize,
    pub(crate) keep_array: bool,
}

impl RawNode {
    fn new(raw: Raw, pos: usize) -> Self {
        RawNode {
            raw,
            pos,
            keep_array: false,
        }
    }
}

/// A node without sub-expressions.
#[derive(Debug)]
pub(crate) enum Leaf {
    Name(Arc<str>),
    Variable(Arc<str>),
    String(Arc<str>),
    Number(f64),
    Value(Literal),
    Regex {
        pattern: Arc<str>,
        flags: Arc<str>,
    },
    /// `and`, `or` or `in` in operand position: a field name.
    OperatorName(&'static str),
    /// `?` as an argument: partial application.
    Placeholder,
    Wildcard,
    Descendant,
    Parent,
    /// The end of the text where an operand was expected.
    End,
}

#[derive(Debug)]
pub(crate) enum Raw {
    Leaf(Leaf),
    Binary {
        op: &'static str,
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
    },
    Negate(Box<RawNode>),
    Array(Vec<RawNode>),
    Object(Vec<(RawNode, RawNode)>),
    Predicate {
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
    },
    Group {
        lhs: Box<RawNode>,
        pairs: Vec<(RawNode, RawNode)>,
    },
    Sort {
        lhs: Box<RawNode>,
        terms: Vec<(bool, RawNode)>,
    },
    Bind {
        name: Arc<str>,
        rhs: Box<RawNode>,
    },
    Focus {
        lhs: Box<RawNode>,
        name: Arc<str>,
    },
    Index {
        lhs: Box<RawNode>,
        name: Arc<str>,
    },
    Apply {
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
    },
    Condition {
        condition: Box<RawNode>,
        then: Box<RawNode>,
        otherwise: Option<Box<RawNode>>,
    },
    Block(Vec<RawNode>),
    Call {
        procedure: Box<RawNode>,
        args: Vec<RawNode>,
        partial: bool,
    },
    Lambda {
        params: Vec<Arc<str>>,
        signature: Option<(usize, String)>,
        body: Box<RawNode>,
    },
    Transform {
        pattern: Box<RawNode>,
        update: Box<RawNode>,
        delete: Option<Box<RawNode>>,
    },
}

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
    fn advance(&mut self, expected: Option<&str>, infix: bool) -> Result<Token, SyntaxError> {
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

    fn expression(&mut self, rbp: u8) -> Result<RawNode, SyntaxError> {
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

    fn negate(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let operand = Box::new(self.expression(70)?);
        Ok(RawNode::new(Raw::Negate(operand), pos))
    }

    fn binary(
        &mut self,
        pos: usize,
        op: &'static str,
        lhs: Box<RawNode>,
        bp: u8,
    ) -> Result<RawNode, SyntaxError> {
        let rhs = Box::new(self.expression(bp)?);
        Ok(RawNode::new(Raw::Binary { op, lhs, rhs }, pos))
    }

    fn apply(&mut self, pos: usize, lhs: Box<RawNode>, bp: u8) -> Result<RawNode, SyntaxError> {
        let rhs = Box::new(self.expression(bp)?);
        Ok(RawNode::new(Raw::Apply { lhs, rhs }, pos))
    }

    /// `[...]` after an expression: a filter, or `[]` to keep singleton arrays.
    fn predicate(&mut self, pos: usize, mut lhs: Box<RawNode>) -> Result<RawNode, SyntaxError> {
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

    fn group(&mut self, pos: usize, lhs: Box<RawNode>) -> Result<RawNode, SyntaxError> {
        let pairs = self.object_pairs()?;
        Ok(RawNode::new(Raw::Group { lhs, pairs }, pos))
    }

    fn sort(&mut self, pos: usize, lhs: Box<RawNode>) -> Result<RawNode, SyntaxError> {
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

    fn bind(&mut self, pos: usize, lhs: RawNode, bp: u8) -> Result<RawNode, SyntaxError> {
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
    fn focus(&mut self, pos: usize, lhs: Box<RawNode>, bp: u8) -> Result<RawNode, SyntaxError> {
        let name = self.variable_operand("@", bp)?;
        Ok(RawNode::new(Raw::Focus { lhs, name }, pos))
    }

    /// `#$name`: binds the position of each result of the step to `name`.
    fn index(&mut self, pos: usize, lhs: Box<RawNode>, bp: u8) -> Result<RawNode, SyntaxError> {
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

    fn condition(&mut self, pos: usize, condition: Box<RawNode>) -> Result<RawNode, SyntaxError> {
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

    /// A call `f(...)`, a partial application `f(?, ...)`, or a function definition
    /// `function($x) {...}`.
    fn call(&mut self, pos: usize, procedure: Box<RawNode>) -> Result<RawNode, SyntaxError> {
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

    fn block(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
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

    fn array(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
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

    fn object(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
        let pairs = self.object_pairs()?;
        Ok(RawNode::new(Raw::Object(pairs), pos))
    }

    fn object_pairs(&mut self) -> Result<Vec<(RawNode, RawNode)>, SyntaxError> {
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

    fn transform(&mut self, pos: usize) -> Result<RawNode, SyntaxError> {
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

fn unary_error(op: &str, pos: usize) -> SyntaxError {
    SyntaxError::new(
        "S0211",
        pos,
        format!("the symbol `{op}` cannot be used as a unary operator"),
    )
}

fn mark_keep_array(node: &mut RawNode) {
    let mut step = node;
    while let Raw::Predicate { lhs, .. } = &mut step.raw {
        step = lhs;
    }
    step.keep_array = true;
}
