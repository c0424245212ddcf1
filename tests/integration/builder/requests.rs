//! `build()` on integration requests: values it refuses whatever the state reads (empty
//! variable names, field paths the two languages read differently, `.$` keys without a
//! string), task tokens of tasks that have none, malformed AWS SDK resources and literal
//! values the API refuses.

use serde_json::json;
use sfn_dsl::prelude::*;

const LANGUAGES: [QueryLanguage; 2] = [QueryLanguage::JsonPath, QueryLanguage::Jsonata];

/// The request key each language writes a request in.
fn request_key(language: QueryLanguage) -> &'static str {
    match language {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    }
}

/// The machine of one Task `T` calling `integration`, in `language`.
fn build(
    language: QueryLanguage,
    integration: impl Integration,
) -> Result<StateMachine, BuildError> {
    StateMachine::builder()
        .query_language(language)
        .start(TaskState::call("T", integration))
        .build()
}

/// The kind, pointer and message of each issue of a machine that must not build.
fn issues(result: Result<StateMachine, BuildError>) -> Vec<(BuildIssueKind, String, String)> {
    let error = match result {
        Ok(machine) => panic!("the machine built: {}", machine.to_value()["States"]["T"]),
        Err(error) => error,
    };
    error
        .issues()
        .iter()
        .map(|issue| {
            (
                issue.kind,
                issue.pointer.clone(),
                format!(
                    "{} ({})",
                    issue.message,
                    issue.hint.as_deref().unwrap_or("")
                ),
            )
        })
        .collect()
}

/// Asserts one issue of `kind` at `pointer` whose message and hint contain `words`.
#[track_caller]
fn assert_one(
    result: Result<StateMachine, BuildError>,
    kind: BuildIssueKind,
    pointer: &str,
    words: &[&str],
) {
    let found = issues(result);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (found_kind, found_pointer, text) = &found[0];
    assert_eq!(
        (*found_kind, found_pointer.as_str()),
        (kind, pointer),
        "{text}"
    );
    for word in words {
        assert!(text.contains(word), "{word:?} not in {text}");
    }
}

#[test]
fn a_task_token_is_read_only_where_the_task_has_one() {
    let send = || {
        sqs::SendMessage::new(
            "q",
            Arg::object(Request::new().field("token", Arg::task_token())),
        )
    };
    for language in LANGUAGES {
        let pointer = format!("/States/T/{}/MessageBody", request_key(language));
        assert_one(
            build(language, send()),
            BuildIssueKind::UnreadableValue,
            &pointer,
            &[
                "`MessageBody` of state `T` reads the task token",
                ".wait_for_task_token()",
            ],
        );
        // A callback task has one.
        build(language, send().wait_for_task_token()).expect("a callback task has a token");
        // So has a `.sync` task, as AWS was recorded passing it.
        build(
            language,
            step_functions::StartExecution::new("arn:aws:states:us-east-1:1:stateMachine:c")
                .input(Arg::object(
                    Request::new().field("token", Arg::task_token()),
                ))
                .wait_for_completion(),
        )
        .expect("a .sync task has a token");
    }
    // An activity has one too.
    StateMachine::builder()
        .start(
            TaskState::builder("T")
                .resource("arn:aws:states:us-east-1:123456789012:activity:review")
                .assign("token", Arg::task_token()),
        )
        .build()
        .expect("an activity has a token");
    // In the `Assign` of a request-response task the token is missing too.
    assert_one(
        StateMachine::builder()
            .start(TaskState::lambda_invoke("T", "f").assign("token", Arg::task_token()))
            .build(),
        BuildIssueKind::UnreadableValue,
        "/States/T/Assign/token",
        &["reads the task token"],
    );
}

