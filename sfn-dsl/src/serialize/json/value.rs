//! The serializer for values: scalars, strings, arrays and objects, written through the
//! formatter.

use std::fmt;

use serde::Serialize;
use serde::ser::{Impossible, SerializeMap, SerializeSeq, SerializeTuple, Serializer};
use serde_json::Error;
use serde_json::ser::Formatter;

use super::key::Key;
use super::{Compound, Place, Writer, unsupported};

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
