//! Validating the state machines of a CloudFormation or SAM template: each definition
//! written in the template is validated, and every problem is moved to its place in the
//! template.

use super::code::Code;
use super::diagnostic::{Anchor, Diagnostic, Report};
use super::{Options, validate_str_with};
use crate::source::Span;
use crate::template::{
    DefinitionSource, InlineDefinition, Template, TemplateError, TemplateStateMachine,
};
use crate::template::{Places, Text};

pub use substitution::validate_template_substitutions;

mod dynamic;
mod quoted;
mod substitution;
mod text;
mod unresolved;

/// Validates the definition of a template's state machine with `options`, when it is in
/// the template: every diagnostic's pointer, span, line and column are the template's
/// (for a `Definition`, the pointer is the template's pointer of the value; for a
/// `DefinitionString`, the property's pointer followed by the pointer inside its JSON,
/// and the place is inside the string, or the `Fn::Join` part, that holds the problem,
/// or that string when the template does not write it character for character). A
/// resource whose definition cannot be read gives one `template-definition` error.
///
/// `None` when the definition is elsewhere ([`DefinitionSource::File`], which the caller
/// reads and validates, or [`DefinitionSource::NotLocal`]).
///
/// Allowances in `options` name definition pointers (`loop-without-wait@/States/Poll`,
/// for every state machine) or the template's, as the report prints them
/// (`loop-without-wait@/Resources/Orders/Properties/Definition/States/Poll`).
/// Placeholders are checked against the resource's `DefinitionSubstitutions` (see
/// [`Options::substitutions`]), except those the template's functions write.
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::Template;
/// use sfn_dsl::validate::{Code, Options, validate_template_machine};
///
/// let json = r#"{"Resources": {"Orders": {
///   "Type": "AWS::StepFunctions::StateMachine",
///   "Properties": {"Definition": {
///     "StartAt": "Charge",
///     "States": {
///       "Charge": {
///         "Type": "Task",
///         "Resource": {"Fn::GetAtt": ["ChargeFunction", "Arn"]},
///         "Next": "Shipp"
///       },
///       "Ship": {"Type": "Succeed"}
///     }
///   }}
/// }}}"#;
/// let template = Template::from_json(json)?;
/// let machines = template.state_machines()?;
/// let report = validate_template_machine(&template, &machines[0], &Options::default())
///     .expect("inline");
/// // `Fn::GetAtt` stands for an ARN known at deployment: it is not reported.
/// let codes: Vec<Code> = report.diagnostics().iter().map(|d| d.code).collect();
/// assert_eq!(codes, [Code::UnknownTarget]);
/// let problem = &report.diagnostics()[0];
/// assert_eq!(problem.pointer, "/Resources/Orders/Properties/Definition/States/Charge/Next");
/// assert_eq!((problem.line, problem.column), (Some(9), Some(17)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn validate_template_machine(
    template: &Template,
    machine: &TemplateStateMachine,
    options: &Options,
) -> Option<Report> {
    match &machine.definition {
        DefinitionSource::Inline(definition) => Some(validate_inline(
            template,
            machine,
            definition,
            &machine_options(machine, options),
        )),
        DefinitionSource::Invalid(error) => Some(Report::from(error.clone())),
        DefinitionSource::File { .. } | DefinitionSource::NotLocal { .. } => None,
    }
}

/// `options` with what the template says of the machine where `options` does not say it:
/// the keys of its `DefinitionSubstitutions` and its workflow type (Express machines get
/// the Express rules).
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::Template;
/// use sfn_dsl::validate::{Options, WorkflowType, machine_options};
///
/// let template = Template::from_json(r#"{"Resources": {"Fast": {
///   "Type": "AWS::Serverless::StateMachine",
///   "Properties": {"Type": "EXPRESS", "DefinitionUri": "fast.asl.json"}}}}"#)?;
/// let machines = template.state_machines()?;
/// let options = machine_options(&machines[0], &Options::new());
/// assert_eq!(options.workflow_type, Some(WorkflowType::Express));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn machine_options(machine: &TemplateStateMachine, options: &Options) -> Options {
    let mut options = options.clone();
    if let (Some(keys), None) = (&machine.substitutions, &options.substitutions) {
        options = options.substitutions(keys.iter().cloned());
    }
    if options.workflow_type.is_none() {
        options.workflow_type = machine.workflow_type;
    }
    options
}

