//! RFC 3339 timestamps, as AWS reads them (ASL reference §14.8).

use super::code::Code;
use super::cx::{At, Cx};
use super::values::is_substituted;
use crate::source::Pointer;

/// Reports a timestamp AWS would reject.
pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, text: &str) {
    if is_substituted(text) || is_rfc3339(text) {
        return;
    }
    cx.push(
        at.diagnostic(
            Code::InvalidTimestamp,
            pointer,
            format!(
                "`{text}` in state `{}` is not an RFC 3339 timestamp",
                at.name
            ),
        )
        .with_hint("write it like `2024-01-31T23:59:00Z` or `2024-01-31T23:59:00.5+02:00` (uppercase `T` and `Z`)"),
    );
}

/// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, with a real date and time.
pub(crate) fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = bytes.get(range)?;
        if digits.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(digits).ok()?.parse().ok()
        } else {
            None
        }
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|&(index, separator)| bytes.get(index) != Some(&separator))
    {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        number(0..4),
        number(5..7),
        number(8..10),
        number(11..13),
        number(14..16),
        number(17..19),
    ) else {
        return false;
    };
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    if rest == "Z" {
        return true;
    }
    let offset = rest.as_bytes();
    offset.len() == 6
        && matches!(offset[0], b'+' | b'-')
        && offset[3] == b':'
        && rest[1..3].parse::<u32>().is_ok_and(|hours| hours <= 23)
        && rest[4..6].parse::<u32>().is_ok_and(|minutes| minutes <= 59)
        && offset[1..3]
            .iter()
            .chain(&offset[4..6])
            .all(u8::is_ascii_digit)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::is_rfc3339;

    #[test]
    fn accepts_what_aws_recorded_as_valid() {
        for text in [
            "2016-03-14T01:59:00Z",
            "2016-03-14T01:59:00.00Z",
            "2016-03-14T01:59:00.000000Z",
            "2016-03-14T01:59:00.243167252Z",
            "2016-03-14T01:59:00.123+02:00",
            "2024-02-29T00:00:00-05:30",
        ] {
            assert!(is_rfc3339(text), "{text}");
        }
    }

    #[test]
    fn rejects_what_aws_recorded_as_invalid() {
        for text in [
            "2016-12-05T21:29:29",
            "2016-12-05T21:29:29.000000",
            "2016-12-05 21:29:29Z",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-12-05t21:29:29z",
            "2023-02-29T00:00:00Z",
            "2016-12-05T21:29:29.Z",
            "2016-12-05T21:29:29+2:00",
            "{% $now() %}",
            "",
        ] {
            assert!(!is_rfc3339(text), "{text}");
        }
    }
}
