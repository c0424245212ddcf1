//! Validating YAML definitions: the JSON they stand for is validated, and every problem is
//! moved to its place in the YAML.

use super::code::Code;
use super::diagnostic::{Anchor, Diagnostic, Report};
use super::{Options, parse_report, validate_str_with};
use crate::source::{Yaml11Reading, YamlDocument};

/// Reads and validates a YAML definition (SAM's `.asl.yaml`) with the default
/// [`Options`]; see [`validate_yaml_str_with`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{validate_yaml_str, Code};
///
/// let yaml = "\
/// StartAt: Charge
/// States:
///   Charge:
///     Type: Task
///     Resource: arn:aws:states:::lambda:invoke
///     Arguments:
///       FunctionName: charge
///     Next: Shipp
///   Ship:
///     Type: Succeed
/// ";
/// let report = validate_yaml_str(yaml);
/// let problem = report.errors().find(|d| d.code == Code::UnknownTarget).expect("reported");
/// assert_eq!(problem.pointer, "/States/Charge/Next");
/// assert_eq!((problem.line, problem.column), (Some(8), Some(11)));
/// assert_eq!(problem.hint.as_deref(), Some("did you mean `Ship`?"));
/// ```
#[must_use]
pub fn validate_yaml_str(text: &str) -> Report {
    validate_yaml_str_with(text, &Options::default())
}

/// Reads and validates a YAML definition: YAML problems (syntax, several documents, tags
/// such as `!Ref`, repeated keys) are diagnostics, and the JSON the YAML stands for is
/// validated like [`validate_str_with`] does, with every diagnostic's span, line and
/// column in the YAML text. The JSON pointers are the same as for the JSON form.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Code, Options, WorkflowType, validate_yaml_str_with};
///
/// let yaml = "StartAt: Approve
/// States:
///   Approve:
///     Type: Task
///     Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
///     Parameters: {QueueUrl: q, MessageBody.$: $$.Task.Token}
///     End: true
/// ";
/// let report = validate_yaml_str_with(yaml, &Options::new().workflow_type(WorkflowType::Express));
/// let Some(problem) = report.errors().next() else { panic!("no callbacks in Express") };
/// assert_eq!((problem.code, problem.line), (Code::UnsupportedByWorkflowType, Some(5)));
/// ```
#[must_use]
pub fn validate_yaml_str_with(text: &str, options: &Options) -> Report {
    let document = match YamlDocument::parse(text) {
        Ok(document) => document,
        Err(error) => return parse_report(&error),
    };
    let mut report = validate_str_with(document.json(), options);
    // A placeholder written as a plain scalar (`Seconds: ${Delay}`) is a number once the
    // deployment replaces its text; only a quoted one stays a string.
    report.diagnostics.retain(|diagnostic| {
        diagnostic.code != Code::QuotedPlaceholder || is_quoted(&document, &diagnostic.pointer)
    });
    for diagnostic in &mut report.diagnostics {
        if diagnostic.code == Code::QuotedPlaceholder {
            diagnostic.hint = Some(plain_scalar_hint(&document, diagnostic));
        }
        relocate(&document, diagnostic);
    }
    for reading in document.yaml_1_1_readings() {
        let diagnostic = yaml_1_1_warning(&document, reading, SAM_LOADER);
        if !options.allows(&diagnostic) {
            report.diagnostics.push(diagnostic);
        }
    }
    report
        .diagnostics
        .sort_by_key(|diagnostic| diagnostic.span.map_or(0, |span| span.start));
    report
}

/// Whether the scalar at `pointer` is written in quotes (or as a block scalar): anything
/// but a plain scalar, which the deployment's text replacement turns into a number.
fn is_quoted(document: &YamlDocument, pointer: &str) -> bool {
    !document.is_plain_scalar(pointer)
}

/// The hint of a `quoted-placeholder` warning in YAML (still placed in its JSON): the
/// quotes are what make it a string.
fn plain_scalar_hint(document: &YamlDocument, diagnostic: &Diagnostic) -> String {
    let placeholder = diagnostic
        .span
        .and_then(|span| document.json().get(span.start..span.end))
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
        .unwrap_or_else(|| "${Name}".to_owned());
    let field = diagnostic.pointer.rsplit('/').next().unwrap_or_default();
    format!(
        "leave out the quotes: as a plain scalar (`{field}: {}`), the value written in is read as a number",
        crate::shorten::shorten(&placeholder, 80)
    )
}

/// Who reads a definition file as YAML 1.1, as the warning says it.
const SAM_LOADER: &str =
    "YAML 1.1 loaders such as the SAM transform (which reads `DefinitionUri` files) read";

/// Who reads a template as YAML 1.1 (AWS's "Template formats" page: YAML 1.1, without
/// aliases and hash merges).
pub(super) const CLOUDFORMATION_LOADER: &str =
    "CloudFormation, which reads templates as YAML 1.1, reads";

/// The warning for a plain scalar YAML 1.1 loaders read otherwise; `loader` says who
/// (a phrase ending in its verb).
pub(super) fn yaml_1_1_warning(
    document: &YamlDocument,
    reading: &Yaml11Reading,
    loader: &str,
) -> Diagnostic {
    let what = if reading.key { "the key" } else { "the value" };
    let mut diagnostic = Diagnostic::new(
        Code::Yaml11Reading,
        reading.pointer.clone(),
        format!(
            "{what} `{}` is {} in YAML 1.2, but {loader} it as {}",
            crate::shorten::shorten(&reading.text, 80),
            crate::shorten::shorten(&reading.read_as, 80),
            reading.reading
        ),
    )
    .with_hint(format!(
        "quote it (`\"{}\"`) if it is a string; write numbers in decimal, without a leading zero, `_` or `:`",
        crate::shorten::shorten(&reading.text, 80)
    ));
    let position = document.line_column(reading.span.start);
    diagnostic.span = Some(reading.span);
    diagnostic.line = Some(position.line);
    diagnostic.column = Some(position.column);
    diagnostic.state = super::diagnostic::state_of_pointer(&reading.pointer);
    diagnostic
}

/// Moves a diagnostic found in the JSON text to the YAML.
fn relocate(document: &YamlDocument, diagnostic: &mut Diagnostic) {
    let pointer = diagnostic.pointer.as_str();
    let inside = diagnostic
        .inner_offset
        .and_then(|offset| document.locate_inside(pointer, offset));
    // Problems with a field itself (unknown, repeated) are shown at its key.
    let key = diagnostic.anchor == Anchor::Key
        || matches!(diagnostic.code, Code::UnknownField | Code::DuplicateKey);
    let span = inside.unwrap_or_else(|| document.nearest(pointer, key));
    let position = document.line_column(span.start);
    diagnostic.span = Some(span);
    diagnostic.line = Some(position.line);
    diagnostic.column = Some(position.column);
}

#[cfg(test)]
mod tests {
    use super::validate_yaml_str;
    use crate::validate::Code;

    #[test]
    fn a_quoted_placeholder_in_yaml_is_told_to_leave_out_its_quotes() {
        let report = validate_yaml_str(
            "StartAt: W\nStates:\n  W:\n    Type: Wait\n    Seconds: \"${Delay}\"\n    End: true\n",
        );
        let [warning] = report.diagnostics() else {
            panic!("one warning: {report:?}")
        };
        assert_eq!(warning.code, Code::QuotedPlaceholder);
        assert_eq!(
            warning.hint.as_deref(),
            Some(
                "leave out the quotes: as a plain scalar (`Seconds: ${Delay}`), the value written in is read as a number"
            )
        );
    }
}
