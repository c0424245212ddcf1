//! CloudFormation's short-form tags, read in templates: `!Ref X` as `{"Ref": "X"}`,
//! `!Name v` as `{"Fn::Name": v}`.

use saphyr_parser::{ScalarStyle, Tag};

use super::{Converter, Tags};
use crate::source::yaml::layout::{Layout, layout};
use crate::source::yaml::scalar::json_string;
use crate::source::yaml::{Place, Problem};
use crate::source::{Span, escape_pointer_segment};

impl Converter<'_> {
    /// The key of the CloudFormation function a local tag (`!Sub`) stands for, when such
    /// tags are read.
    pub(super) fn function(&self, tag: Option<&Tag>) -> Option<String> {
        let tag = tag?;
        let local = tag.handle == "!" && !tag.suffix.is_empty() && tag.suffix != "!";
        if self.tags != Tags::CloudFormation || !local {
            return None;
        }
        Some(match tag.suffix.as_str() {
            "Ref" | "Condition" => tag.suffix.clone(),
            name => format!("Fn::{name}"),
        })
    }

    /// Opens the `{"Fn::Name":` object a function tag stands for, at the current pointer
    /// (which then points at its argument); gives the pointer length to close it at.
    pub(super) fn open_function(&mut self, function: &str, span: Span) -> usize {
        self.record(span, Layout::Unknown, false);
        self.json.push('{');
        self.json.push_str(&json_string(function));
        self.json.push(':');
        let length = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(&escape_pointer_segment(function));
        length
    }

    /// A tagged scalar read as a CloudFormation function: `!Ref X` is `{"Ref":"X"}`.
    pub(super) fn function_scalar(
        &mut self,
        function: &str,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        span: Span,
    ) -> Result<(), Problem> {
        self.begin_value(span)?;
        let start = self.json.len();
        let length = self.open_function(function, span);
        self.json.push_str(&json_string(value));
        // The argument is the scalar after its tag and the blanks that follow it.
        let argument = self
            .offsets
            .text
            .get(span.start..span.end)
            .and_then(|source| {
                let tag_end = source.find(char::is_whitespace)?;
                let blanks = source.get(tag_end..)?;
                let skipped = blanks.len() - blanks.trim_start().len();
                Some(Span::new(span.start + tag_end + skipped, span.end))
            })
            .filter(|argument| argument.start < argument.end)
            .unwrap_or(span);
        let layout = layout(self.offsets.text, argument, value, style, &mut self.lines);
        self.places.insert(
            self.pointer.clone(),
            Place {
                value: argument,
                key: None,
                layout,
                collection: false,
            },
        );
        self.pointer.truncate(length);
        self.json.push('}');
        if anchor > 0 {
            self.keep_anchor(anchor, start, span)?;
        }
        self.end_value()
    }
}
