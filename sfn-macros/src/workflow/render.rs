//! The state graph -> a JSON template with holes for the parts only known at run time.

use std::collections::HashMap;
use std::fmt::Write as _;

use proc_macro2::TokenStream;

use super::graph::{Assign, Graph, Kind, State, StateId, Target, Value, WaitFor};
use super::js::{Js, Key, Piece};
use super::names::{document_order, target_name};
use crate::jsonata::string_literal;

/// The marker around hole numbers (`__private::assemble` fills them).
const HOLE: char = '\u{1}';

/// JSON text being written, and the holes it refers to.
#[derive(Default)]
pub(crate) struct Template {
    pub(crate) text: String,
    pub(crate) holes: Vec<TokenStream>,
    index: HashMap<String, usize>,
    /// In fingerprint mode, holes are written as their tokens.
    fingerprint: bool,
}

impl Template {
    fn hole(&mut self, tokens: &TokenStream) {
        if self.fingerprint {
            let _ = write!(self.text, "<{tokens}>");
            return;
        }
        let key = tokens.to_string();
        let next = self.holes.len();
        let index = *self.index.entry(key).or_insert(next);
        if index == next {
            self.holes.push(tokens.clone());
        }
        let _ = write!(self.text, "{HOLE}{index}{HOLE}");
    }

    fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn escaped(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\r' => self.text.push_str("\\r"),
                '\t' => self.text.push_str("\\t"),
                c if u32::from(c) < 0x20 => {
                    let _ = write!(self.text, "\\u{:04x}", u32::from(c));
                }
                c => self.text.push(c),
            }
        }
    }

    fn string(&mut self, text: &str) {
        self.raw("\"");
        self.escaped(text);
        self.raw("\"");
    }

    fn pieces(&mut self, pieces: &[Piece]) {
        for piece in pieces {
            match piece {
                Piece::Text(text) => self.escaped(text),
                Piece::Hole(hole) => self.hole(&hole.tokens),
            }
        }
    }

    fn key(&mut self, key: &str) {
        self.string(key);
        self.raw(":");
    }

    /// A value as JSON: literals as themselves, anything else as `{% … %}`.
    fn js(&mut self, js: &Js) {
        match js {
            // A string AWS would evaluate (`{% … %}`) is written as an expression whose
            // value is that text, so that a Rust literal stays a literal.
            Js::Str(text) if text.len() >= 4 && text.starts_with("{%") && text.ends_with("%}") => {
                self.raw("\"{% ");
                self.escaped(&string_literal(text));
                self.raw(" %}\"");
            }
            Js::Str(text) => self.string(text),
            Js::Num(text) => self.raw(text),
            Js::Bool(value) => self.raw(if *value { "true" } else { "false" }),
            Js::Null => self.raw("null"),
            Js::Array(items) if js.is_literal() => {
                self.raw("[");
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.raw(",");
                    }
                    self.js(item);
                }
                self.raw("]");
            }
            other => {
                self.raw("\"{% ");
                self.pieces(&other.render());
                self.raw(" %}\"");
            }
        }
    }

    fn value(&mut self, value: &Value) {
        match value {
            Value::Js(js) => self.js(js),
            Value::Object(fields) => {
                self.raw("{");
                for (index, (key, value)) in fields.iter().enumerate() {
                    if index > 0 {
                        self.raw(",");
                    }
                    self.raw("\"");
                    match key {
                        Key::Text(text) => self.escaped(text),
                        Key::Hole(hole) => self.hole(&hole.tokens),
                    }
                    self.raw("\":");
                    self.value(value);
                }
                self.raw("}");
            }
        }
    }

    fn assign(&mut self, assign: &Assign) {
        self.key("Assign");
        self.raw("{");
        for (index, (name, value)) in assign.iter().enumerate() {
            if index > 0 {
                self.raw(",");
            }
            self.key(name);
            self.js(value);
        }
        self.raw("}");
    }
}

