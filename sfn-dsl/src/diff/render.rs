//! The diff as text, one change per line.

use std::fmt;

use super::{Change, Diff};

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::StateAdded { state, r#type, .. } => write!(f, "+ state `{state}` ({type}) added"),
            Self::StateRemoved { state, r#type, .. } => {
                write!(f, "- state `{state}` ({type}) removed")
            }
            Self::StateRenamed { from, to } => write!(f, "~ state `{from}` renamed to `{to}`"),
            Self::StateMoved { state, from, to } => {
                write!(f, "~ state `{state}` moved from {from} to {to}")
            }
            Self::TypeChanged { state, from, to } => {
                write!(f, "~ state `{state}`: Type {from} -> {to}")
            }
            Self::TransitionChanged {
                state,
                field,
                from,
                to,
            } => {
                // Only `Next` ends a state when it goes; a Choice state's `Default` is
                // simply absent.
                let none = if field.ends_with("Next") {
                    "(end)"
                } else {
                    "(none)"
                };
                let target = |value: &Option<String>| {
                    value
                        .as_ref()
                        .map_or_else(|| none.to_owned(), |name| format!("`{name}`"))
                };
                match state {
                    Some(state) => write!(f, "~ state `{state}`: {field} "),
                    None => write!(f, "~ {field} "),
                }?;
                write!(f, "{} -> {}", target(from), target(to))
            }
            Self::ErrorHandlingChanged {
                state,
                field,
                from,
                to,
            } => write!(f, "~ state `{state}`: {field} {from} -> {to}"),
            Self::FieldChanged {
                state,
                field,
                from,
                to,
            } => {
                match state {
                    Some(state) => write!(f, "~ state `{state}`: {field} "),
                    None => write!(f, "~ {field} "),
                }?;
                match (from.is_null(), to.is_null()) {
                    (true, false) => write!(f, "set to {to}"),
                    (false, true) => write!(f, "removed (was {from})"),
                    _ => write!(f, "{from} -> {to}"),
                }
            }
        }
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}
