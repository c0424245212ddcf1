//! Turns the raw tree into the evaluator's tree: operators, constructors, functions and
//! tail calls here; paths and what attaches to their steps in `step`; ancestry slots for
//! `%` in `ancestry`.

use std::sync::Arc;

use super::ancestry::{parent_error, take_ancestry};
use super::ast::{BinaryOp, Kind, LambdaDef, Node, SlotId, TransformDef};
use super::lexer::Literal;
use super::raw::{Leaf, Raw, RawNode};
use super::signature::Signature;
use crate::error::SyntaxError;
use crate::functions::regex::Matcher;

#[derive(Debug)]
pub(super) struct Slot {
    pub(super) label: usize,
    pub(super) level: i64,
}

pub(crate) struct Processor {
    pub(super) slots: Vec<Slot>,
    stack_base: usize,
}

#[expect(
    clippy::boxed_local,
    reason = "sub-trees are passed down boxed, so that a nesting level's stack frames hold \
              pointers rather than nodes"
)]
impl Processor {
    /// Processes the tree; returns it with the final label of every ancestry slot.
    pub(crate) fn run(raw: RawNode) -> Result<(Node, Vec<Arc<str>>), SyntaxError> {
        let mut processor = Processor {
            slots: Vec::new(),
            stack_base: crate::stack::position(),
        };
        let node = processor.process(raw)?;
        if matches!(node.kind, Kind::Parent(_)) || !node.seeking_parent.is_empty() {
            return Err(parent_error(&node));
        }
        let labels = processor
            .slots
            .iter()
            .map(|slot| Arc::from(format!("!{}", slot.label)))
            .collect();
        Ok((node, labels))
    }

    // `process` recurses once per nesting level, through the function for the kind of node
    // at hand: debug builds give a function a stack slot for every local of every arm, and
    // one function for all kinds took about 40 KB a level. Each level runs through
    // `parse_level`, which moves to a new stack segment when the thread's stack runs low.
    pub(super) fn process(&mut self, raw: RawNode) -> Result<Node, SyntaxError> {
        let pos = raw.pos;
        crate::stack::parse_level(self.stack_base, || self.process_level(raw)).unwrap_or_else(
            || {
                Err(SyntaxError::new(
                    "U1002",
                    pos,
                    "expression nested too deeply",
                ))
            },
        )
    }

    fn process_level(&mut self, raw: RawNode) -> Result<Node, SyntaxError> {
        let RawNode {
            raw,
            pos,
            keep_array,
        } = raw;
        let mut result = match raw {
            Raw::Leaf(leaf) => self.leaf(leaf, pos, keep_array),
            Raw::Binary { op: ".", lhs, rhs } => self.path(lhs, rhs),
            Raw::Binary { op, lhs, rhs } => self.binary(op, lhs, rhs, pos),
            Raw::Predicate { lhs, rhs } => self.predicate(lhs, rhs, pos),
            Raw::Group { lhs, pairs } => self.group(lhs, pairs, pos),
            Raw::Sort { lhs, terms } => self.sort(lhs, terms, pos),
            Raw::Bind { name, rhs } => self.bind(name, rhs, pos),
            Raw::Focus { lhs, name } => self.focus(lhs, name, keep_array, pos),
            Raw::Index { lhs, name } => self.index(lhs, name),
            Raw::Apply { lhs, rhs } => self.apply(lhs, rhs, pos),
            Raw::Negate(operand) => self.negate(operand, pos),
            Raw::Array(items) => self.array(items, pos),
            Raw::Object(pairs) => self.object(pairs, pos),
            Raw::Call {
                procedure,
                args,
                partial,
            } => self.call(procedure, args, partial, pos),
            Raw::Lambda {
                params,
                signature,
                body,
            } => self.lambda(params, signature, body, pos),
            Raw::Condition {
                condition,
                then,
                otherwise,
            } => self.condition(condition, then, otherwise, pos),
            Raw::Transform {
                pattern,
                update,
                delete,
            } => self.transform(pattern, update, delete, pos),
            Raw::Block(expressions) => self.block(expressions, pos),
        }?;
        if keep_array {
            result.keep_array = true;
        }
        Ok(result)
    }

