//! `sfn graph`: draw a definition.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use sfn_dsl::render::Trace;

use super::Outcome;
use crate::input::{Deployed, Source, definition};

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
    /// cover).
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
    let parsed = match definition(&Source::new(&args.file), Deployed::StandIn) {
        Ok(read) => read.machine,
        Err(failed) => return failed,
    };
    if args.history.is_empty() {
        match args.format {
            Format::Mermaid => print!("{}", sfn_dsl::render::mermaid(&parsed)),
            Format::Dot => print!("{}", sfn_dsl::render::dot(&parsed)),
        }
        return Outcome::Ok;
    }
    let mut trace = Trace::new();
    for path in &args.history {
        match read_trace(path) {
            Ok(one) => trace.add(&one),
            Err(message) => {
                eprintln!("sfn: {}: {message}", path.display());
                return Outcome::Failure;
            }
        }
    }
    match args.format {
        Format::Mermaid => print!("{}", sfn_dsl::render::mermaid_traced(&parsed, &trace)),
        Format::Dot => print!("{}", sfn_dsl::render::dot_traced(&parsed, &trace)),
    }
    Outcome::Ok
}

/// The trace of one history file.
fn read_trace(path: &Path) -> Result<Trace, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))?;
    let history: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| format!("not valid JSON: {error}"))?;
    Trace::from_history(&history).map_err(|error| error.to_string())
}
