//! Writing chains into model state lists once the machine's query language is known:
//! deferred requests, nested lists, open ends, and the per-state build checks.

use std::collections::HashSet;

use super::arg::{Entry, Reads, Request, malformed};
use super::chain::{Chain, DeferredField, Node, NodeState, Slot};
use super::{check, depth};
use crate::error::{BuildIssue, BuildIssueKind};
use crate::model::{
    Branch, Dynamic, DynamicValue, ItemProcessor, Jsonata, Nullable, Payload, PayloadField,
    PayloadObject, QueryLanguage, ServiceIntegration, State, StateName, States, WaitDuration,
};
use crate::source::escape_pointer_segment;

/// Where a state is written: for pointers in messages, computed only when needed.
#[derive(Clone, Copy)]
pub(crate) struct Loc<'a> {
    pub(crate) list: &'a str,
    pub(crate) name: &'a StateName,
}

impl Loc<'_> {
    /// The pointer of the state itself.
    pub(crate) fn pointer(&self) -> String {
        format!(
            "{}/States/{}",
            self.list,
            escape_pointer_segment(self.name.as_str())
        )
    }

    /// The pointer of `suffix` (such as `/Retry/0`) below the state.
    pub(crate) fn field(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.pointer())
    }
}

/// The state of a build: the machine's default query language and what went wrong.
pub(crate) struct Lowering {
    pub(crate) default_language: QueryLanguage,
    pub(crate) issues: Vec<BuildIssue>,
    /// Pointers whose graph problems are already reported in better words.
    pub(crate) covered: HashSet<String>,
    /// Whether a state of a nested list (a branch, an item processor) assigns a variable:
    /// only then can an inner scope reuse an outer variable's name, so only then does
    /// `build()` look for it.
    pub(crate) nested_assign: bool,
}

impl Lowering {
    pub(crate) fn new(default_language: QueryLanguage) -> Self {
        Self {
            default_language,
            issues: Vec::new(),
            covered: HashSet::new(),
            nested_assign: false,
        }
    }

    pub(crate) fn report(
        &mut self,
        kind: BuildIssueKind,
        pointer: String,
        state: Option<&StateName>,
        message: impl Into<String>,
    ) {
        self.issues
            .push(BuildIssue::new(kind, pointer, state.cloned(), message));
    }

    /// Writes `chain` as the state list at `list` (`""` for the machine); `what` names the
    /// list in messages ("the machine", "branch 0 of Parallel state `P`").
    pub(crate) fn list(
        &mut self,
        chain: Chain,
        list: &str,
        owner: Option<&StateName>,
        what: &dyn Fn() -> String,
    ) -> (StateName, States) {
        let Some(start) = chain.start_name().cloned() else {
            self.report(
                BuildIssueKind::EmptyStateList,
                list.to_owned(),
                owner,
                format!("{} has no states", what()),
            );
            self.covered.insert(format!("{list}/StartAt"));
            return (StateName::default(), States::new());
        };
        for slot in &chain.open {
            self.report_dangling(&chain.nodes, *slot, list);
        }
        let level = depth::state_level(list);
        // The main path first, then catch handlers.
        let mut states = States::with_capacity(chain.nodes.len());
        let mut handlers =
            Vec::with_capacity(chain.nodes.iter().filter(|node| node.handler).count());
        for node in chain.nodes {
            if node.handler {
                handlers.push(node);
            } else {
                let (name, state) = self.node(node, list, level);
                states.insert(name, state);
            }
        }
        for node in handlers {
            let (name, state) = self.node(node, list, level);
            states.insert(name, state);
        }
        (start, states)
    }

    fn report_dangling(&mut self, nodes: &[Node], slot: Slot, list: &str) {
        let Some(node) = nodes.get(slot.node()) else {
            return;
        };
        let loc = Loc {
            list,
            name: &node.name,
        };
        let (pointer, what) = match slot {
            Slot::Next(_) => return,
            Slot::Rule(_, rule) => (
                loc.field(&format!("/Choices/{rule}/Next")),
                format!("rule {rule} of Choice state `{}`", node.name),
            ),
            Slot::Default(_) => (
                loc.field("/Default"),
                format!("the `Default` of Choice state `{}`", node.name),
            ),
            Slot::Catch(_, catcher) => (
                loc.field(&format!("/Catch/{catcher}/Next")),
                format!("catcher {catcher} of state `{}`", node.name),
            ),
        };
        self.covered.insert(pointer.clone());
        self.issues.push(
            BuildIssue::new(
                BuildIssueKind::DanglingTransition,
                pointer,
                Some(node.name.clone()),
                format!("{what} continues with the next state, but nothing follows it"),
            )
            .with_hint("add a state after it with `.next(...)`, or give it a target of its own"),
        );
    }

