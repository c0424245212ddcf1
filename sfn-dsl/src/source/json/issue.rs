//! Syntax errors, which stop the parse, and the pointers of every issue, completed on the
//! way out of the values that hold it.

use super::{Fatal, Parser};
use crate::error::{ParseIssue, ParseIssueKind};
use crate::source::Span;

/// Puts `/segment` in front of the pointers of the issues from `first` on.
pub(super) fn prefix_pointers(issues: &mut [ParseIssue], first: usize, segment: &str) {
    for issue in issues.iter_mut().skip(first) {
        let mut pointer = String::with_capacity(segment.len() + 1 + issue.pointer.len());
        pointer.push('/');
        pointer.push_str(segment);
        pointer.push_str(&issue.pointer);
        issue.pointer = pointer;
    }
}

/// A character as a syntax error shows it: in backticks as it is when it can be seen,
/// else by its code point (`U+00A0 (a no-break space)`), since a control or invisible
/// character in backticks looks like nothing or like a plain space.
fn describe_character(character: char) -> String {
    let name = match character {
        '\t' => Some("a tab"),
        '\n' => Some("a line feed"),
        '\r' => Some("a carriage return"),
        ' ' => Some("a space"),
        '\u{a0}' => Some("a no-break space"),
        '\u{ad}' => Some("a soft hyphen"),
        '\u{200b}' => Some("a zero-width space"),
        '\u{200c}' => Some("a zero-width non-joiner"),
        '\u{200d}' => Some("a zero-width joiner"),
        '\u{2028}' => Some("a line separator"),
        '\u{2029}' => Some("a paragraph separator"),
        '\u{feff}' => Some("a byte order mark"),
        _ => None,
    };
    let invisible = character.is_control()
        || character.is_whitespace()
        || matches!(
            character,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e0fff}'
        );
    match (invisible, name) {
        (false, _) => format!("`{character}`"),
        (true, Some(name)) => format!("U+{:04X} ({name})", u32::from(character)),
        (true, None) => format!("U+{:04X}", u32::from(character)),
    }
}

impl Parser<'_> {
    pub(super) fn fail(&mut self, start: usize, end: usize, message: String) -> Fatal {
        let issue = ParseIssue::new(
            ParseIssueKind::Syntax,
            String::new(),
            Span::new(start, end),
            message,
        );
        self.issues.push(issue);
        Fatal
    }

    pub(super) fn fail_here(&mut self, expected: &str) -> Fatal {
        let start = self.position;
        match self.text.get(start..).and_then(|rest| rest.chars().next()) {
            None => self.fail(
                start,
                start,
                format!("unexpected end of input, expected {expected}"),
            ),
            Some(found) => self.fail(
                start,
                start + found.len_utf8(),
                format!(
                    "unexpected character {}, expected {expected}",
                    describe_character(found)
                ),
            ),
        }
    }
}
