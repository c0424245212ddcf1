//! Rust method calls -> JSONata functions.

use super::super::js::{BinOp, Func, Hole, Js, SwitchOn};
use super::translate::{METHODS, Tx, subscript};
use super::{Hint, Lowerer};
use crate::ctxt::did_you_mean;

impl Lowerer<'_> {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per supported method reads best as a table"
    )]
    pub(super) fn method(&mut self, call: &syn::ExprMethodCall) -> Tx {
        let method = call.method.to_string();
        let receiver = self.translate_inner(&call.receiver);
        if receiver.poisoned {
            return receiver;
        }
        let args: Vec<Js> = call
            .args
            .iter()
            .map(|arg| self.translate_inner(arg).js)
            .collect();
        let subject = receiver.js.clone();
        let call1 = |name: &'static str, subject: Js| Js::Call(Func::Named(name), vec![subject]);
        let string_or_list = |lowerer: &mut Self, string: Js, list: Js| -> Js {
            match (&receiver.hint, &receiver.typed) {
                (Hint::String, _) => string,
                (Hint::List, _) => list,
                (
                    Hint::Unknown | Hint::TaskError | Hint::Optional | Hint::Scalar,
                    Some((_, path)),
                ) => Js::Switch {
                    on: SwitchOn::String,
                    typed: Hole::new(path.clone()),
                    string: Box::new(string),
                    other: Box::new(list),
                },
                (Hint::Unknown | Hint::TaskError | Hint::Optional | Hint::Scalar, None) => {
                    lowerer.ctxt.error_spanned_by(&call.receiver, format!("`.{}()` works on strings and lists, and the macro cannot tell which this is: give it a type (`let x: Vec<T> = …;`)", call.method));
                    Js::Null
                }
            }
        };
        let arity = |lowerer: &Self, expected: usize| -> bool {
            if args.len() == expected {
                true
            } else {
                lowerer.ctxt.error_spanned_by(
                    &call.method,
                    format!("`.{method}` takes {expected} argument(s) in a workflow"),
                );
                false
            }
        };
        let js = match method.as_str() {
            "clone" | "to_owned" | "as_str" | "as_ref" | "into" | "iter" | "into_iter"
            | "copied" | "cloned"
                if args.is_empty() =>
            {
                return receiver;
            }
            // The shadow body rejects `.len()` on strings (bytes in Rust, characters in
            // JSONata); `.chars().count()` counts characters in both.
            "len" if arity(self, 0) => {
                let count = count_entries(&receiver, subject.clone());
                string_or_list(self, call1("$length", subject), count)
            }
            "is_empty" if arity(self, 0) => {
                let count = count_entries(&receiver, subject.clone());
                let length = string_or_list(self, call1("$length", subject), count);
                Js::binary(BinOp::Eq, length, Js::Num("0".to_owned()))
            }
            "chars" if arity(self, 0) => return Tx::string(subject),
            "contains" if arity(self, 1) => {
                let needle = args[0].clone();
                let in_string = Js::Call(
                    Func::Named("$contains"),
                    vec![subject.clone(), needle.clone()],
                );
                let in_list = Js::binary(BinOp::In, needle, subject);
                string_or_list(self, in_string, in_list)
            }
            "starts_with" if arity(self, 1) => {
                let prefix = args[0].clone();
                let head = Js::Call(
                    Func::Named("$substring"),
                    vec![
                        subject,
                        Js::Num("0".to_owned()),
                        call1("$length", prefix.clone()),
                    ],
                );
                Js::binary(BinOp::Eq, head, prefix)
            }
            // From the length difference, not `-$length(suffix)`: `-0` would take the whole
            // string, and every string ends with "".
            "ends_with" if arity(self, 1) => {
                let suffix = args[0].clone();
                let start = Js::binary(
                    BinOp::Sub,
                    call1("$length", subject.clone()),
                    call1("$length", suffix.clone()),
                );
                let tail = Js::Call(Func::Named("$substring"), vec![subject, start]);
                Js::binary(BinOp::Eq, tail, suffix)
            }
            "to_uppercase" if arity(self, 0) => return Tx::string(call1("$uppercase", subject)),
            "to_lowercase" if arity(self, 0) => return Tx::string(call1("$lowercase", subject)),
            // `$trim` also collapses the whitespace inside; Rust's `trim` keeps it.
            "trim" if arity(self, 0) => {
                return Tx::string(Js::Call(
                    Func::Named("$replace"),
                    vec![subject, Js::Regex(r"^\s+|\s+$"), Js::Str(String::new())],
                ));
            }
            "to_string" if arity(self, 0) => {
                if receiver.hint == Hint::String {
                    return receiver;
                }
                return Tx::string(call1("$string", subject));
            }
            "abs" if arity(self, 0) => call1("$abs", subject),
            "floor" if arity(self, 0) => call1("$floor", subject),
            "ceil" if arity(self, 0) => call1("$ceil", subject),
            // Rust rounds half-way values away from zero, JSONata's `$round` to even.
            "round" if arity(self, 0) => {
                let fraction = call1("$abs", Js::binary(BinOp::Rem, subject.clone(), one()));
                let away = Js::Cond(
                    Box::new(Js::binary(BinOp::Gt, subject.clone(), zero())),
                    Box::new(call1("$ceil", subject.clone())),
                    Box::new(call1("$floor", subject.clone())),
                );
                Js::Cond(
                    Box::new(Js::binary(BinOp::Eq, fraction, Js::Num("0.5".to_owned()))),
                    Box::new(away),
                    Box::new(call1("$round", subject)),
                )
            }
            "round_ties_even" if arity(self, 0) => call1("$round", subject),
            // `x % 1` is exact, so this is `x` without its fraction, as Rust truncates.
            "trunc" if arity(self, 0) => Js::binary(
                BinOp::Sub,
                subject.clone(),
                Js::binary(BinOp::Rem, subject, one()),
            ),
            // The Euclidean quotient: rounded down for a positive divisor, up otherwise.
            "div_euclid" if arity(self, 1) => {
                let divisor = args[0].clone();
                let quotient = Js::binary(BinOp::Div, subject, divisor.clone());
                let positive = match &divisor {
                    Js::Num(text) => text.parse::<f64>().ok().map(|value| value > 0.0),
                    _ => None,
                };
                match positive {
                    Some(true) => call1("$floor", quotient),
                    Some(false) => call1("$ceil", quotient),
                    None => Js::Cond(
                        Box::new(Js::binary(BinOp::Gt, divisor, zero())),
                        Box::new(call1("$floor", quotient.clone())),
                        Box::new(call1("$ceil", quotient)),
                    ),
                }
            }
            "sqrt" if arity(self, 0) => call1("$sqrt", subject),
            "pow" | "powi" | "powf" if arity(self, 1) => {
                Js::Call(Func::Named("$power"), vec![subject, args[0].clone()])
            }
            "min" | "max" => {
                let function = if method == "min" { "$min" } else { "$max" };
                match args.as_slice() {
                    // `iter().max()`: `None` for an empty list.
                    [] => return optional(call1(function, subject)),
                    [other] => call1(function, Js::Array(vec![subject, other.clone()])),
                    _ => {
                        arity(self, 1);
                        Js::Null
                    }
                }
            }
            "sum" if arity(self, 0) => call1("$sum", subject),
            "count" if arity(self, 0) => {
                if receiver.hint == Hint::String {
                    // `.chars().count()`: the characters of a string.
                    call1("$length", subject)
                } else {
                    call1("$count", subject)
                }
            }
            "join" if arity(self, 1) => {
                return Tx::string(Js::Call(
                    Func::Named("$join"),
                    vec![subject, args[0].clone()],
                ));
            }
            // An empty pattern: Rust splits around every character (with an empty string at
            // each end) and inserts between them; JSONata splits into the characters alone
            // and refuses to replace.
            "split" | "replace" if matches!(args.first(), Some(Js::Str(text)) if text.is_empty()) =>
            {
                return self.invalid(
                    &call.args[0],
                    format!("`.{method}(\"\", …)` has no JSONata equivalent: Rust and JSONata treat an empty pattern differently"),
                );
            }
            // A pattern known only at run time may be empty: then split and replace the way
            // Rust does, around every character.
            "split" if arity(self, 1) => {
                let pattern = args[0].clone();
                let split = Js::Call(
                    Func::Named("$split"),
                    vec![subject.clone(), pattern.clone()],
                );
                around_empty(&pattern, split, || split_around_characters(subject.clone()))
            }
            "replace" if arity(self, 2) => {
                let (pattern, replacement) = (args[0].clone(), args[1].clone());
                let replace = Js::Call(
                    Func::Named("$replace"),
                    vec![subject.clone(), pattern.clone(), replacement.clone()],
                );
                return Tx::string(around_empty(&pattern, replace, || {
                    Js::Call(
                        Func::Named("$join"),
                        vec![split_around_characters(subject.clone()), replacement],
                    )
                }));
            }
            "keys" if arity(self, 0) => call1("$keys", subject),
            "is_some" if arity(self, 0) => Js::binary(BinOp::Ne, subject, Js::Null),
            "is_none" if arity(self, 0) => Js::not(Js::binary(BinOp::Ne, subject, Js::Null)),
            "unwrap_or" if arity(self, 1) => {
                let present = Js::binary(BinOp::Ne, subject.clone(), Js::Null);
                Js::Cond(
                    Box::new(present),
                    Box::new(subject),
                    Box::new(args[0].clone()),
                )
            }
            // `Option`s: JSONata gives nothing where Rust gives `None`.
            "first" if arity(self, 0) => {
                return optional(Js::Index(
                    Box::new(subject),
                    Box::new(Js::Num("0".to_owned())),
                ));
            }
            "last" if arity(self, 0) => {
                return optional(Js::Index(
                    Box::new(subject),
                    Box::new(Js::Num("-1".to_owned())),
                ));
            }
            "get" if arity(self, 1) => return optional(subscript(&receiver, args[0].clone())),
            known if METHODS.contains(&known) => Js::Null,
            _ => {
                self.untranslated.insert(method.clone());
                let hint = did_you_mean(&method, METHODS.iter().copied()).map_or_else(
                    || "; see docs/macros.md for the supported methods".to_owned(),
                    |found| format!("; did you mean `{found}`?"),
                );
                return self.invalid(
                    &call.method,
                    format!("`.{method}()` has no JSONata translation{hint}"),
                );
            }
        };
        Tx::plain(js)
    }
}

