//! Whether a state can read the context object (`$$`, `$states.context`), found by walking
//! its serialization without writing it out.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

/// Whether text can read the context object: `$$` (JSONPath) or `$states` other than
/// `$states.input`, `$states.result` and `$states.errorOutput` (JSONata).
pub(crate) fn reads_context(text: &str) -> bool {
    const OTHER_FIELDS: [&str; 3] = [".input", ".result", ".errorOutput"];
    if text.contains("$$") {
        return true;
    }
    let mut rest = text;
    while let Some(start) = rest.find("$states") {
        rest = &rest[start + "$states".len()..];
        if !OTHER_FIELDS.iter().any(|field| rest.starts_with(field)) {
            return true;
        }
    }
    false
}

/// Whether any string or key of `value`'s serialization can read the context object
/// ([`reads_context`]).
pub(crate) fn mentions_context<T: Serialize + ?Sized>(value: &T) -> bool {
    let mut scanner = Scanner {
        found: false,
        buffer: String::new(),
    };
    // The scanner never fails; an error would only stop the walk early.
    let _ = value.serialize(&mut scanner);
    scanner.found
}

struct Scanner {
    found: bool,
    /// Reused for values serialized through `Display`.
    buffer: String,
}

impl Scanner {
    fn text(&mut self, text: &str) {
        // A byte scan for `$` rules out most strings cheaply.
        if !self.found && text.as_bytes().contains(&b'$') {
            self.found = reads_context(text);
        }
    }
}

/// The scanner's error type; it is never produced.
#[derive(Debug)]
struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("scan")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

type Done = Result<(), Never>;

impl ser::Serializer for &mut Scanner {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _: bool) -> Done {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Done {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Done {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Done {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Done {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Done {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Done {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Done {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Done {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Done {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Done {
        Ok(())
    }
    fn serialize_char(self, value: char) -> Done {
        self.text(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, value: &str) -> Done {
        self.text(value);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Done {
        if self.found {
            return Ok(());
        }
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        let _ = write!(buffer, "{value}");
        self.text(&buffer);
        self.buffer = buffer;
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Ok(())
    }
    fn serialize_none(self) -> Done {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.text(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeMap for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Scanner {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{mentions_context, reads_context};
    use sfn_dsl::StateMachine;

    #[test]
    fn context_readers() {
        assert!(reads_context("$$.Execution.Id"));
        assert!(reads_context("{% $states.context.Execution.Id %}"));
        assert!(reads_context("{% $keys($states) %}"));
        assert!(!reads_context("{% $states.input.a & $states.result.b %}"));
        assert!(!reads_context("{% $states.errorOutput.Cause %}"));
        assert!(!reads_context("$.a"));
    }

    #[test]
    fn finds_text_in_any_string_of_a_state() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Parameters": {"x.$": "$$.Execution.Id"}, "Next": "B"},
                "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.context.State.Name %}", "Next": "C"},
                "C": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input %}", "Next": "D"},
                "D": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"a.$": "$.a"}, "End": true}}}"#,
        )
        .expect("valid");
        let found: Vec<bool> = machine
            .all_states()
            .iter()
            .map(|(_, state)| mentions_context(*state))
            .collect();
        assert_eq!(found, [true, true, false, false]);
    }
}
