//! The diff as text, one change per line.

use std::fmt;

use serde_json::Value;

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
            } => {
                write!(f, "~ state `{state}`: {field} ")?;
                values(f, from.as_ref(), to.as_ref())
            }
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
                values(f, from.as_ref(), to.as_ref())
            }
        }
    }
}

/// A field's old and new values (`None` when absent). A field set to `null` is told apart
/// from one removed: in ASL they mean different things (`"ResultPath": null` discards the
/// result, an absent `ResultPath` keeps it whole).
fn values(f: &mut fmt::Formatter<'_>, from: Option<&Value>, to: Option<&Value>) -> fmt::Result {
    match (from, to) {
        (None, Some(to)) => write!(f, "set to {to}"),
        (Some(from), None) => write!(f, "removed (was {from})"),
        (Some(from), Some(Value::Null)) if !from.is_null() => {
            write!(f, "set to null (was {from})")
        }
        (Some(from), Some(to)) => write!(f, "{from} -> {to}"),
        (None, None) => write!(f, "absent"),
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
