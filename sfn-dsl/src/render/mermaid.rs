//! Mermaid flowcharts.

use std::fmt::Write;

use super::layout::{Drawing, Item, Shape, Style, layout};
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
    let drawing = layout(machine);
    let mut out = String::from("flowchart TD\n");
    out.push_str("    start((\"start\"))\n");
    items(&mut out, &drawing.items, 1);
    edges(&mut out, &drawing);
    out
}

fn items(out: &mut String, list: &[Item], depth: usize) {
    let indent = "    ".repeat(depth);
    for item in list {
        match item {
            Item::Node(node) => {
                let text = format!(
                    "{}<br/><small>{}</small>",
                    escape(&node.name),
                    node.type_name
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

fn edges(out: &mut String, drawing: &Drawing) {
    if let Some(start) = &drawing.start {
        let _ = writeln!(out, "    start --> {start}");
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
    }
    if !drawing.ends.is_empty() {
        out.push_str("    finish((\"end\"))\n");
        for end in &drawing.ends {
            let _ = writeln!(out, "    {end} --> finish");
        }
    }
    out.push_str("    classDef failure stroke:#c00,color:#c00\n");
}

/// Mermaid labels are double-quoted; quotes and the characters Mermaid reads as markup are
/// written as entities: `<` (which could open an HTML tag; `>` alone cannot, and stays
/// readable in conditions such as `$.total > 100`) and `&` (which could start an entity).
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '"' => escaped.push_str("#quot;"),
            '#' => escaped.push_str("#35;"),
            '|' => escaped.push_str("#124;"),
            '<' => escaped.push_str("#60;"),
            '&' => escaped.push_str("#38;"),
            '\n' => escaped.push(' '),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_names_is_written_as_entities() {
        assert_eq!(
            escape("C <b> & \"q\" | #1"),
            "C #60;b> #38; #quot;q#quot; #124; #35;1"
        );
        assert_eq!(escape("$.total > 100"), "$.total > 100");
    }
}
