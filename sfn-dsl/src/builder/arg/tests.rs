//! Unit tests of writing and inspecting [`Arg`](super::Arg) values.

use serde_json::json;

use super::{Arg, Request, Unwritable};
use crate::model::{Key, Payload, PayloadObject, QueryLanguage};

fn written(arg: &Arg, language: QueryLanguage) -> Result<serde_json::Value, Unwritable> {
    let mut object = PayloadObject::new();
    arg.clone()
        .write(Key::Borrowed("K"), language, &mut object)?;
    Ok(Payload::Object(object).to_json_value())
}

#[test]
fn portable_forms_are_written_in_each_language() {
    use QueryLanguage::{JsonPath, Jsonata};
    let cases = [
        (
            Arg::input(),
            json!({"K.$": "$"}),
            json!({"K": "{% $states.input %}"}),
        ),
        (
            Arg::input_field("a.b"),
            json!({"K.$": "$.a.b"}),
            json!({"K": "{% $states.input.a.b %}"}),
        ),
        (
            Arg::var("x"),
            json!({"K.$": "$x"}),
            json!({"K": "{% $x %}"}),
        ),
        (
            Arg::task_token(),
            json!({"K.$": "$$.Task.Token"}),
            json!({"K": "{% $states.context.Task.Token %}"}),
        ),
        (Arg::from(3), json!({"K": 3}), json!({"K": 3})),
    ];
    for (arg, jsonpath, jsonata) in cases {
        assert_eq!(written(&arg, JsonPath), Ok(jsonpath));
        assert_eq!(written(&arg, Jsonata), Ok(jsonata));
    }
}

#[test]
fn language_specific_forms_report_the_language_they_need() {
    assert_eq!(
        written(&Arg::path("$.a"), QueryLanguage::Jsonata),
        Err(Unwritable::Needs(QueryLanguage::JsonPath))
    );
    assert_eq!(
        written(&Arg::intrinsic("States.UUID()"), QueryLanguage::JsonPath),
        Ok(json!({"K.$": "States.UUID()"}))
    );
    assert_eq!(
        written(&Arg::jsonata("1 + 1"), QueryLanguage::JsonPath),
        Err(Unwritable::Needs(QueryLanguage::Jsonata))
    );
    assert_eq!(
        written(&Arg::jsonata("  1 + 1 "), QueryLanguage::Jsonata),
        Ok(json!({"K": "{% 1 + 1 %}"}))
    );
}

#[test]
fn finite_floats_are_numbers_and_the_others_are_kept_to_be_reported() {
    assert_eq!(Arg::from(0.5), Arg::value(json!(0.5)));
    assert_eq!(Arg::from(-0.0).non_finite(), None);
    assert_eq!(Arg::from(f64::MAX), Arg::value(json!(f64::MAX)));
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let arg = Arg::from(value);
        assert!(matches!(arg, Arg::NonFinite(kept) if kept.to_bits() == value.to_bits()));
        for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
            assert_eq!(written(&arg, language), Err(Unwritable::NonFinite));
        }
    }
}

#[test]
fn a_non_finite_float_is_found_at_any_depth() {
    let nested = Arg::object(Request::new().field("ok", 1.5).field(
        "items",
        Arg::array([Arg::from(2.0), Arg::from(f64::INFINITY)]),
    ));
    assert_eq!(nested.non_finite(), Some(f64::INFINITY));
    // An array item JSONPath cannot evaluate is a float problem, not a language one.
    assert_eq!(nested.mismatch(QueryLanguage::JsonPath), None);
    assert_eq!(
        written(&nested, QueryLanguage::JsonPath),
        Err(Unwritable::NonFinite)
    );
    assert_eq!(
        Arg::object(Request::new().field("ok", 1.5)).non_finite(),
        None
    );
}
