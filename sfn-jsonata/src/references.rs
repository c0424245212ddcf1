//! What an expression reads from outside itself (variables, the context value, field names)
//! and which variables it binds, for static checks such as those of the ASL validator.

use std::sync::Arc;

use crate::syntax::ast::{Kind, Node, Stage};

/// One place where an expression reads a value it does not compute itself.
///
/// Returned by [`Expression::references`](crate::Expression::references), in the order the
/// parser built them (mostly left to right).
///
/// ```
/// use sfn_jsonata::{parse, Focus, Target};
///
/// let expression = parse("$states.input.items[price > $limit]")?;
/// let references = expression.references();
/// assert_eq!(references[0].target, Target::Variable("states"));
/// assert_eq!(references[0].path, ["input", "items"]);
/// assert_eq!(references[0].focus, Focus::Input);
/// // `price` is a field of each item the filter looks at, not of the input.
/// assert_eq!(references[1].target, Target::Field("price"));
/// assert_eq!(references[1].focus, Focus::Item);
/// assert_eq!((references[2].target, references[2].offset), (Target::Variable("limit"), 28));
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reference<'e> {
    /// What is read.
    pub target: Target<'e>,
    /// The field names that directly follow it in a path: `["result", "Payload"]` for
    /// `$states.result.Payload`. Stops at the first step that is not a plain name.
    pub path: Vec<&'e str>,
    /// Byte offset in the expression text of the `$` or the name.
    pub offset: usize,
    /// What the context value (`$`) is where the reference is evaluated.
    pub focus: Focus,
}

/// What a [`Reference`] reads.
///
/// # Examples
///
/// ```
/// use sfn_jsonata::{Target, parse};
///
/// let expression = parse("$count($states.input.items) > $$.limit ? $ : total")?;
/// let targets: Vec<Target<'_>> = expression.references().iter().map(|reference| reference.target).collect();
/// assert_eq!(targets, [
///     Target::Function("count"),
///     Target::Variable("states"),
///     Target::Root,
///     Target::Context,
///     Target::Field("total"),
/// ]);
/// // What a Step Functions state reads from its input:
/// let reads_input = targets.iter().any(|target| matches!(target, Target::Variable("states")));
/// assert!(reads_input);
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target<'e> {
    /// `$name`, a variable the expression does not bind itself (with `:=`, as a lambda
    /// parameter, or with `@$name` / `#$name`). It may also name a built-in function passed
    /// as a value (`$map(xs, $string)`).
    Variable(&'e str),
    /// `$name(…)`: a call of a function the expression does not bind itself, such as a
    /// built-in.
    Function(&'e str),
    /// `$`: the context value.
    Context,
    /// `$$`: the root of the input.
    Root,
    /// A field name at the start of a path (`total`, `` `order id` ``), or `*` / `**`: a
    /// field of the context value.
    Field(&'e str),
}

/// Where a reference is evaluated, as far as the context value `$` is concerned.
///
/// # Examples
///
/// ```
/// use sfn_jsonata::{Focus, Target, parse};
///
/// let expression = parse("$states.input.orders[status = 'open'].id")?;
/// let references = expression.references();
/// // `status` is read from each order the filter looks at, not from the state input.
/// let status = references.iter().find(|reference| reference.target == Target::Field("status"));
/// assert_eq!(status.map(|reference| reference.focus), Some(Focus::Item));
/// assert_eq!(references[0].focus, Focus::Input);
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The context value is the expression's input: no path step, filter, grouping,
    /// order-by or transform encloses the reference. (A lambda body keeps the focus of the
    /// place the lambda is written.)
    Input,
    /// The context value is an item that an enclosing path step, filter, grouping, order-by
    /// or transform selected.
    Item,
}

/// A variable that the expression binds with `$name := …`.
///
/// Returned by [`Expression::bindings`](crate::Expression::bindings).
///
/// ```
/// let expression = sfn_jsonata::parse("($total := 2; $total * 3)")?;
/// let bindings = expression.bindings();
/// assert_eq!((bindings[0].name, bindings[0].offset), ("total", 8));
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Binding<'e> {
    /// The name, without `$`.
    pub name: &'e str,
    /// Byte offset of the `:=` operator in the expression text.
    pub offset: usize,
}

/// Collects the references of the tree rooted at `root`.
pub(crate) fn references(root: &Node) -> Vec<Reference<'_>> {
    let mut walker = Walker {
        frames: Vec::new(),
        tuple_names: Vec::new(),
        found: Vec::new(),
    };
    collect_tuple_names(root, &mut walker.tuple_names);
    walker.frame(root, Vec::new(), Focus::Input);
    walker.found
}

