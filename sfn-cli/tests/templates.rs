//! Console transcripts of `sfn validate` on CloudFormation and SAM templates.

mod common;

use std::path::Path;
use std::process::Output;

use common::transcript;

/// Runs `sfn` in `tests/fixtures/templates` with `stdin` as standard input.
fn sfn(args: &[&str], stdin: &str) -> Output {
    common::run_sfn(&common::fixtures("templates"), args, stdin.as_bytes())
}

fn validate(args: &[&str]) -> String {
    let mut all = vec!["validate"];
    all.extend_from_slice(args);
    transcript(&sfn(&all, ""))
}

#[test]
fn a_sam_template_with_an_inline_definition_and_tags_is_valid() {
    // `!GetAtt`, `!Ref` and `!Sub` stand for values known at deployment: no false problem.
    assert_eq!(
        validate(&["sam-inline.yaml"]),
        "exit 0\n--- stdout\nsam-inline.yaml#OrderProcessing: valid\n--- stderr\n"
    );
    // On standard input too.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates/sam-inline.yaml"),
    )
    .expect("fixture");
    assert_eq!(
        transcript(&sfn(&["validate", "-"], &text)),
        "exit 0\n--- stdout\n<stdin>#OrderProcessing: valid\n--- stderr\n"
    );
}

#[test]
fn a_template_extension_is_read_as_what_it_holds() {
    assert_eq!(
        validate(&["legacy.template"]),
        "exit 0\n--- stdout\nlegacy.template#Nightly: valid\n--- stderr\n"
    );
}

#[test]
fn a_cloudformation_json_template_with_definition_strings_is_valid() {
    assert_eq!(
        validate(&["cfn-string.json"]),
        "exit 0\n--- stdout\ncfn-string.json#Reminder: valid\ncfn-string.json#Cleanup: valid\n--- stderr\n"
    );
}

#[test]
fn problems_land_on_the_template_lines() {
    insta::assert_snapshot!("invalid_json_template", validate(&["cfn-invalid.json"]));
    insta::assert_snapshot!("invalid_yaml_template", validate(&["sam-invalid.yaml"]));
    let github = validate(&["--format", "github", "cfn-invalid.json", "sam-invalid.yaml"]);
    assert!(github.starts_with("exit 1\n"), "{github}");
    for line in [
        "::error file=cfn-invalid.json,line=12,col=23,title=unknown-target::",
        "::error file=sam-invalid.yaml,line=18,col=23,title=unknown-integration-action::",
        "cfn-invalid.json#Orders: invalid, 1 error, 0 warnings\n",
        "cfn-invalid.json#Audit: valid\n",
        "sam-invalid.yaml#Fulfilment: invalid, 1 error, 0 warnings\n",
    ] {
        assert!(github.contains(line), "{line}\n{github}");
    }
}

#[test]
fn definition_uri_files_are_validated_under_their_own_path() {
    insta::assert_snapshot!("definition_uri", validate(&["sam-uri.yaml"]));
    insta::assert_snapshot!(
        "definition_uri_json",
        validate(&["--format", "json", "sam-uri.yaml"])
    );
    // The example SAM application's template, whose definition is generated.
    assert_eq!(
        validate(&["../../../../examples/sam-app/template.yaml"]),
        "exit 0\n--- stdout\n../../../../examples/sam-app/template.yaml#OrderProcessing (../../../../examples/sam-app/statemachines/order-processing.asl.json): valid\n--- stderr\n"
    );
}

#[test]
fn templates_without_state_machines_or_with_unreadable_files_are_told() {
    assert_eq!(
        validate(&["no-machines.yaml"]),
        "exit 0\n--- stdout\nno-machines.yaml: nothing to validate: the template declares no state machine (no resource of type AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)\n--- stderr\n"
    );
    assert_eq!(
        validate(&["missing-uri.yaml", "sam-inline.yaml"]),
        "exit 2\n--- stdout\nsam-inline.yaml#OrderProcessing: valid\n--- stderr\nsfn: cannot read statemachines/gone.asl.json: No such file or directory (os error 2) (the `DefinitionUri` of Gone in missing-uri.yaml, line 6, column 22)\n"
    );
    // A resource without a definition is a problem placed at the resource.
    let missing = transcript(&sfn(
        &["validate", "--format", "github", "-"],
        "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: !GetAtt Role.Arn\n",
    ));
    assert!(
        missing.starts_with("exit 1\n")
            && missing.contains("::error file=<stdin>,line=2,col=3,title=template-definition::the state machine has no definition"),
        "{missing}"
    );
    // A broken `Resources` section too.
    let broken = transcript(&sfn(
        &["validate", "--format", "github", "-"],
        r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": []}"#,
    ));
    assert!(
        broken.contains("::error file=<stdin>,line=1,col=57,title=template-definition::`Resources` must be an object, found an array"),
        "{broken}"
    );
}

