//! Paths and what attaches to their steps: filters, grouping, sorting, and focus and index
//! bindings.

use std::sync::Arc;

use super::ancestry::take_ancestry;
use super::ast::{Group, Kind, Node, SortTerm, Stage};
use super::process::Processor;
use super::raw::RawNode;
use crate::error::SyntaxError;

#[expect(
    clippy::boxed_local,
    reason = "sub-trees are passed down boxed, so that a nesting level's stack frames hold \
              pointers rather than nodes"
)]
impl Processor {
    pub(super) fn group(
        &mut self,
        lhs: Box<RawNode>,
        pairs: Vec<(RawNode, RawNode)>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
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
        Ok(node)
    }

    pub(super) fn sort(
        &mut self,
        lhs: Box<RawNode>,
        terms: Vec<(bool, RawNode)>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
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
        Ok(path)
    }

    /// `step@$name`: the last step binds each of its results to `name`.
    pub(super) fn focus(
        &mut self,
        lhs: Box<RawNode>,
        name: Arc<str>,
        keep_array: bool,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
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
        Ok(node)
    }

    /// `step#$name`: the last step binds the position of each result to `name`.
    pub(super) fn index(&mut self, lhs: Box<RawNode>, name: Arc<str>) -> Result<Node, SyntaxError> {
        let mut node = self.process(*lhs)?;
        if !matches!(node.kind, Kind::Path(_)) {
            node.stages = std::mem::take(&mut node.predicate)
                .into_iter()
                .map(Stage::Filter)
                .collect();
            node = into_path(node);
        }
        with_last_step(&mut node, |step| {
            if step.stages.is_empty() {
                step.index = Some(name);
            } else {
                step.stages.push(Stage::Index(name));
            }
            step.tuple = true;
        });
        Ok(node)
    }

    pub(super) fn path(
        &mut self,
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
    ) -> Result<Node, SyntaxError> {
        let left = self.process(*lhs)?;
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
        let mut rest = self.process(*rhs)?;
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

    pub(super) fn predicate(
        &mut self,
        lhs: Box<RawNode>,
        rhs: Box<RawNode>,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
        let mut result = self.process(*lhs)?;
        let is_path = matches!(result.kind, Kind::Path(_));
        let mut predicate = self.process(*rhs)?;
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
