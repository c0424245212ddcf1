//! Where a pointer is among a definition's state lists, read from the pointer's structure:
//! a state list is the `States` of the root, of a Parallel branch (`Branches/N`) or of a Map's
//! processor (`ItemProcessor`, or the older `Iterator`), and the segment after it is a state
//! name, whatever it is (a state may be named `States` or `Branches`).

/// The innermost state a pointer is at or inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct StatePlace<'a> {
    /// The object whose `States` member holds the state (`""` for the root).
    pub(super) list: &'a str,
    /// The state.
    pub(super) state: &'a str,
}

/// The innermost state `pointer` is at or inside, if any.
pub(super) fn state_place(pointer: &str) -> Option<StatePlace<'_>> {
    // Each segment with the offset where it ends.
    let mut end = 0;
    let segments: Vec<(&str, usize)> = pointer
        .split('/')
        .skip(1)
        .map(|segment| {
            end += 1 + segment.len();
            (segment, end)
        })
        .collect();
    let segment = |index: usize| segments.get(index).map(|(segment, _)| *segment);
    let end_of = |index: usize| segments.get(index).map_or(0, |(_, end)| *end);
    let mut place = None;
    let (mut at, mut list_end) = (0, 0);
    while segment(at) == Some("States") && segment(at + 1).is_some() {
        place = Some(StatePlace {
            list: pointer.get(..list_end)?,
            state: pointer.get(..end_of(at + 1))?,
        });
        // The state's nested lists.
        match segment(at + 2) {
            Some("Branches")
                if segment(at + 3).is_some_and(|index| index.parse::<usize>().is_ok()) =>
            {
                list_end = end_of(at + 3);
                at += 4;
            }
            Some("ItemProcessor" | "Iterator") => {
                list_end = end_of(at + 2);
                at += 3;
            }
            _ => break,
        }
    }
    place
}

/// The pointer of the `States` member of the list held by the object at `list`.
pub(super) fn states_of(list: &str) -> String {
    format!("{list}/States")
}