    fn leaf(&mut self, leaf: Leaf, pos: usize, keep_array: bool) -> Result<Node, SyntaxError> {
        let kind = match leaf {
            Leaf::Name(name) => return Ok(name_path(Node::new(Kind::Name(name), pos), keep_array)),
            Leaf::OperatorName(op) => {
                return Ok(name_path(
                    Node::new(Kind::Name(Arc::from(op)), pos),
                    keep_array,
                ));
            }
            Leaf::Parent => {
                let slot = self.slots.len();
                self.slots.push(Slot {
                    label: slot,
                    level: 1,
                });
                Kind::Parent(slot)
            }
            Leaf::String(text) => Kind::String(text),
            Leaf::Number(number) => Kind::Number(number),
            Leaf::Value(Literal::True) => Kind::Bool(true),
            Leaf::Value(Literal::False) => Kind::Bool(false),
            Leaf::Value(Literal::Null) => Kind::Null,
            Leaf::Wildcard => Kind::Wildcard,
            Leaf::Descendant => Kind::Descendant,
            Leaf::Variable(name) => Kind::Variable(name),
            Leaf::Regex { pattern, flags } => {
                let matcher = Matcher::new(&pattern, &flags)
                    .map_err(|message| SyntaxError::new("S0303", pos, message))?;
                Kind::Regex(Arc::new(matcher))
            }
            Leaf::Placeholder => Kind::Placeholder,
            Leaf::End => {
                return Err(SyntaxError::new(
                    "S0207",
                    pos,
                    "unexpected end of expression",
                ));
            }
        };
        Ok(Node::new(kind, pos))
    }

