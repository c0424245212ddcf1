//! Validation reports as GitHub Actions workflow commands, which GitHub shows as
//! annotations on the lines of a pull request's diff.

use std::fmt::Write as _;

use sfn_dsl::validate::{Report, Severity};

use crate::report::{WarningPolicy, summary};

/// One `::error` or `::warning` command per diagnostic (with its file, line, column and
/// code), then the summary line.
///
/// `name` is the file the problems are in, `title` what the summary line names (the file,
/// or `template.yaml#Orders` for one state machine of a template); the summary line says
/// whether `policy` finds it valid.
pub(crate) fn render(name: &str, title: &str, report: &Report, policy: WarningPolicy) -> String {
    let mut out = String::new();
    for diagnostic in report.diagnostics() {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!("file={}", property(name))];
        if let Some(line) = diagnostic.line {
            properties.push(format!("line={line}"));
        }
        if let Some(column) = diagnostic.column {
            properties.push(format!("col={column}"));
        }
        properties.push(format!("title={}", property(diagnostic.code.as_str())));
        // A problem of the whole document (invalid JSON after the value) has no pointer.
        let mut message = if diagnostic.pointer.is_empty() {
            diagnostic.message.clone()
        } else {
            format!("{} ({})", diagnostic.message, diagnostic.pointer)
        };
        if let Some(hint) = &diagnostic.hint {
            message.push_str("\nhelp: ");
            message.push_str(hint);
        }
        // Writing to a `String` cannot fail.
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            data(&message)
        );
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    out.push_str(&summary(title, errors, warnings, policy));
    out.push('\n');
    out
}

/// The command for a file that could not be read.
pub(crate) fn unreadable(name: &str, message: &str) -> String {
    format!("::error file={}::{}\n", property(name), data(message))
}

/// A command's message: `%`, carriage returns and line feeds escaped, as GitHub reads them.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as [`data`], and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property, render};
    use crate::report::WarningPolicy;

    #[test]
    fn messages_and_properties_are_escaped_as_github_reads_them() {
        assert_eq!(data("100% sure\r\nnext: a,b"), "100%25 sure%0D%0Anext: a,b");
        assert_eq!(property("dir,x/a:b.json"), "dir%2Cx/a%3Ab.json");
    }

    #[test]
    fn a_problem_of_the_whole_document_has_no_empty_pointer() {
        let report = sfn_dsl::validate::validate_str(r#"{"StartAt": "A"} x"#);
        let out = render("m.json", "m.json", &report, WarningPolicy::Allow);
        let first = out.lines().next().unwrap_or_default();
        assert!(
            first.ends_with("expected the end of the document after the top-level value"),
            "{out}"
        );
    }
}
