//! Splitting an ARN into its parts between colons, keeping `${…}` substitutions whole.

/// The most parts an ARN that [`Resource::classify`](super::Resource::classify) recognises
/// can have (`arn`, then at most eight more: a `.sync:2` integration, or a Lambda function
/// with a qualifier).
const MAX_ARN_PARTS: usize = 9;

/// The parts of an ARN, in a fixed array rather than a vector (no allocation).
pub(super) struct ArnParts<'a> {
    parts: [&'a str; MAX_ARN_PARTS],
    count: usize,
}

impl<'a> ArnParts<'a> {
    /// Adds a part; `false` when there are more than any recognised form has.
    fn push(&mut self, part: &'a str) -> bool {
        match self.parts.get_mut(self.count) {
            Some(slot) => {
                *slot = part;
                self.count += 1;
                true
            }
            None => false,
        }
    }

    pub(super) fn as_slice(&self) -> &[&'a str] {
        self.parts.get(..self.count).unwrap_or_default()
    }
}

/// Splits an ARN on `:`, but not inside `${…}` substitutions (`${AWS::Partition}`);
/// `None` when it has more parts than any recognised form.
pub(super) fn split_arn(text: &str) -> Option<ArnParts<'_>> {
    let mut parts = ArnParts {
        parts: [""; MAX_ARN_PARTS],
        count: 0,
    };
    for part in arn_parts(text) {
        if !parts.push(part) {
            return None;
        }
    }
    Some(parts)
}

/// The parts of an ARN (or of any text) between colons, not splitting inside `${…}`
/// substitutions (`${AWS::Partition}` contains colons). Text without a colon is one part.
pub(crate) fn arn_parts(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut depth = 0usize;
    let mut index = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some(&byte) = bytes.get(index) {
            match byte {
                b'$' if bytes.get(index + 1) == Some(&b'{') => {
                    depth += 1;
                    index += 1;
                }
                b'}' if depth > 0 => depth -= 1,
                b':' if depth == 0 => {
                    let part = text.get(start..index).unwrap_or_default();
                    index += 1;
                    start = index;
                    return Some(part);
                }
                _ => {}
            }
            index += 1;
        }
        done = true;
        Some(text.get(start..).unwrap_or_default())
    })
}
