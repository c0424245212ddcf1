//! Graphviz DOT.

use std::fmt::Write;

use super::layout::{Item, Shape, Style, layout};
use crate::model::StateMachine;

/// The machine as a Graphviz `digraph`; Parallel and Map states are clusters.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, render};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {
///     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "End": true},
///     "Failed": {"Type": "Fail"}}}"#)?;
/// let graph = render::dot(&machine);
/// assert!(graph.contains(r#"s0 -> s1 [label="States.ALL", style=dashed];"#));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn dot(machine: &StateMachine) -> String {
    let drawing = layout(machine);
    let mut out = String::from("digraph StateMachine {\n");
    out.push_str("    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("    start [label=\"start\", shape=circle];\n");
    items(&mut out, &drawing.items, 1);
    if let Some(start) = &drawing.start {
        let _ = writeln!(out, "    start -> {start};");
    }
    for edge in &drawing.edges {
        let mut attributes = Vec::new();
        if let Some(label) = &edge.label {
            attributes.push(format!("label=\"{}\"", escape(label)));
        }
        match edge.style {
            Style::Solid => {}
            Style::Dashed => attributes.push("style=dashed".to_owned()),
            Style::Bold => attributes.push("style=bold".to_owned()),
        }
        if attributes.is_empty() {
            let _ = writeln!(out, "    {} -> {};", edge.from, edge.to);
        } else {
            let _ = writeln!(
                out,
                "    {} -> {} [{}];",
                edge.from,
                edge.to,
                attributes.join(", ")
            );
        }
    }
    if !drawing.ends.is_empty() {
        out.push_str("    end [label=\"end\", shape=doublecircle];\n");
        for end in &drawing.ends {
            let _ = writeln!(out, "    {end} -> end;");
        }
    }
    out.push_str("}\n");
    out
}

fn items(out: &mut String, list: &[Item], depth: usize) {
    let indent = "    ".repeat(depth);
    for item in list {
        match item {
            Item::Node(node) => {
                let shape = match node.shape {
                    Shape::Box => "shape=box, style=rounded",
                    Shape::Decision => "shape=diamond",
                    Shape::Pause => "shape=parallelogram",
                    Shape::Success => "shape=box, style=\"rounded,bold\"",
                    Shape::Failure => "shape=box, style=\"rounded,bold\", color=\"#cc0000\"",
                };
                let _ = writeln!(
                    out,
                    "{indent}{} [label=\"{}\\n({})\", {shape}];",
                    node.id,
                    escape(&node.name),
                    node.type_name
                );
            }
            Item::Group(group) => {
                let _ = writeln!(out, "{indent}subgraph cluster_{} {{", group.id);
                let _ = writeln!(out, "{indent}    label=\"{}\";", escape(&group.title));
                items(out, &group.items, depth + 1);
                let _ = writeln!(out, "{indent}}}");
            }
        }
    }
}

/// A label, for inside a DOT double-quoted string: `\` and `"` escaped as `\\` and `\"`, a
/// line break as `\n`. Graphviz also reads `\N`, `\G` and the like (kept literal by the doubled
/// backslash) and HTML entities even in plain labels (a state named `&amp;` would show as
/// `&`), so `&` is written as `&amp;`.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('&', "&amp;")
}

#[cfg(test)]
mod tests {
    use super::dot;
    use crate::StateMachine;

    #[test]
    fn names_are_escaped_and_look_alike_names_stay_distinct_nodes() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "a\"b", "States": {
                "a\"b": {"Type": "Pass", "Next": "a\\\"b"},
                "a\\\"b": {"Type": "Pass", "Next": "back\\N"},
                "back\\N": {"Type": "Pass", "Next": "new\nline"},
                "new\nline": {"Type": "Pass", "Next": "end"},
                "end": {"Type": "Pass", "Next": "graph"},
                "graph": {"Type": "Pass", "End": true}}}"#,
        )
        .expect("parses");
        let graph = dot(&machine);
        for line in [
            r#"    s0 [label="a\"b\n(Pass)", shape=box, style=rounded];"#,
            r#"    s1 [label="a\\\"b\n(Pass)", shape=box, style=rounded];"#,
            r#"    s2 [label="back\\N\n(Pass)", shape=box, style=rounded];"#,
            r#"    s3 [label="new\nline\n(Pass)", shape=box, style=rounded];"#,
            r#"    s4 [label="end\n(Pass)", shape=box, style=rounded];"#,
            r#"    s5 [label="graph\n(Pass)", shape=box, style=rounded];"#,
            "    s0 -> s1;",
            "    s5 -> end;",
        ] {
            assert!(
                graph.lines().any(|shown| shown == line),
                "{line} in\n{graph}"
            );
        }
    }

    #[test]
    fn ampersands_are_written_as_entities() {
        // Graphviz decodes HTML entities in plain labels too.
        let machine = StateMachine::from_json(
            r#"{"StartAt": "&amp;", "States": {
                "&amp;": {"Type": "Pass", "Next": "a & b"},
                "a & b": {"Type": "Pass", "Next": "&#35;"},
                "&#35;": {"Type": "Pass", "End": true}}}"#,
        )
        .expect("parses");
        let graph = dot(&machine);
        for line in [
            r#"    s0 [label="&amp;amp;\n(Pass)", shape=box, style=rounded];"#,
            r#"    s1 [label="a &amp; b\n(Pass)", shape=box, style=rounded];"#,
            r#"    s2 [label="&amp;#35;\n(Pass)", shape=box, style=rounded];"#,
        ] {
            assert!(
                graph.lines().any(|shown| shown == line),
                "{line} in\n{graph}"
            );
        }
    }

    #[test]
    fn control_characters_are_shown_as_control_pictures() {
        // Graphviz cannot read a NUL in a string at all.
        let machine = StateMachine::from_json(
            r#"{"StartAt": "nul\u0000here", "States": {
                "nul\u0000here": {"Type": "Parallel", "Branches": [
                    {"StartAt": "tab\there", "States": {"tab\there": {"Type": "Succeed"}}}],
                    "Catch": [{"ErrorEquals": ["cr\rerror"], "Next": "bell\u0007"}], "End": true},
                "bell\u0007": {"Type": "Fail"}}}"#,
        )
        .expect("parses");
        let graph = dot(&machine);
        assert!(!graph.contains('\0'), "{graph}");
        for line in [
            "        label=\"Parallel nul\u{2400}here\";",
            "        s0 [label=\"nul\u{2400}here\\n(Parallel)\", shape=box, style=rounded];",
            "            s2 [label=\"tab\u{2409}here\\n(Succeed)\", shape=box, style=\"rounded,bold\"];",
            "    s1 [label=\"bell\u{2407}\\n(Fail)\", shape=box, style=\"rounded,bold\", color=\"#cc0000\"];",
            "    s0 -> s1 [label=\"cr\u{240d}error\", style=dashed];",
        ] {
            assert!(
                graph.lines().any(|shown| shown == line),
                "{line} in\n{graph}"
            );
        }
    }

    #[test]
    fn a_catcher_without_errors_has_no_label() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "Call", "States": {
                "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Catch": [{"ErrorEquals": [], "Next": "Caught"}], "End": true},
                "Caught": {"Type": "Pass", "End": true}}}"#,
        )
        .expect("parses");
        assert!(dot(&machine).contains("    s0 -> s1 [style=dashed];\n"));
    }
}
