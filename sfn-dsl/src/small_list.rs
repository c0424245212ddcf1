//! [`SmallList`]: a list that holds one element without a heap allocation.
//!
//! Most chains are one state with one open end, most states defer one request, and most
//! states have one retrier and at most one catcher: as `Vec`s, each of those was a heap
//! block of its own. The builder uses it directly; the model's public
//! [`HandlerList`](crate::model::HandlerList) wraps it.

use std::ops::{Deref, DerefMut};

/// A list of `T` that keeps a single element inline and moves to a `Vec` at the second.
#[derive(Clone, Debug, Default)]
pub(crate) enum SmallList<T> {
    /// No elements.
    #[default]
    Empty,
    /// Exactly one element.
    One(T),
    /// Any number of elements.
    Many(Vec<T>),
}

impl<T> SmallList<T> {
    /// Appends `item`.
    pub(crate) fn push(&mut self, item: T) {
        match self {
            // The common case of a long list pushes in place, without moving the list out
            // and back.
            Self::Many(items) => items.push(item),
            Self::Empty => *self = Self::One(item),
            Self::One(_) => {
                if let Self::One(first) = std::mem::take(self) {
                    let mut items = Vec::with_capacity(4);
                    items.push(first);
                    items.push(item);
                    *self = Self::Many(items);
                }
            }
        }
    }

    /// Makes room for `additional` more elements.
    pub(crate) fn reserve(&mut self, additional: usize) {
        match self {
            Self::Many(items) => items.reserve(additional),
            _ if additional > 1 => {
                let mut items = Vec::with_capacity(self.len() + additional);
                items.extend(std::mem::take(self));
                *self = Self::Many(items);
            }
            _ => {}
        }
    }

    /// Keeps the elements for which `keep` holds.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        match self {
            Self::Empty => {}
            Self::One(item) => {
                if !keep(item) {
                    *self = Self::Empty;
                }
            }
            Self::Many(items) => items.retain(keep),
        }
    }
}

impl<T> Deref for SmallList<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Self::Empty => &[],
            Self::One(item) => std::slice::from_ref(item),
            Self::Many(items) => items,
        }
    }
}

impl<T> DerefMut for SmallList<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            Self::Empty => &mut [],
            Self::One(item) => std::slice::from_mut(item),
            Self::Many(items) => items,
        }
    }
}

impl<T> Extend<T> for SmallList<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        let items = items.into_iter();
        if let Self::Many(existing) = self {
            existing.extend(items);
        } else {
            let (lower, _) = items.size_hint();
            self.reserve(lower);
            for item in items {
                self.push(item);
            }
        }
    }
}

impl<T> IntoIterator for SmallList<T> {
    type Item = T;
    type IntoIter = std::iter::Chain<std::option::IntoIter<T>, std::vec::IntoIter<T>>;

    fn into_iter(self) -> Self::IntoIter {
        let (one, many) = match self {
            Self::Empty => (None, Vec::new()),
            Self::One(item) => (Some(item), Vec::new()),
            Self::Many(items) => (None, items),
        };
        one.into_iter().chain(many)
    }
}

impl<'a, T> IntoIterator for &'a SmallList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut SmallList<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::SmallList;

    #[test]
    fn grows_from_nothing_to_one_to_many_in_order() {
        let mut list = SmallList::default();
        assert!(list.is_empty());
        list.push(1);
        assert!(matches!(list, SmallList::One(1)));
        list.extend([2, 3]);
        assert_eq!(*list, [1, 2, 3]);
        list.retain(|item| *item != 2);
        assert_eq!(list.into_iter().collect::<Vec<_>>(), [1, 3]);
    }

    #[test]
    fn reserving_and_retaining_keep_the_elements() {
        let mut list = SmallList::default();
        list.push("a");
        list.reserve(10);
        assert_eq!(*list, ["a"]);
        list.retain(|_| false);
        assert!(list.is_empty());
        let mut one = SmallList::default();
        one.push('x');
        one.retain(|_| false);
        assert!(matches!(one, SmallList::Empty));
        let mut extended = SmallList::default();
        extended.extend(std::iter::once(7));
        assert!(matches!(extended, SmallList::One(7)));
        for item in &mut extended {
            *item += 1;
        }
        assert_eq!((&extended).into_iter().copied().collect::<Vec<_>>(), [8]);
    }
}
