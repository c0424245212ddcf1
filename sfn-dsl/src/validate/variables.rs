//! Workflow variables: `Assign` names, and scopes that must not shadow one another (ASL
//! reference §8).

use std::collections::BTreeMap;

use super::code::Code;
use super::cx::{At, Cx};
use super::diagnostic::Diagnostic;
use super::options::Options;
use super::payload;
use crate::model::{
    DYNAMIC_KEY_SUFFIX, PayloadField, PayloadObject, ProcessorKey, QueryLanguage, State,
    StateMachine, StateName, States,
};
use crate::source::Pointer;

/// The longest variable name, in characters.
const MAX_NAME_CHARS: usize = 80;

/// Checks the `Assign` objects of a state: its own, its Choice rules' and its catchers'.
pub(super) fn check_state(cx: &mut Cx<'_>, at: &At<'_>, state: &State) {
    if let Some(assign) = state.assign() {
        check_assign(cx, at, &at.pointer.key("Assign"), assign);
    }
    if let State::Choice(choice) = state {
        let choices = at.pointer.key("Choices");
        for (index, rule) in choice.choices.iter().enumerate() {
            if let Some(assign) = &rule.assign {
                let rule_pointer = choices.index(index);
                check_assign(cx, at, &rule_pointer.key("Assign"), assign);
            }
        }
    }
    let catch = at.pointer.key("Catch");
    for (index, catcher) in state.catch().iter().enumerate() {
        if let Some(assign) = &catcher.assign {
            let catcher_pointer = catch.index(index);
            check_assign(cx, at, &catcher_pointer.key("Assign"), assign);
        }
    }
}

fn check_assign(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, assign: &PayloadObject) {
    for (key, field) in assign.iter() {
        let name = assigned_variable(key, at.ql);
        if let (QueryLanguage::Jsonata, Some(meant), PayloadField::Dynamic(value)) =
            (at.ql, key.strip_suffix(DYNAMIC_KEY_SUFFIX), field)
            && name_problem(meant).is_none()
        {
            // A JSONPath habit: one error, saying how JSONata writes it.
            cx.push(
                at.diagnostic(
                    Code::InvalidVariableName,
                    &pointer.key(key),
                    format!(
                        "`{key}` assigned by state `{}` is not a valid variable name: in a JSONata state a `.$` suffix has no meaning and `{}` is not evaluated",
                        at.name,
                        value.as_str()
                    ),
                )
                .with_hint(super::lookalike::jsonata_field_hint(
                    at,
                    &pointer.key(key),
                    key,
                    value,
                ))
                .at_key(),
            );
            continue;
        }
        if let Some(problem) = name_problem(name) {
            cx.push(
                at.diagnostic(
                    Code::InvalidVariableName,
                    &pointer.key(key),
                    format!(
                        "`{name}` assigned by state `{}` is not a valid variable name: {problem}",
                        at.name
                    ),
                )
                .with_hint(NAME_RULE)
                .at_key(),
            );
        }
    }
    payload::check_assign_object(cx, at, pointer, assign);
}

/// The variable an `Assign` key of a state of `language` sets: in JSONPath `y.$` sets `y`
/// whatever its value (a value that is not a string is the payload rule's
/// `invalid-payload-template`, not a name problem); JSONata gives `.$` no meaning.
fn assigned_variable(key: &str, language: QueryLanguage) -> &str {
    match language {
        QueryLanguage::JsonPath => key.strip_suffix(DYNAMIC_KEY_SUFFIX).unwrap_or(key),
        QueryLanguage::Jsonata => key,
    }
}

/// Why `name` cannot be a variable name, if it cannot.
pub(crate) fn name_problem(name: &str) -> Option<String> {
    let mut characters = name.chars();
    let Some(first) = characters.next() else {
        return Some("it is empty".to_owned());
    };
    if name == "states" {
        return Some("`states` is reserved for `$states`".to_owned());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(format!("it is longer than {MAX_NAME_CHARS} characters"));
    }
    if !is_name_start(first) {
        return Some(format!("it starts with {first:?}"));
    }
    if let Some(bad) = characters.find(|character| !is_name_continue(*character)) {
        let why = if matches!(bad, '.' | '[') {
            " (an `Assign` key names a whole variable, not a part of one)"
        } else {
            ""
        };
        return Some(format!("it contains {bad:?}{why}"));
    }
    None
}