#[test]
fn help_mentions_templates() {
    let help = transcript(&sfn(&["validate", "--help"], ""));
    assert!(help.contains("CloudFormation or SAM template"), "{help}");
    assert!(help.contains("templates"), "{help}");
}

#[test]
fn warnings_are_allowed_by_the_definition_or_the_template_pointer() {
    let template = "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition:\n        StartAt: Poll\n        States:\n          Poll: {Type: Pass, Next: Done?}\n          Done?:\n            Type: Choice\n            Choices: [{Variable: $.done, BooleanEquals: true, Next: Done}]\n            Default: Poll\n          Done: {Type: Succeed}\n";
    let warned = transcript(&sfn(&["validate", "--format", "github", "-"], template));
    assert!(
        warned.contains("::warning file=<stdin>,line=8,col=11,title=loop-without-wait::"),
        "{warned}"
    );
    for allow in [
        "loop-without-wait@/States/Poll",
        "loop-without-wait@/Resources/M",
    ] {
        assert_eq!(
            transcript(&sfn(&["validate", "--allow", allow, "-"], template)),
            "exit 0\n--- stdout\n<stdin>#M: valid\n--- stderr\n",
            "{allow}"
        );
    }
}

#[test]
fn graph_iam_and_diff_take_a_templates_state_machine() {
    // The only state machine of a template, inline: drawn as its definition.
    let drawn = transcript(&sfn(&["graph", "sam-inline.yaml"], ""));
    assert!(
        drawn.starts_with("exit 0\n--- stdout\nflowchart TD\n"),
        "{drawn}"
    );
    assert!(
        drawn.contains(r#"s1["Record<br/><small>Task</small>"]"#),
        "{drawn}"
    );
    // Several: one is named after `#`, or the command says which there are.
    assert_eq!(
        transcript(&sfn(&["graph", "cfn-string.json"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: cfn-string.json declares 2 state machines (Reminder, Cleanup); name one: cfn-string.json#Reminder\n"
    );
    let cleanup = transcript(&sfn(
        &["graph", "--format", "dot", "cfn-string.json#Cleanup"],
        "",
    ));
    assert!(
        cleanup.starts_with("exit 0\n--- stdout\ndigraph"),
        "{cleanup}"
    );
    assert!(
        cleanup.contains("Clean") && !cleanup.contains("Remind"),
        "{cleanup}"
    );
    assert_eq!(
        transcript(&sfn(&["graph", "sam-uri.yaml#Nope"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: sam-uri.yaml declares no state machine `Nope`; it declares OrderProcessing, Archived\n"
    );
    // A `DefinitionUri` file is read from the template's folder; an S3 one is not local.
    let policy = transcript(&sfn(&["iam", "sam-uri.yaml#OrderProcessing"], ""));
    assert!(policy.starts_with("exit 0\n--- stdout\n{"), "{policy}");
    assert_eq!(
        transcript(&sfn(&["iam", "sam-uri.yaml#Archived"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: sam-uri.yaml#Archived: `DefinitionUri` names an S3 object, which only the deployment reads\n"
    );
    // The definition of a template's machine against its own file: no difference.
    let same = transcript(&sfn(
        &[
            "diff",
            "sam-uri.yaml#OrderProcessing",
            "statemachines/orders.asl.yaml",
        ],
        "",
    ));
    assert!(same.starts_with("exit 0\n"), "{same}");
    // A definition file is not a template.
    assert_eq!(
        transcript(&sfn(&["graph", "statemachines/orders.asl.yaml#X"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: statemachines/orders.asl.yaml is not a CloudFormation or SAM template, so `#X` names nothing in it\n"
    );
}

#[test]
fn validate_takes_one_state_machine_of_a_template() {
    assert_eq!(
        validate(&["cfn-string.json#Cleanup"]),
        "exit 0\n--- stdout\ncfn-string.json#Cleanup: valid\n--- stderr\n"
    );
    assert_eq!(
        validate(&["cfn-string.json#Nope"]),
        "exit 2\n--- stdout\n--- stderr\nsfn: cfn-string.json declares no state machine `Nope`; it declares Reminder, Cleanup\n"
    );
    assert_eq!(
        validate(&["statemachines/orders.asl.yaml#X"]),
        "exit 2\n--- stdout\n--- stderr\nsfn: statemachines/orders.asl.yaml is not a CloudFormation or SAM template, so `#X` names nothing in it\n"
    );
}

#[test]
fn fmt_leaves_a_template_alone() {
    assert_eq!(
        transcript(&sfn(&["fmt", "--check", "cfn-string.json"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: cfn-string.json is a CloudFormation or SAM template; this command takes a definition file\n"
    );
    assert_eq!(
        transcript(&sfn(&["fmt", "--check", "cfn-string.json#Reminder"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: `cfn-string.json#Reminder` names a template's state machine; this command takes a definition file\n"
    );
}

/// A YAML template is named a template too, not a YAML definition, and left as it is.
#[test]
fn fmt_names_a_yaml_template_a_template() {
    for file in ["sam-inline.yaml", "legacy.template"] {
        let path = common::fixtures("templates").join(file);
        let before = std::fs::read(&path).unwrap();
        for check in [&["--check"][..], &[]] {
            let mut args = vec!["fmt"];
            args.extend_from_slice(check);
            args.push(file);
            assert_eq!(
                transcript(&sfn(&args, "")),
                format!(
                    "exit 2\n--- stdout\n--- stderr\nsfn: {file} is a CloudFormation or SAM template; this command takes a definition file\n"
                ),
                "{args:?}"
            );
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "{file}");
    }
}

#[test]
fn run_takes_a_templates_state_machine() {
    let output = sfn(
        &[
            "run",
            "sam-inline.yaml",
            "--unmocked",
            "echo",
            "--input",
            r#"{"orderId": "o1"}"#,
            "--format",
            "json",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert_eq!(
        stdout.lines().last(),
        Some(
            r#"{"status":"SUCCEEDED","output":{"TableName":"${OrdersTable}","Item":{"id":{"S":"o1"}}},"error":null,"cause":null,"states":["Charge","Record"]}"#
        )
    );
    // A value only the deployment knows cannot run.
    let reminder = sfn(
        &[
            "run",
            "cfn-string.json#Reminder",
            "--unmocked",
            "echo",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(reminder.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&reminder.stdout)
            .contains("Seconds holds the unsubstituted placeholder ${Delay}"),
        "{}",
        transcript(&reminder)
    );
    assert_eq!(
        transcript(&sfn(&["run", "cfn-string.json"], "")),
        "exit 2\n--- stdout\n--- stderr\nsfn: cfn-string.json declares 2 state machines (Reminder, Cleanup); name one: cfn-string.json#Reminder\n"
    );
}

#[test]
fn an_express_state_machine_of_a_template_gets_the_express_rules() {
    let template = "\
Transform: AWS::Serverless-2016-10-31
Resources:
  Approvals:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Definition:
        StartAt: Ask
        States:
          Ask:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            Parameters:
              QueueUrl: !Ref Queue
              MessageBody:
                token.$: $$.Task.Token
            End: true
";
    let express = sfn(&["validate", "-"], template);
    assert_eq!(express.status.code(), Some(1), "{}", transcript(&express));
    assert!(
        String::from_utf8_lossy(&express.stdout).contains("unsupported-by-workflow-type"),
        "{}",
        transcript(&express)
    );
    // `--type` says otherwise for every machine (a warning about the callback's missing
    // timeout remains).
    let standard = sfn(&["validate", "--type", "standard", "-"], template);
    assert_eq!(standard.status.code(), Some(0), "{}", transcript(&standard));
    assert!(
        String::from_utf8_lossy(&standard.stdout)
            .ends_with("<stdin>#Approvals: valid, 1 warning\n"),
        "{}",
        transcript(&standard)
    );
}

#[test]
fn run_takes_the_workflow_type_from_the_template() {
    let template = "\
Resources:
  Slow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Definition:
        StartAt: Nap
        States:
          Nap: {Type: Wait, Seconds: 400, End: true}
";
    let last_line = |args: &[&str]| {
        let output = sfn(args, template);
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    // An Express execution may run five minutes.
    assert!(last_line(&["run", "-", "--format", "json"]).starts_with(r#"{"status":"TIMED_OUT""#));
    assert!(
        last_line(&["run", "-", "--type", "standard", "--format", "json"])
            .starts_with(r#"{"status":"SUCCEEDED""#)
    );
}

#[test]
fn run_reads_a_definition_from_standard_input() {
    let output = sfn(
        &["run", "-", "--format", "json"],
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "hi", "End": true}}}"#,
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).lines().last(),
        Some(r#"{"status":"SUCCEEDED","output":"hi","error":null,"cause":null,"states":["P"]}"#)
    );
}

#[test]
fn graph_and_iam_read_functions_where_numbers_belong_with_stand_ins() {
    // Drawing the machine and deriving its permissions need no value for `MaxAttempts`
    // or `ErrorEquals`: read with stand-ins, and told.
    let note = "sfn: note: parameters.yaml#Orders: read with stand-in values for the CloudFormation functions at /States/Charge/Retry/0/ErrorEquals, /States/Charge/Retry/0/MaxAttempts, whose values are known only when the stack is deployed\n";
    let drawn = transcript(&sfn(&["graph", "parameters.yaml"], ""));
    assert!(
        drawn.starts_with("exit 0\n--- stdout\nflowchart TD\n"),
        "{drawn}"
    );
    assert!(drawn.ends_with(&format!("--- stderr\n{note}")), "{drawn}");
    let policy = transcript(&sfn(&["iam", "parameters.yaml"], ""));
    assert!(policy.contains(r#""lambda:InvokeFunction""#), "{policy}");
    assert!(policy.ends_with(&format!("--- stderr\n{note}")), "{policy}");
    // As for a plain definition, problems the validator finds do not stop the drawing.
    let flawed = transcript(&sfn(&["graph", "sam-invalid.yaml"], ""));
    assert!(
        flawed.starts_with("exit 0\n--- stdout\nflowchart TD\n"),
        "{flawed}"
    );
    assert!(
        flawed.contains("sfn: note: sam-invalid.yaml#Fulfilment: read with a stand-in"),
        "{flawed}"
    );
    // Running needs the values; comparing would compare invented ones.
    for command in [
        vec!["run", "parameters.yaml", "--unmocked", "echo"],
        vec!["diff", "parameters.yaml", "parameters.yaml"],
    ] {
        let refused = transcript(&sfn(&command, ""));
        assert!(refused.starts_with("exit 2\n"), "{refused}");
        assert!(
            refused.contains("a CloudFormation function stands where the definition needs a number, boolean, list or object (at /States/Charge/Retry/0/"),
            "{refused}"
        );
    }
}

#[test]
fn iam_and_run_write_in_the_definition_substitutions() {
    // The policy is in the template's terms: `${DDBTable}` is `Ref: TransactionTable`, a
    // table's name (not an ARN, as `${DDBTable}` alone would be taken), and
    // `${CheckerFunctionArn}` is the function's `GetAtt`; a literal ARN is itself.
    let policy = transcript(&sfn(&["iam", "sam-substitutions.yaml#Trading"], ""));
    for resource in [
        r#""${CheckerFunction.Arn}","#,
        r#""${CheckerFunction.Arn}:*""#,
        r#""Resource": "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TransactionTable}""#,
        r#""Resource": "arn:aws:sns:us-east-1:123456789012:alerts""#,
        r#""Unresolved": []"#,
    ] {
        assert!(policy.contains(resource), "{resource} in {policy}");
    }
    assert!(!policy.contains("DDBTable") && !policy.contains("CheckerFunctionArn"));
    // A run uses the literal values: the greeting, and a five-second wait (`Seconds:
    // ${Delay}` is a plain YAML scalar); a placeholder no key names stays as written.
    let run = transcript(&sfn(
        &[
            "run",
            "sam-substitutions.yaml#Trading",
            "--input",
            r#"{"id": "1"}"#,
            "--mock-config",
            "trading.mocks.json",
            "--test-case",
            "Ok",
        ],
        "",
    ));
    assert!(run.starts_with("exit 0\n"), "{run}");
    assert!(run.contains("5.000 s of virtual time"), "{run}");
    assert!(
        run.contains(r#""greeting":{"greeting":"hello, ${Nobody}"}"#),
        "{run}"
    );
    // A value that does not fit where it is written: the run is refused, the policy is
    // derived from the definition as written, and both say where.
    let misfit = "at /States/Pause/Seconds: `Seconds` must be a whole number";
    let refused = transcript(&sfn(&["run", "sam-substitutions.yaml#Misfit"], ""));
    assert!(refused.starts_with("exit 2\n"), "{refused}");
    assert!(
        refused.contains(&format!(
            "sam-substitutions.yaml#Misfit: its `DefinitionSubstitutions` do not fit its definition: {misfit}"
        )),
        "{refused}"
    );
    // Quoted in the JSON file, `"${Delay}"` deploys as the string "5", which AWS refuses:
    // so does the run, saying why.
    let quoted = transcript(&sfn(&["run", "sam-substitutions.yaml#Quoted"], ""));
    assert_eq!(
        quoted,
        "exit 2\n--- stdout\n--- stderr\nsfn: sam-substitutions.yaml#Quoted: its `DefinitionSubstitutions` do not fit its definition: at /States/Pause/Seconds: `Seconds` must be a whole number, a `{% … %}` expression or a `${…}` placeholder, found a string (the placeholder `\"${Delay}\"` is quoted, and the deployment replaces the text `${Delay}` alone, so it writes the string `\"5\"`)\n"
    );
    let policy = transcript(&sfn(&["iam", "sam-substitutions.yaml#Misfit"], ""));
    assert!(policy.starts_with("exit 0\n"), "{policy}");
    assert!(
        policy.contains(&format!(
            "sfn: note: Misfit: the policy is for the definition as written, without its `DefinitionSubstitutions`, which do not fit it: {misfit}"
        )),
        "{policy}"
    );
}

#[test]
fn fn_sub_escapes_and_variables_are_written_as_the_deployment_writes_them() {
    // `${!Name}` is the literal `${Name}`, which the `DefinitionSubstitutions` fill in.
    let policy = transcript(&sfn(&["iam", "fn-sub.yaml#Escaped"], ""));
    assert!(policy.starts_with("exit 0\n"), "{policy}");
    assert!(policy.contains(r#""${Charge.Arn}:*""#), "{policy}");
    assert!(!policy.contains("${!"), "{policy}");
    let run = transcript(&sfn(
        &["run", "fn-sub.yaml#Escaped", "--unmocked", "echo"],
        "",
    ));
    assert!(run.starts_with("exit 0\n"), "{run}");
    assert!(run.contains("5.000 s of virtual time"), "{run}");
    assert!(
        run.contains(r#"{"FunctionName":"${Charge.Arn}","Payload":{"g":{"greeting":"hello"}}}"#),
        "{run}"
    );
    // The map of an `Fn::Sub` gives its variables' values.
    let run = transcript(&sfn(&["run", "fn-sub.yaml#Mapped", "--format", "json"], ""));
    assert!(
        run.contains(r#"{"status":"SUCCEEDED","output":"hi","#),
        "{run}"
    );
    assert_eq!(
        validate(&["fn-sub.yaml#Escaped", "fn-sub.yaml#Mapped"]),
        "exit 0\n--- stdout\nfn-sub.yaml#Escaped: valid\nfn-sub.yaml#Mapped: valid\n--- stderr\n"
    );
    // Outside an `Fn::Sub`, a pseudo parameter is a placeholder no key names.
    let plain = validate(&["fn-sub.yaml#Plain"]);
    assert!(
        plain.contains("fn-sub.yaml#Plain: valid, 1 warning"),
        "{plain}"
    );
    let json = validate(&["--format", "json", "fn-sub.yaml#Plain"]);
    assert!(
        json.contains(r#""code": "unknown-substitution""#)
            && json
                .contains("add `Partition: !Ref AWS::Partition` to the `DefinitionSubstitutions`"),
        "{json}"
    );
}

#[test]
fn inside_fn_sub_a_name_is_cloudformations_never_a_substitution_key() {
    // `${Greeting}` inside `!Sub` is CloudFormation's, which has no such name (the key of
    // that name is not one): the deployment leaves it to CloudFormation, which refuses the
    // template; `${!Greeting}` is the key's placeholder. In a SAM `Definition` and in a
    // CloudFormation `DefinitionString` alike.
    for machine in ["Serverless", "StepFunctions"] {
        let argument = format!("sub-shadow.yaml#{machine}");
        let run = transcript(&sfn(&["run", &argument, "--format", "json"], ""));
        assert!(
            run.contains(r#"{"status":"SUCCEEDED","output":"${Greeting} hello","#),
            "{run}"
        );
        let json = validate(&["--format", "json", &argument]);
        assert!(json.starts_with("exit 0\n"), "{json}");
        assert_eq!(
            json.matches(r#""code": "unknown-substitution""#).count(),
            1,
            "{json}"
        );
        assert!(
            json.contains("`${Greeting}` in an `Fn::Sub` names no variable of its map and no parameter, resource or pseudo parameter of the template, so CloudFormation refuses the template")
                && json.contains("write `${!Greeting}` for the key"),
            "{json}"
        );
    }
}

/// The warning holds for a template's `DefinitionSubstitutions` as for the names of
/// Terraform's `templatefile()` variables given to the library: the one leaves the
/// placeholder as written, the other fails.
#[test]
fn an_unknown_substitution_is_told_for_cloudformation_and_terraform_alike() {
    let template = r#"{"Resources": {"Orders": {"Type": "AWS::StepFunctions::StateMachine",
        "Properties": {"DefinitionSubstitutions": {"ShipFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:ship"},
            "DefinitionString": "{\"StartAt\": \"Ship\", \"States\": {\"Ship\": {\"Type\": \"Task\", \"Resource\": \"${ShipFunctionARN}\", \"End\": true}}}"}}}}"#;
    let json = transcript(&sfn(&["validate", "--format", "json", "-"], template));
    assert!(json.starts_with("exit 0\n"), "{json}");
    assert!(
        json.contains(r#""message": "`${ShipFunctionARN}` is not among the substitutions given, so a CloudFormation deployment leaves it as written and Terraform's `templatefile()` fails""#)
            && json.contains(r#""hint": "did you mean `${ShipFunctionArn}`?""#),
        "{json}"
    );
}

#[test]
fn a_placeholder_in_a_sam_definition_deploys_as_a_string() {
    // SAM writes the inline `Definition` as JSON before substituting: even the plain
    // scalar `Seconds: ${Delay}` is the string "5". `sfn validate` says where the number
    // form is, and `sfn run` refuses the machine as AWS would.
    let report = validate(&["--format", "json", "sam-inline-number.yaml"]);
    assert!(
        report.contains(r#""code": "quoted-placeholder""#),
        "{report}"
    );
    assert!(
        report.contains("put the definition in a YAML file named by `DefinitionUri`, with `Seconds: ${Delay}` unquoted"),
        "{report}"
    );
    // The reason is SAM's JSON text, not quotes the template does not have; `sfn iam`
    // gives the same in its note.
    let reason = "at /States/W/Seconds: `Seconds` must be a whole number, a `{% … %}` expression or a `${…}` placeholder, found a string (SAM writes an inline `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so the placeholder `${Delay}` is inside a JSON string there even as a plain YAML scalar, and the deployment replaces the text `${Delay}` alone, so it writes the string `\"5\"`)";
    let run = transcript(&sfn(&["run", "sam-inline-number.yaml"], ""));
    assert!(run.starts_with("exit 2\n"), "{run}");
    assert!(run.contains(reason), "{run}");
    let policy = transcript(&sfn(&["iam", "sam-inline-number.yaml"], ""));
    assert!(policy.starts_with("exit 0\n"), "{policy}");
    assert!(
        policy.contains(&format!("sfn: note: Waiter: the policy is for the definition as written, without its `DefinitionSubstitutions`, which do not fit it: {reason}")),
        "{policy}"
    );
}

/// The values are written into the definition's JSON text as they are, over and over until
/// nothing changes, as AWS's Step Functions resource provider writes them; a value that
/// breaks the JSON, one of a type the resource refuses, and keys that name each other are
/// each an error at the value in the template, and the run is refused.
#[test]
fn substitution_values_are_written_into_the_text_as_the_deployment_writes_them() {
    let run = transcript(&sfn(&["run", "substitution-values.yaml#Written"], ""));
    assert!(run.starts_with("exit 0\n"), "{run}");
    // `\t` and `\n` of `C:\temp\new` are JSON's escapes there; `${Inner}` is filled in too.
    assert!(
        run.contains(r#"output: {"path":"C:\temp\new","quote":"ok","chain":"prefix-inner"}"#),
        "{run}"
    );
    let unquoted = transcript(&sfn(&["run", "substitution-values.yaml#Unquoted"], ""));
    assert_eq!(
        unquoted,
        "exit 2\n--- stdout\n--- stderr\nsfn: substitution-values.yaml#Unquoted: its `DefinitionSubstitutions` do not fit its definition: at /Resources/Unquoted/Properties/DefinitionSubstitutions/Quote: written into the definition's JSON text at /States/P/Parameters/quote, the value of `Quote` (`say \"hi\"`) makes it invalid JSON (unexpected character `h`, expected `,` or `}`), so the deployment would refuse the machine: it writes the value's text as it is, and reads the text after\n"
    );
    for (machine, refused) in [
        (
            "Typed",
            "/Resources/Typed/Properties/DefinitionSubstitutions/Path: the `DefinitionSubstitutions` value of `Path` is a list, which the deployment refuses",
        ),
        (
            "Cycle",
            "/Resources/Cycle/Properties/DefinitionSubstitutions/A: the `DefinitionSubstitutions` values of `A`, `B` name each other in a cycle (`A` -> `B` -> `A`)",
        ),
    ] {
        let run = transcript(&sfn(
            &["run", &format!("substitution-values.yaml#{machine}")],
            "",
        ));
        assert!(run.starts_with("exit 2\n"), "{run}");
        assert!(run.contains(refused), "{run}");
    }
    // `sfn validate` reports each at its value, for a `DefinitionUri` file as for an
    // inline definition.
    let report = validate(&["--format", "json", "substitution-values.yaml"]);
    assert!(report.starts_with("exit 1\n"), "{report}");
    let pointers: Vec<&str> = report
        .match_indices(r#""code": "template-substitution""#)
        .filter_map(|(at, _)| {
            let after = report.get(at..)?;
            let start = after.find(r#""pointer": ""#)? + r#""pointer": ""#.len();
            after.get(start..)?.split('"').next()
        })
        .collect();
    assert_eq!(
        pointers,
        [
            "/Resources/Unquoted/Properties/DefinitionSubstitutions/Quote",
            "/Resources/Typed/Properties/DefinitionSubstitutions/Path",
            "/Resources/Typed/Properties/DefinitionSubstitutions/Quote",
            "/Resources/Typed/Properties/DefinitionSubstitutions/Outer",
            "/Resources/Typed/Properties/DefinitionSubstitutions/Ratio",
            "/Resources/Cycle/Properties/DefinitionSubstitutions/A",
        ],
        "{report}"
    );
    let text = validate(&["substitution-values.yaml"]);
    for line in [
        "substitution-values.yaml#Written (statemachines/substituted.asl.json): valid\n",
        "substitution-values.yaml#Unquoted: invalid, 1 error, 0 warnings\n",
        "substitution-values.yaml#Typed: invalid, 4 errors, 0 warnings\n",
        "substitution-values.yaml#Cycle: invalid, 1 error, 0 warnings\n",
        "╭─[substitution-values.yaml:21:16]",
        "help: inside a JSON string the value's text must be JSON-escaped, `say \\\"hi\\\"`",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert!(!text.contains("#Written: invalid"), "{text}");
}

/// A Terraform configuration is not read: one error that says so, and how to validate.
#[test]
fn a_terraform_configuration_is_refused_with_one_clear_error() {
    let dir = common::fixtures("terraform");
    for file in ["main.tf", "main.tf.json", "config.json"] {
        for command in ["validate", "graph"] {
            let output = transcript(&common::run_sfn(&dir, &[command, file], b""));
            assert_eq!(
                output,
                format!(
                    "exit 2\n--- stdout\n--- stderr\nsfn: {file} is a Terraform configuration, which sfn does not read: write the state machine's definition in a file of its own, which the configuration reads (`definition = templatefile(\"order.asl.json\", {{ … }})` or `file(\"order.asl.json\")`), and give sfn that file\n"
                ),
                "{command} {file}"
            );
        }
    }
}