    /// Writes one state; returns it with its name.
    /// `level` is the JSON level of the list's states (see [`depth`]).
    fn node(&mut self, node: Node, list: &str, level: usize) -> (StateName, State) {
        let Node {
            name,
            state,
            deferred,
            problems,
            ..
        } = node;
        let loc = Loc { list, name: &name };
        let language = state.query_language().unwrap_or(self.default_language);
        // A Map whose item processor nested too deep was built without it: that is the
        // problem to report, not an empty processor.
        let mut processor_refused = false;
        // Most states have no problem: their (empty) list is not even iterated.
        if !problems.is_empty() {
            for problem in problems {
                if problem
                    .language
                    .is_some_and(|reported_in| reported_in != language)
                {
                    continue;
                }
                processor_refused |= problem.kind == BuildIssueKind::NestingTooDeep;
                let mut issue = BuildIssue::new(
                    problem.kind,
                    loc.field(&problem.field),
                    Some(name.clone()),
                    problem.message,
                );
                issue.hint = problem.hint;
                self.issues.push(issue);
            }
        }
        let mut state = state;
        // A JSONPath state in a JSONata machine set its language itself.
        if language == QueryLanguage::JsonPath && self.default_language == QueryLanguage::Jsonata {
            check::downgrade(self, loc);
        }
        for deferred in deferred {
            self.deferred(&mut state, deferred.into, deferred.request, language, loc);
        }
        let state = match state {
            NodeState::Parallel(mut parallel, branches) => {
                let pointer = loc.pointer();
                parallel.branches = branches
                    .into_iter()
                    .enumerate()
                    .map(|(index, branch)| {
                        let (start_at, states) = self.list(
                            branch,
                            &format!("{pointer}/Branches/{index}"),
                            Some(&name),
                            &|| format!("branch {index} of Parallel state `{name}`"),
                        );
                        Branch {
                            comment: None,
                            query_language: None,
                            start_at,
                            states,
                        }
                    })
                    .collect();
                State::Parallel(parallel)
            }
            NodeState::Map(map, _) if processor_refused => {
                self.covered.insert(loc.field("/ItemProcessor/StartAt"));
                State::Map(map)
            }
            NodeState::Map(mut map, processor) => {
                let (start_at, states) = self.list(
                    *processor,
                    &loc.field("/ItemProcessor"),
                    Some(&name),
                    &|| format!("the item processor of Map state `{name}`"),
                );
                map.item_processor = ItemProcessor {
                    start_at,
                    states,
                    ..map.item_processor
                };
                State::Map(map)
            }
            other => other.into_state(),
        };
        check::state(self, &state, language, loc);
        depth::state(self, &state, loc, level);
        if !list.is_empty() && !self.nested_assign {
            self.nested_assign = assigns(&state);
        }
        (name, state)
    }

