//! Hints for JSONata expressions that do not parse, where the parser's message alone does
//! not say what was meant: several `{% … %}` pieces in one string, and the operators that
//! JSONata added after the version Step Functions runs.

use super::lookalike;
use crate::model::NearMiss;

/// The hint for `expression` (the text between `{%` and `%}`), which failed to parse at
/// byte `offset`; `None` when the parser's message says enough.
pub(super) fn for_syntax_error(expression: &str, offset: usize) -> Option<String> {
    several_pieces(expression).or_else(|| newer_operator(expression, offset).map(str::to_owned))
}

/// `"{% $a %} and {% $b %}"` is one expression from its first `{%` to its last `%}`
/// (`$a %} and {% $b`), not two pieces amid text: the advice of `jsonata-like-literal`.
fn several_pieces(expression: &str) -> Option<String> {
    let close = expression.find("%}")?;
    if !expression.get(close..)?.contains("{%") {
        return None;
    }
    let text = format!("{{%{expression}%}}");
    let fix = lookalike::concatenation(&text).map_or_else(
        || NearMiss::TextAround.fix().to_owned(),
        |joined| format!("make the whole string one expression: `{joined}`"),
    );
    Some(format!(
        "only a whole string is evaluated, from its first `{{%` to its last `%}}`, so several `{{% … %}}` pieces are read as one expression; {fix}"
    ))
}

/// The JSONata 2.1 operator that `expression` uses where it fails at `offset`: `??` and `?:`
/// parse in 2.0 as the start of a condition (`a ? … : …`) followed by a misplaced `?` or
/// `:` (S0211). Step Functions runs JSONata 2.0.6 (ASL reference §7), which lacks them.
fn newer_operator(expression: &str, offset: usize) -> Option<&'static str> {
    if !expression.get(..offset)?.ends_with('?') {
        return None;
    }
    let rest = expression.get(offset..)?;
    if rest.starts_with('?') {
        Some(
            "`??` (coalescing) is a JSONata 2.1 operator, and Step Functions runs JSONata 2.0.6, which lacks it: write `$exists(a) ? a : b` for `a ?? b`",
        )
    } else if rest.starts_with(':') {
        Some(
            "`?:` (default) is a JSONata 2.1 operator, and Step Functions runs JSONata 2.0.6, which lacks it: write `a ? a : b` for `a ?: b`",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::for_syntax_error;
    use crate::validate::{Code, diagnostic_hints};

    /// The code, pointer and hint of each diagnostic of a JSONata Pass state whose `Output`
    /// is `value`.
    fn output_hints(value: &str) -> Vec<(Code, String, Option<String>)> {
        diagnostic_hints(&format!(
            r#"{{"QueryLanguage": "JSONata", "StartAt": "P", "States": {{"P": {{"Type": "Pass", "Output": {value}, "End": true}}}}}}"#
        ))
    }

    fn invalid(hint: &str) -> Vec<(Code, String, Option<String>)> {
        vec![(
            Code::InvalidJsonata,
            "/States/P/Output".to_owned(),
            Some(hint.to_owned()),
        )]
    }

    #[test]
    fn several_pieces_in_one_string_get_the_advice_to_join_them() {
        assert_eq!(
            output_hints(r#""{% 1 %} and {% 2 %}""#),
            invalid(
                "only a whole string is evaluated, from its first `{%` to its last `%}`, so several `{% … %}` pieces are read as one expression; make the whole string one expression: `{% 1 & ' and ' & 2 %}`"
            )
        );
        // Text that would need escaping gets the general advice.
        assert_eq!(
            for_syntax_error(r#" $a %} "and" {% $b "#, 0).as_deref(),
            Some(
                "only a whole string is evaluated, from its first `{%` to its last `%}`, so several `{% … %}` pieces are read as one expression; make the whole string one expression, joining text and values with `&` (`{% 'Total: ' & $states.input.total %}`)"
            )
        );
    }

    #[test]
    fn the_operators_of_jsonata_2_1_are_named() {
        let coalescing = "`??` (coalescing) is a JSONata 2.1 operator, and Step Functions runs JSONata 2.0.6, which lacks it: write `$exists(a) ? a : b` for `a ?? b`";
        let default = "`?:` (default) is a JSONata 2.1 operator, and Step Functions runs JSONata 2.0.6, which lacks it: write `a ? a : b` for `a ?: b`";
        for (value, hint) in [
            (r#""{% $states.input.x ?? 2 %}""#, coalescing),
            (r#""{% $states.input.x??2 %}""#, coalescing),
            (r#""{% $states.input.x ?: 'none' %}""#, default),
        ] {
            assert_eq!(output_hints(value), invalid(hint), "{value}");
        }
        // A condition written out, and other errors, get no such hint.
        assert_eq!(output_hints(r#""{% $states.input.x ? 1 : 2 %}""#), []);
        assert_eq!(
            output_hints(r#""{% $states.input.x ? ? 2 %}""#)
                .into_iter()
                .map(|(_, _, hint)| hint)
                .collect::<Vec<_>>(),
            [None]
        );
    }
}
