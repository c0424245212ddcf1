//! CloudFormation and SAM templates: finding the state machines a template declares and
//! reading their definitions, with CloudFormation's functions (`Ref`, `Fn::GetAtt`, ...)
//! standing as deployment placeholders (`${Name}`), so that the validator can check them
//! and report problems at their place in the template
//! ([`validate_template_machine`](crate::validate::validate_template_machine)).
//!
//! # Examples
//!
//! ```
//! use sfn_dsl::template::{DefinitionSource, Template};
//!
//! let template = Template::from_json(r#"{
//!   "Resources": {
//!     "Orders": {
//!       "Type": "AWS::StepFunctions::StateMachine",
//!       "Properties": {
//!         "Definition": {
//!           "StartAt": "Charge",
//!           "States": {
//!             "Charge": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Charge", "Arn"]}, "End": true}
//!           }
//!         }
//!       }
//!     }
//!   }
//! }"#)?;
//! assert!(template.is_template());
//! let machines = template.state_machines()?;
//! let DefinitionSource::Inline(definition) = &machines[0].definition else { panic!("inline") };
//! assert_eq!(machines[0].logical_id, "Orders");
//! assert_eq!(
//!     definition.json(),
//!     r#"{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"${Charge.Arn}","End":true}}}"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod deploy;
mod error;
mod intrinsic;
mod resource;
pub(crate) mod stand_in;
mod string;
mod unresolved;

pub use error::{TemplateError, TemplateErrorKind};
pub(crate) use resource::Places;
pub use resource::{DefinitionSource, InlineDefinition, StateMachineType, TemplateStateMachine};
pub(crate) use unresolved::UnresolvedName;

#[cfg(feature = "yaml")]
use crate::source::YamlDocument;
use crate::source::{Document, LineColumn, NodeValue, Span};

/// A parsed CloudFormation or SAM template, JSON or YAML.
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::Template;
///
/// let template = Template::parse("{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}")?;
/// assert!(template.is_template());
/// assert!(template.state_machines()?.is_empty());
///
/// // A definition is not a template.
/// let definition = Template::parse(r#"{"StartAt": "A", "States": {}}"#)?;
/// assert!(!definition.is_template());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Template {
    /// The template as JSON (for YAML, the JSON it stands for).
    document: Document,
    text: Text,
}

/// Where the template's positions are.
#[derive(Clone, Debug)]
pub(crate) enum Text {
    /// In the JSON document itself.
    Json,
    /// In the YAML the document was converted from.
    #[cfg(feature = "yaml")]
    Yaml(YamlDocument),
}

