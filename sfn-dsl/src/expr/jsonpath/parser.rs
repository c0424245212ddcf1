//! The recursive-descent parser of paths; filters are parsed by `filter.rs` with the same
//! cursor.

use super::{Function, Path, Root, Segment, Selector, Slice, filter};
use crate::expr::{Cursor, SyntaxError, describe};
use crate::suggest;

/// How deeply filters may nest paths that hold filters, to keep recursion bounded.
const MAX_DEPTH: usize = 32;

pub(super) fn parse_path(text: &str) -> Result<Path, SyntaxError> {
    parse_with_offsets(text).map(|(path, _)| path)
}

pub(super) fn parse_reference_path(text: &str) -> Result<Path, SyntaxError> {
    let (path, offsets) = parse_with_offsets(text)?;
    let offending = path.segments.iter().zip(&offsets).find(|(segment, _)| {
        !matches!(
            segment,
            Segment::Child(Selector::Name(_) | Selector::Index(_))
        )
    });
    match offending {
        Some((segment, offset)) => Err(SyntaxError::new(
            *offset,
            format!(
                "a reference path selects a single node, but {} can select several",
                describe_segment(segment)
            ),
        )
        .with_hint("use only member names and single indexes, as in $.items[0].id")),
        None => Ok(path),
    }
}

fn describe_segment(segment: &Segment) -> &'static str {
    match segment {
        Segment::Descendant(_) => "a descendant step `..`",
        Segment::Function(_) => "a function call",
        Segment::Child(selector) => match selector {
            Selector::Names(_) => "a union of names",
            Selector::Wildcard => "a wildcard",
            Selector::Indexes(_) => "a union of indexes",
            Selector::Slice(_) => "a slice",
            Selector::Filter(_) => "a filter",
            Selector::Name(_) | Selector::Index(_) => "this step",
        },
    }
}

fn parse_with_offsets(text: &str) -> Result<(Path, Vec<usize>), SyntaxError> {
    // Jayway trims the path text; leading whitespace is still reported below because a
    // value with it is not recognised as a path in the first place.
    let mut cursor = Cursor::new(text.trim_end());
    let root = parse_root(&mut cursor)?;
    let mut parser = PathParser {
        cursor,
        depth: 0,
        stop: Stop::End,
    };
    let (segments, offsets) = parser.segments()?;
    if !parser.cursor.is_at_end() {
        return Err(unexpected(&parser.cursor, "`.` or `[`"));
    }
    Ok((Path { root, segments }, offsets))
}

fn parse_root(cursor: &mut Cursor<'_>) -> Result<Root, SyntaxError> {
    if cursor.peek().is_some_and(char::is_whitespace) {
        return Err(SyntaxError::new(0, "a path cannot start with whitespace")
            .with_hint("remove the leading whitespace"));
    }
    if !cursor.eat('$') {
        let error = SyntaxError::new(0, "a path must start with `$`");
        return Err(if cursor.peek().is_some_and(is_name_start) {
            error.with_hint(format!("write $.{}", cursor.text()))
        } else {
            error
        });
    }
    if cursor.eat('$') {
        return Ok(Root::Context);
    }
    let name = cursor.take_while(is_variable_char);
    if name.is_empty() {
        Ok(Root::Input)
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        Err(SyntaxError::new(
            1,
            "a variable name cannot start with a digit",
        ))
    } else if let Some(first) = name.chars().next()
        && !crate::validate::is_variable_start(first)
    {
        Err(SyntaxError::new(
            1,
            format!("a variable name cannot start with {first:?}"),
        ))
    } else {
        Ok(Root::Variable(name.to_owned()))
    }
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// A character of a variable name after `$`: the rule `Assign` names follow (Unicode
/// identifier characters), so every variable that can be set can be read.
pub(super) fn is_variable_char(c: char) -> bool {
    crate::validate::is_variable_char(c)
}

/// What ends a path embedded in a larger text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stop {
    /// The path is the whole text.
    End,
    /// The path sits inside a filter: it ends before whitespace, an operator or `)`.
    Filter,
}

#[derive(Debug)]
pub(super) struct PathParser<'a> {
    pub(super) cursor: Cursor<'a>,
    pub(super) depth: usize,
    pub(super) stop: Stop,
}

pub(super) fn unexpected(cursor: &Cursor<'_>, expected: &str) -> SyntaxError {
    SyntaxError::new(
        cursor.position(),
        format!("expected {expected}, found {}", describe(cursor.peek())),
    )
}

