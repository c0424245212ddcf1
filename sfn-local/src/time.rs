//! Instants in virtual time and their RFC 3339 text form, as Step Functions prints and
//! parses them.

use std::fmt;

/// An instant, in milliseconds since the Unix epoch (UTC).
///
/// Displayed as ISO 8601 in UTC with milliseconds, such as `2024-01-01T00:00:00.000Z`;
/// [`Timestamp::to_context_string`] gives the form of the context object.
///
/// # Examples
///
/// ```
/// use sfn_local::Timestamp;
///
/// let start = Timestamp::from_millis(1_704_067_200_000);
/// assert_eq!(start.to_string(), "2024-01-01T00:00:00.000Z");
/// assert_eq!(Timestamp::parse_rfc3339("2024-01-01T01:00:00+01:00"), Some(start));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The default start of an execution: `2024-01-01T00:00:00.000Z`, a fixed instant so
    /// that runs are reproducible.
    pub const DEFAULT_START: Self = Self(1_704_067_200_000);

    /// The instant `millis` milliseconds after the Unix epoch.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_millis(0).to_string(), "1970-01-01T00:00:00.000Z");
    /// assert_eq!(Timestamp::from_millis(1_704_067_200_000), Timestamp::DEFAULT_START);
    /// ```
    #[must_use]
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    /// Milliseconds since the Unix epoch.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Timestamp;
    ///
    /// assert_eq!(Timestamp::DEFAULT_START.as_millis(), 1_704_067_200_000);
    /// assert_eq!(Timestamp::from_millis(-5).as_millis(), -5);
    /// ```
    #[must_use]
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// The current wall-clock time.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Timestamp;
    ///
    /// assert!(Timestamp::now() > Timestamp::DEFAULT_START); // after 2024-01-01
    /// ```
    #[must_use]
    pub fn now() -> Self {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| {
                i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
            });
        Self(millis)
    }

    /// The form the context object shows (`$$.Execution.StartTime`,
    /// `$$.State.EnteredTime`): milliseconds, but none at all when they are zero, as
    /// AWS documents ("when a timestamp has zero fractional seconds, Step Functions removes
    /// the trailing zeros rather than pad the output").
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Timestamp;
    ///
    /// assert_eq!(Timestamp::DEFAULT_START.to_context_string(), "2024-01-01T00:00:00Z");
    /// let later = Timestamp::from_millis(Timestamp::DEFAULT_START.as_millis() + 1_500);
    /// assert_eq!(later.to_context_string(), "2024-01-01T00:00:01.500Z");
    /// ```
    #[must_use]
    pub fn to_context_string(self) -> String {
        let mut text = self.to_string();
        if self.0.rem_euclid(1000) == 0 {
            text.replace_range(text.len() - 5..text.len() - 1, "");
        }
        text
    }

    /// Parses an RFC 3339 timestamp with the profile Step Functions accepts: an uppercase
    /// `T` between date and time, seconds, an optional fraction of any length, and `Z` or a
    /// numeric offset. Fractions below a millisecond are truncated.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Timestamp;
    ///
    /// let start = Timestamp::DEFAULT_START;
    /// assert_eq!(Timestamp::parse_rfc3339("2024-01-01T00:00:00Z"), Some(start));
    /// assert_eq!(Timestamp::parse_rfc3339("2023-12-31T19:00:00.0009-05:00"), Some(start)); // truncated
    /// assert_eq!(Timestamp::parse_rfc3339("2024-01-01t00:00:00Z"), None); // lowercase `t`
    /// assert_eq!(Timestamp::parse_rfc3339("2024-01-01T00:00Z"), None); // no seconds
    /// ```
    #[must_use]
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        parse(text).map(Self)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.rem_euclid(1000);
        let seconds = self.0.div_euclid(1000);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            of_day / 3600,
            of_day / 60 % 60,
            of_day % 60
        )
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn digits(text: &[u8], start: usize, count: usize) -> Option<i64> {
    let slice = text.get(start..start + count)?;
    slice.iter().try_fold(0i64, |acc, byte| {
        byte.is_ascii_digit()
            .then(|| acc * 10 + i64::from(byte - b'0'))
    })
}

fn parse(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let year = digits(bytes, 0, 4)?;
    let month = digits(bytes, 5, 2)?;
    let day = digits(bytes, 8, 2)?;
    let hour = digits(bytes, 11, 2)?;
    let minute = digits(bytes, 14, 2)?;
    let second = digits(bytes, 17, 2)?;
    if bytes.get(4) != Some(&b'-')
        || bytes.get(7) != Some(&b'-')
        || bytes.get(10) != Some(&b'T')
        || bytes.get(13) != Some(&b':')
        || bytes.get(16) != Some(&b':')
    {
        return None;
    }
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut position = 19;
    let mut millis = 0;
    if bytes.get(position) == Some(&b'.') {
        position += 1;
        let start = position;
        while bytes.get(position).is_some_and(u8::is_ascii_digit) {
            position += 1;
        }
        if position == start {
            return None;
        }
        let fraction = &text[start..position];
        let padded: String = fraction.chars().chain("000".chars()).take(3).collect();
        millis = padded.parse::<i64>().ok()?;
    }
    let offset_minutes = match bytes.get(position) {
        Some(b'Z') if position + 1 == bytes.len() => 0,
        Some(sign @ (b'+' | b'-')) if position + 6 == bytes.len() => {
            let hours = digits(bytes, position + 1, 2)?;
            let minutes = digits(bytes, position + 4, 2)?;
            if bytes.get(position + 3) != Some(&b':') || hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59)
            - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn formats_and_parses_round_trip() {
        for text in [
            "1970-01-01T00:00:00.000Z",
            "2016-03-14T01:59:00.000Z",
            "2000-02-29T23:59:59.999Z",
            "2099-12-31T12:00:00.001Z",
        ] {
            let parsed = Timestamp::parse_rfc3339(text).unwrap();
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn accepts_aws_profile_forms() {
        let base = Timestamp::parse_rfc3339("2016-03-14T01:59:00Z").unwrap();
        assert_eq!(
            Timestamp::parse_rfc3339("2016-03-14T01:59:00.000000Z"),
            Some(base)
        );
        assert_eq!(
            Timestamp::parse_rfc3339("2016-03-14T03:59:00+02:00"),
            Some(base)
        );
        assert_eq!(
            Timestamp::parse_rfc3339("2016-03-14T01:59:00.243167252Z").map(Timestamp::as_millis),
            Some(base.as_millis() + 243)
        );
    }

    #[test]
    fn rejects_what_aws_rejects() {
        for text in [
            "2016-12-05T21:29:29",
            "2016-12-05 21:29:29Z",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-12-05t21:29:29z",
            "2016-02-30T00:00:00Z",
            "2016-12-05T21:29:29.Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn negative_instants_format_before_the_epoch() {
        assert_eq!(
            Timestamp::from_millis(-1).to_string(),
            "1969-12-31T23:59:59.999Z"
        );
    }
}
