//! Numbers: RFC 8259's grammar, and the range a 64-bit float holds.

use std::str::FromStr;

use serde_json::Number;

use super::{Fatal, Kind, Parser};
use crate::shorten::quoted;

impl Parser<'_> {
    pub(super) fn number(&mut self) -> Result<(), Fatal> {
        let start = self.position;
        let digits = |parser: &mut Self| {
            let from = parser.position;
            while parser
                .bytes
                .get(parser.position)
                .is_some_and(u8::is_ascii_digit)
            {
                parser.position += 1;
            }
            parser.position - from
        };
        let negative = self.bytes.get(self.position) == Some(&b'-');
        if negative {
            self.position += 1;
        }
        let integer_digits = match self.bytes.get(self.position) {
            Some(b'0') => {
                self.position += 1;
                if self
                    .bytes
                    .get(self.position)
                    .is_some_and(u8::is_ascii_digit)
                {
                    digits(self);
                    let literal = self.text.get(start..self.position).unwrap_or_default();
                    return Err(self.fail(
                        start,
                        self.position,
                        format!(
                            "number `{}` has a leading zero, which JSON does not allow",
                            quoted(literal)
                        ),
                    ));
                }
                1
            }
            Some(b'1'..=b'9') => digits(self),
            _ => return Err(self.fail_here("a digit")),
        };
        let mut integer = !negative;
        let mut fraction_digits = 0;
        if self.bytes.get(self.position) == Some(&b'.') {
            integer = false;
            self.position += 1;
            fraction_digits = digits(self);
            if fraction_digits == 0 {
                return Err(self.fail_here("a digit after the decimal point"));
            }
        }
        let exponent = matches!(self.bytes.get(self.position), Some(b'e' | b'E'));
        if exponent
            || integer_digits > 18
            || (fraction_digits > 0 && integer_digits + fraction_digits > 15)
        {
            self.long_numbers = true;
        }
        if exponent {
            integer = false;
            self.position += 1;
            if matches!(self.bytes.get(self.position), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail_here("a digit in the exponent"));
            }
        }
        // A non-negative integer of up to 19 digits fits a `u64`, which is what serde_json
        // makes of it too. Without an exponent, a number is out of range only with more than
        // 308 integer digits (its value is read again, the same way, when asked for).
        // Anything else is checked by serde_json's own reading.
        if (integer && integer_digits <= 19) || (!exponent && integer_digits <= 300) {
            self.push(Kind::Number, start, false);
            return Ok(());
        }
        let literal = &self.text[start..self.position];
        match Number::from_str(literal) {
            Ok(_) => {
                self.push(Kind::Number, start, false);
                Ok(())
            }
            Err(_) => Err(self.fail(
                start,
                self.position,
                format!(
                    "number `{}` is beyond the range of a 64-bit float (about 1.8e308), which a definition cannot hold",
                    quoted(literal)
                ),
            )),
        }
    }
}
