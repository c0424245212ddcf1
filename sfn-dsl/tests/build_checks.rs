//! `build()` refuses what the validator and AWS refuse: a JSONPath state in a JSONata
//! machine, an inner scope reusing an outer variable, Distributed Map settings out of range,
//! payload templates that set a key twice, and invalid variable names. Each issue is
//! asserted whole: kind, pointer, state, message and hint.

use serde_json::json;
use sfn_dsl::patterns::{DistributedEtl, Polling};
use sfn_dsl::prelude::*;
use sfn_dsl::validate::Code;

/// An issue as `(kind, pointer, state, message, hint)`.
type Issue = (
    BuildIssueKind,
    String,
    Option<String>,
    String,
    Option<String>,
);

/// The issues of `builder` (none if it builds, which the callers' assertions then report).
fn issues(builder: StateMachineBuilder<sfn_dsl::builder::marker::Present>) -> Vec<Issue> {
    let Err(error) = builder.build() else {
        return Vec::new();
    };
    error
        .issues()
        .iter()
        .map(|issue| {
            (
                issue.kind,
                issue.pointer.clone(),
                issue.state.as_ref().map(|state| state.as_str().to_owned()),
                issue.message.clone(),
                issue.hint.clone(),
            )
        })
        .collect()
}

fn issue(kind: BuildIssueKind, pointer: &str, state: &str, message: &str, hint: &str) -> Issue {
    (
        kind,
        pointer.to_owned(),
        Some(state.to_owned()),
        message.to_owned(),
        Some(hint.to_owned()),
    )
}

/// The pointers of the issues, for the cases whose messages another test asserts.
fn pointers(found: &[Issue]) -> Vec<&str> {
    found.iter().map(|issue| issue.1.as_str()).collect()
}

// 1. Query-language downgrade (ASL reference E-FIELD-3).

const DOWNGRADE: BuildIssueKind = BuildIssueKind::Rejected(Code::QueryLanguageDowngrade);
const DOWNGRADE_HINT: &str = "remove `.query_language(QueryLanguage::JsonPath)` from the state, or make the machine JSONPath (a JSONPath machine may hold JSONata states)";

#[test]
fn a_jsonpath_state_in_a_jsonata_machine_is_refused() {
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(
                PassState::builder("Legacy")
                    .query_language(QueryLanguage::JsonPath)
                    .result_path("$.legacy")
                    .next(
                        MapState::builder("Each")
                            .items(json!([1, 2]))
                            .item_processor(
                                PassState::builder("Inner").query_language(QueryLanguage::JsonPath),
                            ),
                    ),
            ),
    );
    assert_eq!(
        found,
        [
            issue(
                DOWNGRADE,
                "/States/Legacy/QueryLanguage",
                "Legacy",
                "state `Legacy` sets `QueryLanguage` to JSONPath, but the machine uses JSONata, and AWS accepts no JSONPath state in a JSONata machine",
                DOWNGRADE_HINT,
            ),
            issue(
                DOWNGRADE,
                "/States/Each/ItemProcessor/States/Inner/QueryLanguage",
                "Inner",
                "state `Inner` sets `QueryLanguage` to JSONPath, but the machine uses JSONata, and AWS accepts no JSONPath state in a JSONata machine",
                DOWNGRADE_HINT,
            ),
        ]
    );
    assert_eq!(DOWNGRADE.code(), "query-language-downgrade");
}

#[test]
fn states_may_set_the_machine_language_or_jsonata_in_a_jsonpath_machine() {
    let jsonata = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(PassState::builder("Same").query_language(QueryLanguage::Jsonata))
        .build()
        .expect("the machine's own language");
    assert!(sfn_dsl::validate::validate(&jsonata).is_clean());
    let mixed = StateMachine::builder()
        .start(
            PassState::builder("Modern")
                .query_language(QueryLanguage::Jsonata)
                .next(PassState::builder("Path").query_language(QueryLanguage::JsonPath)),
        )
        .build()
        .expect("JSONata states may sit in a JSONPath machine");
    assert!(sfn_dsl::validate::validate(&mixed).is_clean());
}

// 2. Variable shadowing (ASL reference §8, E-VAR-2).

const SHADOWING: BuildIssueKind = BuildIssueKind::Rejected(Code::VariableShadowing);

