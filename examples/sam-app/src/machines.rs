//! The state machines of the application, as typed values. `${…}` placeholders are filled
//! in at deployment by the template's `DefinitionSubstitutions`, and only by them: the
//! deployment writes no pseudo parameter (`${AWS::Partition}`) into a `DefinitionUri`
//! file, so the partition is a key of its own (`Partition: !Ref AWS::Partition`), which
//! makes the integrations' ARNs right in every partition (`aws-cn`, `aws-us-gov`).

use sfn_dsl::StateMachine;
use sfn_dsl::model::{
    Catcher, ChoiceRule, ChoiceState, Comparison, Condition, DataTest, Dynamic, ErrorName,
    FailState, HandlerList, JsonPath, Nullable, Operand, Payload, PayloadObject, Relation, Retrier,
    State, States, SucceedState, TaskState, Transition, WaitDuration, WaitState,
};

/// Charges an order with a Lambda function, waits for large orders to clear, records the
/// order in DynamoDB and publishes a notification; failures end in `PaymentFailed`.
#[must_use]
pub fn order_processing() -> StateMachine {
    let mut states = States::new();

    let mut charge = TaskState::new("arn:${Partition}:states:::lambda:invoke");
    let mut charge_parameters = PayloadObject::new();
    charge_parameters.insert("FunctionName", "${ChargeFunctionArn}");
    charge_parameters.insert_dynamic("Payload", "$.order");
    charge.parameters = Some(Payload::Object(charge_parameters));
    let mut selector = PayloadObject::new();
    selector.insert_dynamic("charge", "$.Payload");
    charge.result_selector = Some(Payload::Object(selector));
    charge.result_path = Some(Nullable::Value("$.payment".into()));
    charge.timeout_seconds = Some(Dynamic::Literal(30));
    charge.retry = Some(HandlerList::from([Retrier {
        error_equals: vec![
            ErrorName::from("Lambda.ServiceException"),
            ErrorName::from("Lambda.TooManyRequestsException"),
        ]
        .into(),
        interval_seconds: Some(2),
        max_attempts: Some(4),
        backoff_rate: Some(2.into()),
        ..Retrier::default()
    }]));
    let mut to_failure = Catcher::new(vec![ErrorName::All], "PaymentFailed");
    to_failure.result_path = Some(Nullable::Value("$.error".into()));
    charge.catch = Some(HandlerList::from([to_failure]));
    charge.transition = Transition::Next("LargeOrder?".into());
    states.insert("ChargeCard", State::from(charge));

    states.insert(
        "LargeOrder?",
        State::from(ChoiceState {
            choices: vec![ChoiceRule {
                condition: Condition::Test(DataTest {
                    variable: JsonPath::new("$.order.total"),
                    comparison: Comparison::Numeric(
                        Relation::GreaterThan,
                        Operand::Literal(1000.into()),
                    ),
                }),
                assign: None,
                output: None,
                next: "ClearingDelay".into(),
                comment: Some("large payments clear before the order is recorded".to_owned()),
            }],
            default: Some("RecordOrder".into()),
            ..ChoiceState::default()
        }),
    );

    states.insert(
        "ClearingDelay",
        State::from(WaitState {
            duration: WaitDuration::Seconds(Dynamic::Literal(60)),
            transition: Transition::Next("RecordOrder".into()),
            ..WaitState::default()
        }),
    );

    let mut record = TaskState::new("arn:${Partition}:states:::dynamodb:putItem");
    let mut item = PayloadObject::new();
    let mut id = PayloadObject::new();
    id.insert_dynamic("S", "$.order.id");
    item.insert("id", Payload::Object(id));
    let mut total = PayloadObject::new();
    total.insert_dynamic("N", "States.Format('{}', $.order.total)");
    item.insert("total", Payload::Object(total));
    let mut record_parameters = PayloadObject::new();
    record_parameters.insert("TableName", "${OrdersTableName}");
    record_parameters.insert("Item", Payload::Object(item));
    record.parameters = Some(Payload::Object(record_parameters));
    record.result_path = Some(Nullable::Null);
    record.timeout_seconds = Some(Dynamic::Literal(10));
    record.transition = Transition::Next("Notify".into());
    states.insert("RecordOrder", State::from(record));

    let mut notify = TaskState::new("arn:${Partition}:states:::sns:publish");
    let mut notify_parameters = PayloadObject::new();
    notify_parameters.insert("TopicArn", "${OrderTopicArn}");
    notify_parameters.insert_dynamic("Message", "States.Format('Order {} accepted', $.order.id)");
    notify.parameters = Some(Payload::Object(notify_parameters));
    notify.result_path = Some(Nullable::Null);
    notify.timeout_seconds = Some(Dynamic::Literal(10));
    notify.transition = Transition::Next("Done".into());
    states.insert("Notify", State::from(notify));

    states.insert("Done", State::from(SucceedState::default()));
    states.insert(
        "PaymentFailed",
        State::from(FailState {
            error: Some(Dynamic::Literal("PaymentFailed".to_owned())),
            cause: Some(Dynamic::Literal("the card was not charged".to_owned())),
            ..FailState::default()
        }),
    );

    StateMachine {
        comment: Some("Charge, record and announce an order".to_owned()),
        start_at: "ChargeCard".into(),
        states,
        ..StateMachine::default()
    }
}
