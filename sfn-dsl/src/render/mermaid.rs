//! Mermaid flowcharts.

use std::fmt::Write;

use super::layout::{Drawing, Item, Shape, Style, Visits, layout};
use super::trace::Trace;
use crate::model::StateMachine;

/// The machine as a Mermaid flowchart (`flowchart TD`), ready for a Markdown code block
/// tagged `mermaid`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, render};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Check", "States": {
///     "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],
///               "Default": "Failed"},
///     "Done": {"Type": "Succeed"},
///     "Failed": {"Type": "Fail", "Error": "NotOk"}}}"#)?;
/// let chart = render::mermaid(&machine);
/// assert!(chart.contains(r#"s0 -->|"$.ok == true"| s1"#));
/// assert!(chart.contains(r#"s0 -->|"Default"| s2"#));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn mermaid(machine: &StateMachine) -> String {
    render(machine, None)
}

/// [`mermaid`], with what executions did drawn over it: each state entered shows how often
/// (`Task, 3×`) and is filled green, a state an execution never left (where it failed, was
/// aborted or waits) is outlined in red and marked `unfinished`, states no execution
/// entered are greyed out (which shows what a set of test runs did not cover), and the
/// transitions taken are drawn thick and green (`linkStyle`).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::{StateMachine, render};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {
///     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ship"},
///     "Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Charge"}},
///     {"type": "TaskStateExited", "stateExitedEventDetails": {"name": "Charge"}},
///     {"type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Ship"}},
///     {"type": "ExecutionFailed", "executionFailedEventDetails": {"error": "Boom"}}
/// ]});
/// let chart = render::mermaid_traced(&machine, &render::Trace::from_history(&history)?);
/// assert!(chart.contains("s0[\"Charge<br/><small>Task, 1×</small>\"]\n    class s0 entered\n"));
/// assert!(chart.contains("s1[\"Ship<br/><small>Task, 1×, unfinished</small>\"]\n    class s1 unfinished\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn mermaid_traced(machine: &StateMachine, trace: &Trace) -> String {
    render(machine, Some(trace))
}

fn render(machine: &StateMachine, trace: Option<&Trace>) -> String {
    let drawing = layout(machine, trace);
    let mut out = String::from("flowchart TD\n");
    out.push_str("    start((\"start\"))\n");
    items(&mut out, &drawing.items, 1);
    let taken = edges(&mut out, &drawing);
    if trace.is_some() {
        out.push_str(concat!(
            "    classDef entered fill:#e6f4ea,stroke:#1e7e34\n",
            "    classDef unfinished fill:#fdecea,stroke:#c00,stroke-width:3px\n",
            "    classDef never color:#888,stroke:#bbb,stroke-dasharray:4 3\n",
        ));
        if !taken.is_empty() {
            let links: Vec<String> = taken.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "    linkStyle {} stroke:#1e7e34,stroke-width:3px",
                links.join(",")
            );
        }
    }
    out
}

fn items(out: &mut String, list: &[Item], depth: usize) {
    let indent = "    ".repeat(depth);
    for item in list {
        match item {
            Item::Node(node) => {
                let text = format!(
                    "{}<br/><small>{}{}</small>",
                    escape(&node.name),
                    node.type_name,
                    Visits::suffix(node.visits)
                );
                let (open, close) = match node.shape {
                    Shape::Box => ("[\"", "\"]"),
                    Shape::Decision => ("{\"", "\"}"),
                    Shape::Pause => ("[/\"", "\"/]"),
                    Shape::Success | Shape::Failure => ("([\"", "\"])"),
                };
                let _ = writeln!(out, "{indent}{}{open}{text}{close}", node.id);
                if node.shape == Shape::Failure {
                    let _ = writeln!(out, "{indent}class {} failure", node.id);
                }
                let traced = match node.visits {
                    None => None,
                    Some(Visits::Never) => Some("never"),
                    Some(Visits::Entered(_)) => Some("entered"),
                    Some(Visits::Unfinished(_)) => Some("unfinished"),
                };
                if let Some(class) = traced {
                    let _ = writeln!(out, "{indent}class {} {class}", node.id);
                }
            }
            Item::Group(group) => {
                let _ = writeln!(
                    out,
                    "{indent}subgraph {}[\"{}\"]",
                    group.id,
                    escape(&group.title)
                );
                items(out, &group.items, depth + 1);
                let _ = writeln!(out, "{indent}end");
            }
        }
    }
}

