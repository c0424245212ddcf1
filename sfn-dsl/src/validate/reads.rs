//! Variable reads (ASL reference §8): a read of a variable that no state assigns before it
//! can run (W-VAR-3), and a Distributed Map child reading a variable of the parent
//! workflow, which child executions cannot see.
//!
//! The rules walk collects every read (JSONPath `$name…` paths, intrinsic arguments and
//! Choice `Variable`s, JSONata `$name` references); this pass then runs a may-be-assigned
//! data flow over each state list: the variables that some path from `StartAt` may have
//! assigned before a state runs. It over-approximates (every `Assign` of a state, its
//! Choice rules' and its catchers', counts on every transition out of it), so a warning
//! means that no path at all assigns the variable first.

use std::collections::{BTreeMap, HashMap};

use super::code::Code;
use super::cx::{At, Cx};
use super::diagnostic::Diagnostic;
use crate::model::{DYNAMIC_KEY_SUFFIX, PayloadField, PayloadObject, State, StateName, States};
use crate::source::Pointer;

/// One read of a variable, recorded by the rules walk.
#[derive(Debug)]
pub(super) struct Read {
    /// The state that reads (compared by address only).
    state: *const State,
    variable: String,
    pointer: String,
    /// Where the variable is named inside the string value, when known.
    offset: Option<usize>,
    language: Language,
}

/// How a read is written, for the hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Language {
    JsonPath,
    Jsonata,
    /// A JSONata call of a built-in function (`$count(…)`): not a read unless a variable
    /// of that name is set, which hides the function.
    JsonataCall,
}

/// Records that the state at `at` reads `$variable` in the value at `pointer`.
pub(super) fn record(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    variable: &str,
    offset: Option<usize>,
    language: Language,
) {
    cx.reads.push(Read {
        state: std::ptr::from_ref(at.state),
        variable: variable.to_owned(),
        pointer: pointer.to_string(),
        offset,
        language,
    });
}

/// A set of read variables, by index.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(size: usize) -> Self {
        Self(vec![0; size.div_ceil(64)])
    }

    fn insert(&mut self, index: usize) {
        if let Some(word) = self.0.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    fn contains(&self, index: usize) -> bool {
        self.0
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// Adds `other`; whether anything was new.
    fn union(&mut self, other: &Bits) -> bool {
        let mut changed = false;
        for (word, extra) in self.0.iter_mut().zip(&other.0) {
            let merged = *word | extra;
            changed |= merged != *word;
            *word = merged;
        }
        changed
    }
}

/// An enclosing state list, as seen from a nested one.
struct Level<'m> {
    /// The first state of the list that assigns each read variable.
    assigners: BTreeMap<usize, &'m StateName>,
    /// Whether a Distributed Map starts below this level (its children cannot see it).
    hidden: bool,
}

struct Analysis<'m> {
    /// Read variable names, by index.
    index: HashMap<&'m str, usize>,
    size: usize,
    /// The reads of each state, by the state's address.
    by_state: HashMap<*const State, Vec<&'m Read>>,
    levels: Vec<Level<'m>>,
    diagnostics: Vec<Diagnostic>,
    /// Every name any state assigns, for suggestions (computed on the first warning).
    all_assigned: Option<Vec<String>>,
    machine_states: &'m States,
}

/// Runs the read rules over the reads the walk recorded.
pub(super) fn check(cx: &mut Cx<'_>) {
    if cx.reads.is_empty() {
        return;
    }
    let reads = std::mem::take(&mut cx.reads);
    let machine = cx.machine;
    let mut index = HashMap::new();
    let mut by_state: HashMap<*const State, Vec<&Read>> = HashMap::new();
    for read in &reads {
        let next = index.len();
        index.entry(read.variable.as_str()).or_insert(next);
        by_state.entry(read.state).or_default().push(read);
    }
    let size = index.len();
    let mut analysis = Analysis {
        index,
        size,
        by_state,
        levels: Vec::new(),
        diagnostics: Vec::new(),
        all_assigned: None,
        machine_states: &machine.states,
    };
    analysis.list(&machine.start_at, &machine.states, Bits::new(size));
    for diagnostic in analysis.diagnostics {
        cx.push(diagnostic);
    }
}

