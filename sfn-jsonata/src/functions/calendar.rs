//! Proleptic Gregorian calendar arithmetic in UTC, and the date/time components of `XPath`
//! pictures (JavaScript `Date` semantics).

pub(crate) const DAY_MILLIS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// (year, month 1-12, day) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
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

/// `Date.UTC(year, month0, day, ...)` with JavaScript's overflow normalisation.
pub(crate) fn date_utc(
    year: i64,
    month0: i64,
    day: i64,
    hours: i64,
    minutes: i64,
    seconds: i64,
    millis: i64,
) -> i64 {
    // Inputs far outside JavaScript's date range are clamped so the arithmetic cannot overflow.
    let year = year.clamp(-10_000_000, 10_000_000);
    let month0 = month0.clamp(-100_000_000, 100_000_000);
    let year = if (0..=99).contains(&year) {
        1900 + year
    } else {
        year
    };
    let year = year + month0.div_euclid(12);
    let month = month0.rem_euclid(12) + 1;
    let days = i128::from(days_from_civil(year, month, 1)) + i128::from(day) - 1;
    let total = days * i128::from(DAY_MILLIS)
        + i128::from(hours) * 3_600_000
        + i128::from(minutes) * 60_000
        + i128::from(seconds) * 1000
        + i128::from(millis);
    i64::try_from(total.clamp(i128::from(i64::MIN), i128::from(i64::MAX))).unwrap_or(i64::MAX)
}

/// A broken-down UTC time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DateTime {
    pub(crate) millis: i64,
    pub(crate) year: i64,
    pub(crate) month: i64,
    pub(crate) day: i64,
    pub(crate) hour: i64,
    pub(crate) minute: i64,
    pub(crate) second: i64,
    pub(crate) milli: i64,
}

impl DateTime {
    pub(crate) fn from_millis(millis: i64) -> Self {
        let days = millis.div_euclid(DAY_MILLIS);
        let in_day = millis.rem_euclid(DAY_MILLIS);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            millis,
            year,
            month,
            day,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            milli: in_day % 1000,
        }
    }

    /// ISO day of week, Monday = 1 ... Sunday = 7.
    fn weekday(&self) -> i64 {
        (self.millis.div_euclid(DAY_MILLIS) + 3).rem_euclid(7) + 1
    }
}

/// Start (millis) of the first ISO week of the year/month `month0` of `year`.
fn start_of_first_week(year: i64, month0: i64) -> i64 {
    let first = date_utc(year, month0, 1, 0, 0, 0, 0);
    let weekday = DateTime::from_millis(first).weekday();
    if weekday > 4 {
        first + (8 - weekday) * DAY_MILLIS
    } else {
        first - (weekday - 1) * DAY_MILLIS
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "millisecond differences are far below 2^52"
)]
fn delta_weeks(start: i64, end: i64) -> f64 {
    (end - start) as f64 / (DAY_MILLIS * 7) as f64 + 1.0
}

fn next_month(year: i64, month0: i64) -> (i64, i64) {
    if month0 == 11 {
        (year + 1, 0)
    } else {
        (year, month0 + 1)
    }
}

fn previous_month(year: i64, month0: i64) -> (i64, i64) {
    if month0 == 0 {
        (year - 1, 11)
    } else {
        (year, month0 - 1)
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Component {
    Number(i64),
    Text(&'static str),
}

#[expect(clippy::cast_possible_truncation, reason = "week numbers are small")]
pub(crate) fn fragment(date: &DateTime, component: char) -> Component {
    let today = date_utc(date.year, date.month - 1, date.day, 0, 0, 0, 0);
    Component::Number(match component {
        'Y' => date.year,
        'M' => date.month,
        'D' => date.day,
        'd' => (today - date_utc(date.year, 0, 1, 0, 0, 0, 0)) / DAY_MILLIS + 1,
        'F' => date.weekday(),
        'W' => {
            let start = start_of_first_week(date.year, 0);
            let mut week = delta_weeks(start, today);
            if week > 52.0 {
                if today >= start_of_first_week(date.year + 1, 0) {
                    week = 1.0;
                }
            } else if week < 1.0 {
                week = delta_weeks(start_of_first_week(date.year - 1, 0), today);
            }
            week.floor() as i64
        }
        'w' => {
            let start = start_of_first_week(date.year, date.month - 1);
            let mut week = delta_weeks(start, today);
            if week > 4.0 {
                let (year, month0) = next_month(date.year, date.month - 1);
                if today >= start_of_first_week(year, month0) {
                    week = 1.0;
                }
            } else if week < 1.0 {
                let (year, month0) = previous_month(date.year, date.month - 1);
                week = delta_weeks(start_of_first_week(year, month0), today);
            }
            week.floor() as i64
        }
        'X' => {
            if date.millis < start_of_first_week(date.year, 0) {
                date.year - 1
            } else if date.millis >= start_of_first_week(date.year + 1, 0) {
                date.year + 1
            } else {
                date.year
            }
        }
        'x' => {
            let month0 = date.month - 1;
            let (next_year, next_month0) = next_month(date.year, month0);
            if date.millis < start_of_first_week(date.year, month0) {
                previous_month(date.year, month0).1 + 1
            } else if date.millis >= start_of_first_week(next_year, next_month0) {
                next_month0 + 1
            } else {
                date.month
            }
        }
        'H' => date.hour,
        'h' => {
            let hour = date.hour % 12;
            if hour == 0 { 12 } else { hour }
        }
        'P' => return Component::Text(if date.hour >= 12 { "pm" } else { "am" }),
        'm' => date.minute,
        's' => date.second,
        'f' => date.milli,
        'C' | 'E' => return Component::Text("ISO"),
        _ => 0,
    })
}
