//! The traversal: every state list, every state, in document order, with the query language
//! and the facts of the enclosing list that the rules need.

use super::cx::{At, Cx, ListInfo};
use super::diagnostic::Diagnostic;
use super::options::Options;
use super::{exits, graph, loops, reads, state, top, variables};
use crate::model::{
    ExecutionType, ProcessorKey, QueryLanguage, State, StateMachine, StateName, States,
};
use crate::source::Pointer;

/// Runs every rule over `machine`; `size` is the definition's size in bytes.
pub(super) fn run(machine: &StateMachine, options: &Options, size: usize) -> Vec<Diagnostic> {
    let mut cx = Cx::new(options, machine);
    top::check(&mut cx, size);
    let root = Pointer::root();
    let states = root.key("States");
    walk_list(
        &mut cx,
        &machine.states,
        &machine.start_at,
        &states,
        machine.default_query_language(),
        ListInfo::default(),
    );
    graph::check(&mut cx);
    variables::check_scopes(&mut cx);
    reads::check(&mut cx);
    let mut diagnostics = cx.into_diagnostics();
    if !options.allowed.is_empty() {
        diagnostics.retain(|diagnostic| !options.allows(diagnostic));
    }
    diagnostics
}

fn walk_list(
    cx: &mut Cx<'_>,
    states: &States,
    start_at: &StateName,
    pointer: &Pointer<'_>,
    default_ql: QueryLanguage,
    list: ListInfo,
) {
    let machine_ql = cx.machine.default_query_language();
    for (name, state) in states {
        let state_pointer = pointer.key(name.as_str());
        let at = At {
            name,
            pointer: &state_pointer,
            ql: state.query_language().unwrap_or(default_ql),
            list,
            state,
        };
        state::check(cx, &at, state);
        match state {
            State::Parallel(parallel) => {
                let branches = state_pointer.key("Branches");
                for (index, branch) in parallel.branches.iter().enumerate() {
                    let branch_pointer = branches.index(index);
                    top::check_nested_language(cx, &at, &branch_pointer, branch.query_language);
                    let nested = branch_pointer.key("States");
                    walk_list(
                        cx,
                        &branch.states,
                        &branch.start_at,
                        &nested,
                        branch.query_language.unwrap_or(machine_ql),
                        list,
                    );
                }
            }
            State::Map(map) => {
                let key = match map.processor_key {
                    ProcessorKey::ItemProcessor => "ItemProcessor",
                    ProcessorKey::Iterator => "Iterator",
                };
                let processor_pointer = state_pointer.key(key);
                let processor = &map.item_processor;
                top::check_nested_language(cx, &at, &processor_pointer, processor.query_language);
                let nested_list = if map.is_distributed() {
                    let express = processor
                        .processor_config
                        .as_ref()
                        .and_then(|config| config.execution_type.as_ref())
                        == Some(&ExecutionType::Express);
                    ListInfo {
                        express_child: express,
                    }
                } else {
                    list
                };
                let nested = processor_pointer.key("States");
                walk_list(
                    cx,
                    &processor.states,
                    &processor.start_at,
                    &nested,
                    processor.query_language.unwrap_or(machine_ql),
                    nested_list,
                );
            }
            _ => {}
        }
    }
    let successors = loops::successors(states);
    loops::check_list(cx, states, &successors, pointer);
    exits::check_list(cx, states, start_at, &successors, pointer);
}
