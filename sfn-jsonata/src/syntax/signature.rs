//! Function signatures (`<n-n?:s>`): parsing and argument validation.

use crate::error::{EvaluationError, SyntaxError};
use crate::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quantifier {
    One,
    Optional,
    OptionalLazy,
    OneOrMore,
}

#[derive(Clone, Debug)]
struct Param {
    /// Type symbols this parameter accepts (`m` = missing).
    accepts: Symbols,
    /// The declared type symbol (`a`, `s`, `(sn)` ...).
    kind: String,
    subtype: Option<String>,
    /// `-`: take the context value when the argument is missing.
    context: bool,
    quantifier: Quantifier,
}

/// A parsed signature.
#[derive(Clone, Debug)]
pub(crate) struct Signature {
    params: Vec<Param>,
}

impl Signature {
    /// Parses a signature such as `<a<n>s?:n>`. Offsets in errors are relative to `text`.
    pub(crate) fn parse(text: &str) -> Result<Self, SyntaxError> {
        let chars: Vec<char> = text.chars().collect();
        let mut params: Vec<Param> = Vec::new();
        let mut position = 1;
        while let Some(&symbol) = chars.get(position) {
            if symbol == ':' {
                break;
            }
            match symbol {
                's' | 'n' | 'b' | 'l' | 'o' => params.push(param(&format!("{symbol}m"), symbol)),
                'a' => params.push(param("asnblfom", 'a')),
                'f' => params.push(param("f", 'f')),
                'j' => params.push(param("asnblom", 'j')),
                'x' => params.push(param("asnblfom", 'x')),
                '-' => {
                    if let Some(last) = params.last_mut() {
                        last.context = true;
                        last.quantifier = Quantifier::Optional;
                    }
                }
                '?' => {
                    if let Some(last) = params.last_mut() {
                        last.quantifier = if last.quantifier == Quantifier::Optional {
                            Quantifier::OptionalLazy
                        } else {
                            Quantifier::Optional
                        };
                    }
                }
                '+' => {
                    if let Some(last) = params.last_mut() {
                        last.quantifier = Quantifier::OneOrMore;
                    }
                }
                '(' => {
                    let end = closing(&chars, position, '(', ')');
                    let choice: String =
                        chars.get(position + 1..end).unwrap_or(&[]).iter().collect();
                    if choice.contains('<') {
                        return Err(SyntaxError::new(
                            "S0402",
                            position,
                            format!(
                                "choice groups containing parameterized types are not supported: {choice}"
                            ),
                        ));
                    }
                    let mut p = param(&format!("{choice}m"), '(');
                    p.kind = format!("({choice})");
                    params.push(p);
                    position = end;
                }
                '<' => {
                    let Some(last) = params.last_mut().filter(|p| p.kind == "a" || p.kind == "f")
                    else {
                        return Err(SyntaxError::new(
                            "S0401",
                            position,
                            "type parameters can only be applied to functions and arrays",
                        ));
                    };
                    let end = closing(&chars, position, '<', '>');
                    last.subtype =
                        Some(chars.get(position + 1..end).unwrap_or(&[]).iter().collect());
                    position = end;
                }
                _ => {}
            }
            position += 1;
        }
        Ok(Signature { params })
    }

    /// Number of declared parameters (the arity used by higher-order functions).
    pub(crate) fn arity(&self) -> usize {
        self.params.len()
    }

