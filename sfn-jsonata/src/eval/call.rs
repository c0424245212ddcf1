//! Function calls: lambdas (with tail calls trampolined), built-ins, native functions,
//! partial application, regex matchers, transforms and chains.

use std::rc::Rc;

use super::frame::FrameId;
use super::function::Function;
use super::{Evaluator, Res};
use crate::environment::NativeCall;
use crate::error::EvaluationError;
use crate::syntax::ast::{Kind, Node};
use crate::value::{Object, Value, from_json, to_json};

impl Evaluator<'_> {
    #[allow(
        clippy::option_option,
        reason = "`Some(None)` is an explicit undefined context for `~>`"
    )]
    pub(super) fn evaluate_call(
        &self,
        node: &Node,
        procedure: &Node,
        args: &[Node],
        input: Option<&Value>,
        frame: FrameId,
        apply_to: Option<Option<Value>>,
    ) -> Res {
        let function = self.evaluate(procedure, input, frame)?;
        let mut values = Vec::with_capacity(args.len() + 1);
        if let Some(context) = apply_to {
            values.push(context);
        }
        for arg in args {
            values.push(self.evaluate(arg, input, frame)?);
        }
        let Some(function) = function else {
            return Err(self
                .not_a_function(procedure, frame, "T1005", "T1006")
                .at(node.pos));
        };
        self.apply(&function, values, input)
            .map_err(|error| error.in_function(called_name(procedure)).at(node.pos))
    }

    fn not_a_function(
        &self,
        procedure: &Node,
        frame: FrameId,
        hint_code: &'static str,
        code: &'static str,
    ) -> EvaluationError {
        if let Kind::Path(steps) = &procedure.kind {
            if let Some(Kind::Name(name)) = steps.first().map(|step| &step.kind) {
                if matches!(self.lookup(frame, name), Ok(Some(_))) {
                    return EvaluationError::new(
                        hint_code,
                        format!("attempted to invoke a non-function; did you mean ${name}?"),
                    );
                }
            }
        }
        EvaluationError::new(code, "attempted to invoke a non-function")
    }

    pub(super) fn evaluate_partial(
        &self,
        node: &Node,
        procedure: &Node,
        args: &[Node],
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            if matches!(arg.kind, Kind::Placeholder) {
                values.push(None);
            } else {
                values.push(Some(self.evaluate(arg, input, frame)?));
            }
        }
        match self.evaluate(procedure, input, frame)? {
            Some(target @ Value::Function(_)) => {
                Ok(Some(Value::Function(Rc::new(Function::Partial {
                    target,
                    args: values,
                }))))
            }
            None if matches!(
                self.not_a_function(procedure, frame, "T1007", "T1008")
                    .code(),
                "T1007"
            ) =>
            {
                Err(self
                    .not_a_function(procedure, frame, "T1007", "T1008")
                    .at(node.pos))
            }
            _ => Err(
                EvaluationError::new("T1008", "attempted to partially apply a non-function")
                    .at(node.pos),
            ),
        }
    }

    /// Applies a function value to arguments; `context` is the call site's `$`.
    pub(crate) fn apply(
        &self,
        function: &Value,
        args: Vec<Option<Value>>,
        context: Option<&Value>,
    ) -> Res {
        let mut result = self.apply_inner(function, args, context)?;
        // Trampoline: a lambda whose body ends in a call returns that call as a thunk.
        #[allow(
            clippy::while_let_loop,
            reason = "several exits, one per shape that ends the trampoline"
        )]
        loop {
            let Some(Value::Function(thunk)) = &result else {
                break;
            };
            let Function::Lambda { def, frame, input } = &**thunk else {
                break;
            };
            if !def.thunk {
                break;
            }
            let Kind::Call { procedure, args } = &def.body.kind else {
                break;
            };
            self.tick(1)?;
            let next = self.evaluate(procedure, input.as_ref(), *frame)?;
            let mut values = Vec::with_capacity(args.len());
            for arg in args {
                values.push(self.evaluate(arg, input.as_ref(), *frame)?);
            }
            let Some(next) = next else {
                return Err(self
                    .not_a_function(procedure, *frame, "T1005", "T1006")
                    .at(def.body.pos));
            };
            result = self
                .apply_in_tail(next, values, context)
                .map_err(|error| error.in_function(called_name(procedure)).at(def.body.pos))?;
        }
        Ok(result)
    }

    /// Applies `function` in a tail call of the trampoline. A partial application of a
    /// lambda, and the last function of a chain, are applied here in turn, so that the
    /// trampoline goes on at the same depth (in jsonata-js both are lambdas whose body is
    /// the call); a lambda's body counts its depth as it is evaluated. Anything else (a
    /// built-in such as `$map` that may call back into a lambda) is nested: it does not go
    /// through `evaluate`, and recursing through it would otherwise grow the stack without
    /// limit.
    fn apply_in_tail(
        &self,
        mut function: Value,
        mut args: Vec<Option<Value>>,
        context: Option<&Value>,
    ) -> Res {
        loop {
            let Value::Function(inner) = &function else {
                return self.apply_inner(&function, args, context);
            };
            match &**inner {
                Function::Lambda { .. } => return self.apply_inner(&function, args, context),
                Function::Partial {
                    target: target @ Value::Function(callee),
                    args: fixed,
                } if !matches!(&**callee, Function::Builtin(_)) => {
                    let filled = fill_partial(fixed, args);
                    function = target.clone();
                    args = filled;
                }
                Function::Chain { first, second } => {
                    // The first function's call is no tail call.
                    let intermediate = self.nested(|| self.apply(first, args, context))?;
                    let second = second.clone();
                    function = second;
                    args = vec![intermediate];
                }
                _ => return self.nested(|| self.apply_inner(&function, args, context)),
            }
        }
    }

    fn apply_inner(
        &self,
        function: &Value,
        args: Vec<Option<Value>>,
        context: Option<&Value>,
    ) -> Res {
        let Value::Function(function) = function else {
            return Err(EvaluationError::new(
                "T1006",
                "attempted to invoke a non-function",
            ));
        };
        // An `undefined` array item handed to a function (`$map(groups, $exists(?))`) is an
        // undefined argument, whatever kind of function receives it; as a path step's
        // context (`groups.$string()`) it is no context.
        let args: Vec<Option<Value>> = args.into_iter().map(Value::defined).collect();
        let context = context.filter(|value| !matches!(value, Value::Undefined));
        match &**function {
            Function::Lambda { def, frame, input } => {
                self.apply_lambda(def, *frame, input.as_ref(), args, context)
            }
            Function::Builtin(builtin) => {
                let args = match builtin.signature() {
                    Some(signature) => signature.validate(&args, context)?,
                    None => args,
                };
                (builtin.implementation)(self, &args, context)
            }
            Function::Native { function, .. } => self.apply_native(function, args, context),
            Function::Partial {
                target,
                args: fixed,
            } => {
                let filled = fill_partial(fixed, args);
                // The reference implementation calls a partially applied built-in without
                // checking its signature; the built-ins treat unexpected types as undefined.
                if let Value::Function(inner) = target {
                    if let Function::Builtin(builtin) = &**inner {
                        return (builtin.implementation)(self, &filled, context);
                    }
                }
                self.apply(target, filled, context)
            }
            Function::Regex(matcher) => match args.first() {
                Some(Some(Value::String(text))) => Ok(regex_match(matcher, text, 0)),
                _ => Ok(None),
            },
            Function::RegexNext {
                matcher,
                text,
                from,
            } => Ok(regex_match(matcher, text, *from)),
            Function::Transform { def, frame } => {
                let args = match super::transform::signature() {
                    Some(signature) => signature.validate(&args, context)?,
                    None => args,
                };
                self.transform(def, *frame, args.into_iter().next().flatten())
            }
            Function::Chain { first, second } => {
                let intermediate = self.apply(first, args, context)?;
                self.apply(second, vec![intermediate], context)
            }
        }
    }

    fn apply_lambda(
        &self,
        def: &crate::syntax::ast::LambdaDef,
        frame: FrameId,
        input: Option<&Value>,
        args: Vec<Option<Value>>,
        context: Option<&Value>,
    ) -> Res {
        let args = match &def.signature {
            Some(signature) => signature.validate(&args, context)?,
            None => args,
        };
        let scope = self.new_frame(frame);
        for (index, param) in def.params.iter().enumerate() {
            self.bind(scope, param.clone(), args.get(index).cloned().flatten());
        }
        self.evaluate(&def.body, input, scope)
    }

    fn apply_native(
        &self,
        function: &crate::environment::NativeFunction,
        args: Vec<Option<Value>>,
        context: Option<&Value>,
    ) -> Res {
        let args = match &function.signature {
            Some(signature) => signature.validate(&args, context)?,
            None => args,
        };
        let json_args: Vec<Option<serde_json::Value>> = args
            .iter()
            .map(|arg| arg.as_ref().and_then(|value| to_json(value).ok()))
            .collect();
        let json_context = context.and_then(|value| to_json(value).ok());
        let random = || self.random();
        let call = NativeCall {
            args: &json_args,
            context: json_context.as_ref(),
            random: &random,
            now_millis: self.now_millis,
        };
        match (function.body)(&call)? {
            Some(value) => Ok(Some(from_json(&value)?)),
            None => Ok(None),
        }
    }
}