/// `js`, or, when `pattern` is not a literal, `pattern = '' ? empty : js`.
fn around_empty(pattern: &Js, js: Js, empty: impl FnOnce() -> Js) -> Js {
    if let Js::Str(_) = pattern {
        return js;
    }
    let is_empty = Js::binary(BinOp::Eq, pattern.clone(), Js::Str(String::new()));
    Js::Cond(Box::new(is_empty), Box::new(empty()), Box::new(js))
}

/// Rust's `text.split("")`: an empty string, each character, an empty string.
fn split_around_characters(text: Js) -> Js {
    let edge = || Js::Array(vec![Js::Str(String::new())]);
    let characters = Js::Call(Func::Named("$split"), vec![text, Js::Str(String::new())]);
    Js::Call(
        Func::Named("$append"),
        vec![
            edge(),
            Js::Call(Func::Named("$append"), vec![characters, edge()]),
        ],
    )
}

fn optional(js: Js) -> Tx {
    Tx {
        poisoned: false,
        js,
        typed: None,
        hint: Hint::Optional,
    }
}

fn zero() -> Js {
    Js::Num("0".to_owned())
}

fn one() -> Js {
    Js::Num("1".to_owned())
}

/// The number of elements of a list, or of entries of a map: `$count` counts a JSON object
/// as one value, so a map counts its keys.
fn count_entries(receiver: &Tx, subject: Js) -> Js {
    let count = Js::Call(Func::Named("$count"), vec![subject.clone()]);
    match (&receiver.hint, &receiver.typed) {
        (Hint::Unknown, Some((_, path))) => Js::Switch {
            on: SwitchOn::Object,
            typed: Hole::new(path.clone()),
            string: Box::new(Js::Call(
                Func::Named("$count"),
                vec![Js::Call(Func::Named("$keys"), vec![subject])],
            )),
            other: Box::new(count),
        },
        _ => count,
    }
}
