//! The JSON writer behind `to_json` and `to_json_pretty`: a `serde::Serializer` that lets
//! `serde_json`'s own [`Formatter`]s write every bracket, separator, indent and number, but
//! checks strings eight or 16 bytes at a time for characters that need escaping and copies
//! them whole, rather than looking at each byte on its own. Names, paths and keys
//! almost never need escaping, and that per-byte loop was half of the time `serde_json` spent
//! writing a machine.
//!
//! The output is byte-identical to `serde_json::to_string` / `to_string_pretty`. Anything
//! outside the data model the state machine uses (structs, enum variants with data,
//! non-string map keys, which a `serde_json` built with `arbitrary_precision` uses for its
//! numbers) is refused with an error, and the caller writes the value with `serde_json`
//! instead.

use std::fmt;
use std::io;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeSeq, SerializeTuple, Serializer};
use serde_json::Error;
use serde_json::ser::Formatter;

/// Writes `value` as JSON into `out` with `formatter`.
///
/// On error `out` holds a partial document and the value should be written another way.
pub(super) fn write<T, F>(value: &T, out: &mut Vec<u8>, formatter: F) -> Result<(), Error>
where
    T: Serialize + ?Sized,
    F: Formatter,
{
    value.serialize(&mut Writer { out, formatter })
}

struct Writer<'a, F> {
    out: &'a mut Vec<u8>,
    formatter: F,
}

fn unsupported() -> Error {
    ser::Error::custom("not part of the state machine's data model")
}

/// Whether JSON needs `byte` escaped: quote, backslash and the control characters (`serde_json`
/// leaves DEL and everything non-ASCII as it is).
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `word` needs escaping, by bit arithmetic on all eight
/// at once. Exact for every byte: no carry crosses from one byte into the next.
fn word_needs_escape(word: u64) -> bool {
    let equal_to = |byte: u8| {
        let diff = word ^ (ONES * u64::from(byte));
        !(((diff & LOW_BITS) + LOW_BITS) | diff) & HIGH_BITS
    };
    let control = !(((word & LOW_BITS) + ONES * (0x80 - 0x20)) | word) & HIGH_BITS;
    (control | equal_to(b'"') | equal_to(b'\\')) != 0
}

const BLOCK: usize = 16;

/// Whether any byte of a block needs escaping; written without early exit so that the
/// compiler checks the whole block with a few vector instructions.
fn block_needs_escape(block: &[u8; BLOCK]) -> bool {
    block
        .iter()
        .fold(false, |found, &byte| found | needs_escape(byte))
}

/// Whether any byte of `bytes` needs escaping. Reads whole words or blocks, the last one
/// overlapping the one before when the length is not a multiple: every read stays within
/// the text, and none of it is memory just written (reading back fresh output stalls the
/// processor more than the check costs).
fn needs_escaping(bytes: &[u8]) -> bool {
    match bytes.len() {
        0..4 => bytes.iter().any(|&byte| needs_escape(byte)),
        4..8 => match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            (Some(first), Some(last)) => word_needs_escape(
                u64::from(u32::from_le_bytes(*first)) | u64::from(u32::from_le_bytes(*last)) << 32,
            ),
            _ => bytes.iter().any(|&byte| needs_escape(byte)),
        },
        8..=BLOCK => match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(first), Some(last)) => {
                word_needs_escape(u64::from_le_bytes(*first))
                    | word_needs_escape(u64::from_le_bytes(*last))
            }
            _ => bytes.iter().any(|&byte| needs_escape(byte)),
        },
        _ => {
            let mut blocks = bytes.chunks_exact(BLOCK);
            let found = blocks
                .by_ref()
                .filter_map(<[u8]>::first_chunk::<BLOCK>)
                .any(block_needs_escape);
            found
                || (!blocks.remainder().is_empty()
                    && bytes.last_chunk::<BLOCK>().is_some_and(block_needs_escape))
        }
    }
}