impl Template {
    /// Parses a template: JSON when the text starts with `{` (after blanks), YAML
    /// otherwise (with the `yaml` feature; without it, as JSON).
    ///
    /// # Errors
    ///
    #[cfg_attr(
        feature = "yaml",
        doc = "As [`from_json`](Self::from_json) or [`from_yaml`](Self::from_yaml)."
    )]
    #[cfg_attr(not(feature = "yaml"), doc = "As [`from_json`](Self::from_json).")]
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let template = Template::parse("\n  {\"Resources\": {}}")?; // `{` after blanks: JSON
    /// assert!(template.is_template());
    /// assert!(Template::parse(r#"{"Resources": {}"#).is_err()); // unclosed
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, crate::ParseError> {
        #[cfg(feature = "yaml")]
        if !text.trim_start().starts_with('{') {
            return Self::from_yaml(text);
        }
        Self::from_json(text)
    }

    /// Parses a JSON template.
    ///
    /// # Errors
    ///
    /// The text is not JSON, or has duplicate keys, as [`Document::parse`] reports them.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let template = Template::from_json(r#"{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}"#)?;
    /// assert!(template.state_machines()?.is_empty()); // no state machine resource
    /// assert!(Template::from_json(r#"{"Resources": {}, "Resources": {}}"#).is_err()); // duplicate key
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, crate::ParseError> {
        Ok(Self::from_document(Document::parse(text)?))
    }

    /// Parses a YAML template, reading CloudFormation's short-form tags (`!Ref X`) as their
    /// long forms ([`YamlDocument::parse_cloudformation`]).
    ///
    /// # Errors
    ///
    /// The text is not YAML, or YAML with no JSON equivalent, with places in the YAML.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let template = Template::from_yaml("Transform: AWS::Serverless-2016-10-31\nResources: {}\n")?;
    /// assert!(template.is_template());
    /// let error = Template::from_yaml("Resources: [\n").unwrap_err();
    /// assert_eq!(error.issues()[0].kind.code(), "yaml-syntax");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[cfg(feature = "yaml")]
    pub fn from_yaml(text: &str) -> Result<Self, crate::ParseError> {
        let yaml = YamlDocument::parse_cloudformation(text)?;
        // The JSON is the converter's and valid; only its nesting can be refused (each
        // tag adds a level), and that is reported at its place in the YAML.
        let document = Document::parse(yaml.json()).map_err(|error| yaml.relocate_error(&error))?;
        Ok(Self {
            document,
            text: Text::Yaml(yaml),
        })
    }

    /// Wraps a JSON document already parsed (a caller that parsed a file to find out what
    /// it holds need not parse it again).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    /// use sfn_dsl::template::{Template, is_template};
    ///
    /// let document = Document::parse(r#"{"Resources": {}}"#)?;
    /// assert!(is_template(&document));
    /// let template = Template::from_document(document);
    /// assert!(template.state_machines()?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_document(document: Document) -> Self {
        Self {
            document,
            text: Text::Json,
        }
    }

    /// Whether the text looks like a template rather than a state machine definition; see
    /// [`is_template`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// assert!(Template::from_json(r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#)?.is_template());
    /// assert!(!Template::from_json(r#"{"StartAt": "A", "States": {}}"#)?.is_template());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_template(&self) -> bool {
        is_template(&self.document)
    }

    /// The state machine resources (`AWS::Serverless::StateMachine`,
    /// `AWS::StepFunctions::StateMachine`), in template order. A resource whose definition
    /// cannot be read is listed with [`DefinitionSource::Invalid`].
    ///
    /// # Errors
    ///
    /// The template is not an object, or its `Resources` section is missing or not an
    /// object.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::{StateMachineType, Template};
    /// use sfn_dsl::validate::WorkflowType;
    ///
    /// let template = Template::from_json(r#"{"Resources": {
    ///     "Bucket": {"Type": "AWS::S3::Bucket"},
    ///     "Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {"Type": "EXPRESS", "DefinitionUri": "flow.asl.json"}}}}"#)?;
    /// let machines = template.state_machines()?;
    /// assert_eq!(machines.len(), 1);
    /// assert_eq!((machines[0].logical_id.as_str(), machines[0].resource_type), ("Flow", StateMachineType::Serverless));
    /// assert_eq!(machines[0].workflow_type, Some(WorkflowType::Express));
    /// assert!(Template::from_json("[]")?.state_machines().is_err()); // not an object
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_machines(&self) -> Result<Vec<TemplateStateMachine>, TemplateError> {
        let root = self.document.root();
        let Some(top) = root.as_object() else {
            return Err(self.placed(TemplateError::new(
                TemplateErrorKind::WrongType,
                "",
                format!("a template must be an object, found {}", root.describe()),
            )));
        };
        let Some(resources) = top.get("Resources") else {
            return Err(self.placed(TemplateError::new(
                TemplateErrorKind::WrongType,
                "",
                "the template has no `Resources` section",
            )));
        };
        let NodeValue::Object(resources) = resources.value() else {
            return Err(self.placed(TemplateError::new(
                TemplateErrorKind::WrongType,
                "/Resources",
                format!(
                    "`Resources` must be an object, found {}",
                    resources.describe()
                ),
            )));
        };
        Ok(resources
            .iter()
            .filter_map(|member| resource::read(self, &member.key, member.value))
            .collect())
    }

    /// The template text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let text = "{\n  \"Resources\": {}\n}\n";
    /// assert_eq!(Template::parse(text)?.text(), text); // as given, blanks included
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        match &self.text {
            Text::Json => self.document.text(),
            #[cfg(feature = "yaml")]
            Text::Yaml(yaml) => yaml.text(),
        }
    }

    /// The span in the template text of the value at a JSON pointer (`/Resources/Orders`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let text = r#"{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}"#;
    /// let template = Template::from_json(text)?;
    /// let span = template.locate("/Resources/Queue/Type").map(|span| &text[span.start..span.end]);
    /// assert_eq!(span, Some(r#""AWS::SQS::Queue""#));
    /// assert_eq!(template.locate("/Resources/Topic"), None);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        match &self.text {
            Text::Json => self.document.locate(pointer),
            #[cfg(feature = "yaml")]
            Text::Yaml(yaml) => yaml.locate(pointer),
        }
    }

    /// The line and column of a byte offset of the template text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::Template;
    ///
    /// let template = Template::parse("{\"Resources\": {\n  \"Queue\": {\"Type\": \"AWS::SQS::Queue\"}}}")?;
    /// let position = template.locate("/Resources/Queue/Type").map(|span| template.line_column(span.start));
    /// assert_eq!(position.map(|at| (at.line, at.column)), Some((2, 21)));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn line_column(&self, offset: usize) -> LineColumn {
        match &self.text {
            Text::Json => self.document.line_column(offset),
            #[cfg(feature = "yaml")]
            Text::Yaml(yaml) => yaml.line_column(offset),
        }
    }

    /// The template as a JSON document (for YAML, the JSON it stands for: its spans are
    /// not positions in [`text`](Self::text)).
    pub(crate) fn document(&self) -> &Document {
        &self.document
    }

    pub(crate) fn positions(&self) -> &Text {
        &self.text
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that has one.
    pub(crate) fn nearest(&self, pointer: &str) -> Span {
        match &self.text {
            Text::Json => {
                let mut current = pointer;
                loop {
                    if let Some(span) = self.document.locate(current) {
                        return span;
                    }
                    match current.rfind('/') {
                        Some(cut) => current = current.get(..cut).unwrap_or_default(),
                        None => return Span::default(),
                    }
                }
            }
            #[cfg(feature = "yaml")]
            Text::Yaml(yaml) => yaml.nearest(pointer, false),
        }
    }

    /// Places an error at its pointer.
    pub(crate) fn placed(&self, mut error: TemplateError) -> TemplateError {
        error.span = self.nearest(&error.pointer);
        let position = self.line_column(error.span.start);
        error.line = position.line;
        error.column = position.column;
        error
    }
}

/// Whether a JSON document looks like a template rather than a state machine definition:
/// an object with `AWSTemplateFormatVersion` or `Transform`, or with `Resources` and
/// without `States`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Document;
/// use sfn_dsl::template::is_template;
///
/// assert!(is_template(&Document::parse(r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#)?));
/// assert!(!is_template(&Document::parse(r#"{"StartAt": "A", "States": {}}"#)?));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn is_template(document: &Document) -> bool {
    let Some(members) = document.root().as_object() else {
        return false;
    };
    let has = |key: &str| members.get(key).is_some();
    has("AWSTemplateFormatVersion") || has("Transform") || (has("Resources") && !has("States"))
}

#[cfg(test)]
mod tests;
