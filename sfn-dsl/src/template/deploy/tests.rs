//! Tests of writing a template's `DefinitionSubstitutions` into its definitions.

use crate::StateMachine;
use crate::template::{DefinitionSource, Template};

/// The one state machine of `template` as deployed.
fn deployed(template: &Template) -> Result<StateMachine, crate::ParseError> {
    let [machine] = &template.state_machines().expect("machines")[..] else {
        panic!("one machine")
    };
    let DefinitionSource::Inline(inline) = &machine.definition else {
        panic!("inline")
    };
    let definition = StateMachine::from_json(inline.json()).expect("a definition");
    template.deployed(machine, &definition)
}

/// The value at `pointer` of the one state machine of `template` as deployed.
fn deployed_at(template: &Template, pointer: &str) -> serde_json::Value {
    let machine = deployed(template).expect("deployed");
    machine
        .to_value()
        .pointer(pointer)
        .cloned()
        .unwrap_or_default()
}

/// A template of one state machine of `resource_type` with these `properties`.
fn template(resource_type: &str, properties: &str) -> Template {
    let text = format!(
        r#"{{"Parameters": {{"Stage": {{"Type": "String"}}}}, "Resources": {{"Orders": {{"Type": "AWS::DynamoDB::Table"}}, "M": {{"Type": "{resource_type}", "Properties": {properties}}}}}}}"#
    );
    Template::from_json(&text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

const STEP_FUNCTIONS: &str = "AWS::StepFunctions::StateMachine";
const SERVERLESS: &str = "AWS::Serverless::StateMachine";

#[test]
fn only_values_the_template_alone_decides_are_written_in() {
    let template = Template::from_json(
        r#"{"Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
          "DefinitionSubstitutions": {
            "Tbl": {"Fn::If": ["IsProd", {"Ref": "ProdTable"}, {"Ref": "DevTable"}]},
            "Topic": {"Fn::Sub": ["arn:aws:sns:${AWS::Region}:1:${T}", {"T": {"Fn::GetAtt": ["Alerts", "TopicName"]}}]},
            "Path": {"Fn::Join": ["/", ["a", {"Ref": "B"}]]},
            "Year": 2024
          },
          "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass",
            "Result": {"t": "${Tbl}", "s": "${Topic}", "p": "${Path}", "${Year}": "budget", "y": "${Year}"},
            "End": true}}}}}}}"#,
    )
    .expect("a template");
    assert_eq!(
        deployed_at(&template, "/States/P/Result"),
        serde_json::json!({
            "t": "${Tbl}",
            "s": "arn:aws:sns:${AWS::Region}:1:${Alerts.TopicName}",
            "p": "a/${B}",
            "2024": "budget",
            // A placeholder in a string stays a string.
            "y": "2024"
        })
    );
}

#[test]
fn values_are_written_once_escaped_and_where_no_key_names_them_left() {
    let template = template(
        STEP_FUNCTIONS,
        r#"{"DefinitionSubstitutions": {"A": "${B} \"q\"", "B": "b"}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": "${A}", "w": "${C}", "v": "${B", "n": "${${B}}"}, "End": true}}}}"#,
    );
    assert_eq!(
        deployed_at(&template, "/States/P/Result"),
        serde_json::json!({"x": "${B} \"q\"", "w": "${C}", "v": "${B", "n": "${b}"})
    );
}