#[test]
fn an_inner_scope_reusing_an_outer_variable_is_refused() {
    // JSONata: a Map's item processor.
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(
                PassState::builder("Outer").assign("total", 0).next(
                    MapState::builder("Each")
                        .items(json!([1, 2]))
                        .item_processor(PassState::builder("Inner").assign("total", 1)),
                ),
            ),
    );
    assert_eq!(
        found,
        [issue(
            SHADOWING,
            "/States/Each/ItemProcessor/States/Inner/Assign/total",
            "Inner",
            "state `Inner` assigns `$total`, which `Outer`, a state of the scope outside Map `Each`, also assigns; a branch or processor cannot reuse an outer variable's name",
            "rename the inner variable (outer assignment at /States/Outer/Assign/total)",
        )]
    );
    assert_eq!(SHADOWING.code(), "variable-shadowing");

    // JSONPath: a Parallel branch, through a path (written `total.$`), a catcher and a
    // Choice rule of the outer scope; the Parallel state's own `Assign` is in the outer
    // scope too.
    let found = issues(
        StateMachine::builder().start(
            ChoiceState::builder("Route")
                .when(
                    Rule::is_present("$.x", true).assign("route", 1),
                    ParallelState::builder("Both")
                        .assign("count", Arg::result())
                        .branch(
                            TaskState::lambda_invoke("Left", "f")
                                .assign("route", Arg::result_field("Payload"))
                                .next(PassState::builder("Count").assign("count", 2)),
                        )
                        .branch(PassState::builder("Right")),
                )
                .otherwise(SucceedState::builder("Done")),
        ),
    );
    assert_eq!(
        pointers(&found),
        [
            "/States/Both/Branches/0/States/Left/Assign/route.$",
            "/States/Both/Branches/0/States/Count/Assign/count",
        ]
    );
    assert_eq!(
        found[0].3,
        "state `Left` assigns `$route`, which `Route`, a state of the scope outside Parallel `Both`, also assigns; a branch or processor cannot reuse an outer variable's name"
    );
    assert_eq!(
        found[1].4.as_deref(),
        Some("rename the inner variable (outer assignment at /States/Both/Assign/count.$)")
    );
    assert!(found.iter().all(|issue| issue.0 == SHADOWING));
}

#[test]
fn scopes_that_do_not_shadow_build() {
    // Siblings may reuse a name, and so may a branch and the catcher of its Parallel state
    // (the catcher assigns once the branch has ended; AWS accepts it).
    let machine = StateMachine::builder()
        .start(
            ParallelState::builder("Both")
                .branch(PassState::builder("Left").assign("side", 1))
                .branch(PassState::builder("Right").assign("side", 2))
                .catch(
                    Catcher::builder([ErrorName::All]).assign("side", 0),
                    PassState::builder("Recover"),
                ),
        )
        .build()
        .expect("no shadowing");
    assert!(
        sfn_dsl::validate::validate(&machine)
            .errors()
            .all(|diagnostic| diagnostic.code != Code::VariableShadowing)
    );
}

#[test]
fn nested_polling_loops_name_both_states() {
    // Both loops keep their count in `$poll` (JSONata), so the inner loop's assignments
    // shadow the outer loop's.
    let poll = |name: &str| {
        Polling::new(
            name,
            TaskState::lambda_invoke(format!("{name} start"), "start"),
            TaskState::lambda_invoke(format!("{name} status"), "status"),
        )
        .query_language(QueryLanguage::Jsonata)
        .succeeded_when(Rule::jsonata("$states.input.Payload.done"))
    };
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(
                Chain::from(poll("Export")).next(
                    MapState::builder("Each file")
                        .items(json!([1]))
                        .item_processor(poll("Row")),
                ),
            ),
    );
    assert_eq!(
        pointers(&found),
        [
            "/States/Each file/ItemProcessor/States/Row: start/Assign/poll",
            "/States/Each file/ItemProcessor/States/Row: count attempt/Assign/poll",
        ]
    );
    assert!(found.iter().all(|issue| issue.0 == SHADOWING));
    assert_eq!(
        found[0],
        issue(
            SHADOWING,
            "/States/Each file/ItemProcessor/States/Row: start/Assign/poll",
            "Row: start",
            "state `Row: start` assigns `$poll`, which `Export: start`, a state of the scope outside Map `Each file`, also assigns; a branch or processor cannot reuse an outer variable's name",
            "rename the inner variable (outer assignment at /States/Export: start/Assign/poll)",
        )
    );
    // The fix: the inner loop counts in a variable of its own.
    StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(
            Chain::from(poll("Export")).next(
                MapState::builder("Each file")
                    .items(json!([1]))
                    .item_processor(poll("Row").counter_field("rowPoll")),
            ),
        )
        .build()
        .expect("each loop has its own counter");
}

