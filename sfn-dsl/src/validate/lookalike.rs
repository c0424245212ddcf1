//! Text that looks like the other form of the States Language: strings of a JSONata
//! state that hold `{%` but are not expressions, and the JSONata spelling of a JSONPath
//! `"key.$": "path"` field, for hints.

use super::code::Code;
use super::cx::At;
use super::values::shorten;
use crate::model::{DYNAMIC_KEY_SUFFIX, DynamicValue, NearMiss, State};
use crate::source::Pointer;

/// The warning for a string of a JSONata state that holds `{%` but is not an expression
/// (ASL reference §7: only a string that starts with `{%` and ends with `%}`, with nothing
/// around them, is evaluated; AWS passed `" {% … %} "` on as text).
pub(super) fn jsonata_like_literal(
    at: &At<'_>,
    pointer: &Pointer<'_>,
    text: &str,
) -> Option<super::Diagnostic> {
    let near_miss = NearMiss::of(text)?;
    let hint = match (near_miss, concatenation(text)) {
        (NearMiss::TextAround, Some(joined)) => {
            format!("make the whole string one expression: `{joined}`")
        }
        _ => near_miss.fix().to_owned(),
    };
    let why = near_miss.why();
    Some(
        at.diagnostic(
            Code::JsonataLikeLiteral,
            pointer,
            format!(
                "`{}` of state `{}` holds `{}`, which looks like a JSONata expression but is not one ({why}), so the text is passed as is",
                at.field_path(pointer),
                at.name,
                shorten(text),
            ),
        )
        .with_hint(hint),
    )
}

/// `text`, with `{% … %}` expressions amid literal text, as one JSONata expression that
/// joins the pieces with `&`: `Total: {% $x %}` is `{% 'Total: ' & $x %}`. `None` when a
/// piece of text would need escaping (a quote, a backslash, a control character), an
/// expression is not closed, or one is not JSONata (a Liquid or Jinja template's
/// `{% if user %}`), which joined would make no valid expression either.
pub(super) fn concatenation(text: &str) -> Option<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(open) = rest.find("{%") else {
            pieces.push(literal_piece(rest)?);
            break;
        };
        let (before, after) = rest.split_at(open);
        if !before.is_empty() {
            pieces.push(literal_piece(before)?);
        }
        let after = after.get(2..)?;
        let close = after.find("%}")?;
        let inner = after.get(..close)?.trim();
        if inner.is_empty() || sfn_jsonata::parse(inner).is_err() {
            return None;
        }
        // `&` binds as loosely as `+`: anything but a plain name or path is bracketed.
        let plain = inner
            .strip_prefix('$')
            .unwrap_or(inner)
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'.');
        pieces.push(if plain {
            inner.to_owned()
        } else {
            format!("({inner})")
        });
        rest = after.get(close + 2..)?;
    }
    Some(format!("{{% {} %}}", pieces.join(" & ")))
}

/// A piece of literal text as a JSONata string, if it needs no escaping.
fn literal_piece(text: &str) -> Option<String> {
    (!text
        .chars()
        .any(|character| matches!(character, '\'' | '"' | '\\') || character.is_control()))
    .then(|| format!("'{text}'"))
}

/// The hint for a JSONPath `"key.$": "path"` field at `pointer` in a JSONata state: the
/// same field written the JSONata way, `"key": "{% … %}"`, with the expression when the
/// path has a plain JSONata equivalent.
pub(super) fn jsonata_field_hint(
    at: &At<'_>,
    pointer: &Pointer<'_>,
    key: &str,
    value: &DynamicValue,
) -> String {
    let name = key.strip_suffix(DYNAMIC_KEY_SUFFIX).unwrap_or(key);
    let expression = match value {
        DynamicValue::Path(path) => jsonata_for_path(path.as_str(), dollar_at(at, pointer)),
        DynamicValue::Intrinsic(_) => None,
    };
    format!(
        "write `\"{name}\": \"{{% {} %}}\"`",
        expression.as_deref().unwrap_or("…")
    )
}

