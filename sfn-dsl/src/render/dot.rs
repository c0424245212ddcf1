//! Graphviz DOT.

use std::fmt::Write;

use super::layout::{Item, Node, Shape, Style, Visits, layout};
use super::trace::Trace;
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
    render(machine, None)
}

/// [`dot`], with what executions did drawn over it, as in
/// [`mermaid_traced`](super::mermaid_traced): counts after the type, states entered filled
/// green, states never left outlined in red, states never entered greyed out, transitions
/// taken thick and green.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::{StateMachine, render};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Wait", "States": {
///     "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Done"},
///     "Done": {"Type": "Succeed"}}}"#)?;
/// let history = json!({"events": [
///     {"type": "WaitStateEntered", "stateEnteredEventDetails": {"name": "Wait"}}
/// ]});
/// let graph = render::dot_traced(&machine, &render::Trace::from_history(&history)?);
/// assert!(graph.contains(r##"s0 [label="Wait\n(Wait, 1×, unfinished)", shape=parallelogram, style=filled, color="#cc0000", fillcolor="#fdecea", penwidth=3];"##));
/// assert!(graph.contains(r##"s1 [label="Done\n(Succeed)", shape=box, style="rounded,bold,dashed", color="#bbbbbb", fontcolor="#888888"];"##));
/// // The run started there, and went no further.
/// assert!(graph.contains(r##"start -> s0 [color="#1e7e34", penwidth=3];"##));
/// assert!(graph.contains("s0 -> s1;"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn dot_traced(machine: &StateMachine, trace: &Trace) -> String {
    render(machine, Some(trace))
}

