//! Reading definitions from files or standard input, with errors that name the file.

mod standin;
mod stdin;
mod template;
mod terraform;

use crate::output::{err, errln};
use std::io::Read;
use std::path::{Path, PathBuf};

pub(crate) use standin::Standin;
pub(crate) use stdin::{StdinReaders, json_argument};
pub(crate) use terraform::refusal as terraform_refusal;

/// How messages name standard input.
const STDIN_NAME: &str = "<stdin>";

/// A file argument: a path, or `-` for standard input; `template.yaml#Orders` names the
/// state machine `Orders` of a template.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    /// The name to show in messages (`<stdin>` for `-`).
    pub(crate) name: String,
    /// The path, unless reading standard input.
    pub(crate) path: Option<PathBuf>,
    /// The logical id after `#`, for a template's state machine.
    pub(crate) resource: Option<String>,
}

impl Source {
    /// A definition argument: a file, `-`, or `FILE#LogicalId`.
    pub(crate) fn new(argument: &Path) -> Self {
        // `FILE#Id`, unless a file of that very name exists.
        match argument.to_str().and_then(|text| text.rsplit_once('#')) {
            Some((file, id)) if !id.is_empty() && !file.is_empty() && !argument.exists() => Self {
                resource: Some(id.to_owned()),
                ..Self::file(Path::new(file))
            },
            _ => Self::file(argument),
        }
    }

    /// Any other file argument (`--history`, `--mock-config`): a file, or `-` for standard
    /// input; `#` is part of the name.
    pub(crate) fn file(argument: &Path) -> Self {
        if argument.as_os_str() == "-" {
            Self::standard_input()
        } else {
            Self {
                name: argument.display().to_string(),
                path: Some(argument.to_path_buf()),
                resource: None,
            }
        }
    }

    /// Standard input (`-`, or `@-` for a JSON argument).
    pub(crate) fn standard_input() -> Self {
        Self {
            name: STDIN_NAME.to_owned(),
            path: None,
            resource: None,
        }
    }

    /// Whether the argument reads standard input.
    pub(crate) fn is_standard_input(&self) -> bool {
        self.path.is_none()
    }

    /// The directory that paths written in the file are relative to (a template's
    /// `DefinitionUri`): the file's own, or the current one for standard input.
    pub(crate) fn directory(&self) -> &Path {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or_else(|| Path::new(""))
    }

    /// Whether the text is YAML: by the extension (`.yaml`, `.yml`; `.json` is JSON), or,
    /// for standard input and other names (CloudFormation's `.template`), because the
    /// text does not start like JSON (`{`).
    pub(crate) fn is_yaml(&self, text: &str) -> bool {
        let extension = self
            .path
            .as_ref()
            .and_then(|path| path.extension())
            .and_then(|extension| extension.to_str());
        match extension {
            Some(extension)
                if extension.eq_ignore_ascii_case("yaml")
                    || extension.eq_ignore_ascii_case("yml") =>
            {
                true
            }
            Some(extension) if extension.eq_ignore_ascii_case("json") => false,
            // A byte order mark is no part of the text (`Document::parse` skips it too).
            _ => !matches!(
                text.trim_start_matches('\u{feff}')
                    .trim_start()
                    .chars()
                    .next(),
                Some('{' | '[') | None
            ),
        }
    }

    /// Reads the whole text; the error names the file (and, for bytes that are not
    /// UTF-8, where the first of them is).
    pub(crate) fn read(&self) -> Result<String, String> {
        let bytes = if let Some(path) = &self.path {
            std::fs::read(path)
                .map_err(|error| format!("sfn: cannot read {}: {error}", self.name))?
        } else {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| format!("sfn: cannot read standard input: {error}"))?;
            bytes
        };
        sfn_dsl::source::text_from_bytes(bytes)
            .map_err(|error| format!("sfn: cannot read {}: {error}", self.name))
    }
}

/// Reads and parses a definition; on failure prints the problems (rendered against the
/// source) to standard error and returns whether it was an I/O failure.
pub(crate) fn machine(
    source: &Source,
) -> Result<(String, sfn_dsl::StateMachine), crate::commands::Outcome> {
    let text = definition_text(source)?;
    parse(source, text)
}

/// Reads the text of a definition file, refusing `FILE#LogicalId` (a template's state
/// machine) with a message; on failure prints why.
pub(crate) fn definition_text(source: &Source) -> Result<String, crate::commands::Outcome> {
    if let Some(resource) = &source.resource {
        errln!(
            "sfn: `{}#{resource}` names a template's state machine; this command takes a definition file",
            source.name
        );
        return Err(crate::commands::Outcome::Failure);
    }
    read_definition(source)
}

