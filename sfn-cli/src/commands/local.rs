//! What `run`, `replay` and `test-state` share: the definition they hand to `sfn-local`, and
//! printing what it returns.

use std::path::{Path, PathBuf};

use sfn_local::cli::{CliError, CommandOutput};

use super::Outcome;
use crate::input::{Deployed, Source, Standin, parse, template_definition};
use crate::output::{err, errln, out};

/// What `sfn-local` runs: a definition file, or a template's state machine.
#[derive(Debug)]
pub(crate) struct Resolved {
    /// The file, or for a template's machine its logical id (which names it).
    pub(crate) definition: PathBuf,
    /// A template's machine, read.
    pub(crate) machine: Option<sfn_dsl::StateMachine>,
    /// The workflow type the template deploys it as, when it says.
    pub(crate) workflow_type: Option<sfn_dsl::validate::WorkflowType>,
    /// The file standing for standard input, when `definition` is one.
    pub(crate) standin: Option<Standin>,
}

/// What a command makes of a definition read from standard input that is not a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FromStdin {
    /// Reads it as a state machine (`run`, `replay`), named `StateMachine`.
    Machine,
    /// Hands it to `sfn-local` as a file, since it may hold a state rather than a machine
    /// (`test-state`).
    File,
}

/// For a template's state machine (`template.yaml`, `template.yaml#Orders`): its logical id
/// as the name, its definition, read, and its workflow type; for a definition file: the
/// file, left to `sfn-local` to read; for standard input (which cannot be read twice): what
/// `from_stdin` says.
pub(crate) fn template_machine(file: &Path, from_stdin: FromStdin) -> Result<Resolved, Outcome> {
    let unread = || Resolved {
        definition: file.to_path_buf(),
        machine: None,
        workflow_type: None,
        standin: None,
    };
    let source = Source::new(file);
    // Read to find out whether it is a template; a definition file is left to `sfn-local`,
    // which reads it (again) and words its own errors.
    let text = match source.read() {
        Ok(text) => text,
        Err(_) if source.resource.is_none() && !source.is_standard_input() => {
            return Ok(unread());
        }
        Err(message) => {
            errln!("{message}");
            return Err(Outcome::Failure);
        }
    };
    match template_definition(&source, &text, Deployed::Refuse) {
        None if source.is_standard_input() => match from_stdin {
            FromStdin::Machine => {
                let (_, machine) = parse(&source, text)?;
                Ok(Resolved {
                    definition: PathBuf::from("StateMachine"),
                    machine: Some(machine),
                    workflow_type: None,
                    standin: None,
                })
            }
            FromStdin::File => {
                // `sfn-local` tells YAML by the file's extension.
                let extension = if source.is_yaml(&text) {
                    "yaml"
                } else {
                    "json"
                };
                let standin = Standin::holding(&text, "definition", extension)?;
                Ok(Resolved {
                    definition: standin.path().to_path_buf(),
                    standin: Some(standin),
                    ..unread()
                })
            }
        },
        None => Ok(unread()),
        Some(Ok(read)) => Ok(Resolved {
            // Run as deployed: what the template substitutes is known.
            machine: Some(read.deployed().map_err(|error| {
                errln!(
                    "sfn: {}#{}: its `DefinitionSubstitutions` do not fit its definition: {error}",
                    source.name,
                    read.resource.as_deref().unwrap_or_default()
                );
                Outcome::Failure
            })?),
            definition: PathBuf::from(read.resource.unwrap_or_default()),
            workflow_type: read.workflow_type,
            standin: None,
        }),
        // A problem of the template is not an execution's: a usage or file error.
        Some(Err(_)) => Err(Outcome::Failure),
    }
}

/// Where a command prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReportTo {
    /// Standard output.
    Stdout,
    /// Standard error, when standard output carries something else (`sfn run --history -`).
    Stderr,
}

/// Prints a command's output and maps its exit code. `standins` are the files that stood
/// for standard input or output: messages name what they stand for, not their paths.
pub(crate) fn finish(
    result: Result<CommandOutput, CliError>,
    standins: &[&Standin],
    report_to: ReportTo,
) -> Outcome {
    match result {
        Ok(output) => {
            match report_to {
                ReportTo::Stdout => out!("{}", output.stdout),
                ReportTo::Stderr => err!("{}", output.stdout),
            }
            if output.exit_code == 0 {
                Outcome::Ok
            } else {
                Outcome::Problems
            }
        }
        Err(error) => {
            let message = standins.iter().fold(error.to_string(), |message, standin| {
                standin.rename_in(&message)
            });
            errln!("sfn: {message}");
            Outcome::Failure
        }
    }
}
