//! JSON pointers (RFC 6901) built lazily: a linked list of segments on the stack that only
//! becomes a string when a problem is reported.

use std::fmt;

/// Escapes one pointer segment: `~` becomes `~0` and `/` becomes `~1`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, escape_pointer_segment};
///
/// assert_eq!(escape_pointer_segment("a/b~c"), "a~1b~0c");
/// let document = Document::parse(r#"{"Charge/Card": 1}"#)?;
/// let pointer = format!("/{}", escape_pointer_segment("Charge/Card"));
/// assert!(document.node_at(&pointer).is_some());
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn escape_pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// How a message says where a pointer leads: the pointer itself, or "the document root"
/// for the empty pointer, which would print as nothing.
pub(crate) fn pointer_place(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document root"
    } else {
        pointer
    }
}

pub(crate) fn unescape_pointer_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// A position in a JSON document, as a chain of keys and indexes from the root.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Pointer;
///
/// let root = Pointer::root();
/// let states = root.key("States");
/// let state = states.key("Charge/Card");
/// let retry = state.key("Retry");
/// assert_eq!(retry.index(0).to_string(), "/States/Charge~1Card/Retry/0");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Pointer<'a> {
    parent: Option<&'a Pointer<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Pointer<'a> {
    /// The whole document (`""`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Pointer;
    ///
    /// assert_eq!(Pointer::root().to_string(), "");
    /// ```
    #[must_use]
    pub fn root() -> Self {
        Self {
            parent: None,
            segment: Segment::Root,
        }
    }

    /// The member `key` of this object.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Pointer;
    ///
    /// let root = Pointer::root();
    /// let states = root.key("States");
    /// assert_eq!(states.key("a~b").to_string(), "/States/a~0b"); // escaped as RFC 6901 says
    /// ```
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// The element `index` of this array.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Pointer;
    ///
    /// let root = Pointer::root();
    /// let branches = root.key("Branches");
    /// assert_eq!(branches.index(2).to_string(), "/Branches/2");
    /// ```
    #[must_use]
    pub fn index(&'a self, index: usize) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// The last key of the pointer, if it ends with one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Pointer;
    ///
    /// let root = Pointer::root();
    /// let retry = root.key("Retry");
    /// assert_eq!(retry.last_key(), Some("Retry"));
    /// assert_eq!(retry.index(0).last_key(), None);
    /// ```
    #[must_use]
    pub fn last_key(&self) -> Option<&'a str> {
        match self.segment {
            Segment::Key(key) => Some(key),
            _ => None,
        }
    }
}

impl<'a> Pointer<'a> {
    /// Whether this is the whole document (`""`).
    pub(crate) fn is_root(&self) -> bool {
        matches!(self.segment, Segment::Root)
    }

    /// How a message names the field: its key, with the indices of array items after it
    /// (`a[1]` for `/Output/a/1`); `value` for the root.
    pub(crate) fn field_name(&self) -> std::borrow::Cow<'a, str> {
        match self.segment {
            Segment::Key(key) => std::borrow::Cow::Borrowed(key),
            Segment::Index(index) => {
                let parent = self
                    .parent
                    .map_or(std::borrow::Cow::Borrowed("value"), Pointer::field_name);
                std::borrow::Cow::Owned(format!("{parent}[{index}]"))
            }
            Segment::Root => std::borrow::Cow::Borrowed("value"),
        }
    }

    /// How a message names the field below `ancestor` (a state's pointer): every key from
    /// the first below it down, joined with `.`, with array indices as `[i]`
    /// (`Arguments.Payload.x[0]` for `/Arguments/Payload/x/0`), so that a nested key is not
    /// mistaken for a field of its own. [`field_name`](Self::field_name) when `ancestor` is
    /// not one this pointer was built from, or is this very pointer.
    pub(crate) fn field_path(&self, ancestor: &Pointer<'_>) -> std::borrow::Cow<'a, str> {
        let mut segments = Vec::new();
        let mut current = self;
        while !std::ptr::addr_eq(current, ancestor) {
            segments.push(current.segment);
            match current.parent {
                Some(parent) => current = parent,
                None => return self.field_name(),
            }
        }
        match segments.as_slice() {
            [] => self.field_name(),
            [Segment::Key(key)] => std::borrow::Cow::Borrowed(key),
            _ => {
                let mut path = String::new();
                for segment in segments.iter().rev() {
                    match segment {
                        Segment::Key(key) => {
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(key);
                        }
                        Segment::Index(index) => {
                            path.push('[');
                            path.push_str(&index.to_string());
                            path.push(']');
                        }
                        Segment::Root => {}
                    }
                }
                std::borrow::Cow::Owned(path)
            }
        }
    }

    /// The segments from `ancestor` (exclusive) down to this pointer, outermost first, when
    /// `ancestor` is this very pointer or one it was built from (the same value in memory,
    /// not merely an equal one); an index is `None`.
    pub(crate) fn keys_below(&self, ancestor: &Pointer<'_>) -> Option<Vec<Option<&'a str>>> {
        let mut keys = Vec::new();
        let mut current = self;
        while !std::ptr::addr_eq(current, ancestor) {
            keys.push(match current.segment {
                Segment::Key(key) => Some(key),
                Segment::Index(_) | Segment::Root => None,
            });
            current = current.parent?;
        }
        keys.reverse();
        Some(keys)
    }
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            fmt::Display::fmt(parent, f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Key(key) => write!(f, "/{}", escape_pointer_segment(key)),
            Segment::Index(index) => write!(f, "/{index}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pointer;

    #[test]
    fn keys_below_an_ancestor_value() {
        let root = Pointer::root();
        let state = root.key("States");
        let catch = state.key("Catch");
        let first = catch.index(0);
        let output = first.key("Output");
        assert_eq!(
            output.keys_below(&state),
            Some(vec![Some("Catch"), None, Some("Output")])
        );
        assert_eq!(output.keys_below(&output), Some(vec![]));
        // An equal pointer built separately is not an ancestor.
        let other_root = Pointer::root();
        let other = other_root.key("States");
        assert_eq!(output.keys_below(&other), None);
    }

    #[test]
    fn field_paths_name_every_key_below_the_ancestor() {
        let root = Pointer::root();
        let states = root.key("States");
        let state = &states.key("S");
        let arguments = state.key("Arguments");
        let payload = arguments.key("Payload");
        let x = payload.key("x");
        let item = x.index(0);
        assert_eq!(item.field_path(state), "Arguments.Payload.x[0]");
        let y = x.key("y.$");
        assert_eq!(y.field_path(state), "Arguments.Payload.x.y.$");
        assert_eq!(arguments.field_path(state), "Arguments");
        let catch = state.key("Catch");
        let catcher = catch.index(1);
        let output = catcher.key("Output");
        assert_eq!(output.field_path(state), "Catch[1].Output");
        // Not below it: the last key, as `field_name` names it.
        let other_root = Pointer::root();
        let other = other_root.key("States");
        assert_eq!(item.field_path(&other), "x[0]");
        assert_eq!(state.field_path(state), "S");
    }
}
