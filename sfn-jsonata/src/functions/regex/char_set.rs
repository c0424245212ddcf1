//! Sets of characters as sorted code point ranges: the classes a JavaScript pattern names
//! (`\d`, `\s`, `\w`, `[a-z]`), closed under JavaScript's case-insensitive equivalence.

use super::case;

/// The highest code point.
const MAX: u32 = 0x10_FFFF;

/// A set of code points, as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct CharSet {
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    pub(super) fn new() -> Self {
        CharSet::default()
    }

    #[cfg(test)]
    pub(super) fn of_char(ch: char) -> Self {
        CharSet::of_ranges(&[(u32::from(ch), u32::from(ch))])
    }

    fn of_ranges(ranges: &[(u32, u32)]) -> Self {
        let mut set = CharSet {
            ranges: ranges.to_vec(),
        };
        set.normalize();
        set
    }

    /// `\d`: ASCII digits only, as JavaScript defines it.
    pub(super) fn digit() -> Self {
        CharSet::of_ranges(&[(0x30, 0x39)])
    }

    /// `\w`: ASCII letters, digits and `_`; without the `u` flag JavaScript knows no others.
    pub(super) fn word() -> Self {
        CharSet::of_ranges(&[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
    }

    /// `\s`: JavaScript's white space (the `Zs` category plus a few) and line terminators.
    pub(super) fn space() -> Self {
        CharSet::of_ranges(&[
            (0x09, 0x0D),
            (0x20, 0x20),
            (0xA0, 0xA0),
            (0x1680, 0x1680),
            (0x2000, 0x200A),
            (0x2028, 0x2029),
            (0x202F, 0x202F),
            (0x205F, 0x205F),
            (0x3000, 0x3000),
            (0xFEFF, 0xFEFF),
        ])
    }

    /// JavaScript's line terminators: what `.` does not match and what `^`/`$` see in `m` mode.
    pub(super) fn line_terminators() -> Self {
        CharSet::of_ranges(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)])
    }

    /// Adds the code points (or, for a lone surrogate, UTF-16 units) from `low` to `high`.
    pub(super) fn add_range(&mut self, low: u32, high: u32) {
        self.ranges.push((low, high));
        self.normalize();
    }

    pub(super) fn add_set(&mut self, other: &CharSet) {
        self.ranges.extend_from_slice(&other.ranges);
        self.normalize();
    }

    pub(super) fn contains(&self, code: u32) -> bool {
        self.ranges
            .binary_search_by(|&(low, high)| {
                if high < code {
                    std::cmp::Ordering::Less
                } else if low > code {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub(super) fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    /// Every code point not in the set.
    pub(super) fn complement(&self) -> Self {
        let mut ranges = Vec::with_capacity(self.ranges.len() + 1);
        let mut next = 0;
        for &(low, high) in &self.ranges {
            if low > next {
                ranges.push((next, low - 1));
            }
            next = high + 1;
        }
        if next <= MAX {
            ranges.push((next, MAX));
        }
        CharSet { ranges }
    }

    pub(super) fn intersection(&self, other: &CharSet) -> Self {
        self.complement().union(&other.complement()).complement()
    }

    pub(super) fn difference(&self, other: &CharSet) -> Self {
        self.intersection(&other.complement())
    }

    fn union(&self, other: &CharSet) -> Self {
        let mut set = self.clone();
        set.add_set(other);
        set
    }

    /// The set plus every character that matches one of its members case-insensitively, by
    /// JavaScript's rule without the `u` flag (both sides' simple uppercase are equal).
    pub(super) fn case_closure(&self) -> Self {
        let mut set = self.clone();
        for group in case::equivalence_groups() {
            if group.iter().any(|&code| self.contains(code)) {
                set.ranges.extend(group.iter().map(|&code| (code, code)));
            }
        }
        set.normalize();
        set
    }

    fn normalize(&mut self) {
        self.ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(self.ranges.len());
        for &(low, high) in &self.ranges {
            match merged.last_mut() {
                Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
                _ => merged.push((low, high)),
            }
        }
        self.ranges = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complement_and_difference_split_ranges() {
        let set = CharSet::of_ranges(&[(0x61, 0x7A)]);
        assert_eq!(set.complement().ranges(), &[(0, 0x60), (0x7B, MAX)]);
        let vowels = CharSet::of_ranges(&[(0x61, 0x61), (0x65, 0x65)]);
        assert_eq!(
            set.difference(&vowels).ranges(),
            &[(0x62, 0x64), (0x66, 0x7A)]
        );
        assert!(CharSet::new().complement().contains(MAX));
    }

    #[test]
    fn case_closure_follows_javascript_without_the_u_flag() {
        let closure = CharSet::of_char('s').case_closure();
        // `ſ` uppercases to ASCII `S`, which JavaScript does not let a non-ASCII letter fold to.
        assert!(closure.contains(u32::from('S')) && !closure.contains(0x17F));
        let sigma = CharSet::of_char('ς').case_closure();
        assert!(sigma.contains(u32::from('Σ')) && sigma.contains(u32::from('σ')));
        // `ß` uppercases to two letters, so it folds to nothing else.
        assert_eq!(CharSet::of_char('ß').case_closure(), CharSet::of_char('ß'));
    }
}
