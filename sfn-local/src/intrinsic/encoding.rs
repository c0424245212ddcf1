//! `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::Invocation;
use crate::error::RuntimeError;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The longest input, in characters, of the Base64 and hash functions.
const MAX_INPUT: usize = 10_000;

/// Standard Base64 that, like Java's decoder, accepts input with or without padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn limited<'a>(call: &Invocation<'a>, text: &'a str) -> Result<&'a str, RuntimeError> {
    let length = text.chars().count();
    if length > MAX_INPUT {
        return Err(call.fail(format!(
            "the input has {length} characters, more than the limit of {MAX_INPUT}"
        )));
    }
    Ok(text)
}

/// Padded standard Base64 of the UTF-8 bytes.
pub(super) fn base64_encode(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let text = limited(call, call.string(0)?)?;
    Ok(Value::String(BASE64.encode(text.as_bytes())))
}

/// Decodes Base64 into a UTF-8 string (invalid sequences become U+FFFD, as in Java).
pub(super) fn base64_decode(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let text = limited(call, call.string(0)?)?;
    let bytes = BASE64
        .decode(text)
        .map_err(|error| call.fail(format!("the input is not valid Base64 ({error})")))?;
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

/// The lowercase hexadecimal digest of the data's string form (a string as is, anything
/// else as compact JSON).
pub(super) fn hash(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let data = match call.arg(0) {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let data = limited(call, &data)?;
    let algorithm = call.string(1)?;
    let digest = match algorithm {
        "MD5" => Md5::digest(data).to_vec(),
        "SHA-1" => Sha1::digest(data).to_vec(),
        "SHA-256" => Sha256::digest(data).to_vec(),
        "SHA-384" => Sha384::digest(data).to_vec(),
        "SHA-512" => Sha512::digest(data).to_vec(),
        other => {
            return Err(call.fail(format!(
                "the algorithm '{other}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            )));
        }
    };
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    Ok(Value::String(hex))
}
