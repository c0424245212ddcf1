//! Long texts cut for display: messages and diagram labels quote paths and expressions
//! that a generated definition may make megabytes long.

use std::borrow::Cow;

/// How many characters of a value or key a message quotes.
pub(crate) const QUOTED: usize = 80;

/// `text` as a message quotes it (a value, a key, a name): whole when it has at most
/// [`QUOTED`] characters, else cut, so that a megabyte-long value in a generated
/// definition does not make a megabyte-long message.
pub(crate) fn quoted(text: &str) -> Cow<'_, str> {
    shorten(text, QUOTED)
}

/// `text` whole when it has at most `limit` characters, else its first `limit - 1`
/// characters and `…`.
pub(crate) fn shorten(text: &str, limit: usize) -> Cow<'_, str> {
    if text.char_indices().nth(limit).is_none() {
        return Cow::Borrowed(text);
    }
    let end = text
        .char_indices()
        .nth(limit.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at);
    Cow::Owned(format!("{}…", text.get(..end).unwrap_or(text)))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn long_texts_keep_their_start() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "ab…");
        assert_eq!(shorten("日本語です", 4), "日本語…");
    }
}