fn validate_inline(
    template: &Template,
    machine: &TemplateStateMachine,
    definition: &InlineDefinition,
    options: &Options,
) -> Report {
    let mut report = validate_with_typed_placeholders(definition, options);
    // A placeholder the template writes unquoted (`"Seconds": ${Delay}` in a
    // `DefinitionString`) or a function's value is not a quoted string.
    report.diagnostics.retain(|diagnostic| {
        diagnostic.code != Code::QuotedPlaceholder
            || !diagnostic.span.is_some_and(|span| {
                definition
                    .deployed
                    .iter()
                    .any(|deployed| deployed.start == span.start)
            })
    });
    // The `${…}` of the template's own functions are theirs, not substitutions.
    report.diagnostics.retain(|diagnostic| {
        diagnostic.code != Code::UnknownSubstitution
            || !text::placeholder_start(definition.json(), diagnostic).is_some_and(|start| {
                definition
                    .generated
                    .iter()
                    .any(|generated| generated.start <= start && start < generated.end)
            })
    });
    for diagnostic in &mut report.diagnostics {
        if diagnostic.code == Code::QuotedPlaceholder {
            quoted::explain(machine.resource_type, definition, diagnostic);
        }
        relocate(template, definition, diagnostic);
    }
    // Inside an `Fn::Sub`, `${Name}` is CloudFormation's, which must know it.
    report
        .diagnostics
        .extend(unresolved::check(template, definition, options));
    #[cfg(feature = "yaml")]
    yaml_1_1_readings(template, definition, &mut report);
    // The values the deployment refuses, at their places in the template.
    report
        .diagnostics
        .extend(substitution::inline(template, machine));
    // Allowances may also name the template's pointers, as the report prints them.
    if !options.allowed.is_empty() {
        report
            .diagnostics
            .retain(|diagnostic| !options.allows(diagnostic));
    }
    report
        .diagnostics
        .sort_by_key(|diagnostic| diagnostic.span.map_or(0, |span| span.start));
    report
}

/// CloudFormation reads YAML templates as YAML 1.1, without aliases and hash merges: the
/// plain scalars of a definition written in the template that YAML 1.1 reads otherwise (a
/// state named `No` is `false`) get the `yaml-1-1-reading` warning, as in a
/// `DefinitionUri` file, and its aliases and merge keys `template-yaml-alias`. (Not inside
/// a `DefinitionString`: that is JSON text in a string.)
#[cfg(feature = "yaml")]
fn yaml_1_1_readings(template: &Template, definition: &InlineDefinition, report: &mut Report) {
    let Text::Yaml(yaml) = template.positions() else {
        return;
    };
    if definition.is_text() {
        return;
    }
    let root = definition.pointer();
    let inside = |pointer: &str| {
        pointer.starts_with(root) && matches!(pointer.as_bytes().get(root.len()), None | Some(b'/'))
    };
    for reading in yaml.yaml_1_1_readings() {
        if inside(&reading.pointer) {
            report.diagnostics.push(super::yaml::yaml_1_1_warning(
                yaml,
                reading,
                super::yaml::CLOUDFORMATION_LOADER,
            ));
        }
    }
    // The same page: no aliases, no hash merges.
    for (pointer, span) in yaml.expansions() {
        if inside(pointer) {
            let what = if yaml.text().get(span.start..span.end) == Some("<<") {
                "merge key `<<`"
            } else {
                "alias"
            };
            let position = yaml.line_column(span.start);
            let mut diagnostic = Diagnostic::new(
                Code::TemplateYamlAlias,
                pointer.clone(),
                format!(
                    "CloudFormation does not accept a YAML {what} in a template (AWS's \"Template formats\" page), so it refuses this one"
                ),
            )
            .with_hint("write the value out where it is used");
            diagnostic.span = Some(*span);
            diagnostic.line = Some(position.line);
            diagnostic.column = Some(position.column);
            diagnostic.state = super::diagnostic::state_of_pointer(pointer);
            report.diagnostics.push(diagnostic);
        }
    }
}