/// The object a regex matcher returns when called: `match`, `start`, `end`, `groups`, `next`.
fn regex_match(
    matcher: &std::sync::Arc<crate::functions::regex::Matcher>,
    text: &Rc<str>,
    from: usize,
) -> Option<Value> {
    let found = matcher.find_at(text, from)?;
    let mut object = Object::new();
    let matched_text = text.get(found.start..found.end).unwrap_or("");
    object.insert(Rc::from("match"), Value::string(matched_text));
    object.insert(Rc::from("start"), utf16_offset(text, found.start));
    object.insert(Rc::from("end"), utf16_offset(text, found.end));
    object.insert(
        Rc::from("groups"),
        crate::functions::pattern::groups_value(&found.groups),
    );
    let next_from = if found.end == found.start {
        found.end + next_char_len(text, found.end)
    } else {
        found.end
    };
    object.insert(
        Rc::from("next"),
        Value::Function(Rc::new(Function::RegexNext {
            matcher: matcher.clone(),
            text: text.clone(),
            from: next_from,
        })),
    );
    Some(Value::object(object))
}

/// The name a call site calls its function by, as JSONata reports it: `f` in `$f(1)` and in
/// `$o.f(1)`, `o` in `$o.f.g(1)`; none for a lambda written in place.
/// The arguments of a partial application: its fixed ones, with each `?` taken from
/// `args` in order.
#[allow(
    clippy::option_option,
    reason = "a partial's fixed arguments as it holds them: `None` is a `?`, `Some(None)` an undefined value"
)]
fn fill_partial(fixed: &[Option<Option<Value>>], args: Vec<Option<Value>>) -> Vec<Option<Value>> {
    let mut supplied = args.into_iter();
    fixed
        .iter()
        .map(|arg| match arg {
            Some(value) => value.clone(),
            None => supplied.next().flatten(),
        })
        .collect()
}