impl<'m> Analysis<'m> {
    /// The read variables `state` assigns: its `Assign`, its Choice rules' and its
    /// catchers'.
    fn assigned_by(&self, state: &State) -> Bits {
        let mut bits = Bits::new(self.size);
        for_each_assign(state, |object| {
            for name in assigned_names(object) {
                if let Some(&index) = self.index.get(name) {
                    bits.insert(index);
                }
            }
        });
        bits
    }

    fn list(&mut self, start_at: &StateName, states: &'m States, seed: Bits) {
        let Some(start) = states.index_of(start_at.as_str()) else {
            return;
        };
        let assigned: Vec<Bits> = states
            .iter()
            .map(|(_, state)| self.assigned_by(state))
            .collect();
        let successors = super::loops::successors(states);
        let before = may_be_assigned(start, seed, &assigned, &successors);
        let mut assigners = BTreeMap::new();
        for ((name, _), bits) in states.iter().zip(&assigned) {
            for variable in 0..self.size {
                if bits.contains(variable) {
                    assigners.entry(variable).or_insert(name);
                }
            }
        }
        for (position, (name, state)) in states.iter().enumerate() {
            let Some(Some(visible)) = before.get(position) else {
                // Unreachable states are reported as such; their reads prove nothing.
                continue;
            };
            let key = std::ptr::from_ref(state);
            for read in self.by_state.get(&key).cloned().unwrap_or_default() {
                let Some(&variable) = self.index.get(read.variable.as_str()) else {
                    continue;
                };
                if read.language == Language::JsonataCall {
                    if visible.contains(variable) {
                        self.report_hidden_function(name, read, variable, &assigners);
                    }
                } else if !visible.contains(variable) {
                    self.report(name, read, variable, &assigners);
                }
            }
            self.nested(state, visible, &assigners);
        }
    }

    /// Walks the state lists nested in `state`, which start with the variables `visible`
    /// where `state` starts (a Distributed Map's children with none).
    fn nested(
        &mut self,
        state: &'m State,
        visible: &Bits,
        assigners: &BTreeMap<usize, &'m StateName>,
    ) {
        let distributed = match state {
            State::Parallel(_) => false,
            State::Map(map) => map.is_distributed(),
            _ => return,
        };
        self.levels.push(Level {
            assigners: assigners.clone(),
            hidden: distributed,
        });
        let seed = if distributed {
            Bits::new(self.size)
        } else {
            visible.clone()
        };
        for nested in state.nested() {
            self.list(nested.start_at(), nested.states(), seed.clone());
        }
        self.levels.pop();
    }

    fn report(
        &mut self,
        state: &StateName,
        read: &Read,
        variable: usize,
        assigners: &BTreeMap<usize, &StateName>,
    ) {
        // JSONata code may pass a function as a value (`$map(xs, $string)`).
        if read.language == Language::Jsonata && super::jsonata::is_function(&read.variable) {
            return;
        }
        let name = &read.variable;
        if name == "states" && read.language == Language::JsonPath {
            self.report_states_in_jsonpath(state, read);
            return;
        }
        // Levels below the innermost Distributed Map boundary are visible, those above not.
        let boundary = self.levels.iter().rposition(|level| level.hidden);
        let outer = boundary.and_then(|boundary| {
            self.levels
                .get(..=boundary)?
                .iter()
                .rev()
                .find_map(|level| level.assigners.get(&variable).copied())
        });
        let inner = assigners.get(&variable).copied().or_else(|| {
            let from = boundary.map_or(0, |boundary| boundary + 1);
            self.levels
                .get(from..)?
                .iter()
                .rev()
                .find_map(|level| level.assigners.get(&variable).copied())
        });
        let mut diagnostic = match (inner, outer) {
            (None, Some(outer)) => Diagnostic::new(
                Code::OuterVariableInDistributedMap,
                read.pointer.clone(),
                format!(
                    "state `{state}` reads `${name}`, assigned by `{outer}` outside its Distributed Map; child executions cannot see the parent's variables"
                ),
            )
            .with_hint("pass the value in with the Map's `ItemSelector`"),
            (Some(later), _) => Diagnostic::new(
                Code::UnassignedVariable,
                read.pointer.clone(),
                format!(
                    "state `{state}` reads `${name}`, which only `{later}` assigns, and no path runs it before `{state}`; the read finds no value"
                ),
            )
            .with_hint(format!("assign `{name}` in a state that runs before `{state}`")),
            (None, None) => {
                let hint = self.suggestion(name, read.language);
                Diagnostic::new(
                    Code::UnassignedVariable,
                    read.pointer.clone(),
                    format!("state `{state}` reads `${name}`, which no state it can see assigns"),
                )
                .with_hint(hint)
            }
        };
        diagnostic = diagnostic.with_state(state.as_str());
        if let Some(offset) = read.offset {
            diagnostic = diagnostic.inside_value(offset);
        }
        self.diagnostics.push(diagnostic);
    }