#[test]
fn what_cloudformation_writes_is_never_filled_in_from_the_substitutions() {
    // Each key has the name of a `${Name}` that `Fn::Sub` (the parameter `Stage`, the
    // table `Orders`, the pseudo parameter) or `Ref` writes: CloudFormation's, not theirs.
    let substitutions = r#""DefinitionSubstitutions": {"Stage": "from-key", "Orders": "from-key", "AWS::Region": "from-key", "Greeting": "hello"}"#;
    for resource_type in [STEP_FUNCTIONS, SERVERLESS] {
        let template = template(
            resource_type,
            &format!(
                r#"{{{substitutions}, "Definition": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": {{
                  "sub": {{"Fn::Sub": "${{Stage}}/${{Orders}}/${{AWS::Region}}/${{!Greeting}}"}},
                  "ref": {{"Ref": "Orders"}},
                  "join": {{"Fn::Join": ["-", ["${{Greeting}}", {{"Ref": "Stage"}}]]}},
                  "plain": "${{Stage}} ${{Greeting}}"}}, "End": true}}}}}}}}"#
            ),
        );
        assert_eq!(
            deployed_at(&template, "/States/P/Result"),
            serde_json::json!({
                "sub": "${Stage}/${Orders}/${AWS::Region}/hello",
                "ref": "${Orders}",
                "join": "hello-${Stage}",
                "plain": "from-key hello"
            }),
            "{resource_type}"
        );
    }
    // In a `DefinitionString` built by `Fn::Sub` (its map's function values too) or
    // `Fn::Join`.
    let sub = template(
        STEP_FUNCTIONS,
        &format!(
            r#"{{{substitutions}, "DefinitionString": {{"Fn::Sub": ["{{\"StartAt\": \"P\", \"States\": {{\"P\": {{\"Type\": \"Pass\", \"Result\": \"${{Stage}} ${{T}} ${{!Stage}}\", \"End\": true}}}}}}", {{"T": {{"Ref": "Orders"}}}}]}}}}"#
        ),
    );
    assert_eq!(
        deployed_at(&sub, "/States/P/Result"),
        serde_json::json!("${Stage} ${Orders} from-key")
    );
    let join = template(
        STEP_FUNCTIONS,
        &format!(
            r#"{{{substitutions}, "DefinitionString": {{"Fn::Join": ["", ["{{\"StartAt\": \"P\", \"States\": {{\"P\": {{\"Type\": \"Pass\", \"Result\": \"${{Stage}} ", {{"Ref": "Stage"}}, "\", \"End\": true}}}}}}"]]}}}}"#
        ),
    );
    assert_eq!(
        deployed_at(&join, "/States/P/Result"),
        serde_json::json!("from-key ${Stage}")
    );
}

/// An `Fn::Sub` variable whose value is a function: CloudFormation writes the literal
/// text the function gives (an `Fn::Sub`'s `${!Who}`, an `Fn::Join`'s literal parts, the
/// branch of an `Fn::If`, the element of an `Fn::Select`), and the substitutions then fill
/// the `${Who}` in it; only what CloudFormation resolves (a `Ref`) stays unfilled.
#[test]
fn the_literal_text_of_an_fn_sub_variables_function_is_filled_in() {
    let inline = Template::from_json(
        r#"{"Parameters": {"Stage": {"Type": "String"}}, "Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
          "DefinitionSubstitutions": {"Who": "world", "Stage": "from-key"},
          "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {
            "g": {"Fn::Sub": ["${A}", {"A": {"Fn::Sub": "${!Who}"}}]},
            "b": {"Fn::Sub": ["x ${A}", {"A": {"Fn::Join": ["", ["${Who}", "!"]]}}]},
            "i": {"Fn::Sub": ["${A}", {"A": {"Fn::If": ["IsProd", "${Who}", "n"]}}]},
            "s": {"Fn::Sub": ["${A}", {"A": {"Fn::Select": [0, ["${Who}", "b"]]}}]},
            "r": {"Fn::Sub": ["${A}", {"A": {"Fn::Join": ["-", ["${Who}", {"Ref": "Stage"}]]}}]},
            "n": {"Fn::Sub": ["${A}", {"A": {"Fn::Sub": "${Stage} ${!Stage}"}}]}
          }, "End": true}}}}}}}"#,
    )
    .expect("a template");
    assert_eq!(
        deployed_at(&inline, "/States/P/Result"),
        serde_json::json!({
            "g": "world",
            "b": "x world!",
            "i": "world",
            "s": "world",
            "r": "world-${Stage}",
            "n": "${Stage} from-key"
        })
    );
    // In a `DefinitionString` built by `Fn::Sub` too.
    let string = template(
        STEP_FUNCTIONS,
        r#"{"DefinitionSubstitutions": {"Who": "world", "Stage": "from-key"}, "DefinitionString": {"Fn::Sub": ["{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": \"${A}\", \"End\": true}}}", {"A": {"Fn::Join": ["-", ["${Who}", {"Ref": "Stage"}]]}}]}}"#,
    );
    assert_eq!(
        deployed_at(&string, "/States/P/Result"),
        serde_json::json!("world-${Stage}")
    );
}

