//! Parses a JavaScript regular expression as V8 reads it without the `u` flag (ECMA-262 with
//! the web-compatibility grammar of Annex B) into a tree, refusing what V8 refuses with V8's
//! reason.

mod escape;

use super::char_set::CharSet;

/// Groups nested deeper than this are refused, so parsing and matching stay within the stack.
const MAX_DEPTH: usize = 100;

/// A parsed pattern.
#[derive(Debug)]
pub(super) enum Node {
    Alternation(Vec<Node>),
    Concat(Vec<Node>),
    /// One character from a set: a literal, `.`, an escape like `\d`, or a `[...]` class.
    /// Case folding applies to `set` before `negated` does, as in JavaScript.
    Class {
        set: CharSet,
        negated: bool,
    },
    Assertion(Assertion),
    Group {
        capture: bool,
        body: Box<Node>,
    },
    Repeat {
        body: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

/// A zero-width assertion.
#[derive(Clone, Copy, Debug)]
pub(super) enum Assertion {
    /// `^`
    LineStart,
    /// `$`
    LineEnd,
    /// `\b`: between an ASCII word character and anything else.
    WordBoundary,
    /// `\B`
    NotWordBoundary,
}

/// Why a pattern is refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// JavaScript refuses it too; the reason is V8's.
    Invalid(&'static str),
    /// Valid JavaScript that the linear-time engine cannot run.
    Unsupported(&'static str),
}

const BACKREFERENCES: &str = "backreferences are not supported";
const LOOK_AROUND: &str = "look-around assertions are not supported";

/// Parses `pattern` (the text between the slashes).
pub(super) fn parse(pattern: &str) -> Result<Node, Refusal> {
    let chars: Vec<char> = pattern.chars().collect();
    let (capture_count, named_groups) = scan_groups(&chars);
    let mut parser = Parser {
        chars,
        position: 0,
        depth: 0,
        capture_count,
        named_groups,
        names: Vec::new(),
        references: Vec::new(),
        unsupported: None,
    };
    let tree = parser.disjunction()?;
    if parser.peek().is_some() {
        // The disjunction stops only at the end or at a `)` that opens no group.
        return Err(Refusal::Invalid("Unmatched ')'"));
    }
    if parser
        .references
        .iter()
        .any(|reference| !parser.names.contains(reference))
    {
        return Err(Refusal::Invalid("Invalid named capture referenced"));
    }
    match parser.unsupported {
        Some(reason) => Err(Refusal::Unsupported(reason)),
        None => Ok(tree),
    }
}

/// How many capturing groups the pattern has, and whether any is named: V8 looks ahead for
/// both, because they decide what `\2` and `\k` mean before the groups are reached.
fn scan_groups(chars: &[char]) -> (usize, bool) {
    let mut count = 0;
    let mut named = false;
    let mut in_class = false;
    let mut index = 0;
    while let Some(&ch) = chars.get(index) {
        match ch {
            '\\' => index += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if chars.get(index + 1) != Some(&'?') {
                    count += 1;
                } else if chars.get(index + 2) == Some(&'<')
                    && !matches!(chars.get(index + 3), Some('=' | '!'))
                {
                    count += 1;
                    named = true;
                }
            }
            _ => {}
        }
        index += 1;
    }
    (count, named)
}

/// One character of an escape or class: a code unit (a code point, or a lone surrogate that
/// no Rust string holds) or a set (`\d`).
enum Atom {
    Unit(u32),
    Set(CharSet),
}

impl Atom {
    fn into_set(self) -> CharSet {
        match self {
            Atom::Unit(code) => {
                let mut set = CharSet::new();
                set.add_range(code, code);
                set
            }
            Atom::Set(set) => set,
        }
    }
}

/// What a parenthesis opened.
enum Group {
    Node(Node),
    LookAhead,
    LookBehind,
}

struct Parser {
    chars: Vec<char>,
    position: usize,
    depth: usize,
    capture_count: usize,
    named_groups: bool,
    names: Vec<String>,
    references: Vec<String>,
    /// The first valid construct the engine cannot run; reported once the whole pattern has
    /// parsed, so that a pattern JavaScript refuses gets JavaScript's reason.
    unsupported: Option<&'static str>,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.position).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.position + ahead).copied()
    }

    fn next(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.position += 1;
        Some(ch)
    }

    fn eat(&mut self, expected: char) -> bool {
        let found = self.peek() == Some(expected);
        if found {
            self.position += 1;
        }
        found
    }

    fn refuse_later(&mut self, reason: &'static str) {
        self.unsupported.get_or_insert(reason);
    }

    fn disjunction(&mut self) -> Result<Node, Refusal> {
        let mut alternatives = vec![self.alternative()?];
        while self.eat('|') {
            alternatives.push(self.alternative()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alternation(alternatives)
        })
    }

    fn alternative(&mut self) -> Result<Node, Refusal> {
        let mut terms = Vec::new();
        while let Some(ch) = self.peek() {
            if ch == '|' || ch == ')' {
                break;
            }
            self.position += 1;
            terms.push(self.term(ch)?);
        }
        Ok(Node::Concat(terms))
    }

    /// A term starting with `ch` (already consumed), with its quantifier.
    fn term(&mut self, ch: char) -> Result<Node, Refusal> {
        let atom = match ch {
            '^' => return self.assertion(Assertion::LineStart),
            '$' => return self.assertion(Assertion::LineEnd),
            '\\' if self.eat('b') => return self.assertion(Assertion::WordBoundary),
            '\\' if self.eat('B') => return self.assertion(Assertion::NotWordBoundary),
            '\\' => self.atom_escape()?,
            '(' => match self.group()? {
                Group::Node(node) => node,
                // Annex B lets a look-ahead take a quantifier.
                Group::LookAhead => Node::Concat(Vec::new()),
                Group::LookBehind if self.at_quantifier() => {
                    return Err(Refusal::Invalid("Invalid quantifier"));
                }
                Group::LookBehind => return Ok(Node::Concat(Vec::new())),
            },
            '[' => self.class()?,
            '.' => Node::Class {
                set: CharSet::line_terminators(),
                negated: true,
            },
            '*' | '+' | '?' => return Err(Refusal::Invalid("Nothing to repeat")),
            '{' if self.braced_quantifier(self.position - 1).is_some() => {
                return Err(Refusal::Invalid("Nothing to repeat"));
            }
            // Annex B: `]`, `{` and `}` that cannot be anything else are literal.
            literal => literal_node(u32::from(literal)),
        };
        self.quantified(atom)
    }

    fn assertion(&mut self, assertion: Assertion) -> Result<Node, Refusal> {
        if self.at_quantifier() {
            return Err(Refusal::Invalid("Nothing to repeat"));
        }
        Ok(Node::Assertion(assertion))
    }

    fn at_quantifier(&self) -> bool {
        match self.peek() {
            Some('*' | '+' | '?') => true,
            Some('{') => self.braced_quantifier(self.position).is_some(),
            _ => false,
        }
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, Refusal> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.braced_quantifier(self.position) {
                Some((min, max, end)) => {
                    if max.is_some_and(|max| max < min) {
                        return Err(Refusal::Invalid("numbers out of order in {} quantifier"));
                    }
                    self.position = end - 1;
                    (min, max)
                }
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        self.position += 1;
        let greedy = !self.eat('?');
        Ok(Node::Repeat {
            body: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `start`: the bounds and the index after `}`.
    /// Anything else there is no quantifier, and Annex B reads its `{` as a literal.
    fn braced_quantifier(&self, start: usize) -> Option<(u32, Option<u32>, usize)> {
        let mut index = start + 1;
        let min = self.number(&mut index)?;
        let max = match self.chars.get(index) {
            Some('}') => Some(min),
            Some(',') => {
                index += 1;
                if self.chars.get(index) == Some(&'}') {
                    None
                } else {
                    Some(self.number(&mut index)?)
                }
            }
            _ => return None,
        };
        (self.chars.get(index) == Some(&'}')).then_some((min, max, index + 1))
    }

    /// Decimal digits at `index` (advanced past them); saturates, as V8 clamps.
    fn number(&self, index: &mut usize) -> Option<u32> {
        let start = *index;
        let mut value: u32 = 0;
        while let Some(digit) = self.chars.get(*index).and_then(|ch| ch.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(digit);
            *index += 1;
        }
        (*index > start).then_some(value)
    }

    fn group(&mut self) -> Result<Group, Refusal> {
        let capture = if self.eat('?') {
            match self.next() {
                Some(':') => false,
                Some('=' | '!') => {
                    self.group_body()?;
                    self.refuse_later(LOOK_AROUND);
                    return Ok(Group::LookAhead);
                }
                Some('<') if matches!(self.peek(), Some('=' | '!')) => {
                    self.position += 1;
                    self.group_body()?;
                    self.refuse_later(LOOK_AROUND);
                    return Ok(Group::LookBehind);
                }
                Some('<') => {
                    let name = self.group_name()?;
                    if self.names.contains(&name) {
                        return Err(Refusal::Invalid("Duplicate capture group name"));
                    }
                    self.names.push(name);
                    true
                }
                // `(?i)`, `(?x)`, `(?P<name>...)`: other engines' syntax.
                _ => return Err(Refusal::Invalid("Invalid group")),
            }
        } else {
            true
        };
        let body = self.group_body()?;
        Ok(Group::Node(Node::Group {
            capture,
            body: Box::new(body),
        }))
    }

    fn group_body(&mut self) -> Result<Node, Refusal> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Refusal::Unsupported("groups are nested too deeply"));
        }
        let body = self.disjunction()?;
        self.depth -= 1;
        if !self.eat(')') {
            return Err(Refusal::Invalid("Unterminated group"));
        }
        Ok(body)
    }

    /// A group name after `<`, up to and including `>`.
    fn group_name(&mut self) -> Result<String, Refusal> {
        const INVALID: Refusal = Refusal::Invalid("Invalid capture group name");
        let mut name = String::new();
        loop {
            let ch = match self.next() {
                Some('>') if !name.is_empty() => return Ok(name),
                Some('\\') if self.eat('u') => {
                    self.hex(4).and_then(char::from_u32).ok_or(INVALID)?
                }
                Some(ch) => ch,
                None => return Err(INVALID),
            };
            let valid = if name.is_empty() {
                ch.is_alphabetic() || matches!(ch, '$' | '_')
            } else {
                ch.is_alphanumeric() || matches!(ch, '$' | '_' | '\u{200C}' | '\u{200D}')
            };
            if !valid {
                return Err(INVALID);
            }
            name.push(ch);
        }
    }

    /// An escape outside a class, after its backslash (`\b` and `\B` are handled by `term`).
    fn atom_escape(&mut self) -> Result<Node, Refusal> {
        let Some(ch) = self.next() else {
            return Err(Refusal::Invalid("\\ at end of pattern"));
        };
        match ch {
            '1'..='9' => {
                let mut end = self.position - 1;
                if self
                    .number(&mut end)
                    .is_some_and(|number| number as usize <= self.capture_count)
                {
                    self.position = end;
                    self.refuse_later(BACKREFERENCES);
                    return Ok(Node::Concat(Vec::new()));
                }
                // More than there are groups: a legacy octal escape, or `8`/`9` themselves.
            }
            'k' if self.named_groups => {
                if !self.eat('<') {
                    return Err(Refusal::Invalid("Invalid named reference"));
                }
                let name = self.group_name()?;
                self.references.push(name);
                self.refuse_later(BACKREFERENCES);
                return Ok(Node::Concat(Vec::new()));
            }
            'c' if !self.peek().is_some_and(|next| next.is_ascii_alphabetic()) => {
                // Annex B: `\c` without a control letter is a backslash; `c` is read next.
                self.position -= 1;
                return Ok(literal_node(u32::from('\\')));
            }
            'u' => {
                if let Some(pair) = self.surrogate_pair() {
                    return Ok(literal_node(pair));
                }
            }
            _ => {}
        }
        Ok(Node::Class {
            set: self.escape(ch, false)?.into_set(),
            negated: false,
        })
    }
}

fn literal_node(code: u32) -> Node {
    Node::Class {
        set: Atom::Unit(code).into_set(),
        negated: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(pattern: &str) -> Option<Refusal> {
        parse(pattern).err()
    }

    /// Expected reasons are V8's (Node 20), as jsonata-js 2.0.5 reports them.
    #[test]
    fn refuses_what_javascript_refuses_with_its_reason() {
        for (pattern, reason) in [
            ("(?i)b", "Invalid group"),
            ("(?P<x>b)", "Invalid group"),
            ("a**", "Nothing to repeat"),
            ("^*", "Nothing to repeat"),
            ("{1}", "Nothing to repeat"),
            ("a{2,1}", "numbers out of order in {} quantifier"),
            ("[z-a]", "Range out of order in character class"),
            ("[a--b]", "Range out of order in character class"),
            ("(", "Unterminated group"),
            ("a)", "Unmatched ')'"),
            ("[a", "Unterminated character class"),
            ("a\\", "\\ at end of pattern"),
            ("(?<a>x)(?<a>y)", "Duplicate capture group name"),
            ("(?<a>x)\\k<y>", "Invalid named capture referenced"),
            ("(?<a>x)\\k", "Invalid named reference"),
            ("(?<1>x)", "Invalid capture group name"),
            ("(?<=a)*", "Invalid quantifier"),
            ("(?<a>.)[\\k]", "Invalid escape"),
        ] {
            assert_eq!(
                refusal(pattern),
                Some(Refusal::Invalid(reason)),
                "{pattern}"
            );
        }
    }

    #[test]
    fn refuses_valid_javascript_the_engine_cannot_run() {
        for pattern in ["(a)\\1", "(?<x>a)\\k<x>", "\\k<x>(?<x>a)"] {
            assert_eq!(refusal(pattern), Some(Refusal::Unsupported(BACKREFERENCES)));
        }
        for pattern in ["(?=a)", "(?!a)*", "(?<=a)", "(?<!a)"] {
            assert_eq!(refusal(pattern), Some(Refusal::Unsupported(LOOK_AROUND)));
        }
    }

    #[test]
    fn accepts_annex_b_syntax() {
        for pattern in [
            "a{,2}", "{", "a{", "}", "]", "\\1", "(a)\\2", "\\8", "\\c", "[\\c]", "\\k<x>",
            "\\p{L}", "[\\w-z]", "(?<é>x)", "x{1,2}?", "(?:)*", "()*",
        ] {
            assert!(parse(pattern).is_ok(), "{pattern}");
        }
    }
}
