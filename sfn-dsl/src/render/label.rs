//! Label texts: short labels for Choice conditions and catchers, and any text as a diagram
//! shows it.

use crate::model::{Comparison, Condition, ErrorName, JsonataCondition, Operand, Relation};

/// The longest label, in characters, before it is cut with `…`.
const MAX_LABEL: usize = 48;

/// A one-line description of a Choice condition, such as `$.total > 100`.
pub(super) fn condition(condition: &Condition) -> String {
    shorten(&describe(condition))
}

/// The errors a catcher catches, as its edge's label: every name when they fit in
/// [`MAX_LABEL`] characters, else the whole names that fit and how many others there are
/// (`States.Timeout, States.TaskFailed, +12 more`). A generated catcher may list hundreds.
pub(super) fn errors(names: &[ErrorName]) -> String {
    let names: Vec<String> = names.iter().map(ToString::to_string).collect();
    let all = names.join(", ");
    if all.chars().count() <= MAX_LABEL {
        return all;
    }
    let more = |shown: usize| format!("+{} more", names.len() - shown);
    let mut label = String::new();
    let mut shown = 0;
    for name in &names {
        let longer = if shown == 0 {
            name.clone()
        } else {
            format!("{label}, {name}")
        };
        if longer.chars().count() + 2 + more(shown + 1).chars().count() > MAX_LABEL {
            break;
        }
        label = longer;
        shown += 1;
    }
    match names.first() {
        // Not even the first name fits with the count: it is cut.
        Some(first) if shown == 0 && names.len() > 1 => {
            let more = more(1);
            format!(
                "{}, {more}",
                crate::shorten::shorten(first, MAX_LABEL - 2 - more.chars().count())
            )
        }
        Some(first) if shown == 0 => shorten(first),
        _ => format!("{label}, {}", more(shown)),
    }
}

fn describe(condition: &Condition) -> String {
    match condition {
        Condition::Jsonata(JsonataCondition::Literal(value)) => value.to_string(),
        Condition::Jsonata(JsonataCondition::Expression(expression)) => {
            expression.trimmed().to_owned()
        }
        Condition::Test(test) => {
            let variable = test.variable.as_str();
            match &test.comparison {
                Comparison::String(relation, operand)
                | Comparison::Timestamp(relation, operand) => {
                    let value = match operand {
                        Operand::Literal(literal) => quoted(literal),
                        Operand::Path(path) => path.to_string(),
                    };
                    format!("{variable} {} {value}", symbol(*relation))
                }
                Comparison::Numeric(relation, operand) => {
                    let value = match operand {
                        Operand::Literal(number) => number.to_string(),
                        Operand::Path(path) => path.to_string(),
                    };
                    format!("{variable} {} {value}", symbol(*relation))
                }
                Comparison::Boolean(operand) => {
                    let value = match operand {
                        Operand::Literal(value) => value.to_string(),
                        Operand::Path(path) => path.to_string(),
                    };
                    format!("{variable} == {value}")
                }
                Comparison::StringMatches(pattern) => {
                    format!("{variable} matches {}", quoted(pattern))
                }
                Comparison::Type(test, expected) => {
                    let what = test.as_str().trim_start_matches("Is").to_lowercase();
                    if *expected {
                        format!("{variable} is {what}")
                    } else {
                        format!("{variable} is not {what}")
                    }
                }
            }
        }
        Condition::And(rules) | Condition::Or(rules) => {
            let joiner = if matches!(condition, Condition::And(_)) {
                " and "
            } else {
                " or "
            };
            rules
                .iter()
                .map(|rule| {
                    let inner = describe(&rule.condition);
                    if matches!(rule.condition, Condition::And(_) | Condition::Or(_)) {
                        format!("({inner})")
                    } else {
                        inner
                    }
                })
                .collect::<Vec<_>>()
                .join(joiner)
        }
        Condition::Not(rule) => format!("not ({})", describe(&rule.condition)),
    }
}

