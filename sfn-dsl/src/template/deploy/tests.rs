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

/// The deployment writes a value's text into the definition's JSON text as it is: inside
/// a JSON string, its `\` and `"` are JSON's (`C:\temp\new` holds a tab and a line feed).
#[test]
fn values_are_written_into_the_json_text_as_they_are() {
    for resource_type in [STEP_FUNCTIONS, SERVERLESS] {
        let template = template(
            resource_type,
            r#"{"DefinitionSubstitutions": {"Path": "C:\\temp\\new", "Esc": "a\\u0041", "B": "b"}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"p": "${Path}", "e": "${Esc}", "w": "${C}", "v": "${B", "n": "${${B}}"}, "End": true}}}}"#,
        );
        assert_eq!(
            deployed_at(&template, "/States/P/Result"),
            serde_json::json!({"p": "C:\temp\new", "e": "aA", "w": "${C}", "v": "${B", "n": "${b}"}),
            "{resource_type}"
        );
    }
    // In a `DefinitionString` too, and a value may add JSON of its own.
    let string = template(
        STEP_FUNCTIONS,
        r#"{"DefinitionSubstitutions": {"More": "x\", \"extra\": \"y"}, "DefinitionString": "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": {\"a\": \"${More}\"}, \"End\": true}}}"}"#,
    );
    assert_eq!(
        deployed_at(&string, "/States/P/Result"),
        serde_json::json!({"a": "x", "extra": "y"})
    );
}

/// A value that makes the JSON text invalid is refused, as the deployment refuses it, at
/// the value in the template, naming its key.
#[test]
fn a_value_that_makes_the_json_invalid_is_refused_naming_its_key() {
    for resource_type in [STEP_FUNCTIONS, SERVERLESS] {
        let template = template(
            resource_type,
            r#"{"DefinitionSubstitutions": {"Fine": "ok", "Quote": "say \"hi\""}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"f": "${Fine}", "q": "${Quote}"}, "End": true}}}}"#,
        );
        let error = deployed(&template).expect_err("invalid JSON");
        let [issue] = error.issues() else {
            panic!("one issue: {error:?}")
        };
        assert_eq!(issue.kind, crate::ParseIssueKind::Substitution);
        assert_eq!(
            issue.pointer,
            "/Resources/M/Properties/DefinitionSubstitutions/Quote"
        );
        let at = template.locate(&issue.pointer).expect("placed");
        assert_eq!(issue.span, at);
        assert!(issue.line > 0 && issue.column > 0);
        assert!(
            issue.message.starts_with(
                "written into the definition's JSON text at /States/P/Result/q, the value of `Quote` (`say \"hi\"`) makes it invalid JSON ("
            ),
            "{}",
            issue.message
        );
        assert!(
            issue
                .message
                .contains("the deployment would refuse the machine")
        );
        assert_eq!(
            issue.hint.as_deref(),
            Some(
                r#"inside a JSON string the value's text must be JSON-escaped, `say \"hi\"`: in a YAML template write that single-quoted, in a JSON template with each `\` doubled"#
            )
        );
    }
}

