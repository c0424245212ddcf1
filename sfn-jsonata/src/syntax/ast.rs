//! The processed syntax tree that the evaluator walks.

use std::sync::Arc;

use super::signature::Signature;

/// Index into the expression's table of ancestry labels (for the `%` operator).
pub(crate) type SlotId = usize;

#[derive(Debug)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags of the JSONata tree"
)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    /// Byte offset of the token that produced the node.
    pub(crate) pos: usize,
    /// `[]` after the step: keep singleton arrays.
    pub(crate) keep_array: bool,
    /// Filters and index bindings applied to each result of a path step.
    pub(crate) stages: Vec<Stage>,
    /// Filters applied to the result of a non-step expression.
    pub(crate) predicate: Vec<Node>,
    /// `{...}` grouping applied to the result.
    pub(crate) group: Option<Box<Group>>,
    /// `@$name`: the step binds its result to `name` and keeps the context.
    pub(crate) focus: Option<Arc<str>>,
    /// `#$name`: the step binds the position to `name`.
    pub(crate) index: Option<Arc<str>>,
    /// The step takes part in a tuple stream.
    pub(crate) tuple: bool,
    /// The step binds its input to this ancestry slot (for `%`).
    pub(crate) ancestor: Option<SlotId>,
    /// An array constructor that starts or ends a path.
    pub(crate) consarray: bool,
    /// A path in which some step has `[]`.
    pub(crate) keep_singleton_array: bool,
    /// Ancestry slots still to resolve (parse time only).
    pub(crate) seeking_parent: Vec<SlotId>,
}

impl Node {
    pub(crate) fn new(kind: Kind, pos: usize) -> Self {
        Node {
            kind,
            pos,
            keep_array: false,
            stages: Vec::new(),
            predicate: Vec::new(),
            group: None,
            focus: None,
            index: None,
            tuple: false,
            ancestor: None,
            consarray: false,
            keep_singleton_array: false,
            seeking_parent: Vec::new(),
        }
    }
}

#[derive(Debug)]
pub(crate) enum Stage {
    Filter(Node),
    Index(Arc<str>),
}

#[derive(Debug)]
pub(crate) struct Group {
    pub(crate) pairs: Vec<(Node, Node)>,
    pub(crate) pos: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Concat,
    And,
    Or,
    In,
    Range,
}

impl BinaryOp {
    pub(crate) fn from_token(op: &str) -> Option<Self> {
        Some(match op {
            "+" => BinaryOp::Add,
            "-" => BinaryOp::Subtract,
            "*" => BinaryOp::Multiply,
            "/" => BinaryOp::Divide,
            "%" => BinaryOp::Modulo,
            "=" => BinaryOp::Equal,
            "!=" => BinaryOp::NotEqual,
            "<" => BinaryOp::Less,
            "<=" => BinaryOp::LessEqual,
            ">" => BinaryOp::Greater,
            ">=" => BinaryOp::GreaterEqual,
            "&" => BinaryOp::Concat,
            "and" => BinaryOp::And,
            "or" => BinaryOp::Or,
            "in" => BinaryOp::In,
            ".." => BinaryOp::Range,
            _ => return None,
        })
    }

    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Modulo => "%",
            BinaryOp::Equal => "=",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::Concat => "&",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::In => "in",
            BinaryOp::Range => "..",
        }
    }
}

#[derive(Debug)]
pub(crate) struct LambdaDef {
    pub(crate) params: Vec<Arc<str>>,
    pub(crate) signature: Option<Signature>,
    pub(crate) body: Node,
    /// A tail call wrapped for the trampoline.
    pub(crate) thunk: bool,
}

#[derive(Debug)]
pub(crate) struct TransformDef {
    pub(crate) pattern: Node,
    pub(crate) update: Node,
    pub(crate) delete: Option<Node>,
}

#[derive(Debug)]
pub(crate) struct SortTerm {
    pub(crate) descending: bool,
    pub(crate) expression: Node,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Path(Vec<Node>),
    Binary(BinaryOp, Box<Node>, Box<Node>),
    Negate(Box<Node>),
    Array(Vec<Node>),
    Object(Vec<(Node, Node)>),
    Name(Arc<str>),
    String(Arc<str>),
    Number(f64),
    Bool(bool),
    Null,
    Wildcard,
    Descendant,
    Parent(SlotId),
    Condition(Box<Node>, Box<Node>, Option<Box<Node>>),
    Block(Vec<Node>),
    Bind(Arc<str>, Box<Node>),
    Regex(Arc<crate::functions::regex::Matcher>),
    Call {
        procedure: Box<Node>,
        args: Vec<Node>,
    },
    Partial {
        procedure: Box<Node>,
        args: Vec<Node>,
    },
    Placeholder,
    Variable(Arc<str>),
    Lambda(Arc<LambdaDef>),
    Apply(Box<Node>, Box<Node>),
    Transform(Arc<TransformDef>),
    Sort(Vec<SortTerm>),
}

impl Kind {
    /// The JSONata node type name, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Kind::Path(_) => "path",
            Kind::Binary(..) => "binary",
            Kind::Negate(_) | Kind::Array(_) | Kind::Object(_) => "unary",
            Kind::Name(_) => "name",
            Kind::String(_) => "string",
            Kind::Number(_) => "number",
            Kind::Bool(_) | Kind::Null => "value",
            Kind::Wildcard => "wildcard",
            Kind::Descendant => "descendant",
            Kind::Parent(_) => "parent",
            Kind::Condition(..) => "condition",
            Kind::Block(_) => "block",
            Kind::Bind(..) => "bind",
            Kind::Regex(_) => "regex",
            Kind::Call { .. } => "function",
            Kind::Partial { .. } => "partial",
            Kind::Placeholder => "operator",
            Kind::Variable(_) => "variable",
            Kind::Lambda(_) => "lambda",
            Kind::Apply(..) => "apply",
            Kind::Transform(_) => "transform",
            Kind::Sort(_) => "sort",
        }
    }
}
