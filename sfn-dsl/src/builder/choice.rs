//! [`ChoiceStateBuilder`]: the Choice state.

use std::marker::PhantomData;

use super::chain::{Chain, Deferred, DeferredField, NodeState, Problem, Slot};
use super::common::{Common, setters};
use super::marker::{ChoicesAreSet, Missing, Present};
use super::rule::Rule;
use crate::error::BuildIssueKind;
use crate::model::{ChoiceRule, ChoiceState, StateName};

/// What a Choice state does when no rule matches.
#[derive(Clone, Debug, Default)]
enum Fallback {
    /// No `Default`: the execution fails with `States.NoChoiceMatched`.
    #[default]
    Fail,
    /// `Default` is this chain.
    To(Box<Chain>),
    /// `Default` is whatever follows the Choice state.
    Continue,
}

/// Builds a Choice state: the first rule that holds decides the next state; `otherwise`
/// decides when none does.
///
/// Each rule leads to a [`Chain`]: a new branch, a jump ([`Chain::goto`]), or the empty
/// chain ([`Chain::new`]), meaning "continue after the Choice". The open ends of all
/// branches become the open ends of the Choice, so `choice.next(x)` joins the branches
/// again at `x`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let flow = ChoiceState::builder("Needs review?")
///     .when(Rule::numeric_greater_than("$.amount", 10_000), PassState::builder("Flag for review"))
///     .otherwise_continue()
///     .next(SucceedState::builder("Done"));
/// let machine = StateMachine::builder().start(flow).build()?;
/// assert_eq!(
///     machine.to_value()["States"],
///     json!({
///         "Needs review?": {
///             "Type": "Choice",
///             "Choices": [{"Variable": "$.amount", "NumericGreaterThan": 10000, "Next": "Flag for review"}],
///             "Default": "Done"
///         },
///         "Flag for review": {"Type": "Pass", "Next": "Done"},
///         "Done": {"Type": "Succeed"}
///     })
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// A Choice state without rules does not compile:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// let chain: Chain = ChoiceState::builder("Empty").otherwise(SucceedState::builder("Done")).into();
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct ChoiceStateBuilder<C = Missing> {
    state: Box<ChoiceState>,
    common: Common,
    branches: Vec<(Rule, Chain)>,
    fallback: Fallback,
    marker: PhantomData<C>,
}

impl ChoiceState {
    /// A builder for a Choice state named `name`; add rules with
    /// [`when`](ChoiceStateBuilder::when).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ChoiceState::builder("Route")
    ///         .when(Rule::boolean_equals("$.ok", true), SucceedState::builder("Yes"))
    ///         .otherwise(FailState::builder("No")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Route"];
    /// assert_eq!(state["Type"], json!("Choice"));
    /// assert_eq!(state["Default"], json!("No"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> ChoiceStateBuilder<Missing> {
        ChoiceStateBuilder {
            state: Box::default(),
            common: Common::new(name),
            branches: Vec::new(),
            fallback: Fallback::Fail,
            marker: PhantomData,
        }
    }
}

impl<C> ChoiceStateBuilder<C> {
    setters!(
        example(
            "ChoiceState::builder(\"S\")",
            "\n    .when(Rule::boolean_equals(\"$.ok\", true), SucceedState::builder(\"Yes\"))\n    .otherwise(FailState::builder(\"No\"))",
            "\n    .when(Rule::jsonata(\"$states.input.ok\"), SucceedState::builder(\"Yes\"))\n    .otherwise(FailState::builder(\"No\"))"
        );
        comment,
        query_language,
        input_path,
        output_path,
        output,
        assign
    );

