//! What an evaluation sees besides its input: variables, extra functions, the clock,
//! the source of randomness, and resource limits.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::EvaluationError;

/// The signature of a native function: receives the call, returns a value or `None` for
/// JSONata's `undefined`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_jsonata::{Environment, NativeFn, parse};
///
/// // A table of functions, registered together.
/// let cents: Box<NativeFn> = Box::new(|call| {
///     let amount = call.arg(0).and_then(serde_json::Value::as_f64);
///     Ok(amount.map(|amount| json!((amount * 100.0).round())))
/// });
/// let currency: Box<NativeFn> = Box::new(|_| Ok(Some(json!("EUR"))));
/// let functions = [("cents", "<n:n>", cents), ("currency", "<:s>", currency)];
/// let mut env = Environment::new();
/// for (name, signature, body) in functions {
///     env.register(name, Some(signature), body)?;
/// }
/// let result = parse("[$cents(12.5), $currency()]")?.evaluate(None, &env)?;
/// assert_eq!(result, Some(json!([1250, "EUR"])));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type NativeFn =
    dyn Fn(&NativeCall<'_>) -> Result<Option<serde_json::Value>, EvaluationError> + Send + Sync;

/// A function written in Rust and callable from expressions as `$name(...)`.
#[allow(
    unreachable_pub,
    reason = "crate-internal; its fields are read by the evaluator"
)]
#[derive(Clone)]
pub(crate) struct NativeFunction {
    pub(crate) signature: Option<crate::syntax::signature::Signature>,
    pub(crate) arity: usize,
    pub(crate) body: Arc<NativeFn>,
}

impl fmt::Debug for NativeFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NativeFunction")
            .field("arity", &self.arity)
            .finish_non_exhaustive()
    }
}

/// The arguments of a native function call and what it may draw on.
///
/// # Examples
///
/// ```
/// use serde_json::{Value, json};
/// use sfn_jsonata::{Environment, NativeCall, parse};
///
/// // `-` in the signature: without an argument, the function takes the context value.
/// let env = Environment::new().function("shout", Some("<s-:s>"), |call: &NativeCall<'_>| {
///     assert_eq!(call.args().len(), 1);
///     Ok(call.arg(0).and_then(Value::as_str).map(|text| json!(text.to_uppercase())))
/// })?;
/// let input = json!({"names": ["ann", "bob"]});
/// let result = parse("names.$shout()")?.evaluate(Some(&input), &env)?;
/// assert_eq!(result, Some(json!(["ANN", "BOB"])));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct NativeCall<'a> {
    pub(crate) args: &'a [Option<serde_json::Value>],
    pub(crate) context: Option<&'a serde_json::Value>,
    pub(crate) random: &'a dyn Fn() -> f64,
    pub(crate) now_millis: i64,
}

impl fmt::Debug for NativeCall<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NativeCall")
            .field("args", &self.args)
            .field("context", &self.context)
            .finish_non_exhaustive()
    }
}

