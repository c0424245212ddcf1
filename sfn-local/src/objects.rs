//! A local object store standing in for Amazon S3: Distributed Map `ItemReader`s read
//! from it and `ResultWriter`s write to it.
//!
//! Objects are text (JSON, JSONL, CSV, manifests) or bytes (Parquet). Bytes that are valid
//! UTF-8 are kept as text, so every text reader sees them whichever way they were stored.

use std::path::Path;
use std::{fs, io};

use indexmap::IndexMap;
use serde_json::{Value, json};

/// Objects by bucket and key, kept in insertion order (an `ItemReader`'s `listObjectsV2`
/// lists them in S3's order, by the keys' bytes).
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let objects = Objects::new();
    /// assert!(objects.is_empty());
    /// assert_eq!(objects.get("bucket", "key"), None);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `body` under `bucket`/`key`, replacing any object there.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put("b", "k.json", "[1]");
    /// objects.put("b", "k.json", "[2]"); // replaces
    /// assert_eq!((objects.get("b", "k.json"), objects.len()), (Some("[2]"), 1));
    /// ```
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

    /// A store holding the files of a fixture folder: each folder directly under `root` is
    /// a bucket, and each file below it an object whose key is its path within the bucket
    /// folder, `/`-separated (`root/orders/2024/01.parquet` is `s3://orders/2024/01.parquet`).
    /// Files are read as bytes (text stays text), in name order; files directly under
    /// `root` are skipped, having no bucket.
    ///
    /// # Errors
    ///
    /// The first I/O error, its message naming the path, or a path that is not UTF-8
    /// (`InvalidData`).
    ///
    /// # Examples
    ///
    /// ```no_run
    /// use sfn_local::{Executor, Objects};
    ///
    /// let objects = Objects::from_dir("tests/s3")?;
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?
    ///     .objects(objects);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dir(root: impl AsRef<Path>) -> io::Result<Self> {
        let mut objects = Self::new();
        for (bucket, folder) in sorted_entries(root.as_ref())? {
            if fs::metadata(&folder)
                .map_err(|error| at(&folder, &error))?
                .is_dir()
            {
                objects.load_folder(&bucket, &folder, "")?;
            }
        }
        Ok(objects)
    }

    fn load_folder(&mut self, bucket: &str, folder: &Path, prefix: &str) -> io::Result<()> {
        for (name, path) in sorted_entries(folder)? {
            let key = format!("{prefix}{name}");
            if fs::metadata(&path)
                .map_err(|error| at(&path, &error))?
                .is_dir()
            {
                self.load_folder(bucket, &path, &format!("{key}/"))?;
            } else {
                let body = fs::read(&path).map_err(|error| at(&path, &error))?;
                self.put_bytes(bucket, key, body);
            }
        }
        Ok(())
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put("b", "a.csv", "id\n1\n");
    /// objects.put_bytes("b", "a.parquet", vec![0xff, 0xfe]);
    /// assert_eq!(objects.get("b", "a.csv"), Some("id\n1\n"));
    /// assert_eq!(objects.get("b", "a.parquet"), None); // not UTF-8
    /// assert_eq!(objects.get("other", "a.csv"), None);
    /// ```
    #[must_use]
    pub fn get(&self, bucket: &str, key: &str) -> Option<&str> {
        self.body(bucket, key).and_then(Body::as_text)
    }

    /// The bytes of the object under `bucket`/`key`, text or binary.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put("b", "a.csv", "id");
    /// objects.put_bytes("b", "a.parquet", vec![0xff, 0xfe]);
    /// assert_eq!(objects.get_bytes("b", "a.csv"), Some(&b"id"[..]));
    /// assert_eq!(objects.get_bytes("b", "a.parquet"), Some(&[0xff, 0xfe][..]));
    /// ```
    #[must_use]
    pub fn get_bytes(&self, bucket: &str, key: &str) -> Option<&[u8]> {
        self.body(bucket, key).map(Body::as_bytes)
    }

    fn body(&self, bucket: &str, key: &str) -> Option<&Body> {
        self.objects.get(&(bucket.to_owned(), key.to_owned()))
    }

    /// Every text object with its bucket and key, in insertion order (binary objects are
    /// in [`iter_bytes`](Self::iter_bytes)).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put("b", "z.json", "[]");
    /// objects.put_bytes("b", "x.parquet", vec![0xff]);
    /// objects.put("a", "y.json", "{}");
    /// assert_eq!(objects.iter().collect::<Vec<_>>(), [("b", "z.json", "[]"), ("a", "y.json", "{}")]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.objects.iter().filter_map(|((bucket, key), body)| {
            Some((bucket.as_str(), key.as_str(), body.as_text()?))
        })
    }

    /// Every object, text or binary, with its bucket and key, in insertion order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put("b", "a.json", "[]");
    /// objects.put_bytes("b", "x.parquet", vec![0xff]);
    /// let keys: Vec<_> = objects.iter_bytes().map(|(_, key, body)| (key, body.len())).collect();
    /// assert_eq!(keys, [("a.json", 2), ("x.parquet", 1)]);
    /// ```
    pub fn iter_bytes(&self) -> impl Iterator<Item = (&str, &str, &[u8])> {
        self.objects
            .iter()
            .map(|((bucket, key), body)| (bucket.as_str(), key.as_str(), body.as_bytes()))
    }

    /// The number of objects.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// objects.put("a", "k", "1");
    /// objects.put("b", "k", "2"); // same key, another bucket
    /// assert_eq!(objects.len(), 2);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether the store is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Objects;
    ///
    /// let mut objects = Objects::new();
    /// assert!(objects.is_empty());
    /// objects.put("b", "k", "");
    /// assert!(!objects.is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// `ListObjectsV2` entries for the keys of `bucket` starting with `prefix`, in S3's
    /// order: ascending by the keys' UTF-8 bytes (`a-b.json` before `a/x.json`, `Z.json`
    /// before `a.json`), whatever order the objects were stored in.
    pub(crate) fn list(&self, bucket: &str, prefix: &str) -> Vec<Value> {
        let mut listed: Vec<_> = self
            .objects
            .iter()
            .filter(|((object_bucket, key), _)| object_bucket == bucket && key.starts_with(prefix))
            .collect();
        // `str` orders by bytes, which is S3's order for UTF-8 keys.
        listed.sort_unstable_by(|((_, left), _), ((_, right), _)| left.cmp(right));
        listed
            .into_iter()
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

/// The entries of `folder` with their UTF-8 names, in name order.
fn sorted_entries(folder: &Path) -> io::Result<Vec<(String, std::path::PathBuf)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(folder).map_err(|error| at(folder, &error))? {
        let path = entry.map_err(|error| at(folder, &error))?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{}: the name is not UTF-8, so it cannot be an S3 bucket or key",
                        path.display()
                    ),
                )
            })?
            .to_owned();
        entries.push((name, path));
    }
    entries.sort();
    Ok(entries)
}