fn called_name(procedure: &Node) -> Option<&str> {
    match &procedure.kind {
        Kind::Variable(name) | Kind::Name(name) => Some(name),
        Kind::Path(steps) => steps.first().and_then(called_name),
        _ => None,
    }
}

fn next_char_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8)
}

/// A byte offset as JavaScript's UTF-16 string index.
/// UTF-16 offsets of byte positions in one text, asked for in increasing order (the
/// matches of a regex): each is counted on from the one before, so that a text with many
/// matches is read once, not once per match.
#[derive(Default)]
pub(crate) struct Utf16Offsets {
    byte: usize,
    units: usize,
}

impl Utf16Offsets {
    /// The UTF-16 offset of `byte` in `text` (counted from the start when `byte` is before
    /// the position asked for last).
    pub(crate) fn at(&mut self, text: &str, byte: usize) -> Value {
        if byte < self.byte {
            *self = Self::default();
        }
        let counted = text
            .get(self.byte..byte)
            .map_or(0, |part| part.encode_utf16().count());
        self.byte = byte;
        self.units += counted;
        #[expect(
            clippy::cast_precision_loss,
            reason = "string offsets are far below 2^52"
        )]
        Value::Number(self.units as f64)
    }
}

pub(crate) fn utf16_offset(text: &str, byte: usize) -> Value {
    let units = text
        .get(..byte)
        .map_or(0, |prefix| prefix.encode_utf16().count());
    #[expect(
        clippy::cast_precision_loss,
        reason = "string offsets are far below 2^52"
    )]
    Value::Number(units as f64)
}

#[cfg(test)]
mod offsets_tests {
    use super::{Utf16Offsets, utf16_offset};
    use crate::value::Value;

    /// Counted on from the last position, or again from the start for an earlier one,
    /// each offset is the one counted from the start.
    #[test]
    fn offsets_counted_on_are_offsets_from_the_start() {
        let text = "a😀bé😀c";
        let mut offsets = Utf16Offsets::default();
        let positions: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
        for &byte in positions.iter().chain(positions.iter().rev()) {
            let (Value::Number(counted), Value::Number(from_start)) =
                (offsets.at(text, byte), utf16_offset(text, byte))
            else {
                panic!("numbers")
            };
            assert!(counted.to_bits() == from_start.to_bits(), "at byte {byte}");
        }
    }
}
