//! The evaluator: walks the processed tree with JSONata's sequence semantics.

pub(crate) mod call;
pub(crate) mod frame;
pub(crate) mod function;
mod group;
mod ops;
mod path;
mod transform;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

pub(crate) use group::merge_sort;
pub(crate) use ops::compare_utf16;
pub(crate) use path::lookup;

use frame::{Frame, FrameId, ROOT};
use function::Function;

use crate::environment::{Environment, Limits};
use crate::error::EvaluationError;
use crate::syntax::ast::{Kind, Node};
use crate::value::{self, Array, Value};

/// The result of evaluating a node: a value, or `None` for `undefined`.
pub(crate) type Res = Result<Option<Value>, EvaluationError>;

/// State of one evaluation.
pub(crate) struct Evaluator<'e> {
    pub(crate) env: &'e Environment,
    pub(crate) labels: &'e [Arc<str>],
    frames: RefCell<Vec<Frame>>,
    depth: Cell<usize>,
    /// Bytes of stack segments added below this thread's own stack, in use now.
    grown: Cell<usize>,
    steps: Cell<u64>,
    started: Instant,
    stack_base: usize,
    pub(crate) now_millis: i64,
    rng_state: Cell<u64>,
    pub(crate) limits: Limits,
}

use crate::stack::position as stack_position;

/// Stack an evaluation level keeps free below it before it evaluates the next: more than
/// any level uses in between, and room for the recursions that do not go through
/// `evaluate` (converting, comparing and printing nested values), as the thread's own
/// stack left before segments were added.
const RED_ZONE: usize = 1 << 20;
/// The size of each stack segment added when the thread's own stack runs low, so that
/// nesting is bounded by [`Limits::max_depth`] and not by the build's frame sizes.
const SEGMENT_BYTES: usize = 4 << 20;
/// Stack evaluation may use where the end of the thread's stack is not known.
const UNKNOWN_STACK_BYTES: usize = 1 << 20;

fn too_deep() -> EvaluationError {
    EvaluationError::new(
        "U1001",
        "stack overflow: evaluation nested too deeply; check for non-terminating recursion \
         or rewrite it as tail recursion",
    )
}

impl<'e> Evaluator<'e> {
    pub(crate) fn new(env: &'e Environment, labels: &'e [Arc<str>]) -> Self {
        let now_millis = env
            .clock
            .as_ref()
            .map_or_else(system_millis, |clock| clock());
        Evaluator {
            env,
            labels,
            frames: RefCell::new(vec![Frame::default()]),
            depth: Cell::new(0),
            grown: Cell::new(0),
            steps: Cell::new(0),
            started: Instant::now(),
            stack_base: stack_position(),
            now_millis,
            rng_state: Cell::new(random_seed()),
            limits: env.limits,
        }
    }

    /// Evaluates the whole expression against `input`.
    pub(crate) fn run(&self, node: &Node, input: Option<Value>) -> Res {
        // A top-level array input is wrapped so that `$` still refers to the whole array.
        let input = match input {
            Some(Value::Array(array)) if !array.sequence => {
                let mut wrapper = Array::sequence(vec![Value::Array(array)]);
                wrapper.outer_wrapper = true;
                Some(Value::Array(Rc::new(wrapper)))
            }
            other => other,
        };
        self.bind(ROOT, Arc::from("$"), input.clone());
        let result = self.evaluate(node, input.as_ref(), ROOT)?;
        Ok(result.map(|value| strip_sequence(&value)))
    }