/// `error`, its message prefixed with `path`.
fn at(path: &Path, error: &io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// A stable 64-bit `FNV-1a` hash, standing in for an `ETag`.
fn fingerprint(body: &[u8]) -> u64 {
    body.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_folder_holds_one_bucket_per_folder() {
        let root = std::env::temp_dir().join(format!("sfn-local-objects-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("orders/2024")).unwrap();
        fs::create_dir_all(root.join("empty")).unwrap();
        fs::write(
            root.join("orders/2024/02.parquet"),
            [b'P', b'A', b'R', b'1', 0xff],
        )
        .unwrap();
        fs::write(root.join("orders/2024/01.json"), "[1]").unwrap();
        fs::write(root.join("orders/index.csv"), "a\n1\n").unwrap();
        fs::write(root.join("stray.txt"), "no bucket").unwrap();
        let objects = Objects::from_dir(&root).unwrap();
        let listed: Vec<_> = objects
            .iter_bytes()
            .map(|(bucket, key, body)| (bucket.to_owned(), key.to_owned(), body.len()))
            .collect();
        assert_eq!(
            listed,
            [
                ("orders".to_owned(), "2024/01.json".to_owned(), 3),
                ("orders".to_owned(), "2024/02.parquet".to_owned(), 5),
                ("orders".to_owned(), "index.csv".to_owned(), 4),
            ]
        );
        assert_eq!(objects.get("orders", "2024/01.json"), Some("[1]"));
        assert_eq!(objects.get("orders", "2024/02.parquet"), None);

        let missing = Objects::from_dir(root.join("nowhere")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        assert!(
            missing
                .to_string()
                .starts_with(&format!("{}: ", root.join("nowhere").display())),
            "{missing}"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn listings_are_in_the_byte_order_of_the_keys() {
        let mut objects = Objects::new();
        for key in [
            "a/x.json",
            "a.json",
            "a-b.json",
            "Z.json",
            "\u{e9}.json",
            "b/c.json",
        ] {
            objects.put("b", key, "[]");
        }
        objects.put("other", "0.json", "[]");
        let keys: Vec<_> = objects
            .list("b", "")
            .iter()
            .map(|entry| entry["Key"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            keys,
            [
                "Z.json",
                "a-b.json",
                "a.json",
                "a/x.json",
                "b/c.json",
                "\u{e9}.json"
            ]
        );
        let under_a: Vec<_> = objects
            .list("b", "a")
            .iter()
            .map(|entry| entry["Key"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(under_a, ["a-b.json", "a.json", "a/x.json"]);
    }
}