impl NativeCall<'_> {
    /// All arguments, `None` where the argument was `undefined` or not given.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().function("count_given", None, |call| {
    ///     Ok(Some(json!(call.args().iter().filter(|arg| arg.is_some()).count())))
    /// })?;
    /// assert_eq!(parse("$count_given(1, nothing, 'x')")?.evaluate(Some(&json!({})), &env)?, Some(json!(2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn args(&self) -> &[Option<serde_json::Value>] {
        self.args
    }

    /// Argument `index` (0-based), `None` when undefined or absent.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().function("second", None, |call| Ok(call.arg(1).cloned()))?;
    /// assert_eq!(parse("$second('a', 'b')")?.evaluate(None, &env)?, Some(json!("b")));
    /// assert_eq!(parse("$second('a')")?.evaluate(None, &env)?, None); // absent: undefined
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn arg(&self, index: usize) -> Option<&serde_json::Value> {
        self.args.get(index).and_then(Option::as_ref)
    }

    /// The context value (`$`) at the call site.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().function("here", None, |call| Ok(call.context().cloned()))?;
    /// let input = json!({"order": {"id": 7}});
    /// assert_eq!(parse("order.$here()")?.evaluate(Some(&input), &env)?, Some(json!({"id": 7})));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn context(&self) -> Option<&serde_json::Value> {
        self.context
    }

    /// A number in `0 <= n < 1` from the environment's source of randomness.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new()
    ///     .random(|| 0.25)
    ///     .function("dice", None, |call| Ok(Some(json!((call.random() * 6.0).floor() + 1.0))))?;
    /// assert_eq!(parse("$dice()")?.evaluate(None, &env)?, Some(json!(2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn random(&self) -> f64 {
        (self.random)()
    }

    /// The evaluation's timestamp in milliseconds since the Unix epoch (what `$millis()` returns).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new()
    ///     .clock(|| 1_000)
    ///     .function("later", None, |call| Ok(Some(json!(call.now_millis() + 500))))?;
    /// assert_eq!(parse("$later()")?.evaluate(None, &env)?, Some(json!(1_500)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn now_millis(&self) -> i64 {
        self.now_millis
    }
}

/// Resource limits of one evaluation. Exceeding one is an [`EvaluationError`], never a crash.
///
/// # Examples
///
/// ```
/// use sfn_jsonata::{Environment, Limits, parse};
///
/// let env = Environment::new().limits(Limits::default().max_items(1_000).max_depth(100));
/// assert_eq!(env.current_limits().max_items, 1_000);
/// let error = parse("[1..5000]")?.evaluate(None, &env).unwrap_err();
/// assert_eq!(error.code(), "D2014");
/// // Recursion past `max_depth` is an error too, not a stack overflow.
/// let error = parse("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000))")?
///     .evaluate(None, &env)
///     .unwrap_err();
/// assert_eq!(error.code(), "U1001");
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Deepest nesting of evaluation (sub-expressions, non-tail function calls, and tail
    /// calls to a built-in such as `$map`, a chain or a partial application, which run
    /// their callbacks inside them). Code `U1001`.
    pub max_depth: usize,
    /// Bytes of stack evaluation may add below the thread's own stack, in segments of
    /// 4 MiB, when it nests deeply; beyond it evaluation stops with `U1001`. Nesting is
    /// bounded by `max_depth` in every build, whatever a level's frames cost.
    pub max_stack_bytes: usize,
    /// Evaluation steps (sub-expressions evaluated, items processed). Code `U1002`.
    pub max_steps: u64,
    /// Wall-clock time. Code `U1002`.
    pub timeout: Option<Duration>,
    /// Longest sequence, array or string an evaluation may build. Code `D2014`.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 1_000,
            max_stack_bytes: 64 << 20,
            max_steps: 50_000_000,
            timeout: None,
            max_items: 10_000_000,
        }
    }
}

impl Limits {
    /// Sets [`Limits::max_depth`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, Limits, parse};
    ///
    /// let env = Environment::new().limits(Limits::default().max_depth(10));
    /// let deep = "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(50))";
    /// assert_eq!(parse(deep)?.evaluate(None, &env).map_err(|error| error.code().to_owned()), Err("U1001".to_owned()));
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets [`Limits::max_stack_bytes`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::Limits;
    ///
    /// let limits = Limits::default().max_stack_bytes(8 << 20);
    /// assert_eq!(limits.max_stack_bytes, 8 << 20);
    /// assert_eq!(limits.max_depth, Limits::default().max_depth); // the others keep their defaults
    /// ```
    #[must_use]
    pub fn max_stack_bytes(mut self, bytes: usize) -> Self {
        self.max_stack_bytes = bytes;
        self
    }

    /// Sets [`Limits::max_steps`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, Limits, parse};
    ///
    /// let env = Environment::new().limits(Limits::default().max_steps(100));
    /// let error = parse("$sum([1..1000].($ * 2))")?.evaluate(None, &env).unwrap_err();
    /// assert_eq!(error.code(), "U1002");
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn max_steps(mut self, max_steps: u64) -> Self {
        self.max_steps = max_steps;
        self
    }

    /// Sets [`Limits::timeout`].
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use sfn_jsonata::{Environment, Limits, parse};
    ///
    /// let env = Environment::new().limits(Limits::default().timeout(Duration::ZERO).max_steps(u64::MAX));
    /// let error = parse("$sum([1..100000].($ * 2))")?.evaluate(None, &env).unwrap_err();
    /// assert_eq!(error.code(), "U1002");
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets [`Limits::max_items`].
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, Limits, parse};
    ///
    /// let env = Environment::new().limits(Limits::default().max_items(10));
    /// assert_eq!(parse("$count([1..10])")?.evaluate(None, &env)?, Some(json!(10)));
    /// assert_eq!(parse("[1..11]")?.evaluate(None, &env).unwrap_err().code(), "D2014");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = max_items;
        self
    }
}

