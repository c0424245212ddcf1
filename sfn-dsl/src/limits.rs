//! Limits of the States Language and of AWS that both the builder and the validator
//! enforce.

/// The largest `TimeoutSeconds`, `HeartbeatSeconds`, `IntervalSeconds`, `MaxAttempts`
/// and Wait `Seconds` AWS accepts.
pub(crate) const MAX_SECONDS: u64 = 99_999_999;

/// The longest `MaxDelaySeconds` AWS accepts (366 days).
pub(crate) const MAX_DELAY_SECONDS: u64 = 31_622_400;

/// JSON levels from a state list's `States` object to the `States` of a branch of one of
/// its Parallel states: the state, `Branches`, the branch, its `States`.
pub(crate) const PARALLEL_LEVELS: u16 = 4;

/// JSON levels from a state list's `States` object to the `States` of the item processor
/// of one of its Map states: the state, `ItemProcessor`, its `States`.
pub(crate) const MAP_LEVELS: u16 = 3;

/// How many JSON levels below the machine's own `States` object the `States` of a nested
/// state list may lie, so that the whole definition reads back with
/// [`StateMachine::from_json`](crate::StateMachine::from_json), which reads
/// [`MAX_DEPTH`](crate::source::MAX_DEPTH) levels (the root at level 0): the machine's
/// `States` is at level 1, a nested `States` at most at 251, a state in it at 252, and the
/// deepest fixed structure of a state (`Retry` → retrier → `ErrorEquals`, `ItemReader` →
/// `ReaderConfig` → `CSVHeaders`) ends at level 255. At most 62 Parallel states or 83 Map
/// states fit inside each other. (`MAX_DEPTH - 6`, checked by a test.)
pub(crate) const MAX_LIST_DEPTH: u16 = 250;

/// How many JSON levels below the machine's own `States` object the `States` of a nested
/// list can lie at all: deeper, it is past the [`MAX_DEPTH`](crate::source::MAX_DEPTH)
/// levels the parser reads. The parser never makes such a machine and `build()` refuses it
/// ([`MAX_LIST_DEPTH`]), but a machine put together by hand from the model's public types
/// can nest without end; the serializer, the validator and the renderers stop there
/// instead of recursing on (64 Parallel or 85 Map states inside each other).
pub(crate) const MAX_READABLE_LIST_DEPTH: u16 = 254;

#[cfg(test)]
mod tests {
    use super::{MAP_LEVELS, MAX_LIST_DEPTH, MAX_READABLE_LIST_DEPTH, PARALLEL_LEVELS};

    #[test]
    fn nested_lists_leave_room_for_a_state_below_the_parser_limit() {
        assert_eq!(usize::from(MAX_LIST_DEPTH), crate::source::MAX_DEPTH - 6);
        assert_eq!(MAX_LIST_DEPTH / PARALLEL_LEVELS, 62);
        assert_eq!(MAX_LIST_DEPTH / MAP_LEVELS, 83);
        assert_eq!(
            usize::from(MAX_READABLE_LIST_DEPTH),
            crate::source::MAX_DEPTH - 2
        );
    }
}