// 3. Distributed Map settings (ASL reference §3.8, E-MAP-2, E-VAL-1).

#[test]
fn distributed_map_settings_aws_refuses_are_reported() {
    let found = issues(
        StateMachine::builder().start(
            DistributedEtl::new(
                "ETL",
                ItemReader::s3_object("bucket", "key").max_items(0),
                TaskState::lambda_invoke("Row", "row"),
            )
            .batch(
                ItemBatcher::builder()
                    .max_items_per_batch(0)
                    .max_input_bytes_per_batch(262_145),
            )
            .tolerated_failure_percentage(-1)
            .label("nightly: all rows"),
        ),
    );
    let invalid = BuildIssueKind::InvalidValue;
    assert_eq!(
        found,
        [
            issue(
                invalid,
                "/States/ETL/ToleratedFailurePercentage",
                "ETL",
                "`ToleratedFailurePercentage` of Map state `ETL` must be between 0 and 100, found -1",
                "use a percentage from 0 (no failure tolerated) to 100 (every item may fail)",
            ),
            issue(
                invalid,
                "/States/ETL/Label",
                "ETL",
                "the `Label` of Map state `ETL` contains the character ':', which Map Run names cannot hold",
                "use 1 to 40 letters, digits, `-`, `_` or `.`",
            ),
            (
                invalid,
                "/States/ETL/ItemReader/ReaderConfig/MaxItems".to_owned(),
                Some("ETL".to_owned()),
                "`MaxItems` of Map state `ETL` must be between 1 and 100000000, found 0".to_owned(),
                None,
            ),
            (
                invalid,
                "/States/ETL/ItemBatcher/MaxItemsPerBatch".to_owned(),
                Some("ETL".to_owned()),
                "`MaxItemsPerBatch` of Map state `ETL` must be at least 1, found 0".to_owned(),
                None,
            ),
            (
                invalid,
                "/States/ETL/ItemBatcher/MaxInputBytesPerBatch".to_owned(),
                Some("ETL".to_owned()),
                "`MaxInputBytesPerBatch` of Map state `ETL` must be between 1 and 262144, found 262145"
                    .to_owned(),
                None,
            ),
        ]
    );
}

#[test]
fn map_run_labels_and_percentages_are_checked_at_both_ends() {
    let etl = |percentage: f64, label: &str| {
        StateMachine::builder().start(
            DistributedEtl::new(
                "ETL",
                ItemReader::s3_object("bucket", "key"),
                TaskState::lambda_invoke("Row", "row"),
            )
            .tolerated_failure_percentage(percentage)
            .label(label),
        )
    };
    let found = issues(etl(100.5, &"x".repeat(41)));
    assert_eq!(
        found
            .iter()
            .map(|issue| issue.3.as_str())
            .collect::<Vec<_>>(),
        [
            "`ToleratedFailurePercentage` of Map state `ETL` must be between 0 and 100, found 100.5",
            "the `Label` of Map state `ETL` is 41 characters long; at most 40 are allowed",
        ]
    );
    let found = issues(etl(0.0, ""));
    assert_eq!(
        found
            .iter()
            .map(|issue| issue.3.as_str())
            .collect::<Vec<_>>(),
        ["the `Label` of Map state `ETL` is empty"]
    );
    // The limits themselves, a fraction, and a label the deployment fills in are accepted.
    for (percentage, label) in [
        (0.0, "x".repeat(40)),
        (100.0, "nightly-run_1.2".to_owned()),
        (2.5, "${RunLabel}".to_owned()),
    ] {
        let machine = etl(percentage, &label).build().expect("valid settings");
        assert!(
            sfn_dsl::validate::validate(&machine)
                .errors()
                .all(|diagnostic| diagnostic.code != Code::InvalidLabel
                    && diagnostic.code != Code::OutOfRange),
            "{percentage} {label}"
        );
    }
    StateMachine::builder()
        .start(
            MapState::builder("Batches")
                .distributed(ExecutionType::Standard)
                .item_batcher(
                    ItemBatcher::builder()
                        .max_items_per_batch(1)
                        .max_input_bytes_per_batch(262_144),
                )
                .item_processor(PassState::builder("Batch")),
        )
        .build()
        .expect("the batch limits themselves are accepted");
}

