//! The deployment's text replacement (CloudFormation's `replaceEachRepeatedly`): each
//! `${Key}` replaced by its value's text, the leftmost first, pass after pass until a pass
//! replaces nothing, so that a value holding `${Other}` gets `Other`'s value too. The text
//! is kept in parts that say where each comes from, to name the key a problem comes from.

use std::collections::HashMap;
use std::rc::Rc;

use super::Value;

/// The longest definition Step Functions accepts, in characters: the bound of what the
/// replacement may grow the text to.
pub(super) const MAX_LENGTH: usize = 1_048_576;

/// A part of the text the deployment writes into.
#[derive(Clone, Debug)]
pub(super) struct Part {
    pub(super) text: String,
    /// Whether it stands for a value only the deployment knows (`${Orders.Arn}`), which
    /// holds no placeholder: the replacement never reads it.
    pub(super) resolved: bool,
    /// The key whose value wrote it, `None` for the definition's own text.
    pub(super) key: Option<Rc<str>>,
    /// The JSON pointer of the definition's string it is in (the root for a YAML file's
    /// text, which is one part).
    pub(super) pointer: Rc<str>,
    /// Where it is in the text written before the replacement: its own offset for the
    /// definition's text, the placeholder's for a value's.
    pub(super) at: usize,
}

/// Why the replacement cannot be done as the deployment does it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Endless {
    /// These keys' values name each other in this order (one key: its value names itself).
    Cycle(Vec<String>),
    /// The text grows beyond [`MAX_LENGTH`].
    TooLong,
}

/// `parts` with the values written in for their placeholders until none is left.
pub(super) fn replace(
    mut parts: Vec<Part>,
    values: &HashMap<String, Value>,
) -> Result<Vec<Part>, Endless> {
    if let Some(keys) = cycle(&parts, values) {
        return Err(Endless::Cycle(keys));
    }
    let limit = MAX_LENGTH.max(length(&parts));
    // Without a cycle, each pass goes one key deeper: all are done within a pass per key,
    // and one more pass finds nothing.
    for _ in 0..=values.len() {
        let (written, replaced) = pass(parts, values);
        parts = written;
        if replaced.is_empty() {
            return Ok(parts);
        }
        if length(&parts) > limit {
            return Err(Endless::TooLong);
        }
    }
    Err(Endless::TooLong)
}

/// One pass: every placeholder of a known key in the readable parts replaced, the text
/// written in not read again in this pass. Gives the keys replaced.
fn pass(parts: Vec<Part>, values: &HashMap<String, Value>) -> (Vec<Part>, Vec<Rc<str>>) {
    let mut out = Vec::with_capacity(parts.len());
    let mut replaced = Vec::new();
    for part in parts {
        if part.resolved {
            out.push(part);
            continue;
        }
        let mut written_up_to = 0;
        let mut from = 0;
        while let Some((start, key, end)) = next_placeholder(&part.text, from, values) {
            push(&mut out, &part, written_up_to, start);
            let key: Rc<str> = Rc::from(key);
            if let Some(value) = values.get(&*key) {
                let at = part.offset(start);
                for piece in &value.pieces {
                    if !piece.text.is_empty() {
                        out.push(Part {
                            text: piece.text.clone(),
                            resolved: piece.resolved,
                            key: Some(Rc::clone(&key)),
                            pointer: Rc::clone(&part.pointer),
                            at,
                        });
                    }
                }
            }
            replaced.push(key);
            written_up_to = end;
            from = end;
        }
        if written_up_to == 0 {
            out.push(part);
        } else {
            push(&mut out, &part, written_up_to, part.text.len());
        }
    }
    (out, replaced)
}

/// Adds the bytes `start..end` of `part`, unless they are none.
fn push(out: &mut Vec<Part>, part: &Part, start: usize, end: usize) {
    let text = part.text.get(start..end).unwrap_or_default();
    if !text.is_empty() {
        out.push(Part {
            text: text.to_owned(),
            resolved: part.resolved,
            key: part.key.clone(),
            pointer: Rc::clone(&part.pointer),
            at: part.offset(start),
        });
    }
}

impl Part {
    /// A part of the definition's own text, at `at`.
    pub(super) fn definition(text: String, pointer: Rc<str>, at: usize) -> Self {
        Self {
            text,
            resolved: false,
            key: None,
            pointer,
            at,
        }
    }

    /// Where the byte `offset` of the part was in the text written before the
    /// replacement (a value's text all at its placeholder's).
    fn offset(&self, offset: usize) -> usize {
        match self.key {
            None => self.at + offset,
            Some(_) => self.at,
        }
    }
}

/// The first placeholder of a key of `values` in `text` from byte `from`: its start, its
/// key and its end.
fn next_placeholder<'t>(
    text: &'t str,
    mut from: usize,
    values: &HashMap<String, Value>,
) -> Option<(usize, &'t str, usize)> {
    loop {
        let start = from + text.get(from..)?.find("${")?;
        let key = text
            .get(start + 2..)
            .and_then(|after| after.split_once('}'))
            .map(|(key, _)| key)
            .filter(|key| values.contains_key(*key));
        match key {
            Some(key) => return Some((start, key, start + key.len() + 3)),
            None => from = start + 2,
        }
    }
}

