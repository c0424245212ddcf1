//! The builder API: one snapshot per state type with its fields set, checks of the
//! generated JSON, and a property test that builder-made machines survive
//! serialize -> parse unchanged.

mod nesting;
mod requests;
mod roundtrip;

use serde_json::json;
use sfn_dsl::prelude::*;

fn build(chain: impl Into<Chain>) -> StateMachine {
    StateMachine::builder()
        .start(chain)
        .build()
        .expect("the machine builds")
}

fn jsonata(chain: impl Into<Chain>) -> StateMachine {
    StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(chain)
        .build()
        .expect("the machine builds")
}

#[test]
fn pass_state() {
    let machine = build(
        PassState::builder("Shape")
            .comment("every JSONPath field")
            .input_path("$.order")
            .parameters(json!({"id.$": "$.id", "source": "web"}))
            .result_path("$.shaped")
            .output_path("$.shaped")
            // `$` in the Assign of a Pass state with Parameters is their result.
            .assign("orderId", Arg::result_field("id"))
            .next(
                PassState::builder("Fixed")
                    .result(json!([1, 2.5, "three"]))
                    .discard_result(),
            ),
    );
    insta::assert_json_snapshot!("pass_state", machine);
}

#[test]
fn task_state() {
    let machine = build(
        TaskState::builder("Call")
            .comment("a task written by hand")
            .resource("arn:aws:lambda:us-east-1:123456789012:function:worker:live")
            .credentials(json!({"RoleArn": "${WorkerRoleArn}"}))
            .input_path("$.input")
            .parameters(json!({"value.$": "$.value", "when.$": "$$.State.EnteredTime"}))
            .result_selector(json!({"answer.$": "$.answer"}))
            .result_path("$.result")
            .output_path("$.result")
            .assign("answer", Arg::path("$.answer"))
            .timeout_seconds(Dynamic::path("$.timeout"))
            .heartbeat_seconds(10)
            .retry(Retrier::builder([ErrorName::Timeout]).max_attempts(0))
            .retry(
                Retrier::builder([ErrorName::TaskFailed])
                    .interval_seconds(3)
                    .max_attempts(4)
                    .backoff_rate(1.5)
                    .max_delay_seconds(60)
                    .full_jitter()
                    .comment("be patient"),
            )
            .catch(
                Catcher::builder([ErrorName::custom("Worker.Busy")])
                    .result_path("$.busy")
                    .comment("try later"),
                WaitState::builder("Back off")
                    .seconds(30)
                    .next(Chain::goto("Call")),
            )
            .catch(
                Catcher::builder([ErrorName::All]).discard_error(),
                FailState::builder("Broken")
                    .error("Worker.Broken")
                    .cause("the worker failed"),
            )
            .next(SucceedState::builder("Done")),
    );
    insta::assert_json_snapshot!("task_state", machine);
}

#[test]
fn task_state_jsonata() {
    let machine = jsonata(
        TaskState::call(
            "Notify",
            sns::Publish::new("${TopicArn}", Arg::jsonata("$string($states.input)")).subject("Hi"),
        )
        .output(json!({"sent": "{% $states.result.MessageId %}"}))
        .assign("messageId", Arg::jsonata("$states.result.MessageId"))
        .timeout_seconds(Dynamic::jsonata("$states.input.timeout"))
        .catch(
            Catcher::builder([ErrorName::All])
                .output(json!({"error": "{% $states.errorOutput %}"}))
                .assign("failed", true),
            SucceedState::builder("Gave up").output(json!("{% $states.input %}")),
        ),
    );
    insta::assert_json_snapshot!("task_state_jsonata", machine);
}