    /// Adds a rule: when `rule` holds (and no earlier rule did), continue with `next`.
    /// Serialized as an entry of `Choices`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ChoiceState::builder("Route")
    ///         .when(Rule::boolean_equals("$.ok", true), SucceedState::builder("Yes"))
    ///         .when(Rule::boolean_equals("$.retry", true), PassState::builder("Again"))
    ///         .otherwise(FailState::builder("No")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Route"];
    /// assert_eq!(state["Choices"][0]["Next"], json!("Yes"));
    /// assert_eq!(state["Choices"][1], json!({"Variable": "$.retry", "BooleanEquals": true, "Next": "Again"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn when(
        self,
        rule: impl Into<Rule>,
        next: impl Into<Chain>,
    ) -> ChoiceStateBuilder<Present> {
        let mut branches = self.branches;
        branches.push((rule.into(), next.into()));
        ChoiceStateBuilder {
            state: self.state,
            common: self.common,
            branches,
            fallback: self.fallback,
            marker: PhantomData,
        }
    }

    /// When no rule holds, continue with `next`. Serialized as `Default`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ChoiceState::builder("Route")
    ///         .when(Rule::boolean_equals("$.ok", true), SucceedState::builder("Yes"))
    ///         .otherwise(FailState::builder("No").error("NotOk")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Route"];
    /// assert_eq!(state["Default"], json!("No"));
    /// assert_eq!(value["States"]["No"]["Error"], json!("NotOk"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn otherwise(mut self, next: impl Into<Chain>) -> Self {
        self.fallback = Fallback::To(Box::new(next.into()));
        self
    }

    /// When no rule holds, continue with whatever follows the Choice state. Serialized as
    /// `Default`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ChoiceState::builder("Route")
    ///         .when(Rule::boolean_equals("$.ok", true), SucceedState::builder("Yes"))
    ///         .otherwise_continue()
    ///         .next(PassState::builder("Later")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Route"];
    /// assert_eq!(state["Default"], json!("Later"));
    /// assert_eq!(state["Choices"][0]["Next"], json!("Yes"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn otherwise_continue(mut self) -> Self {
        self.fallback = Fallback::Continue;
        self
    }

    /// Continues every open branch (and the default, with
    /// [`otherwise_continue`](Self::otherwise_continue)) with `then`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ChoiceState::builder("Route")
    ///         .when(Rule::boolean_equals("$.ok", true), PassState::builder("Fast"))
    ///         .otherwise(PassState::builder("Slow"))
    ///         .next(SucceedState::builder("Done")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Route"];
    /// assert_eq!(value["States"]["Fast"]["Next"], json!("Done"));
    /// assert_eq!(value["States"]["Slow"]["Next"], json!("Done"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain
    where
        C: ChoicesAreSet,
    {
        Chain::from(self).next(then)
    }
}

impl<C: ChoicesAreSet> From<ChoiceStateBuilder<C>> for Chain {
    fn from(builder: ChoiceStateBuilder<C>) -> Self {
        let ChoiceStateBuilder {
            mut state,
            mut common,
            branches,
            fallback,
            ..
        } = builder;
        let mut targets = Vec::with_capacity(branches.len());
        for (index, (rule, chain)) in branches.into_iter().enumerate() {
            for message in rule.problems {
                common.problems.push(Problem::new(
                    BuildIssueKind::InvalidValue,
                    format!("/Choices/{index}"),
                    message,
                ));
            }
            if !rule.assign.is_empty() {
                common.deferred.push(Deferred {
                    into: DeferredField::RuleAssign(index),
                    request: rule.assign,
                });
            }
            state.choices.push(ChoiceRule {
                condition: rule.condition,
                assign: None,
                output: rule.output,
                next: StateName::default(),
                comment: rule.comment,
            });
            targets.push(chain);
        }
        let mut chain = common.finish(NodeState::Choice(state));
        for (index, target) in targets.into_iter().enumerate() {
            match chain.absorb(target, false) {
                Some(entry) => chain.connect(Slot::Rule(0, index), &entry),
                None => chain.open.push(Slot::Rule(0, index)),
            }
        }
        match fallback {
            Fallback::Fail => {}
            Fallback::Continue => chain.open.push(Slot::Default(0)),
            Fallback::To(target) => match chain.absorb(*target, false) {
                Some(entry) => chain.connect(Slot::Default(0), &entry),
                None => chain.open.push(Slot::Default(0)),
            },
        }
        chain
    }
}
