//! Which members of an object have been read.

/// Which members of an object have been read: a bit set in one word for the usual small
/// objects, a vector beyond 64 members.
pub(super) enum Used {
    Small(u64),
    Large(Vec<bool>),
}

impl Used {
    pub(super) fn new(count: usize) -> Self {
        if count <= 64 {
            Self::Small(0)
        } else {
            Self::Large(vec![false; count])
        }
    }

    pub(super) fn set(&mut self, index: usize) {
        match self {
            Self::Small(bits) => *bits |= 1 << index,
            Self::Large(flags) => {
                if let Some(flag) = flags.get_mut(index) {
                    *flag = true;
                }
            }
        }
    }

    /// Whether all of the first `count` members have been read.
    pub(super) fn all(&self, count: usize) -> bool {
        match self {
            Self::Small(bits) => bits.count_ones() as usize == count,
            Self::Large(flags) => flags.iter().all(|flag| *flag),
        }
    }

    pub(super) fn get(&self, index: usize) -> bool {
        match self {
            Self::Small(bits) => bits & (1 << index) != 0,
            Self::Large(flags) => flags.get(index).copied().unwrap_or(false),
        }
    }
}
