//! Escapes and `[...]` classes: the characters a pattern names one at a time.

use super::{Atom, Node, Parser, Refusal};
use crate::functions::regex::char_set::CharSet;

impl Parser {
    /// `\uD83D\uDE00` after `\u`: JavaScript matches the two units in turn, which is the one
    /// character they encode.
    pub(super) fn surrogate_pair(&mut self) -> Option<u32> {
        let start = self.position;
        let high = self.hex(4).filter(|unit| (0xD800..0xDC00).contains(unit));
        let pair = high.and_then(|high| {
            (self.eat('\\') && self.eat('u'))
                .then(|| self.hex(4))
                .flatten()
                .filter(|low| (0xDC00..0xE000).contains(low))
                .map(|low| 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        });
        if pair.is_none() {
            self.position = start;
        }
        pair
    }

    /// The character or set an escape names, after its backslash and letter `ch`.
    pub(super) fn escape(&mut self, ch: char, in_class: bool) -> Result<Atom, Refusal> {
        let unit = match ch {
            'd' => return Ok(Atom::Set(CharSet::digit())),
            'D' => return Ok(Atom::Set(CharSet::digit().complement())),
            's' => return Ok(Atom::Set(CharSet::space())),
            'S' => return Ok(Atom::Set(CharSet::space().complement())),
            'w' => return Ok(Atom::Set(CharSet::word())),
            'W' => return Ok(Atom::Set(CharSet::word().complement())),
            'b' if in_class => 0x08,
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            'v' => 0x0B,
            // The caller has checked that a control letter (or in a class, digit or `_`) follows.
            'c' => self.next().map_or(0, |letter| u32::from(letter) % 32),
            '0'..='7' => self.octal(ch),
            'x' => self.hex(2).unwrap_or(u32::from('x')),
            'u' => self.hex(4).unwrap_or(u32::from('u')),
            'k' if in_class && self.named_groups => {
                return Err(Refusal::Invalid("Invalid escape"));
            }
            // Without the `u` flag any other escaped character is itself: `\p` is `p`.
            other => u32::from(other),
        };
        Ok(Atom::Unit(unit))
    }

    /// A legacy octal escape (`\0` to `\377`) whose first digit `first` is consumed.
    fn octal(&mut self, first: char) -> u32 {
        let mut value = first.to_digit(8).unwrap_or(0);
        let digits = if value <= 3 { 3 } else { 2 };
        for _ in 1..digits {
            match self.peek().and_then(|ch| ch.to_digit(8)) {
                Some(digit) => {
                    value = value * 8 + digit;
                    self.position += 1;
                }
                None => break,
            }
        }
        value
    }

    /// Exactly `count` hex digits, consumed only when all are there.
    pub(super) fn hex(&mut self, count: usize) -> Option<u32> {
        let mut value = 0;
        for ahead in 0..count {
            value = value * 16 + self.peek_at(ahead)?.to_digit(16)?;
        }
        self.position += count;
        Some(value)
    }

    /// A `[...]` class after its `[`.
    pub(super) fn class(&mut self) -> Result<Node, Refusal> {
        let negated = self.eat('^');
        let mut set = CharSet::new();
        loop {
            match self.peek() {
                None => return Err(Refusal::Invalid("Unterminated character class")),
                Some(']') => {
                    self.position += 1;
                    break;
                }
                Some(_) => {}
            }
            let first = self.class_atom()?;
            if self.peek() != Some('-') || matches!(self.peek_at(1), None | Some(']')) {
                set.add_set(&first.into_set());
                continue;
            }
            self.position += 1;
            match (first, self.class_atom()?) {
                (Atom::Unit(low), Atom::Unit(high)) => {
                    if low > high {
                        return Err(Refusal::Invalid("Range out of order in character class"));
                    }
                    set.add_range(low, high);
                }
                // Annex B: a range with a class escape at either end is both ends and a `-`.
                (first, last) => {
                    set.add_set(&first.into_set());
                    set.add_set(&last.into_set());
                    set.add_range(u32::from('-'), u32::from('-'));
                }
            }
        }
        Ok(Node::Class { set, negated })
    }

    fn class_atom(&mut self) -> Result<Atom, Refusal> {
        match self.next() {
            None => Err(Refusal::Invalid("Unterminated character class")),
            Some('\\') => match self.next() {
                None => Err(Refusal::Invalid("\\ at end of pattern")),
                Some('c')
                    if !self
                        .peek()
                        .is_some_and(|next| next.is_ascii_alphanumeric() || next == '_') =>
                {
                    // Annex B: a backslash, and the `c` is the next atom.
                    self.position -= 1;
                    Ok(Atom::Unit(u32::from('\\')))
                }
                Some(escaped) => self.escape(escaped, true),
            },
            Some(ch) => Ok(Atom::Unit(u32::from(ch))),
        }
    }
}