    /// Checks `args` against the signature, filling in the context for `-` parameters and
    /// wrapping single values for array parameters.
    pub(crate) fn validate(
        &self,
        args: &[Option<Value>],
        context: Option<&Value>,
    ) -> Result<Vec<Option<Value>>, EvaluationError> {
        let symbols: Vec<char> = args
            .iter()
            .map(|arg| arg.as_ref().map_or('m', Value::type_symbol))
            .collect();
        let mut counts = Vec::with_capacity(self.params.len());
        if !self.matches(usize::MAX, &symbols, 0, 0, &mut counts) {
            return Err(self.mismatch(args, &symbols));
        }
        let mut validated = Vec::with_capacity(args.len().max(self.params.len()));
        let mut arg_index = 0;
        for (param, &count) in self.params.iter().zip(&counts) {
            if count == 0 {
                if param.context {
                    let symbol = context.map_or('m', Value::type_symbol);
                    if !param.accepts.contains(symbol) {
                        return Err(EvaluationError::new(
                            "T0411",
                            format!(
                                "context value is not a compatible type with argument {}",
                                arg_index + 1
                            ),
                        ));
                    }
                    validated.push(context.cloned());
                } else {
                    validated.push(defined(args, arg_index));
                    arg_index += 1;
                }
                continue;
            }
            for _ in 0..count {
                let arg = defined(args, arg_index);
                if param.kind == "a" {
                    validated.push(match arg {
                        None => None,
                        Some(value) => Some(check_array(param, value, arg_index)?),
                    });
                } else {
                    validated.push(arg);
                }
                arg_index += 1;
            }
        }
        Ok(validated)
    }

    /// Backtracking match of argument symbols against the first `limit` parameters,
    /// recording how many arguments each parameter took.
    fn matches(
        &self,
        limit: usize,
        symbols: &[char],
        param_index: usize,
        at: usize,
        counts: &mut Vec<usize>,
    ) -> bool {
        let Some(param) = self.params.get(param_index).filter(|_| param_index < limit) else {
            return at == symbols.len();
        };
        let available = symbols.get(at..).unwrap_or(&[]);
        let run = available
            .iter()
            .take_while(|symbol| param.accepts.contains(**symbol))
            .count();
        let options: Vec<usize> = match param.quantifier {
            Quantifier::One => vec![1],
            Quantifier::Optional => vec![1, 0],
            Quantifier::OptionalLazy => vec![0, 1],
            Quantifier::OneOrMore => (1..=run).rev().collect(),
        };
        for count in options {
            if count > run {
                continue;
            }
            counts.push(count);
            if self.matches(limit, symbols, param_index + 1, at + count, counts) {
                return true;
            }
            counts.pop();
        }
        false
    }

    /// The index of the first argument the parameters cannot take: how far they match a
    /// prefix of the arguments.
    fn first_mismatch(&self, symbols: &[char]) -> usize {
        let mut good_to = 0;
        for limit in 1..=self.params.len() {
            let best = (good_to..=symbols.len()).rev().find(|&end| {
                self.matches(
                    limit,
                    symbols.get(..end).unwrap_or(&[]),
                    0,
                    0,
                    &mut Vec::new(),
                )
            });
            match best {
                Some(end) => good_to = end,
                None => break,
            }
        }
        good_to
    }

    fn mismatch(&self, args: &[Option<Value>], symbols: &[char]) -> EvaluationError {
        let good_to = self.first_mismatch(symbols);
        let described = args
            .get(good_to)
            .cloned()
            .flatten()
            .map_or_else(|| "undefined".to_string(), |v| describe(&v));
        EvaluationError::naming_function(
            "T0410",
            &format!("argument {} of function", good_to + 1),
            &format!(" does not match function signature (got {described})"),
        )
    }