#[test]
fn typed_integrations() {
    let chain = TaskState::call(
        "Lambda",
        lambda::Invoke::function("fn")
            .qualifier("live")
            .asynchronous(),
    )
    .next(TaskState::call(
        "SNS",
        sns::Publish::new("topic", "hi").message_group_id("g"),
    ))
    .next(TaskState::call(
        "SQS callback",
        sqs::SendMessage::new("queue", Arg::task_token())
            .delay_seconds(5)
            .message_group_id("g")
            .message_deduplication_id(Arg::context("Execution.Name"))
            .wait_for_task_token(),
    ))
    .next(TaskState::call(
        "Get",
        dynamodb::GetItem::new("T", json!({"pk": {"S": "a"}})).projection_expression("pk"),
    ))
    .next(TaskState::call(
        "Put",
        dynamodb::PutItem::new("T", json!({"pk": {"S": "a"}})).return_values("ALL_OLD"),
    ))
    .next(TaskState::call(
        "Update",
        dynamodb::UpdateItem::new("T", json!({"pk": {"S": "a"}}), "SET n = n + :one")
            .expression_attribute_values(json!({":one": {"N": "1"}}))
            .condition_expression("attribute_exists(pk)"),
    ))
    .next(TaskState::call(
        "Delete",
        dynamodb::DeleteItem::new("T", json!({"pk": {"S": "a"}})),
    ))
    .next(TaskState::call(
        "ECS",
        ecs::RunTask::new("cluster", "task:1")
            .fargate(["subnet"], ["sg"])
            .wait_for_completion(),
    ))
    .next(TaskState::call(
        "Events",
        eventbridge::PutEvents::new([
            eventbridge::Entry::new("app", "Done", Arg::input()).event_bus_name("bus"),
            eventbridge::Entry::new("app", "Audit", json!({"fixed": true})),
        ]),
    ))
    .next(TaskState::call(
        "Child",
        step_functions::StartExecution::new("child-arn")
            .name(Arg::context("Execution.Name"))
            .wait_for_completion(),
    ))
    .next(TaskState::call(
        "Glue",
        glue::StartJobRun::new("job").wait_for_completion(),
    ))
    .next(TaskState::call(
        "Batch",
        batch::SubmitJob::new("job", "queue", "def")
            .array_size(10)
            .wait_for_completion(),
    ))
    .next(TaskState::call(
        "HTTP",
        http::Invoke::new(http::Method::Put, "https://example.com", "conn").url_encoded(),
    ))
    .next(TaskState::call(
        "SDK",
        sdk::AwsSdk::new("s3", "getObject")
            .field("Bucket", "b")
            .field("Key", "k")
            .wait_for_task_token(),
    ));
    insta::assert_json_snapshot!("typed_integrations", build(chain));
}

#[test]
fn choice_state_with_every_operator() {
    let v = "$.value";
    let p = "$.other";
    let t = "2024-01-01T00:00:00Z";
    let rules = vec![
        Rule::string_equals(v, "a").comment("first"),
        Rule::string_equals_path(v, p),
        Rule::string_less_than(v, "a"),
        Rule::string_less_than_path(v, p),
        Rule::string_greater_than(v, "a"),
        Rule::string_greater_than_path(v, p),
        Rule::string_less_than_equals(v, "a"),
        Rule::string_less_than_equals_path(v, p),
        Rule::string_greater_than_equals(v, "a"),
        Rule::string_greater_than_equals_path(v, p),
        Rule::string_matches(v, "log-*.txt"),
        Rule::numeric_equals(v, 1),
        Rule::numeric_equals_path(v, p),
        Rule::numeric_less_than(v, 1.5),
        Rule::numeric_less_than_path(v, p),
        Rule::numeric_greater_than(v, -2),
        Rule::numeric_greater_than_path(v, p),
        Rule::numeric_less_than_equals(v, 3),
        Rule::numeric_less_than_equals_path(v, p),
        Rule::numeric_greater_than_equals(v, 4),
        Rule::numeric_greater_than_equals_path(v, p),
        Rule::boolean_equals(v, true),
        Rule::boolean_equals_path(v, p),
        Rule::timestamp_equals(v, t),
        Rule::timestamp_equals_path(v, p),
        Rule::timestamp_less_than(v, t),
        Rule::timestamp_less_than_path(v, p),
        Rule::timestamp_greater_than(v, t),
        Rule::timestamp_greater_than_path(v, p),
        Rule::timestamp_less_than_equals(v, t),
        Rule::timestamp_less_than_equals_path(v, p),
        Rule::timestamp_greater_than_equals(v, t),
        Rule::timestamp_greater_than_equals_path(v, p),
        Rule::is_null(v, false),
        Rule::is_present(v, true),
        Rule::is_numeric(v, true),
        Rule::is_string(v, false),
        Rule::is_boolean(v, true),
        Rule::is_timestamp(v, false),
        Rule::and([
            Rule::is_present("$.a", true),
            Rule::or([
                Rule::is_null("$.b", true),
                Rule::not(Rule::is_string("$.c", true)),
            ]),
        ])
        .assign("matched", "combined"),
    ];
    let mut rules = rules.into_iter();
    let first = rules.next().expect("rules");
    let mut choice = ChoiceState::builder("Route")
        .comment("all 39 operators")
        .input_path("$")
        .output_path("$")
        .assign("fallback", true)
        .when(first, PassState::builder("Rule"));
    for rule in rules {
        choice = choice.when(rule, PassState::builder("Rule"));
    }
    let machine = build(
        choice
            .otherwise(SucceedState::builder("Default"))
            .next(SucceedState::builder("Matched")),
    );
    let value = machine.to_value();
    let operators: Vec<String> = value["States"]["Route"]["Choices"]
        .as_array()
        .expect("choices")
        .iter()
        .take(39)
        .map(|rule| {
            rule.as_object()
                .expect("rule")
                .keys()
                .find(|key| !["Variable", "Next", "Comment"].contains(&key.as_str()))
                .expect("operator")
                .clone()
        })
        .collect();
    let mut unique = operators.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 39);
    insta::assert_json_snapshot!("choice_state_with_every_operator", machine);
}