#[test]
fn a_quoted_whole_placeholder_stays_a_string_and_a_bare_one_takes_its_type() {
    // Quoted, the number is written as the string "5": the definition is refused where
    // it needs a number, and the message says why.
    let quoted = r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "${Delay}", "End": true}}}"#;
    // In a `Definition`, the placeholder is a JSON string because the deployment writes
    // the definition as JSON text, however the template writes it.
    for (resource_type, writer) in [
        (STEP_FUNCTIONS, "CloudFormation writes a"),
        (SERVERLESS, "SAM writes an inline"),
    ] {
        for delay in ["5", r#""5""#] {
            let template = template(
                resource_type,
                &format!(
                    r#"{{"DefinitionSubstitutions": {{"Delay": {delay}}}, "Definition": {quoted}}}"#
                ),
            );
            let error = deployed(&template).expect_err("a string where a number belongs");
            let [issue] = error.issues() else {
                panic!("one issue: {error:?}")
            };
            assert_eq!(issue.pointer, "/States/W/Seconds");
            assert!(
                issue.message.ends_with(&format!(
                    "({writer} `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so the placeholder `${{Delay}}` is inside a JSON string there even as a plain YAML scalar, and the deployment replaces the text `${{Delay}}` alone, so it writes the string `\"5\"`)"
                )),
                "{}",
                issue.message
            );
        }
    }
    // Quoted in a `DefinitionString` too.
    let string = template(
        STEP_FUNCTIONS,
        &format!(
            r#"{{"DefinitionSubstitutions": {{"Delay": 5}}, "DefinitionString": {}}}"#,
            serde_json::to_string(quoted).expect("a string")
        ),
    );
    let error = deployed(&string).expect_err("a string where a number belongs");
    assert!(
        error.issues()[0].message.ends_with(
            "(the placeholder `\"${Delay}\"` is quoted, and the deployment replaces the text `${Delay}` alone, so it writes the string `\"5\"`)"
        ),
        "{error}"
    );
    // Bare in a `DefinitionString`, a number (a string value too, read as JSON).
    let bare = quoted.replace(r#""${Delay}""#, "${Delay}");
    for delay in ["5", r#""5""#] {
        let template = template(
            STEP_FUNCTIONS,
            &format!(
                r#"{{"DefinitionSubstitutions": {{"Delay": {delay}}}, "DefinitionString": {}}}"#,
                serde_json::to_string(&bare).expect("a string")
            ),
        );
        assert_eq!(
            deployed_at(&template, "/States/W/Seconds"),
            serde_json::json!(5)
        );
    }
    // Where a string belongs, a number stays one as a string.
    let template = template(
        STEP_FUNCTIONS,
        r#"{"DefinitionSubstitutions": {"Delay": 5}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "${Delay}", "End": true}}}}"#,
    );
    assert_eq!(
        deployed_at(&template, "/States/P/Result"),
        serde_json::json!("5")
    );
}

#[cfg(feature = "yaml")]
#[test]
fn in_a_yaml_file_a_plain_scalar_takes_its_type_and_a_quoted_one_stays_a_string() {
    let template = template(
        SERVERLESS,
        r#"{"DefinitionUri": "m.asl.yaml", "DefinitionSubstitutions": {"Delay": 5, "Note": "a b"}}"#,
    );
    let [machine] = &template.state_machines().expect("machines")[..] else {
        panic!("one machine")
    };
    let plain = "StartAt: W\nStates:\n  W:\n    Type: Wait\n    Seconds: ${Delay}\n    Comment: ${Note}\n    End: true\n";
    let deployed = template.deployed_yaml(machine, plain).expect("deployed");
    let value = deployed.to_value();
    assert_eq!(value["States"]["W"]["Seconds"], serde_json::json!(5));
    assert_eq!(value["States"]["W"]["Comment"], serde_json::json!("a b"));
    for quoted in ["\"${Delay}\"", "'${Delay}'"] {
        let error = template
            .deployed_yaml(machine, &plain.replace("${Delay}", quoted))
            .expect_err("a string where a number belongs");
        assert_eq!(error.issues()[0].pointer, "/States/W/Seconds");
        assert!(error.issues()[0].message.contains("is quoted"), "{error}");
    }
}