/// Whether a variable name may start with `character`: Unicode identifier rules (UAX #31,
/// ASL reference §8), a letter of any script or `_`.
pub(crate) fn is_name_start(character: char) -> bool {
    unicode_ident::is_xid_start(character) || character == '_'
}

/// Whether a variable name may go on with `character`: a letter, digit, combining mark or
/// connector punctuation (`_`, `‿`) of any script, or `·` (UAX #31's identifier rules),
/// but not a superscript (`²`) or symbol.
pub(crate) fn is_name_continue(character: char) -> bool {
    unicode_ident::is_xid_continue(character)
}

/// The hint of every invalid variable name, of the validator and the builder alike.
pub(crate) const NAME_RULE: &str = "a variable name is a letter or `_` followed by letters, digits, combining marks or `_` (Unicode identifier rules: XID_Start or `_`, then XID_Continue), at most 80 characters, and not `states`";

/// Where a variable is assigned.
#[derive(Clone)]
struct Assignment {
    pointer: String,
    state: StateName,
    /// Whether a catcher of `state` assigns it.
    by_catcher: bool,
}

/// One enclosing scope: what it assigns, and the state whose branch or processor the walk
/// is in.
struct Level<'s> {
    assigned: BTreeMap<String, Vec<Assignment>>,
    /// Borrowed: it changes at every state of the scope. With the state's type
    /// (`Parallel`, `Map`), for messages.
    entered_through: Option<(&'s StateName, &'static str)>,
}

/// The enclosing scopes, innermost last.
type Scopes<'s> = Vec<Level<'s>>;

/// The first assignment of `variable` in an enclosing scope that an inner scope may not
/// repeat, with the Parallel or Map state of that scope the walk went in through. A
/// catcher of the Parallel or Map being entered assigns into the outer scope when the
/// branch has already ended, and AWS accepted a branch assigning the same name
/// (`statevariables/parallel_catch_error_variable_sampling.json`, recorded execution).
fn outer_assignment<'a, 's>(
    scopes: &'a [Level<'s>],
    variable: &str,
) -> Option<(&'a Assignment, Option<(&'s StateName, &'static str)>)> {
    scopes.iter().rev().find_map(|level| {
        let through = level.entered_through;
        let assignment = level.assigned.get(variable)?.iter().find(|assignment| {
            !(assignment.by_catcher && through.is_some_and(|(name, _)| *name == assignment.state))
        })?;
        Some((assignment, through))
    })
}

/// How a `variable-shadowing` message names the outer state `outer`, of the scope that
/// holds the `through` state (a Parallel or Map) the inner scope is nested in.
fn outer_state_phrase(outer: &StateName, through: Option<(&StateName, &str)>) -> String {
    match through {
        Some((name, kind)) if name == outer => {
            format!("`{outer}`, the {kind} state it runs inside,")
        }
        Some((name, kind)) => {
            format!("`{outer}`, a state of the scope outside {kind} `{name}`,")
        }
        None => format!("`{outer}`, a state of an enclosing scope,"),
    }
}

/// The `variable-shadowing` errors of `machine`, and nothing else: [`check_scopes`] run on
/// its own, for `StateMachineBuilder::build`.
pub(crate) fn shadowing(machine: &StateMachine) -> Vec<Diagnostic> {
    let options = Options::default();
    let mut cx = Cx::new(&options, machine);
    check_scopes(&mut cx);
    cx.into_diagnostics()
}

/// Reports variables that an inner scope (Parallel branch, Map processor) assigns while an
/// enclosing scope assigns them too. (Reads are checked in `reads`.)
pub(super) fn check_scopes(cx: &mut Cx<'_>) {
    let machine = cx.machine;
    let root = Pointer::root();
    let states = root.key("States");
    let mut scopes: Scopes<'_> = Vec::new();
    scope(
        cx,
        &machine.states,
        &states,
        machine.default_query_language(),
        &mut scopes,
    );
}