#[test]
fn choice_state_jsonata() {
    let machine = jsonata(
        ChoiceState::builder("Size")
            .when(
                Rule::jsonata("$states.input.n > 10")
                    .output(json!({"size": "big"}))
                    .assign("big", true),
                PassState::builder("Big"),
            )
            .when(
                Rule::literal(true).comment("catch-all"),
                PassState::builder("Small"),
            )
            .output(json!("{% $states.input %}"))
            .next(SucceedState::builder("Sized")),
    );
    insta::assert_json_snapshot!("choice_state_jsonata", machine);
}

#[test]
fn wait_state_forms() {
    let machine = build(
        WaitState::builder("Seconds")
            .seconds(10)
            .comment("literal")
            .input_path("$.a")
            .output_path("$.b")
            .assign("waited", true)
            .next(WaitState::builder("Seconds path").seconds_path("$.delay"))
            .next(WaitState::builder("Timestamp").timestamp("2030-01-01T00:00:00Z"))
            .next(WaitState::builder("Timestamp path").timestamp_path("$.at"))
            .next(
                WaitState::builder("Placeholder")
                    .seconds(Dynamic::placeholder("${Delay}").expect("a placeholder")),
            )
            .next(
                WaitState::builder("JSONata")
                    .query_language(QueryLanguage::Jsonata)
                    .timestamp(Dynamic::jsonata("$states.input.at"))
                    .output(json!("{% $states.input %}")),
            ),
    );
    insta::assert_json_snapshot!("wait_state_forms", machine);
}

#[test]
fn succeed_and_fail_states() {
    let machine = build(
        ChoiceState::builder("Ok?")
            .when(
                Rule::boolean_equals("$.ok", true),
                SucceedState::builder("Fine")
                    .comment("done")
                    .input_path("$.a")
                    .output_path("$.b"),
            )
            .when(
                Rule::boolean_equals("$.ok", false),
                FailState::builder("Failed literally")
                    .error("App.Failed")
                    .cause("it broke")
                    .comment("c"),
            )
            .when(
                Rule::is_present("$.error", true),
                FailState::builder("Failed from input")
                    .error_path("$.error.Error")
                    .cause_path("States.Format('cause: {}', $.error.Cause)"),
            )
            .otherwise(
                FailState::builder("Failed in JSONata")
                    .query_language(QueryLanguage::Jsonata)
                    .error_jsonata("$states.input.code")
                    .cause_jsonata("'no: ' & $states.input.reason"),
            ),
    );
    insta::assert_json_snapshot!("succeed_and_fail_states", machine);
}

