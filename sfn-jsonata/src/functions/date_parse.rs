//! `$toMillis` without a picture: JSONata 2.0.6's ISO 8601 shape check, then the date the
//! text denotes, as JavaScript's `Date.parse` reads the ISO 8601 forms.
//!
//! JSONata only checks the text's shape with a loose pattern and leaves the rest to
//! `Date.parse`: as there, a day 29 to 31 past the end of its month rolls over into the
//! next month (`2023-02-30` is 2 March) and `T24:00:00` is midnight at the end of the day.
//! Texts the shape check lets through that are not one of ISO 8601's forms (`2024.5`,
//! `2024-01-01-01`) are refused here, where Node's own legacy date parser reads some of
//! them its own way (a documented deviation).

use super::calendar::{DAY_MILLIS, days_from_civil};

/// Whether `text` matches JSONata 2.0.6's `iso8601regex`:
/// `^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`.
pub(crate) fn is_iso_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The offset can only end the text, but a `-hh:mm` or `-hhmm` offset also starts like
    // a `-dd` date group, so each way of splitting it off is tried (the regex backtracks).
    let suffixes: [&[u8]; 4] = [b"", b"Z", b"s2d5d", b"s2d:5d"];
    suffixes.iter().any(|suffix| {
        bytes.len() >= suffix.len() && {
            let (head, tail) = bytes.split_at(bytes.len() - suffix.len());
            matches_classes(tail, suffix) && is_iso_head(head)
        }
    })
}

/// `^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?$`, which needs no
/// backtracking: each group is told apart by its first byte.
fn is_iso_head(mut rest: &[u8]) -> bool {
    let mut take = |pattern: &[u8]| -> bool {
        let matched = rest.len() >= pattern.len()
            && matches_classes(rest.get(..pattern.len()).unwrap_or_default(), pattern);
        if matched {
            rest = rest.get(pattern.len()..).unwrap_or_default();
        }
        matched
    };
    if !take(b"dddd") {
        return false;
    }
    // `(-[01]\d)*(-[0-3]\d)*` accepts the same texts as `(-[0-3]\d)*`.
    while take(b"-3d") {}
    while take(b"T2d:5d:5d") {}
    if take(b".d") {
        while take(b"d") {}
    }
    rest.is_empty()
}

/// Whether `bytes` matches `pattern`, one class per byte: `d` a digit, `2`, `3` and `5` a
/// digit up to that one, `s` a sign; anything else stands for itself.
fn matches_classes(bytes: &[u8], pattern: &[u8]) -> bool {
    bytes.len() == pattern.len()
        && bytes
            .iter()
            .zip(pattern)
            .all(|(&byte, &class)| match class {
                b'd' => byte.is_ascii_digit(),
                b'2' | b'3' | b'5' => (b'0'..=class).contains(&byte),
                b's' => byte == b'+' || byte == b'-',
                literal => byte == literal,
            })
}

/// `Date.parse(text)` in milliseconds since the epoch for the ISO 8601 forms
/// `YYYY[-MM[-DD]][THH:mm:ss[.f…]][Z|±hh[:]mm]`; `None` for another text or a date that
/// does not exist (where JavaScript gives `NaN`).
///
/// A date-time without an offset is read as UTC, where JavaScript would use the machine's
/// time zone (AWS runs in UTC).
pub(crate) fn date_parse(text: &str) -> Option<i64> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = reader.digits(4)?;
    let (mut month, mut day) = (1, 1);
    if reader.skip(b'-') {
        month = reader.digits(2)?;
        if reader.skip(b'-') {
            day = reader.digits(2)?;
        }
    }
    let (mut hour, mut minute, mut second, mut millis) = (0, 0, 0, 0);
    if reader.skip(b'T') {
        hour = reader.digits(2)?;
        reader.expect(b':')?;
        minute = reader.digits(2)?;
        reader.expect(b':')?;
        second = reader.digits(2)?;
        if reader.skip(b'.') {
            millis = reader.fraction_millis()?;
        }
    }
    let offset_minutes = reader.offset()?;
    let valid = (1..=12).contains(&month)
        // A day up to 31 in any month: a later one rolls over, as in JavaScript.
        && (1..=31).contains(&day)
        && minute <= 59
        && second <= 59
        && (hour <= 23 || (hour == 24 && minute == 0 && second == 0 && millis == 0));
    if !valid || reader.at != reader.bytes.len() {
        return None;
    }
    let days = days_from_civil(year, month, 1) + day - 1;
    Some(
        days * DAY_MILLIS + ((hour * 60 + minute) * 60 + second) * 1000 + millis
            - offset_minutes * 60_000,
    )
}