/// Variables, native functions, clock, randomness and limits for evaluating expressions.
///
/// ```
/// use sfn_jsonata::{parse, Environment, EvaluationError};
/// use serde_json::json;
///
/// let env = Environment::new()
///     .bind("rate", json!(0.2))
///     .function("double", Some("<n:n>"), |call| {
///         let n = call.arg(0).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
///         Ok(Some(json!(n * 2.0)))
///     })?
///     .clock(|| 1_700_000_000_000);
/// let result = parse("$double(price) * (1 + $rate) & ' at ' & $now()")?
///     .evaluate(Some(&json!({"price": 10})), &env)?;
/// assert_eq!(result, Some(json!("24 at 2023-11-14T22:13:20.000Z")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Environment {
    pub(crate) bindings: BTreeMap<String, serde_json::Value>,
    pub(crate) functions: BTreeMap<String, NativeFunction>,
    pub(crate) hidden: Vec<String>,
    pub(crate) clock: Option<Arc<dyn Fn() -> i64 + Send + Sync>>,
    pub(crate) random: Option<Arc<dyn Fn() -> f64 + Send + Sync>>,
    pub(crate) limits: Limits,
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field("bindings", &self.bindings)
            .field("functions", &self.functions.keys().collect::<Vec<_>>())
            .field("hidden", &self.hidden)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Default for Environment {
    fn default() -> Self {
        Environment::new()
    }
}