/// Collects every `:=` binding of the tree rooted at `root`.
pub(crate) fn bindings(root: &Node) -> Vec<Binding<'_>> {
    let mut found = Vec::new();
    visit(root, &mut |node| {
        if let Kind::Bind(name, _) = &node.kind {
            found.push(Binding {
                name,
                offset: node.pos,
            });
        }
    });
    found
}

struct Walker<'e> {
    /// The names bound by each enclosing frame (the root, blocks, lambda bodies).
    frames: Vec<Vec<&'e str>>,
    /// Names bound by `@$name` and `#$name` anywhere: tuple bindings reach into later
    /// steps of their path, so they are treated as bound everywhere.
    tuple_names: Vec<&'e str>,
    found: Vec<Reference<'e>>,
}

impl<'e> Walker<'e> {
    fn is_bound(&self, name: &str) -> bool {
        self.tuple_names.contains(&name) || self.frames.iter().any(|frame| frame.contains(&name))
    }

    /// Walks `body` in a new frame holding `names` and the `:=` bindings that evaluate
    /// into it (JSONata binds into the innermost block or lambda, visible in all of it).
    fn frame(&mut self, body: &'e Node, mut names: Vec<&'e str>, focus: Focus) {
        frame_bindings(body, &mut names);
        self.frames.push(names);
        self.node(body, focus);
        self.frames.pop();
    }

    fn variable(&mut self, name: &'e str, node: &'e Node, path: Vec<&'e str>, focus: Focus) {
        let target = match name {
            "" => Target::Context,
            "$" => Target::Root,
            _ if self.is_bound(name) => return,
            _ => Target::Variable(name),
        };
        self.found.push(Reference {
            target,
            path,
            offset: node.pos,
            focus,
        });
    }

    fn node(&mut self, node: &'e Node, focus: Focus) {
        match &node.kind {
            Kind::Path(steps) => self.path(steps, focus),
            Kind::Variable(name) => self.variable(name, node, Vec::new(), focus),
            Kind::Name(name) => self.found.push(Reference {
                target: Target::Field(name),
                path: Vec::new(),
                offset: node.pos,
                focus,
            }),
            Kind::Wildcard | Kind::Descendant => self.found.push(Reference {
                target: Target::Field(if matches!(node.kind, Kind::Wildcard) {
                    "*"
                } else {
                    "**"
                }),
                path: Vec::new(),
                offset: node.pos,
                focus,
            }),
            Kind::Binary(_, left, right) | Kind::Apply(left, right) => {
                self.node(left, focus);
                self.node(right, focus);
            }
            Kind::Negate(inner) | Kind::Bind(_, inner) => self.node(inner, focus),
            Kind::Array(items) => {
                for item in items {
                    self.node(item, focus);
                }
            }
            Kind::Object(pairs) => {
                for (key, value) in pairs {
                    self.node(key, focus);
                    self.node(value, focus);
                }
            }
            Kind::Condition(condition, then, otherwise) => {
                self.node(condition, focus);
                self.node(then, focus);
                if let Some(otherwise) = otherwise {
                    self.node(otherwise, focus);
                }
            }
            Kind::Block(expressions) => {
                let mut names = Vec::new();
                for expression in expressions {
                    frame_bindings(expression, &mut names);
                }
                self.frames.push(names);
                for expression in expressions {
                    self.node(expression, focus);
                }
                self.frames.pop();
            }
            Kind::Call { procedure, args } | Kind::Partial { procedure, args } => {
                match &procedure.kind {
                    Kind::Variable(name) if !self.is_bound(name) && !name.is_empty() => {
                        self.found.push(Reference {
                            target: Target::Function(name),
                            path: Vec::new(),
                            offset: procedure.pos,
                            focus,
                        });
                        self.attachments(procedure);
                    }
                    _ => self.node(procedure, focus),
                }
                for arg in args {
                    self.node(arg, focus);
                }
            }
            Kind::Lambda(lambda) => {
                let params = lambda.params.iter().map(Arc::as_ref).collect();
                self.frame(&lambda.body, params, focus);
            }
            Kind::Transform(transform) => {
                self.node(&transform.pattern, Focus::Item);
                self.node(&transform.update, Focus::Item);
                if let Some(delete) = &transform.delete {
                    self.node(delete, Focus::Item);
                }
            }
            Kind::Sort(terms) => {
                for term in terms {
                    self.node(&term.expression, Focus::Item);
                }
            }
            Kind::String(_)
            | Kind::Number(_)
            | Kind::Bool(_)
            | Kind::Null
            | Kind::Parent(_)
            | Kind::Regex(_)
            | Kind::Placeholder => {}
        }
        self.attachments(node);
    }