    /// Writes a deferred request into its field.
    fn deferred(
        &mut self,
        state: &mut NodeState,
        into: DeferredField,
        request: Request,
        language: QueryLanguage,
        loc: Loc<'_>,
    ) {
        if let DeferredField::CatchKeepsInput(index) = into {
            keep_input(state, index, language);
            return;
        }
        let input_key = match language {
            QueryLanguage::JsonPath => "Parameters",
            QueryLanguage::Jsonata => "Arguments",
        };
        let field = || match into {
            DeferredField::Assign => "/Assign".to_owned(),
            DeferredField::RuleAssign(index) => format!("/Choices/{index}/Assign"),
            DeferredField::CatchAssign(index) => format!("/Catch/{index}/Assign"),
            DeferredField::CatchKeepsInput(index) => format!("/Catch/{index}"),
            DeferredField::TaskInput => format!("/{input_key}"),
            DeferredField::ReaderInput => format!("/ItemReader/{input_key}"),
            DeferredField::WriterInput => format!("/ResultWriter/{input_key}"),
            // The request's one key is the field itself (`Seconds`, `Timestamp`).
            DeferredField::WaitDuration { .. } => String::new(),
        };
        let reads = match (into, &*state) {
            (
                DeferredField::Assign,
                NodeState::Task(_) | NodeState::Map(..) | NodeState::Parallel(..),
            ) => Reads::Result,
            (DeferredField::Assign, NodeState::Pass(pass))
                if language == QueryLanguage::JsonPath
                    && (pass.result.is_some() || pass.parameters.is_some()) =>
            {
                Reads::Result
            }
            (DeferredField::CatchAssign(_), _) => Reads::ErrorOutput,
            _ => Reads::Input,
        };
        self.task_token_reads(into, state, &request, loc, &field);
        let object = self.request(request, (language, reads), loc, &field);
        match (into, state) {
            (DeferredField::Assign, state) => {
                if let Some(assign) = state_assign(state) {
                    *assign = Some(object);
                }
            }
            (DeferredField::RuleAssign(index), NodeState::Choice(choice)) => {
                if let Some(rule) = choice.choices.get_mut(index) {
                    rule.assign = Some(object);
                }
            }
            (DeferredField::CatchAssign(index), state) => {
                if let Some(catcher) = state.catchers_mut().and_then(|all| all.get_mut(index)) {
                    catcher.assign = Some(object);
                }
            }
            (DeferredField::TaskInput, NodeState::Task(task)) => {
                if let Some(call) = task.resource.as_integration() {
                    self.out_of_range(call, &object, loc, &field);
                }
                let slot = match language {
                    QueryLanguage::JsonPath => &mut task.parameters,
                    QueryLanguage::Jsonata => &mut task.arguments,
                };
                self.fill(slot, object, loc, &field, "the task's integration request");
            }
            (DeferredField::ReaderInput, NodeState::Map(map, _)) => {
                if let Some(reader) = &mut map.item_reader {
                    let slot = match language {
                        QueryLanguage::JsonPath => &mut reader.parameters,
                        QueryLanguage::Jsonata => &mut reader.arguments,
                    };
                    self.fill(slot, object, loc, &field, "the reader's bucket and key");
                }
            }
            (DeferredField::WaitDuration { timestamp }, NodeState::Wait(wait)) => {
                // An empty object: the value could not be written, which is reported.
                if object.is_empty() {
                    return;
                }
                match wait_duration(&object, timestamp) {
                    Ok(duration) => wait.duration = duration,
                    Err(why) => {
                        let field = if timestamp { "/Timestamp" } else { "/Seconds" };
                        self.issues.push(BuildIssue::new(
                            BuildIssueKind::InvalidValue,
                            loc.field(field),
                            Some(loc.name.clone()),
                            format!("the duration of Wait state `{}` {why}", loc.name),
                        ));
                    }
                }
            }
            (DeferredField::WriterInput, NodeState::Map(map, _)) => {
                if let Some(writer) = &mut map.result_writer {
                    let slot = match language {
                        QueryLanguage::JsonPath => &mut writer.parameters,
                        QueryLanguage::Jsonata => &mut writer.arguments,
                    };
                    self.fill(slot, object, loc, &field, "the writer's bucket and prefix");
                }
            }
            _ => {}
        }
    }

    /// Reports the fields of a Task's request or `Assign` that read the task token when the
    /// Task has none (the validator's `task-token-unavailable`): the read fails at run time.
    fn task_token_reads(
        &mut self,
        into: DeferredField,
        state: &NodeState,
        request: &Request,
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
    ) {
        let (DeferredField::TaskInput | DeferredField::Assign, NodeState::Task(task)) =
            (into, state)
        else {
            return;
        };
        // The reads first: nearly every request reads no token, and telling whether the
        // resource has one costs more.
        let mut reads = request
            .iter()
            .filter(|(_, arg)| arg.reads_task_token())
            .peekable();
        if reads.peek().is_none() || !task.resource.lacks_task_token() {
            return;
        }
        for (key, _) in reads {
            self.issues.push(
                BuildIssue::new(
                    BuildIssueKind::UnreadableValue,
                    loc.field(&format!("{}/{}", field(), escape_pointer_segment(key))),
                    Some(loc.name.clone()),
                    format!(
                        "`{key}` of state `{}` reads the task token, but only a callback (`.waitForTaskToken`), `.sync` or activity task has one: the read fails at run time",
                        loc.name
                    ),
                )
                .with_hint("wait for the token with `.wait_for_task_token()` on the integration, or leave the token out"),
            );
        }
    }