/// The keys named in `text`'s placeholders.
fn named<'t>(text: &'t str, values: &HashMap<String, Value>) -> Vec<&'t str> {
    let mut keys = Vec::new();
    let mut from = 0;
    while let Some((_, key, end)) = next_placeholder(text, from, values) {
        keys.push(key);
        from = end;
    }
    keys
}

/// A cycle of keys whose values name each other, among those the text reaches: the
/// keys in the order they name each other.
fn cycle(parts: &[Part], values: &HashMap<String, Value>) -> Option<Vec<String>> {
    let mut starts: Vec<&str> = parts
        .iter()
        .filter(|part| !part.resolved)
        .flat_map(|part| named(&part.text, values))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut done: Vec<&str> = Vec::new();
    for start in starts {
        let mut path = Vec::new();
        if let Some(found) = walk(start, values, &mut path, &mut done) {
            return Some(found);
        }
    }
    None
}

/// Depth-first from `key`, with `path` the keys that led to it: the cycle found, if any.
fn walk<'v>(
    key: &'v str,
    values: &'v HashMap<String, Value>,
    path: &mut Vec<&'v str>,
    done: &mut Vec<&'v str>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|on_path| *on_path == key) {
        return Some(path.get(at..)?.iter().map(|&key| key.to_owned()).collect());
    }
    if done.contains(&key) {
        return None;
    }
    let (key, value) = values.get_key_value(key)?;
    path.push(key);
    let mut next: Vec<&str> = value
        .pieces
        .iter()
        .filter(|piece| !piece.resolved)
        .flat_map(|piece| named(&piece.text, values))
        .collect();
    next.sort_unstable();
    next.dedup();
    for named in next {
        if let Some(found) = walk(named, values, path, done) {
            return Some(found);
        }
    }
    path.pop();
    done.push(key);
    None
}

/// The length of the text, in characters as Step Functions counts them (bytes bound it).
fn length(parts: &[Part]) -> usize {
    parts.iter().map(|part| part.text.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::deploy::Piece;

    fn values(pairs: &[(&str, &str)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(key, text)| ((*key).to_owned(), Value::literal((*text).to_owned())))
            .collect()
    }

    fn text(text: &str) -> Vec<Part> {
        vec![Part::definition(text.to_owned(), Rc::from(""), 0)]
    }

    fn written(parts: &[Part]) -> String {
        parts.iter().map(|part| part.text.as_str()).collect()
    }

    #[test]
    fn values_are_written_into_until_nothing_changes() {
        let values = values(&[
            ("Outer", "prefix-${Inner}"),
            ("Inner", "in-${Last}"),
            ("Last", "z"),
        ]);
        let parts = replace(text("a ${Outer} b ${C} ${${Last}}"), &values).expect("written");
        assert_eq!(written(&parts), "a prefix-in-z b ${C} ${z}");
        // Each part says which key's value wrote it.
        let from: Vec<(&str, Option<&str>)> = parts
            .iter()
            .map(|part| (part.text.as_str(), part.key.as_deref()))
            .collect();
        assert!(from.contains(&("prefix-", Some("Outer"))));
        assert!(from.contains(&("z", Some("Last"))));
    }

    #[test]
    fn keys_that_name_each_other_are_a_cycle() {
        let own = values(&[("A", "x${A}")]);
        assert_eq!(
            replace(text("${A}"), &own).unwrap_err(),
            Endless::Cycle(vec!["A".to_owned()])
        );
        let pair = values(&[("A", "${B}"), ("B", "y${A}"), ("C", "c")]);
        assert_eq!(
            replace(text("${C} ${B}"), &pair).unwrap_err(),
            Endless::Cycle(vec!["B".to_owned(), "A".to_owned()])
        );
        // A cycle the text never reaches is never written.
        assert_eq!(
            written(&replace(text("${C}"), &pair).expect("written")),
            "c"
        );
    }

    #[test]
    fn what_only_the_deployment_knows_is_never_read_again() {
        let mut values = values(&[("Orders.Arn", "from-key")]);
        values.insert(
            "Fn".to_owned(),
            Value {
                pieces: vec![
                    Piece {
                        text: "${Orders.Arn}".to_owned(),
                        resolved: true,
                    },
                    Piece {
                        text: ":${Orders.Arn}".to_owned(),
                        resolved: false,
                    },
                ],
            },
        );
        let parts = replace(text("${Fn}"), &values).expect("written");
        assert_eq!(written(&parts), "${Orders.Arn}:from-key");
    }

    #[test]
    fn a_text_that_doubles_at_each_step_is_stopped() {
        let pairs: Vec<(String, String)> = (0..40)
            .map(|index| {
                (
                    format!("K{index}"),
                    format!("${{K{}}}${{K{}}}", index + 1, index + 1),
                )
            })
            .collect();
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .collect();
        assert_eq!(
            replace(text("${K0}"), &values(&pairs)).unwrap_err(),
            Endless::TooLong
        );
    }
}
