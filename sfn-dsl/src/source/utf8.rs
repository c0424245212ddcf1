//! Bytes read from a file as text, with where they stop being UTF-8 when they do.

use super::{BYTE_ORDER_MARK, LineColumn};

/// Bytes that are not UTF-8 text: where the first byte that is not lies.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{LineColumn, NotUtf8, text_from_bytes};
///
/// let error = text_from_bytes(b"{\n  \"\xff\"}".to_vec()).unwrap_err();
/// assert_eq!(error.position, LineColumn { line: 2, column: 4 });
/// assert_eq!(error.byte, 5);
/// assert_eq!(error.to_string(), "it is not UTF-8 text (line 2, column 4, byte 5)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "it is not UTF-8 text (line {}, column {}, byte {byte})",
    .position.line,
    .position.column
)]
#[non_exhaustive]
pub struct NotUtf8 {
    /// The line and column (in characters, a byte order mark opening the text not
    /// counted) of the first byte that is not UTF-8.
    pub position: LineColumn,
    /// Its offset: how many bytes before it are UTF-8 text.
    pub byte: usize,
}

/// The bytes of a file as text, or where they are not UTF-8: what every command that reads
/// a file says about one that is not text.
///
/// # Errors
///
/// [`NotUtf8`], placing the first byte that is not UTF-8 text.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::text_from_bytes;
///
/// assert_eq!(text_from_bytes(b"{}".to_vec()).as_deref(), Ok("{}"));
/// let error = text_from_bytes(b"\xef\xbb\xbfab\xc3".to_vec()).unwrap_err();
/// // The byte order mark is no column.
/// assert_eq!((error.position.column, error.byte), (3, 5));
/// ```
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let before = error.as_bytes().get(..valid).unwrap_or_default();
        let line = before.split(|&byte| byte == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline + 1);
        // The bytes before it on its line are valid UTF-8: count their characters (a byte
        // order mark opening the text is no column, as in validation reports).
        let line_before = before.get(line_start..).unwrap_or_default();
        let mut mark = [0; 4];
        let mark = BYTE_ORDER_MARK.encode_utf8(&mut mark).as_bytes();
        let line_before = match line_start {
            0 => line_before.strip_prefix(mark).unwrap_or(line_before),
            _ => line_before,
        };
        let column = String::from_utf8_lossy(line_before).chars().count() + 1;
        NotUtf8 {
            position: LineColumn { line, column },
            byte: valid,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::text_from_bytes;
    use crate::source::LineColumn;

    #[test]
    fn the_first_byte_that_is_not_utf8_is_placed_by_line_and_character_column() {
        let error = text_from_bytes(b"ab\n\xc3\xa9x\xff".to_vec()).unwrap_err();
        assert_eq!(error.position, LineColumn { line: 2, column: 3 });
        assert_eq!(error.byte, 6);
        let error = text_from_bytes(vec![0xff]).unwrap_err();
        assert_eq!(error.position, LineColumn { line: 1, column: 1 });
        assert_eq!(error.byte, 0);
        // A byte order mark opens only the first line.
        let error = text_from_bytes(b"\n\xef\xbb\xbf\xff".to_vec()).unwrap_err();
        assert_eq!(error.position, LineColumn { line: 2, column: 2 });
    }
}