    /// Reports a JSONPath read of `$states`: the reserved variable exists only in JSONata
    /// states, and no state may assign a variable of that name, so suggesting to assign it
    /// would be wrong.
    fn report_states_in_jsonpath(&mut self, state: &StateName, read: &Read) {
        let mut diagnostic = Diagnostic::new(
            Code::UnassignedVariable,
            read.pointer.clone(),
            format!(
                "state `{state}` reads `$states`, which exists only in JSONata states: in a JSONPath state it is a workflow variable, and no state can assign `states`"
            ),
        )
        .with_hint("in JSONPath read the state's input with `$` (`$states.input.x` is `$.x`) and the context object with `$$` (`$states.context.Task.Token` is `$$.Task.Token`), or set `\"QueryLanguage\": \"JSONata\"` on the state")
        .with_state(state.as_str());
        if let Some(offset) = read.offset {
            diagnostic = diagnostic.inside_value(offset);
        }
        self.diagnostics.push(diagnostic);
    }

    /// Reports a call of a built-in function that a variable of the same name, which may
    /// be set when `state` runs, hides.
    fn report_hidden_function(
        &mut self,
        state: &StateName,
        read: &Read,
        variable: usize,
        assigners: &BTreeMap<usize, &StateName>,
    ) {
        let name = &read.variable;
        let assigner = assigners.get(&variable).copied().or_else(|| {
            self.levels
                .iter()
                .rev()
                .find_map(|level| level.assigners.get(&variable).copied())
        });
        let by = assigner.map_or_else(String::new, |assigner| {
            format!(" (assigned by `{assigner}`)")
        });
        let mut diagnostic = Diagnostic::new(
            Code::VariableHidesFunction,
            read.pointer.clone(),
            format!(
                "state `{state}` calls `${name}`, but the variable `{name}`{by} may be set when it runs, and a variable hides the function of the same name: the call then fails (JSONata T1006, attempted to invoke a non-function)"
            ),
        )
        .with_hint(format!("rename the variable, for example to `{name}Value`"))
        .with_state(state.as_str());
        if let Some(offset) = read.offset {
            diagnostic = diagnostic.inside_value(offset);
        }
        self.diagnostics.push(diagnostic);
    }

    /// The hint for a variable no visible state assigns: where it is assigned if a state
    /// out of sight does, else a close assigned name, else the input field of that name.
    fn suggestion(&mut self, name: &str, language: Language) -> String {
        let machine_states = self.machine_states;
        let all = self.all_assigned.get_or_insert_with(|| {
            let mut names = Vec::new();
            collect_assigned(machine_states, &mut names);
            names.sort();
            names.dedup();
            names
        });
        if all
            .binary_search_by(|assigned| assigned.as_str().cmp(name))
            .is_ok()
        {
            return format!(
                "`${name}` is assigned only inside a Parallel branch or Map processor this state cannot see; a branch's variables end with it, so pass the value on in its output"
            );
        }
        // Only names a state may assign: an invalid one is reported where it is assigned.
        let assignable = all
            .iter()
            .map(String::as_str)
            .filter(|assigned| super::variables::name_problem(assigned).is_none());
        if let Some(close) = crate::suggest::closest(name, assignable) {
            return format!("did you mean `${close}`?");
        }
        if language == Language::Jsonata && crate::suggest::closest(name, ["states"]).is_some() {
            return "did you mean `$states`?".to_owned();
        }
        match language {
            Language::JsonPath => format!("to read the input field, write `$.{name}`"),
            Language::Jsonata | Language::JsonataCall => {
                format!("to read the input field, write `$states.input.{name}`")
            }
        }
    }
}

