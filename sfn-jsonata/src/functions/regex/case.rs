//! JavaScript's case-insensitive matching without the `u` flag (ECMA-262 `Canonicalize`):
//! characters are equivalent when their simple uppercase forms are equal.

use std::sync::OnceLock;

/// The canonical form of a character: its uppercase when that is one UTF-16 unit and does not
/// turn a non-ASCII character into an ASCII one; the character itself otherwise.
fn canonicalize(ch: char) -> char {
    let mut upper = ch.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(single), None)
            if single.len_utf16() == 1 && (ch.is_ascii() || !single.is_ascii()) =>
        {
            single
        }
        _ => ch,
    }
}

/// The classes of two or more characters with the same canonical form, as code points.
/// Characters outside the Basic Multilingual Plane are surrogate pairs to JavaScript, which
/// fold to themselves, so only the BMP is searched.
pub(super) fn equivalence_groups() -> &'static [Vec<u32>] {
    static GROUPS: OnceLock<Vec<Vec<u32>>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut pairs: Vec<(char, char)> = (0..=0xFFFF_u32)
            .filter_map(char::from_u32)
            .map(|ch| (canonicalize(ch), ch))
            .collect();
        pairs.sort_unstable();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut current: Option<char> = None;
        for (canonical, ch) in pairs {
            match groups.last_mut() {
                Some(group) if current == Some(canonical) => group.push(u32::from(ch)),
                _ => {
                    current = Some(canonical);
                    groups.push(vec![u32::from(ch)]);
                }
            }
        }
        groups.retain(|group| group.len() > 1);
        groups
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms_are_javascripts() {
        assert_eq!(canonicalize('a'), 'A');
        assert_eq!(canonicalize('ſ'), 'ſ');
        assert_eq!(canonicalize('ı'), 'ı');
        assert_eq!(canonicalize('ß'), 'ß');
        assert_eq!(canonicalize('ǆ'), 'Ǆ');
        assert_eq!(canonicalize('\u{212A}'), '\u{212A}');
    }
}
