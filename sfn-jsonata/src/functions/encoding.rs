//! Base64 (Latin-1, as Node's `Buffer` with `binary`) and URL encoding functions.

use std::fmt::Write as _;

use super::string_arg;
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn base64_encode(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    // Node's `Buffer.from(text, 'binary')`: each UTF-16 code unit becomes one byte, its low
    // eight bits (a character beyond U+FFFF is two surrogates, so two bytes).
    #[expect(
        clippy::cast_possible_truncation,
        reason = "Latin-1 encoding keeps the low byte"
    )]
    let bytes: Vec<u8> = text.encode_utf16().map(|unit| unit as u8).collect();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let triple = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for index in 0..4 {
            if index <= chunk.len() {
                let sextet = (triple >> (18 - 6 * index)) & 0x3F;
                out.push(char::from(
                    ALPHABET.get(sextet as usize).copied().unwrap_or(b'A'),
                ));
            } else {
                out.push('=');
            }
        }
    }
    Ok(Some(Value::string(out)))
}

pub(crate) fn base64_decode(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = String::new();
    for byte in text.bytes() {
        if byte == b'=' {
            break;
        }
        let Some(sextet) = ALPHABET.iter().position(|&c| c == byte).or(match byte {
            b'-' => Some(62),
            b'_' => Some(63),
            _ => None,
        }) else {
            continue;
        };
        bits = (bits << 6) | u32::try_from(sextet).unwrap_or(0);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(char::from(
                u8::try_from((bits >> count) & 0xFF).unwrap_or(0),
            ));
        }
    }
    Ok(Some(Value::string(out)))
}

fn encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || keep.contains(ch) {
            out.push(ch);
        } else {
            let mut buffer = [0; 4];
            for byte in ch.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

const UNRESERVED: &str = "-_.!~*'()";
const RESERVED: &str = ";,/?:@&=+$#";

pub(crate) fn encode_url_component(
    _: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    Ok(string_arg(args, 0).map(|text| Value::string(encode(text, UNRESERVED))))
}

pub(crate) fn encode_url(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let keep = format!("{UNRESERVED}{RESERVED}");
    Ok(string_arg(args, 0).map(|text| Value::string(encode(text, &keep))))
}

fn decode(text: &str, keep_reserved: bool, function: &str) -> Result<String, EvaluationError> {
    let malformed = || {
        EvaluationError::new(
            "D3140",
            format!("malformed URL passed to ${function}(): \"{text}\""),
        )
    };
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte != b'%' {
            out.push(byte);
            index += 1;
            continue;
        }
        let hex = bytes.get(index + 1..index + 3).ok_or_else(malformed)?;
        let hex = std::str::from_utf8(hex).map_err(|_| malformed())?;
        let value = u8::from_str_radix(hex, 16).map_err(|_| malformed())?;
        if keep_reserved && value.is_ascii() && RESERVED.contains(char::from(value)) {
            out.extend_from_slice(bytes.get(index..index + 3).unwrap_or(&[]));
        } else {
            out.push(value);
        }
        index += 3;
    }
    String::from_utf8(out).map_err(|_| malformed())
}

pub(crate) fn decode_url_component(
    _: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    Ok(Some(Value::string(decode(
        text,
        false,
        "decodeUrlComponent",
    )?)))
}

pub(crate) fn decode_url(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    Ok(Some(Value::string(decode(text, true, "decodeUrl")?)))
}
