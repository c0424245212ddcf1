//! `States`: the named states of a machine, branch or item processor, in authoring order.

use indexmap::IndexMap;

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
    states: IndexMap<StateName, State>,
}

impl States {
    /// No states.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// No states, with room for `capacity`.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            states: IndexMap::with_capacity(capacity),
        }
    }

    /// Adds a state at the end, or replaces the state of the same name in place; returns the
    /// replaced state.
    pub fn insert(&mut self, name: impl Into<StateName>, state: State) -> Option<State> {
        self.states.insert(name.into(), state)
    }

    /// The state named `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&State> {
        self.states.get(name)
    }

    /// The state named `name`, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut State> {
        self.states.get_mut(name)
    }

    /// The state at `index` in authoring order, with its name.
    #[must_use]
    pub fn get_index(&self, index: usize) -> Option<(&StateName, &State)> {
        self.states.get_index(index)
    }

    /// The position of the state named `name`.
    #[must_use]
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.states.get_index_of(name)
    }

    /// Whether a state of that name exists.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.states.contains_key(name)
    }

    /// Removes the state named `name`, keeping the order of the others.
    pub fn remove(&mut self, name: &str) -> Option<State> {
        self.states.shift_remove(name)
    }

    /// The states with their names, in authoring order.
    #[must_use]
    pub fn iter(
        &self,
    ) -> impl ExactSizeIterator<Item = (&StateName, &State)> + DoubleEndedIterator {
        self.states.iter()
    }

    /// The states with their names, mutably.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&StateName, &mut State)> {
        self.states.iter_mut()
    }

    /// The names, in authoring order.
    #[must_use]
    pub fn names(&self) -> impl ExactSizeIterator<Item = &StateName> {
        self.states.keys()
    }

    /// The number of states.
    #[must_use]
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether there are no states.
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
