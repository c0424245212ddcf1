//! `InputType: PARQUET`: the rows of a Parquet object become items, one JSON object per
//! row keyed by column name (see [`value`] for how each Parquet type is written), within
//! the limits AWS documents for Distributed Map: a footer of at most 5 MB, row groups of
//! at most 256 MB, and GZIP, ZSTD or Snappy compression ("natively supported").
//!
//! Every failure is a cause for `States.ItemReaderFailed` that names the object and says
//! what is wrong with it.

mod value;

#[cfg(test)]
mod tests;

use std::panic::{self, AssertUnwindSafe};

use bytes::Bytes;
use parquet::basic::{Compression, ConvertedType, Type as PhysicalType};
use parquet::file::metadata::ParquetMetaData;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::schema::types::Type;
use serde_json::Value;

/// The magic bytes a Parquet file starts and ends with.
const MAGIC: &[u8; 4] = b"PAR1";
/// The magic bytes that end a Parquet file whose footer is encrypted.
const ENCRYPTED_MAGIC: &[u8; 4] = b"PARE";
/// "5MB is the maximum footer size" (AWS); read as MiB.
const MAX_FOOTER_BYTES: u32 = 5 * 1024 * 1024;
/// "256MB is the maximum row-group size" (AWS), compared with a row group's
/// uncompressed size (`total_byte_size`); read as MiB.
const MAX_ROW_GROUP_BYTES: i64 = 256 * 1024 * 1024;

/// The items of the Parquet object `body`, stored at `location` (`s3://bucket/key`, for
/// causes), in file order: the first `limit` rows, or all. `Err` holds the cause of
/// `States.ItemReaderFailed`.
pub(super) fn read(
    body: &[u8],
    location: &str,
    limit: Option<usize>,
) -> Result<Vec<Value>, String> {
    read_items(body, limit.unwrap_or(usize::MAX))
        .map_err(|why| format!("{location} cannot be read as Parquet: {why}"))
}

fn read_items(body: &[u8], limit: usize) -> Result<Vec<Value>, String> {
    check_envelope(body)?;
    // The decoder has `unimplemented!` and `panic!` paths for some malformed files; the
    // checks below close the ones known, and this turns any other into a failure rather
    // than a crash of the caller's test.
    quiet_panics::install();
    let decoded = quiet_panics::QUIET.with(|quiet| {
        quiet.set(true);
        let decoded = panic::catch_unwind(AssertUnwindSafe(|| decode(body, limit)));
        quiet.set(false);
        decoded
    });
    decoded.unwrap_or_else(|_| {
        Err("the Parquet decoder stopped on malformed data in the file".to_owned())
    })
}

/// Keeps a decoder panic, which becomes the Map Run's cause, from also being printed by
/// the panic hook (as `thread '…' panicked at …/parquet/src/…` on standard error).
mod quiet_panics {
    use std::cell::Cell;
    use std::panic;
    use std::sync::Once;

    thread_local! {
        /// Set while this thread decodes a Parquet object.
        pub(super) static QUIET: Cell<bool> = const { Cell::new(false) };
    }

    /// Wraps the panic hook in place (once per process): panics on a thread that is
    /// decoding are not reported, every other panic goes to the hook as before. The flag
    /// is per thread, so a panic elsewhere at the same time is still reported.
    pub(super) fn install() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let previous = panic::take_hook();
            panic::set_hook(Box::new(move |info| {
                if !QUIET.with(Cell::get) {
                    previous(info);
                }
            }));
        });
    }
}

/// The magic bytes and the footer's length, checked before anything is decoded.
fn check_envelope(body: &[u8]) -> Result<(), String> {
    // The magic bytes at both ends and the footer's length: 12 bytes at least.
    let (Some(&[l0, l1, l2, l3, m0, m1, m2, m3]), 12..) = (body.last_chunk::<8>(), body.len())
    else {
        return Err(format!(
            "it is {} bytes long, too short for a Parquet file",
            body.len()
        ));
    };
    let tail = [m0, m1, m2, m3];
    if &tail == ENCRYPTED_MAGIC {
        return Err("its footer is encrypted (magic bytes PARE), which is not supported".into());
    }
    if !body.starts_with(MAGIC) || &tail != MAGIC {
        return Err("it does not start and end with the Parquet magic bytes PAR1".into());
    }
    let footer = u32::from_le_bytes([l0, l1, l2, l3]);
    if footer > MAX_FOOTER_BYTES {
        return Err(format!(
            "its footer is {footer} bytes; AWS reads Parquet footers of at most 5 MB ({MAX_FOOTER_BYTES} bytes)"
        ));
    }
    Ok(())
}