    /// Counts one unit of work against the step and time budgets.
    pub(crate) fn tick(&self, amount: u64) -> Result<(), EvaluationError> {
        let steps = self.steps.get().saturating_add(amount);
        self.steps.set(steps);
        if steps > self.limits.max_steps {
            return Err(EvaluationError::new(
                "U1002",
                format!(
                    "evaluation exceeded its budget of {} steps; check for an infinite loop",
                    self.limits.max_steps
                ),
            ));
        }
        if let Some(timeout) = self.limits.timeout {
            if steps.is_multiple_of(64) && self.started.elapsed() > timeout {
                return Err(EvaluationError::new(
                    "U1002",
                    format!(
                        "evaluation exceeded its time limit of {} ms; check for an infinite loop",
                        timeout.as_millis()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Checks that a sequence, array or string of `len` items is within limits.
    pub(crate) fn check_size(&self, len: usize) -> Result<(), EvaluationError> {
        if len > self.limits.max_items {
            return Err(EvaluationError::new(
                "D2014",
                format!(
                    "the result would have {len} items, more than the limit of {}",
                    self.limits.max_items
                ),
            ));
        }
        Ok(())
    }

    pub(crate) fn evaluate(&self, node: &Node, input: Option<&Value>, frame: FrameId) -> Res {
        let result = self.nested(|| self.evaluate_inner(node, input, frame));
        // An `undefined` array item read on its own (`groups[0]`, `$` on it) is undefined.
        match result {
            Ok(Some(Value::Undefined)) => Ok(None),
            other => other,
        }
    }

    /// Runs `level` as one nesting level: counted against [`Limits::max_depth`], and on a
    /// new stack segment when the thread's stack runs low.
    ///
    /// Every recursion of the evaluator passes through here: `evaluate` for each node, and
    /// the trampoline for each tail call, whose target (a built-in such as `$map`, a chain
    /// or a partial application) may call back into a lambda without evaluating a node.
    pub(crate) fn nested(&self, level: impl FnOnce() -> Res) -> Res {
        let depth = self.depth.get() + 1;
        if depth > self.limits.max_depth {
            return Err(too_deep());
        }
        self.depth.set(depth);
        let result = match stacker::remaining_stack() {
            Some(remaining) if remaining < RED_ZONE => self.on_new_segment(level),
            // Where the stack's end is not known, the stack is not grown: stop well before
            // a thread's usual stack is used up.
            None if self.stack_base.abs_diff(stack_position()) > UNKNOWN_STACK_BYTES => {
                Err(too_deep())
            }
            Some(_) | None => level(),
        };
        self.depth.set(depth - 1);
        result
    }

    /// Runs `evaluate` on a new stack segment, within [`Limits::max_stack_bytes`].
    fn on_new_segment(&self, evaluate: impl FnOnce() -> Res) -> Res {
        let grown = self.grown.get() + SEGMENT_BYTES;
        if grown > self.limits.max_stack_bytes {
            return Err(too_deep());
        }
        self.grown.set(grown);
        let result = stacker::grow(SEGMENT_BYTES, evaluate);
        self.grown.set(grown - SEGMENT_BYTES);
        result
    }

    // Each kind of node is handled in its own function: a single large match would give
    // every recursion level the stack frame of its largest arm (several KB in debug builds).
    fn evaluate_inner(&self, node: &Node, input: Option<&Value>, frame: FrameId) -> Res {
        self.tick(1)?;
        let result = match &node.kind {
            Kind::Path(steps) => self.evaluate_path(node, steps, input, frame)?,
            Kind::Binary(op, lhs, rhs) => {
                self.evaluate_binary(node, *op, lhs, rhs, input, frame)?
            }
            Kind::Negate(expression) => self.evaluate_negate(node, expression, input, frame)?,
            Kind::Array(items) => self.evaluate_array(node, items, input, frame)?,
            Kind::Object(pairs) => {
                Some(self.evaluate_group(pairs, node.pos, input.cloned(), frame)?)
            }
            Kind::Name(name) => lookup(input, name),
            Kind::Wildcard => path::wildcard(input),
            Kind::Descendant => path::descendants(input),
            Kind::Condition(condition, then, otherwise) => {
                self.evaluate_condition(condition, then, otherwise.as_deref(), input, frame)?
            }
            Kind::Block(expressions) => self.evaluate_block(expressions, input, frame)?,
            Kind::Bind(name, rhs) => self.evaluate_bind(name, rhs, input, frame)?,
            Kind::Call { procedure, args } => {
                self.evaluate_call(node, procedure, args, input, frame, None)?
            }
            Kind::Partial { procedure, args } => {
                self.evaluate_partial(node, procedure, args, input, frame)?
            }
            Kind::Apply(lhs, rhs) => self.evaluate_apply(node, lhs, rhs, input, frame)?,
            Kind::Sort(_) => self.evaluate_sort_input(node, input, frame)?,
            _ => self.evaluate_leaf(node, input, frame)?,
        };
        self.finish(node, result, frame)
    }

    /// Nodes that do not recurse: literals, variables, functions and regexes.
    fn evaluate_leaf(&self, node: &Node, input: Option<&Value>, frame: FrameId) -> Res {
        Ok(match &node.kind {
            Kind::String(text) => Some(Value::string(&**text)),
            Kind::Number(number) => Some(Value::Number(*number)),
            Kind::Bool(flag) => Some(Value::Bool(*flag)),
            Kind::Null => Some(Value::Null),
            Kind::Parent(slot) => {
                let label = self
                    .labels
                    .get(*slot)
                    .cloned()
                    .unwrap_or_else(|| Arc::from("!"));
                self.lookup(frame, &label)?
            }
            Kind::Regex(matcher) => {
                Some(Value::Function(Rc::new(Function::Regex(matcher.clone()))))
            }
            Kind::Variable(name) if name.is_empty() => match input {
                Some(Value::Array(array)) if array.outer_wrapper => array.items.first().cloned(),
                other => other.cloned(),
            },
            Kind::Variable(name) => self
                .lookup(frame, name)
                .map_err(|error| error.at(node.pos))?,
            Kind::Lambda(def) => Some(Value::Function(Rc::new(Function::Lambda {
                def: def.clone(),
                frame,
                input: input.cloned(),
            }))),
            Kind::Transform(def) => Some(Value::Function(Rc::new(Function::Transform {
                def: def.clone(),
                frame,
            }))),
            _ => None,
        })
    }

    fn evaluate_condition(
        &self,
        condition: &Node,
        then: &Node,
        otherwise: Option<&Node>,
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let condition = self.evaluate(condition, input, frame)?;
        if crate::functions::boolean::truthy(condition.as_ref()) {
            self.evaluate(then, input, frame)
        } else if let Some(otherwise) = otherwise {
            self.evaluate(otherwise, input, frame)
        } else {
            Ok(None)
        }
    }

    fn evaluate_block(&self, expressions: &[Node], input: Option<&Value>, frame: FrameId) -> Res {
        let block_frame = self.new_frame(frame);
        let mut result = None;
        for expression in expressions {
            result = self.evaluate(expression, input, block_frame)?;
        }
        Ok(result)
    }

    fn evaluate_bind(
        &self,
        name: &Arc<str>,
        rhs: &Node,
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let value = self.evaluate(rhs, input, frame)?;
        self.bind(frame, name.clone(), value.clone());
        Ok(value)
    }

    /// A sort step outside a path: sorts the input itself.
    fn evaluate_sort_input(&self, node: &Node, input: Option<&Value>, frame: FrameId) -> Res {
        let items = input
            .map(|value| value.items().to_vec())
            .unwrap_or_default();
        Ok(Some(self.evaluate_sort(node, items, false, frame)?))
    }

    /// Predicates, grouping and sequence collapsing applied to every node's result.
    fn finish(&self, node: &Node, mut result: Option<Value>, frame: FrameId) -> Res {
        for predicate in &node.predicate {
            result = Some(self.evaluate_filter(predicate, result, frame)?);
        }
        if !matches!(node.kind, Kind::Path(_)) {
            if let Some(group) = &node.group {
                result = Some(self.evaluate_group(&group.pairs, group.pos, result, frame)?);
            }
        }
        if let Some(Value::Array(array)) = &mut result {
            if array.sequence && !array.tuple_stream {
                if node.keep_array && !array.keep_singleton {
                    Rc::make_mut(array).keep_singleton = true;
                }
                match array.items.len() {
                    0 => return Ok(None),
                    1 if !array.keep_singleton => return Ok(array.items.first().cloned()),
                    _ => {}
                }
            }
        }
        Ok(result)
    }

    pub(crate) fn new_frame(&self, parent: FrameId) -> FrameId {
        let mut frames = self.frames.borrow_mut();
        frames.push(Frame {
            parent: Some(parent),
            vars: Vec::new(),
        });
        frames.len() - 1
    }

    pub(crate) fn bind(&self, frame: FrameId, name: Arc<str>, value: Option<Value>) {
        if let Some(frame) = self.frames.borrow_mut().get_mut(frame) {
            frame.set(name, value);
        }
    }

    /// Looks a variable up through the scopes, then the environment's bindings and functions,
    /// then the built-in functions.
    ///
    /// # Errors
    ///
    /// `U1004` when the environment binds the name to a value nested too deeply to convert.
    pub(crate) fn lookup(&self, frame: FrameId, name: &str) -> Res {
        {
            let frames = self.frames.borrow();
            let mut current = Some(frame);
            while let Some(id) = current {
                let Some(scope) = frames.get(id) else { break };
                // A variable bound to undefined hides outer bindings of the same name.
                if let Some(value) = scope.get(name) {
                    return Ok(value.clone());
                }
                current = scope.parent;
            }
        }
        if let Some(value) = self.env.bindings.get(name) {
            // Converted once, then kept in the root frame.
            let converted = value::from_json(value)?;
            self.bind(ROOT, Arc::from(name), Some(converted.clone()));
            return Ok(Some(converted));
        }
        if let Some(function) = self.env.functions.get(name) {
            return Ok(Some(Value::Function(Rc::new(Function::Native {
                name: Rc::from(name),
                function: function.clone(),
            }))));
        }
        if self.env.hidden.iter().any(|hidden| hidden == name) {
            return Ok(None);
        }
        Ok(crate::functions::builtin(name)
            .map(|builtin| Value::Function(Rc::new(Function::Builtin(builtin)))))
    }

    /// A number in `0..1` from the environment's source, or from a per-evaluation generator.
    pub(crate) fn random(&self) -> f64 {
        if let Some(random) = &self.env.random {
            return random().clamp(0.0, 1.0 - f64::EPSILON);
        }
        // xorshift64*: good enough for `$random()` and `$shuffle()`, not for secrets.
        let mut state = self.rng_state.get();
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        self.rng_state.set(state);
        let bits = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
        #[expect(
            clippy::cast_precision_loss,
            reason = "53 random bits fit an f64 mantissa exactly"
        )]
        let fraction = bits as f64 / (1_u64 << 53) as f64;
        fraction
    }
}

/// Clears the sequence flags of a final result (they are internal).
fn strip_sequence(value: &Value) -> Value {
    match value {
        Value::Array(array) if array.outer_wrapper => {
            array.items.first().cloned().unwrap_or(Value::Null)
        }
        other => other.clone(),
    }
}

fn system_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

fn random_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish() | 1
}