/// Writes the edges; returns the positions (Mermaid's link numbers) of those a traced
/// execution took.
fn edges(out: &mut String, drawing: &Drawing) -> Vec<usize> {
    let mut taken = Vec::new();
    let mut link = 0;
    let mut count = |was_taken: bool| {
        if was_taken {
            taken.push(link);
        }
        link += 1;
    };
    if let Some((start, entered)) = &drawing.start {
        let _ = writeln!(out, "    start --> {start}");
        count(*entered);
    }
    for edge in &drawing.edges {
        let arrow = match edge.style {
            Style::Solid => "-->",
            Style::Dashed => "-.->",
            Style::Bold => "==>",
        };
        match &edge.label {
            Some(label) => {
                let _ = writeln!(
                    out,
                    "    {} {arrow}|\"{}\"| {}",
                    edge.from,
                    escape(label),
                    edge.to
                );
            }
            None => {
                let _ = writeln!(out, "    {} {arrow} {}", edge.from, edge.to);
            }
        }
        count(edge.taken);
    }
    if !drawing.ends.is_empty() {
        out.push_str("    finish((\"end\"))\n");
        for (end, ended) in &drawing.ends {
            let _ = writeln!(out, "    {end} --> finish");
            count(*ended);
        }
    }
    out.push_str("    classDef failure stroke:#c00,color:#c00\n");
    taken
}

/// A label, for inside Mermaid's double quotes.
///
/// Mermaid reads the quoted text as HTML, after turning `#name;` and `#123;` into entities, so
/// each character that one of its steps would read is written as such an entity:
/// - `"` would end the string and `|` an edge label;
/// - `<` could open an HTML tag (`>` alone cannot, and stays readable in `$.total > 100`),
///   `&` an HTML entity and `#` a Mermaid one;
/// - `` ` `` right after the opening quote would make the label Markdown;
/// - `:`, in a label that holds `style` or `classDef`: Mermaid drops the `;` after
///   `style…:…#…` anywhere in a line (meant for style statements), which would spoil an entity;
/// - the second `%` of `%%`: `%%{…}%%` anywhere is a directive that configures the diagram
///   (and is removed).
///
/// Some sequences Mermaid reads only after it has decoded the entities of a node label, so
/// an entity cannot hide them; an invisible word joiner (U+2060, `#8288;`) splits them: `$$`
/// (`$$…$$` is typeset as math, as a condition comparing `$$.Execution.Name` with
/// `$$.Execution.Input` would be), `\n` (a line break), `fa:fa-` (`fa:fa-car` is drawn as a
/// Font Awesome icon in place of the text), and the placeholders Mermaid stores entities as,
/// `ﬂ°` and `¶ß`, which it decodes anywhere in the drawing.
///
/// A line break is `<br/>`, and the spaces HTML would collapse (at either end of a line, or
/// after another space) are no-break spaces, so that names that differ only in spacing still
/// look different.
fn escape(text: &str) -> String {
    let guard_colons = text.contains("style") || text.contains("classDef");
    let mut escaped = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            escaped.push_str("<br/>");
        }
        let content_end = line.trim_end_matches(trimmed_by_mermaid).len();
        let mut previous = None;
        let mut leading = true;
        for (at, character) in line.char_indices() {
            let rest = line.get(at + character.len_utf8()..).unwrap_or_default();
            leading &= trimmed_by_mermaid(character);
            match (previous, character) {
                (None | Some(' '), ' ') => escaped.push_str("#160;"),
                (_, ' ') if at >= content_end => escaped.push_str("#160;"),
                // Other spaces JavaScript's `trim` removes, at either end of a line.
                (_, other) if trimmed_by_mermaid(other) && (leading || at >= content_end) => {
                    let _ = write!(escaped, "#{};", u32::from(other));
                }
                // Mermaid's lexer takes a line holding `direction LR` (TB, BT, RL, TD)
                // anywhere, quotes included, for a direction statement.
                (_, 'd' | 'D') if splits_direction(rest) => {
                    escaped.push(character);
                    escaped.push_str("#8288;");
                }
                (_, '"') => escaped.push_str("#quot;"),
                (_, '#') => escaped.push_str("#35;"),
                (_, '|') => escaped.push_str("#124;"),
                (_, '<') => escaped.push_str("#60;"),
                (_, '&') => escaped.push_str("#38;"),
                (_, '`') => escaped.push_str("#96;"),
                (_, ':') if rest.starts_with("fa-") => {
                    escaped.push_str(if guard_colons {
                        "#58;#8288;"
                    } else {
                        ":#8288;"
                    });
                }
                (_, ':') if guard_colons => escaped.push_str("#58;"),
                (Some('%'), '%') => escaped.push_str("#37;"),
                (_, '\\') if rest.starts_with('n') => escaped.push_str("\\#8288;"),
                (Some('$'), '$') | (Some('ﬂ'), '°') | (Some('¶'), 'ß') => {
                    escaped.push_str("#8288;");
                    escaped.push(character);
                }
                (_, other) => escaped.push(other),
            }
            previous = Some(character);
        }
    }
    escaped
}