/// The deployment writes the values in over and over until nothing changes
/// (`replaceEachRepeatedly`): a value's own `${Key}` is filled in too, and keys whose
/// values name each other fail the deployment.
#[test]
fn values_are_written_into_until_nothing_changes_and_a_cycle_is_refused() {
    let chained = template(
        SERVERLESS,
        r#"{"DefinitionSubstitutions": {"Outer": "prefix-${Inner}", "Inner": "inner"}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "${Outer}", "End": true}}}}"#,
    );
    assert_eq!(
        deployed_at(&chained, "/States/P/Result"),
        serde_json::json!("prefix-inner")
    );
    for (substitutions, key, named) in [
        (r#"{"A": "${A}"}"#, "A", "of `A` holds `${A}` itself"),
        (
            r#"{"A": "x${B}", "B": "${A}"}"#,
            "A",
            "of `A`, `B` name each other in a cycle (`A` -> `B` -> `A`)",
        ),
    ] {
        let template = template(
            SERVERLESS,
            &format!(
                r#"{{"DefinitionSubstitutions": {substitutions}, "Definition": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": "${{A}}", "End": true}}}}}}}}"#
            ),
        );
        let error = deployed(&template).expect_err("a cycle");
        let [issue] = error.issues() else {
            panic!("one issue: {error:?}")
        };
        assert_eq!(issue.kind, crate::ParseIssueKind::Substitution);
        assert_eq!(
            issue.pointer,
            format!("/Resources/M/Properties/DefinitionSubstitutions/{key}")
        );
        assert!(issue.message.contains(named), "{}", issue.message);
        assert!(
            issue
                .message
                .contains("never settles: the deployment fails")
        );
    }
    // A cycle the definition never reaches is never written in.
    let unused = template(
        SERVERLESS,
        r#"{"DefinitionSubstitutions": {"A": "${A}", "B": "b"}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "${B}", "End": true}}}}"#,
    );
    assert_eq!(
        deployed_at(&unused, "/States/P/Result"),
        serde_json::json!("b")
    );
}

/// The resource takes strings, integers and booleans (`anyOf [string, integer,
/// boolean]`); functions give strings.
#[test]
fn values_of_a_type_the_deployment_refuses_are_errors() {
    let template = template(
        SERVERLESS,
        r#"{"DefinitionSubstitutions": {"S": "s", "I": 5, "B": true, "F": {"Fn::GetAtt": ["Orders", "Arn"]}, "List": [1, 2], "Map": {"a": 1}, "Null": null, "Ratio": 1.5}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "${S}", "End": true}}}}"#,
    );
    let error = deployed(&template).expect_err("refused values");
    let found: Vec<(&str, &str)> = error
        .issues()
        .iter()
        .map(|issue| {
            assert_eq!(issue.kind, crate::ParseIssueKind::Substitution);
            let key = issue.pointer.rsplit('/').next().unwrap_or_default();
            let what = issue
                .message
                .split(" is ")
                .nth(1)
                .and_then(|rest| rest.split(", which").next())
                .unwrap_or_default();
            (key, what)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("List", "a list"),
            ("Map", "a map"),
            ("Null", "null"),
            ("Ratio", "the number 1.5, not an integer")
        ]
    );
    assert!(error.issues()[0].message.ends_with(
        "which the deployment refuses: each value must be a string, an integer or a boolean"
    ));
    // Without them, the others are written in.
    let accepted = self::template(
        SERVERLESS,
        r#"{"DefinitionSubstitutions": {"S": "s", "I": 5, "B": true, "F": {"Fn::GetAtt": ["Orders", "Arn"]}}, "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "${S} ${I} ${B} ${F}", "End": true}}}}"#,
    );
    assert_eq!(
        deployed_at(&accepted, "/States/P/Result"),
        serde_json::json!("s 5 true ${Orders.Arn}")
    );
}

/// The deployment reads a file that is not JSON (with the values written in) as YAML.
#[cfg(feature = "yaml")]
#[test]
fn a_json_file_that_is_not_json_with_the_values_written_in_is_read_as_yaml() {
    let template = template(
        SERVERLESS,
        r#"{"DefinitionUri": "m.asl.json", "DefinitionSubstitutions": {"Tab": "a\tb", "Quote": "say \"hi\""}}"#,
    );
    let [machine] = &template.state_machines().expect("machines")[..] else {
        panic!("one machine")
    };
    let file = |result: &str| {
        StateMachine::from_json(&format!(
            r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#
        ))
        .expect("a definition")
    };
    // A tab is no character of a JSON string, but is one of a YAML one.
    let deployed = template
        .deployed(machine, &file("${Tab}"))
        .expect("read as YAML");
    assert_eq!(
        deployed.to_value()["States"]["P"]["Result"],
        serde_json::json!("a\tb")
    );
    let error = template
        .deployed(machine, &file("${Quote}"))
        .expect_err("neither JSON nor YAML");
    assert_eq!(
        error.issues()[0].pointer,
        "/Resources/M/Properties/DefinitionSubstitutions/Quote"
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
    assert_eq!(issue.kind, crate::ParseIssueKind::Substitution);
    assert_eq!(
        issue.pointer,
        "/Resources/M/Properties/DefinitionSubstitutions/Colon"
    );
    assert!(
        issue.message.starts_with(
            "written into the definition's YAML text at line 6, the value of `Colon` (`a: b`) makes it invalid YAML ("
        ),
        "{}",
        issue.message
    );
    assert_eq!(issue.hint, None);
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
            .starts_with("the key `${B}` of this object becomes `id` when the `DefinitionSubstitutions` are written in, as a key before it does"),
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
