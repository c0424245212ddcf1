//! A local object store standing in for Amazon S3: Distributed Map `ItemReader`s read
//! from it and `ResultWriter`s write to it.
//!
//! Objects are text (JSON, JSONL, CSV, manifests) or bytes (Parquet). Bytes that are valid
//! UTF-8 are kept as text, so every text reader sees them whichever way they were stored.

use indexmap::IndexMap;
use serde_json::{Value, json};

/// Objects by bucket and key, in insertion order.
///
/// # Examples
///
/// ```
/// use sfn_local::Objects;
///
/// let mut objects = Objects::new();
/// objects.put("orders", "2024/01.json", r#"[{"id": 1}]"#);
/// assert_eq!(objects.get("orders", "2024/01.json"), Some(r#"[{"id": 1}]"#));
/// // Binary objects, such as Parquet files, are stored as bytes.
/// objects.put_bytes("orders", "2024/02.parquet", vec![b'P', b'A', b'R', b'1', 0xff]);
/// assert_eq!(objects.get("orders", "2024/02.parquet"), None);
/// assert_eq!(
///     objects.get_bytes("orders", "2024/02.parquet"),
///     Some(&[b'P', b'A', b'R', b'1', 0xff][..])
/// );
/// assert_eq!(objects.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Objects {
    objects: IndexMap<(String, String), Body>,
    /// Whether the contents are unknown: reading fails with [`OPAQUE`]. Conformance runs
    /// use it for recordings that read objects the recording does not show.
    opaque: bool,
}

/// An object's contents: text, or bytes that are not UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Body {
    Text(String),
    Binary(Vec<u8>),
}

impl Body {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Binary(bytes) => bytes,
        }
    }

    fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Binary(_) => None,
        }
    }
}

/// The cause of a read from an opaque store.
pub(crate) const OPAQUE: &str = "the object store of this run does not know the objects' contents";

impl Objects {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `body` under `bucket`/`key`, replacing any object there.
    pub fn put(
        &mut self,
        bucket: impl Into<String>,
        key: impl Into<String>,
        body: impl Into<String>,
    ) {
        self.objects
            .insert((bucket.into(), key.into()), Body::Text(body.into()));
    }

    /// Stores the bytes `body` under `bucket`/`key`, replacing any object there: a binary
    /// object such as a Parquet file. Bytes that are valid UTF-8 are stored as text, so
    /// [`get`](Self::get) returns them too.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put_bytes("b", "rows.jsonl", b"{\"n\": 1}\n".to_vec());
    /// assert_eq!(objects.get("b", "rows.jsonl"), Some("{\"n\": 1}\n"));
    /// ```
    pub fn put_bytes(
        &mut self,
        bucket: impl Into<String>,
        key: impl Into<String>,
        body: impl Into<Vec<u8>>,
    ) {
        let body = match String::from_utf8(body.into()) {
            Ok(text) => Body::Text(text),
            Err(error) => Body::Binary(error.into_bytes()),
        };
        self.objects.insert((bucket.into(), key.into()), body);
    }

    /// A store whose contents are unknown: every read fails.
    pub(crate) fn opaque() -> Self {
        Self {
            opaque: true,
            ..Self::default()
        }
    }

    /// Whether reading fails because the contents are unknown.
    pub(crate) fn is_opaque(&self) -> bool {
        self.opaque
    }

    /// The text of the object under `bucket`/`key`: `None` when there is none, or when it
    /// holds bytes that are not UTF-8 (read those with [`get_bytes`](Self::get_bytes)).
    #[must_use]
    pub fn get(&self, bucket: &str, key: &str) -> Option<&str> {
        self.body(bucket, key).and_then(Body::as_text)
    }

    /// The bytes of the object under `bucket`/`key`, text or binary.
    #[must_use]
    pub fn get_bytes(&self, bucket: &str, key: &str) -> Option<&[u8]> {
        self.body(bucket, key).map(Body::as_bytes)
    }

    fn body(&self, bucket: &str, key: &str) -> Option<&Body> {
        self.objects.get(&(bucket.to_owned(), key.to_owned()))
    }

    /// Every text object with its bucket and key, in insertion order (binary objects are
    /// in [`iter_bytes`](Self::iter_bytes)).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.objects.iter().filter_map(|((bucket, key), body)| {
            Some((bucket.as_str(), key.as_str(), body.as_text()?))
        })
    }

    /// Every object, text or binary, with its bucket and key, in insertion order.
    pub fn iter_bytes(&self) -> impl Iterator<Item = (&str, &str, &[u8])> {
        self.objects
            .iter()
            .map(|((bucket, key), body)| (bucket.as_str(), key.as_str(), body.as_bytes()))
    }

    /// The number of objects.
    #[must_use]
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether the store is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// `ListObjectsV2` entries for the keys of `bucket` starting with `prefix`.
    pub(crate) fn list(&self, bucket: &str, prefix: &str) -> Vec<Value> {
        self.objects
            .iter()
            .filter(|((object_bucket, key), _)| object_bucket == bucket && key.starts_with(prefix))
            .map(|((_, key), body)| {
                let body = body.as_bytes();
                json!({
                    "Etag": format!("\"{:016x}\"", fingerprint(body)),
                    "Key": key,
                    "LastModified": "2024-01-01T00:00:00.000Z",
                    "Size": body.len(),
                    "StorageClass": "STANDARD",
                })
            })
            .collect()
    }
}

/// A stable 64-bit `FNV-1a` hash, standing in for an `ETag`.
fn fingerprint(body: &[u8]) -> u64 {
    body.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
