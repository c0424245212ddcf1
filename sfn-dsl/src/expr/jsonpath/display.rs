//! Canonical text of paths: bracket notation, as Jayway prints paths in its messages
//! (`$['order']['items'][0]`).

use std::fmt;

use super::{
    Comparison, Filter, FilterPath, FilterRoot, Function, Operand, Path, Root, Segment, Selector,
    Slice,
};

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.root {
            Root::Input => f.write_str("$")?,
            Root::Context => f.write_str("$$")?,
            Root::Variable(name) => write!(f, "${name}")?,
        }
        self.segments.iter().try_for_each(|segment| segment.fmt(f))
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Child(selector) => selector.fmt(f),
            Self::Descendant(Selector::Name(name)) if quote_for(name).is_none() => {
                f.write_str("..")?;
                write_escaped(f, name)
            }
            Self::Descendant(selector) => write!(f, "..{selector}"),
            Self::Function(function) => function.fmt(f),
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ".{}()", self.name())
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name(name) => write_quoted(f, name),
            Self::Names(names) => {
                f.write_str("[")?;
                for (position, name) in names.iter().enumerate() {
                    if position > 0 {
                        f.write_str(",")?;
                    }
                    write_quoted_name(f, name)?;
                }
                f.write_str("]")
            }
            Self::Wildcard => f.write_str("[*]"),
            Self::Index(index) => write!(f, "[{index}]"),
            Self::Indexes(indexes) => {
                f.write_str("[")?;
                for (position, index) in indexes.iter().enumerate() {
                    if position > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{index}")?;
                }
                f.write_str("]")
            }
            Self::Slice(slice) => slice.fmt(f),
            Self::Filter(filter) => write!(f, "[?({filter})]"),
        }
    }
}

fn write_quoted(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    if quote_for(name).is_none() {
        f.write_str(".")?;
        return write_escaped(f, name);
    }
    f.write_str("[")?;
    write_quoted_name(f, name)?;
    f.write_str("]")
}

/// Names are printed between single quotes, or double quotes when only those keep the name
/// whole. A name neither quote can hold (one ending in a lone `\`, or holding both quotes) is
/// only printable in dot notation, so a list of names falls back to single quotes for it.
fn write_quoted_name(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    let quote = quote_for(name).unwrap_or('\'');
    write!(f, "{quote}{name}{quote}")
}

/// The quote that reads back as `name`: the parser takes quoted text as written, but a `\`
/// still hides the character after it from the closing-quote check.
fn quote_for(name: &str) -> Option<char> {
    ['\'', '"'].into_iter().find(|&quote| {
        let mut chars = name.chars();
        while let Some(c) = chars.next() {
            if c == quote || (c == '\\' && chars.next().is_none()) {
                return false;
            }
        }
        true
    })
}

/// A name after `.` or `..`, with `\` before every character that could end or change the step.
fn write_escaped(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    for c in name.chars() {
        if !(c.is_alphanumeric() || c == '_') {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    Ok(())
}

impl fmt::Display for Slice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        if let Some(start) = self.start {
            write!(f, "{start}")?;
        }
        f.write_str(":")?;
        if let Some(end) = self.end {
            write!(f, "{end}")?;
        }
        f.write_str("]")
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `&&` binds tighter than `||` and both group to the left, so a right operand of the
        // same operator, and an `||` under `&&`, need parentheses to read back as the same tree.
        match self {
            Self::Or(left, right) => {
                write!(f, "{left} || ")?;
                write_grouped(f, right, matches!(**right, Self::Or(..)))
            }
            Self::And(left, right) => {
                write_grouped(f, left, matches!(**left, Self::Or(..)))?;
                f.write_str(" && ")?;
                write_grouped(f, right, matches!(**right, Self::Or(..) | Self::And(..)))
            }
            Self::Not(inner) => write!(f, "!({inner})"),
            Self::Exists(path) => path.fmt(f),
            Self::Compare(comparison) => comparison.fmt(f),
        }
    }
}

fn write_grouped(f: &mut fmt::Formatter<'_>, filter: &Filter, grouped: bool) -> fmt::Result {
    if grouped {
        write!(f, "({filter})")
    } else {
        fmt::Display::fmt(filter, f)
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.left, self.operator.as_str(), self.right)
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => path.fmt(f),
            Self::Literal(value) => value.fmt(f),
            Self::Regex(regex) => write!(f, "/{}/{}", regex.pattern, regex.flags),
        }
    }
}

impl fmt::Display for FilterPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.root {
            FilterRoot::Current => "@",
            FilterRoot::Document => "$",
        })?;
        self.segments.iter().try_for_each(|segment| segment.fmt(f))
    }
}
