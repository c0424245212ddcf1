//! Function values: lambdas, built-ins, native functions, partial applications, regexes,
//! transforms and chains.

use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use super::frame::FrameId;
use crate::environment::NativeFunction;
use crate::functions::Builtin;
use crate::functions::regex::Matcher;
use crate::syntax::ast::{LambdaDef, TransformDef};
use crate::value::Value;

pub(crate) enum Function {
    Lambda {
        def: Arc<LambdaDef>,
        frame: FrameId,
        input: Option<Value>,
    },
    Builtin(&'static Builtin),
    Native {
        name: Rc<str>,
        function: NativeFunction,
    },
    /// Arguments fixed in advance; `None` marks a `?` placeholder.
    #[allow(
        clippy::option_option,
        reason = "placeholder versus a fixed (possibly undefined) argument"
    )]
    Partial {
        target: Value,
        args: Vec<Option<Option<Value>>>,
    },
    Regex(Arc<Matcher>),
    /// The `next` function of a regex match: searches again from byte offset `from`.
    RegexNext {
        matcher: Arc<Matcher>,
        text: Rc<str>,
        from: usize,
    },
    Transform {
        def: Arc<TransformDef>,
        frame: FrameId,
    },
    /// `f ~> g`: applies `f` then `g`.
    Chain {
        first: Value,
        second: Value,
    },
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Function::Lambda { def, .. } => write!(f, "lambda({} params)", def.params.len()),
            Function::Builtin(builtin) => write!(f, "${}", builtin.name),
            Function::Native { name, .. } => write!(f, "${name}"),
            Function::Partial { .. } => f.write_str("partial"),
            Function::Regex(matcher) | Function::RegexNext { matcher, .. } => {
                write!(f, "{matcher:?}")
            }
            Function::Transform { .. } => f.write_str("transform"),
            Function::Chain { .. } => f.write_str("chain"),
        }
    }
}

impl Function {
    /// How many arguments the function declares (higher-order functions pass that many).
    pub(crate) fn arity(&self) -> usize {
        match self {
            Function::Lambda { def, .. } => def.params.len(),
            Function::Builtin(builtin) => builtin.arity(),
            Function::Native { function, .. } => function.arity,
            Function::Partial { args, .. } => args.iter().filter(|arg| arg.is_none()).count(),
            Function::RegexNext { .. } => 0,
            Function::Regex(_) | Function::Transform { .. } | Function::Chain { .. } => 1,
        }
    }
}
