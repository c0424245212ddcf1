//! The JSONata 2.0 function library (everything except `$eval`).

#![allow(
    clippy::unnecessary_wraps,
    reason = "every built-in shares one fallible signature"
)]

pub(crate) mod array;
pub(crate) mod boolean;
mod calendar;
mod date_parse;
mod encoding;
mod format_integer;
mod format_number;
mod hof;
mod numeric;
mod object;
mod parse_integer;
pub(crate) mod pattern;
pub(crate) mod regex;
pub(crate) mod string;
mod time;
mod time_parse;
mod time_picture;

#[cfg(test)]
mod test_support;

use std::sync::OnceLock;

use crate::eval::{Evaluator, Res};
use crate::syntax::signature::Signature;
use crate::value::Value;

pub(crate) type Implementation = fn(&Evaluator<'_>, &[Option<Value>], Option<&Value>) -> Res;

/// A built-in function: its name, signature and implementation.
pub(crate) struct Builtin {
    pub(crate) name: &'static str,
    signature_text: &'static str,
    signature: OnceLock<Option<Signature>>,
    pub(crate) implementation: Implementation,
}

impl Builtin {
    const fn new(
        name: &'static str,
        signature_text: &'static str,
        implementation: Implementation,
    ) -> Self {
        Builtin {
            name,
            signature_text,
            signature: OnceLock::new(),
            implementation,
        }
    }

    pub(crate) fn signature(&self) -> Option<&Signature> {
        self.signature
            .get_or_init(|| Signature::parse(self.signature_text).ok())
            .as_ref()
    }

    /// The signature as written (`<s-nn?:s>`).
    pub(crate) fn signature_text(&self) -> &'static str {
        self.signature_text
    }

    pub(crate) fn arity(&self) -> usize {
        // `$string`'s second parameter has a default in the reference implementation, so
        // higher-order functions pass it one argument.
        if self.name == "string" {
            return 1;
        }
        self.signature().map_or(1, Signature::arity)
    }
}

static BUILTINS: [Builtin; 64] = [
    Builtin::new("sum", "<a<n>:n>", numeric::sum),
    Builtin::new("count", "<a:n>", numeric::count),
    Builtin::new("max", "<a<n>:n>", numeric::max),
    Builtin::new("min", "<a<n>:n>", numeric::min),
    Builtin::new("average", "<a<n>:n>", numeric::average),
    Builtin::new("string", "<x-b?:s>", string::string),
    Builtin::new("substring", "<s-nn?:s>", string::substring),
    Builtin::new("substringBefore", "<s-s:s>", string::substring_before),
    Builtin::new("substringAfter", "<s-s:s>", string::substring_after),
    Builtin::new("lowercase", "<s-:s>", string::lowercase),
    Builtin::new("uppercase", "<s-:s>", string::uppercase),
    Builtin::new("length", "<s-:n>", string::length),
    Builtin::new("trim", "<s-:s>", string::trim),
    Builtin::new("pad", "<s-ns?:s>", string::pad),
    Builtin::new("match", "<s-f<s:o>n?:a<o>>", pattern::match_regex),
    Builtin::new("contains", "<s-(sf):b>", pattern::contains),
    Builtin::new("replace", "<s-(sf)(sf)n?:s>", pattern::replace),
    Builtin::new("split", "<s-(sf)n?:a<s>>", pattern::split),
    Builtin::new("join", "<a<s>s?:s>", string::join),
    Builtin::new("formatNumber", "<n-so?:s>", format_number::format_number),
    Builtin::new("formatBase", "<n-n?:s>", format_integer::format_base),
    Builtin::new("formatInteger", "<n-s:s>", format_integer::format_integer),
    Builtin::new("parseInteger", "<s-s:n>", parse_integer::parse_integer),
    Builtin::new("number", "<(nsb)-:n>", numeric::number),
    Builtin::new("floor", "<n-:n>", numeric::floor),
    Builtin::new("ceil", "<n-:n>", numeric::ceil),
    Builtin::new("round", "<n-n?:n>", numeric::round),
    Builtin::new("abs", "<n-:n>", numeric::abs),
    Builtin::new("sqrt", "<n-:n>", numeric::sqrt),
    Builtin::new("power", "<n-n:n>", numeric::power),
    Builtin::new("random", "<:n>", numeric::random),
    Builtin::new("boolean", "<x-:b>", boolean::boolean),
    Builtin::new("not", "<x-:b>", boolean::not),
    Builtin::new("map", "<af>", hof::map),
    Builtin::new("zip", "<a+>", array::zip),
    Builtin::new("filter", "<af>", hof::filter),
    Builtin::new("single", "<af?>", hof::single),
    Builtin::new("reduce", "<afj?:j>", hof::reduce),
    Builtin::new("sift", "<o-f?:o>", hof::sift),
    Builtin::new("keys", "<x-:a<s>>", object::keys),
    Builtin::new("lookup", "<x-s:x>", object::lookup),
    Builtin::new("append", "<xx:a>", array::append_function),
    Builtin::new("exists", "<x:b>", boolean::exists),
    Builtin::new("spread", "<x-:a<o>>", object::spread),
    Builtin::new("merge", "<a<o>:o>", object::merge),
    Builtin::new("reverse", "<a:a>", array::reverse),
    Builtin::new("each", "<o-f:a>", hof::each),
    Builtin::new("error", "<s?:x>", object::error),
    Builtin::new("assert", "<bs?:x>", object::assert),
    Builtin::new("type", "<x:s>", object::type_of),
    Builtin::new("sort", "<af?:a>", hof::sort),
    Builtin::new("shuffle", "<a:a>", array::shuffle),
    Builtin::new("distinct", "<x:x>", array::distinct),
    Builtin::new("base64encode", "<s-:s>", encoding::base64_encode),
    Builtin::new("base64decode", "<s-:s>", encoding::base64_decode),
    Builtin::new(
        "encodeUrlComponent",
        "<s-:s>",
        encoding::encode_url_component,
    ),
    Builtin::new("encodeUrl", "<s-:s>", encoding::encode_url),
    Builtin::new(
        "decodeUrlComponent",
        "<s-:s>",
        encoding::decode_url_component,
    ),
    Builtin::new("decodeUrl", "<s-:s>", encoding::decode_url),
    Builtin::new("toMillis", "<s-s?:n>", time::to_millis),
    Builtin::new("fromMillis", "<n-s?s?:s>", time::from_millis),
    Builtin::new("clone", "<(oa)-:o>", object::clone),
    Builtin::new("now", "<s?s?:s>", time::now),
    Builtin::new("millis", "<:n>", time::millis),
];

/// The built-in function called `name`.
pub(crate) fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|builtin| builtin.name == name)
}

/// Names of all built-in functions.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|builtin| builtin.name)
}

/// Argument `index`, if given and defined.
pub(crate) fn arg(args: &[Option<Value>], index: usize) -> Option<&Value> {
    args.get(index).and_then(Option::as_ref)
}

pub(crate) fn string_arg(args: &[Option<Value>], index: usize) -> Option<&str> {
    arg(args, index).and_then(Value::as_str)
}

pub(crate) fn number_arg(args: &[Option<Value>], index: usize) -> Option<f64> {
    arg(args, index).and_then(Value::as_number)
}
