//! Diagrams of a machine for pull requests and docs: Mermaid flowcharts and Graphviz DOT.
//!
//! Both show every state with a shape for its type, `Next` edges solid, Choice edges
//! labelled with their condition (and `Default`), catcher edges dashed and labelled with the
//! errors they catch. A Parallel state is a subgraph holding one subgraph per branch; a Map
//! state is a subgraph holding its item processor. In a machine put together by hand whose
//! Parallel and Map states nest deeper than any definition can be read (more than 63
//! Parallel or 84 Map states inside each other), the state whose lists would be too deep
//! is drawn as a plain node without them, rather than recursing as deep as the machine goes.
//!
//! Any name is drawn as written: node ids are generated (`s0`, `s1`, ...), so names that
//! differ only in characters a diagram language escapes stay distinct nodes, and labels are
//! escaped for each language. Control characters, which no diagram shows, are drawn as their
//! Unicode control pictures (a tab as `␉`).
//!
//! ```
//! use sfn_dsl::{StateMachine, render};
//!
//! let machine = StateMachine::from_json(r#"{"StartAt": "Hello", "States": {
//!     "Hello": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#)?;
//! let chart = render::mermaid(&machine);
//! assert!(chart.starts_with("flowchart TD\n"));
//! assert!(chart.contains("s0 --> s1"));
//! assert!(render::dot(&machine).starts_with("digraph"));
//! # Ok::<(), sfn_dsl::ParseError>(())
//! ```

mod catcher;
mod dot;
#[cfg(test)]
mod fixtures;
mod label;
mod layout;
mod mermaid;
mod trace;

pub use dot::{dot, dot_traced};
pub use mermaid::{mermaid, mermaid_edge_count, mermaid_traced};
pub use trace::{Trace, TraceError};