    /// The filters, grouping and sort terms attached to a node: each is evaluated with an
    /// item of the node's result as the context value.
    fn attachments(&mut self, node: &'e Node) {
        for stage in &node.stages {
            if let Stage::Filter(filter) = stage {
                self.node(filter, Focus::Item);
            }
        }
        for predicate in &node.predicate {
            self.node(predicate, Focus::Item);
        }
        if let Some(group) = &node.group {
            for (key, value) in &group.pairs {
                self.node(key, Focus::Item);
                self.node(value, Focus::Item);
            }
        }
    }

    /// A path: its first step sees the path's focus, every later step an item of the
    /// step before. A variable or name followed by names becomes one reference.
    fn path(&mut self, steps: &'e [Node], focus: Focus) {
        let mut index = 0;
        while let Some(step) = steps.get(index) {
            let step_focus = if index == 0 { focus } else { Focus::Item };
            let head = match &step.kind {
                Kind::Variable(name) => Some((Some(name), None)),
                Kind::Name(name) if index == 0 => Some((None, Some(name))),
                _ => None,
            };
            let Some((variable, field)) = head else {
                self.node(step, step_focus);
                index += 1;
                continue;
            };
            let mut path = Vec::new();
            let mut next = index + 1;
            // A name that carries its own filters or bindings still names the field.
            while let Some(Node {
                kind: Kind::Name(name),
                ..
            }) = steps.get(next)
            {
                path.push(name.as_ref());
                next += 1;
            }
            match (variable, field) {
                (Some(name), _) => self.variable(name, step, path, step_focus),
                (None, Some(name)) => self.found.push(Reference {
                    target: Target::Field(name),
                    path,
                    offset: step.pos,
                    focus: step_focus,
                }),
                (None, None) => {}
            }
            self.attachments(step);
            for name_step in steps.get(index + 1..next).unwrap_or_default() {
                self.attachments(name_step);
            }
            index = next;
        }
    }
}

/// The `:=` names that bind into the frame whose body is `node`: those not inside a nested
/// block or lambda.
fn frame_bindings<'e>(node: &'e Node, names: &mut Vec<&'e str>) {
    match &node.kind {
        Kind::Block(_) | Kind::Lambda(_) => {}
        Kind::Bind(name, value) => {
            names.push(name);
            frame_bindings(value, names);
        }
        _ => for_each_child(node, &mut |child| frame_bindings(child, names)),
    }
}

/// Every `@$name` and `#$name` binding.
fn collect_tuple_names<'e>(root: &'e Node, names: &mut Vec<&'e str>) {
    visit(root, &mut |node| {
        names.extend(node.focus.as_deref());
        names.extend(node.index.as_deref());
        for stage in &node.stages {
            if let Stage::Index(name) = stage {
                names.push(name);
            }
        }
    });
}

/// Calls `f` on `node` and every node below it.
pub(crate) fn visit<'e>(node: &'e Node, f: &mut impl FnMut(&'e Node)) {
    f(node);
    for_each_child(node, &mut |child| visit(child, f));
}

/// Calls `f` on each direct child of `node`, attachments included.
fn for_each_child<'e>(node: &'e Node, f: &mut impl FnMut(&'e Node)) {
    match &node.kind {
        Kind::Path(items) | Kind::Array(items) | Kind::Block(items) => {
            items.iter().for_each(&mut *f);
        }
        Kind::Binary(_, left, right) | Kind::Apply(left, right) => {
            f(left);
            f(right);
        }
        Kind::Negate(inner) | Kind::Bind(_, inner) => f(inner),
        Kind::Object(pairs) => {
            for (key, value) in pairs {
                f(key);
                f(value);
            }
        }
        Kind::Condition(condition, then, otherwise) => {
            f(condition);
            f(then);
            if let Some(otherwise) = otherwise {
                f(otherwise);
            }
        }
        Kind::Call { procedure, args } | Kind::Partial { procedure, args } => {
            f(procedure);
            args.iter().for_each(&mut *f);
        }
        Kind::Lambda(lambda) => f(&lambda.body),
        Kind::Transform(transform) => {
            f(&transform.pattern);
            f(&transform.update);
            if let Some(delete) = &transform.delete {
                f(delete);
            }
        }
        Kind::Sort(terms) => {
            for term in terms {
                f(&term.expression);
            }
        }
        Kind::Name(_)
        | Kind::Variable(_)
        | Kind::String(_)
        | Kind::Number(_)
        | Kind::Bool(_)
        | Kind::Null
        | Kind::Wildcard
        | Kind::Descendant
        | Kind::Parent(_)
        | Kind::Regex(_)
        | Kind::Placeholder => {}
    }
    for stage in &node.stages {
        if let Stage::Filter(filter) = stage {
            f(filter);
        }
    }
    node.predicate.iter().for_each(&mut *f);
    if let Some(group) = &node.group {
        for (key, value) in &group.pairs {
            f(key);
            f(value);
        }
    }
}
