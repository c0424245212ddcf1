//! [`FanOut`]: run branches in parallel and merge their results.

use crate::builder::arg::field_path::string_literal;
use crate::builder::{Chain, ParallelStateBuilder, Problem, marker::Present};
use crate::error::BuildIssueKind;
use crate::model::{
    DynamicValue, IntrinsicCall, JsonPath, Jsonata, ParallelState, Payload, PayloadObject,
    QueryLanguage, ReferencePath, StateName,
};

/// How a [`FanOut`] combines the branch results (an array, in branch order).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::patterns::{FanOut, Merge};
/// use sfn_dsl::prelude::*;
///
/// let profile = FanOut::new("Load profile")
///     .branch("account", TaskState::lambda_invoke("Load account", "account").output_path("$.Payload"))
///     .branch("settings", TaskState::lambda_invoke("Load settings", "settings").output_path("$.Payload"))
///     .merge(Merge::Objects);
/// let machine = StateMachine::builder().start(profile).build()?;
/// let parallel = &machine.to_value()["States"]["Load profile"];
/// assert_eq!(
///     parallel["ResultSelector"],
///     json!({"merged.$": "States.JsonMerge($[0], $[1], false)"})
/// );
/// assert_eq!(parallel["OutputPath"], "$.merged");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Merge {
    /// One object with each branch's result under the branch's key:
    /// `{"inventory": …, "pricing": …}`.
    #[default]
    Keyed,
    /// The branch results, which must be objects, merged into one (later branches win on
    /// equal keys). JSONPath nests `States.JsonMerge`, so at most 11 branches, and the
    /// merged object becomes the state's output (no result path).
    Objects,
    /// The array of results as it is.
    Array,
}

/// Fan-out / fan-in: a Parallel state running one branch per key, with the results merged
/// as chosen and placed in the input.
///
/// Convert it into a [`Chain`], or into the Parallel state builder with
/// [`into_state`](FanOut::into_state) to add retriers and catchers.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::patterns::{FanOut, Merge};
/// use sfn_dsl::prelude::*;
///
/// let quotes = FanOut::new("Get quotes")
///     .branch("inventory", TaskState::lambda_invoke("Check stock", "stock").output_path("$.Payload"))
///     .branch("shipping", TaskState::lambda_invoke("Quote shipping", "shipping").output_path("$.Payload"))
///     .merge(Merge::Keyed)
///     .result_path("$.quotes");
/// let machine = StateMachine::builder().start(quotes).build()?;
/// let parallel = &machine.to_value()["States"]["Get quotes"];
/// assert_eq!(parallel["ResultSelector"], json!({"inventory.$": "$[0]", "shipping.$": "$[1]"}));
/// assert_eq!(parallel["ResultPath"], "$.quotes");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct FanOut {
    name: StateName,
    branches: Vec<(String, Chain)>,
    merge: Merge,
    result_path: Option<ReferencePath>,
    language: QueryLanguage,
}