/// `text` as a diagram shows it: C0 control characters other than a line break, and DEL,
/// become their Unicode control pictures (`\t` is `␉`, NUL is `␀`). No diagram language
/// shows them as such (Graphviz cannot even read a NUL), a reader could not see them, and a
/// name may hold any character. Line breaks stay for each renderer to draw its way.
pub(super) fn visible(text: &str) -> String {
    text.chars()
        .map(|character| match character {
            '\n' => '\n',
            '\u{7f}' => '\u{2421}',
            control if control < ' ' => {
                char::from_u32(0x2400 + u32::from(control)).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            other => other,
        })
        .collect()
}

/// `text` between single quotes, a `'` or `\` in it escaped with `\`, so that the label
/// reads back as one string (`'it\'s'`, not `'it's'`).
fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for character in text.chars() {
        if matches!(character, '\'' | '\\') {
            quoted.push('\\');
        }
        quoted.push(character);
    }
    quoted.push('\'');
    quoted
}

fn symbol(relation: Relation) -> &'static str {
    match relation {
        Relation::Equals => "==",
        Relation::LessThan => "<",
        Relation::GreaterThan => ">",
        Relation::LessThanEquals => "<=",
        Relation::GreaterThanEquals => ">=",
    }
}

fn shorten(text: &str) -> String {
    crate::shorten::shorten(text, MAX_LABEL).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{MAX_LABEL, condition, errors, visible};
    use crate::model::ErrorName;

    #[test]
    fn string_operands_are_quoted_so_that_they_read_back_whole() {
        let label = |mut rule: serde_json::Value| {
            rule["Next"] = "D".into();
            let machine = crate::StateMachine::from_value(&serde_json::json!({
                "StartAt": "C",
                "States": {"C": {"Type": "Choice", "Choices": [rule]}, "D": {"Type": "Succeed"}}
            }))
            .expect("a machine");
            let Some(crate::model::State::Choice(choice)) = machine.states.get("C") else {
                unreachable!("a Choice state")
            };
            condition(&choice.choices[0].condition)
        };
        assert_eq!(
            label(serde_json::json!({"Variable": "$.who", "StringEquals": "it's"})),
            r"$.who == 'it\'s'"
        );
        assert_eq!(
            label(serde_json::json!({"Variable": "$.path", "StringMatches": r"C:\*"})),
            r"$.path matches 'C:\\*'"
        );
        assert_eq!(
            label(serde_json::json!({"Variable": "$.plain", "StringEquals": "ok"})),
            "$.plain == 'ok'"
        );
    }

    #[test]
    fn control_characters_are_shown_as_control_pictures() {
        assert_eq!(visible("tab\there"), "tab\u{2409}here");
        assert_eq!(
            visible("nul\0cr\r\u{7}\u{7f}"),
            "nul\u{2400}cr\u{240d}\u{2407}\u{2421}"
        );
        assert_eq!(visible("two\nlines"), "two\nlines");
        assert_eq!(visible("日本語 \u{2028} ok"), "日本語 \u{2028} ok");
    }

    #[test]
    fn catcher_labels_keep_whole_names_and_count_the_others() {
        let names = |names: &[&str]| -> Vec<ErrorName> {
            names.iter().map(|name| ErrorName::from(*name)).collect()
        };
        assert_eq!(
            errors(&names(&["States.Timeout", "States.TaskFailed"])),
            "States.Timeout, States.TaskFailed"
        );
        let many: Vec<String> = (0..400)
            .map(|number| format!("MyService.Errors.SomethingWentWrongNumber{number:04}"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        // Not even the first name fits with the count: it is cut.
        assert_eq!(
            errors(&names(&many)),
            "MyService.Errors.SomethingWentWrongN…, +399 more"
        );
        assert_eq!(
            errors(&names(&["A", "B", &"C".repeat(60)])),
            "A, B, +1 more"
        );
        let long = "L".repeat(60);
        assert_eq!(errors(&names(&[&long])).chars().count(), MAX_LABEL);
        for label in [
            errors(&names(&many)),
            errors(&names(&[&long, "B"])),
            errors(&names(&[
                "States.Timeout",
                "States.TaskFailed",
                "States.Permissions",
            ])),
        ] {
            assert!(label.chars().count() <= MAX_LABEL, "{label}");
        }
    }
}