/// What a JSONPath `$` would read at `pointer`, spelt in JSONata (ASL reference §6.2 and
/// §8): in a catcher's `Assign` or `Output` the error output; in the top-level `Assign` or
/// `Output` of a Task, Map or Parallel the state's result; anywhere else (`Arguments`,
/// `ItemSelector`, the `Assign` of a Pass, Choice or Wait, which in JSONata has no
/// `Result` or `Parameters`) the state's input.
fn dollar_at(at: &At<'_>, pointer: &Pointer<'_>) -> &'static str {
    let keys = pointer.keys_below(at.pointer).unwrap_or_default();
    match keys.as_slice() {
        [Some("Catch"), None, Some("Assign" | "Output"), ..] => "$states.errorOutput",
        [Some("Assign" | "Output"), ..]
            if matches!(
                at.state,
                State::Task(_) | State::Map(_) | State::Parallel(_)
            ) =>
        {
            "$states.result"
        }
        _ => "$states.input",
    }
}

/// The JSONata expression that reads what the JSONPath `path` reads, when the path is a
/// plain chain of names and indexes: `$` is `dollar` (`$states.input`, say), `$$` is
/// `$states.context`, and a variable `$name` is read the same way in both. `None` for
/// anything else (quoted names, wildcards, filters), which has no word-for-word equivalent.
fn jsonata_for_path(path: &str, dollar: &str) -> Option<String> {
    let (root, rest) = if let Some(rest) = path.strip_prefix("$$") {
        ("$states.context", rest)
    } else if let Some(rest) = path.strip_prefix("$.") {
        (dollar, rest)
    } else if path == "$" {
        return Some(dollar.to_owned());
    } else {
        // A variable: `$name` and what follows are written alike in JSONata.
        return is_plain_steps(path.strip_prefix('$')?).then(|| path.to_owned());
    };
    let rest = match rest.strip_prefix('.') {
        Some(rest) if root == "$states.context" => rest,
        None if rest.is_empty() => return Some(root.to_owned()),
        _ if root != "$states.context" => rest,
        _ => return None,
    };
    is_plain_steps(rest).then(|| format!("{root}.{rest}"))
}

/// Whether `steps` is `name(.name)*`, each name a JSONata name that needs no backquotes,
/// optionally followed by array indexes (`items[0]`).
fn is_plain_steps(steps: &str) -> bool {
    steps.split('.').all(|step| {
        let name_end = step.find('[').unwrap_or(step.len());
        let (name, indexes) = step.split_at(name_end);
        let mut characters = name.chars();
        characters
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
            && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
            && indexes.split_terminator(']').all(|index| {
                index.strip_prefix('[').is_some_and(|digits| {
                    !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
                })
            })
            && (indexes.is_empty() || indexes.ends_with(']'))
    })
}

#[cfg(test)]
mod tests {
    use super::jsonata_for_path;
    use crate::model::NearMiss;
    use crate::validate::Code;

    /// The code, pointer and hint of each diagnostic of a JSONata Pass state whose `Output`
    /// field `r` is `value`.
    fn output_problems(value: &str) -> Vec<(Code, String, Option<String>)> {
        let text = format!(
            r#"{{"QueryLanguage": "JSONata", "StartAt": "P", "States": {{"P": {{"Type": "Pass", "Output": {{"r": {value}}}, "End": true}}}}}}"#
        );
        crate::validate::diagnostic_hints(&text)
    }