    /// `symbols` without those the signature cannot tell apart from an earlier one: taken
    /// by the same parameters, and alike for their item types. Checking one symbol of each
    /// kind gives the same results as checking them all.
    pub(crate) fn distinct_symbols(&self, symbols: &[char]) -> Vec<char> {
        // Two bits a parameter: whether it takes the symbol, and whether it refuses it as
        // an item type. Signatures longer than 64 bits hold are not merged.
        if self.params.len() > 32 {
            return symbols.to_vec();
        }
        let class = |symbol: char| -> u64 {
            self.params
                .iter()
                .enumerate()
                .fold(0, |key, (index, param)| {
                    let refused_item = param.kind == "a"
                        && !matches!(symbol, 'a' | 'm')
                        && param
                            .subtype
                            .as_deref()
                            .is_some_and(|subtype| !subtype.starts_with(symbol));
                    let bits =
                        u64::from(param.accepts.contains(symbol)) | (u64::from(refused_item) << 1);
                    key | (bits << (2 * index))
                })
        };
        let mut seen = Vec::with_capacity(symbols.len());
        let mut distinct = Vec::with_capacity(symbols.len());
        for &symbol in symbols {
            let key = class(symbol);
            if !seen.contains(&key) {
                seen.push(key);
                distinct.push(symbol);
            }
        }
        distinct
    }

    /// How a call whose arguments have the type symbols `symbols` (`m` for undefined)
    /// fails whatever their values: the error code [`validate`](Self::validate) raises
    /// and the index of the argument it is about. `None` when the call can pass, or when
    /// the context value, which the call's text does not show, takes a parameter.
    #[cfg(test)]
    pub(crate) fn static_failure(&self, symbols: &[char]) -> Option<(&'static str, usize)> {
        self.static_failure_with(symbols, |_, _| false)
    }

    /// [`static_failure`](Self::static_failure), where `refuses_items(index, item_type)`
    /// says whether argument `index`, an array, surely holds an item that is not of the
    /// type symbol `item_type` (an array parameter with an item type refuses it).
    pub(crate) fn static_failure_with(
        &self,
        symbols: &[char],
        refuses_items: impl Fn(usize, char) -> bool,
    ) -> Option<(&'static str, usize)> {
        let mut counts = Vec::with_capacity(self.params.len());
        if !self.matches(usize::MAX, symbols, 0, 0, &mut counts) {
            return Some(("T0410", self.first_mismatch(symbols)));
        }
        let mut at = 0;
        for (param, &count) in self.params.iter().zip(&counts) {
            if count == 0 && param.context {
                return None;
            }
            for _ in 0..count {
                let symbol = symbols.get(at).copied().unwrap_or('m');
                // An array parameter with an item type refuses a single value of another
                // type, and an array holding one.
                let expected = param
                    .subtype
                    .as_deref()
                    .filter(|_| param.kind == "a")
                    .map(|subtype| subtype.chars().next().unwrap_or('x'));
                if let Some(expected) = expected {
                    let refused = match symbol {
                        'm' => false,
                        'a' => refuses_items(at, expected),
                        other => other != expected,
                    };
                    if refused {
                        return Some(("T0412", at));
                    }
                }
                at += 1;
            }
        }
        None
    }
}

/// Argument `index`; an `undefined` array item handed over by a higher-order function
/// (`$map(groups, $string)`) is undefined, as its type symbol `m` says.
fn defined(args: &[Option<Value>], index: usize) -> Option<Value> {
    Value::defined(args.get(index).cloned().flatten())
}

fn check_array(param: &Param, value: Value, index: usize) -> Result<Value, EvaluationError> {
    if let Some(subtype) = &param.subtype {
        let expected = subtype.chars().next().unwrap_or('x');
        let ok = match &value {
            Value::Array(array) => array
                .items
                .iter()
                .all(|item| item.type_symbol() == expected),
            other => other.type_symbol() == expected,
        };
        if !ok {
            return Err(EvaluationError::naming_function(
                "T0412",
                &format!("argument {} of function", index + 1),
                &format!(" must be an array of \"{}\"", type_name(expected)),
            ));
        }
    }
    Ok(match value {
        Value::Array(_) => value,
        other => Value::array(vec![other]),
    })
}

fn type_name(symbol: char) -> &'static str {
    match symbol {
        'a' => "arrays",
        'b' => "booleans",
        'f' => "functions",
        'n' => "numbers",
        'o' => "objects",
        's' => "strings",
        _ => "values",
    }
}

