//! Paths as Jayway prints them in its messages: bracket notation from a `$` root, filters as
//! `[?]` (`$['orders'][0]['id']`).

use std::fmt;

use sfn_dsl::expr::jsonpath::{Segment, Selector};

/// The first steps of a path, printed from its root.
pub(super) struct Prefix<'a> {
    pub(super) root: &'a str,
    pub(super) segments: &'a [Segment],
}

impl fmt::Display for Prefix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.root)?;
        for segment in self.segments {
            match segment {
                Segment::Child(selector) => f.write_str(&selector_text(selector))?,
                Segment::Descendant(selector) => write!(f, "..{}", selector_text(selector))?,
                Segment::Function(function) => write!(f, ".{}()", function.name())?,
            }
        }
        Ok(())
    }
}

/// A whole path as Jayway prints it.
pub(super) fn path_text(root: &str, segments: &[Segment]) -> String {
    Prefix { root, segments }.to_string()
}

/// One step as Jayway prints it.
pub(super) fn selector_text(selector: &Selector) -> String {
    match selector {
        Selector::Filter(_) => "[?]".to_owned(),
        other => other.to_string(),
    }
}
