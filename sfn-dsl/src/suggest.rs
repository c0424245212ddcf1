//! "Did you mean …?" suggestions for misspelled names.

/// The most edits a misspelling is taken to have, however long the word: beyond that a
/// long name is more likely another name that shares a part (`describeCluster` is not a
/// typo of `deleteCluster`, five edits apart) than a typo.
const MAX_EDITS: usize = 3;

/// The candidate closest to `word` by edit distance (a swap of two neighbouring characters
/// counts as one edit), if it is close enough to be a likely typo (at most a third of the
/// word's length and at most `MAX_EDITS` (3), and at least one edit), and not a complete
/// rewrite of it (`C` is no typo of `A`, however short both are).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).clamp(1, MAX_EDITS);
    let lowercase = word.to_lowercase();
    candidates
        .into_iter()
        // The distance is at least the difference in length: most candidates are ruled
        // out without computing it (a definition may hold thousands of names).
        .filter(|candidate| {
            *candidate != word && candidate.chars().count().abs_diff(length) <= limit
        })
        .map(|candidate| {
            (
                edit_distance(&lowercase, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, candidate)| {
            *distance <= limit && *distance < length.max(candidate.chars().count())
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Edit distance over characters: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count one (the optimal string alignment distance), so
/// `Nxet` is one edit from `Next`, as a typist would count it.
pub(crate) fn edit_distance(left: &str, right: &str) -> usize {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    // Three rows of the table: the one before the previous is needed for swaps.
    let mut before: Vec<usize> = vec![0; right.len() + 1];
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (row, left_char) in left.iter().enumerate() {
        current[0] = row + 1;
        for (column, right_char) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_char != right_char);
            let mut best = substitution
                .min(previous[column + 1] + 1)
                .min(current[column] + 1);
            if row > 0
                && column > 0
                && *left_char == right[column - 1]
                && left[row - 1] == *right_char
            {
                best = best.min(before[column - 1] + 1);
            }
            current[column + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::{closest, edit_distance};

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Next", "Next"), 0);
        assert_eq!(edit_distance("Nxet", "Next"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("abc", "ca"), 3);
    }

    #[test]
    fn long_names_sharing_a_part_are_no_typos() {
        let actions = ["deleteCluster", "createCluster", "runJob", "call"];
        assert_eq!(closest("describeCluster", actions), None);
        assert_eq!(closest("createClustre", actions), Some("createCluster"));
        assert_eq!(closest("creatClustr", actions), Some("createCluster"));
        assert_eq!(
            closest("StringEqualPaths", ["StringEqualsPath"]),
            Some("StringEqualsPath")
        );
    }

    #[test]
    fn suggests_only_close_candidates() {
        assert_eq!(closest("Nxt", ["Next", "End", "Type"]), Some("Next"));
        assert_eq!(closest("resource", ["Resource"]), Some("Resource"));
        assert_eq!(closest("Banana", ["Next", "End"]), None);
        assert_eq!(closest("C", ["A"]), None);
        assert_eq!(closest("C", ["CD", "A"]), Some("CD"));
        assert_eq!(closest("next", ["Next"]), Some("Next"));
    }
}
