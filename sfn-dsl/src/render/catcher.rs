//! Which catcher of a state caught an error a history recorded: AWS uses the first catcher
//! whose `ErrorEquals` matches the error.

use crate::model::{Catcher, ErrorName};

/// How surely an `ErrorEquals` list matches a recorded error, from least to most sure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    No,
    /// The history does not tell: it names no error, or names `States.Timeout`, which AWS
    /// also records for a missed heartbeat (`States.HeartbeatTimeout`).
    Maybe,
    Yes,
}

/// Whether the catcher at `index` of `catchers` may be the one that caught `error` (`None`
/// when the history does not name it): it matches the error, and no catcher before it
/// surely does.
pub(super) fn may_have_caught(catchers: &[Catcher], index: usize, error: Option<&str>) -> bool {
    for (position, catcher) in catchers.iter().enumerate() {
        let matched = list_matches(&catcher.error_equals, error);
        if position == index {
            return matched != Match::No;
        }
        if matched == Match::Yes {
            return false;
        }
    }
    false
}

fn list_matches(names: &[ErrorName], error: Option<&str>) -> Match {
    names
        .iter()
        .map(|name| name_matches(name, error))
        .max()
        .unwrap_or(Match::No)
}

fn name_matches(name: &ErrorName, error: Option<&str>) -> Match {
    let timeout = ErrorName::Timeout.as_str();
    match (name, error) {
        (ErrorName::All, _) => Match::Yes,
        (_, None) => Match::Maybe,
        // AWS's wildcard for anything but a timeout.
        (ErrorName::TaskFailed, Some(error)) if error == timeout => Match::No,
        (ErrorName::TaskFailed, Some(_)) => Match::Yes,
        (ErrorName::HeartbeatTimeout, Some(error)) if error == timeout => Match::Maybe,
        (name, Some(error)) if name.as_str() == error => Match::Yes,
        _ => Match::No,
    }
}

#[cfg(test)]
mod tests {
    use super::may_have_caught;
    use crate::model::{Catcher, ErrorName};

    fn catchers(lists: &[&[&str]]) -> Vec<Catcher> {
        lists
            .iter()
            .map(|names| {
                let names: Vec<ErrorName> =
                    names.iter().map(|name| ErrorName::parse(name)).collect();
                Catcher::new(names, "Next")
            })
            .collect()
    }

    /// The first matching catcher is the one: exact names, `States.ALL`, and
    /// `States.TaskFailed` for anything but `States.Timeout`.
    #[test]
    fn the_first_catcher_matching_the_error_caught_it() {
        let list = catchers(&[&["Card.Declined"], &["States.TaskFailed"], &["States.ALL"]]);
        let caught = |error| -> Vec<usize> {
            (0..list.len())
                .filter(|index| may_have_caught(&list, *index, error))
                .collect()
        };
        assert_eq!(caught(Some("Card.Declined")), [0]);
        assert_eq!(caught(Some("Lambda.Unknown")), [1]);
        assert_eq!(caught(Some("States.Timeout")), [2]);
        // No error named: any catcher up to the first `States.ALL`.
        assert_eq!(caught(None), [0, 1, 2]);
        let list = catchers(&[&["States.ALL"], &["Card.Declined"]]);
        assert!(!may_have_caught(&list, 1, None));
        assert!(may_have_caught(&list, 0, None));
    }

    /// AWS records a missed heartbeat as `States.Timeout`: a `States.HeartbeatTimeout`
    /// catcher may have caught it, and so may a later `States.Timeout` one.
    #[test]
    fn a_recorded_timeout_may_be_a_missed_heartbeat() {
        let list = catchers(&[
            &["States.HeartbeatTimeout"],
            &["States.Timeout"],
            &["States.ALL"],
        ]);
        assert!(may_have_caught(&list, 0, Some("States.Timeout")));
        assert!(may_have_caught(&list, 1, Some("States.Timeout")));
        assert!(!may_have_caught(&list, 2, Some("States.Timeout")));
        assert!(!may_have_caught(&list, 3, Some("States.Timeout")));
        let empty = catchers(&[&[], &["E"]]);
        assert!(!may_have_caught(&empty, 0, None));
        assert!(may_have_caught(&empty, 1, Some("E")));
    }
}
