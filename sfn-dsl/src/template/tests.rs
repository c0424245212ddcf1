//! Tests of reading templates: each property form, each function form, JSON and YAML, and
//! templates that are wrong.

use super::{DefinitionSource, StateMachineType, Template, TemplateErrorKind};
use crate::validate::{Code, Options, Report, WorkflowType, validate_template_machine};

/// The one state machine of a template.
fn only(template: &Template) -> super::TemplateStateMachine {
    let machines = template.state_machines().expect("resources");
    let [machine] = &machines[..] else {
        panic!("one state machine: {machines:#?}")
    };
    machine.clone()
}

/// The JSON of the one state machine's inline definition.
fn inline_json(template: &Template) -> String {
    match only(template).definition {
        DefinitionSource::Inline(definition) => definition.json().to_owned(),
        other => panic!("inline: {other:?}"),
    }
}

fn json_template(properties: &str) -> Template {
    let text = format!(
        r#"{{"Resources": {{"M": {{"Type": "AWS::StepFunctions::StateMachine", "Properties": {properties}}}}}}}"#
    );
    Template::from_json(&text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

fn report(template: &Template) -> Report {
    validate_template_machine(template, &only(template), &Options::default()).expect("inline")
}

/// The first diagnostic of `code` of the template's only state machine.
fn reported(template: &Template, code: Code) -> crate::validate::Diagnostic {
    let found = report(template);
    found
        .diagnostics()
        .iter()
        .find(|diagnostic| diagnostic.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code:?} in {found:?}"))
}

/// Code, pointer and line of every diagnostic.
fn problems(report: &Report) -> Vec<(Code, String, usize)> {
    report
        .diagnostics()
        .iter()
        .map(|d| (d.code, d.pointer.clone(), d.line.unwrap_or(0)))
        .collect()
}

/// A one-state definition around a Task `Resource` (any JSON).
fn task(resource: &str) -> String {
    format!(
        r#"{{"Definition": {{"StartAt": "T", "States": {{"T": {{"Type": "Task", "Resource": {resource}, "End": true}}}}}}}}"#
    )
}

fn resource_of(template: &Template) -> String {
    let json = inline_json(template);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    value["States"]["T"]["Resource"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn each_function_form_becomes_a_placeholder() {
    let cases = [
        (r#"{"Ref": "Fn"}"#, "${Fn}"),
        (r#"{"Fn::GetAtt": ["Fn", "Arn"]}"#, "${Fn.Arn}"),
        (r#"{"Fn::GetAtt": "Fn.Arn"}"#, "${Fn.Arn}"),
        (
            r#"{"Fn::Sub": "arn:${AWS::Partition}:states:::lambda:invoke"}"#,
            "arn:${AWS::Partition}:states:::lambda:invoke",
        ),
        (
            r#"{"Fn::Sub": ["arn:aws:lambda:${R}:1:function:f", {"R": {"Ref": "AWS::Region"}}]}"#,
            "arn:aws:lambda:${AWS::Region}:1:function:f",
        ),
        (
            r#"{"Fn::Join": [":", ["arn", {"Ref": "AWS::Partition"}, "lambda", {"Fn::GetAtt": ["F", "Region"]}]]}"#,
            "arn:${AWS::Partition}:lambda:${F.Region}",
        ),
        (
            r#"{"Fn::If": ["Prod", {"Ref": "A"}, {"Ref": "B"}]}"#,
            "${A}",
        ),
        (
            r#"{"Fn::If": ["Prod", {"Ref": "AWS::NoValue"}, {"Ref": "B"}]}"#,
            "${B}",
        ),
        (
            r#"{"Fn::Select": [1, [{"Ref": "A"}, {"Ref": "B"}]]}"#,
            "${B}",
        ),
        (r#"{"Fn::Select": ["0", {"Ref": "List"}]}"#, "${Fn::Select}"),
        (r#"{"Fn::ImportValue": "SharedArn"}"#, "${Fn::ImportValue}"),
        (r#"{"Fn::FindInMap": ["M", "a", "b"]}"#, "${Fn::FindInMap}"),
        // Nested: a Sub inside a Join inside an If.
        (
            r#"{"Fn::If": ["C", {"Fn::Join": ["", [{"Fn::Sub": "arn:${AWS::Partition}"}, ":states:::sqs:sendMessage"]]}, "x"]}"#,
            "arn:${AWS::Partition}:states:::sqs:sendMessage",
        ),
        // A Join whose list is a function is known only at deployment.
        (r#"{"Fn::Join": ["", {"Ref": "Parts"}]}"#, "${Fn::Join}"),
    ];
    for (function, placeholder) in cases {
        let template = json_template(&task(function));
        assert_eq!(resource_of(&template), placeholder, "{function}");
        // None of them is a problem to the validator.
        assert_eq!(problems(&report(&template)), [], "{function}");
    }
}

#[test]
fn values_around_functions_are_copied_as_written() {
    let template = json_template(
        r#"{"Definition": {"Comment": "caf\u00e9", "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1.50e1, "Next": "T"}, "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": {"Ref": "Fn"}, "List": [{"Ref": "A"}, 2, null, true]}, "End": true}}}}"#,
    );
    assert_eq!(
        inline_json(&template),
        r#"{"Comment":"caf\u00e9","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1.50e1,"Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"${Fn}","List":["${A}",2,null,true]},"End":true}}}"#
    );
}

#[test]
#[cfg(feature = "yaml")]
fn yaml_short_forms_read_as_the_json_long_forms() {
    let yaml = r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: T
        States:
          T:
            Type: Task
            Resource: !Sub arn:${AWS::Partition}:states:::lambda:invoke
            Parameters:
              FunctionName: !GetAtt Fn.Arn
              Table: !Ref Table
              Key: !Join ['-', [!Ref Stage, !Select [0, [a, b]]]]
              Queue: !If [Prod, !ImportValue ProdQueue, queue]
            End: true
"#;
    let template = Template::from_yaml(yaml).expect("template");
    assert!(template.is_template());
    assert_eq!(
        inline_json(&template),
        r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:${AWS::Partition}:states:::lambda:invoke","Parameters":{"FunctionName":"${Fn.Arn}","Table":"${Table}","Key":"${Stage}-a","Queue":"${Fn::ImportValue}"},"End":true}}}"#
    );
    assert!(report(&template).is_clean(), "{:?}", report(&template));
}

#[test]
fn each_definition_property_form() {
    // SAM: DefinitionUri as a path, as an S3 URI, as an S3 object.
    let sam = |property: &str| {
        let text = format!(
            r#"{{"Transform": "AWS::Serverless-2016-10-31", "Resources": {{"M": {{"Type": "AWS::Serverless::StateMachine", "Properties": {{{property}, "DefinitionSubstitutions": {{"B": 1, "A": 2}}}}}}}}}}"#
        );
        only(&Template::from_json(&text).expect("template"))
    };
    let machine = sam(r#""DefinitionUri": "machines/m.asl.yaml""#);
    assert_eq!(machine.resource_type, StateMachineType::Serverless);
    assert_eq!(
        machine.substitutions,
        Some(vec!["B".to_owned(), "A".to_owned()])
    );
    assert_eq!(
        machine.definition,
        DefinitionSource::File {
            path: "machines/m.asl.yaml".to_owned(),
            pointer: "/Resources/M/Properties/DefinitionUri".to_owned()
        }
    );
    for uri in [
        r#""s3://bucket/m.json""#,
        r#"{"Bucket": "b", "Key": "m.json"}"#,
    ] {
        let machine = sam(&format!(r#""DefinitionUri": {uri}"#));
        let DefinitionSource::NotLocal { reason, pointer } = machine.definition else {
            panic!("not local: {uri}")
        };
        assert_eq!(pointer, "/Resources/M/Properties/DefinitionUri");
        assert!(reason.contains("S3"), "{reason}");
    }
    // CloudFormation: DefinitionS3Location, and a Definition given by Fn::Transform.
    for (properties, property) in [
        (
            r#"{"DefinitionS3Location": {"Bucket": "b", "Key": "k"}}"#,
            "DefinitionS3Location",
        ),
        (
            r#"{"Definition": {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}}"#,
            "Definition",
        ),
        (
            r#"{"DefinitionString": {"Fn::ImportValue": "Shared"}}"#,
            "DefinitionString",
        ),
    ] {
        let DefinitionSource::NotLocal { reason, pointer } =
            only(&json_template(properties)).definition
        else {
            panic!("not local: {properties}")
        };
        assert_eq!(pointer, format!("/Resources/M/Properties/{property}"));
        assert!(reason.contains(property), "{reason}");
    }
}

#[test]
fn definition_strings_in_each_form_are_read_and_validated() {
    let definition = r#"{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": ${Delay}, \"Next\": \"T\"}, \"T\": {\"Type\": \"Task\", \"Resource\": \"${FnArn}\", \"End\": true}}}"#;
    // With the names inside an `Fn::Sub` that CloudFormation does not know.
    let forms = [
        (format!(r#""{definition}""#), vec![]),
        (
            format!(r#"{{"Fn::Sub": "{definition}"}}"#),
            vec!["Delay", "FnArn"],
        ),
        (
            format!(
                r#"{{"Fn::Sub": ["{definition}", {{"FnArn": {{"Fn::GetAtt": ["F", "Arn"]}}}}]}}"#
            ),
            vec!["Delay"],
        ),
    ];
    for (form, unknown) in &forms {
        let template = json_template(&format!(
            r#"{{"DefinitionString": {form}, "DefinitionSubstitutions": {{"Delay": 5, "FnArn": "f"}}}}"#
        ));
        // The bare `${Delay}` (a number once substituted) is read as a placeholder.
        assert!(inline_json(&template).contains(r#""Seconds": "${Delay}""#));
        // Inside an `Fn::Sub`, `${Delay}` and `${FnArn}` are CloudFormation's, which knows
        // neither (unless the map gives it): the deployment refuses them.
        let messages: Vec<String> = report(&template)
            .diagnostics()
            .iter()
            .map(|diagnostic| {
                assert_eq!(diagnostic.code, Code::UnknownSubstitution, "{form}");
                diagnostic.message.clone()
            })
            .collect();
        let expected: Vec<String> = unknown
            .iter()
            .map(|name| format!("`${{{name}}}` in an `Fn::Sub` names no variable of its map and no parameter, resource or pseudo parameter of the template, so CloudFormation refuses the template"))
            .collect();
        assert_eq!(messages, expected, "{form}");
    }
    let joined = json_template(
        r#"{"DefinitionString": {"Fn::Join": ["", ["{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"", {"Fn::GetAtt": ["F", "Arn"]}, "\", \"TimeoutSeconds\": ", {"Ref": "Timeout"}, ", \"End\": true}}}"]]}}"#,
    );
    assert_eq!(
        inline_json(&joined),
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${F.Arn}", "TimeoutSeconds": "${Timeout}", "End": true}}}"#
    );
    assert_eq!(problems(&report(&joined)), []);
}

#[test]
fn problems_land_on_the_template_lines() {
    let text = r#"{
  "Resources": {
    "M": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "Definition": {
          "StartAt": "T",
          "States": {
            "T": {
              "Type": "Task",
              "Resource": {"Fn::GetAtt": ["F", "Arn"]},
              "OutputPath": "$.a[",
              "Next": "Missing"
            }
          }
        }
      }
    }
  }
}"#;
    let template = Template::from_json(text).expect("template");
    let report = report(&template);
    let prefix = "/Resources/M/Properties/Definition/States/T";
    assert_eq!(
        problems(&report),
        [
            (Code::InvalidPath, format!("{prefix}/OutputPath"), 12),
            (Code::UnknownTarget, format!("{prefix}/Next"), 13),
        ]
    );
    // The path problem is placed inside the string, the target at its value.
    let at = |index: usize| {
        let span = report.diagnostics()[index].span.expect("span");
        &text[span.start..span.end]
    };
    assert!(!at(0).starts_with('"'), "{}", at(0));
    assert_eq!(at(1), r#""Missing""#);
}

#[test]
#[cfg(feature = "yaml")]
fn problems_below_a_branch_land_in_the_branch() {
    let yaml = "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A: !If\n            - Prod\n            - Type: Pass\n              Nxt: B\n            - Type: Succeed\n          B: {Type: Succeed}\n";
    let template = Template::from_yaml(yaml).expect("template");
    let report = report(&template);
    let unknown = report
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::UnknownField)
        .expect("the misspelt field");
    assert_eq!(
        unknown.pointer,
        "/Resources/M/Properties/Definition/States/A/Fn::If/1/Nxt"
    );
    assert_eq!((unknown.line, unknown.column), (Some(11), Some(15)));
}

#[test]
#[cfg(feature = "yaml")]
fn definition_string_problems_land_on_their_part() {
    let yaml = "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Join\n        - ''\n        - - '{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"'\n          - !GetAtt F.Arn\n          - '\", \"Next\": \"Gone\"}}}'\n";
    let template = Template::from_yaml(yaml).expect("template");
    let report = report(&template);
    // The missing target alone: the way out it would lead to is not reported again.
    let [problem] = report.diagnostics() else {
        panic!("one problem: {report:?}")
    };
    assert_eq!(problem.code, Code::UnknownTarget);
    assert_eq!(
        problem.pointer,
        "/Resources/M/Properties/DefinitionString/States/T/Next"
    );
    assert_eq!(problem.line, Some(9));
    // Inside the part, which YAML writes character for character: the value itself.
    let at = |span: Option<crate::source::Span>| {
        let span = span.expect("span");
        &yaml[span.start..span.end]
    };
    assert_eq!(at(problem.span), r#""Gone""#);
}

#[test]
#[cfg(feature = "yaml")]
fn definition_string_problems_land_inside_block_scalars() {
    // The way AWS's documentation writes it: `!Sub |` and the JSON on the lines below.
    let yaml = "Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          \"StartAt\": \"T\",
          \"States\": {
            \"T\": {
              \"Type\": \"Task\",
              \"Resource\": \"${Fn.Arn}\",

              \"Next\": \"Gone\"
            }
          }
        }
";
    let template = Template::from_yaml(yaml).expect("template");
    let problem = reported(&template, Code::UnknownTarget);
    let span = problem.span.expect("span");
    assert_eq!(&yaml[span.start..span.end], "\"Gone\"");
    assert_eq!((problem.line, problem.column), (Some(13), Some(23)));
    // Folded, with a chomping indicator: lines joined by spaces, still placed.
    let folded = yaml
        .replace("!Sub |", ">-")
        .replace(
            "${Fn.Arn}",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
        )
        .replace("\n\n", "\n");
    let template = Template::from_yaml(&folded).expect("template");
    let problem = reported(&template, Code::UnknownTarget);
    let span = problem.span.expect("span");
    assert_eq!(&folded[span.start..span.end], "\"Gone\"");
    assert_eq!(problem.line, Some(12));
}

#[test]
fn dynamic_references_are_deployment_values() {
    // CloudFormation resolves `{{resolve:…}}` when it deploys: not an invalid ARN, not an
    // unknown substitution (the substitutions are known here).
    let template = json_template(
        r#"{"DefinitionSubstitutions": {"Queue": "q"}, "Definition": {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "{{resolve:ssm:/app/fn-arn}}", "Next": "Q"},
          "Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "{{resolve:ssm:/app/queue-url:3}}", "MessageBody.$": "$"}, "End": true}}}}"#,
    );
    assert_eq!(report_codes(&template), []);
    // Bare in a `DefinitionString`, where a number belongs.
    let template = json_template(
        r#"{"DefinitionString": {"Fn::Sub": "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": {{resolve:ssm:/app/delay}}, \"End\": true}}}"}}"#,
    );
    assert_eq!(report_codes(&template), []);
    // A problem that shows the value shows it as written.
    let template = json_template(
        r#"{"Definition": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "{{resolve:ssm:/app/next}}"}}}}"#,
    );
    let problem = reported(&template, Code::UnknownTarget);
    assert!(
        problem.message.contains("`{{resolve:ssm:/app/next}}`"),
        "{}",
        problem.message
    );
}

#[test]
fn definition_string_problems_land_inside_json_strings() {
    // A plain string, escapes and all.
    let text = r#"{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
  "DefinitionSubstitutions": {"Delay": 1},
  "DefinitionString": "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": ${Delay}, \"Comment\": \"caf\u00e9\", \"Next\": \"Gone\"}}}"
}}}}"#;
    let template = Template::from_json(text).expect("JSON");
    let problem = reported(&template, Code::UnknownTarget);
    let span = problem.span.expect("span");
    // After the quoted `${Delay}` and the escaped `é`, still on the target.
    assert_eq!(&text[span.start..span.end], r#"\"Gone\""#);
    assert_eq!(problem.line, Some(3));
    // CDK's form: an `Fn::Join` of strings and functions.
    let text = r#"{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionString": {"Fn::Join": ["", [
  "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"",
  {"Fn::GetAtt": ["F", "Arn"]},
  "\",\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"],\"MaxAttempts\":-1}],\"End\":true}}}"
]]}}}}}"#;
    let template = Template::from_json(text).expect("JSON");
    let found = report(&template);
    let [problem] = found.diagnostics() else {
        panic!("one problem: {found:?}")
    };
    let span = problem.span.expect("span");
    assert_eq!(&text[span.start..span.end], "-1");
    assert_eq!(problem.line, Some(4));
}

#[test]
fn definition_string_syntax_errors_are_reported() {
    let broken = json_template(r#"{"DefinitionString": "{\"StartAt\": }"}"#);
    assert_eq!(
        problems(&report(&broken)),
        [(
            Code::JsonSyntax,
            "/Resources/M/Properties/DefinitionString/StartAt".to_owned(),
            1
        )]
    );
}

#[test]
fn malformed_templates_are_typed_errors_with_places() {
    let error = Template::from_json("{\n  \"Resources\": 3\n}")
        .expect("JSON")
        .state_machines()
        .expect_err("wrong type");
    assert_eq!(
        (error.kind, error.pointer.as_str(), error.line, error.column),
        (TemplateErrorKind::WrongType, "/Resources", 2, 16)
    );
    let error = Template::from_json("[]")
        .expect("JSON")
        .state_machines()
        .expect_err("not an object");
    assert_eq!(error.kind, TemplateErrorKind::WrongType);
    let cases = [
        (
            "null",
            TemplateErrorKind::WrongType,
            "/Resources/M/Properties",
            1,
        ),
        (
            "{}",
            TemplateErrorKind::MissingDefinition,
            "/Resources/M",
            1,
        ),
        (
            "[1]",
            TemplateErrorKind::WrongType,
            "/Resources/M/Properties",
            1,
        ),
        (
            r#"{"Definition": {}, "DefinitionString": "{}"}"#,
            TemplateErrorKind::ConflictingDefinitions,
            "/Resources/M/Properties/DefinitionString",
            1,
        ),
        (
            r#"{"Definition": "{}"}"#,
            TemplateErrorKind::WrongType,
            "/Resources/M/Properties/Definition",
            1,
        ),
        (
            r#"{"DefinitionString": 4}"#,
            TemplateErrorKind::WrongType,
            "/Resources/M/Properties/DefinitionString",
            1,
        ),
        (
            r#"{"DefinitionString": {"Fn::Join": ["", [{"a": 1}]]}}"#,
            TemplateErrorKind::UnreadableString,
            "/Resources/M/Properties/DefinitionString/Fn::Join/1/0",
            1,
        ),
        (
            r#"{"DefinitionString": {"Fn::Sub": 4}}"#,
            TemplateErrorKind::UnreadableString,
            "/Resources/M/Properties/DefinitionString/Fn::Sub",
            1,
        ),
    ];
    for (properties, kind, pointer, line) in cases {
        let template = json_template(properties);
        let DefinitionSource::Invalid(error) = only(&template).definition else {
            panic!("invalid: {properties}")
        };
        assert_eq!(
            (error.kind, error.pointer.as_str(), error.line),
            (kind, pointer, line),
            "{properties}"
        );
        // Validated, it is one `template-definition` error at the same place.
        let report = report(&template);
        assert_eq!(
            problems(&report),
            [(Code::TemplateDefinition, pointer.to_owned(), line)]
        );
        assert_eq!(report.diagnostics()[0].span, Some(error.span));
    }
}

#[test]
#[cfg(feature = "yaml")]
fn malformed_yaml_templates_are_located_in_the_yaml() {
    let template = Template::from_yaml(
        "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition: !Ref Def\n      DefinitionUri: m.json\n",
    )
    .expect("YAML");
    let DefinitionSource::Invalid(error) = only(&template).definition else {
        panic!("invalid")
    };
    assert_eq!(
        (error.kind, error.line, error.column),
        (TemplateErrorKind::ConflictingDefinitions, 6, 22)
    );
}

#[test]
fn other_resources_are_left_out_and_templates_are_told_from_definitions() {
    let template = Template::from_json(
        r#"{"Resources": {"Fn": {"Type": "AWS::Lambda::Function"}, "Odd": 1, "NoType": {}}}"#,
    )
    .expect("JSON");
    assert!(template.is_template());
    assert_eq!(template.state_machines().expect("resources"), []);
    for (text, is_template) in [
        (r#"{"Resources": {}}"#, true),
        (r#"{"Transform": "AWS::Serverless-2016-10-31"}"#, true),
        (r#"{"Resources": {}, "States": {}}"#, false),
        (r#"{"StartAt": "A", "States": {}}"#, false),
        ("[]", false),
    ] {
        let template = Template::parse(text).expect("JSON");
        assert_eq!(template.is_template(), is_template, "{text}");
    }
}

#[test]
fn truncated_and_odd_templates_never_panic() {
    let text = r#"{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"Definition": {"StartAt": {"Fn::If": []}, "States": {"T": {"Fn::Select": [9, [1]], "Type": {"Fn::Join": [1, 2]}}, "U": {"Fn::GetAtt": [{"a": 1}]}}}, "DefinitionSubstitutions": [1]}}}}"#;
    let _ = report(&Template::from_json(text).expect("JSON"));
    for end in 0..text.len() {
        let Ok(template) = Template::parse(&text[..end]) else {
            continue;
        };
        if let Ok(machines) = template.state_machines() {
            for machine in &machines {
                let _ = validate_template_machine(&template, machine, &Options::default());
            }
        }
    }
}

#[test]
fn functions_where_numbers_or_booleans_belong_are_not_problems() {
    // `Ref` to a Number parameter, in a field that takes no placeholder.
    let template = json_template(
        r#"{"Definition": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "QueryLanguage": "JSONata", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": {"Ref": "Attempts"}, "BackoffRate": {"Fn::FindInMap": ["M", "a", "b"]}}], "Next": "Gone"}}}}"#,
    );
    // Only the real problems are left, and the rest of the text kept its places.
    assert_eq!(
        problems(&report(&template)),
        [(
            Code::UnknownTarget,
            "/Resources/M/Properties/Definition/States/T/Next".to_owned(),
            1
        )]
    );
    // Lists and objects: `Fn::Split` as `ErrorEquals`, a mapping's value as `ResultSelector`.
    let template = json_template(
        r#"{"Definition": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "ResultSelector": {"Fn::FindInMap": ["Selectors", "Stage", "T"]}, "Retry": [{"ErrorEquals": {"Fn::Split": [",", {"Ref": "RetriedErrors"}]}}], "Catch": [{"ErrorEquals": {"Ref": "Caught"}, "Next": "Gone"}], "End": true}}}}"#,
    );
    assert_eq!(
        problems(&report(&template)),
        [(
            Code::UnknownTarget,
            "/Resources/M/Properties/Definition/States/T/Catch/0/Next".to_owned(),
            1
        )]
    );
    // In a `DefinitionString`, a bare substitution too.
    let template = json_template(
        r#"{"DefinitionString": {"Fn::Sub": "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Pass\", \"Next\": \"Gone\"}, \"U\": {\"Type\": \"Pass\", \"End\": ${Ends}}}}"}}"#,
    );
    let codes: Vec<Code> = report(&template)
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(!codes.contains(&Code::WrongType), "{codes:?}");
    assert!(codes.contains(&Code::UnknownTarget), "{codes:?}");
    // A string written by `Fn::Sub` is a string: refused where a number belongs.
    let template = json_template(
        r#"{"Definition": {"StartAt": "W", "States": {"W": {"Type": "Pass", "End": true, "Comment": {"Fn::Sub": "${A}"}}, "X": {"Type": "Fail", "Comment": 1}}}}"#,
    );
    let codes: Vec<Code> = report(&template)
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&Code::WrongType), "{codes:?}");
}

#[test]
fn placeholders_are_checked_against_the_definition_substitutions() {
    let definition = |substitutions: &str| {
        json_template(&format!(
            r#"{{"DefinitionSubstitutions": {substitutions}, "Definition": {{
  "StartAt": "T",
  "States": {{"T": {{
    "Type": "Task",
    "Resource": "${{ChargeArn}}",
    "Parameters": {{"A": {{"Fn::Sub": "${{AWS::StackName}}-x"}}, "B": {{"Ref": "Other"}}, "C": "${{Table}} and ${{Table}}"}},
    "End": true
  }}}}
}}}}"#
        ))
    };
    // `ChargeArn` is a key; `Table` is not (told once per string, at its place); the
    // `${AWS::StackName}` of `Fn::Sub` and the `Ref` are the template's own.
    let template = definition(r#"{"ChargeArn": {"Fn::GetAtt": ["F", "Arn"]}, "Tables": "t"}"#);
    let report = report(&template);
    assert_eq!(
        problems(&report),
        [(
            Code::UnknownSubstitution,
            "/Resources/M/Properties/Definition/States/T/Parameters/C".to_owned(),
            6
        )]
    );
    let warning = &report.diagnostics()[0];
    assert_eq!(warning.column, Some(90));
    assert_eq!(warning.hint.as_deref(), Some("did you mean `${Tables}`?"));
    // Without `DefinitionSubstitutions`, no placeholder is replaced.
    let text = r#"{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"Definition": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${ChargeArn}", "End": true}}}}}}}"#;
    let template = Template::from_json(text).expect("JSON");
    assert_eq!(report_codes(&template), [Code::UnknownSubstitution]);
    // Keys known only at deployment: nothing is checked.
    let template = definition(r#"{"Fn::If": ["C", {"A": "a"}, {"B": "b"}]}"#);
    assert_eq!(only(&template).substitutions, None);
    assert_eq!(report_codes(&template), []);
    // A `DefinitionString` built by `Fn::Sub` holds its own variables; a plain one does not.
    let sub = json_template(
        r#"{"DefinitionString": {"Fn::Sub": "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"${M.Arn}\", \"End\": true}}}"}}"#,
    );
    assert_eq!(report_codes(&sub), []);
    let plain = json_template(
        r#"{"DefinitionString": "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"${FnArn}\", \"End\": true}}}"}"#,
    );
    assert_eq!(report_codes(&plain), [Code::UnknownSubstitution]);
}

fn report_codes(template: &Template) -> Vec<Code> {
    report(template)
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn allowances_name_definition_or_template_pointers() {
    let template = json_template(
        r#"{"Definition": {"StartAt": "Poll", "States": {"Poll": {"Type": "Pass", "Next": "Again"}, "Again": {"Type": "Pass", "Next": "Poll"}}}}"#,
    );
    let machine = only(&template);
    let codes = |options: &Options| -> Vec<Code> {
        validate_template_machine(&template, &machine, options)
            .expect("inline")
            .diagnostics()
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(codes(&Options::new()).contains(&Code::LoopWithoutWait));
    for under in [
        "/States/Poll",
        "/Resources/M/Properties/Definition/States/Poll",
        "/Resources/M",
    ] {
        let options = Options::new().allow_under(Code::LoopWithoutWait, under);
        assert!(!codes(&options).contains(&Code::LoopWithoutWait), "{under}");
    }
    let elsewhere = Options::new().allow_under(Code::LoopWithoutWait, "/Resources/Other");
    assert!(codes(&elsewhere).contains(&Code::LoopWithoutWait));
}

#[test]
#[cfg(feature = "yaml")]
fn yaml_1_1_readings_of_a_definition_in_a_yaml_template_are_warned() {
    // CloudFormation reads templates as YAML 1.1: `No` is `false` there.
    let yaml = "\
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Ask
        States:
          Ask:
            Type: Choice
            Choices:
              - {Variable: $.ok, BooleanEquals: true, Next: Done}
            Default: No
          Done: {Type: Succeed}
          No: {Type: Succeed}
  Topic:
    Type: AWS::SNS::Topic
    Properties: {TopicName: on}
";
    let template = Template::from_yaml(yaml).expect("template");
    let warned = report(&template);
    assert_eq!(
        problems(&warned),
        [
            (
                Code::Yaml11Reading,
                "/Resources/Flow/Properties/Definition/States/Ask/Default".to_owned(),
                12
            ),
            (
                Code::Yaml11Reading,
                "/Resources/Flow/Properties/Definition/States/No".to_owned(),
                14
            ),
        ]
    );
    assert!(
        warned.diagnostics()[0]
            .message
            .contains("CloudFormation, which reads templates as YAML 1.1")
    );
    // Inside a `DefinitionString` the text is JSON in a string: nothing to warn.
    let string = "\
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: '{\"StartAt\": \"No\", \"States\": {\"No\": {\"Type\": \"Succeed\"}}}'
";
    let template = Template::from_yaml(string).expect("template");
    assert_eq!(problems(&report(&template)), []);
}

#[test]
#[cfg(feature = "yaml")]
fn aliases_and_merge_keys_of_a_definition_in_a_template_are_warned() {
    // AWS's "Template formats" page: CloudFormation accepts no aliases and no hash merges.
    let yaml = "\
Parameters:
  Tags: &shared {Owner: ops}
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Tags: *shared
      Definition:
        StartAt: Work
        States:
          Work:
            Type: Task
            Resource: !GetAtt Fn.Arn
            Retry:
              - &retry {ErrorEquals: [States.ALL], MaxAttempts: 2}
            Catch:
              - {ErrorEquals: [States.ALL], Next: Again}
            End: true
          Again:
            Type: Task
            Resource: !GetAtt Fn.Arn
            Retry:
              - <<: *retry
                ErrorEquals: [States.Timeout]
              - *retry
            End: true
";
    let template = Template::from_yaml(yaml).expect("template");
    let found = problems(&report(&template));
    let root = "/Resources/Flow/Properties/Definition/States/Again/Retry";
    assert_eq!(
        found,
        [
            (Code::TemplateYamlAlias, format!("{root}/0"), 23),
            (Code::TemplateYamlAlias, format!("{root}/1"), 25),
        ],
        "the alias in `Tags`, outside the definition, is not this report's"
    );
    let messages: Vec<_> = report(&template)
        .diagnostics()
        .iter()
        .map(|diagnostic| diagnostic.message.clone())
        .collect();
    assert!(messages[0].contains("merge key `<<`"), "{messages:?}");
    assert!(messages[1].contains("YAML alias"), "{messages:?}");
}

#[test]
fn the_workflow_type_of_the_resource_selects_the_express_rules() {
    // A callback task cannot run in an Express workflow.
    let callback = r#"{"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
        "End": true}}}"#;
    let codes = |properties: &str| {
        let template = json_template(&format!(r#"{{{properties}"Definition": {callback}}}"#));
        let machine = only(&template);
        let report =
            validate_template_machine(&template, &machine, &Options::default()).expect("inline");
        (
            machine.workflow_type,
            report.errors().map(|d| d.code).collect::<Vec<_>>(),
        )
    };
    assert_eq!(codes(""), (Some(WorkflowType::Standard), vec![]));
    assert_eq!(
        codes(r#""StateMachineType": "STANDARD", "#),
        (Some(WorkflowType::Standard), vec![])
    );
    assert_eq!(
        codes(r#""StateMachineType": "EXPRESS", "#),
        (
            Some(WorkflowType::Express),
            vec![Code::UnsupportedByWorkflowType]
        )
    );
    // Given by a function: unknown, so no Express rule applies.
    assert_eq!(
        codes(r#""StateMachineType": {"Ref": "Kind"}, "#),
        (None, vec![])
    );
    // An explicit workflow type in the options wins.
    let template = json_template(&format!(
        r#"{{"StateMachineType": "EXPRESS", "Definition": {callback}}}"#
    ));
    let standard = Options::new().workflow_type(WorkflowType::Standard);
    let report = validate_template_machine(&template, &only(&template), &standard).expect("inline");
    assert!(!report.has_errors());
}

/// The `DefinitionString` of a template whose `DefinitionSubstitutions` are `substitutions`.
fn definition_string(substitutions: &str, definition: &str) -> Template {
    json_template(&format!(
        r#"{{"DefinitionSubstitutions": {substitutions}, "DefinitionString": {definition}}}"#
    ))
}

/// The machine as the deployment writes it, as JSON.
fn deployed_json(template: &Template) -> String {
    let machine = only(template);
    let DefinitionSource::Inline(inline) = &machine.definition else {
        panic!("inline")
    };
    let definition = crate::StateMachine::from_json(inline.json()).expect("definition");
    template
        .deployed(&machine, &definition)
        .expect("deployed")
        .to_json()
}

#[test]
fn sub_escapes_are_the_literal_placeholders_the_substitutions_fill() {
    // `${!Delay}` is the text `${Delay}`, a `DefinitionSubstitutions` placeholder (bare, so
    // the key's number is written in as a number); `${AWS::Partition}` is `Fn::Sub`'s own.
    let sub = r#"{"Fn::Sub": "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": ${!Delay}, \"Next\": \"P\"}, \"P\": {\"Type\": \"Pass\", \"Result\": {\"g\": \"${!Greeting}\", \"p\": \"${AWS::Partition}\"}, \"End\": true}}}"}"#;
    let template = definition_string(r#"{"Delay": 5, "Greeting": "hello"}"#, sub);
    let json = inline_json(&template);
    assert!(json.contains(r#""Seconds": "${Delay}""#), "{json}");
    assert!(json.contains(r#""g": "${Greeting}""#), "{json}");
    assert_eq!(report_codes(&template), []);
    let deployed = deployed_json(&template);
    assert!(deployed.contains(r#""Seconds":5"#), "{deployed}");
    assert!(
        deployed.contains(r#""g":"hello","p":"${AWS::Partition}""#),
        "{deployed}"
    );
    // Without the key, the literal placeholder is reported, at `${!Greeting}` in the
    // template's string (past the escape of `${!Delay}`, one character longer than what it
    // gives).
    let template = definition_string(r#"{"Delay": 5}"#, sub);
    let warning = reported(&template, Code::UnknownSubstitution);
    assert_eq!(
        warning.pointer,
        "/Resources/M/Properties/DefinitionString/States/P/Result/g"
    );
    let span = warning.span.expect("span");
    assert_eq!(
        &template.text()[span.start..span.start + 12],
        "${!Greeting}"
    );
    // In a `Definition`, an `Fn::Sub` value gives the literal placeholder too.
    let template = json_template(
        r#"{"DefinitionSubstitutions": {"ChargeArn": {"Fn::GetAtt": ["Charge", "Arn"]}}, "Definition": {"StartAt": "C", "States": {"C": {"Type": "Task", "Resource": {"Fn::Sub": "arn:${AWS::Partition}:states:::lambda:invoke"}, "Parameters": {"FunctionName": {"Fn::Sub": "${!ChargeArn}"}, "Payload.$": "$"}, "End": true}}}}"#,
    );
    assert_eq!(report_codes(&template), []);
    let deployed = deployed_json(&template);
    assert!(
        deployed.contains(r#""FunctionName":"${Charge.Arn}""#),
        "{deployed}"
    );
    let template = json_template(
        r#"{"DefinitionSubstitutions": {}, "Definition": {"StartAt": "C", "States": {"C": {"Type": "Pass", "Parameters": {"F": {"Fn::Sub": "${AWS::StackName}-${!Missing}"}}, "End": true}}}}"#,
    );
    let warning = reported(&template, Code::UnknownSubstitution);
    assert!(warning.message.contains("`${Missing}`"), "{warning:?}");
    assert_eq!(report_codes(&template), [Code::UnknownSubstitution]);
}

#[test]
fn sub_variables_of_the_map_are_written_in() {
    let template = definition_string(
        "{}",
        r#"{"Fn::Sub": ["{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": ${Delay}, \"Next\": \"P\"}, \"P\": {\"Type\": \"Pass\", \"Result\": \"${Greeting} ${Topic}\", \"End\": true}}}", {"Delay": "5", "Greeting": "hi", "Topic": {"Ref": "Alerts"}}]}"#,
    );
    let json = inline_json(&template);
    assert!(json.contains(r#""Seconds": 5"#), "{json}");
    // A variable given by a function is known at deployment: `Fn::Sub`'s own.
    assert!(json.contains(r#""Result": "hi ${Alerts}""#), "{json}");
    assert_eq!(report_codes(&template), []);
    // In a `Definition` too.
    let template = json_template(
        r#"{"Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"Fn::Sub": ["${A}\"${B}", {"A": "a", "B": {"Ref": "Other"}}]}, "End": true}}}}"#,
    );
    assert!(inline_json(&template).contains(r#""Result":"a\"${Other}""#));
    assert_eq!(report_codes(&template), []);
}

#[test]
fn pseudo_parameters_are_filled_in_only_by_fn_sub() {
    let text = r#"{\"StartAt\": \"N\", \"States\": {\"N\": {\"Type\": \"Task\", \"Resource\": \"arn:${AWS::Partition}:states:::sns:publish\", \"Parameters\": {\"TopicArn\": \"t\", \"Message\": \"m\"}, \"End\": true}}}"#;
    // A plain `DefinitionString`: the deployment leaves it as written.
    let plain = definition_string("{}", &format!("\"{text}\""));
    let warning = reported(&plain, Code::UnknownSubstitution);
    assert_eq!(
        warning.pointer,
        "/Resources/M/Properties/DefinitionString/States/N/Resource"
    );
    let hint = warning.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("!Ref AWS::Partition") && hint.contains("Fn::Sub"),
        "{hint}"
    );
    // Built by `Fn::Sub`: filled in.
    let sub = definition_string("{}", &format!(r#"{{"Fn::Sub": "{text}"}}"#));
    assert_eq!(report_codes(&sub), []);
    // A SAM `Definition` without `!Sub`: left as written too.
    let template = Template::from_json(
        r#"{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"S": {"Type": "AWS::Serverless::StateMachine", "Properties": {"Definition": {"StartAt": "N", "States": {"N": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::sns:publish", "Parameters": {"TopicArn": "t", "Message": "m"}, "End": true}}}}}}}"#,
    )
    .expect("JSON");
    assert_eq!(report_codes(&template), [Code::UnknownSubstitution]);
    // A key of that name is the way: then it is a placeholder like any other.
    let keyed = definition_string(
        r#"{"AWS::Partition": {"Ref": "AWS::Partition"}}"#,
        &format!("\"{text}\""),
    );
    assert_eq!(report_codes(&keyed), []);
}
