//! Gzipped data files of manifests: S3 writes every CSV S3 Inventory data file gzipped
//! (`….csv.gz`), and Athena `UNLOAD` gzips its text output by default.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::MultiGzDecoder;

use super::reader::reader_failure;
use crate::executor::failure::Failure;

/// The two bytes every gzip member starts with (RFC 1952, section 2.3.1).
const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The most bytes one data file may decompress to: the local executor holds every item in
/// memory, so a larger (or hostile) file fails the reader instead of exhausting memory.
const MAX_DECOMPRESSED: u64 = 1 << 30;

/// `body` decompressed when it is gzip (every member, as `gunzip` does), or `body` itself;
/// `location` (`s3://bucket/key`) names the object in causes.
pub(super) fn decompressed<'b>(body: &'b [u8], location: &str) -> Result<Cow<'b, [u8]>, Failure> {
    decompressed_within(body, location, MAX_DECOMPRESSED)
}

fn decompressed_within<'b>(
    body: &'b [u8],
    location: &str,
    limit: u64,
) -> Result<Cow<'b, [u8]>, Failure> {
    if !body.starts_with(&MAGIC) {
        return Ok(Cow::Borrowed(body));
    }
    let mut data = Vec::new();
    MultiGzDecoder::new(body)
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|error| reader_failure(format!("{location} is not valid gzip: {error}")))?;
    if u64::try_from(data.len()).map_or(true, |length| length > limit) {
        return Err(reader_failure(format!(
            "{location} decompresses to more than {limit} bytes, more than the local executor reads"
        )));
    }
    Ok(Cow::Owned(data))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn plain_bodies_are_borrowed_and_gzip_is_decompressed() {
        let plain = b"\"a\",\"b\"\n";
        assert!(
            matches!(decompressed(plain, "s3://b/k"), Ok(Cow::Borrowed(body)) if body == plain)
        );
        let packed = gzip(plain);
        assert_ne!(packed.as_slice(), plain);
        assert_eq!(decompressed(&packed, "s3://b/k").unwrap().as_ref(), plain);
    }

    #[test]
    fn every_member_of_a_multi_member_file_is_read() {
        let mut packed = gzip(b"one\n");
        packed.extend(gzip(b"two\n"));
        assert_eq!(
            decompressed(&packed, "s3://b/k").unwrap().as_ref(),
            b"one\ntwo\n"
        );
    }

    #[test]
    fn corrupt_gzip_fails_the_reader_naming_the_object() {
        let mut packed = gzip(b"some rows\n");
        packed.truncate(packed.len() - 6);
        let failure = decompressed(&packed, "s3://inv/data/a.csv.gz").unwrap_err();
        assert_eq!(failure.error.as_deref(), Some("States.ItemReaderFailed"));
        let cause = failure.cause.unwrap_or_default();
        assert!(
            cause.starts_with("s3://inv/data/a.csv.gz is not valid gzip: "),
            "{cause}"
        );
        let header_only = &MAGIC[..];
        assert!(decompressed(header_only, "s3://b/k").is_err());
    }

    #[test]
    fn damaged_gzip_of_every_kind_is_an_error_not_a_panic() {
        // Every prefix of a real file, and the file with each byte flipped in turn.
        let packed = gzip(b"\"bucket\",\"key\",\"12\"\n".repeat(20).as_slice());
        for end in 0..packed.len() {
            let _ = decompressed(&packed[..end], "s3://b/k");
        }
        for index in 2..packed.len() {
            let mut damaged = packed.clone();
            damaged[index] ^= 0x5a;
            let _ = decompressed(&damaged, "s3://b/k");
        }
        assert!(decompressed(&packed, "s3://b/k").is_ok());
    }

    #[test]
    fn a_file_decompressing_past_the_limit_fails_instead_of_filling_memory() {
        let packed = gzip(&[b'x'; 1000]);
        assert_eq!(
            decompressed_within(&packed, "s3://b/k", 1000)
                .unwrap()
                .len(),
            1000
        );
        let failure = decompressed_within(&packed, "s3://b/k", 999).unwrap_err();
        assert_eq!(
            failure.cause.as_deref(),
            Some(
                "s3://b/k decompresses to more than 999 bytes, more than the local executor reads"
            )
        );
    }
}