#[test]
fn run_time_distributed_settings_are_left_to_the_run() {
    StateMachine::builder()
        .start(
            MapState::builder("Batches")
                .distributed(ExecutionType::Standard)
                .item_batcher(
                    ItemBatcher::builder().max_items_per_batch(Dynamic::path("$.batchSize")),
                )
                .tolerated_failure_percentage_dynamic(Dynamic::path("$.tolerated"))
                .item_processor(PassState::builder("Batch")),
        )
        .build()
        .expect("values read at run time are checked then");
}

// 4. Payload templates that set a key twice (ASL reference §6.3, E-PATH-4).

const TWICE: BuildIssueKind = BuildIssueKind::ConflictingFields;

fn twice_message(path: &str, name: &str) -> String {
    format!(
        "the object at `{path}` sets `{name}` twice, as `{name}` and as `{name}.$`: a JSONPath payload template removes the `.$`, so the two are the same key"
    )
}

fn twice_hint(name: &str) -> String {
    format!(
        "keep one of them: `{name}` for a fixed value, `{name}.$` for a path or intrinsic function"
    )
}

#[test]
fn a_request_value_setting_a_key_twice_is_refused() {
    let found = issues(StateMachine::builder().start(TaskState::call(
        "T",
        sns::Publish::new("t", json!({"a": 1, "a.$": "$.x"})),
    )));
    assert_eq!(
        found,
        [(
            TWICE,
            "/States/T/Parameters/Message".to_owned(),
            Some("T".to_owned()),
            twice_message("Parameters/Message", "a"),
            Some(twice_hint("a")),
        )]
    );
}

#[test]
fn keys_set_twice_are_found_at_any_depth() {
    // Inside arrays, nested objects, `Arg::object` and `Arg::array`, and in `Assign`
    // values: each object is reported at its own pointer (keys escaped).
    let found = issues(
        StateMachine::builder().start(
            TaskState::call(
                "T",
                sdk::AwsSdk::new("s3", "putObject")
                    .field(
                        "Body",
                        json!({"rows": [{"id": 1}, {"id.$": "$.id", "id": 2}], "a/b": {"c": 1, "c.$": "$.c"}}),
                    )
                    .field(
                        "Meta",
                        Arg::object(Request::new().field(
                            "tags",
                            Arg::array([Arg::value(json!({"k": "v", "k.$": "$.k"}))]),
                        )),
                    ),
            )
            .next(PassState::builder("P").assign("v", json!({"n": 0, "n.$": "$.n"}))),
        ),
    );
    assert_eq!(
        pointers(&found),
        [
            "/States/T/Parameters/Body/rows/1",
            "/States/T/Parameters/Body/a~1b",
            "/States/T/Parameters/Meta/tags/0",
            "/States/P/Assign/v",
        ]
    );
    assert!(found.iter().all(|issue| issue.0 == TWICE));
    assert_eq!(found[1].3, twice_message("Parameters/Body/a/b", "c"));
    assert_eq!(found[3].3, twice_message("Assign/v", "n"));
}

#[test]
fn payloads_set_by_hand_setting_a_key_twice_are_refused() {
    let found = issues(
        StateMachine::builder().start(
            PassState::builder("P")
                .parameters(json!({"a": 1, "a.$": "$.a"}))
                .next(
                    TaskState::builder("T")
                        .resource("arn:aws:states:::lambda:invoke")
                        .parameters(json!({"Payload": {"b": 1, "b.$": "$.b"}}))
                        .result_selector(json!({"c": 1, "c.$": "$.c"})),
                )
                .next(
                    MapState::builder("M")
                        .distributed(ExecutionType::Standard)
                        .item_selector(json!({"d": 1, "d.$": "$$.Map.Item.Value"}))
                        .item_batcher(
                            ItemBatcher::builder()
                                .max_items_per_batch(10)
                                .batch_input(json!({"e": 1, "e.$": "$.e"})),
                        )
                        .item_processor(PassState::builder("Item")),
                ),
        ),
    );
    assert_eq!(
        pointers(&found),
        [
            "/States/P/Parameters",
            "/States/T/Parameters/Payload",
            "/States/T/ResultSelector",
            "/States/M/ItemSelector",
            "/States/M/ItemBatcher/BatchInput",
        ]
    );
    assert_eq!(found[0].3, twice_message("Parameters", "a"));
    assert_eq!(found[4].3, twice_message("ItemBatcher/BatchInput", "e"));
}

