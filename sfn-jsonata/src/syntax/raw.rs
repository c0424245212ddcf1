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

#[derive(Debug)]
pub(crate) enum Raw {
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
    /// The end of the text where an operand was expected.
    End,
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
        // Every operator applied to `left` makes the tree one level deeper, as does every
        // nested sub-expression; both are counted so later passes can recurse safely.
        let entry_depth = self.depth;
        self.enter()?;
        let token = self.advance(None, true)?;
        let mut left = self.nud(token)?;
        while rbp < left_binding_power(&self.node) {
            self.enter()?;
            let token = self.advance(None, false)?;
            left = self.led(token, left)?;
        }
        self.depth = entry_depth;
        Ok(left)
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING
            || crate::stack::used_since(self.stack_base) > crate::stack::PARSE_STACK_BYTES
        {
            return Err(SyntaxError::new(
                "U1002",
                self.node.start,
                format!("expression nested more than {MAX_NESTING} levels deep"),
            ));
        }
        Ok(())
    }

    fn nud(&mut self, token: Token) -> Result<RawNode, SyntaxError> {
        let pos = token.start;
        let raw = match token.kind {
            TokenKind::Name(name) => Raw::Name(name),
            TokenKind::Variable(name) => Raw::Variable(name),
            TokenKind::String(text) => Raw::String(text),
            TokenKind::Number(number) => Raw::Number(number),
            TokenKind::Value(literal) => Raw::Value(literal),
            TokenKind::Regex { pattern, flags } => Raw::Regex { pattern, flags },
            // The reference parser lets the end token through here: a missing closing
            // bracket is then reported by the bracket (S0203), anything else later (S0207).
            TokenKind::End => Raw::End,
            TokenKind::Operator(op) => match op {
                "and" | "or" | "in" => Raw::OperatorName(op),
                "-" => Raw::Negate(Box::new(self.expression(70)?)),
                "*" => Raw::Wildcard,
                "**" => Raw::Descendant,
                "%" => Raw::Parent,
                "(" => self.block()?,
                "[" => self.array()?,
                "{" => Raw::Object(self.object_pairs()?),
                "|" => self.transform()?,
                _ => {
                    return Err(SyntaxError::new(
                        "S0211",
                        pos,
                        format!("the symbol `{op}` cannot be used as a unary operator"),
                    ));
                }
            },
        };
        Ok(RawNode {
            raw,
            pos,
            keep_array: false,
        })
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one match over every case of the reference algorithm"
    )]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "tokens are moved into the tree in most arms"
    )]
    fn led(&mut self, token: Token, left: RawNode) -> Result<RawNode, SyntaxError> {
        let pos = token.start;
        let op = token.operator().unwrap_or("");
        let bp = left_binding_power(&token);
        let raw = match op {
            "(" => return self.call(pos, left),
            "[" => {
                if self.node.is("]") {
                    // `[]` keeps singleton arrays: flag the innermost step.
                    let mut left = left;
                    mark_keep_array(&mut left);
                    self.advance(Some("]"), false)?;
                    return Ok(left);
                }
                let rhs = self.expression(0)?;
                self.advance(Some("]"), true)?;
                Raw::Predicate {
                    lhs: Box::new(left),
                    rhs: Box::new(rhs),
                }
            }
            "{" => Raw::Group {
                lhs: Box::new(left),
                pairs: self.object_pairs()?,
            },
            "^" => {
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
                Raw::Sort {
                    lhs: Box::new(left),
                    terms,
                }
            }
            ":=" => {
                let Raw::Variable(name) = left.raw else {
                    return Err(SyntaxError::new(
                        "S0212",
                        left.pos,
                        "the left side of `:=` must be a variable name (start with $)",
                    ));
                };
                Raw::Bind {
                    name,
                    rhs: Box::new(self.expression(bp - 1)?),
                }
            }
            "@" | "#" => {
                let rhs = self.expression(bp)?;
                let Raw::Variable(name) = rhs.raw else {
                    return Err(SyntaxError::new(
                        "S0214",
                        rhs.pos,
                        format!("the right side of `{op}` must be a variable name (start with $)"),
                    ));
                };
                if op == "@" {
                    Raw::Focus {
                        lhs: Box::new(left),
                        name,
                    }
                } else {
                    Raw::Index {
                        lhs: Box::new(left),
                        name,
                    }
                }
            }
            "?" => {
                let then = self.expression(0)?;
                let otherwise = if self.node.is(":") {
                    self.advance(Some(":"), false)?;
                    Some(Box::new(self.expression(0)?))
                } else {
                    None
                };
                Raw::Condition {
                    condition: Box::new(left),
                    then: Box::new(then),
                    otherwise,
                }
            }
            "~>" => Raw::Apply {
                lhs: Box::new(left),
                rhs: Box::new(self.expression(bp)?),
            },
            _ => Raw::Binary {
                op,
                lhs: Box::new(left),
                rhs: Box::new(self.expression(bp)?),
            },
        };
        Ok(RawNode {
            raw,
            pos,
            keep_array: false,
        })
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "the procedure node is consumed when it is not a lambda"
    )]
    fn call(&mut self, pos: usize, procedure: RawNode) -> Result<RawNode, SyntaxError> {
        let mut args = Vec::new();
        let mut partial = false;
        if !self.node.is(")") {
            loop {
                if self.node.is("?") {
                    partial = true;
                    let start = self.node.start;
                    self.advance(Some("?"), false)?;
                    args.push(RawNode {
                        raw: Raw::Placeholder,
                        pos: start,
                        keep_array: false,
                    });
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
        let is_lambda = matches!(&procedure.raw, Raw::Name(name) if &**name == "function" || &**name == "\u{3bb}");
        if !is_lambda {
            let raw = Raw::Call {
                procedure: Box::new(procedure),
                args,
                partial,
            };
            return Ok(RawNode {
                raw,
                pos,
                keep_array: false,
            });
        }
        let mut params = Vec::new();
        for (index, arg) in args.into_iter().enumerate() {
            match arg.raw {
                Raw::Variable(name) => params.push(name),
                _ => {
                    return Err(SyntaxError::new(
                        "S0208",
                        arg.pos,
                        format!(
                            "parameter {} of function definition must be a variable name (start with $)",
                            index + 1
                        ),
                    ));
                }
            }
        }
        let mut signature = None;
        if self.node.is("<") {
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
            signature = Some((start, text));
        }
        self.advance(Some("{"), false)?;
        let body = self.expression(0)?;
        self.advance(Some("}"), false)?;
        let raw = Raw::Lambda {
            params,
            signature,
            body: Box::new(body),
        };
        Ok(RawNode {
            raw,
            pos,
            keep_array: false,
        })
    }

    fn block(&mut self) -> Result<Raw, SyntaxError> {
        let mut expressions = Vec::new();
        while !self.node.is(")") {
            expressions.push(self.expression(0)?);
            if !self.node.is(";") {
                break;
            }
            self.advance(Some(";"), false)?;
        }
        self.advance(Some(")"), true)?;
        Ok(Raw::Block(expressions))
    }

    fn array(&mut self) -> Result<Raw, SyntaxError> {
        let mut items = Vec::new();
        if !self.node.is("]") {
            loop {
                let mut item = self.expression(0)?;
                if self.node.is("..") {
                    let pos = self.node.start;
                    self.advance(Some(".."), false)?;
                    let rhs = self.expression(0)?;
                    item = RawNode {
                        raw: Raw::Binary {
                            op: "..",
                            lhs: Box::new(item),
                            rhs: Box::new(rhs),
                        },
                        pos,
                        keep_array: false,
                    };
                }
                items.push(item);
                if !self.node.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("]"), true)?;
        Ok(Raw::Array(items))
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

    fn transform(&mut self) -> Result<Raw, SyntaxError> {
        let pattern = self.expression(0)?;
        self.advance(Some("|"), false)?;
        let update = self.expression(0)?;
        let delete = if self.node.is(",") {
            self.advance(Some(","), false)?;
            Some(Box::new(self.expression(0)?))
        } else {
            None
        };
        self.advance(Some("|"), false)?;
        Ok(Raw::Transform {
            pattern: Box::new(pattern),
            update: Box::new(update),
            delete,
        })
    }
}

fn mark_keep_array(node: &mut RawNode) {
    let mut step = node;
    while let Raw::Predicate { lhs, .. } = &mut step.raw {
        step = lhs;
    }
    step.keep_array = true;
}