    #[test]
    fn a_string_that_almost_is_an_expression_is_warned_about() {
        let warning = |hint: &str| {
            vec![(
                Code::JsonataLikeLiteral,
                "/States/P/Output/r".to_owned(),
                Some(hint.to_owned()),
            )]
        };
        assert_eq!(
            output_problems(r#""{% $states.input.x ""#),
            warning("end the expression with `%}`")
        );
        for blanks in [r#"" {% $states.input.x %}""#, r#""{% $states.input.x %} ""#] {
            assert_eq!(
                output_problems(blanks),
                warning("remove the blanks around the expression"),
                "{blanks}"
            );
        }
        assert_eq!(
            output_problems(r#""Total: {% $states.input.x %}""#),
            warning("make the whole string one expression: `{% 'Total: ' & $states.input.x %}`")
        );
        assert_eq!(
            output_problems(r#""{% $a %} and {% $b + 1 %} in all""#),
            warning(
                "make the whole string one expression: `{% $a & ' and ' & ($b + 1) & ' in all' %}`"
            )
        );
        // Text that would need escaping gets the general advice.
        assert_eq!(
            output_problems(r#""it's {% $a %}""#),
            warning(NearMiss::TextAround.fix())
        );
        // So does a template of another language, whose pieces are not JSONata: joined,
        // they would not be an expression either.
        assert_eq!(
            output_problems(r#""Hello {% if user %}{{ user }}{% endif %}!""#),
            warning(NearMiss::TextAround.fix())
        );
        // Expressions, and strings with no `{%`, are fine.
        for fine in [r#""{% $states.input.x %}""#, r#""50% off""#, r#""a %} b""#] {
            assert_eq!(output_problems(fine), [], "{fine}");
        }
        let message = crate::validate::diagnostic_triples(
            r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"e": " {% $states.errorOutput %}"}, "Assign": {"v": "{% 1 %} "}, "Next": "E"}], "End": true}, "E": {"Type": "Succeed"}}}"#,
        );
        assert_eq!(
            message,
            [
                (
                    Code::JsonataLikeLiteral,
                    "/States/T/Catch/0/Output/e".to_owned(),
                    "`Catch[0].Output.e` of state `T` holds ` {% $states.errorOutput %}`, which looks like a JSONata expression but is not one (it has blanks before `{%` or after `%}`), so the text is passed as is".to_owned()
                ),
                (
                    Code::JsonataLikeLiteral,
                    "/States/T/Catch/0/Assign/v".to_owned(),
                    "`Catch[0].Assign.v` of state `T` holds `{% 1 %} `, which looks like a JSONata expression but is not one (it has blanks before `{%` or after `%}`), so the text is passed as is".to_owned()
                ),
            ]
        );
    }

    /// The hints of a JSONata machine's diagnostics, by pointer.
    fn hints(definition: &str) -> Vec<(String, Option<String>)> {
        crate::validate::validate_str(definition)
            .diagnostics()
            .iter()
            .map(|diagnostic| (diagnostic.pointer.clone(), diagnostic.hint.clone()))
            .collect()
    }

    #[test]
    fn a_jsonpath_dollar_is_spelt_as_what_it_reads_where_it_stands() {
        let hint = |pointer: &str, hint: &str| (pointer.to_owned(), Some(hint.to_owned()));
        // In a Task: the input in `Arguments`, the result in `Output` and `Assign`, the
        // error output in a catcher (ASL reference §6.2, §8).
        assert_eq!(
            hints(
                r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"FunctionName": "f", "Payload.$": "$.order"},
                    "Assign": {"total.$": "$.Payload.total"}, "Output": {"r.$": "$"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"why.$": "$.Cause"}, "Output": {"e.$": "$.Error"}, "Next": "E"}],
                    "End": true}, "E": {"Type": "Succeed"}}}"#
            ),
            [
                hint(
                    "/States/T/Arguments/Payload.$",
                    r#"write `"Payload": "{% $states.input.order %}"`"#
                ),
                hint(
                    "/States/T/Assign/total.$",
                    r#"write `"total": "{% $states.result.Payload.total %}"`"#
                ),
                hint(
                    "/States/T/Output/r.$",
                    r#"write `"r": "{% $states.result %}"`"#
                ),
                hint(
                    "/States/T/Catch/0/Assign/why.$",
                    r#"write `"why": "{% $states.errorOutput.Cause %}"`"#
                ),
                hint(
                    "/States/T/Catch/0/Output/e.$",
                    r#"write `"e": "{% $states.errorOutput.Error %}"`"#
                ),
            ]
        );
        // A JSONata Pass has no `Result` or `Parameters`: its `Assign` reads the input.
        assert_eq!(
            hints(
                r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"x.$": "$.a"}, "End": true}}}"#
            ),
            [hint(
                "/States/P/Assign/x.$",
                r#"write `"x": "{% $states.input.a %}"`"#
            )]
        );
    }

    #[test]
    fn a_jsonpath_path_has_a_jsonata_spelling_when_it_is_plain() {
        for (path, expression) in [
            ("$", Some("$states.input")),
            ("$.a.b[0]", Some("$states.input.a.b[0]")),
            ("$$", Some("$states.context")),
            ("$$.Execution.Id", Some("$states.context.Execution.Id")),
            ("$total", Some("$total")),
            ("$order.lines[2]", Some("$order.lines[2]")),
            ("$['a b']", None),
            ("$.items[*].id", None),
            ("$.a[?(@.x)]", None),
            ("$..a", None),
            ("$.a-b", None),
        ] {
            assert_eq!(
                jsonata_for_path(path, "$states.input").as_deref(),
                expression,
                "{path}"
            );
        }
    }
}