/// The deployment replaces the text of a YAML file before it is read: a bare value is
/// read by YAML's rules (`True`, `+5`), not JSON's, in the place it is written, and a value
/// that makes the YAML invalid there refuses the definition.
#[cfg(feature = "yaml")]
#[test]
fn in_a_yaml_file_a_bare_value_is_read_as_yaml_reads_it_where_it_is_written() {
    let template = template(
        SERVERLESS,
        r#"{"DefinitionUri": "m.asl.yaml", "DefinitionSubstitutions": {"TrueText": "True", "Plus": "+5", "Colon": "a: b", "List": "[1, x]"}}"#,
    );
    let [machine] = &template.state_machines().expect("machines")[..] else {
        panic!("one machine")
    };
    let yaml = |parameters: &str| {
        format!(
            "StartAt: P\nStates:\n  P:\n    Type: Pass\n    Parameters:\n{parameters}    End: true\n"
        )
    };
    let deployed = template
        .deployed_yaml(
            machine,
            &yaml("      tru: ${TrueText}\n      plus: ${Plus}\n      list: ${List}\n      items:\n        - ${Colon}\n"),
        )
        .expect("deployed");
    assert_eq!(
        deployed.to_value()["States"]["P"]["Parameters"],
        serde_json::json!({"tru": true, "plus": 5, "list": [1, "x"], "items": [{"a": "b"}]})
    );
    let error = template
        .deployed_yaml(machine, &yaml("      colon: ${Colon}\n"))
        .expect_err("`colon: a: b` is not YAML");
    let [issue] = error.issues() else {
        panic!("one issue: {error:?}")
    };
    assert_eq!(issue.kind, crate::ParseIssueKind::Yaml);
    assert!(
        issue.message.starts_with(
            "with the `DefinitionSubstitutions` written in, the text is not valid YAML"
        ),
        "{}",
        issue.message
    );
    // The values are written into the text: anchors, aliases and merge keys carry them,
    // and a block scalar stays a string.
    let numbered = self::template(
        SERVERLESS,
        r#"{"DefinitionUri": "m.asl.yaml", "DefinitionSubstitutions": {"N": 7}}"#,
    );
    let [machine] = &numbered.state_machines().expect("machines")[..] else {
        panic!("one machine")
    };
    let deployed = numbered
        .deployed_yaml(
            machine,
            &yaml("      base: &b\n        n: ${N}\n      merged:\n        <<: *b\n      copy: *b\n      a: &x ${N}\n      c: *x\n      fold: >-\n        ${N}\n      after: z\n"),
        )
        .expect("deployed");
    assert_eq!(
        deployed.to_value()["States"]["P"]["Parameters"],
        serde_json::json!({"base": {"n": 7}, "merged": {"n": 7}, "copy": {"n": 7}, "a": 7, "c": 7, "fold": "7", "after": "z"})
    );
}

#[test]
fn keys_the_values_make_equal_are_a_duplicate_key_not_a_lost_field() {
    let error = deployed(&template_with_b("id")).expect_err("two keys become `id`");
    let [issue] = error.issues() else {
        panic!("one issue: {error:?}")
    };
    assert_eq!(issue.kind, crate::ParseIssueKind::DuplicateKey);
    assert_eq!(issue.pointer, "/States/P/Result/${B}");
    assert!(
        issue
            .message
            .starts_with("the keys `${A}` and `${B}` of this object both become `id`"),
        "{}",
        issue.message
    );
    // Distinct values keep both fields.
    assert_eq!(
        deployed_at(&template_with_b("other"), "/States/P/Result"),
        serde_json::json!({"id": 1, "other": 2})
    );
}

/// A Pass state whose `Result` has the keys `${A}` and `${B}`, `A` written in as `id`.
fn template_with_b(b: &str) -> Template {
    template(
        STEP_FUNCTIONS,
        &format!(
            r#"{{"DefinitionSubstitutions": {{"A": "id", "B": "{b}"}}, "Definition": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": {{"${{A}}": 1, "${{B}}": 2}}, "End": true}}}}}}}}"#
        ),
    )
}