/// The may-be-assigned sets on entry to each state reachable from `start`.
fn may_be_assigned(
    start: usize,
    seed: Bits,
    assigned: &[Bits],
    successors: &super::loops::Successors,
) -> Vec<Option<Bits>> {
    let mut before: Vec<Option<Bits>> = vec![None; assigned.len()];
    if let Some(slot) = before.get_mut(start) {
        *slot = Some(seed);
    }
    let mut work = vec![start];
    while let Some(state) = work.pop() {
        let Some(Some(entry)) = before.get(state) else {
            continue;
        };
        let mut out = entry.clone();
        if let Some(own) = assigned.get(state) {
            out.union(own);
        }
        for &next in successors.of(state) {
            let Some(slot) = before.get_mut(next) else {
                continue;
            };
            let changed = if let Some(existing) = slot {
                existing.union(&out)
            } else {
                *slot = Some(out.clone());
                true
            };
            if changed {
                work.push(next);
            }
        }
    }
    before
}

/// Calls `f` with each `Assign` object of the state: its own, its Choice rules', its
/// catchers'.
fn for_each_assign<'s>(state: &'s State, mut f: impl FnMut(&'s PayloadObject)) {
    if let Some(assign) = state.assign() {
        f(assign);
    }
    if let State::Choice(choice) = state {
        for rule in &choice.choices {
            if let Some(assign) = &rule.assign {
                f(assign);
            }
        }
    }
    for catcher in state.catch() {
        if let Some(assign) = &catcher.assign {
            f(assign);
        }
    }
}

/// The variable names an `Assign` object sets (`"x.$"` sets `x`).
fn assigned_names(object: &PayloadObject) -> impl Iterator<Item = &str> {
    object.iter().map(|(key, field)| match field {
        PayloadField::Dynamic(_) => key.strip_suffix(DYNAMIC_KEY_SUFFIX).unwrap_or(key),
        PayloadField::Value(_) => key,
    })
}

/// Every name assigned anywhere in `states` and the lists nested in them.
pub(super) fn collect_assigned(states: &States, names: &mut Vec<String>) {
    for (_, state) in states {
        for_each_assign(state, |object| {
            names.extend(assigned_names(object).map(str::to_owned));
        });
        for nested in state.nested() {
            collect_assigned(nested.states(), names);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::{Code, validate_str};

    #[test]
    fn states_read_in_a_jsonpath_state_is_named_a_jsonata_variable() {
        let report = validate_str(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"a.$": "$states.input", "b.$": "States.Format('{}', $states.context.Execution.Id)"}, "End": true}}}"#,
        );
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .map(|diagnostic| {
                (
                    diagnostic.code,
                    diagnostic.pointer.as_str(),
                    diagnostic.message.as_str(),
                    diagnostic.hint.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        let message = "state `A` reads `$states`, which exists only in JSONata states: in a JSONPath state it is a workflow variable, and no state can assign `states`";
        let hint = "in JSONPath read the state's input with `$` (`$states.input.x` is `$.x`) and the context object with `$$` (`$states.context.Task.Token` is `$$.Task.Token`), or set `\"QueryLanguage\": \"JSONata\"` on the state";
        assert_eq!(
            found,
            [
                (
                    Code::UnassignedVariable,
                    "/States/A/Parameters/a.$",
                    message,
                    hint
                ),
                (
                    Code::UnassignedVariable,
                    "/States/A/Parameters/b.$",
                    message,
                    hint
                ),
            ]
        );
        // Another unassigned variable keeps the usual message.
        let report = validate_str(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"a.$": "$state.input"}, "End": true}}}"#,
        );
        let [diagnostic] = report.diagnostics() else {
            panic!("one diagnostic: {:?}", report.diagnostics());
        };
        assert_eq!(
            diagnostic.message,
            "state `A` reads `$state`, which no state it can see assigns"
        );
    }
}