fn scope<'s>(
    cx: &mut Cx<'_>,
    states: &'s States,
    pointer: &Pointer<'_>,
    default_ql: QueryLanguage,
    scopes: &mut Scopes<'s>,
) {
    let mut assigned: BTreeMap<String, Vec<Assignment>> = BTreeMap::new();
    for (name, state) in states {
        let state_pointer = pointer.key(name.as_str());
        let ql = state.query_language().unwrap_or(default_ql);
        for (assign_pointer, by_catcher, object) in assigns(state, &state_pointer) {
            for (key, _) in object.iter() {
                let variable = assigned_variable(key, ql);
                let key_pointer = format!(
                    "{assign_pointer}/{}",
                    crate::source::escape_pointer_segment(key)
                );
                if let Some((outer, through)) = outer_assignment(scopes, variable) {
                    cx.push(
                        Diagnostic::new(
                            Code::VariableShadowing,
                            key_pointer.clone(),
                            format!(
                                "state `{name}` assigns `${variable}`, which {} also assigns; a branch or processor cannot reuse an outer variable's name",
                                outer_state_phrase(&outer.state, through)
                            ),
                        )
                        .with_state(name.as_str())
                        .with_hint(format!("rename the inner variable (outer assignment at {})", outer.pointer))
                        .at_key(),
                    );
                }
                assigned
                    .entry(variable.to_owned())
                    .or_default()
                    .push(Assignment {
                        pointer: key_pointer,
                        state: name.clone(),
                        by_catcher,
                    });
            }
        }
    }
    scopes.push(Level {
        assigned,
        entered_through: None,
    });
    let machine_ql = cx.machine.default_query_language();
    for (name, state) in states {
        let state_pointer = pointer.key(name.as_str());
        if let Some(level) = scopes.last_mut() {
            level.entered_through = Some((name, state.type_name()));
        }
        match state {
            State::Parallel(parallel) => {
                let branches = state_pointer.key("Branches");
                for (index, branch) in parallel.branches.iter().enumerate() {
                    let branch_pointer = branches.index(index);
                    let nested = branch_pointer.key("States");
                    let ql = branch.query_language.unwrap_or(machine_ql);
                    scope(cx, &branch.states, &nested, ql, scopes);
                }
            }
            State::Map(map) => {
                let key = match map.processor_key {
                    ProcessorKey::ItemProcessor => "ItemProcessor",
                    ProcessorKey::Iterator => "Iterator",
                };
                let processor_pointer = state_pointer.key(key);
                let nested = processor_pointer.key("States");
                let processor = &map.item_processor;
                let ql = processor.query_language.unwrap_or(machine_ql);
                scope(cx, &processor.states, &nested, ql, scopes);
            }
            _ => {}
        }
    }
    scopes.pop();
}

