//! `States`: the named states of a machine, branch or item processor, in authoring order.

use indexmap::IndexMap;

use crate::hash::FastHash;

use super::name::StateName;
use super::state::State;

/// The `States` object of a machine, Parallel branch or Map item processor: states by name,
/// in the order they were written (which is also the order they are serialized in).
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{PassState, State, States};
///
/// let mut states = States::new();
/// states.insert("First", State::from(PassState::default()));
/// assert!(states.contains("First"));
/// assert_eq!(states.names().map(|name| name.as_str()).collect::<Vec<_>>(), ["First"]);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct States {
    states: IndexMap<StateName, State, FastHash>,
}

impl States {
    /// No states.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::States;
    ///
    /// let states = States::new();
    /// assert!(states.is_empty());
    /// assert_eq!(states.get("Any"), None);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// No states, with room for `capacity`.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            states: IndexMap::with_capacity_and_hasher(capacity, FastHash::default()),
        }
    }

    /// Adds a state at the end, or replaces the state of the same name in place; returns the
    /// replaced state.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States, SucceedState};
    ///
    /// let mut states = States::new();
    /// states.insert("A", State::from(PassState::default()));
    /// states.insert("B", State::from(PassState::default()));
    /// let replaced = states.insert("A", State::from(SucceedState::default()));
    /// assert_eq!(replaced.map(|state| state.type_name()), Some("Pass"));
    /// assert_eq!(states.get_index(0).map(|(name, state)| (name.as_str(), state.type_name())), Some(("A", "Succeed"))); // same place
    /// ```
    pub fn insert(&mut self, name: impl Into<StateName>, state: State) -> Option<State> {
        self.states.insert(name.into(), state)
    }

    /// The state named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{State, States, SucceedState};
    ///
    /// let states: States = [("Done", State::from(SucceedState::default()))].into_iter().collect();
    /// assert_eq!(states.get("Done").map(State::type_name), Some("Succeed"));
    /// assert_eq!(states.get("done"), None);
    /// ```
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&State> {
        self.states.get(name)
    }

    /// The state named `name`, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let mut states: States = [("P", State::from(PassState::default()))].into_iter().collect();
    /// if let Some(State::Pass(pass)) = states.get_mut("P") {
    ///     pass.comment = Some("edited".into());
    /// }
    /// assert_eq!(states.get("P").and_then(State::comment), Some("edited"));
    /// ```
    pub fn get_mut(&mut self, name: &str) -> Option<&mut State> {
        self.states.get_mut(name)
    }

    /// The state at `index` in authoring order, with its name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let states: States = [("A", State::from(PassState::default())), ("B", State::from(PassState::default()))].into_iter().collect();
    /// assert_eq!(states.get_index(1).map(|(name, _)| name.as_str()), Some("B"));
    /// assert!(states.get_index(2).is_none());
    /// ```
    #[must_use]
    pub fn get_index(&self, index: usize) -> Option<(&StateName, &State)> {
        self.states.get_index(index)
    }

    /// The position of the state named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let states: States = [("A", State::from(PassState::default())), ("B", State::from(PassState::default()))].into_iter().collect();
    /// assert_eq!(states.index_of("B"), Some(1));
    /// assert_eq!(states.index_of("C"), None);
    /// ```
    #[must_use]
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.states.get_index_of(name)
    }

    /// Whether a state of that name exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let states: States = [("A", State::from(PassState::default()))].into_iter().collect();
    /// assert!(states.contains("A"));
    /// assert!(!states.contains("a")); // names are case-sensitive
    /// ```
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.states.contains_key(name)
    }

    /// Removes the state named `name`, keeping the order of the others.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let mut states: States = ["A", "B", "C"].into_iter().map(|name| (name, State::from(PassState::default()))).collect();
    /// assert!(states.remove("A").is_some());
    /// assert_eq!(states.names().map(|name| name.as_str()).collect::<Vec<_>>(), ["B", "C"]); // order kept
    /// assert!(states.remove("A").is_none());
    /// ```
    pub fn remove(&mut self, name: &str) -> Option<State> {
        self.states.shift_remove(name)
    }

    /// The states with their names, in authoring order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "A"}, "A": {"Type": "Succeed"}}}"#)?;
    /// let listed: Vec<_> = machine.states.iter().map(|(name, state)| (name.as_str(), state.type_name())).collect();
    /// assert_eq!(listed, [("B", "Pass"), ("A", "Succeed")]); // as written, not sorted
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = (&StateName, &State)> + DoubleEndedIterator {
        self.states.iter()
    }

    /// The states with their names, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let mut states: States = ["A", "B"].into_iter().map(|name| (name, State::from(PassState::default()))).collect();
    /// for (name, state) in states.iter_mut() {
    ///     if let State::Pass(pass) = state {
    ///         pass.comment = Some(format!("state {name}"));
    ///     }
    /// }
    /// assert_eq!(states.get("B").and_then(State::comment), Some("state B"));
    /// ```
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&StateName, &mut State)> {
        self.states.iter_mut()
    }

    /// The names, in authoring order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Z", "States": {"Z": {"Type": "Pass", "Next": "Y"}, "Y": {"Type": "Succeed"}}}"#)?;
    /// assert_eq!(machine.states.names().map(|name| name.as_str()).collect::<Vec<_>>(), ["Z", "Y"]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn names(&self) -> impl ExactSizeIterator<Item = &StateName> {
        self.states.keys()
    }

    /// The number of states.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
    ///     "Branches": [{"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}}]}}}"#)?;
    /// assert_eq!(machine.states.len(), 1); // nested states are not counted
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether there are no states.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PassState, State, States};
    ///
    /// let mut states = States::new();
    /// assert!(states.is_empty());
    /// states.insert("A", State::from(PassState::default()));
    /// assert!(!states.is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

impl<N: Into<StateName>> FromIterator<(N, State)> for States {
    fn from_iter<I: IntoIterator<Item = (N, State)>>(iter: I) -> Self {
        Self {
            states: iter
                .into_iter()
                .map(|(name, state)| (name.into(), state))
                .collect(),
        }
    }
}

impl<N: Into<StateName>> Extend<(N, State)> for States {
    fn extend<I: IntoIterator<Item = (N, State)>>(&mut self, iter: I) {
        self.states
            .extend(iter.into_iter().map(|(name, state)| (name.into(), state)));
    }
}

impl IntoIterator for States {
    type Item = (StateName, State);
    type IntoIter = indexmap::map::IntoIter<StateName, State>;

    fn into_iter(self) -> Self::IntoIter {
        self.states.into_iter()
    }
}

impl<'a> IntoIterator for &'a States {
    type Item = (&'a StateName, &'a State);
    type IntoIter = indexmap::map::Iter<'a, StateName, State>;

    fn into_iter(self) -> Self::IntoIter {
        self.states.iter()
    }
}