/// Whether JavaScript's `String.prototype.trim` removes `character` (Mermaid trims labels).
fn trimmed_by_mermaid(character: char) -> bool {
    matches!(
        character,
        '\t' | '\u{b}'
            | '\u{c}'
            | ' '
            | '\u{a0}'
            | '\u{feff}'
            | '\r'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Whether the text after a `d` reads `irection` and then spaces and a direction keyword.
fn splits_direction(rest: &str) -> bool {
    let Some(word) = rest.get(..8) else {
        return false;
    };
    if !word.eq_ignore_ascii_case("irection") {
        return false;
    }
    let after = &rest[8..];
    let keyword = after.trim_start();
    keyword.len() < after.len()
        && ["TB", "BT", "RL", "LR", "TD"].iter().any(|direction| {
            keyword
                .get(..2)
                .is_some_and(|it| it.eq_ignore_ascii_case(direction))
        })
}

#[cfg(test)]
mod tests {
    use super::{escape, mermaid, mermaid_traced};
    use crate::StateMachine;
    use crate::render::Trace;

    /// States inside a Parallel branch are traced like the others; a state no run entered
    /// is greyed out; the trace's classes are defined only when a trace is drawn.
    #[test]
    fn a_trace_marks_nested_states_and_the_ones_never_entered() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "Both", "States": {
                "Both": {"Type": "Parallel", "Branches": [
                    {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                    {"StartAt": "Right", "States": {"Right": {"Type": "Fail", "Error": "E"}}}
                ], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "Next": "Done"},
                "Recover": {"Type": "Pass", "End": true},
                "Done": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        let event = |id: u64, previous: u64, kind: &str, name: &str| {
            let details = if kind == "Entered" {
                "stateEnteredEventDetails"
            } else {
                "stateExitedEventDetails"
            };
            serde_json::json!({"id": id, "previousEventId": previous,
                "type": format!("PassState{kind}"), details: {"name": name}})
        };
        let history = serde_json::json!({"events": [
            event(2, 0, "Entered", "Both"), event(3, 2, "Entered", "Left"),
            event(4, 3, "Exited", "Left"), event(5, 2, "Entered", "Right"),
            event(6, 5, "Exited", "Both"), event(7, 6, "Entered", "Recover"),
            event(8, 7, "Exited", "Recover")
        ]});
        let trace = Trace::from_history(&history).unwrap();
        let chart = mermaid_traced(&machine, &trace);
        for expected in [
            "s0[\"Both<br/><small>Parallel, 1×</small>\"]\n        class s0 entered\n",
            "s3[\"Left<br/><small>Pass, 1×</small>\"]\n            class s3 entered\n",
            "s4([\"Right<br/><small>Fail, 1×, unfinished</small>\"])\n            class s4 failure\n            class s4 unfinished\n",
            "s1[\"Recover<br/><small>Pass, 1×</small>\"]\n    class s1 entered\n",
            "s2([\"Done<br/><small>Succeed</small>\"])\n    class s2 never\n",
            "classDef never ",
            // Links: start, Both to Done, its catcher to Recover, into each branch, Recover
            // to the end, Done to the end.
            "linkStyle 0,2,3,4,5 stroke:#1e7e34,stroke-width:3px\n",
        ] {
            assert!(chart.contains(expected), "{expected}\nnot in\n{chart}");
        }
        let plain = mermaid(&machine);
        assert!(!plain.contains("classDef entered"), "{plain}");
        assert!(
            plain.contains("s2([\"Done<br/><small>Succeed</small>\"])\n"),
            "{plain}"
        );
        // The same drawing, apart from the trace's marks.
        let unmarked: Vec<String> = chart
            .lines()
            .filter(|line| !line.contains("class s") || line.ends_with(" failure"))
            .filter(|line| {
                !line.contains("classDef entered")
                    && !line.contains("classDef unfinished")
                    && !line.contains("classDef never")
                    && !line.contains("linkStyle")
            })
            .map(|line| line.replace(", 1×, unfinished", "").replace(", 1×", ""))
            .collect();
        assert_eq!(unmarked, plain.lines().collect::<Vec<_>>());
    }

    /// A chain of Pass states with these names, in order.
    fn chain(names: &[&str]) -> StateMachine {
        let mut states = serde_json::Map::new();
        for (index, name) in names.iter().enumerate() {
            let state = match names.get(index + 1) {
                Some(next) => serde_json::json!({"Type": "Pass", "Next": next}),
                None => serde_json::json!({"Type": "Pass", "End": true}),
            };
            states.insert((*name).to_owned(), state);
        }
        let definition = serde_json::json!({"StartAt": names[0], "States": states});
        StateMachine::from_json(&definition.to_string()).expect("a chain parses")
    }

    #[test]
    fn markup_in_names_is_written_as_entities() {
        assert_eq!(
            escape("C <b> & \"q\" | #1"),
            "C #60;b> #38; #quot;q#quot; #124; #35;1"
        );
        assert_eq!(escape("$.total > 100"), "$.total > 100");
    }

    #[test]
    fn a_leading_backtick_does_not_start_a_markdown_string() {
        // `["`code`…"]` is Mermaid's Markdown string syntax, and a lexical error here.
        assert_eq!(escape("`code`"), "#96;code#96;");
    }

    #[test]
    fn mermaid_entity_placeholders_in_names_are_split() {
        // Mermaid stores `#35;` as `ﬂ°°35¶ß` and decodes those placeholders in the whole
        // drawing, after the labels are in place.
        assert_eq!(escape("para¶ßgraph"), "para¶#8288;ßgraph");
        assert_eq!(escape("ﬂ°°35¶ß"), "ﬂ#8288;°°35¶#8288;ß");
        assert_eq!(escape("Straße ¶ ﬂ"), "Straße ¶ ﬂ");
    }

    #[test]
    fn icons_math_and_escaped_line_breaks_are_not_drawn() {
        // Mermaid decodes the entities of a node label before it looks for these.
        assert_eq!(escape("fa:fa-car"), "fa:#8288;fa-car");
        assert_eq!(escape("fab:fa-github x:y"), "fab:#8288;fa-github x:y");
        assert_eq!(escape("style fa:fa-car"), "style fa#58;#8288;fa-car");
        assert_eq!(
            escape("$$.Execution.Name == $$.Execution.Input.name"),
            "$#8288;$.Execution.Name == $#8288;$.Execution.Input.name"
        );
        assert_eq!(escape("$.a == $.b"), "$.a == $.b");
        assert_eq!(escape("a\\nb \\d"), "a\\#8288;nb \\d");
    }

    #[test]
    fn a_direction_statement_inside_a_label_is_broken_up() {
        // Mermaid's lexer reads any line holding `direction LR` as a direction statement,
        // dropping the edge or node written on it.
        assert_eq!(escape("direction LR"), "d#8288;irection LR");
        assert_eq!(escape("Set Direction  td"), "Set D#8288;irection #160;td");
        assert_eq!(escape("direction up"), "direction up");
        assert_eq!(escape("directions LR"), "directions LR");
    }

    #[test]
    fn spaces_javascript_trims_are_kept_at_the_ends_of_a_line() {
        assert_eq!(escape("\u{3000}A"), "#12288;A");
        assert_eq!(escape("\u{a0}A\u{feff}"), "#160;A#65279;");
        assert_eq!(escape("\u{2028}"), "#8232;");
        // Inside a line they stay as they are.
        assert_eq!(escape("A\u{3000}B"), "A\u{3000}B");
    }

    #[test]
    fn colons_are_escaped_where_mermaid_would_read_a_style() {
        // Mermaid drops the `;` after `style…:…#…;` anywhere in a line: `style:#35;1` would
        // show as `style:#351`.
        assert_eq!(escape("style:#1;"), "style#58;#35;1;");
        assert_eq!(
            escape("lifestyle: a:\"b\""),
            "lifestyle#58; a#58;#quot;b#quot;"
        );
        assert_eq!(escape("classDef x:#y;"), "classDef x#58;#35;y;");
        assert_eq!(
            escape("arn:aws:states:::lambda:invoke"),
            "arn:aws:states:::lambda:invoke"
        );
    }

    #[test]
    fn names_cannot_hold_a_mermaid_directive() {
        // `%%{init: …}%%` anywhere in the text would configure the diagram and vanish.
        assert_eq!(
            escape("%%{init: {'theme':'forest'}}%%"),
            "%#37;{init: {'theme':'forest'}}%#37;"
        );
        assert_eq!(escape("50% off, %%%"), "50% off, %#37;#37;");
    }

    #[test]
    fn spaces_html_would_collapse_are_kept_and_line_breaks_drawn() {
        assert_eq!(escape("  both  "), "#160;#160;both#160;#160;");
        assert_eq!(escape("two  spaces"), "two #160;spaces");
        assert_eq!(escape(" "), "#160;");
        assert_eq!(escape("new\nline "), "new<br/>line#160;");
        assert_eq!(escape("one space"), "one space");
    }

    #[test]
    fn mermaid_keywords_and_look_alike_names_stay_distinct_nodes() {
        let chart = mermaid(&chain(&[
            "end",
            "graph",
            "subgraph",
            "class",
            "style",
            "click",
            "default",
            "a\"b",
            "a#quot;b",
            "a&quot;b",
            "tab\there",
            "",
        ]));
        for line in [
            r#"    s0["end<br/><small>Pass</small>"]"#,
            r#"    s1["graph<br/><small>Pass</small>"]"#,
            r#"    s2["subgraph<br/><small>Pass</small>"]"#,
            r#"    s3["class<br/><small>Pass</small>"]"#,
            r#"    s4["style<br/><small>Pass</small>"]"#,
            r#"    s5["click<br/><small>Pass</small>"]"#,
            r#"    s6["default<br/><small>Pass</small>"]"#,
            r#"    s7["a#quot;b<br/><small>Pass</small>"]"#,
            r#"    s8["a#35;quot;b<br/><small>Pass</small>"]"#,
            r#"    s9["a#38;quot;b<br/><small>Pass</small>"]"#,
            "    s10[\"tab\u{2409}here<br/><small>Pass</small>\"]",
            r#"    s11["<br/><small>Pass</small>"]"#,
            "    s0 --> s1",
            "    s10 --> s11",
            "    s11 --> finish",
        ] {
            assert!(
                chart.lines().any(|shown| shown == line),
                "{line} in\n{chart}"
            );
        }
    }

    #[test]
    fn an_empty_label_is_left_out() {
        // `-.->|""|` is a parse error; a catcher with an empty `ErrorEquals` catches nothing.
        let machine = StateMachine::from_json(
            r#"{"StartAt": "Call", "States": {
                "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Catch": [{"ErrorEquals": [], "Next": "Caught"}], "End": true},
                "Caught": {"Type": "Pass", "End": true}}}"#,
        )
        .expect("parses");
        let chart = mermaid(&machine);
        assert!(chart.contains("    s0 -.-> s1\n"), "{chart}");
        assert!(!chart.contains("|\"\"|"), "{chart}");
    }

    #[test]
    fn edge_labels_are_escaped_like_names() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "Call", "States": {
                "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Catch": [{"ErrorEquals": ["`Tick`", "Tab\tError"], "Next": "Caught"}],
                         "Next": "Route"},
                "Route": {"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [
                    {"Condition": "{% `field name` = \"a|b\"\n  and $x %}", "Next": "Caught"}],
                    "Default": "Caught"},
                "Caught": {"Type": "Pass", "End": true}}}"#,
        )
        .expect("parses");
        let chart = mermaid(&machine);
        for line in [
            "    s0 -.->|\"#96;Tick#96;, Tab\u{2409}Error\"| s2",
            r##"    s1 -->|"#96;field name#96; = #quot;a#124;b#quot;<br/>#160;#160;and $x"| s2"##,
        ] {
            assert!(
                chart.lines().any(|shown| shown == line),
                "{line} in\n{chart}"
            );
        }
    }

    #[test]
    fn a_catcher_of_many_errors_is_labelled_shortly() {
        let machine = super::super::fixtures::catcher_of_many_errors();
        let chart = mermaid(&machine);
        assert!(
            chart
                .contains("    s0 -.->|\"MyService.Errors.SomethingWentWrongN…, +399 more\"| s1\n"),
            "{chart}"
        );
    }
}
