//! Native stack accounting: recursion stops with an error, or goes on in a new stack segment,
//! well before the thread's stack runs out, whatever the build profile makes each frame cost.

/// Stack a level of parsing, or of a walk over a nested value, keeps free below it before
/// it starts the next: far more than a level uses (a few KB in debug builds), with room for
/// compiling a regex literal.
const RED_ZONE: usize = 256 << 10;
/// The size of each stack segment added when such a recursion runs low on stack.
const SEGMENT_BYTES: usize = 1 << 20;
/// Stack parsing may use where the end of the thread's stack is not known.
const PARSE_STACK_BYTES: usize = 1 << 20;

/// An address in the current stack frame.
pub(crate) fn position() -> usize {
    let marker = 0_u8;
    std::ptr::from_ref(std::hint::black_box(&marker)) as usize
}

/// Bytes of stack used since `base` was taken.
pub(crate) fn used_since(base: usize) -> usize {
    base.abs_diff(position())
}

/// Runs one level of a recursive parsing pass that started at stack position `base`.
///
/// When the thread's stack runs low, the level runs in a new stack segment, so nesting is
/// bounded by the parser's depth limit and not by the build's frame sizes. Where the end of
/// the stack is not known, nothing is added and `None` stops the pass once it has used
/// 1 MiB.
pub(crate) fn parse_level<R>(base: usize, level: impl FnOnce() -> R) -> Option<R> {
    match stacker::remaining_stack() {
        Some(remaining) if remaining < RED_ZONE => Some(stacker::grow(SEGMENT_BYTES, level)),
        None if used_since(base) > PARSE_STACK_BYTES => None,
        Some(_) | None => Some(level()),
    }
}

/// Runs one level of a walk over a nested value (converting, printing, comparing or
/// copying it), in a new stack segment when the thread's stack runs low.
///
/// Converted values nest up to 1000 levels, and a level of these walks takes about 2 KB of
/// stack in debug builds: more than a 2 MiB thread has. Where the end of the stack is not
/// known, the level runs where it is.
pub(crate) fn value_level<R>(level: impl FnOnce() -> R) -> R {
    match stacker::remaining_stack() {
        Some(remaining) if remaining < RED_ZONE => stacker::grow(SEGMENT_BYTES, level),
        Some(_) | None => level(),
    }
}