#[test]
fn parallel_state() {
    let machine = build(
        ParallelState::builder("Both")
            .comment("two branches")
            .input_path("$.in")
            .parameters(json!({"x.$": "$.x"}))
            .branch(PassState::builder("Left").next(SucceedState::builder("Left done")))
            .branch(WaitState::builder("Right").seconds(1))
            .result_selector(json!({"left.$": "$[0]", "right.$": "$[1]"}))
            .result_path("$.both")
            .output_path("$.both")
            .assign("ran", true)
            .retry(ErrorName::All)
            .catch(ErrorName::All, FailState::builder("Parallel failed"))
            .next(SucceedState::builder("After")),
    );
    insta::assert_json_snapshot!("parallel_state", machine);
}

#[test]
fn map_states() {
    let inline = MapState::builder("Inline")
        .comment("inline")
        .items_path("$.items")
        .item_selector(json!({"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"}))
        .max_concurrency(Dynamic::path("$.limit"))
        .item_processor(PassState::builder("Each"))
        .result_selector(json!({"all.$": "$"}))
        .result_path("$.mapped")
        .retry(ErrorName::All)
        .catch(ErrorName::All, FailState::builder("Map failed"));
    let distributed = MapState::builder("Distributed")
        .distributed(ExecutionType::Standard)
        .item_reader(
            ItemReader::s3_object("bucket", Arg::input_field("key"))
                .csv_headers(["id", "name"])
                .csv_delimiter(CsvDelimiter::Semicolon)
                .max_items(Dynamic::path("$.max")),
        )
        .item_batcher(
            ItemBatcher::builder()
                .max_items_per_batch(10)
                .max_input_bytes_per_batch(Dynamic::path("$.bytes"))
                .batch_input(json!({"run.$": "$$.Execution.Id"})),
        )
        .result_writer(ResultWriter::s3("out", "prefix/").output_type(OutputType::Json))
        .tolerated_failure_percentage(2.5)
        .tolerated_failure_count(Dynamic::path("$.failures"))
        .label("rows")
        .item_processor(TaskState::lambda_invoke("Row", "row"))
        .discard_result();
    let jsonata_map = MapState::builder("JSONata map")
        .query_language(QueryLanguage::Jsonata)
        .items(json!("{% $states.input.items %}"))
        .item_selector(json!({"v": "{% $states.context.Map.Item.Value %}"}))
        .max_concurrency(Dynamic::jsonata("$states.input.limit"))
        .item_processor(PassState::builder("Item"))
        .output(json!("{% $states.result %}"));
    let listing = MapState::builder("Listing")
        .distributed(ExecutionType::Express)
        .item_reader(
            ItemReader::s3_listing("bucket", "in/")
                .load_and_flatten()
                .jsonl(),
        )
        .item_processor(PassState::builder("Object"));
    let machine = build(
        Chain::from(inline)
            .next(distributed)
            .next(jsonata_map)
            .next(listing),
    );
    insta::assert_json_snapshot!("map_states", machine);
}

#[test]
fn machine_fields_and_placeholders() {
    let machine = StateMachine::builder()
        .comment("top level")
        .version("1.0")
        .timeout_seconds(Dynamic::placeholder("${ExecutionTimeout}").expect("a placeholder"))
        .start(TaskState::lambda_invoke(
            "Only",
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}",
        ))
        .build()
        .expect("builds");
    insta::assert_json_snapshot!("machine_fields_and_placeholders", machine);
}

#[test]
fn a_fragment_reused_in_many_places_gets_stable_names() {
    let audit = |what: &str| -> Chain {
        TaskState::call(
            "Audit",
            sns::Publish::new("${AuditTopicArn}", what.to_owned()),
        )
        .discard_result()
        .next(PassState::builder("Audited"))
    };
    let machine = build(
        audit("start")
            .next(
                ParallelState::builder("Fan")
                    .branch(audit("left"))
                    .branch(audit("right")),
            )
            .next(audit("end"))
            .next(audit("prefixed").prefixed("Final ")),
    );
    let names: Vec<&str> = machine
        .all_states()
        .into_iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Audit",
            "Audited",
            "Fan",
            "Audit #3",
            "Audited #3",
            "Audit #2",
            "Audited #2",
            "Audit #4",
            "Audited #4",
            "Final Audit",
            "Final Audited"
        ]
    );
    let again = build(
        audit("start")
            .next(
                ParallelState::builder("Fan")
                    .branch(audit("left"))
                    .branch(audit("right")),
            )
            .next(audit("end"))
            .next(audit("prefixed").prefixed("Final ")),
    );
    assert_eq!(machine.to_json(), again.to_json());
}

