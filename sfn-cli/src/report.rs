//! Validation reports as text (each problem drawn against its source lines) and as JSON.

use std::borrow::Cow;
use std::fmt;
use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use sfn_dsl::validate::{Diagnostic, Report, Severity};

/// Whether to color what goes to standard error.
pub(crate) fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && !no_color(std::env::var_os("NO_COLOR").as_deref())
}

/// Whether to color what goes to standard output.
pub(crate) fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && !no_color(std::env::var_os("NO_COLOR").as_deref())
}

/// Whether the value of `NO_COLOR` turns colors off: only when it is set and not empty, as
/// no-color.org says (`NO_COLOR=` in a script leaves them on).
fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty())
}

/// One diagnostic as a miette report.
struct Problem<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a CharColumns,
}

/// U+FEFF opening a text: a byte order mark, which editors do not show as a column.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// The source text, whose span contents give columns in characters, as the JSON and GitHub
/// formats do (miette counts bytes, so `é` or `日` before a problem would shift the column
/// of the `[file:line:column]` header, and count a byte order mark).
struct CharColumns(NamedSource<Cow<'static, str>>);

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .0
            .read_span(span, context_lines_before, context_lines_after)?;
        if context_lines_before > 0 {
            // The contents start at a line start: their column is 0 in any unit.
            return Ok(contents);
        }
        let text: &str = self.0.inner();
        let start = span.offset();
        let line_start = text
            .get(..start)
            .and_then(|before| before.rfind(['\n', '\r']))
            .map_or(0, |newline| newline + 1);
        // A byte order mark opening the text is no column, as in the JSON report.
        let column = text
            .get(line_start..start)
            .map(|prefix| match line_start {
                0 => prefix.strip_prefix(BYTE_ORDER_MARK).unwrap_or(prefix),
                _ => prefix,
            })
            .map_or(contents.column(), |prefix| prefix.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.0.name().to_owned(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

impl fmt::Debug for Problem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Problem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Problem<'_> {}

impl miette::Diagnostic for Problem<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .hint
            .as_ref()
            .map(|hint| Box::new(hint) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.diagnostic
            .span
            .map(|_| self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.span?;
        // Long values (a whole state) are marked by their first character only.
        let length = if span.end - span.start > 80 {
            1
        } else {
            span.end - span.start
        };
        let label = if self.diagnostic.pointer.is_empty() {
            "here".to_owned()
        } else {
            self.diagnostic.pointer.clone()
        };
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(label),
            SourceSpan::new(span.start.into(), length),
        ))))
    }
}

/// The last column at which a problem is drawn against its line. miette pads the marks out
/// to their column with a formatting width, which Rust caps at 65,535 (and panics beyond),
/// and a character takes up to 4 display columns (a tab); so a problem further right on a
/// long line (a minified definition) is told on one line, with its line and column.
const DRAWN_COLUMNS: usize = 16_000;

/// The report of one file as text: each diagnostic with the source lines around it, then a
/// summary line. `text` is borrowed for the rest of the process or taken by value, either
/// way without copying a large file.
pub(crate) fn render_text(
    name: &str,
    text: Cow<'static, str>,
    report: &Report,
    color: bool,
) -> String {
    render_text_titled(name, name, text, report, WarningPolicy::Allow, color)
}

/// As [`render_text`], for the text of file `name` with a summary line about `title`
/// (`template.yaml#Orders`, for one state machine of a template) that says whether
/// `policy` finds it valid.
pub(crate) fn render_text_titled(
    name: &str,
    title: &str,
    text: Cow<'static, str>,
    report: &Report,
    policy: WarningPolicy,
    color: bool,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        // Lines break at spaces only: messages quote paths and expressions (`$$.Task.Token`,
        // `{% $states.input %}`) that Unicode line breaking would split inside.
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_context_lines(1);
    let mut out = String::new();
    if report.diagnostics().is_empty() {
        out.push_str(&summary(title, 0, 0, policy));
        out.push('\n');
        return out;
    }
    let source = CharColumns(NamedSource::new(name, text));
    for diagnostic in report.diagnostics() {
        let problem = Problem {
            diagnostic,
            source: &source,
        };
        let drawable = diagnostic
            .column
            .is_none_or(|column| column <= DRAWN_COLUMNS);
        if !drawable || handler.render_report(&mut out, &problem).is_err() {
            out.push_str(&diagnostic.to_string());
            out.push('\n');
        }
        out.push('\n');
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    out.push_str(&summary(title, errors, warnings, policy));
    out.push('\n');
    out
}

/// Whether warnings make a file invalid (`sfn validate --deny-warnings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WarningPolicy {
    /// Only errors do.
    Allow,
    /// Warnings do too.
    Deny,
}

impl WarningPolicy {
    /// Whether a file with these problems is valid; the summary line, the JSON report and
    /// the exit code all ask this.
    pub(crate) fn passes(self, errors: usize, warnings: usize) -> bool {
        errors == 0 && (self == Self::Allow || warnings == 0)
    }
}

/// The summary line of a file: `FILE: valid`, `FILE: valid, 2 warnings`, `FILE: invalid, 1
/// error, 0 warnings`, or with warnings denied `FILE: invalid, 0 errors, 2 warnings
/// (warnings denied)`.
pub(crate) fn summary(name: &str, errors: usize, warnings: usize, policy: WarningPolicy) -> String {
    let plural = |count: usize, word: &str| {
        if count == 1 {
            format!("{count} {word}")
        } else {
            format!("{count} {word}s")
        }
    };
    match (errors, warnings) {
        (0, 0) => format!("{name}: valid"),
        (0, _) if policy.passes(errors, warnings) => {
            format!("{name}: valid, {}", plural(warnings, "warning"))
        }
        // Only the warnings make it invalid: say so, or the line would contradict the exit
        // code.
        (0, _) => format!(
            "{name}: invalid, 0 errors, {} (warnings denied)",
            plural(warnings, "warning")
        ),
        _ => format!(
            "{name}: invalid, {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    }
}

/// The JSON report of `sfn validate --format json` (format version 1).
#[derive(Debug, Serialize)]
pub(crate) struct JsonReport<'a> {
    /// The format version, 1.
    pub(crate) version: u32,
    /// Whether every file is valid.
    pub(crate) valid: bool,
    /// The errors of all files.
    pub(crate) errors: usize,
    /// The warnings of all files.
    pub(crate) warnings: usize,
    /// One entry per file, in argument order.
    pub(crate) files: Vec<JsonFile<'a>>,
}

/// One file of a [`JsonReport`].
#[derive(Debug, Serialize)]
pub(crate) struct JsonFile<'a> {
    pub(crate) file: String,
    pub(crate) valid: bool,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    /// For a state machine of a template: the template (when `file` is the definition
    /// file its `DefinitionUri` names, else `file` itself). Left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) template: Option<String>,
    /// For a state machine of a template: its logical id. Left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) resource: Option<String>,
    /// Why nothing was validated (a definition in S3, a template without state machines).
    /// Left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
    /// `null` when the file was read, the reason otherwise.
    pub(crate) io_error: Option<String>,
    pub(crate) diagnostics: &'a [Diagnostic],
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::no_color;

    /// no-color.org: "when present and not an empty string"; an empty `NO_COLOR` is not set.
    #[test]
    fn only_a_non_empty_no_color_turns_colors_off() {
        assert!(!no_color(None));
        assert!(!no_color(Some(OsStr::new(""))));
        assert!(no_color(Some(OsStr::new("1"))));
        assert!(no_color(Some(OsStr::new("0"))));
    }
}
