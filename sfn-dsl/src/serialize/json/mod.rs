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

mod escape;
mod key;
mod value;

use std::fmt;
use std::io;

use serde::Serialize;
use serde::ser;
use serde_json::Error;
use serde_json::ser::Formatter;

pub(super) use escape::{write_contents, write_utf8_contents};

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

#[cfg(test)]
mod tests;
