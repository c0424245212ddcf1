//! How a Parquet value becomes JSON. AWS documents none of it; what is chosen here, and
//! why, is listed in docs/local.md ("Parquet items"):
//!
//! - null → `null` (the key stays); booleans → `true`/`false`; every integer width,
//!   signed or not → a JSON integer;
//! - `FLOAT`, `DOUBLE`, `FLOAT16` → a JSON number (a `FLOAT` as its shortest decimal, `1.1`
//!   not `1.100000023841858`); NaN and the infinities, which JSON cannot hold, → the
//!   strings `"NaN"`, `"Infinity"`, `"-Infinity"`;
//! - `STRING`, `ENUM`, `JSON` → a string (JSON text is not parsed); `UUID` → its
//!   hyphenated lower case form; other `BYTE_ARRAY` and `FIXED_LEN_BYTE_ARRAY` → standard
//!   base64;
//! - `DECIMAL(p, s)` → a JSON integer when s = 0 and p ≤ 18, a JSON number when p ≤ 15
//!   (exact: it prints as written), otherwise the exact decimal as a string;
//! - `TIMESTAMP` (any unit, `INT96` too) → integer milliseconds since the epoch, rounded
//!   down; `DATE` → `"YYYY-MM-DD"`; `TIME` → `"HH:MM:SS.fff"` with the unit's digits;
//! - struct → an object; `LIST` → an array; `MAP` → an object whose keys are the map
//!   keys' text (a string key as is, any other as its JSON text; a repeated key keeps its
//!   last value).

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use parquet::basic::{ConvertedType, LogicalType, TimeUnit};
use parquet::data_type::Decimal;
use parquet::record::{Field, Row};
use parquet::schema::types::Type;
use serde_json::{Map, Number, Value};

use crate::time::civil_from_days;

const NANOS_PER_MILLI: i64 = 1_000_000;
const NANOS_PER_DAY: i64 = 86_400 * 1_000_000_000;

/// A row (or struct) as an object; `schema` is its group, for the logical types the
/// decoder does not apply itself.
pub(super) fn row(row: &Row, schema: Option<&Type>) -> Result<Value, String> {
    let mut object = Map::new();
    for (name, field) in row.get_column_iter() {
        let child = child(schema, name);
        object.insert(name.clone(), value(field, child, name)?);
    }
    Ok(Value::Object(object))
}

fn child<'s>(schema: Option<&'s Type>, name: &str) -> Option<&'s Type> {
    let schema = schema.filter(|schema| schema.is_group())?;
    schema
        .get_fields()
        .iter()
        .find(|field| field.name() == name)
        .map(AsRef::as_ref)
}

/// One value; `schema` is its column's type where it could be found, and `column` names
/// it in causes.
fn value(field: &Field, schema: Option<&Type>, column: &str) -> Result<Value, String> {
    let logical = schema.and_then(|schema| schema.get_basic_info().logical_type_ref());
    Ok(match field {
        Field::Null => Value::Null,
        Field::Bool(flag) => Value::Bool(*flag),
        Field::Byte(number) => Value::from(*number),
        Field::Short(number) => Value::from(*number),
        Field::Int(number) => integer(i64::from(*number), logical),
        Field::Long(number) => integer(*number, logical),
        Field::UByte(number) => Value::from(*number),
        Field::UShort(number) => Value::from(*number),
        Field::UInt(number) => Value::from(*number),
        Field::ULong(number) => Value::from(*number),
        Field::Float16(number) => float32(number.to_f32()),
        Field::Float(number) => float32(*number),
        Field::Double(number) => float64(*number),
        Field::Decimal(decimal) => self::decimal(decimal, column)?,
        Field::Str(text) => Value::String(text.clone()),
        Field::Bytes(bytes) => match logical {
            Some(LogicalType::Uuid) if bytes.len() == 16 => Value::String(uuid(bytes.data())),
            _ => Value::String(BASE64.encode(bytes.data())),
        },
        Field::Date(days) => Value::String(date(i64::from(*days))),
        Field::TimeMillis(millis) => Value::String(time(i64::from(*millis) * NANOS_PER_MILLI, 3)),
        Field::TimeMicros(micros) => Value::String(time(micros.saturating_mul(1_000), 6)),
        Field::TimestampMillis(millis) => Value::from(*millis),
        Field::TimestampMicros(micros) => Value::from(micros.div_euclid(1_000)),
        Field::Group(group) => row(group, schema)?,
        Field::ListInternal(list) => {
            let element = schema.and_then(list_element);
            Value::Array(
                list.elements()
                    .iter()
                    .map(|item| value(item, element, column))
                    .collect::<Result<_, _>>()?,
            )
        }
        Field::MapInternal(map) => {
            let (key_schema, value_schema) = schema.map_or((None, None), map_entry);
            let mut object = Map::new();
            for (key, item) in map.entries() {
                let key = match value(key, key_schema, column)? {
                    Value::String(text) => text,
                    other => other.to_string(),
                };
                object.insert(key, value(item, value_schema, column)?);
            }
            Value::Object(object)
        }
    })
}

