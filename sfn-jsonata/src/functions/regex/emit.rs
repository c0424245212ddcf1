//! Writes a parsed JavaScript pattern in the `regex` crate's syntax, for a `bytes::Regex`
//! searching a [`Haystack`](super::haystack::Haystack).

use std::fmt::Write as _;

use super::char_set::CharSet;
use super::haystack;
use super::parse::{Assertion, Node};

/// The flags of a regex literal: JSONata allows `i` and `m`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Flags {
    pub(super) case_insensitive: bool,
    /// `^` and `$` hold at line terminators too; the haystack then has marked lines.
    pub(super) multi_line: bool,
}

/// The pattern in the `regex` crate's syntax.
pub(super) fn emit(tree: &Node, flags: Flags) -> String {
    let mut out = String::new();
    Emitter { flags }.node(tree, &mut out);
    out
}

struct Emitter {
    flags: Flags,
}

impl Emitter {
    fn node(&self, node: &Node, out: &mut String) {
        match node {
            Node::Alternation(alternatives) => {
                out.push_str("(?:");
                for (index, alternative) in alternatives.iter().enumerate() {
                    if index > 0 {
                        out.push('|');
                    }
                    self.node(alternative, out);
                }
                out.push(')');
            }
            // Concatenation binds tighter than `|`, and groups and repetitions delimit their
            // bodies, so a concatenation needs no group of its own.
            Node::Concat(terms) => {
                for term in terms {
                    self.node(term, out);
                }
            }
            Node::Class { set, negated } => self.class(set, *negated, out),
            Node::Assertion(assertion) => out.push_str(match (assertion, self.flags.multi_line) {
                (Assertion::LineStart, false) => r"\A",
                (Assertion::LineEnd, false) => r"\z",
                (Assertion::LineStart, true) => "(?m:^)",
                (Assertion::LineEnd, true) => "(?m:$)",
                // JavaScript's word characters are ASCII without the `u` flag.
                (Assertion::WordBoundary, _) => r"(?-u:\b)",
                (Assertion::NotWordBoundary, _) => r"(?-u:\B)",
            }),
            Node::Group { capture, body } => {
                out.push_str(if *capture { "(" } else { "(?:" });
                self.node(body, out);
                out.push(')');
            }
            Node::Repeat {
                body,
                min,
                max,
                greedy,
            } => {
                // A group or a class is one atom already; anything else is grouped, which
                // also keeps nesting within the crate's limit.
                let atom = matches!(**body, Node::Group { .. } | Node::Class { .. });
                if !atom {
                    out.push_str("(?:");
                }
                self.node(body, out);
                if !atom {
                    out.push(')');
                }
                let _ = match max {
                    Some(max) => write!(out, "{{{min},{max}}}"),
                    None => write!(out, "{{{min},}}"),
                };
                if !greedy {
                    out.push('?');
                }
            }
        }
    }

    /// One character from `set`, or from its complement when `negated`. Case folding is done
    /// here rather than by the crate, whose Unicode folding is not JavaScript's.
    fn class(&self, set: &CharSet, negated: bool, out: &mut String) {
        let mut set = if self.flags.case_insensitive {
            set.case_closure()
        } else {
            set.clone()
        };
        if negated {
            set = set.complement();
        }
        let mut surrogates = CharSet::new();
        surrogates.add_range(0xD800, 0xDFFF);
        let set = set.difference(&surrogates);
        if !self.flags.multi_line {
            push_class(&set, out);
            return;
        }
        out.push_str("(?:");
        push_class(&characters_in_marked_lines(&set), out);
        // The terminators in the set share one branch, their marker bytes in a class: a
        // branch for each would make a class that holds them (`[\s\S]`) twice as large
        // compiled, and halve how often it can be repeated within the size limit.
        let markers: Vec<u8> = ['\n', '\r', '\u{2028}', '\u{2029}']
            .into_iter()
            .filter(|&terminator| set.contains(u32::from(terminator)))
            .filter_map(haystack::marker)
            .collect();
        if !markers.is_empty() {
            out.push_str("|(?-u:\\x0A[");
            for marker in markers {
                let _ = write!(out, "\\x{marker:02X}");
            }
            out.push_str("]\\x0A)");
        }
        out.push(')');
    }
}

/// The class for the characters of `set` that are not line terminators, in a marked
/// haystack. Only `\n` must be left out: the other terminators never occur there as
/// themselves, so they are put in where that closes gaps (`.` is then `[^\n]`, not a class
/// with a hole inside U+2028's UTF-8), which keeps the compiled class small.
fn characters_in_marked_lines(set: &CharSet) -> CharSet {
    let without = set.difference(&CharSet::line_terminators());
    let mut with = without.clone();
    for absent in ['\r', '\u{2028}', '\u{2029}'] {
        with.add_range(u32::from(absent), u32::from(absent));
    }
    if with.ranges().len() < without.ranges().len() {
        with
    } else {
        without
    }
}

fn push_class(set: &CharSet, out: &mut String) {
    if set.is_empty() {
        out.push_str(r"[^\x{0}-\x{10FFFF}]");
        return;
    }
    out.push('[');
    for &(low, high) in set.ranges() {
        let _ = write!(out, "\\x{{{low:X}}}-\\x{{{high:X}}}");
    }
    out.push(']');
}
