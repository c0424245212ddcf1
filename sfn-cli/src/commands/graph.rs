//! `sfn graph`: draw a definition.

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::ValueEnum;
use sfn_dsl::StateMachine;
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
    let definition_name = Source::new(&args.file).name;
    // A draft may name states it does not have yet: say which edges the drawing lacks.
    warn_missing_targets(&parsed.states, &parsed.start_at, &definition_name);
    let mut trace = None;
    for path in &args.history {
        let source = Source::file(path);
        match read_trace(&source) {
            Ok(one) => {
                warn_unknown_states(&one, &parsed, &source.name, &definition_name);
                trace.get_or_insert_with(Trace::new).add(&one);
            }
            Err(failed) => return failed,
        }
    }
    match (args.format, &trace) {
        (Format::Mermaid, trace) => {
            let chart = match trace {
                Some(trace) => sfn_dsl::render::mermaid_traced(&parsed, trace),
                None => sfn_dsl::render::mermaid(&parsed),
            };
            warn_mermaid_limits(&chart, sfn_dsl::render::mermaid_edge_count(&parsed));
            out!("{chart}");
        }
        (Format::Dot, Some(trace)) => out!("{}", sfn_dsl::render::dot_traced(&parsed, trace)),
        (Format::Dot, None) => out!("{}", sfn_dsl::render::dot(&parsed)),
    }
    Outcome::Ok
}

/// The most edges Mermaid draws by default (its `maxEdges`): it refuses a chart with more.
const MERMAID_MAX_EDGES: usize = 500;

/// The longest text Mermaid draws by default (its `maxTextSize`, in UTF-16 code units, as
/// JavaScript counts a string's length): it draws a longer chart as an error message.
const MERMAID_MAX_TEXT_SIZE: usize = 50_000;

/// Prints a warning when Mermaid, as configured by default, would refuse `chart` (with
/// `edges` edges): the chart is still written, since a site may raise the limits.
fn warn_mermaid_limits(chart: &str, edges: usize) {
    let size = chart.encode_utf16().count();
    let mut exceeded = Vec::new();
    if edges > MERMAID_MAX_EDGES {
        exceeded.push(format!("{edges} edges (at most {MERMAID_MAX_EDGES})"));
    }
    if size > MERMAID_MAX_TEXT_SIZE {
        exceeded.push(format!(
            "{size} characters (at most {MERMAID_MAX_TEXT_SIZE})"
        ));
    }
    if !exceeded.is_empty() {
        errln!(
            "sfn: warning: the Mermaid chart has {}, more than Mermaid draws unless the site showing it raises its limits; `--format dot` draws any size",
            exceeded.join(" and ")
        );
    }
}

/// At most this many names are listed in a warning about a history's states.
const LISTED_STATES: usize = 10;

/// Prints a warning naming the states of a history (`trace`, of the file named
/// `history_name`) that the definition `machine` (of the file named `definition_name`) does
/// not have, nested lists included: the history is likely of another definition, or of
/// another version of it.
fn warn_unknown_states(
    trace: &Trace,
    machine: &StateMachine,
    history_name: &str,
    definition_name: &str,
) {
    let known: BTreeSet<&str> = machine
        .all_states()
        .into_iter()
        .map(|(name, _)| name.as_str())
        .collect();
    let unknown: Vec<&str> = trace
        .state_names()
        .filter(|name| !known.contains(name))
        .collect();
    if unknown.is_empty() {
        return;
    }
    let mut listed: Vec<String> = unknown
        .iter()
        .take(LISTED_STATES)
        .map(|name| format!("`{name}`"))
        .collect();
    if unknown.len() > LISTED_STATES {
        listed.push(format!("{} more", unknown.len() - LISTED_STATES));
    }
    errln!(
        "sfn: warning: {history_name}: the history has state{} {} that {definition_name} does not; {} not drawn (is it a history of another definition?)",
        if unknown.len() == 1 { "" } else { "s" },
        listed.join(", "),
        if unknown.len() == 1 {
            "it is"
        } else {
            "they are"
        },
    );
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