    fn binary(
        &mut self,
        op: &str,
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let op = BinaryOp::from_token(op)
            .ok_or_else(|| SyntaxError::new("S0201", pos, format!("syntax error: `{op}`")))?;
        let mut lhs = self.process(*lhs)?;
        let mut rhs = self.process(*rhs)?;
        let mut seeking = take_ancestry(&mut lhs);
        seeking.extend(take_ancestry(&mut rhs));
        let mut node = Node::new(Kind::Binary(op, Box::new(lhs), Box::new(rhs)), pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn bind(&mut self, name: Arc<str>, rhs: Box<RawNode>, pos: usize) -> Result<Node, SyntaxError> {
        let mut rhs = self.process(*rhs)?;
        let seeking = take_ancestry(&mut rhs);
        let mut node = Node::new(Kind::Bind(name, Box::new(rhs)), pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn apply(
        &mut self,
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let lhs = self.process(*lhs)?;
        let rhs = self.process(*rhs)?;
        let keep = lhs.keep_array || rhs.keep_array;
        let mut node = Node::new(Kind::Apply(Box::new(lhs), Box::new(rhs)), pos);
        node.keep_array = keep;
        Ok(node)
    }

    fn negate(&mut self, operand: Box<RawNode>, pos: usize) -> Result<Node, SyntaxError> {
        let mut operand = self.process(*operand)?;
        if let Kind::Number(number) = operand.kind {
            operand.kind = Kind::Number(-number);
            return Ok(operand);
        }
        let seeking = take_ancestry(&mut operand);
        let mut node = Node::new(Kind::Negate(Box::new(operand)), pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn array(&mut self, items: Vec<RawNode>, pos: usize) -> Result<Node, SyntaxError> {
        let (nodes, seeking) = self.sequence(items)?;
        let mut node = Node::new(Kind::Array(nodes), pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn object(&mut self, pairs: Vec<(RawNode, RawNode)>, pos: usize) -> Result<Node, SyntaxError> {
        let mut pairs = self.pairs(pairs)?;
        let mut seeking = Vec::new();
        for (key, value) in &mut pairs {
            seeking.extend(take_ancestry(key));
            seeking.extend(take_ancestry(value));
        }
        let mut node = Node::new(Kind::Object(pairs), pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn call(
        &mut self,
        procedure: Box<RawNode>,
        args: Vec<RawNode>,
        partial: bool,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let (args, seeking) = self.sequence(args)?;
        let procedure = Box::new(self.process(*procedure)?);
        let kind = if partial {
            Kind::Partial { procedure, args }
        } else {
            Kind::Call { procedure, args }
        };
        let mut node = Node::new(kind, pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn lambda(
        &mut self,
        params: Vec<Arc<str>>,
        signature: Option<(usize, String)>,
        body: Box<RawNode>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let signature = signature
            .map(|(offset, text)| {
                Signature::parse(&text).map_err(|mut error| {
                    error.offset += offset;
                    error
                })
            })
            .transpose()?;
        let body = tail_call_optimize(self.process(*body)?);
        let def = LambdaDef {
            params,
            signature,
            body,
            thunk: false,
        };
        Ok(Node::new(Kind::Lambda(Arc::new(def)), pos))
    }

    fn condition(
        &mut self,
        condition: Box<RawNode>,
        then: Box<RawNode>,
        otherwise: Option<Box<RawNode>>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let mut condition = self.process(*condition)?;
        let mut then = self.process(*then)?;
        let mut seeking = take_ancestry(&mut condition);
        seeking.extend(take_ancestry(&mut then));
        let otherwise = match otherwise {
            Some(otherwise) => {
                let mut otherwise = self.process(*otherwise)?;
                seeking.extend(take_ancestry(&mut otherwise));
                Some(Box::new(otherwise))
            }
            None => None,
        };
        let kind = Kind::Condition(Box::new(condition), Box::new(then), otherwise);
        let mut node = Node::new(kind, pos);
        node.seeking_parent = seeking;
        Ok(node)
    }

    fn transform(
        &mut self,
        pattern: Box<RawNode>,
        update: Box<RawNode>,
        delete: Option<Box<RawNode>>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let pattern = self.process(*pattern)?;
        let update = self.process(*update)?;
        let delete = delete.map(|delete| self.process(*delete)).transpose()?;
        let def = TransformDef {
            pattern,
            update,
            delete,
        };
        Ok(Node::new(Kind::Transform(Arc::new(def)), pos))
    }

    fn block(&mut self, expressions: Vec<RawNode>, pos: usize) -> Result<Node, SyntaxError> {
        let (nodes, seeking) = self.sequence(expressions)?;
        let consarray = nodes.iter().any(|part| {
            part.consarray
                || matches!(&part.kind, Kind::Path(steps) if steps.first().is_some_and(|step| step.consarray))
        });
        let mut node = Node::new(Kind::Block(nodes), pos);
        node.seeking_parent = seeking;
        node.consarray = consarray;
        Ok(node)
    }

    /// Processes a list of sub-expressions; returns them with the ancestry slots they seek.
    fn sequence(&mut self, items: Vec<RawNode>) -> Result<(Vec<Node>, Vec<SlotId>), SyntaxError> {
        let mut seeking = Vec::new();
        let mut nodes = Vec::with_capacity(items.len());
        for item in items {
            let mut node = self.process(item)?;
            seeking.extend(take_ancestry(&mut node));
            nodes.push(node);
        }
        Ok((nodes, seeking))
    }

    pub(super) fn pairs(
        &mut self,
        pairs: Vec<(RawNode, RawNode)>,
    ) -> Result<Vec<(Node, Node)>, SyntaxError> {
        pairs
            .into_iter()
            .map(|(key, value)| Ok((self.process(key)?, self.process(value)?)))
            .collect()
    }
}

fn name_path(mut step: Node, keep_array: bool) -> Node {
    let pos = step.pos;
    step.keep_array = keep_array;
    let mut path = Node::new(Kind::Path(vec![step]), pos);
    path.keep_singleton_array = keep_array;
    path
}

fn tail_call_optimize(mut node: Node) -> Node {
    match &mut node.kind {
        Kind::Call { .. } if node.predicate.is_empty() => {
            let pos = node.pos;
            let body = node;
            Node::new(
                Kind::Lambda(Arc::new(LambdaDef {
                    params: Vec::new(),
                    signature: None,
                    body,
                    thunk: true,
                })),
                pos,
            )
        }
        Kind::Condition(_, then, otherwise) => {
            replace_with(then, tail_call_optimize);
            if let Some(otherwise) = otherwise {
                replace_with(otherwise, tail_call_optimize);
            }
            node
        }
        Kind::Block(expressions) => {
            if let Some(last) = expressions.pop() {
                expressions.push(tail_call_optimize(last));
            }
            node
        }
        _ => node,
    }
}

fn replace_with(slot: &mut Box<Node>, transform: fn(Node) -> Node) {
    let node = std::mem::replace(&mut **slot, Node::new(Kind::Null, 0));
    **slot = transform(node);
}