fn describe(value: &Value) -> String {
    crate::value::json::stringify(value, false).unwrap_or_default()
}

/// A set of the type symbols values have (`asnblfo`, and `m` for missing), as a bit each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Symbols(u8);

impl Symbols {
    const ALPHABET: [char; 8] = ['a', 's', 'n', 'b', 'l', 'f', 'o', 'm'];

    /// The symbols of `text`; other characters stand for no value, so they add nothing.
    fn of(text: &str) -> Self {
        Symbols(text.chars().map(Self::bit).fold(0, |set, bit| set | bit))
    }

    fn bit(symbol: char) -> u8 {
        Self::ALPHABET
            .iter()
            .position(|&known| known == symbol)
            .map_or(0, |index| 1 << index)
    }

    fn contains(self, symbol: char) -> bool {
        self.0 & Self::bit(symbol) != 0
    }
}

fn param(accepts: &str, kind: char) -> Param {
    Param {
        accepts: Symbols::of(accepts),
        kind: kind.to_string(),
        subtype: None,
        context: false,
        quantifier: Quantifier::One,
    }
}

fn closing(chars: &[char], start: usize, open: char, close: char) -> usize {
    let mut depth = 1;
    let mut position = start;
    while position < chars.len() {
        position += 1;
        match chars.get(position) {
            Some(&c) if c == close => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Some(&c) if c == open => depth += 1,
            _ => {}
        }
    }
    position
}

#[cfg(test)]
mod tests {
    use super::Signature;

    const ALL: [char; 8] = ['m', 'a', 'n', 's', 'b', 'l', 'o', 'f'];

    /// Every built-in's signature (Step Functions' too), and every call of up to three
    /// arguments: a symbol and the one `distinct_symbols` keeps in its place fail (or not)
    /// alike.
    #[test]
    fn distinct_symbols_stand_for_the_symbols_they_replace() {
        let jsonata = crate::functions::names()
            .filter_map(|name| crate::functions::builtin(name).and_then(|b| b.signature()))
            .map(|signature| ("JSONata", signature));
        let step_functions = crate::step_functions::names()
            .filter_map(crate::step_functions::signature)
            .map(|(_, signature, _)| ("Step Functions", signature));
        for (name, signature) in jsonata.chain(step_functions) {
            let kept = signature.distinct_symbols(&ALL);
            let representative = |symbol: char| {
                kept.iter()
                    .copied()
                    .find(|&candidate| signature.distinct_symbols(&[candidate, symbol]).len() == 1)
                    .expect("every symbol has a representative")
            };
            for count in 0..=3_u32 {
                for mut index in 0..ALL.len().pow(count) {
                    let mut call = Vec::new();
                    for _ in 0..count {
                        call.extend(ALL.get(index % ALL.len()));
                        index /= ALL.len();
                    }
                    let replaced: Vec<char> = call.iter().map(|&s| representative(s)).collect();
                    assert_eq!(
                        signature.static_failure(&call),
                        signature.static_failure(&replaced),
                        "a {name} signature with {call:?} against {replaced:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn static_failures_name_the_code_and_the_argument() {
        let signature = Signature::parse("<s-nn?:s>").expect("parses");
        assert_eq!(signature.static_failure(&['s', 'n']), None);
        // The context value takes the string: it is not known.
        assert_eq!(signature.static_failure(&['n', 'n']), None);
        assert_eq!(signature.static_failure(&['s', 's']), Some(("T0410", 1)));
        assert_eq!(
            signature.static_failure(&['s', 'n', 'n', 'n']),
            Some(("T0410", 3))
        );
        let sum = Signature::parse("<a<n>:n>").expect("parses");
        assert_eq!(sum.static_failure(&['n']), None);
        assert_eq!(sum.static_failure(&['a']), None);
        assert_eq!(sum.static_failure(&['s']), Some(("T0412", 0)));
    }
}