impl FanOut {
    /// A fan-out whose Parallel state is named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::FanOut;
    /// use sfn_dsl::prelude::*;
    ///
    /// let fan = FanOut::new("Both").branch("a", PassState::builder("A")).branch("b", PassState::builder("B"));
    /// let machine = StateMachine::builder().start(fan).build()?;
    /// let parallel = &machine.to_value()["States"]["Both"];
    /// assert_eq!(parallel["Type"], "Parallel");
    /// assert_eq!(parallel["Branches"].as_array().map(Vec::len), Some(2));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(name: impl Into<StateName>) -> Self {
        Self {
            name: name.into(),
            branches: Vec::new(),
            merge: Merge::default(),
            result_path: None,
            language: QueryLanguage::JsonPath,
        }
    }

    /// Adds a branch whose result is known as `key` (with [`Merge::Keyed`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::patterns::FanOut;
    /// use sfn_dsl::prelude::*;
    ///
    /// let fan = FanOut::new("Both").branch("left", PassState::builder("L")).branch("right", PassState::builder("R"));
    /// let machine = StateMachine::builder().start(fan).build()?;
    /// let parallel = &machine.to_value()["States"]["Both"];
    /// assert_eq!(parallel["Branches"][1]["StartAt"], "R");
    /// assert_eq!(parallel["ResultSelector"], json!({"left.$": "$[0]", "right.$": "$[1]"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn branch(mut self, key: impl Into<String>, branch: impl Into<Chain>) -> Self {
        self.branches.push((key.into(), branch.into()));
        self
    }

    /// How the results are combined ([`Merge::Keyed`] by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::{FanOut, Merge};
    /// use sfn_dsl::prelude::*;
    ///
    /// let fan = FanOut::new("Both")
    ///     .branch("a", PassState::builder("A"))
    ///     .branch("b", PassState::builder("B"))
    ///     .merge(Merge::Array);
    /// let machine = StateMachine::builder().start(fan).build()?;
    /// assert!(machine.to_value()["States"]["Both"].get("ResultSelector").is_none());
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn merge(mut self, merge: Merge) -> Self {
        self.merge = merge;
        self
    }

    /// Where the merged result goes in the input; by default it replaces the input. In
    /// JSONata it must be a single field such as `$.quotes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::FanOut;
    /// use sfn_dsl::prelude::*;
    ///
    /// let fan = FanOut::new("Both").branch("a", PassState::builder("A")).result_path("$.results");
    /// let machine = StateMachine::builder().start(fan).build()?;
    /// assert_eq!(machine.to_value()["States"]["Both"]["ResultPath"], "$.results");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result_path(mut self, path: impl Into<ReferencePath>) -> Self {
        self.result_path = Some(path.into());
        self
    }

    /// The query language the merge is written for (JSONPath by default): use the
    /// machine's. The branches' states follow the machine's language.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::FanOut;
    /// use sfn_dsl::prelude::*;
    ///
    /// let fan = FanOut::new("Both")
    ///     .branch("a", PassState::builder("A"))
    ///     .query_language(QueryLanguage::Jsonata);
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(fan)
    ///     .build()?;
    /// let output = &machine.to_value()["States"]["Both"]["Output"];
    /// assert!(output.as_str().is_some_and(|text| text.starts_with("{%")));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.language = language;
        self
    }

    /// The Parallel state builder, to add retriers, catchers or other fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::FanOut;
    /// use sfn_dsl::prelude::*;
    ///
    /// let parallel = FanOut::new("Both")
    ///     .branch("a", PassState::builder("A"))
    ///     .into_state()
    ///     .catch(ErrorName::All, PassState::builder("Recover"));
    /// let machine = StateMachine::builder().start(parallel).build()?;
    /// assert_eq!(machine.to_value()["States"]["Both"]["Catch"][0]["Next"], "Recover");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn into_state(self) -> ParallelStateBuilder<Present> {
        let mut problems = Vec::new();
        let state = ParallelState::builder(self.name.clone());
        let keys: Vec<String> = self.branches.iter().map(|(key, _)| key.clone()).collect();
        if self.merge == Merge::Keyed {
            let mut seen = std::collections::HashSet::new();
            for key in &keys {
                if !seen.insert(key.as_str()) {
                    problems.push(format!(
                        "the branch key `{key}` is used by more than one branch, so one result would hide the other; give each branch its own key"
                    ));
                }
            }
        }
        let mut branches = self.branches.into_iter().map(|(_, chain)| chain);
        let Some(first) = branches.next() else {
            let message = format!(
                "the fan-out `{}` has no branches; add one with `.branch(key, chain)`",
                self.name
            );
            return state.without_branches(Problem::new(
                BuildIssueKind::EmptyStateList,
                "/Branches",
                message,
            ));
        };
        let mut state = state.branch(first);
        for branch in branches {
            state = state.branch(branch);
        }
        match self.language {
            QueryLanguage::JsonPath => {
                if let Some(selector) = jsonpath_selector(self.merge, &keys, &mut problems) {
                    state = state.result_selector(selector);
                }
                if self.merge == Merge::Objects {
                    // The selector wraps the merged object as `merged`; unwrap it.
                    state = state.output_path("$.merged");
                    if let Some(path) = &self.result_path {
                        problems.push(format!(
                            "a JSONPath fan-out with `Merge::Objects` replaces the input with the merged object and cannot place it at `{path}`; use `Merge::Keyed`, or JSONata"
                        ));
                    }
                } else if let Some(path) = self.result_path {
                    state = state.result_path(path);
                }
            }
            QueryLanguage::Jsonata => {
                let merged = jsonata_merged(self.merge, &keys);
                let output = match self.result_path {
                    Some(path) => {
                        let field = path.as_str().trim_start_matches("$.").to_owned();
                        if field.is_empty() || field.contains(['.', '[', '$']) {
                            problems.push(format!(
                                "a JSONata fan-out places its result in one input field such as `$.quotes`, not `{path}`"
                            ));
                        }
                        Some(format!(
                            "$merge([$states.input, {{{}: {}}}])",
                            string_literal(&field),
                            merged.as_deref().unwrap_or("$states.result")
                        ))
                    }
                    None => merged,
                };
                if let Some(output) = output {
                    state = state.output(Payload::Jsonata(Jsonata::new(format!(" {output} "))));
                }
            }
        }
        for message in problems {
            state = state.with_problem(Problem::new(BuildIssueKind::InvalidValue, "", message));
        }
        state
    }
}

fn jsonpath_selector(merge: Merge, keys: &[String], problems: &mut Vec<String>) -> Option<Payload> {
    let mut selector = PayloadObject::new();
    match merge {
        Merge::Array => return None,
        Merge::Keyed => {
            for (index, key) in keys.iter().enumerate() {
                selector.insert_dynamic(
                    key,
                    DynamicValue::Path(JsonPath::new(format!("$[{index}]"))),
                );
            }
        }
        Merge::Objects => {
            if keys.len() > 11 {
                problems.push(format!(
                    "merging {} branch results nests `States.JsonMerge` {} deep, more than the limit of 10; use `Merge::Keyed` or JSONata",
                    keys.len(),
                    keys.len() - 1
                ));
            }
            let call = if keys.len() < 2 {
                "States.JsonMerge($[0], $[0], false)".to_owned()
            } else {
                (1..keys.len()).fold("$[0]".to_owned(), |call, index| {
                    format!("States.JsonMerge({call}, $[{index}], false)")
                })
            };
            selector.insert_dynamic("merged", DynamicValue::Intrinsic(IntrinsicCall::new(call)));
        }
    }
    Some(Payload::Object(selector))
}

fn jsonata_merged(merge: Merge, keys: &[String]) -> Option<String> {
    match merge {
        Merge::Array => None,
        Merge::Objects => Some("$merge($states.result)".to_owned()),
        Merge::Keyed => {
            let fields: Vec<String> = keys
                .iter()
                .enumerate()
                .map(|(index, key)| format!("{}: $states.result[{index}]", string_literal(key)))
                .collect();
            Some(format!("{{{}}}", fields.join(", ")))
        }
    }
}

impl From<FanOut> for Chain {
    fn from(fan_out: FanOut) -> Self {
        fan_out.into_state().into()
    }
}
