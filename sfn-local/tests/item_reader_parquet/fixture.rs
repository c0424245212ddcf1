//! Parquet files for the tests, written with the `parquet` crate's writer.

use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, DoubleType, FixedLenByteArray, FixedLenByteArrayType,
    FloatType, Int32Type, Int64Type, Int96, Int96Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

/// The values of one leaf column, with its definition and repetition levels.
pub(crate) struct Leaf {
    values: Values,
    definition: Option<Vec<i16>>,
    repetition: Option<Vec<i16>>,
}

pub(crate) enum Values {
    Bool(Vec<bool>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Int96(Vec<Int96>),
    Float(Vec<f32>),
    Double(Vec<f64>),
    Bytes(Vec<&'static [u8]>),
    Fixed(Vec<Vec<u8>>),
}

pub(crate) fn leaf(values: Values) -> Leaf {
    Leaf {
        values,
        definition: None,
        repetition: None,
    }
}

pub(crate) fn optional(values: Values, definition: &[i16]) -> Leaf {
    Leaf {
        values,
        definition: Some(definition.to_vec()),
        repetition: None,
    }
}

pub(crate) fn repeated(values: Values, definition: &[i16], repetition: &[i16]) -> Leaf {
    Leaf {
        values,
        definition: Some(definition.to_vec()),
        repetition: Some(repetition.to_vec()),
    }
}

/// A Parquet file of one row group per entry of `groups`, each holding every leaf column
/// of `schema` in order.
pub(crate) fn parquet_groups(
    schema: &str,
    groups: Vec<Vec<Leaf>>,
    properties: WriterProperties,
) -> Vec<u8> {
    let schema = Arc::new(parse_message_type(schema).expect("schema"));
    let mut buffer = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut buffer, schema, Arc::new(properties)).expect("writer");
    for leaves in groups {
        let mut group = writer.next_row_group().expect("row group");
        for leaf in leaves {
            let mut column = group.next_column().expect("column").expect("a column left");
            let (definition, repetition) = (leaf.definition.as_deref(), leaf.repetition.as_deref());
            match leaf.values {
                Values::Bool(values) => column
                    .typed::<BoolType>()
                    .write_batch(&values, definition, repetition),
                Values::Int32(values) => column
                    .typed::<Int32Type>()
                    .write_batch(&values, definition, repetition),
                Values::Int64(values) => column
                    .typed::<Int64Type>()
                    .write_batch(&values, definition, repetition),
                Values::Int96(values) => column
                    .typed::<Int96Type>()
                    .write_batch(&values, definition, repetition),
                Values::Float(values) => column
                    .typed::<FloatType>()
                    .write_batch(&values, definition, repetition),
                Values::Double(values) => column
                    .typed::<DoubleType>()
                    .write_batch(&values, definition, repetition),
                Values::Bytes(values) => {
                    let values: Vec<ByteArray> = values
                        .into_iter()
                        .map(|bytes| bytes.to_vec().into())
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, definition, repetition)
                }
                Values::Fixed(values) => {
                    let values: Vec<FixedLenByteArray> = values
                        .into_iter()
                        .map(|bytes| ByteArray::from(bytes).into())
                        .collect();
                    column
                        .typed::<FixedLenByteArrayType>()
                        .write_batch(&values, definition, repetition)
                }
            }
            .expect("values written");
            column.close().expect("column closed");
        }
        group.close().expect("row group closed");
    }
    writer.close().expect("file closed");
    buffer
}

pub(crate) fn parquet(schema: &str, leaves: Vec<Leaf>) -> Vec<u8> {
    parquet_groups(schema, vec![leaves], WriterProperties::default())
}

pub(crate) fn compressed(schema: &str, leaves: Vec<Leaf>, compression: Compression) -> Vec<u8> {
    let properties = WriterProperties::builder()
        .set_compression(compression)
        .build();
    parquet_groups(schema, vec![leaves], properties)
}

/// Two columns, `id` and `name`, over `ids`.
pub(crate) fn people(ids: &[i32]) -> Vec<u8> {
    const NAMES: [&[u8]; 5] = [b"ada", b"alan", b"grace", b"edsger", b"barbara"];
    parquet(
        "message people { required int32 id; required binary name (STRING); }",
        vec![
            leaf(Values::Int32(ids.to_vec())),
            leaf(Values::Bytes(
                ids.iter()
                    .map(|id| NAMES[usize::try_from(*id).unwrap() % NAMES.len()])
                    .collect(),
            )),
        ],
    )
}

/// Optional columns, a struct, a list and a map, three rows: values, nulls, empties.
pub(crate) fn nested() -> Vec<u8> {
    let schema = "message row {
        optional int32 maybe;
        optional group address { required binary city (STRING); optional int32 zip; }
        optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
        optional group scores (MAP) {
            repeated group key_value { required binary key (STRING); optional double value; }
        }
    }";
    parquet(
        schema,
        vec![
            optional(Values::Int32(vec![1, 3]), &[1, 0, 1]),
            optional(Values::Bytes(vec![b"Oslo", b"Rome"]), &[1, 0, 1]),
            optional(Values::Int32(vec![100]), &[1, 0, 2]),
            repeated(Values::Bytes(vec![b"a"]), &[3, 2, 0, 1], &[0, 1, 0, 0]),
            repeated(
                Values::Bytes(vec![b"x", b"y"]),
                &[2, 2, 1, 0],
                &[0, 1, 0, 0],
            ),
            repeated(Values::Double(vec![1.5]), &[3, 2, 1, 0], &[0, 1, 0, 0]),
        ],
    )
}
