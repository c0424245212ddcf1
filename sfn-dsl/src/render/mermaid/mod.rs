//! Mermaid flowcharts.

mod escape;

use std::fmt::Write;

use escape::escape;

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

/// How many edges (Mermaid's links) [`mermaid`] and [`mermaid_traced`] draw for the
/// machine, the start and end markers' included. Mermaid refuses a chart with more than
/// its `maxEdges` (500 unless the site showing it raises it).
///
/// # Examples
///
/// ```
/// use sfn_dsl::{StateMachine, render};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Hello", "States": {
///     "Hello": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#)?;
/// // start --> Hello, Hello --> Done, Done --> end
/// assert_eq!(render::mermaid_edge_count(&machine), 3);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn mermaid_edge_count(machine: &StateMachine) -> usize {
    let drawing = layout(machine, None);
    usize::from(drawing.start.is_some()) + drawing.edges.len() + drawing.ends.len()
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

#[cfg(test)]
mod tests {
    use super::{mermaid, mermaid_edge_count, mermaid_traced};
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
            // The branch failed: `Both` failed, and its catcher took the run to `Recover`.
            {"id": 6, "previousEventId": 5, "type": "ParallelStateFailed"},
            event(7, 6, "Exited", "Both"), event(8, 7, "Entered", "Recover"),
            event(9, 8, "Exited", "Recover")
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

    /// The count Mermaid's `maxEdges` is checked against: every link line of the chart,
    /// into branches and processors and to the end marker included.
    #[test]
    fn the_edge_count_is_the_number_of_links_drawn() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "Route", "States": {
                "Route": {"Type": "Choice", "Choices": [
                    {"Variable": "$.a", "IsPresent": true, "Next": "Both"},
                    {"Variable": "$.b", "IsPresent": true, "Next": "Each"}], "Default": "Done"},
                "Both": {"Type": "Parallel", "Branches": [
                    {"StartAt": "L", "States": {"L": {"Type": "Pass", "Next": "L2"}, "L2": {"Type": "Pass", "End": true}}},
                    {"StartAt": "R", "States": {"R": {"Type": "Fail"}}}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done"},
                "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "One", "States": {
                    "One": {"Type": "Pass", "End": true}}}, "End": true},
                "Done": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        let chart = mermaid(&machine);
        let links = chart
            .lines()
            .filter(|line| {
                let mut tokens = line.split_whitespace().skip(1);
                tokens.next().is_some_and(|arrow| {
                    ["-->", "-.->", "==>"]
                        .iter()
                        .any(|kind| arrow.starts_with(kind))
                })
            })
            .count();
        // start, 3 from Route, 2 from Both, 3 into lists, L to L2, 2 to the end.
        assert_eq!(links, 12, "{chart}");
        assert_eq!(mermaid_edge_count(&machine), links);
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
