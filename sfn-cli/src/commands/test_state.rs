//! `sfn test-state`: test one state alone, as AWS's `TestState` API does.

use std::path::PathBuf;

use sfn_local::cli::TestStateCommand;
use sfn_local::test_state::{FieldValidation, InspectionLevel};

use super::Outcome;
use super::local::{FromStdin, ReportTo, finish, template_machine};
use crate::input::{StdinReaders, json_argument};

/// Test one state alone, as AWS's `TestState` API does: its output, the state the machine
/// goes to next, and (with `--inspection-level debug`) the data between the steps of its
/// data flow, printed as the API answers (`status`, `output`, `nextState`, `error`, `cause`,
/// `inspectionData`).
///
/// As in AWS's response, `output` and the data in `inspectionData` (`input`,
/// `afterInputPath`, `afterParameters`, `result`, …, `variables`) are JSON text: `jq -r
/// .output | jq` reads the output.
///
/// A Task (and a Parallel or Map) state calls nothing: give what it returns with
/// `--mock-result`, or the error it fails with with `--mock-error`. Nothing else runs: a
/// retrier that would run the state again ends the test as `RETRIABLE`, and a catcher's
/// target is reported, not entered.
///
/// Exits 0 when the state succeeded or a catcher caught its error, 1 when it failed or a
/// retrier would run it again, 2 when it cannot be tested (usage or file errors, a Task
/// without a mock, a request AWS refuses).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A file holding one state (a JSON object with `Type`), or a definition (JSON or YAML)
    /// or CloudFormation/SAM template's state machine (`template.yaml#Orders`) whose state
    /// `--state` names; `-` reads standard input.
    file: PathBuf,
    /// The state of the machine to test (a state inside a Parallel or Map too).
    #[arg(long, value_name = "NAME")]
    state: Option<String>,
    /// The state's input: JSON text, or `@FILE` (`@-` reads standard input); default `{}`.
    #[arg(long, value_name = "JSON")]
    input: Option<String>,
    /// What the Task's call returns (for a Parallel or Map state, the list of its branches'
    /// or iterations' results): JSON text, or `@FILE` (`@-` reads standard input).
    #[arg(long, value_name = "JSON", conflicts_with = "mock_error")]
    mock_result: Option<String>,
    /// How `--mock-result` is checked against the service API's response shape (the
    /// optimized integrations' and the AWS SDK integrations' of the services docs/local.md
    /// lists): required fields and types (`strict`, AWS's default), the types of the fields
    /// given (`present`), or not at all (`none`).
    #[arg(long, value_enum, default_value = "strict")]
    field_validation: ValidationArg,
    /// The error the Task's call (or the Parallel or Map state) fails with.
    #[arg(long, value_name = "ERROR")]
    mock_error: Option<String>,
    /// The cause of `--mock-error`.
    #[arg(long, value_name = "CAUSE", requires = "mock_error")]
    mock_cause: Option<String>,
    /// The workflow variables in scope: a JSON object, or `@FILE` (`@-` reads standard
    /// input).
    #[arg(long, value_name = "JSON")]
    variables: Option<String>,
    /// The context object the state sees (`$$`, `$states.context`), whole: JSON text, or
    /// `@FILE` (`@-` reads standard input).
    #[arg(long, value_name = "JSON")]
    context: Option<String>,
    /// How much to print: the outcome (`info`), or also the data flow (`debug`, `trace`).
    #[arg(long, value_enum, default_value = "info")]
    inspection_level: LevelArg,
    /// How many retries the state's retriers already made (`TestState`'s
    /// `retrierRetryCount`).
    #[arg(long, value_name = "N")]
    retries_made: Option<u32>,
    /// How many of a Map state's iterations failed (checked against its tolerance).
    #[arg(long, value_name = "N")]
    map_iteration_failures: Option<u64>,
    /// The state inside the Parallel or Map state that raised `--mock-error`.
    #[arg(long, value_name = "NAME")]
    error_caused_by_state: Option<String>,
    /// What a Map state's `ItemReader` reads: a JSON list, or `@FILE` (`@-` reads standard
    /// input).
    #[arg(long, value_name = "JSON")]
    map_item_reader_data: Option<String>,
    /// The execution role (`$$.Execution.RoleArn`; its account shows in the ARNs).
    #[arg(long, value_name = "ARN")]
    role_arn: Option<String>,
    /// The API's `revealSecrets`: a state test makes no HTTP call, so it shows nothing
    /// more; refused with a mock, as AWS refuses it.
    #[arg(long)]
    reveal_secrets: bool,
}

/// `--field-validation`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum ValidationArg {
    /// Required fields and every named field's type.
    Strict,
    /// The types of the fields given.
    Present,
    /// No check.
    None,
}

/// `--inspection-level`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum LevelArg {
    /// The outcome only.
    Info,
    /// The outcome and the data between the steps of the state's data flow.
    Debug,
    /// As `debug`.
    Trace,
}

pub(crate) fn run(args: &Args) -> Outcome {
    test_state(args).unwrap_or_else(|failed| failed)
}

fn test_state(args: &Args) -> Result<Outcome, Outcome> {
    let json_arguments = [
        ("--input", &args.input),
        ("--mock-result", &args.mock_result),
        ("--variables", &args.variables),
        ("--context", &args.context),
        ("--map-item-reader-data", &args.map_item_reader_data),
    ];
    let mut readers = StdinReaders::default();
    readers.definition("the definition", &args.file);
    for (flag, value) in json_arguments {
        readers.json(flag, value.as_deref());
    }
    readers.check()?;
    let resolved = template_machine(&args.file, FromStdin::File)?;
    // At most one of them reads standard input; the others are passed on as given.
    let [input, mock_result, variables, context, map_item_reader_data] =
        json_arguments.map(|(flag, value)| json_argument(flag, value.as_deref()));
    let command = TestStateCommand {
        definition: resolved.definition,
        machine: resolved.machine,
        state: args.state.clone(),
        input: input?,
        mock_result: mock_result?,
        mock_error: args.mock_error.clone(),
        mock_cause: args.mock_cause.clone(),
        field_validation: match args.field_validation {
            ValidationArg::Strict => FieldValidation::Strict,
            ValidationArg::Present => FieldValidation::Present,
            ValidationArg::None => FieldValidation::None,
        },
        variables: variables?,
        context: context?,
        inspection_level: match args.inspection_level {
            LevelArg::Info => InspectionLevel::Info,
            LevelArg::Debug => InspectionLevel::Debug,
            LevelArg::Trace => InspectionLevel::Trace,
        },
        retries_made: args.retries_made,
        map_iteration_failures: args.map_iteration_failures,
        error_caused_by_state: args.error_caused_by_state.clone(),
        map_item_reader_data: map_item_reader_data?,
        role_arn: args.role_arn.clone(),
        reveal_secrets: args.reveal_secrets,
    };
    Ok(finish(
        sfn_local::cli::test_state(&command),
        &resolved.standin.iter().collect::<Vec<_>>(),
        ReportTo::Stdout,
    ))
}
