//! [`ParallelStateBuilder`]: the Parallel state.

use std::marker::PhantomData;

use super::chain::{Chain, NodeState};
use super::common::{Common, setters};
use super::marker::{BranchesAreSet, Missing, Present};
use crate::error::BuildIssueKind;
use crate::hash::FastSet;
use crate::limits::PARALLEL_LEVELS;
use crate::model::{ParallelState, StateName};

/// Builds a Parallel state: runs every branch on the same input and collects their outputs
/// into an array, in branch order.
///
/// Each branch is a [`Chain`] of its own; its open ends end the branch. State names stay
/// unique across branches: a branch reusing a name of an earlier branch (or of the
/// Parallel state) is renamed as described on [`Chain`].
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let lookup = |table: &str| -> Chain {
///     TaskState::call("Lookup", dynamodb::GetItem::new(table, json!({"id": {"S.$": "$.id"}}))).into()
/// };
/// let both = ParallelState::builder("Gather")
///     .branch(lookup("customers"))
///     .branch(lookup("orders"))
///     .result_path("$.found");
/// let machine = StateMachine::builder().start(both).build()?;
/// let branches = &machine.to_value()["States"]["Gather"]["Branches"];
/// assert_eq!(branches[0]["StartAt"], "Lookup");
/// assert_eq!(branches[1]["StartAt"], "Lookup #2");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// A Parallel state without branches does not compile:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// let chain: Chain = ParallelState::builder("Nothing").into();
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct ParallelStateBuilder<B = Missing> {
    state: Box<ParallelState>,
    common: Common,
    branches: Vec<Chain>,
    names: FastSet<StateName>,
    marker: PhantomData<B>,
}

impl ParallelState {
    /// A builder for a Parallel state named `name`; add branches with
    /// [`branch`](ParallelStateBuilder::branch).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ParallelState::builder("Both")
    ///         .branch(PassState::builder("Left"))
    ///         .branch(PassState::builder("Right")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Both"];
    /// assert_eq!(state["Type"], json!("Parallel"));
    /// assert_eq!(state["Branches"].as_array().map(Vec::len), Some(2));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> ParallelStateBuilder<Missing> {
        let common = Common::new(name);
        let names = FastSet::from_iter([common.name.clone()]);
        ParallelStateBuilder {
            state: Box::default(),
            common,
            branches: Vec::new(),
            names,
            marker: PhantomData,
        }
    }
}

impl<B> ParallelStateBuilder<B> {
    setters!(
        example("ParallelState::builder(\"S\")\n    .branch(PassState::builder(\"B\"))", "");
        comment,
        query_language,
        input_path,
        parameters,
        arguments,
        result_selector,
        result_path,
        output_path,
        output,
        assign,
        retry,
        catch,
        end
    );

    /// Adds a branch. Serialized as an entry of `Branches`.
    ///
    /// A branch that would nest Parallel and Map states deeper than a definition can be
    /// read back is left out, and `build()` reports
    /// [`BuildIssueKind::NestingTooDeep`](crate::error::BuildIssueKind::NestingTooDeep).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ParallelState::builder("Both")
    ///         .branch(PassState::builder("Left"))
    ///         .branch(PassState::builder("Right")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Both"];
    /// assert_eq!(state["Branches"][0], json!({"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}}));
    /// assert_eq!(state["Branches"][1]["StartAt"], json!("Right"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn branch(mut self, branch: impl Into<Chain>) -> ParallelStateBuilder<Present> {
        let mut branch = branch.into();
        if branch.nests_too_deep(PARALLEL_LEVELS) {
            // Counted with the branches refused before it, so the pointer names the
            // position the branch was given in.
            let index = self.branches.len()
                + self
                    .common
                    .problems
                    .iter()
                    .filter(|problem| problem.kind == BuildIssueKind::NestingTooDeep)
                    .count();
            let what = format!("branch {index} of Parallel state `{}`", self.common.name);
            let problem = Chain::nesting_problem(format!("/Branches/{index}"), &what);
            self.common.problems.push(problem);
            return ParallelStateBuilder {
                state: self.state,
                common: self.common,
                branches: self.branches,
                names: self.names,
                marker: PhantomData,
            };
        }
        let mut names = self.names;
        branch.avoid(&names);
        branch.for_each_name(|name| {
            names.insert(name.clone());
        });
        let mut branches = self.branches;
        branches.push(branch);
        ParallelStateBuilder {
            state: self.state,
            common: self.common,
            branches,
            names,
            marker: PhantomData,
        }
    }

    /// The builder with no branch and `problem` to report: for a pattern that was given
    /// no branch, so that `build()` says that rather than "branch 0 has no states".
    pub(crate) fn without_branches(
        mut self,
        problem: super::chain::Problem,
    ) -> ParallelStateBuilder<Present> {
        self.common.problems.push(problem);
        ParallelStateBuilder {
            state: self.state,
            common: self.common,
            branches: self.branches,
            names: self.names,
            marker: PhantomData,
        }
    }

    /// Adds a problem that `build()` reports at `problem.field` below the state.
    pub(crate) fn with_problem(mut self, problem: super::chain::Problem) -> Self {
        self.common.problems.push(problem);
        self
    }

    /// Continues with `then`: a state builder or a [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(ParallelState::builder("Both")
    ///         .branch(PassState::builder("Left"))
    ///         .next(SucceedState::builder("Done")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Both"];
    /// assert_eq!(state["Next"], json!("Done"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain
    where
        B: BranchesAreSet,
    {
        Chain::from(self).next(then)
    }
}

impl<B: BranchesAreSet> From<ParallelStateBuilder<B>> for Chain {
    fn from(builder: ParallelStateBuilder<B>) -> Self {
        builder
            .common
            .finish(NodeState::Parallel(builder.state, builder.branches))
    }
}
