//! A parsed expression and its evaluation.

use std::fmt;
use std::sync::Arc;

use crate::environment::Environment;
use crate::error::{EvaluationError, SyntaxError};
use crate::eval::Evaluator;
use crate::kinds::{Kinds, TypeMismatch};
use crate::syntax::ast::Node;
use crate::value::{from_json, to_json};

/// A parsed JSONata expression, ready to evaluate any number of times.
///
/// ```
/// use serde_json::json;
///
/// let expression = sfn_jsonata::parse("$sum(orders.(price * quantity))")?;
/// let input = json!({"orders": [{"price": 2, "quantity": 3}, {"price": 5, "quantity": 1}]});
/// let total = expression.evaluate(Some(&input), &sfn_jsonata::Environment::new())?;
/// assert_eq!(total, Some(json!(11)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Expression {
    source: String,
    root: Node,
    labels: Vec<Arc<str>>,
}

impl fmt::Debug for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expression")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// Parses a JSONata 2.0 expression (the dialect AWS Step Functions runs: no `?:` or `??`).
///
/// # Errors
///
/// A [`SyntaxError`] with the JSONata error code and the byte offset of the problem.
///
/// ```
/// assert!(sfn_jsonata::parse("$states.input.items[price > 10]").is_ok());
/// let error = sfn_jsonata::parse("$states.input.items[").unwrap_err();
/// assert_eq!((error.code, error.offset), ("S0203", 20));
/// ```
pub fn parse(text: &str) -> Result<Expression, SyntaxError> {
    let (root, labels) = crate::syntax::parse(text)?;
    Ok(Expression {
        source: text.to_string(),
        root,
        labels,
    })
}

impl Expression {
    /// The text the expression was parsed from.
    ///
    /// # Examples
    ///
    /// ```
    /// let expression = sfn_jsonata::parse("$sum(items.price)")?;
    /// assert_eq!(expression.source(), "$sum(items.price)");
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every value the expression reads without computing it: variables it does not bind
    /// itself, functions it calls, the context value `$`, the root `$$`, and field names at
    /// the start of a path, each with its byte offset and whether the context value there is
    /// the expression's input or an item selected inside the expression. Static checkers use
    /// it (the ASL validator rejects `$` and field names read from the input, which Step
    /// Functions does not provide); evaluation does not.
    ///
    /// ```
    /// use sfn_jsonata::{parse, Focus, Target};
    ///
    /// let expression = parse("$x.($ * 2) + total")?;
    /// let found: Vec<_> = expression
    ///     .references()
    ///     .into_iter()
    ///     .map(|reference| (reference.target, reference.focus))
    ///     .collect();
    /// assert_eq!(
    ///     found,
    ///     [
    ///         (Target::Variable("x"), Focus::Input),
    ///         (Target::Context, Focus::Item),
    ///         (Target::Field("total"), Focus::Input),
    ///     ]
    /// );
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn references(&self) -> Vec<crate::Reference<'_>> {
        crate::references::references(&self.root)
    }

    /// Every variable the expression binds with `:=`, with the offset of the operator.
    ///
    /// # Examples
    ///
    /// ```
    /// let expression = sfn_jsonata::parse("($a := 1; $b := $a + 1; $f := function($x) { $x })")?;
    /// let names: Vec<_> = expression.bindings().iter().map(|binding| binding.name).collect();
    /// assert_eq!(names, ["a", "b", "f"]); // parameters such as `$x` are not bound with `:=`
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn bindings(&self) -> Vec<crate::Binding<'_>> {
        crate::references::bindings(&self.root)
    }

    /// The kinds of value the expression can yield, as far as its text shows: a literal,
    /// an operator, a call of a built-in, or a condition or block ending in one of those.
    /// Anything that depends on data (paths, variables, functions the expression defines)
    /// may be of any kind, so a check built on this never rejects an expression that can
    /// succeed.
    ///
    /// ```
    /// use sfn_jsonata::{parse, Kinds};
    ///
    /// let label = parse("'Order ' & $states.input.id")?;
    /// assert_eq!(label.result_kinds(), Kinds::STRING);
    /// let seconds = parse("$states.input.ready ? 0 : $count($states.input.items) * 10")?;
    /// assert_eq!(seconds.result_kinds(), Kinds::NUMBER | Kinds::UNDEFINED);
    /// assert_eq!(parse("$states.input.delay")?.result_kinds(), Kinds::ANY);
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn result_kinds(&self) -> Kinds {
        crate::kinds::result_kinds(&self.root)
    }

    /// The operators that fail whenever they are evaluated, whatever the input, because an
    /// operand can only be of a kind the operator refuses (`'a' + 1`, `1 < 'b'`,
    /// `$count(x) > '3'`), and the calls of JSONata built-ins whose signature refuses the
    /// arguments whatever their values (`$substring($s, '1')`, `$sum('a')`), with the error
    /// code evaluation raises. Calls of `$random` and the other functions
    /// [`step_functions::install`](crate::step_functions::install) defines are checked
    /// against their Step Functions signatures (`$random` takes a seed there).
    ///
    /// ```
    /// let expression = sfn_jsonata::parse("$states.input.total > '100'")?;
    /// assert!(expression.type_mismatches().is_empty()); // the total may be a string
    /// let expression = sfn_jsonata::parse("$count($states.input.items) > '100'")?;
    /// let errors = expression.type_mismatches();
    /// assert_eq!((errors[0].code, errors[0].offset), ("T2009", 28));
    /// let expression = sfn_jsonata::parse("$substring($states.input.name, '1')")?;
    /// let errors = expression.type_mismatches();
    /// assert_eq!((errors[0].code, errors[0].function), ("T0410", Some("substring")));
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn type_mismatches(&self) -> Vec<TypeMismatch> {
        crate::kinds::type_mismatches(&self.root)
    }

    /// Evaluates the expression against `input` (`None` means no input at all).
    ///
    /// Returns `Ok(None)` when the result is JSONata's `undefined`. Numbers that are not
    /// finite become `null`, as JavaScript's `JSON.stringify` prints them.
    ///
    /// # Errors
    ///
    /// An [`EvaluationError`] with the JSONata code: type errors (`T....`), dynamic errors
    /// (`D....`), exceeded [`Limits`](crate::Limits) (`U1001` depth, `U1002` steps or time,
    /// `D2014` size), and `T0500` when the result is a function, which has no JSON form.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let env = Environment::new();
    /// let total = parse("$sum(items.price)")?;
    /// assert_eq!(total.evaluate(Some(&json!({"items": [{"price": 2}, {"price": 3}]})), &env)?, Some(json!(5)));
    /// assert_eq!(parse("missing")?.evaluate(Some(&json!({})), &env)?, None); // undefined
    /// assert_eq!(parse("function($x) { $x }")?.evaluate(None, &env).unwrap_err().code(), "T0500");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(
        &self,
        input: Option<&serde_json::Value>,
        env: &Environment,
    ) -> Result<Option<serde_json::Value>, EvaluationError> {
        let input = input.map(from_json).transpose()?;
        let evaluator = Evaluator::new(env, &self.labels);
        match evaluator.run(&self.root, input)? {
            Some(value) => Ok(Some(to_json(&value)?)),
            None => Ok(None),
        }
    }
}