    /// Reports the literal values of an integration's request that its API refuses (the
    /// validator's `request-value-out-of-range`): every call would fail.
    fn out_of_range(
        &mut self,
        call: &ServiceIntegration,
        object: &PayloadObject,
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
    ) {
        for problem in crate::validate::request_values::out_of_range(call, object) {
            self.issues.push(BuildIssue::new(
                BuildIssueKind::InvalidValue,
                loc.field(&format!("{}/{}", field(), problem.field)),
                Some(loc.name.clone()),
                format!(
                    "`{}` of the `{}:{}` request of state `{}` {}",
                    problem.field, call.service, call.action, loc.name, problem.reason
                ),
            ));
        }
    }

    /// Sets `slot` to `object`, unless it was also set by hand.
    fn fill(
        &mut self,
        slot: &mut Option<Payload>,
        object: PayloadObject,
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
        what: &str,
    ) {
        if slot.is_some() {
            let field = field();
            self.issues.push(
                BuildIssue::new(
                    BuildIssueKind::ConflictingFields,
                    loc.field(&field),
                    Some(loc.name.clone()),
                    format!(
                        "`{}` of state `{}` is set by hand and also by {what}",
                        field.trim_start_matches('/'),
                        loc.name
                    ),
                )
                .with_hint("set the request fields through the integration, or leave it out and set the payload by hand"),
            );
        } else {
            *slot = Some(Payload::Object(object));
        }
    }

    /// Writes a request as an object in `language`, reporting values of the other language.
    fn request(
        &mut self,
        request: Request,
        (language, reads): (QueryLanguage, Reads),
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
    ) -> PayloadObject {
        let fields = request.into_fields();
        // Whether a JSONPath field may hold a payload template that sets a key twice; found
        // in the same pass as the other checks.
        let templates = language == QueryLanguage::JsonPath;
        let mut objects = false;
        let clean = fields.iter().all(|entry| {
            objects |= templates && check::template::may_hold_objects(&entry.arg);
            entry.arg.mismatch(language).is_none()
                && entry.arg.misplaced(language, reads).is_none()
                && entry.arg.non_finite().is_none()
                && malformed::entry(&entry.key, &entry.arg, language).is_none()
        });
        if templates && (objects || !clean) {
            check::template::request(self, &fields, loc, field);
        }
        if clean {
            // Collected in place: the request's vector becomes the object's (its entries
            // are padded to the same size). `into_entry` cannot fail once `mismatch` found
            // nothing the language cannot express and `non_finite` no float JSON cannot hold.
            return PayloadObject::from_entries(
                fields
                    .into_iter()
                    .filter_map(|entry| entry.arg.into_entry(entry.key, language).ok())
                    .collect(),
            );
        }
        let mut written = PayloadObject::with_capacity(fields.len());
        for Entry { key, arg, .. } in fields {
            if let Some(malformed) = malformed::entry(&key, &arg, language) {
                self.issues.push(
                    BuildIssue::new(
                        malformed.kind(),
                        loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                        Some(loc.name.clone()),
                        format!("`{key}` of state `{}` {}", loc.name, malformed.reason()),
                    )
                    .with_hint(malformed.hint()),
                );
                continue;
            }
            if let Some(value) = arg.non_finite() {
                let value = if value.is_nan() {
                    "NaN"
                } else if value > 0.0 {
                    "infinity"
                } else {
                    "-infinity"
                };
                self.issues.push(
                    BuildIssue::new(
                        BuildIssueKind::InvalidValue,
                        loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                        Some(loc.name.clone()),
                        format!(
                            "`{key}` of state `{}` holds {value}, which JSON cannot represent",
                            loc.name
                        ),
                    )
                    .with_hint("use a finite number, or leave the field out"),
                );
                continue;
            }
            if let Some(misplaced) = arg.misplaced(language, reads) {
                self.issues.push(
                    BuildIssue::new(
                        BuildIssueKind::UnreadableValue,
                        loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                        Some(loc.name.clone()),
                        format!("`{key}` of state `{}` {}", loc.name, misplaced.reason()),
                    )
                    .with_hint(misplaced.hint()),
                );
                continue;
            }
            let Some(needs) = arg.mismatch(language) else {
                // Cannot fail: `mismatch` found nothing the language cannot express, and
                // `non_finite` no float JSON cannot hold.
                if let Ok((key, field)) = arg.into_entry(key, language) {
                    written.insert_key(key, field);
                }
                continue;
            };
            self.issues.push(
                BuildIssue::new(
                    BuildIssueKind::QueryLanguageMismatch,
                    loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                    Some(loc.name.clone()),
                    format!(
                        "`{key}` of state `{}` is {}, which only {needs} states evaluate, but the state uses {language}",
                        loc.name,
                        arg.describe()
                    ),
                )
                .with_hint(arg.mismatch_hint(language)),
            );
        }
        written
    }
}