#[test]
fn a_variable_needs_a_name() {
    for language in LANGUAGES {
        for empty in ["", "$"] {
            assert_one(
                build(
                    language,
                    lambda::Invoke::function("f").payload(Arg::var(empty)),
                ),
                BuildIssueKind::InvalidValue,
                &format!("/States/T/{}/Payload", request_key(language)),
                &["`Payload` of state `T` reads a variable with an empty name"],
            );
        }
        assert_one(
            build(
                language,
                lambda::Invoke::function("f").payload(Arg::var("1st")),
            ),
            BuildIssueKind::InvalidValue,
            &format!("/States/T/{}/Payload", request_key(language)),
            &["the variable `1st`", "starts with '1'"],
        );
        // Names follow Unicode identifier rules, as `Assign` names do.
        assert_one(
            build(
                language,
                lambda::Invoke::function("f").payload(Arg::var("x²")),
            ),
            BuildIssueKind::InvalidValue,
            &format!("/States/T/{}/Payload", request_key(language)),
            &[
                "the variable `x²`",
                "contains '²'",
                "Unicode identifier rules",
            ],
        );
        build(
            language,
            lambda::Invoke::function("f").payload(Arg::var("a‿b")),
        )
        .expect("a connector continues a name");
        // A field of a variable is read through it.
        build(
            language,
            lambda::Invoke::function("f").payload(Arg::var("cfg.name")),
        )
        .expect("a field of a variable");
        // The field path below it follows the field path rules, with `Arg::input_field`'s
        // wording: `cfg.` would be written `$cfg.` and `cfg.[0]` would become `$cfg[0]`.
        for (path, why) in [
            ("cfg..name", "empty segment"),
            ("cfg.", "empty segment"),
            ("cfg.[0]", "no name before it"),
        ] {
            assert_one(
                build(
                    language,
                    lambda::Invoke::function("f").payload(Arg::var(path)),
                ),
                BuildIssueKind::InvalidValue,
                &format!("/States/T/{}/Payload", request_key(language)),
                &[&format!("reads the field path `{path}`"), why, "Arg::path"],
            );
        }
    }
}

#[test]
fn fields_of_a_variable_are_read_alike_in_both_languages() {
    for language in LANGUAGES {
        let machine = StateMachine::builder()
            .query_language(language)
            .start(
                PassState::builder("P")
                    .assign(
                        "cfg",
                        json!({"order-id": 7, "order": 10, "id": 3, "a b": 4, "rows": [[1, 2]]}),
                    )
                    .next(TaskState::call(
                        "T",
                        lambda::Invoke::function("f").payload(Arg::object(
                            Request::new()
                                .field("dashed", Arg::var("cfg.order-id"))
                                .field("spaced", Arg::var("$cfg.a b"))
                                .field("indexed", Arg::var("cfg.rows[0][1]")),
                        )),
                    )),
            )
            .build()
            .expect("builds");
        let run = sfn_local::Executor::new(machine)
            .mocks(sfn_local::Mocks::new().unmocked(sfn_local::Unmocked::Echo))
            .run(json!({}))
            .expect("runs");
        assert_eq!(
            run.output.as_ref().map(|output| &output["Payload"]),
            Some(&json!({"dashed": 7, "spaced": 4, "indexed": 2})),
            "{language:?}: {run:?}"
        );
    }
}

#[test]
fn input_fields_mean_the_same_in_both_languages_or_do_not_build() {
    for language in LANGUAGES {
        let pointer = format!("/States/T/{}/Payload", request_key(language));
        for (path, why) in [
            ("", "is empty"),
            ("a..b", "empty segment"),
            ("a.", "empty segment"),
            ("a.[0]", "no name before it"),
            ("items[*].id", "wildcard"),
            ("items[-1]", "not an array index"),
            ("c['d']", "not an array index"),
        ] {
            assert_one(
                build(
                    language,
                    lambda::Invoke::function("f").payload(Arg::input_field(path)),
                ),
                BuildIssueKind::InvalidValue,
                &pointer,
                &[&format!("reads the field path `{path}`"), why, "Arg::path"],
            );
        }
    }
    // Array indices, of a field or of the input itself, are written alike.
    let written = |language, path: &str| {
        let machine = build(
            language,
            lambda::Invoke::function("f").payload(Arg::input_field(path)),
        )
        .expect("builds");
        let request = &machine.to_value()["States"]["T"][request_key(language)];
        request
            .get("Payload.$")
            .or_else(|| request.get("Payload"))
            .cloned()
            .unwrap_or_default()
    };
    for (path, jsonpath, jsonata) in [
        ("[0]", "$[0]", "{% $states.input[0] %}"),
        ("$[0].id", "$[0].id", "{% $states.input[0].id %}"),
        (
            "items[0][1]",
            "$.items[0][1]",
            "{% $states.input.items[0][1] %}",
        ),
        (
            "unit price[2]",
            "$['unit price'][2]",
            "{% $states.input.`unit price`[2] %}",
        ),
    ] {
        assert_eq!(written(QueryLanguage::JsonPath, path), jsonpath, "{path}");
        assert_eq!(written(QueryLanguage::Jsonata, path), jsonata, "{path}");
    }
}