#[test]
fn keys_that_do_not_collide_build() {
    // A request's own key given twice is replaced, and in JSONata `a.$` is no template at
    // all (it is reported as JSONPath in a JSONata state instead).
    let machine = StateMachine::builder()
        .start(TaskState::call(
            "T",
            sdk::AwsSdk::new("sns", "publish")
                .field("a", 1)
                .field("a.$", "$.x")
                .field("b", json!({"c": 1, "d.$": "$.d", "e": {"c.$": "$.c"}})),
        ))
        .build()
        .expect("no key set twice");
    assert_eq!(
        machine.to_value()["States"]["T"]["Parameters"],
        json!({"a.$": "$.x", "b": {"c": 1, "d.$": "$.d", "e": {"c.$": "$.c"}}})
    );
    // A payload set again replaces the first one, problems included.
    StateMachine::builder()
        .start(
            PassState::builder("P")
                .parameters(json!({"a": 1, "a.$": "$.a"}))
                .parameters(json!({"a.$": "$.a"})),
        )
        .build()
        .expect("only the last payload counts");
    // In a JSONata state `a.$` is an ordinary key (the validator warns), so a selector
    // with it builds.
    let machine = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start(
            MapState::builder("M")
                .items(json!([1]))
                .item_selector(json!({"a": 1, "a.$": "x"}))
                .item_processor(PassState::builder("Item")),
        )
        .build()
        .expect("no template in JSONata");
    assert_eq!(
        machine.to_value()["States"]["M"]["ItemSelector"],
        json!({"a": 1, "a.$": "x"})
    );
    let found = issues(
        StateMachine::builder()
            .query_language(QueryLanguage::Jsonata)
            .start(TaskState::call(
                "T",
                sns::Publish::new("t", json!({"a": 1, "a.$": "$.x"})),
            )),
    );
    assert_eq!(
        found
            .iter()
            .map(|issue| (issue.0, issue.1.as_str()))
            .collect::<Vec<_>>(),
        [(
            BuildIssueKind::QueryLanguageMismatch,
            "/States/T/Arguments/Message"
        )]
    );
}

// 5. Variable names (ASL reference §8, E-VAR-1).

#[test]
fn assigned_names_follow_unicode_identifier_rules() {
    let assign = |name: &str| {
        issues(StateMachine::builder().start(PassState::builder("P").assign(name, json!(1))))
    };
    assert_eq!(assign("a‿b"), []);
    assert_eq!(assign("x·y"), []);
    assert_eq!(assign("e\u{301}"), []);
    assert_eq!(
        assign("x²"),
        [issue(
            BuildIssueKind::InvalidValue,
            "/States/P/Assign/x²",
            "P",
            "`x²` assigned by state `P` is not a valid variable name: it contains '²'",
            "a variable name is a letter or `_` followed by letters, digits, combining marks or `_` (Unicode identifier rules: XID_Start or `_`, then XID_Continue), at most 80 characters, and not `states`",
        )]
    );
}

#[test]
fn a_jsonpath_dynamic_key_names_the_variable_before_its_suffix() {
    // `y.$` sets `y`: a value that is not a path is a template problem, not a name problem
    // (as the validator reports it).
    let found =
        issues(StateMachine::builder().start(PassState::builder("P").assign("y.$", json!(5))));
    assert_eq!(
        found
            .iter()
            .map(|issue| (issue.0, issue.1.as_str()))
            .collect::<Vec<_>>(),
        [(BuildIssueKind::InvalidValue, "/States/P/Assign/y.$")]
    );
    assert!(
        found[0].3.contains("whose value must be a string"),
        "{found:?}"
    );
}