/// The `Assign` objects of a state with their pointers.
fn assigns<'s>(state: &'s State, pointer: &Pointer<'_>) -> Vec<(String, bool, &'s PayloadObject)> {
    let mut found = Vec::new();
    if let Some(assign) = state.assign() {
        found.push((format!("{pointer}/Assign"), false, assign));
    }
    if let State::Choice(choice) = state {
        for (index, rule) in choice.choices.iter().enumerate() {
            if let Some(assign) = &rule.assign {
                found.push((format!("{pointer}/Choices/{index}/Assign"), false, assign));
            }
        }
    }
    for (index, catcher) in state.catch().iter().enumerate() {
        if let Some(assign) = &catcher.assign {
            found.push((format!("{pointer}/Catch/{index}/Assign"), true, assign));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{NAME_RULE, QueryLanguage, assigned_variable, name_problem};
    use crate::validate::Code;

    #[test]
    fn variable_names() {
        assert_eq!(name_problem("total"), None);
        assert_eq!(name_problem("_x1"), None);
        assert_eq!(name_problem("prix_€"), Some("it contains '€'".to_owned()));
        assert!(name_problem("states").is_some());
        assert!(name_problem("1x").is_some());
        assert!(name_problem("a.b").is_some_and(|why| why.contains("whole variable")));
        assert!(name_problem(&"x".repeat(81)).is_some());
        assert_eq!(name_problem(&"é".repeat(80)), None);
    }

    #[test]
    fn variable_names_follow_unicode_identifier_rules() {
        // UAX #31: connector punctuation, the middle dot and combining marks continue a name.
        for name in ["a‿b", "x·y", "e\u{301}", "_", "日本", "Δx", "x_1"] {
            assert_eq!(name_problem(name), None, "{name:?}");
        }
        // A superscript digit is no identifier character, nor a symbol; a combining mark or
        // connector other than `_` cannot start one.
        for (name, problem) in [
            ("x²", "it contains '²'"),
            ("a½", "it contains '½'"),
            ("a€", "it contains '€'"),
            ("Ⓐ", "it starts with 'Ⓐ'"),
            ("\u{301}e", "it starts with '\\u{301}'"),
            ("‿a", "it starts with '‿'"),
        ] {
            assert_eq!(name_problem(name).as_deref(), Some(problem), "{name:?}");
        }
    }

    #[test]
    fn a_jsonpath_dynamic_key_names_the_variable_before_its_suffix() {
        assert_eq!(assigned_variable("y.$", QueryLanguage::JsonPath), "y");
        assert_eq!(assigned_variable("y", QueryLanguage::JsonPath), "y");
        assert_eq!(assigned_variable("y.$", QueryLanguage::Jsonata), "y.$");
    }

    #[test]
    fn shadowing_names_the_outer_state_by_its_scope() {
        let messages = |text: &str| {
            crate::validate::diagnostic_triples(text)
                .into_iter()
                .map(|(_, pointer, message)| (pointer, message))
                .collect::<Vec<_>>()
        };
        let processor = |assign: &str| {
            format!(
                r#"{{"Type": "Map", "ItemProcessor": {{"StartAt": "I", "States": {{"I": {{"Type": "Pass", "Assign": {assign}, "End": true}}}}}}, "End": true}}"#
            )
        };
        // `P` is a state of the top-level scope, outside the Map `M` that encloses `I`.
        assert_eq!(
            messages(&format!(
                r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Assign": {{"x": 1}}, "Next": "M"}}, "M": {}}}}}"#,
                processor(r#"{"x": 2}"#)
            )),
            [(
                "/States/M/ItemProcessor/States/I/Assign/x".to_owned(),
                "state `I` assigns `$x`, which `P`, a state of the scope outside Map `M`, also assigns; a branch or processor cannot reuse an outer variable's name".to_owned()
            )]
        );
        // Two levels up: the scope is the one outside the Parallel, not the inner Map.
        assert_eq!(
            messages(&format!(
                r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Assign": {{"x": 1}}, "Next": "Par"}}, "Par": {{"Type": "Parallel", "Branches": [{{"StartAt": "M", "States": {{"M": {}}}}}], "End": true}}}}}}"#,
                processor(r#"{"x": 2}"#)
            ))
            .into_iter()
            .map(|(_, message)| message)
            .collect::<Vec<_>>(),
            ["state `I` assigns `$x`, which `P`, a state of the scope outside Parallel `Par`, also assigns; a branch or processor cannot reuse an outer variable's name"]
        );
        // The Map's own `Assign` belongs to the outer scope too.
        assert_eq!(
            messages(&format!(
                r#"{{"StartAt": "M", "States": {{"M": {}}}}}"#,
                processor(r#"{"x": 2}"#).replacen(
                    r#""Type": "Map","#,
                    r#""Type": "Map", "Assign": {"x": 0},"#,
                    1
                )
            ))
            .into_iter()
            .map(|(_, message)| message)
            .collect::<Vec<_>>(),
            [
                "state `I` assigns `$x`, which `M`, the Map state it runs inside, also assigns; a branch or processor cannot reuse an outer variable's name"
            ]
        );
    }

    #[test]
    fn a_jsonpath_assign_key_in_a_jsonata_state_is_one_error_with_the_jsonata_spelling() {
        let report = crate::validate::validate_str(
            r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"y.$": "$.x", "z.$": "States.UUID()", "1w.$": "$.w"}, "End": true}}}"#,
        );
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .map(|diagnostic| {
                (
                    diagnostic.code,
                    diagnostic.pointer.as_str(),
                    diagnostic.message.as_str(),
                    diagnostic.hint.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    Code::InvalidVariableName,
                    "/States/P/Assign/y.$",
                    "`y.$` assigned by state `P` is not a valid variable name: in a JSONata state a `.$` suffix has no meaning and `$.x` is not evaluated",
                    Some(r#"write `"y": "{% $states.input.x %}"`"#)
                ),
                (
                    Code::InvalidVariableName,
                    "/States/P/Assign/z.$",
                    "`z.$` assigned by state `P` is not a valid variable name: in a JSONata state a `.$` suffix has no meaning and `States.UUID()` is not evaluated",
                    Some(r#"write `"z": "{% … %}"`"#)
                ),
                // A name that is no name without the suffix either is told as any other.
                (
                    Code::InvalidVariableName,
                    "/States/P/Assign/1w.$",
                    "`1w.$` assigned by state `P` is not a valid variable name: it starts with '1'",
                    Some(NAME_RULE)
                ),
            ]
        );
    }
}
