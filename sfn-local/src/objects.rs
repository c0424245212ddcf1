//! A local object store standing in for Amazon S3: Distributed Map `ItemReader`s read
//! from it and `ResultWriter`s write to it.

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
/// assert_eq!(objects.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Objects {
    objects: IndexMap<(String, String), String>,
}

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
            .insert((bucket.into(), key.into()), body.into());
    }

    /// The object under `bucket`/`key`.
    #[must_use]
    pub fn get(&self, bucket: &str, key: &str) -> Option<&str> {
        self.objects
            .get(&(bucket.to_owned(), key.to_owned()))
            .map(String::as_str)
    }

    /// Every object with its bucket and key, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.objects
            .iter()
            .map(|((bucket, key), body)| (bucket.as_str(), key.as_str(), body.as_str()))
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
fn fingerprint(body: &str) -> u64 {
    body.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
