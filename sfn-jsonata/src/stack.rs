//! Native stack accounting: recursion stops with an error well before the thread's stack
//! runs out, whatever the build profile makes each frame cost.

/// Stack bytes parsing may use.
pub(crate) const PARSE_STACK_BYTES: usize = 1 << 20;

/// An address in the current stack frame.
pub(crate) fn position() -> usize {
    let marker = 0_u8;
    std::ptr::from_ref(std::hint::black_box(&marker)) as usize
}

/// Bytes of stack used since `base` was taken.
pub(crate) fn used_since(base: usize) -> usize {
    base.abs_diff(position())
}