impl<'a> PathParser<'a> {
    pub(super) fn nested(&self, cursor: Cursor<'a>, stop: Stop) -> Result<Self, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(SyntaxError::new(
                cursor.position(),
                format!("filters nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(Self {
            cursor,
            depth: self.depth + 1,
            stop,
        })
    }

    fn at_stop(&self) -> bool {
        match self.cursor.peek() {
            None => true,
            Some(c) => {
                self.stop == Stop::Filter
                    && (c.is_whitespace() || matches!(c, ')' | '=' | '!' | '<' | '>' | '&' | '|'))
            }
        }
    }

    /// Reads steps until the end of the path.
    pub(super) fn segments(&mut self) -> Result<(Vec<Segment>, Vec<usize>), SyntaxError> {
        let mut segments = Vec::new();
        let mut offsets = Vec::new();
        while !self.at_stop() {
            let start = self.cursor.position();
            if matches!(segments.last(), Some(Segment::Function(_))) {
                return Err(SyntaxError::new(
                    start,
                    "a function call must be the last step of a path",
                ));
            }
            let segment = self.segment()?;
            segments.push(segment);
            offsets.push(start);
        }
        Ok((segments, offsets))
    }

    fn segment(&mut self) -> Result<Segment, SyntaxError> {
        let start = self.cursor.position();
        if self.cursor.eat_str("..") {
            if self.cursor.peek() == Some('.') {
                return Err(SyntaxError::new(
                    self.cursor.position(),
                    "`...` is not valid; use `..` for descendants",
                ));
            }
            return self.descendant(start);
        }
        if self.cursor.eat('.') {
            return match self.cursor.peek() {
                None => Err(SyntaxError::new(start, "a path cannot end with `.`")),
                // Jayway accepts `$.[0]` and `$.['a']` as `$[0]` and `$['a']`.
                Some('[') => {
                    self.cursor.bump();
                    self.bracket().map(Segment::Child)
                }
                Some('*') => {
                    self.cursor.bump();
                    Ok(Segment::Child(Selector::Wildcard))
                }
                Some(_) => self.dot_name(),
            };
        }
        if self.cursor.eat('[') {
            return self.bracket().map(Segment::Child);
        }
        Err(unexpected(&self.cursor, "`.` or `[`"))
    }

    fn descendant(&mut self, start: usize) -> Result<Segment, SyntaxError> {
        match self.cursor.peek() {
            None => Err(SyntaxError::new(start, "a path cannot end with `..`")),
            Some('[') => {
                self.cursor.bump();
                self.bracket().map(Segment::Descendant)
            }
            Some('*') => {
                self.cursor.bump();
                Ok(Segment::Descendant(Selector::Wildcard))
            }
            Some(_) => match self.dot_name()? {
                Segment::Child(selector) => Ok(Segment::Descendant(selector)),
                Segment::Function(_) | Segment::Descendant(_) => {
                    Err(SyntaxError::new(start, "a function cannot follow `..`"))
                }
            },
        }
    }

    /// A member name after `.`, with `\` escaping the next character; or a function call.
    fn dot_name(&mut self) -> Result<Segment, SyntaxError> {
        let start = self.cursor.position();
        let mut name = String::new();
        loop {
            match self.cursor.peek() {
                None | Some('.' | '[') => break,
                Some('(') => return self.function(start, &name),
                Some('\\') => {
                    self.cursor.bump();
                    match self.cursor.bump() {
                        Some(escaped) => name.push(escaped),
                        None => {
                            return Err(SyntaxError::new(
                                self.cursor.position() - 1,
                                "a path cannot end with a lone `\\`",
                            ));
                        }
                    }
                }
                Some(_) if self.stop == Stop::Filter && self.at_stop() => break,
                Some(c) if c.is_whitespace() => {
                    let rest = self.cursor.rest();
                    let rest = &rest[..rest.find(['.', '[']).unwrap_or(rest.len())];
                    return Err(SyntaxError::new(
                        self.cursor.position(),
                        "a property name cannot contain whitespace",
                    )
                    .with_hint(format!(
                        "use bracket notation: ['{name}{}']",
                        rest.trim_end()
                    )));
                }
                Some(c @ (']' | ')' | '\'' | '"')) => {
                    return Err(SyntaxError::new(
                        self.cursor.position(),
                        format!("unexpected `{c}` in a property name"),
                    )
                    .with_hint(format!("escape it as `\\{c}` or use bracket notation")));
                }
                Some(c) => {
                    self.cursor.bump();
                    name.push(c);
                }
            }
        }
        if name.is_empty() {
            return Err(unexpected(&self.cursor, "a property name after `.`"));
        }
        Ok(Segment::Child(Selector::Name(name)))
    }

    fn function(&mut self, start: usize, name: &str) -> Result<Segment, SyntaxError> {
        let Some(function) = Function::from_name(name) else {
            let error = SyntaxError::new(start, format!("unknown path function `{name}()`"));
            let names = Function::ALL.map(Function::name);
            return Err(match suggest::closest(name, names) {
                Some(candidate) => error.with_hint(format!("did you mean `{candidate}()`?")),
                None => error.with_hint(format!("known functions: {}()", names.join("(), "))),
            });
        };
        self.cursor.bump();
        self.cursor.skip_whitespace();
        if !self.cursor.eat(')') {
            return Err(SyntaxError::new(
                self.cursor.position(),
                format!("the path function `{name}()` takes no arguments"),
            ));
        }
        Ok(Segment::Function(function))
    }

    /// The inside of `[…]`, after the `[`.
    fn bracket(&mut self) -> Result<Selector, SyntaxError> {
        self.cursor.skip_whitespace();
        let selector = match self.cursor.peek() {
            Some('\'' | '"') => self.quoted_names()?,
            Some('*') => {
                self.cursor.bump();
                Selector::Wildcard
            }
            Some('?') => {
                self.cursor.bump();
                self.cursor.skip_whitespace();
                if !self.cursor.eat('(') {
                    return Err(unexpected(&self.cursor, "`(` after `?`"));
                }
                let filter = filter::parse_filter(self)?;
                self.cursor.skip_whitespace();
                if !self.cursor.eat(')') {
                    return Err(unexpected(&self.cursor, "`)` closing the filter"));
                }
                Selector::Filter(Box::new(filter))
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == ':' => self.indexes()?,
            Some(c) if is_name_start(c) => {
                let start = self.cursor.position();
                let word = self.cursor.take_while(|c| c != ']' && !c.is_whitespace());
                return Err(SyntaxError::new(start, "a name in brackets must be quoted")
                    .with_hint(format!("write ['{word}']")));
            }
            _ => {
                return Err(unexpected(
                    &self.cursor,
                    "a quoted name, an index, a slice, `*` or a filter `?(…)`",
                ));
            }
        };
        self.cursor.skip_whitespace();
        if !self.cursor.eat(']') {
            return Err(unexpected(&self.cursor, "`]`"));
        }
        Ok(selector)
    }

    /// `'a'` or `'a', "b"`. A backslash keeps the next character from closing the name; the
    /// text between the quotes is taken as written, backslashes included, as AWS does (a key
    /// `Test\"Name` is reached by `$['Test\"Name']`).
    fn quoted_names(&mut self) -> Result<Selector, SyntaxError> {
        let mut names = Vec::new();
        loop {
            let open = self.cursor.position();
            let Some(quote) = self.cursor.bump() else {
                return Err(unexpected(&self.cursor, "a quoted name"));
            };
            if quote != '\'' && quote != '"' {
                return Err(SyntaxError::new(
                    open,
                    format!("expected a quoted name, found {}", describe(Some(quote))),
                ));
            }
            let start = self.cursor.position();
            loop {
                match self.cursor.bump() {
                    None => {
                        return Err(SyntaxError::new(
                            open,
                            format!("the name opened here is never closed with {quote}"),
                        ));
                    }
                    Some('\\') => {
                        self.cursor.bump();
                    }
                    Some(c) if c == quote => break,
                    Some(_) => {}
                }
            }
            let end = self.cursor.position() - 1;
            names.push(
                self.cursor
                    .text()
                    .get(start..end)
                    .unwrap_or_default()
                    .to_owned(),
            );
            self.cursor.skip_whitespace();
            if self.cursor.eat(',') {
                self.cursor.skip_whitespace();
                continue;
            }
            break;
        }
        Ok(if names.len() == 1 {
            Selector::Name(names.remove(0))
        } else {
            Selector::Names(names)
        })
    }

    /// `0`, `-1`, `0, 2`, `1:3`, `:2`, `-2:`.
    fn indexes(&mut self) -> Result<Selector, SyntaxError> {
        let first = self.optional_integer()?;
        self.cursor.skip_whitespace();
        if self.cursor.eat(':') {
            self.cursor.skip_whitespace();
            let end = self.optional_integer()?;
            self.cursor.skip_whitespace();
            if self.cursor.peek() == Some(':') {
                return Err(SyntaxError::new(
                    self.cursor.position(),
                    "slices with a step are not supported",
                )
                .with_hint("AWS (Jayway) slices take [start:end] only"));
            }
            if first.is_none() && end.is_none() {
                return Err(SyntaxError::new(
                    self.cursor.position(),
                    "a slice needs a start or an end",
                )
                .with_hint("use [*] for every element"));
            }
            return Ok(Selector::Slice(Slice { start: first, end }));
        }
        let Some(first) = first else {
            return Err(unexpected(&self.cursor, "an index"));
        };
        let mut indexes = vec![first];
        while self.cursor.eat(',') {
            self.cursor.skip_whitespace();
            match self.optional_integer()? {
                Some(index) => indexes.push(index),
                None => return Err(unexpected(&self.cursor, "an index after `,`")),
            }
            self.cursor.skip_whitespace();
        }
        Ok(if indexes.len() == 1 {
            Selector::Index(first)
        } else {
            Selector::Indexes(indexes)
        })
    }

    fn optional_integer(&mut self) -> Result<Option<i64>, SyntaxError> {
        let start = self.cursor.position();
        let negative = self.cursor.eat('-');
        let digits = self.cursor.take_while(|c| c.is_ascii_digit());
        if digits.is_empty() {
            if negative {
                return Err(unexpected(&self.cursor, "a digit after `-`"));
            }
            return Ok(None);
        }
        let text = self
            .cursor
            .text()
            .get(start..self.cursor.position())
            .unwrap_or_default();
        text.parse::<i64>()
            .map(Some)
            .map_err(|_| SyntaxError::new(start, format!("the index {text} is out of range")))
    }
}