/// A definition read for a command: from a definition file, or a template's state machine.
pub(crate) struct Definition {
    pub(crate) machine: sfn_dsl::StateMachine,
    /// The logical id of the template's state machine it is, if it is one.
    pub(crate) resource: Option<String>,
    /// The workflow type the template deploys it as, when it says.
    pub(crate) workflow_type: Option<sfn_dsl::validate::WorkflowType>,
    /// The template and its state machine it comes from, if it comes from one.
    pub(crate) template: Option<(
        sfn_dsl::template::Template,
        sfn_dsl::template::TemplateStateMachine,
    )>,
    /// The text of the YAML `DefinitionUri` file it was read from, if it was: the
    /// deployment writes the substitutions into that text before the YAML is read.
    pub(crate) yaml_file: Option<String>,
}

impl Definition {
    /// The machine as its template deploys it, with the state machine's
    /// `DefinitionSubstitutions` written in (`Template::deployed`, or
    /// `Template::deployed_yaml` for a YAML `DefinitionUri` file); a definition file as it
    /// is.
    /// The error says where the substitutions do not fit, by pointer (the text they were
    /// written into is no one's).
    pub(crate) fn deployed(&self) -> Result<sfn_dsl::StateMachine, String> {
        match &self.template {
            Some((template, chosen)) => match &self.yaml_file {
                Some(yaml) => template.deployed_yaml(chosen, yaml),
                None => template.deployed(chosen, &self.machine),
            }
            .map_err(|error| {
                error
                    .issues()
                    .iter()
                    .map(|issue| format!("at {}: {}", issue.pointer, issue.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
            None => Ok(self.machine.clone()),
        }
    }
}

/// What a command does with a template's CloudFormation function that stands where the
/// definition needs a number, boolean, list or object (`MaxAttempts: !Ref Attempts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Deployed {
    /// Refuses the machine: the command's result depends on the value (running it).
    Refuse,
    /// Reads it with a stand-in of that type, and says so: the command's result does not
    /// depend on it (drawing, deriving permissions).
    StandIn,
}

/// Reads and parses a definition, or the definition of a CloudFormation or SAM template's
/// state machine (the one it declares, or the one named `FILE#Id`): the definition written
/// in the template, or the file its `DefinitionUri` names. On failure prints why.
pub(crate) fn definition(
    source: &Source,
    deployed: Deployed,
) -> Result<Definition, crate::commands::Outcome> {
    let text = read_definition(source)?;
    match template_definition(source, &text, deployed) {
        Some(read) => read,
        None => parse(source, text).map(|(_, machine)| Definition {
            machine,
            resource: None,
            workflow_type: None,
            template: None,
            yaml_file: None,
        }),
    }
}

/// The definition of the template's state machine `source` names, when `text` is a
/// template (or `source` names a state machine with `#`); `None` for a definition.
pub(crate) fn template_definition(
    source: &Source,
    text: &str,
    deployed: Deployed,
) -> Option<Result<Definition, crate::commands::Outcome>> {
    match template::of(source, text) {
        Some(template) => Some(template::machine(source, &template, deployed)),
        None if source.resource.is_some() => {
            errln!(
                "sfn: {} is not a CloudFormation or SAM template, so `#{}` names nothing in it",
                source.name,
                source.resource.as_deref().unwrap_or_default()
            );
            Some(Err(crate::commands::Outcome::Failure))
        }
        None => None,
    }
}

/// Reads the whole text of a definition or template `source`, printing why it cannot be
/// read (a Terraform configuration is not).
fn read_definition(source: &Source) -> Result<String, crate::commands::Outcome> {
    let text = read(source)?;
    if let Some(message) = terraform::refusal(source, &text) {
        errln!("{message}");
        return Err(crate::commands::Outcome::Failure);
    }
    Ok(text)
}

/// Reads the whole text of `source`, printing why it cannot be read.
pub(crate) fn read(source: &Source) -> Result<String, crate::commands::Outcome> {
    source.read().map_err(|message| {
        errln!("{message}");
        crate::commands::Outcome::Failure
    })
}

/// Parses a definition's text, printing its problems if it cannot be read.
pub(crate) fn parse(
    source: &Source,
    text: String,
) -> Result<(String, sfn_dsl::StateMachine), crate::commands::Outcome> {
    let yaml = source.is_yaml(&text);
    let parsed = if yaml {
        sfn_dsl::StateMachine::from_yaml(&text)
    } else {
        sfn_dsl::StateMachine::from_json(&text)
    };
    if let Ok(machine) = parsed {
        return Ok((text, machine));
    }
    refuse_template(source, &text)?;
    let report = if yaml {
        sfn_dsl::validate::validate_yaml_str(&text)
    } else {
        sfn_dsl::validate::validate_str(&text)
    };
    err!(
        "{}",
        crate::report::render_text(
            &source.name,
            text.into(),
            &report,
            crate::report::color_stderr(),
        )
    );
    Err(crate::commands::Outcome::Problems)
}

/// Refuses a CloudFormation or SAM template (JSON or YAML) given where a command takes a
/// definition file, saying what it is.
pub(crate) fn refuse_template(source: &Source, text: &str) -> Result<(), crate::commands::Outcome> {
    if template::of(source, text).is_none() {
        return Ok(());
    }
    errln!(
        "sfn: {} is a CloudFormation or SAM template; this command takes a definition file",
        source.name
    );
    Err(crate::commands::Outcome::Failure)
}
