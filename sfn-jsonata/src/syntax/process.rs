//! Turns the raw tree into the evaluator's tree: paths of steps, stages, grouping,
//! focus and index bindings, ancestry slots for `%`, and tail calls.

use std::sync::Arc;

use super::ancestry::{parent_error, take_ancestry};
use super::ast::{BinaryOp, Group, Kind, LambdaDef, Node, SortTerm, Stage, TransformDef};
use super::lexer::Literal;
use super::raw::{Raw, RawNode};
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

    #[allow(
        clippy::too_many_lines,
        reason = "one match over every case of the reference algorithm"
    )]
    fn process(&mut self, raw: RawNode) -> Result<Node, SyntaxError> {
        let RawNode {
            raw,
            pos,
            keep_array,
        } = raw;
        if crate::stack::used_since(self.stack_base) > crate::stack::PARSE_STACK_BYTES {
            return Err(SyntaxError::new(
                "U1002",
                pos,
                "expression nested too deeply",
            ));
        }
        let mut result = match raw {
            Raw::Binary { op: ".", lhs, rhs } => self.path(*lhs, *rhs)?,
            Raw::Binary { op, lhs, rhs } => {
                let op = BinaryOp::from_token(op).ok_or_else(|| {
                    SyntaxError::new("S0201", pos, format!("syntax error: `{op}`"))
                })?;
                let lhs = self.process(*lhs)?;
                let rhs = self.process(*rhs)?;
                let mut node = Node::new(Kind::Binary(op, Box::new(lhs), Box::new(rhs)), pos);
                if let Kind::Binary(_, lhs, rhs) = &mut node.kind {
                    let mut seeking = take_ancestry(lhs);
                    seeking.extend(take_ancestry(rhs));
                    node.seeking_parent = seeking;
                }
                node
            }
            Raw::Predicate { lhs, rhs } => self.predicate(*lhs, *rhs, pos)?,
            Raw::Group { lhs, pairs } => {
                let mut node = self.process(*lhs)?;
                if node.group.is_some() {
                    return Err(SyntaxError::new(
                        "S0210",
                        pos,
                        "each step can only have one grouping expression",
                    ));
                }
                let pairs = self.pairs(pairs)?;
                node.group = Some(Box::new(Group { pairs, pos }));
                node
            }
            Raw::Sort { lhs, terms } => {
                let node = self.process(*lhs)?;
                let mut path = into_path(node);
                let mut sort_terms = Vec::with_capacity(terms.len());
                let mut seeking = Vec::new();
                for (descending, term) in terms {
                    let mut expression = self.process(term)?;
                    seeking.extend(take_ancestry(&mut expression));
                    sort_terms.push(SortTerm {
                        descending,
                        expression,
                    });
                }
                let mut step = Node::new(Kind::Sort(sort_terms), pos);
                step.seeking_parent = seeking;
                if let Kind::Path(steps) = &mut path.kind {
                    steps.push(step);
                }
                self.resolve_ancestry(&mut path)?;
                path
            }
            Raw::Bind { name, rhs } => {
                let mut rhs = self.process(*rhs)?;
                let seeking = take_ancestry(&mut rhs);
                let mut node = Node::new(Kind::Bind(name, Box::new(rhs)), pos);
                node.seeking_parent = seeking;
                node
            }
            Raw::Focus { lhs, name } => {
                let mut node = self.process(*lhs)?;
                with_last_step(&mut node, |step| {
                    if !step.stages.is_empty() || !step.predicate.is_empty() {
                        return Err(SyntaxError::new(
                            "S0215",
                            pos,
                            "a context variable binding must precede any predicates on a step",
                        ));
                    }
                    if matches!(step.kind, Kind::Sort(_)) {
                        return Err(SyntaxError::new(
                            "S0216",
                            pos,
                            "a context variable binding must precede the `order-by` clause on a step",
                        ));
                    }
                    if keep_array {
                        step.keep_array = true;
                    }
                    step.focus = Some(name);
                    step.tuple = true;
                    Ok(())
                })?;
                node
            }
            Raw::Index { lhs, name } => {
                let node = self.process(*lhs)?;
                let mut node = if matches!(node.kind, Kind::Path(_)) {
                    node
                } else {
                    let mut node = node;
                    node.stages = std::mem::take(&mut node.predicate)
                        .into_iter()
                        .map(Stage::Filter)
                        .collect();
                    into_path(node)
                };
                with_last_step(&mut node, |step| {
                    if step.stages.is_empty() {
                        step.index = Some(name);
                    } else {
                        step.stages.push(Stage::Index(name));
                    }
                    step.tuple = true;
                });
                node
            }
            Raw::Apply { lhs, rhs } => {
                let lhs = self.process(*lhs)?;
                let rhs = self.process(*rhs)?;
                let keep = lhs.keep_array || rhs.keep_array;
                let mut node = Node::new(Kind::Apply(Box::new(lhs), Box::new(rhs)), pos);
                node.keep_array = keep;
                node
            }
            Raw::Negate(expression) => {
                let mut expression = self.process(*expression)?;
                if let Kind::Number(number) = expression.kind {
                    expression.kind = Kind::Number(-number);
                    expression
                } else {
                    let seeking = take_ancestry(&mut expression);
                    let mut node = Node::new(Kind::Negate(Box::new(expression)), pos);
                    node.seeking_parent = seeking;
                    node
                }
            }
            Raw::Array(items) => {
                let mut seeking = Vec::new();
                let mut nodes = Vec::with_capacity(items.len());
                for item in items {
                    let mut item = self.process(item)?;
                    seeking.extend(take_ancestry(&mut item));
                    nodes.push(item);
                }
                let mut node = Node::new(Kind::Array(nodes), pos);
                node.seeking_parent = seeking;
                node
            }
            Raw::Object(pairs) => {
                let mut pairs = self.pairs(pairs)?;
                let mut seeking = Vec::new();
                for (key, value) in &mut pairs {
                    seeking.extend(take_ancestry(key));
                    seeking.extend(take_ancestry(value));
                }
                let mut node = Node::new(Kind::Object(pairs), pos);
                node.seeking_parent = seeking;
                node
            }
            Raw::Call {
                procedure,
                args,
                partial,
            } => {
                let mut seeking = Vec::new();
                let mut nodes = Vec::with_capacity(args.len());
                for arg in args {
                    let mut arg = self.process(arg)?;
                    seeking.extend(take_ancestry(&mut arg));
                    nodes.push(arg);
                }
                let procedure = Box::new(self.process(*procedure)?);
                let kind = if partial {
                    Kind::Partial {
                        procedure,
                        args: nodes,
                    }
                } else {
                    Kind::Call {
                        procedure,
                        args: nodes,
                    }
                };
                let mut node = Node::new(kind, pos);
                node.seeking_parent = seeking;
                node
            }
            Raw::Lambda {
                params,
                signature,
                body,
            } => {
                let signature = match signature {
                    Some((offset, text)) => {
                        Some(Signature::parse(&text).map_err(|mut error| {
                            error.offset += offset;
                            error
                        })?)
                    }
                    None => None,
                };
                let body = tail_call_optimize(self.process(*body)?);
                Node::new(
                    Kind::Lambda(Arc::new(LambdaDef {
                        params,
                        signature,
                        body,
                        thunk: false,
                    })),
                    pos,
                )
            }
            Raw::Condition {
                condition,
                then,
                otherwise,
            } => {
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
                let mut node = Node::new(
                    Kind::Condition(Box::new(condition), Box::new(then), otherwise),
                    pos,
                );
                node.seeking_parent = seeking;
                node
            }
            Raw::Transform {
                pattern,
                update,
                delete,
            } => {
                let pattern = self.process(*pattern)?;
                let update = self.process(*update)?;
                let delete = delete.map(|delete| self.process(*delete)).transpose()?;
                Node::new(
                    Kind::Transform(Arc::new(TransformDef {
                        pattern,
                        update,
                        delete,
                    })),
                    pos,
                )
            }
            Raw::Block(expressions) => {
                let mut seeking = Vec::new();
                let mut consarray = false;
                let mut nodes = Vec::with_capacity(expressions.len());
                for expression in expressions {
                    let mut part = self.process(expression)?;
                    seeking.extend(take_ancestry(&mut part));
                    if part.consarray
                        || matches!(&part.kind, Kind::Path(steps) if steps.first().is_some_and(|step| step.consarray))
                    {
                        consarray = true;
                    }
                    nodes.push(part);
                }
                let mut node = Node::new(Kind::Block(nodes), pos);
                node.seeking_parent = seeking;
                node.consarray = consarray;
                node
            }
            Raw::Name(name) => name_path(Node::new(Kind::Name(name), pos), keep_array),
            Raw::OperatorName(op) => {
                name_path(Node::new(Kind::Name(Arc::from(op)), pos), keep_array)
            }
            Raw::Parent => {
                let slot = self.slots.len();
                self.slots.push(Slot {
                    label: slot,
                    level: 1,
                });
                Node::new(Kind::Parent(slot), pos)
            }
            Raw::String(text) => Node::new(Kind::String(text), pos),
            Raw::Number(number) => Node::new(Kind::Number(number), pos),
            Raw::Value(Literal::True) => Node::new(Kind::Bool(true), pos),
            Raw::Value(Literal::False) => Node::new(Kind::Bool(false), pos),
            Raw::Value(Literal::Null) => Node::new(Kind::Null, pos),
            Raw::Wildcard => Node::new(Kind::Wildcard, pos),
            Raw::Descendant => Node::new(Kind::Descendant, pos),
            Raw::Variable(name) => Node::new(Kind::Variable(name), pos),
            Raw::Regex { pattern, flags } => {
                let matcher = Matcher::new(&pattern, &flags)
                    .map_err(|message| SyntaxError::new("S0303", pos, message))?;
                Node::new(Kind::Regex(Arc::new(matcher)), pos)
            }
            Raw::Placeholder => Node::new(Kind::Placeholder, pos),
            Raw::End => {
                return Err(SyntaxError::new(
                    "S0207",
                    pos,
                    "unexpected end of expression",
                ));
            }
        };
        if keep_array {
            result.keep_array = true;
        }
        Ok(result)
    }

    fn pairs(&mut self, pairs: Vec<(RawNode, RawNode)>) -> Result<Vec<(Node, Node)>, SyntaxError> {
        pairs
            .into_iter()
            .map(|(key, value)| Ok((self.process(key)?, self.process(value)?)))
            .collect()
    }

    fn path(&mut self, lhs: RawNode, rhs: RawNode) -> Result<Node, SyntaxError> {
        let left = self.process(lhs)?;
        let pos = left.pos;
        let left_is_parent = match left.kind {
            Kind::Parent(slot) => Some(slot),
            _ => None,
        };
        let mut result = into_path(left);
        if let Some(slot) = left_is_parent {
            result.seeking_parent = vec![slot];
        }
        result.pos = pos;
        let mut rest = self.process(rhs)?;
        let Kind::Path(steps) = &mut result.kind else {
            return Err(SyntaxError::new("S0201", pos, "syntax error"));
        };
        if let Kind::Path(rest_steps) = &mut rest.kind {
            steps.append(rest_steps);
        } else {
            rest.stages = std::mem::take(&mut rest.predicate)
                .into_iter()
                .map(Stage::Filter)
                .collect();
            steps.push(rest);
        }
        for step in steps.iter_mut() {
            match &step.kind {
                Kind::Number(number) => {
                    return Err(SyntaxError::new(
                        "S0213",
                        step.pos,
                        format!(
                            "the literal value {} cannot be used as a step within a path expression",
                            crate::value::number::format_js(*number)
                        ),
                    ));
                }
                Kind::Bool(_) | Kind::Null => {
                    return Err(SyntaxError::new(
                        "S0213",
                        step.pos,
                        "the literal value cannot be used as a step within a path expression",
                    ));
                }
                Kind::String(text) => step.kind = Kind::Name(text.clone()),
                _ => {}
            }
        }
        if steps.iter().any(|step| step.keep_array) {
            result.keep_singleton_array = true;
        }
        if let Some(first) = steps.first_mut() {
            if matches!(first.kind, Kind::Array(_)) {
                first.consarray = true;
            }
        }
        if let Some(last) = steps.last_mut() {
            if matches!(last.kind, Kind::Array(_)) {
                last.consarray = true;
            }
        }
        self.resolve_ancestry(&mut result)?;
        Ok(result)
    }

    fn predicate(&mut self, lhs: RawNode, rhs: RawNode, pos: usize) -> Result<Node, SyntaxError> {
        let mut result = self.process(lhs)?;
        let is_path = matches!(result.kind, Kind::Path(_));
        let mut predicate = self.process(rhs)?;
        let seeking = take_ancestry(&mut predicate);
        with_last_step(&mut result, |step| {
            if step.group.is_some() {
                return Err(SyntaxError::new(
                    "S0209",
                    pos,
                    "a predicate cannot follow a grouping expression in a step",
                ));
            }
            if !seeking.is_empty() {
                for &slot in &seeking {
                    if self.level(slot) == 1 {
                        self.seek_parent(step, slot)?;
                    } else {
                        self.add_level(slot, -1);
                    }
                }
                step.seeking_parent.extend(seeking);
            }
            if is_path {
                step.stages.push(Stage::Filter(predicate));
            } else {
                step.predicate.push(predicate);
            }
            Ok(())
        })?;
        Ok(result)
    }
}

fn name_path(mut step: Node, keep_array: bool) -> Node {
    let pos = step.pos;
    step.keep_array = keep_array;
    let mut path = Node::new(Kind::Path(vec![step]), pos);
    path.keep_singleton_array = keep_array;
    path
}

fn into_path(node: Node) -> Node {
    if matches!(node.kind, Kind::Path(_)) {
        return node;
    }
    let pos = node.pos;
    Node::new(Kind::Path(vec![node]), pos)
}

/// Runs `f` on the last step of a path, or on the node itself when it is not a path.
fn with_last_step<R>(node: &mut Node, f: impl FnOnce(&mut Node) -> R) -> R {
    if let Kind::Path(steps) = &mut node.kind {
        if let Some(last) = steps.last_mut() {
            return f(last);
        }
    }
    f(node)
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