/// An integer, or a time or timestamp whose logical type the decoder left as an integer
/// (`NANOS`, or a unit without a converted type).
pub(super) fn integer(number: i64, logical: Option<&LogicalType>) -> Value {
    match logical {
        Some(LogicalType::Timestamp(timestamp)) => Value::from(match timestamp.unit {
            TimeUnit::MILLIS => number,
            TimeUnit::MICROS => number.div_euclid(1_000),
            TimeUnit::NANOS => number.div_euclid(NANOS_PER_MILLI),
        }),
        Some(LogicalType::Time(time_type)) => Value::String(match time_type.unit {
            TimeUnit::MILLIS => time(number.saturating_mul(NANOS_PER_MILLI), 3),
            TimeUnit::MICROS => time(number.saturating_mul(1_000), 6),
            TimeUnit::NANOS => time(number, 9),
        }),
        _ => Value::from(number),
    }
}

/// A FLOAT as the shortest decimal that reads back as it (`1.1`, not the `f64` nearest to
/// the `f32`).
fn float32(number: f32) -> Value {
    if number.is_finite() {
        let shortest = number
            .to_string()
            .parse::<f64>()
            .unwrap_or(f64::from(number));
        float64(shortest)
    } else {
        float64(f64::from(number))
    }
}

fn float64(number: f64) -> Value {
    Number::from_f64(number).map_or_else(
        || {
            Value::String(
                if number.is_nan() {
                    "NaN"
                } else if number > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                }
                .to_owned(),
            )
        },
        Value::Number,
    )
}

fn decimal(decimal: &Decimal, column: &str) -> Result<Value, String> {
    let unscaled = unscaled(decimal.data()).ok_or_else(|| {
        format!("column `{column}` holds a DECIMAL wider than 128 bits, which has no JSON form")
    })?;
    let (precision, scale) = (decimal.precision(), decimal.scale());
    if scale == 0
        && precision <= 18
        && let Ok(integer) = i64::try_from(unscaled)
    {
        return Ok(Value::from(integer));
    }
    let text = decimal_text(unscaled, usize::try_from(scale).unwrap_or(0));
    if precision <= 15
        && let Some(number) = text.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Ok(Value::Number(number));
    }
    Ok(Value::String(text))
}

/// The unscaled value of a DECIMAL: big-endian two's complement of any width.
pub(super) fn unscaled(bytes: &[u8]) -> Option<i128> {
    let negative = bytes.first().is_some_and(|byte| byte & 0x80 != 0);
    let fill = if negative { 0xff } else { 0 };
    // Bytes beyond 16 must only extend the sign of the 128 bits that follow them.
    let (extension, rest) = bytes.split_at(bytes.len().saturating_sub(16));
    let rest_negative = rest.first().is_some_and(|byte| byte & 0x80 != 0);
    if !extension.is_empty()
        && (extension.iter().any(|byte| *byte != fill) || rest_negative != negative)
    {
        return None;
    }
    let mut buffer = [fill; 16];
    buffer[16 - rest.len()..].copy_from_slice(rest);
    Some(i128::from_be_bytes(buffer))
}

/// `unscaled × 10^-scale` written out exactly.
pub(super) fn decimal_text(unscaled: i128, scale: usize) -> String {
    let digits = unscaled.unsigned_abs().to_string();
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    let sign = if unscaled < 0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

fn uuid(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        let _ = write!(text, "{byte:02x}");
    }
    text
}

fn date(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A time of day from nanoseconds since midnight, with `digits` fractional digits.
pub(super) fn time(nanos: i64, digits: u32) -> String {
    let nanos = nanos.rem_euclid(NANOS_PER_DAY);
    let seconds = nanos / 1_000_000_000;
    let fraction = (nanos % 1_000_000_000) / 10_i64.pow(9 - digits);
    format!(
        "{:02}:{:02}:{:02}.{fraction:0width$}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        width = digits as usize
    )
}

/// The element type of a LIST-annotated group (the Parquet format's backward-compatibility
/// rules), or of a bare repeated field (itself).
fn list_element(node: &Type) -> Option<&Type> {
    let info = node.get_basic_info();
    let annotated = info.converted_type() == ConvertedType::LIST
        || matches!(info.logical_type_ref(), Some(LogicalType::List));
    if !annotated || !node.is_group() {
        return Some(node);
    }
    let repeated = node.get_fields().first()?;
    if !repeated.is_group()
        || repeated.get_fields().len() != 1
        || repeated.name() == "array"
        || repeated.name() == format!("{}_tuple", node.name())
    {
        return Some(repeated);
    }
    repeated.get_fields().first().map(AsRef::as_ref)
}

/// The key and value types of a MAP-annotated group.
fn map_entry(node: &Type) -> (Option<&Type>, Option<&Type>) {
    let Some(entries) = node
        .is_group()
        .then(|| node.get_fields().first())
        .flatten()
        .filter(|entries| entries.is_group())
    else {
        return (None, None);
    };
    let fields = entries.get_fields();
    (
        fields.first().map(AsRef::as_ref),
        fields.get(1).map(AsRef::as_ref),
    )
}
