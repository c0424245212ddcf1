//! Reading JSON data (execution input, the objects an `ItemReader` reads,
//! `States.StringToJson`) as AWS reads it.

use serde_json::Value;

/// Reads JSON text as AWS's JSON reader (Jackson) does, which differs from `serde_json` in
/// one number: the integer `-0` (no fraction, no exponent) is the integer 0, where
/// `serde_json` reads the float -0.0 (recorded: `States.StringToJson("-0")` gives `0`).
/// `-0.0` and `-0e0` stay the float -0.0, as Jackson reads them. Definitions are read the
/// same way by `sfn_dsl`'s reader.
///
/// # Errors
///
/// `serde_json`'s error for text that is not JSON.
///
/// # Examples
///
/// ```
/// use sfn_local::data::read_json;
///
/// let value = read_json(r#"{"a": -0, "b": -0.0, "c": "-0"}"#)?;
/// assert_eq!(value.to_string(), r#"{"a":0,"b":-0.0,"c":"-0"}"#);
/// assert!(read_json("[-0,]").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn read_json(text: &str) -> serde_json::Result<Value> {
    // Most texts hold no `-0` at all: one search, then serde_json alone.
    if !text.contains("-0") {
        return serde_json::from_str(text);
    }
    let signs = minus_zero_signs(text.as_bytes());
    if signs.is_empty() {
        return serde_json::from_str(text);
    }
    // Each such `-` becomes a blank: the text keeps its length and stays valid JSON.
    let mut bytes = text.as_bytes().to_vec();
    for at in signs {
        if let Some(byte) = bytes.get_mut(at) {
            *byte = b' ';
        }
    }
    // Text that is not JSON is reported as written.
    serde_json::from_slice(&bytes).or_else(|_| serde_json::from_str(text))
}

/// Where the `-` of every integer `-0` outside strings is.
fn minus_zero_signs(bytes: &[u8]) -> Vec<usize> {
    let mut signs = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (at, &byte) in bytes.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'-' if bytes.get(at + 1) == Some(&b'0')
                && !matches!(bytes.get(at + 2), Some(b'0'..=b'9' | b'.' | b'e' | b'E')) =>
            {
                signs.push(at);
            }
            _ => {}
        }
    }
    signs
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::read_json;

    #[test]
    fn integer_minus_zero_is_zero_and_the_rest_as_serde_json_reads_it() {
        let text =
            r#"{"a": -0, "b": [-0, -0.0, -0e0, -0E1, -0.5, -01], "c": "-0 \" -0", "-0": -0}"#;
        // `-01` is not JSON: the whole text is refused, as serde_json refuses it.
        assert!(read_json(text).is_err());
        let text = text.replace(", -01", "");
        assert_eq!(
            read_json(&text).map(|value| value.to_string()).ok(),
            Some(r#"{"a":0,"b":[0,-0.0,-0.0,-0.0,-0.5],"c":"-0 \" -0","-0":0}"#.to_owned())
        );
        assert_eq!(read_json("-0").ok(), Some(json!(0)));
        assert_eq!(read_json(" -0\n").ok(), Some(json!(0)));
        assert_eq!(read_json(r#"["\\", -0]"#).ok(), Some(json!(["\\", 0])));
    }

    #[test]
    fn errors_are_serde_json_errors_of_the_text_as_written() {
        for text in ["[-0, }", "-0-", "{\"a\": -0 -}", "[-]"] {
            let expected = serde_json::from_str::<serde_json::Value>(text)
                .expect_err("not JSON")
                .to_string();
            assert_eq!(
                read_json(text).map_err(|error| error.to_string()),
                Err(expected),
                "{text}"
            );
        }
    }
}