fn render(machine: &StateMachine, trace: Option<&Trace>) -> String {
    let drawing = layout(machine, trace);
    let mut out = String::from("digraph StateMachine {\n");
    out.push_str("    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("    start [label=\"start\", shape=circle];\n");
    items(&mut out, &drawing.items, 1);
    let taken = |was_taken: bool| {
        if was_taken {
            " [color=\"#1e7e34\", penwidth=3]"
        } else {
            ""
        }
    };
    if let Some((start, entered)) = &drawing.start {
        let _ = writeln!(out, "    start -> {start}{};", taken(*entered));
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
        if edge.taken {
            attributes.push("color=\"#1e7e34\"".to_owned());
            attributes.push("penwidth=3".to_owned());
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
        for (end, ended) in &drawing.ends {
            let _ = writeln!(out, "    {end} -> end{};", taken(*ended));
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
                let attributes = node_attributes(node);
                let _ = writeln!(
                    out,
                    "{indent}{} [label=\"{}\\n({}{})\", {attributes}];",
                    node.id,
                    escape(&node.name),
                    node.type_name,
                    Visits::suffix(node.visits)
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

/// The shape and style of a node: its type's shape, and with a trace, how the runs
/// marked it (filled green when entered, red when never left, grey and dashed when never
/// entered).
fn node_attributes(node: &Node) -> String {
    let (shape, mut styles): (&str, Vec<&str>) = match node.shape {
        Shape::Box => ("box", vec!["rounded"]),
        Shape::Decision => ("diamond", vec![]),
        Shape::Pause => ("parallelogram", vec![]),
        Shape::Success | Shape::Failure => ("box", vec!["rounded", "bold"]),
    };
    let mut color = (node.shape == Shape::Failure).then_some("#cc0000");
    let mut extra = "";
    match node.visits {
        None => {}
        Some(Visits::Never) => {
            styles.push("dashed");
            color = Some("#bbbbbb");
            extra = ", fontcolor=\"#888888\"";
        }
        Some(Visits::Entered(_)) => {
            styles.push("filled");
            extra = ", fillcolor=\"#e6f4ea\"";
        }
        Some(Visits::Unfinished(_)) => {
            styles.push("filled");
            color = Some("#cc0000");
            extra = ", fillcolor=\"#fdecea\"";
        }
    }
    let mut attributes = format!("shape={shape}");
    match styles.as_slice() {
        [] => {}
        [one] => {
            let _ = write!(attributes, ", style={one}");
        }
        many => {
            let _ = write!(attributes, ", style=\"{}\"", many.join(","));
        }
    }
    if let Some(color) = color {
        let _ = write!(attributes, ", color=\"{color}\"");
    }
    attributes.push_str(extra);
    if matches!(node.visits, Some(Visits::Unfinished(_))) {
        attributes.push_str(", penwidth=3");
    }
    attributes
}

/// The most bytes written in one DOT double-quoted string. Graphviz's scanner refuses a
/// longer one ("longer than 16384?"), so a longer text is written as several strings
/// joined with DOT's `+`, which Graphviz reads back as one.
const MAX_QUOTED_BYTES: usize = 4096;

/// A label, for inside a DOT double-quoted string: `\` and `"` escaped as `\\` and `\"`, a
/// line break as `\n`. Graphviz also reads `\N`, `\G` and the like (kept literal by the doubled
/// backslash) and HTML entities even in plain labels (a state named `&amp;` would show as
/// `&`), so `&` is written as `&amp;`. A long text (a name of a generated definition) is
/// split, between escapes, into strings of at most [`MAX_QUOTED_BYTES`] joined with `" + "`
/// (the caller may close the last with a few more bytes, such as a node's type).
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut piece_start = 0;
    for character in text.chars() {
        let written = match character {
            '\\' => Some("\\\\"),
            '"' => Some("\\\""),
            '\n' => Some("\\n"),
            '&' => Some("&amp;"),
            _ => None,
        };
        let length = written.map_or(character.len_utf8(), str::len);
        if escaped.len() - piece_start + length > MAX_QUOTED_BYTES {
            escaped.push_str("\" + \"");
            piece_start = escaped.len();
        }
        match written {
            Some(written) => escaped.push_str(written),
            None => escaped.push(character),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::{MAX_QUOTED_BYTES, dot};
    use crate::StateMachine;

    /// The double-quoted strings of a DOT text, as written (escapes and all).
    fn quoted_strings(graph: &str) -> Vec<&str> {
        let mut strings = Vec::new();
        let mut start = None;
        let mut escaped = false;
        for (at, character) in graph.char_indices() {
            match (start, character) {
                (None, '"') => start = Some(at + 1),
                (Some(_), _) if escaped => escaped = false,
                (Some(_), '\\') => escaped = true,
                (Some(opened), '"') => {
                    strings.push(&graph[opened..at]);
                    start = None;
                }
                _ => {}
            }
        }
        assert!(start.is_none(), "a string is left open in\n{graph}");
        strings
    }

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

    #[test]
    fn a_catcher_of_many_errors_is_labelled_shortly() {
        let machine = super::super::fixtures::catcher_of_many_errors();
        let graph = dot(&machine);
        assert!(
            graph.contains(
                "    s0 -> s1 [label=\"MyService.Errors.SomethingWentWrongN…, +399 more\", style=dashed];\n"
            ),
            "{graph}"
        );
    }

    #[test]
    fn long_texts_are_split_into_strings_graphviz_can_read() {
        // Graphviz refuses a quoted string of 16384 bytes or more. A definition that is not
        // for AWS (whose names have at most 80 characters) can have longer names.
        let long = format!("{}\\\"&é\n", "x".repeat(3000)).repeat(12);
        let machine = StateMachine::from_value(&serde_json::json!({
            "StartAt": long, "States": {
                long.clone(): {"Type": "Parallel", "Branches": [
                    {"StartAt": "In", "States": {"In": {"Type": "Succeed"}}}], "End": true}}
        }))
        .expect("parses");
        let graph = dot(&machine);
        let strings = quoted_strings(&graph);
        let longest = strings.iter().map(|string| string.len()).max();
        assert!(
            longest.is_some_and(|longest| longest <= MAX_QUOTED_BYTES + 64),
            "{longest:?}"
        );
        // Joined with `+`, the strings read back as the whole escaped name.
        let escaped = super::escape(&long);
        assert!(escaped.len() > 16_384);
        let joined = escaped.replace("\" + \"", "");
        assert_eq!(
            joined,
            long.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
                .replace('&', "&amp;")
        );
        let graph = graph.replace("\" + \"", "");
        assert!(
            graph.contains(&format!("label=\"Parallel {joined}\";")),
            "the cluster's title"
        );
        assert!(
            graph.contains(&format!("s0 [label=\"{joined}\\n(Parallel)\"")),
            "the node's label"
        );
    }
}