fn decode(body: &[u8], limit: usize) -> Result<Vec<Value>, String> {
    let reader = SerializedFileReader::new(Bytes::copy_from_slice(body))
        .map_err(|error| format!("its metadata is invalid: {error}"))?;
    check_row_groups(reader.metadata())?;
    let schema = reader.metadata().file_metadata().schema();
    check_schema(schema, &mut Vec::new())?;
    let rows = reader
        .get_row_iter(None)
        .map_err(|error| format!("its rows cannot be read: {error}"))?;
    let mut items = Vec::new();
    for row in rows.take(limit) {
        let row = row.map_err(|error| format!("a row cannot be read: {error}"))?;
        items.push(value::row(&row, Some(schema))?);
    }
    Ok(items)
}

/// Row-group sizes and compression codecs, as AWS limits them.
fn check_row_groups(metadata: &ParquetMetaData) -> Result<(), String> {
    for (index, group) in metadata.row_groups().iter().enumerate() {
        if group.total_byte_size() > MAX_ROW_GROUP_BYTES {
            return Err(format!(
                "row group {index} is {} bytes uncompressed; AWS reads row groups of at most 256 MB ({MAX_ROW_GROUP_BYTES} bytes)",
                group.total_byte_size()
            ));
        }
        for column in group.columns() {
            let codec = column.compression();
            if !matches!(
                codec,
                Compression::UNCOMPRESSED
                    | Compression::SNAPPY
                    | Compression::GZIP(_)
                    | Compression::ZSTD(_)
            ) {
                return Err(format!(
                    "column `{}` of row group {index} is compressed with {}; AWS reads Parquet files compressed with GZIP, ZSTD or Snappy, or uncompressed",
                    column.column_path().string(),
                    codec_name(codec)
                ));
            }
        }
    }
    Ok(())
}

/// A codec's name as Parquet spells it, without its level.
fn codec_name(codec: Compression) -> &'static str {
    match codec {
        Compression::UNCOMPRESSED => "UNCOMPRESSED",
        Compression::SNAPPY => "SNAPPY",
        Compression::GZIP(_) => "GZIP",
        Compression::LZO => "LZO",
        Compression::BROTLI(_) => "BROTLI",
        Compression::LZ4 => "LZ4",
        Compression::ZSTD(_) => "ZSTD",
        Compression::LZ4_RAW => "LZ4_RAW",
    }
}

/// Every group has fields and every column a type that has a JSON form: the decoder
/// cannot read the others.
fn check_schema<'s>(node: &'s Type, path: &mut Vec<&'s str>) -> Result<(), String> {
    if node.is_group() {
        if node.get_fields().is_empty() {
            return Err(if path.is_empty() {
                "it has no columns".to_owned()
            } else {
                format!("the group `{}` has no fields", path.join("."))
            });
        }
        for field in node.get_fields() {
            path.push(field.name());
            check_schema(field, path)?;
            path.pop();
        }
        return Ok(());
    }
    let physical = node.get_physical_type();
    let converted = node.get_basic_info().converted_type();
    if readable(physical, converted) {
        Ok(())
    } else {
        Err(format!(
            "column `{}` is {physical} annotated {converted}, which has no JSON form",
            path.join(".")
        ))
    }
}

/// The physical and converted type pairs the row decoder reads.
fn readable(physical: PhysicalType, converted: ConvertedType) -> bool {
    use ConvertedType as C;
    match physical {
        PhysicalType::BOOLEAN
        | PhysicalType::INT96
        | PhysicalType::FLOAT
        | PhysicalType::DOUBLE => true,
        PhysicalType::INT32 => matches!(
            converted,
            C::NONE
                | C::INT_8
                | C::INT_16
                | C::INT_32
                | C::UINT_8
                | C::UINT_16
                | C::UINT_32
                | C::DATE
                | C::TIME_MILLIS
                | C::DECIMAL
        ),
        PhysicalType::INT64 => matches!(
            converted,
            C::NONE
                | C::INT_64
                | C::UINT_64
                | C::TIME_MICROS
                | C::TIMESTAMP_MILLIS
                | C::TIMESTAMP_MICROS
                | C::DECIMAL
        ),
        PhysicalType::BYTE_ARRAY => matches!(
            converted,
            C::NONE | C::UTF8 | C::ENUM | C::JSON | C::BSON | C::DECIMAL
        ),
        PhysicalType::FIXED_LEN_BYTE_ARRAY => matches!(converted, C::NONE | C::DECIMAL),
    }
}