/// Reads the parts of an ISO 8601 timestamp from left to right.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// Exactly `count` digits, as a number.
    fn digits(&mut self, count: usize) -> Option<i64> {
        let slice = self.bytes.get(self.at..self.at + count)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.at += count;
        Some(
            slice
                .iter()
                .fold(0, |value, digit| value * 10 + i64::from(digit - b'0')),
        )
    }

    /// Skips `byte` if it comes next.
    fn skip(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip(byte).then_some(())
    }

    /// The digits of a fraction of a second, as whole milliseconds (further digits are
    /// cut, as JavaScript does).
    fn fraction_millis(&mut self) -> Option<i64> {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let digits = self.bytes.get(start..self.at)?;
        if digits.is_empty() {
            return None;
        }
        Some((0..3).fold(0, |millis, index| {
            millis * 10 + digits.get(index).map_or(0, |digit| i64::from(digit - b'0'))
        }))
    }

    /// The offset from UTC in minutes: none, `Z`, or `±hh[:]mm` (hours up to 23).
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.bytes.get(self.at) {
            Some(b'Z') => {
                self.at += 1;
                return Some(0);
            }
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Some(0),
        };
        self.at += 1;
        let hours = self.digits(2)?;
        self.skip(b':');
        let minutes = self.digits(2)?;
        (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
    }
}

#[cfg(test)]
mod tests {
    use super::{date_parse, is_iso_shaped};

    #[test]
    fn reads_the_iso_forms_as_javascript_does() {
        assert_eq!(date_parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(date_parse("1970"), Some(0));
        assert_eq!(date_parse("1970-02"), Some(31 * 86_400_000));
        assert_eq!(date_parse("1970-01-01T00:00:01.2345Z"), Some(1234));
        assert_eq!(date_parse("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(date_parse("1970-01-01T00:00:00-0130"), Some(90 * 60_000));
        // Past the month's end, up to day 31, rolls over; midnight may be 24:00:00.
        assert_eq!(date_parse("2023-02-30"), Some(1_677_715_200_000));
        assert_eq!(date_parse("2024-06-31"), Some(1_719_792_000_000));
        assert_eq!(date_parse("1970-01-01T24:00:00Z"), Some(86_400_000));
        for impossible in [
            "2024-13-01",
            "2024-00-10",
            "2024-01-32",
            "2024-01-00",
            "2024-01-01T24:00:01Z",
            "2024-01-01T25:00:00Z",
            "2024-01-01T10:60:00Z",
            "2024-01-01T10:00:00+24:00",
            "2024-01-01-01",
            "2024.5",
            "2024-01-01T10:00:00.Z",
        ] {
            assert_eq!(date_parse(impossible), None, "{impossible}");
        }
    }

    #[test]
    fn checks_jsonata_s_iso_shape() {
        for text in [
            "2024-11-14T23:60:00Z",
            "2024-1-01",
            "2024-41",
            "24",
            "2024-01-01T10:00",
        ] {
            assert!(!is_iso_shaped(text), "{text}");
        }
        for text in ["2024-01-01T10:00:00+0130", "2024-39-39-39", "2024.1+2959"] {
            assert!(is_iso_shaped(text), "{text}");
        }
    }
}