/// Validates the definition's JSON; while a placeholder for a deployment value is refused
/// for its type, validates again with that placeholder replaced by the next
/// typed stand-in (`1`, `true`, `["x"]`, `{}`: the type of such a value is known only
/// at deployment), padded so that every other place in the text stays where it was.
fn validate_with_typed_placeholders(definition: &InlineDefinition, options: &Options) -> Report {
    let (json, references) = dynamic::as_placeholders(definition.json());
    let mut report = validate_with_stand_ins(definition, json, options);
    for diagnostic in &mut report.diagnostics {
        dynamic::restore(diagnostic, &references);
    }
    report
}

/// The stand-in rounds of [`validate_with_typed_placeholders`], on `json`.
fn validate_with_stand_ins(
    definition: &InlineDefinition,
    mut json: std::borrow::Cow<'_, str>,
    options: &Options,
) -> Report {
    // Each round replaces at least one placeholder, at most once per stand-in.
    for _ in 0..=definition.deployed.len() * crate::template::stand_in::STAND_INS.len() {
        let report = validate_str_with(&json, options);
        let mut replaced = json.clone().into_owned();
        let mut changed = false;
        for diagnostic in report.diagnostics() {
            // A stand-in is shorter than its place: found by where it starts.
            let Some(span) = diagnostic.span.and_then(|span| {
                definition
                    .deployed
                    .iter()
                    .find(|deployed| deployed.start == span.start)
            }) else {
                continue;
            };
            let refused_for_type = matches!(
                diagnostic.code,
                Code::WrongType | Code::PayloadNotObject | Code::TemplateNotObject
            );
            if !refused_for_type {
                continue;
            }
            if let Some(stand_in) = crate::template::stand_in::next(&json, *span) {
                replaced.replace_range(span.start..span.end, &stand_in);
                changed = true;
            }
        }
        if !changed {
            return report;
        }
        json = std::borrow::Cow::Owned(replaced);
    }
    validate_str_with(&json, options)
}

/// A template, or a state machine resource, whose definition cannot be read: a report of
/// one `template-definition` error at its place.
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::Template;
/// use sfn_dsl::validate::{Code, Report};
///
/// let template = Template::from_json("{\"Resources\": 1}")?;
/// let report = Report::from(template.state_machines().unwrap_err());
/// let [problem] = report.diagnostics() else { panic!("one") };
/// assert_eq!((problem.code, problem.pointer.as_str()), (Code::TemplateDefinition, "/Resources"));
/// assert_eq!(problem.column, Some(15));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
impl From<TemplateError> for Report {
    fn from(error: TemplateError) -> Self {
        let mut diagnostic =
            Diagnostic::new(Code::TemplateDefinition, error.pointer, error.message);
        diagnostic.span = Some(error.span);
        diagnostic.line = Some(error.line);
        diagnostic.column = Some(error.column);
        Report::new(vec![diagnostic])
    }
}