#[test]
fn a_template_key_must_hold_a_string() {
    assert_one(
        build(
            QueryLanguage::JsonPath,
            lambda::Invoke::function("f").field("Payload.$", json!(5)),
        ),
        BuildIssueKind::InvalidValue,
        "/States/T/Parameters/Payload.$",
        &[
            "`Payload.$` of state `T`",
            "must be a string holding a path",
        ],
    );
    // In JSONata a `.$` key is sent as written: it is reported as JSONPath.
    assert_one(
        build(
            QueryLanguage::Jsonata,
            lambda::Invoke::function("f").field("Payload.$", json!(5)),
        ),
        BuildIssueKind::QueryLanguageMismatch,
        "/States/T/Arguments/Payload.$",
        &["`Payload.$` of state `T`", "JSONPath template key"],
    );
    // Nested in a request, and in a JSON value.
    assert_one(
        build(
            QueryLanguage::JsonPath,
            sns::Publish::new("t", Arg::object(Request::new().field("n.$", true))),
        ),
        BuildIssueKind::InvalidValue,
        "/States/T/Parameters/Message",
        &["has the key `n.$`"],
    );
    assert_one(
        build(
            QueryLanguage::JsonPath,
            sns::Publish::new("t", json!({"a": [{"n.$": 1}]})),
        ),
        BuildIssueKind::InvalidValue,
        "/States/T/Parameters/Message",
        &["has the key `n.$`"],
    );
    // A path given as an `Arg` under a `.$` key is the same path.
    let machine = build(
        QueryLanguage::JsonPath,
        lambda::Invoke::function("f").field("Payload.$", Arg::path("$.x")),
    )
    .expect("builds");
    assert_eq!(
        machine.to_value()["States"]["T"]["Parameters"],
        json!({"FunctionName": "f", "Payload.$": "$.x"})
    );
}

#[test]
fn aws_sdk_names_must_name_an_api() {
    for (service, action, words) in [
        ("", "", "names no service"),
        ("s3", "", "names no action"),
        ("s3:getObject", "x", "`s3:getObject` as its service"),
        (
            "s3",
            "listObjectsV2.sync",
            "`listObjectsV2.sync` as its action",
        ),
    ] {
        assert_one(
            build(QueryLanguage::JsonPath, sdk::AwsSdk::new(service, action)),
            BuildIssueKind::InvalidValue,
            "/States/T/Resource",
            &[words, ".wait_for_task_token()"],
        );
    }
    // By hand, a resource that starts as an AWS SDK integration and is not one.
    assert_one(
        StateMachine::builder()
            .start(TaskState::builder("T").resource("arn:aws:states:::aws-sdk:s3:getObject:x:y"))
            .build(),
        BuildIssueKind::InvalidValue,
        "/States/T/Resource",
        &["has 4 parts after `aws-sdk:`"],
    );
    build(QueryLanguage::JsonPath, sdk::AwsSdk::new("s3", "getObject")).expect("a good name");
    build(
        QueryLanguage::JsonPath,
        sdk::AwsSdk::new("${Service}", "${Action}"),
    )
    .expect("placeholders");
}

#[test]
fn literal_values_the_api_refuses_do_not_build() {
    let entry = || eventbridge::Entry::new("shop", "Placed", Arg::input());
    for language in LANGUAGES {
        let entries = format!("/States/T/{}/Entries", request_key(language));
        assert_one(
            build(language, eventbridge::PutEvents::new([])),
            BuildIssueKind::InvalidValue,
            &entries,
            &[
                "`Entries` of the `events:putEvents` request of state `T` has 0 items, but the API takes 1 to 10",
            ],
        );
        assert_one(
            build(
                language,
                eventbridge::PutEvents::new((0..11).map(|_| entry())),
            ),
            BuildIssueKind::InvalidValue,
            &entries,
            &["has 11 items"],
        );
        build(
            language,
            eventbridge::PutEvents::new((0..10).map(|_| entry())),
        )
        .expect("ten entries");
        assert_one(
            build(
                language,
                sqs::SendMessage::new("q", "m").delay_seconds(5000),
            ),
            BuildIssueKind::InvalidValue,
            &format!("/States/T/{}/DelaySeconds", request_key(language)),
            &[
                "`DelaySeconds` of the `sqs:sendMessage` request of state `T` is 5000, but the API takes a whole number from 0 to 900",
            ],
        );
        build(language, sqs::SendMessage::new("q", "m").delay_seconds(900))
            .expect("the longest delay");
    }
}

#[test]
fn a_training_job_needs_only_what_the_api_requires() {
    let train = sagemaker::CreateTrainingJob::new(
        "churn",
        "${SageMakerRoleArn}",
        json!({"S3OutputPath": "s3://models/churn/"}),
    );
    let machine = build(QueryLanguage::JsonPath, train).expect("builds");
    assert_eq!(
        machine.to_value()["States"]["T"]["Parameters"],
        json!({
            "TrainingJobName": "churn",
            "RoleArn": "${SageMakerRoleArn}",
            "OutputDataConfig": {"S3OutputPath": "s3://models/churn/"}
        })
    );
    let report = sfn_dsl::validate::validate(&machine);
    assert!(report.diagnostics().is_empty(), "{report}");
}