#[test]
fn error_names_no_handler_can_match_do_not_build() {
    let error = StateMachine::builder()
        .start(
            TaskState::lambda_invoke("Charge", "charge").retry(Retrier::builder([
                ErrorName::from("States.Timout"),
                ErrorName::from("States.Http.StatusCode.503"),
                ErrorName::Runtime,
            ])),
        )
        .build()
        .expect_err("a misspelt States name and States.Runtime");
    let found: Vec<(&str, Option<&str>)> = error
        .issues()
        .iter()
        .map(|issue| (issue.pointer.as_str(), issue.hint.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/States/Charge/Retry/0/ErrorEquals/0",
                Some("did you mean `States.Timeout`?")
            ),
            ("/States/Charge/Retry/0/ErrorEquals/2", None),
        ]
    );
}

/// A request field written as a JSONPath template (`"Payload.$": "$.order"`) means what AWS
/// reads in the definition: the built machine equals the one read back from its JSON, and
/// validates clean. A JSONata state, which would send the key as written, refuses it.
#[test]
fn path_template_fields_mean_what_aws_reads() {
    let call = || {
        TaskState::call(
            "Charge",
            lambda::Invoke::function("charge")
                .field("Payload.$", "$.order")
                .field(
                    "Context",
                    Arg::object(Request::new().field("Id.$", "States.UUID()")),
                ),
        )
    };
    let machine = build(call());
    let state = &machine.to_value()["States"]["Charge"]["Parameters"];
    assert_eq!(
        *state,
        json!({"FunctionName": "charge", "Payload.$": "$.order", "Context": {"Id.$": "States.UUID()"}})
    );
    let read = StateMachine::from_json(&machine.to_json()).expect("reads back");
    assert_eq!(read, machine);
    let report = sfn_dsl::validate::validate(&machine);
    assert!(report.is_clean(), "{report}");
    for refused in [
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(call())
            .build(),
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(TaskState::call(
                "Get",
                dynamodb::GetItem::new("Orders", json!({"id": {"S.$": "$.orderId"}})),
            ))
            .build(),
    ] {
        let error = refused.expect_err("a JSONPath template in a JSONata state");
        assert!(
            error
                .to_string()
                .contains("which only JSONPath states evaluate"),
            "{error}"
        );
    }
}

/// An array with a computed item has no JSONPath form; the error says how to build one.
#[test]
fn a_computed_array_item_in_jsonpath_points_at_states_array() {
    let error = StateMachine::builder()
        .start(TaskState::call(
            "Query",
            athena::StartQueryExecution::new("SELECT ?")
                .execution_parameters(Arg::array([Arg::input_field("day")])),
        ))
        .build()
        .expect_err("no JSONPath form");
    let issue = &error.issues()[0];
    assert!(
        issue
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("States.Array")),
        "{issue:?}"
    );
}

/// `.partition(..)` moves every integration the typed constructors write, nested ones and
/// Distributed Map readers and writers included, and reads back as written.
#[test]
fn a_machine_partition_moves_its_integrations() {
    for partition in ["aws-cn", "aws-us-gov", "${AWS::Partition}"] {
        let machine = StateMachine::builder()
            .partition(partition)
            .start(
                ParallelState::builder("Both")
                    .branch(TaskState::lambda_invoke("Charge", "charge"))
                    .branch(TaskState::call(
                        "Notify",
                        sns::Publish::new("${Topic}", Arg::input()),
                    )),
            )
            .build()
            .expect("builds");
        let value = machine.to_value();
        let branches = &value["States"]["Both"]["Branches"];
        assert_eq!(
            branches[0]["States"]["Charge"]["Resource"],
            format!("arn:{partition}:states:::lambda:invoke")
        );
        assert_eq!(
            branches[1]["States"]["Notify"]["Resource"],
            format!("arn:{partition}:states:::sns:publish")
        );
        let read = StateMachine::from_json(&machine.to_json()).expect("reads back");
        assert_eq!(read, machine, "{partition}");
    }
}
