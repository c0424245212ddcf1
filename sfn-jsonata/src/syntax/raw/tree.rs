//! The raw syntax tree: what the parser makes of the text, before path and ancestry
//! processing.

use std::sync::Arc;

use crate::syntax::lexer::Literal;

#[derive(Debug)]
pub(crate) struct RawNode {
    pub(crate) raw: Raw,
    pub(crate) pos: usize,
    pub(crate) keep_array: bool,
}

impl RawNode {
    pub(super) fn new(raw: Raw, pos: usize) -> Self {
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