/// Writes targets by name (or by id, for fingerprints).
struct Namer<'a> {
    names: Option<&'a HashMap<StateId, String>>,
}

impl Namer<'_> {
    fn target(&self, template: &mut Template, target: Target) {
        match (self.names, target) {
            (Some(names), target) => template.string(target_name(names, target).unwrap_or("")),
            (None, Target::State(id)) => template.raw(&format!("\"#{id}\"")),
            (None, other) => template.raw(&format!("\"{other:?}\"")),
        }
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one section per state type, in ASL's field order"
)]
fn state(template: &mut Template, graph: &Graph, namer: &Namer<'_>, state: &State) {
    template.raw("{");
    let type_name = match &state.kind {
        Kind::Task { .. } => "Task",
        Kind::Choice { .. } => "Choice",
        Kind::Wait(_) => "Wait",
        Kind::Pass => "Pass",
        Kind::Parallel { .. } => "Parallel",
        Kind::Map { .. } => "Map",
        Kind::Succeed => "Succeed",
        Kind::Fail { .. } => "Fail",
    };
    template.key("Type");
    template.string(type_name);
    match &state.kind {
        Kind::Task {
            path,
            arguments,
            callback,
        } => {
            template.raw(",");
            template.key("Resource");
            if template.fingerprint {
                template.string(&format!("{path}{callback}"));
            } else {
                template.string("arn:aws:states:::sfn-macros:pending");
            }
            if let Some(arguments) = arguments {
                template.raw(",");
                template.key("Arguments");
                template.value(arguments);
            }
        }
        Kind::Choice { rules, default } => {
            template.raw(",");
            template.key("Choices");
            template.raw("[");
            for (index, rule) in rules.iter().enumerate() {
                if index > 0 {
                    template.raw(",");
                }
                template.raw("{");
                template.key("Condition");
                template.js(&rule.condition);
                if !rule.assign.is_empty() {
                    template.raw(",");
                    template.assign(&rule.assign);
                }
                template.raw(",");
                template.key("Next");
                if let Some(next) = rule.next {
                    namer.target(template, next);
                } else {
                    template.string("");
                }
                template.raw("}");
            }
            template.raw("]");
            if let Some(default) = default {
                template.raw(",");
                template.key("Default");
                namer.target(template, *default);
            }
        }
        Kind::Wait(wait) => {
            template.raw(",");
            match wait {
                WaitFor::Seconds(seconds) => {
                    template.key("Seconds");
                    template.js(seconds);
                }
                WaitFor::Timestamp(instant) => {
                    template.key("Timestamp");
                    template.js(instant);
                }
            }
        }
        Kind::Parallel { branches } => {
            template.raw(",");
            template.key("Branches");
            template.raw("[");
            for (index, branch) in branches.iter().enumerate() {
                if index > 0 {
                    template.raw(",");
                }
                state_list(template, graph, namer, *branch, None);
            }
            template.raw("]");
        }
        Kind::Map {
            items,
            processor,
            max_concurrency,
            ..
        } => {
            if let Some(items) = items {
                template.raw(",");
                template.key("Items");
                template.js(items);
            }
            if let Some(max) = max_concurrency {
                template.raw(",");
                template.key("MaxConcurrency");
                template.js(max);
            }
            template.raw(",");
            template.key("ItemProcessor");
            state_list(template, graph, namer, *processor, None);
        }
        Kind::Fail { error, cause } => {
            template.raw(",");
            template.key("Error");
            template.js(error);
            if *cause != Js::Str(String::new()) {
                template.raw(",");
                template.key("Cause");
                template.js(cause);
            }
        }
        Kind::Pass | Kind::Succeed => {}
    }
    if let Some(output) = &state.output {
        template.raw(",");
        template.key("Output");
        template.value(output);
    }
    if !state.assign.is_empty() && !matches!(state.kind, Kind::Succeed | Kind::Fail { .. }) {
        template.raw(",");
        template.assign(&state.assign);
    }
    if !state.catch.is_empty() {
        template.raw(",");
        template.key("Catch");
        template.raw("[");
        for (index, catcher) in state.catch.iter().enumerate() {
            if index > 0 {
                template.raw(",");
            }
            template.raw("{");
            template.key("ErrorEquals");
            template.raw("[");
            for (position, error) in catcher.errors.iter().enumerate() {
                if position > 0 {
                    template.raw(",");
                }
                template.string(error);
            }
            template.raw("]");
            if !catcher.assign.is_empty() {
                template.raw(",");
                template.assign(&catcher.assign);
            }
            template.raw(",");
            template.key("Next");
            if let Some(next) = catcher.next {
                namer.target(template, next);
            } else {
                template.string("");
            }
            template.raw("}");
        }
        template.raw("]");
    }
    if template.fingerprint {
        for call in &state.patch.calls {
            let _ = write!(template.text, ",<{call}>");
        }
    }
    if !matches!(
        state.kind,
        Kind::Choice { .. } | Kind::Succeed | Kind::Fail { .. }
    ) {
        template.raw(",");
        match state.next {
            Some(Target::End) | None => {
                template.key("End");
                template.raw("true");
            }
            Some(next) => {
                template.key("Next");
                namer.target(template, next);
            }
        }
    }
    template.raw("}");
}

