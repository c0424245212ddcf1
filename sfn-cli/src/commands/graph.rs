//! `sfn graph`: draw a definition.

use std::path::PathBuf;

use clap::ValueEnum;

use super::Outcome;
use crate::input::{Deployed, Source, definition};

/// Draw a definition as a Mermaid flowchart or a Graphviz graph.
///
/// Parallel and Map states are subgraphs, catcher edges are dashed, Choice edges carry their
/// condition.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The diagram language.
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,
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
    match args.format {
        Format::Mermaid => print!("{}", sfn_dsl::render::mermaid(&parsed)),
        Format::Dot => print!("{}", sfn_dsl::render::dot(&parsed)),
    }
    Outcome::Ok
}
