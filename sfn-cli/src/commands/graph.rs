//! `sfn graph`: draw a definition.

use std::path::PathBuf;

use clap::ValueEnum;
use sfn_dsl::model::{StateName, States, Via};
use sfn_dsl::render::Trace;

use super::Outcome;
use crate::input::{Deployed, Source, StdinReaders, definition, read};
use crate::output::{errln, out};

/// Draw a definition as a Mermaid flowchart or a Graphviz graph.
///
/// Parallel and Map states are subgraphs, catcher edges are dashed, Choice edges carry their
/// condition. With `--history`, what the executions did is drawn over it.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The diagram language.
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,
    /// An execution history (`aws stepfunctions get-execution-history`, or `sfn run
    /// --history`) to draw over the diagram: how often each state was entered, the states an
    /// execution never left, the states no execution entered, and the transitions taken.
    /// Repeat it to add up several runs (the states left grey are the ones they did not
    /// cover); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    history: Vec<PathBuf>,
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM template
    /// (`FILE#LogicalId` names one of its state machines); `-` reads standard input.
    file: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A Mermaid `flowchart`, for Markdown.
    Mermaid,
    /// A Graphviz `digraph`.
    Dot,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let mut readers = StdinReaders::default();
    readers.definition("the definition", &args.file);
    for history in &args.history {
        readers.file("`--history -`", Some(history));
    }
    if let Err(failed) = readers.check() {
        return failed;
    }
    let parsed = match definition(&Source::new(&args.file), Deployed::StandIn) {
        Ok(read) => read.machine,
        Err(failed) => return failed,
    };
    // A draft may name states it does not have yet: say which edges the drawing lacks.
    warn_missing_targets(
        &parsed.states,
        &parsed.start_at,
        &Source::new(&args.file).name,
    );
    if args.history.is_empty() {
        match args.format {
            Format::Mermaid => out!("{}", sfn_dsl::render::mermaid(&parsed)),
            Format::Dot => out!("{}", sfn_dsl::render::dot(&parsed)),
        }
        return Outcome::Ok;
    }
    let mut trace = Trace::new();
    for path in &args.history {
        match read_trace(&Source::file(path)) {
            Ok(one) => trace.add(&one),
            Err(failed) => return failed,
        }
    }
    match args.format {
        Format::Mermaid => out!("{}", sfn_dsl::render::mermaid_traced(&parsed, &trace)),
        Format::Dot => out!("{}", sfn_dsl::render::dot_traced(&parsed, &trace)),
    }
    Outcome::Ok
}

/// Prints a warning for every transition (and `StartAt`) of `states`, nested lists included,
/// to a state its list does not have: the drawing leaves that edge out.
fn warn_missing_targets(states: &States, start_at: &StateName, file: &str) {
    if !states.contains(start_at.as_str()) {
        errln!(
            "sfn: warning: {file}: `StartAt` names `{start_at}`, which is not a state of its list; the start edge is not drawn"
        );
    }
    for (name, state) in states {
        for target in state.targets() {
            if !states.contains(target.name.as_str()) {
                let field = match target.via {
                    Via::Next => "`Next`".to_owned(),
                    Via::ChoiceRule(index) => format!("`Choices[{index}].Next`"),
                    Via::Default => "`Default`".to_owned(),
                    Via::Catch(index) => format!("`Catch[{index}].Next`"),
                };
                errln!(
                    "sfn: warning: {file}: {field} of state `{name}` names `{}`, which is not a state of its list; that edge is not drawn",
                    target.name
                );
            }
        }
        for nested in state.nested() {
            warn_missing_targets(nested.states(), nested.start_at(), file);
        }
    }
}

/// The trace of one history file (or of standard input), printing why it cannot be read.
fn read_trace(source: &Source) -> Result<Trace, Outcome> {
    let text = read(source)?;
    let trace = serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|error| format!("not valid JSON: {error}"))
        .and_then(|history| Trace::from_history(&history).map_err(|error| error.to_string()));
    trace.map_err(|message| {
        errln!("sfn: {}: {message}", source.name);
        Outcome::Failure
    })
}
