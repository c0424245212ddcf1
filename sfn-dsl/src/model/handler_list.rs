//! [`HandlerList`]: the `Retry` or `Catch` list of a state, holding one entry inline.

use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::small_list::SmallList;

/// The `Retry` or `Catch` list of a Task, Parallel or Map state: a list of retriers or
/// catchers, in order, that dereferences to a slice.
///
/// Most states have one retrier and at most one catcher, so a single entry is held inline,
/// in the state itself, instead of in a heap block of its own; a second entry moves the
/// list into a vector. Build one with [`From`] (`Vec<T>` or `[T; N]`),
/// [`FromIterator`] or [`push`](HandlerList::push). Lists compare equal to each other and to
/// vectors and slices by their entries.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{ErrorName, HandlerList, Retrier};
///
/// let mut retry = HandlerList::from([Retrier::default()]);
/// retry.push(Retrier {
///     error_equals: vec![ErrorName::Timeout].into(),
///     ..Retrier::default()
/// });
/// assert_eq!(retry.len(), 2);
/// assert_eq!(retry[1].error_equals[..], [ErrorName::Timeout]);
/// ```
#[derive(Clone)]
pub struct HandlerList<T>(SmallList<T>);

impl<T> HandlerList<T> {
    /// The empty list (allocates nothing).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{HandlerList, Retrier};
    ///
    /// let retry: HandlerList<Retrier> = HandlerList::new();
    /// assert!(retry.is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self(SmallList::Empty)
    }

    /// The empty list, with room for `capacity` entries (a single entry needs no room).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Catcher, HandlerList};
    ///
    /// let catch: HandlerList<Catcher> = HandlerList::with_capacity(3);
    /// assert!(catch.is_empty());
    /// ```
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        match capacity {
            0 | 1 => Self::new(),
            _ => Self(SmallList::Many(Vec::with_capacity(capacity))),
        }
    }

    /// Appends `entry` at the end.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{ErrorName, HandlerList, Retrier};
    ///
    /// let mut retry = HandlerList::new();
    /// retry.push(Retrier { error_equals: vec![ErrorName::All].into(), ..Retrier::default() });
    /// assert_eq!(retry.len(), 1);
    /// assert_eq!(retry[0].error_equals[..], [ErrorName::All]);
    /// ```
    pub fn push(&mut self, entry: T) {
        self.0.push(entry);
    }

    /// The entries as a vector.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{HandlerList, Retrier};
    ///
    /// let retry = HandlerList::from([Retrier::default(), Retrier::default()]);
    /// let entries: Vec<Retrier> = retry.into_vec();
    /// assert_eq!(entries.len(), 2);
    /// ```
    #[must_use]
    pub fn into_vec(self) -> Vec<T> {
        match self.0 {
            SmallList::Empty => Vec::new(),
            SmallList::One(entry) => vec![entry],
            SmallList::Many(entries) => entries,
        }
    }
}

impl<T> Default for HandlerList<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Deref for HandlerList<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> DerefMut for HandlerList<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for HandlerList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PartialEq> PartialEq for HandlerList<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for HandlerList<T> {}

impl<T: PartialEq> PartialEq<Vec<T>> for HandlerList<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        **self == **other
    }
}

impl<T: PartialEq> PartialEq<[T]> for HandlerList<T> {
    fn eq(&self, other: &[T]) -> bool {
        **self == *other
    }
}

impl<T> From<Vec<T>> for HandlerList<T> {
    fn from(mut entries: Vec<T>) -> Self {
        if entries.len() == 1
            && let Some(entry) = entries.pop()
        {
            return Self(SmallList::One(entry));
        }
        if entries.is_empty() {
            return Self::new();
        }
        Self(SmallList::Many(entries))
    }
}

impl<T, const N: usize> From<[T; N]> for HandlerList<T> {
    fn from(entries: [T; N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<T> From<HandlerList<T>> for Vec<T> {
    fn from(list: HandlerList<T>) -> Self {
        list.into_vec()
    }
}

impl<T> FromIterator<T> for HandlerList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(entries: I) -> Self {
        let mut entries = entries.into_iter();
        let Some(first) = entries.next() else {
            return Self::new();
        };
        match entries.next() {
            None => Self(SmallList::One(first)),
            Some(second) => {
                let mut all = Vec::with_capacity(2 + entries.size_hint().0);
                all.push(first);
                all.push(second);
                all.extend(entries);
                Self(SmallList::Many(all))
            }
        }
    }
}

impl<T> Extend<T> for HandlerList<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, entries: I) {
        self.0.extend(entries);
    }
}

impl<T> IntoIterator for HandlerList<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a HandlerList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut HandlerList<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::HandlerList;

    #[test]
    fn one_entry_is_inline_and_more_go_to_a_vector_in_order() {
        let mut list = HandlerList::new();
        assert!(list.is_empty());
        list.push(1);
        assert_eq!(list, vec![1]);
        list.push(2);
        list.push(3);
        assert_eq!(list, vec![1, 2, 3]);
        assert_eq!(list.clone().into_vec(), [1, 2, 3]);
        list[0] = 4;
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), [4, 2, 3]);
    }

    #[test]
    fn lists_compare_by_entries_however_they_are_held() {
        assert_eq!(HandlerList::from(vec![7]), HandlerList::from([7]));
        assert_eq!(
            HandlerList::from([1, 2]),
            [1, 2].into_iter().collect::<HandlerList<_>>()
        );
        assert_eq!(
            HandlerList::<i32>::from(Vec::new()),
            std::iter::empty().collect::<HandlerList<_>>()
        );
        assert_ne!(HandlerList::from([1]), HandlerList::from([1, 2]));
        assert_eq!(format!("{:?}", HandlerList::from([1, 2])), "[1, 2]");
    }
}