/// `{"StartAt": …, "States": {…}}` of a state list, with extra top-level fields first.
fn state_list(
    template: &mut Template,
    graph: &Graph,
    namer: &Namer<'_>,
    scope: usize,
    head: Option<&str>,
) {
    template.raw("{");
    if let Some(head) = head {
        template.raw(head);
    }
    template.key("StartAt");
    match graph.scopes.get(scope).and_then(|scope| scope.start) {
        Some(start) => namer.target(template, start),
        None => template.string(""),
    }
    template.raw(",");
    template.key("States");
    template.raw("{");
    let mut first = true;
    if let Some(list) = graph.scopes.get(scope) {
        for &id in &list.states {
            let Some(entry) = graph.states.get(id) else {
                continue;
            };
            if entry.removed {
                continue;
            }
            if !first {
                template.raw(",");
            }
            first = false;
            let name = namer
                .names
                .and_then(|names| names.get(&id))
                .cloned()
                .unwrap_or_default();
            template.key(&name);
            state(template, graph, namer, entry);
        }
    }
    template.raw("}}");
}

/// The content of a state, for finding identical ones.
pub(crate) fn fingerprint(entry: &State) -> String {
    let mut template = Template {
        fingerprint: true,
        ..Template::default()
    };
    let graph = Graph::default();
    state(&mut template, &graph, &Namer { names: None }, entry);
    template.text
}

/// Header fields of the machine.
pub(crate) struct Header {
    pub(crate) comment: Option<String>,
    pub(crate) timeout_secs: Option<u64>,
}

pub(crate) fn render(graph: &Graph, names: &HashMap<StateId, String>, header: &Header) -> Template {
    let mut template = Template::default();
    let mut head = Template::default();
    if let Some(comment) = &header.comment {
        head.key("Comment");
        head.string(comment);
        head.raw(",");
    }
    head.key("QueryLanguage");
    head.string("JSONata");
    head.raw(",");
    if let Some(timeout) = header.timeout_secs {
        head.key("TimeoutSeconds");
        head.raw(&timeout.to_string());
        head.raw(",");
    }
    state_list(
        &mut template,
        graph,
        &Namer { names: Some(names) },
        0,
        Some(&head.text),
    );
    template
}

/// The states in document order with their final names (for patches).
pub(crate) fn ordered(graph: &Graph) -> Vec<StateId> {
    let mut order = Vec::new();
    document_order(graph, 0, &mut order);
    order
}
