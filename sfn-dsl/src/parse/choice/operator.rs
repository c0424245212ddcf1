//! The names of a JSONPath Choice rule's comparison operators (ASL reference §4.3).

use crate::model::{Relation, TypeTest};

/// The ASL name of a comparison operator, split into its parts.
#[derive(Clone, Copy)]
pub(super) enum OperatorName {
    String(Relation, bool),
    StringMatches,
    Numeric(Relation, bool),
    Boolean(bool),
    Timestamp(Relation, bool),
    Type(TypeTest),
}

/// Every comparison operator's name, for "did you mean" hints.
pub(super) const OPERATOR_NAMES: &[&str] = &[
    "StringEquals",
    "StringEqualsPath",
    "StringLessThan",
    "StringLessThanPath",
    "StringGreaterThan",
    "StringGreaterThanPath",
    "StringLessThanEquals",
    "StringLessThanEqualsPath",
    "StringGreaterThanEquals",
    "StringGreaterThanEqualsPath",
    "StringMatches",
    "NumericEquals",
    "NumericEqualsPath",
    "NumericLessThan",
    "NumericLessThanPath",
    "NumericGreaterThan",
    "NumericGreaterThanPath",
    "NumericLessThanEquals",
    "NumericLessThanEqualsPath",
    "NumericGreaterThanEquals",
    "NumericGreaterThanEqualsPath",
    "BooleanEquals",
    "BooleanEqualsPath",
    "TimestampEquals",
    "TimestampEqualsPath",
    "TimestampLessThan",
    "TimestampLessThanPath",
    "TimestampGreaterThan",
    "TimestampGreaterThanPath",
    "TimestampLessThanEquals",
    "TimestampLessThanEqualsPath",
    "TimestampGreaterThanEquals",
    "TimestampGreaterThanEqualsPath",
    "IsNull",
    "IsPresent",
    "IsNumeric",
    "IsString",
    "IsBoolean",
    "IsTimestamp",
];

pub(super) fn operator_name(key: &str) -> Option<OperatorName> {
    if key == "StringMatches" {
        return Some(OperatorName::StringMatches);
    }
    if let Some(test) = TypeTest::ALL.into_iter().find(|test| test.as_str() == key) {
        return Some(OperatorName::Type(test));
    }
    let (stem, is_path) = match key.strip_suffix("Path") {
        Some(stem) => (stem, true),
        None => (key, false),
    };
    if stem == "BooleanEquals" {
        return Some(OperatorName::Boolean(is_path));
    }
    for (family, make) in [
        (
            "String",
            OperatorName::String as fn(Relation, bool) -> OperatorName,
        ),
        ("Numeric", OperatorName::Numeric),
        ("Timestamp", OperatorName::Timestamp),
    ] {
        if let Some(relation_name) = stem.strip_prefix(family)
            && let Some(relation) = Relation::ALL
                .into_iter()
                .find(|relation| relation.as_str() == relation_name)
        {
            return Some(make(relation, is_path));
        }
    }
    None
}

/// The operator that `key` would be the `…Path` form of, when that operator has none:
/// `StringMatches` for `StringMatchesPath`, `IsNull` for `IsNullPath` (ASL reference §4.3).
pub(super) fn without_path_form(key: &str) -> Option<&'static str> {
    let stem = key.strip_suffix("Path")?;
    match operator_name(stem)? {
        OperatorName::StringMatches | OperatorName::Type(_) => {
            OPERATOR_NAMES.iter().copied().find(|name| *name == stem)
        }
        _ => None,
    }
}

/// How to write the comparison meant by the `…Path` form of `operator`, which has none.
pub(super) fn without_path_form_hint(operator: &str) -> String {
    if operator == "StringMatches" {
        "`StringMatches` compares with a literal pattern only: write `\"StringMatches\": \"log-*.txt\"`, or `StringEqualsPath` to compare with a value of the input".to_owned()
    } else {
        format!(
            "`{operator}` tests the `Variable` itself and takes `true` or `false`: write `\"{operator}\": true`"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{OPERATOR_NAMES, operator_name, without_path_form};

    #[test]
    fn string_matches_and_the_type_tests_have_no_path_form() {
        assert_eq!(
            without_path_form("StringMatchesPath"),
            Some("StringMatches")
        );
        assert_eq!(without_path_form("IsNullPath"), Some("IsNull"));
        assert_eq!(without_path_form("IsTimestampPath"), Some("IsTimestamp"));
        for other in [
            "StringEqualsPath",
            "StringMatches",
            "IsNull",
            "IsNullPathPath",
            "Path",
        ] {
            assert_eq!(without_path_form(other), None, "{other}");
        }
    }

    #[test]
    fn every_operator_name_offered_as_a_fix_is_an_operator() {
        assert!(
            OPERATOR_NAMES
                .iter()
                .all(|name| operator_name(name).is_some())
        );
        let unique: std::collections::BTreeSet<_> = OPERATOR_NAMES.iter().collect();
        // 3 families x 5 relations x 2 forms, `StringMatches`, `BooleanEquals(Path)` and
        // the six type tests.
        assert_eq!((unique.len(), OPERATOR_NAMES.len()), (39, 39));
    }
}