/// Moves a diagnostic found in the definition's JSON to the template.
fn relocate(template: &Template, definition: &InlineDefinition, diagnostic: &mut Diagnostic) {
    let span = match &definition.places {
        Places::Values { aliases } => {
            let pointer = template_pointer(definition.pointer(), aliases, &diagnostic.pointer);
            let key = diagnostic.anchor == Anchor::Key
                || matches!(diagnostic.code, Code::UnknownField | Code::DuplicateKey);
            let span = value_span(template, &pointer, key, diagnostic.inner_offset);
            diagnostic.pointer = pointer;
            span
        }
        Places::Text { pieces } => {
            let span = diagnostic.span.unwrap_or_default();
            let (piece_start, piece) = pieces
                .iter()
                .take_while(|(start, _)| *start <= span.start)
                .last()
                .or(pieces.first())
                .map_or((0, definition.pointer()), |(start, pointer)| {
                    (*start, pointer.as_str())
                });
            diagnostic.pointer = format!("{}{}", definition.pointer(), diagnostic.pointer);
            text::inside_piece(template, piece, piece_start, span, definition)
                .unwrap_or_else(|| template.nearest(piece))
        }
    };
    let position = template.line_column(span.start);
    diagnostic.span = Some(span);
    diagnostic.line = Some(position.line);
    diagnostic.column = Some(position.column);
}

/// The template pointer of a definition pointer: below the property, or below the
/// innermost alias that holds it.
fn template_pointer(property: &str, aliases: &[(String, String)], pointer: &str) -> String {
    let holds = |alias: &str| {
        pointer == alias
            || pointer
                .strip_prefix(alias)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    // Later aliases are inner ones (or the same place, read through another function).
    let alias = aliases
        .iter()
        .rev()
        .filter(|(alias, _)| holds(alias))
        .max_by_key(|(alias, _)| alias.len());
    match alias {
        Some((alias, target)) => {
            format!("{target}{}", pointer.get(alias.len()..).unwrap_or_default())
        }
        None => format!("{property}{pointer}"),
    }
}

/// The span of the value (or key) at a template pointer, or `offset` bytes into its string
/// when the template writes it character for character (the string of an `Fn::Sub`
/// included: the placeholder is that string).
fn value_span(template: &Template, pointer: &str, key: bool, offset: Option<usize>) -> Span {
    let pointer = match offset {
        Some(_) => [format!("{pointer}/Fn::Sub"), format!("{pointer}/Fn::Sub/0")]
            .into_iter()
            .find(|sub| {
                template
                    .document()
                    .node_at(sub)
                    .is_some_and(|node| node.as_str().is_some())
            })
            .map_or(std::borrow::Cow::Borrowed(pointer), std::borrow::Cow::Owned),
        None => std::borrow::Cow::Borrowed(pointer),
    };
    let pointer = pointer.as_ref();
    match template.positions() {
        Text::Json => {
            let document = template.document();
            if key && let Some(span) = document.locate_key(pointer) {
                return span;
            }
            let span = template.nearest(pointer);
            match (offset, document.locate(pointer)) {
                (Some(offset), Some(_)) => {
                    super::locate::inside_string(document.text(), span, offset)
                }
                _ => span,
            }
        }
        #[cfg(feature = "yaml")]
        Text::Yaml(yaml) => offset
            .and_then(|offset| yaml.locate_inside(pointer, offset))
            .unwrap_or_else(|| yaml.nearest(pointer, key)),
    }
}

#[cfg(test)]
mod tests {
    use super::template_pointer;

    #[test]
    fn aliases_map_the_pointers_below_them() {
        let aliases = vec![
            ("/States/A".to_owned(), "/R/States/A/Fn::If/1".to_owned()),
            (
                "/States/A/Next".to_owned(),
                "/R/States/A/Fn::If/1/Next/Fn::If/2".to_owned(),
            ),
        ];
        let map = |pointer| template_pointer("/R", &aliases, pointer);
        assert_eq!(map("/States/B"), "/R/States/B");
        assert_eq!(map("/States/A"), "/R/States/A/Fn::If/1");
        assert_eq!(map("/States/A/Type"), "/R/States/A/Fn::If/1/Type");
        assert_eq!(map("/States/A/Next"), "/R/States/A/Fn::If/1/Next/Fn::If/2");
        // A sibling whose name starts like an alias is not below it.
        assert_eq!(map("/States/AB"), "/R/States/AB");
        assert_eq!(map(""), "/R");
    }
}