/// Whether `state` assigns a variable: in its own `Assign`, a Choice rule's or a catcher's.
fn assigns(state: &State) -> bool {
    state.assign().is_some()
        || state.catch().iter().any(|catcher| catcher.assign.is_some())
        || matches!(state, State::Choice(choice) if choice.choices.iter().any(|rule| rule.assign.is_some()))
}

fn state_assign(state: &mut NodeState) -> Option<&mut Option<PayloadObject>> {
    match state {
        NodeState::Pass(state) => Some(&mut state.assign),
        NodeState::Task(state) => Some(&mut state.assign),
        NodeState::Choice(state) => Some(&mut state.assign),
        NodeState::Wait(state) => Some(&mut state.assign),
        NodeState::Parallel(state, _) => Some(&mut state.assign),
        NodeState::Map(state, _) => Some(&mut state.assign),
        NodeState::Succeed(_) | NodeState::Fail(_) => None,
    }
}

/// Makes the catcher at `index` pass the state's input on (unless its result path or
/// output was set by hand).
fn keep_input(state: &mut NodeState, index: usize, language: QueryLanguage) {
    let Some(catcher) = state.catchers_mut().and_then(|all| all.get_mut(index)) else {
        return;
    };
    match language {
        QueryLanguage::JsonPath => {
            catcher.result_path.get_or_insert(Nullable::Null);
        }
        QueryLanguage::Jsonata => {
            catcher
                .output
                .get_or_insert_with(|| Payload::Jsonata(Jsonata::from_static(" $states.input ")));
        }
    }
}

/// The Wait duration an [`Arg`](super::Arg) was written as (the only field of `object`), or
/// why it cannot be one.
fn wait_duration(object: &PayloadObject, timestamp: bool) -> Result<WaitDuration, &'static str> {
    const INTRINSIC: &str =
        "cannot be an intrinsic function: `SecondsPath` and `TimestampPath` take a path";
    let Some((_, field)) = object.iter().next() else {
        return Err("is missing");
    };
    if timestamp {
        let value = match field {
            PayloadField::Dynamic(DynamicValue::Path(path)) => {
                Dynamic::Path(DynamicValue::Path(path.clone()))
            }
            PayloadField::Dynamic(DynamicValue::Intrinsic(_)) => return Err(INTRINSIC),
            PayloadField::Value(Payload::Jsonata(expression)) => {
                Dynamic::Jsonata(expression.clone())
            }
            PayloadField::Value(Payload::String(text)) => Dynamic::Literal(text.clone()),
            PayloadField::Value(_) => {
                return Err("must be an RFC 3339 timestamp string, or read from the input");
            }
        };
        return Ok(WaitDuration::Timestamp(value));
    }
    let value = match field {
        PayloadField::Dynamic(DynamicValue::Path(path)) => {
            Dynamic::Path(DynamicValue::Path(path.clone()))
        }
        PayloadField::Dynamic(DynamicValue::Intrinsic(_)) => return Err(INTRINSIC),
        PayloadField::Value(Payload::Jsonata(expression)) => Dynamic::Jsonata(expression.clone()),
        PayloadField::Value(Payload::Number(number)) => match number.as_u64() {
            Some(seconds) => Dynamic::Literal(seconds),
            None => return Err("must be a whole number of seconds, at least 0"),
        },
        PayloadField::Value(_) => {
            return Err("must be a number of seconds, or read from the input");
        }
    };
    Ok(WaitDuration::Seconds(value))
}
