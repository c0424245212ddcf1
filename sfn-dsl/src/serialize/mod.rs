//! Canonical serialization: every object's fields in one fixed order (documented on each
//! model type), states in authoring order, absent fields left out.

mod choice;
mod compact;
mod json;
mod map;
mod state;
mod value;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::limits::MAX_READABLE_LIST_DEPTH;
use crate::model::{Branch, StateMachine, States};
use value::{write_dynamic, write_opt};

impl Serialize for StateMachine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "Version", self.version.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_dynamic(
            &mut map,
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            self.timeout_seconds.as_ref(),
        )?;
        map.serialize_entry("StartAt", &self.start_at)?;
        map.serialize_entry("States", &self.states)?;
        map.end()
    }
}

impl Serialize for Branch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        map.serialize_entry("StartAt", &self.start_at)?;
        map.serialize_entry("States", &self.states)?;
        map.end()
    }
}

impl Serialize for States {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

thread_local! {
    /// How many JSON levels below the outermost state list being written the current one
    /// lies: 4 for each Parallel state on the way, 3 for each Map state.
    static NESTING: std::cell::Cell<u16> = const { std::cell::Cell::new(0) };
}

/// A nested state list being written; leaving it (dropping this) restores the depth.
///
/// Writing recurses once per nested list, and a machine put together by hand from the
/// model's types can nest without end, so writing stops with an error where no parser
/// would read the text anyway ([`MAX_READABLE_LIST_DEPTH`]) instead of exhausting the
/// stack. Only Parallel and Map states pay for the count.
pub(super) struct Nesting {
    outer: u16,
}

impl Nesting {
    /// Enters a list nested `levels` JSON levels below the current one, or fails if it is
    /// past what can be read.
    pub(super) fn enter<E: serde::ser::Error>(levels: u16) -> Result<Self, E> {
        let outer = NESTING.get();
        let depth = outer.saturating_add(levels);
        if depth > MAX_READABLE_LIST_DEPTH {
            return Err(E::custom(format_args!(
                "state lists nest deeper than the {} JSON levels a definition can have",
                crate::source::MAX_DEPTH
            )));
        }
        NESTING.set(depth);
        Ok(Self { outer })
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        NESTING.set(self.outer);
    }
}

impl StateMachine {
    /// The definition as compact JSON, in canonical field order.
    ///
    /// The same machine always gives byte-identical text. A machine put together by hand
    /// whose Parallel and Map states nest deeper than any definition can be read (more than
    /// 63 Parallel or 84 Map states inside each other, past the 256 JSON levels
    /// [`from_json`](Self::from_json) reads; `build()` and the parser never make one) is
    /// written as `null`, as [`to_value`](Self::to_value) gives `Value::Null` and
    /// `serde_json::to_string` an error: writing it would recurse as deep as it goes.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"States": {"A": {"End": true, "Type": "Pass"}}, "StartAt": "A"}"#)?;
    /// assert_eq!(machine.to_json(), r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let capacity = self.estimated_len(COMPACT_BYTES_PER_STATE);
        let mut bytes = Vec::with_capacity(capacity);
        if compact::machine(self, &mut bytes).is_err() {
            bytes = to_bytes_sized(self, capacity, || CompactFormatter);
        }
        into_string(bytes)
    }

    /// The definition as JSON indented by two spaces, in canonical field order, ending
    /// without a newline.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)?;
    /// assert_eq!(machine.to_json_pretty(), "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Succeed\"\n    }\n  }\n}");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        into_string(to_bytes_sized(
            self,
            self.estimated_len(PRETTY_BYTES_PER_STATE),
            PrettyFormatter::new,
        ))
    }

    /// The definition as a `serde_json` value; `Value::Null` for a machine nested deeper
    /// than any definition can be read (see [`to_json`](Self::to_json)).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(machine.to_value(), json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}));
    /// assert_eq!(StateMachine::from_value(&machine.to_value())?, machine);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// [`to_bytes_sized`] with a small starting buffer.
#[cfg(test)]
fn to_bytes<T, F>(value: &T, formatter: impl Fn() -> F) -> Vec<u8>
where
    T: Serialize + ?Sized,
    F: Formatter,
{
    to_bytes_sized(value, 1024, formatter)
}

/// Compact JSON bytes per top-level state a machine's buffer starts with room for: a typical
/// Task with a retrier and a catcher takes 300 to 400.
const COMPACT_BYTES_PER_STATE: usize = 384;

/// [`COMPACT_BYTES_PER_STATE`] for indented JSON.
const PRETTY_BYTES_PER_STATE: usize = 768;

impl StateMachine {
    /// A starting size for the JSON text of this machine, so that large machines are not
    /// copied over and over as their buffer grows.
    fn estimated_len(&self, bytes_per_state: usize) -> usize {
        self.states
            .len()
            .saturating_mul(bytes_per_state)
            .saturating_add(1024)
    }
}

/// `value` as JSON text written with the formatter `formatter()` makes, into a buffer with
/// room for `capacity` bytes to start with: by the fast writer of [`json`], or by
/// `serde_json` if the value uses more than the writer supports (the text is the same
/// either way).
fn to_bytes_sized<T, F>(value: &T, capacity: usize, formatter: impl Fn() -> F) -> Vec<u8>
where
    T: Serialize + ?Sized,
    F: Formatter,
{
    let mut bytes = Vec::with_capacity(capacity);
    if json::write(value, &mut bytes, formatter()).is_err() {
        bytes.clear();
        // Writing to memory cannot fail, and the model holds only what JSON can express
        // (string keys, finite numbers); what is left is a machine nested deeper than
        // any definition can be read ([`Nesting`]), written as `null`.
        if value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut bytes,
                formatter(),
            ))
            .is_err()
        {
            bytes.clear();
            bytes.extend_from_slice(b"null");
        }
    }
    bytes
}

fn into_string(bytes: Vec<u8>) -> String {
    // `serde_json` writes UTF-8 only.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}