/// Writes the contents of a string (without quotes), escaped as `serde_json` escapes them.
fn write_contents(out: &mut Vec<u8>, text: &str) {
    if needs_escaping(text.as_bytes()) {
        for &byte in text.as_bytes() {
            write_byte(out, byte);
        }
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// Writes one byte of a string, escaped if it has to be.
fn write_byte(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x00..=0x1F => {
            let high = HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
            let low = HEX.get(usize::from(byte & 0xF)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
        other => {
            out.push(other);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

impl<F: Formatter> Writer<'_, F> {
    /// Writes a string. Strings bypass the formatter: `serde_json`'s compact and pretty
    /// formatters both write them the same way, which is this way.
    fn string(&mut self, text: &str) {
        self.out.push(b'"');
        write_contents(self.out, text);
        self.out.push(b'"');
    }

    /// Writes what `value` displays as a string, escaping each piece as it comes.
    fn display<T: fmt::Display + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        struct Escaping<'w>(&'w mut Vec<u8>);
        impl fmt::Write for Escaping<'_> {
            fn write_str(&mut self, piece: &str) -> fmt::Result {
                write_contents(self.0, piece);
                Ok(())
            }
        }
        self.out.push(b'"');
        if fmt::write(&mut Escaping(self.out), format_args!("{value}")).is_err() {
            return Err(ser::Error::custom("a Display implementation failed"));
        }
        self.out.push(b'"');
        Ok(())
    }

    fn io(
        &mut self,
        write: impl FnOnce(&mut F, &mut Vec<u8>) -> io::Result<()>,
    ) -> Result<(), Error> {
        write(&mut self.formatter, self.out).map_err(Error::io)
    }
}

/// Where an array or object is: nothing written (and closed already), or before its first
/// or a later element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Closed,
    First,
    Rest,
}

/// An array or object being written.
struct Compound<'w, 'a, F> {
    writer: &'w mut Writer<'a, F>,
    place: Place,
}

impl<'w, 'a, F: Formatter> Serializer for &'w mut Writer<'a, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a, F>;
    type SerializeTuple = Compound<'w, 'a, F>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Compound<'w, 'a, F>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.io(|formatter, out| formatter.write_bool(out, value))
    }

    fn serialize_i8(self, value: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(value))
    }

    fn serialize_i16(self, value: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(value))
    }

    fn serialize_i32(self, value: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(value))
    }

    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        self.io(|formatter, out| formatter.write_i64(out, value))
    }

    fn serialize_i128(self, value: i128) -> Result<(), Error> {
        self.io(|formatter, out| formatter.write_i128(out, value))
    }

    fn serialize_u8(self, value: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(value))
    }

    fn serialize_u16(self, value: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(value))
    }

    fn serialize_u32(self, value: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(value))
    }

    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        self.io(|formatter, out| formatter.write_u64(out, value))
    }

    fn serialize_u128(self, value: u128) -> Result<(), Error> {
        self.io(|formatter, out| formatter.write_u128(out, value))
    }

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        if value.is_finite() {
            self.io(|formatter, out| formatter.write_f32(out, value))
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        if value.is_finite() {
            self.io(|formatter, out| formatter.write_f64(out, value))
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.string(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        self.io(|formatter, out| formatter.write_byte_array(out, value))
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.io(F::write_null)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        self.io(F::begin_array)?;
        let place = if len == Some(0) {
            self.io(F::end_array)?;
            Place::Closed
        } else {
            Place::First
        };
        Ok(Compound {
            writer: self,
            place,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported())
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        self.io(F::begin_object)?;
        let place = if len == Some(0) {
            self.io(F::end_object)?;
            Place::Closed
        } else {
            Place::First
        };
        Ok(Compound {
            writer: self,
            place,
        })
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(unsupported())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported())
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.display(value)
    }
}

impl<F: Formatter> SerializeSeq for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let first = self.place == Place::First;
        self.writer
            .io(|formatter, out| formatter.begin_array_value(out, first))?;
        value.serialize(&mut *self.writer)?;
        self.place = Place::Rest;
        self.writer.io(F::end_array_value)
    }

    fn end(self) -> Result<(), Error> {
        if self.place == Place::Closed {
            Ok(())
        } else {
            self.writer.io(F::end_array)
        }
    }
}

impl<F: Formatter> SerializeTuple for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Error> {
        SerializeSeq::end(self)
    }
}

impl<F: Formatter> SerializeMap for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let first = self.place == Place::First;
        self.writer
            .io(|formatter, out| formatter.begin_object_key(out, first))?;
        self.place = Place::Rest;
        key.serialize(Key {
            writer: &mut *self.writer,
        })?;
        self.writer.io(F::end_object_key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.io(F::begin_object_value)?;
        value.serialize(&mut *self.writer)?;
        self.writer.io(F::end_object_value)
    }

    fn end(self) -> Result<(), Error> {
        if self.place == Place::Closed {
            Ok(())
        } else {
            self.writer.io(F::end_object)
        }
    }
}

/// Writes an object key: only strings are keys in a state machine.
struct Key<'w, 'a, F> {
    writer: &'w mut Writer<'a, F>,
}

impl<F: Formatter> Serializer for Key<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.writer.string(value);
        Ok(())
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.writer.display(value)
    }

    fn serialize_bool(self, _value: bool) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_i8(self, _value: i8) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_i16(self, _value: i16) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_i32(self, _value: i32) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_i64(self, _value: i64) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_u8(self, _value: u8) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_u16(self, _value: u16) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_u32(self, _value: u32) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_u64(self, _value: u64) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_f32(self, _value: f32) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_f64(self, _value: f64) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_char(self, _value: char) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(unsupported())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(unsupported())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(unsupported())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported())
    }
}

#[cfg(test)]
mod tests;