impl Environment {
    /// An environment with no variables, the standard functions, the system clock,
    /// an unseeded random source and default [`Limits`].
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, Limits, parse};
    ///
    /// let env = Environment::new();
    /// assert_eq!(env.current_limits(), Limits::default());
    /// assert_eq!(parse("$uppercase('ok')")?.evaluate(None, &env)?, Some(json!("OK")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Environment {
            bindings: BTreeMap::new(),
            functions: BTreeMap::new(),
            hidden: Vec::new(),
            clock: None,
            random: None,
            limits: Limits::default(),
        }
    }

    /// Binds variable `$name` to `value`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().bind("tax", json!(0.5));
    /// assert_eq!(parse("price * (1 + $tax)")?.evaluate(Some(&json!({"price": 10})), &env)?, Some(json!(15)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn bind(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.bindings.insert(name.into(), value);
        self
    }

    /// Binds variable `$name` to `value` in place.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let mut env = Environment::new();
    /// env.set("greeting", json!("hi"));
    /// env.set("greeting", json!("hello")); // replaces
    /// assert_eq!(parse("$greeting")?.evaluate(None, &env)?, Some(json!("hello")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set(&mut self, name: impl Into<String>, value: serde_json::Value) {
        self.bindings.insert(name.into(), value);
    }

    /// Registers a native function `$name`; it replaces a built-in of the same name.
    ///
    /// `signature` uses JSONata's syntax (`<s-n?:s>`); arguments are checked against it
    /// (error `T0410`) before `body` runs, and `-` parameters take the context value.
    ///
    /// # Errors
    ///
    /// A [`SyntaxError`](crate::SyntaxError) when the signature does not parse.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().function("cents", Some("<n:n>"), |call| {
    ///     Ok(call.arg(0).and_then(serde_json::Value::as_f64).map(|euros| json!(euros * 100.0)))
    /// })?;
    /// assert_eq!(parse("$cents(1.5)")?.evaluate(None, &env)?, Some(json!(150)));
    /// assert_eq!(parse("$cents('x')")?.evaluate(None, &env).unwrap_err().code(), "T0410"); // the signature refuses it
    /// // Only arrays and functions take a type parameter.
    /// assert!(Environment::new().function("bad", Some("<s<n>:s>"), |_| Ok(None)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn function<F>(
        mut self,
        name: impl Into<String>,
        signature: Option<&str>,
        body: F,
    ) -> Result<Self, crate::SyntaxError>
    where
        F: Fn(&NativeCall<'_>) -> Result<Option<serde_json::Value>, EvaluationError>
            + Send
            + Sync
            + 'static,
    {
        self.register(name, signature, body)?;
        Ok(self)
    }

    /// Registers a native function in place; see [`Environment::function`].
    ///
    /// # Errors
    ///
    /// A [`SyntaxError`](crate::SyntaxError) when the signature does not parse.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let mut env = Environment::new();
    /// env.register("uppercase", Some("<s:s>"), |_| Ok(Some(json!("mine"))))?; // replaces the built-in
    /// assert_eq!(parse("$uppercase('a')")?.evaluate(None, &env)?, Some(json!("mine")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn register<F>(
        &mut self,
        name: impl Into<String>,
        signature: Option<&str>,
        body: F,
    ) -> Result<(), crate::SyntaxError>
    where
        F: Fn(&NativeCall<'_>) -> Result<Option<serde_json::Value>, EvaluationError>
            + Send
            + Sync
            + 'static,
    {
        let signature = signature
            .map(crate::syntax::signature::Signature::parse)
            .transpose()?;
        let arity = signature
            .as_ref()
            .map_or(1, crate::syntax::signature::Signature::arity);
        let name = name.into();
        self.hidden.retain(|hidden| *hidden != name);
        self.functions.insert(
            name,
            NativeFunction {
                signature,
                arity,
                body: Arc::new(body),
            },
        );
        Ok(())
    }

    /// Makes the built-in or native function `$name` unavailable (calling it fails with `T1006`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let mut env = Environment::new();
    /// env.remove_function("now");
    /// assert_eq!(parse("$now()")?.evaluate(None, &env).unwrap_err().code(), "T1006");
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    pub fn remove_function(&mut self, name: &str) {
        self.functions.remove(name);
        if !self.hidden.iter().any(|hidden| hidden == name) {
            self.hidden.push(name.to_string());
        }
    }

    /// Sets the clock behind `$now()` and `$millis()`: milliseconds since the Unix epoch.
    /// It is read once per evaluation.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().clock(|| 0);
    /// assert_eq!(parse("$now()")?.evaluate(None, &env)?, Some(json!("1970-01-01T00:00:00.000Z")));
    /// assert_eq!(parse("$millis()")?.evaluate(None, &env)?, Some(json!(0)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Sets the source of randomness behind `$random()` and `$shuffle()`: numbers in `0..1`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new().random(|| 0.5);
    /// assert_eq!(parse("$random()")?.evaluate(None, &env)?, Some(json!(0.5)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn random(mut self, random: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
        self.random = Some(Arc::new(random));
        self
    }

    /// Sets the resource limits.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, Limits, parse};
    ///
    /// let env = Environment::new().limits(Limits::default().max_items(3));
    /// assert_eq!(parse("[1..4]")?.evaluate(None, &env).map_err(|error| error.code().to_owned()), Err("D2014".to_owned()));
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The resource limits in force.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, Limits};
    ///
    /// let env = Environment::new().limits(Limits::default().max_steps(10));
    /// assert_eq!(env.current_limits().max_steps, 10);
    /// ```
    #[must_use]
    pub fn current_limits(&self) -> Limits {
        self.limits
    }
}
