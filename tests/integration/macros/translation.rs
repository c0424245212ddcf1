//! One small workflow per translation rule, each asserting the exact ASL it compiles to.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::typed::Timestamp;
use sfn_dsl::workflow::{Batch, Distributed, Reader, Retry};
use sfn_dsl::{Payload, StateMachine, task, workflow};

#[derive(Clone, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
struct Ticket {
    number: String,
    priority: u32,
    vip: bool,
    title: String,
    labels: Vec<String>,
    assignee: Option<String>,
    kind: Kind,
    due_at: Timestamp,
    delay_secs: u64,
}

#[derive(Clone, Copy, Serialize, Deserialize, Payload)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Bug,
    FeatureRequest,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
struct Summary {
    number: String,
    label_count: usize,
    shout: String,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Ack {
    ok: bool,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:page")]
fn page_oncall(ticket: &Ticket) -> Ack;

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:email")]
fn email_team(ticket: &Ticket) -> Ack;

#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn log_ticket(ticket: &Ticket);

#[task(resource = "${LockFunctionArn}")]
fn take_lock(name: &str) -> Ack;

#[task(resource = "${UnlockFunctionArn}")]
fn release_lock(name: &str);

#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn ask_human(number: &str, token: String) -> Ack;

fn machine(result: Result<StateMachine, sfn_dsl::Error>) -> Value {
    let machine = result.expect("the workflow builds");
    assert_eq!(sfn_dsl::graph::check_graph(&machine), Vec::new());
    let report = sfn_dsl::validate::validate(&machine);
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert_eq!(errors, Vec::<String>::new());
    machine.to_value()
}

fn state_names(json: &Value) -> Vec<String> {
    json["States"]
        .as_object()
        .expect("states")
        .keys()
        .cloned()
        .collect()
}

#[workflow]
fn triage(ticket: Ticket) {
    if ticket.priority > 3 {
        if ticket.vip {
            page_oncall(&ticket);
        } else {
            email_team(&ticket);
        }
    } else if ticket.priority > 1 {
        email_team(&ticket);
    } else {
        log_ticket(&ticket);
    }
}

#[test]
fn nested_ifs_become_one_choice_and_identical_steps_are_shared() {
    let json = machine(triage::definition());
    assert_eq!(
        state_names(&json),
        ["CheckPriority", "PageOncall", "EmailTeam", "LogTicket"]
    );
    let choices = &json["States"]["CheckPriority"]["Choices"];
    assert_eq!(
        *choices,
        json!([
            {"Condition": "{% $states.input.priority > 3 and $states.input.vip %}", "Next": "PageOncall"},
            {"Condition": "{% $states.input.priority > 3 %}", "Next": "EmailTeam"},
            {"Condition": "{% $states.input.priority > 1 %}", "Next": "EmailTeam"}
        ])
    );
    assert_eq!(json["States"]["CheckPriority"]["Default"], "LogTicket");
    assert_eq!(
        json["States"]["PageOncall"]["Arguments"]["Payload"],
        "{% $states.input %}"
    );
    assert_eq!(json["States"]["PageOncall"]["End"], true);
}

#[workflow]
fn folded(ticket: Ticket) {
    if 2 > 1 && !false {
        log_ticket(&ticket);
    } else {
        page_oncall(&ticket);
    }
}

#[test]
fn constant_conditions_are_folded() {
    let json = machine(folded::definition());
    assert_eq!(state_names(&json), ["LogTicket"]);
}

#[workflow]
fn routing(ticket: Ticket) -> String {
    let lane = match ticket.kind {
        Kind::Bug => "bugs",
        Kind::FeatureRequest => "ideas",
    };
    match ticket.priority {
        0 => log_ticket(&ticket),
        1..=3 => {
            email_team(&ticket);
        }
        _ => {
            page_oncall(&ticket);
        }
    }
    match ticket.assignee {
        Some(person) => format!("{} handles {} in {}", person, ticket.number, lane),
        None => format!("nobody handles {}", ticket.number),
    }
}

#[test]
fn match_on_enums_literals_ranges_and_options() {
    let json = machine(routing::definition());
    assert_eq!(
        state_names(&json),
        ["CheckPriority", "LogTicket", "EmailTeam", "PageOncall"]
    );
    assert_eq!(
        json["States"]["CheckPriority"]["Choices"],
        json!([
            {"Condition": "{% $states.input.priority = 0 %}", "Next": "LogTicket"},
            {"Condition": "{% $states.input.priority >= 1 and $states.input.priority <= 3 %}", "Next": "EmailTeam"}
        ])
    );
    assert_eq!(json["States"]["CheckPriority"]["Default"], "PageOncall");
    // Both value `match`es are JSONata conditionals; with nothing assigned in between they
    // are inlined into the output of each last step.
    let output = "{% $states.input.assignee != null ? $states.input.assignee & ' handles ' & $states.input.number & ' in ' & ($states.input.kind = 'bug' ? 'bugs' : 'ideas') : 'nobody handles ' & $states.input.number %}";
    for state in ["LogTicket", "EmailTeam", "PageOncall"] {
        assert_eq!(json["States"][state]["Output"], output, "{state}");
        assert_eq!(json["States"][state]["End"], true, "{state}");
    }
}

#[workflow]
fn summarize(ticket: Ticket) -> Summary {
    let ack = email_team(&ticket);
    if ack.ok && ticket.labels.contains(&"urgent".to_owned()) && !ticket.title.is_empty() {
        page_oncall(&ticket);
    }
    Summary {
        number: ticket.number,
        label_count: ticket.labels.len() + ticket.title.chars().count(),
        shout: ticket.title.to_uppercase(),
    }
}

#[test]
fn expressions_and_struct_literals_translate_to_jsonata() {
    let json = machine(summarize::definition());
    assert_eq!(
        json["States"]["CheckOk"]["Choices"][0]["Condition"],
        "{% $ack.ok and 'urgent' in $ticket.labels and $not($length($ticket.title) = 0) %}"
    );
    assert_eq!(
        json["States"]["Done"]["Output"],
        json!({
            "number": "{% $ticket.number %}",
            "labelCount": "{% $count($ticket.labels) + $length($ticket.title) %}",
            "shout": "{% $uppercase($ticket.title) %}"
        })
    );
    assert_eq!(
        json["States"]["EmailTeam"]["Assign"],
        json!({"ticket": "{% $states.input %}", "ack": "{% $states.result.Payload %}"})
    );
}

#[workflow]
fn escalate(ticket: Ticket) -> bool {
    let ack =
        match page_oncall(&ticket).retry(Retry::on(["Lambda.ServiceException"]).max_attempts(2)) {
            Ok(ack) => ack,
            Err(error) if error.error == "States.Timeout" || error.error == "Pager.Unavailable" => {
                email_team(&ticket)
            }
            Err(error) => fail!("EscalationFailed", error.cause),
        };
    ack.ok
}

#[test]
fn typed_error_handling_compiles_to_catchers() {
    let json = machine(escalate::definition());
    let page = &json["States"]["PageOncall"];
    assert_eq!(
        page["Retry"],
        json!([{"ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 2}])
    );
    assert_eq!(
        page["Catch"],
        json!([
            {"ErrorEquals": ["States.Timeout", "Pager.Unavailable"], "Assign": {"ticket": "{% $states.input %}"}, "Next": "EmailTeam"},
            {"ErrorEquals": ["States.ALL"], "Assign": {"ticket": "{% $states.input %}", "error_2": "{% $states.errorOutput %}"}, "Next": "EscalationFailed"}
        ])
    );
    assert_eq!(page["Output"], "{% $states.result.Payload.ok %}");
    assert_eq!(
        json["States"]["EmailTeam"]["Output"],
        "{% $states.result.Payload.ok %}"
    );
    // `TaskError::cause` defaults to empty: an error output without `Cause` must not
    // make the expression undefined (which would fail the state).
    assert_eq!(
        json["States"]["EscalationFailed"]["Cause"],
        "{% $error_2.Cause ? $error_2.Cause : '' %}"
    );
}

#[workflow]
fn locked(ticket: Ticket) -> bool {
    let lock = take_lock("tickets");
    defer(|| release_lock("tickets"));
    let ack = email_team(&ticket);
    ack.ok && lock.ok
}

#[test]
fn deferred_cleanup_runs_on_success_and_on_failure() {
    let json = machine(locked::definition());
    assert_eq!(
        state_names(&json),
        [
            "TakeLock",
            "EmailTeam",
            "ReleaseLock",
            "ReleaseLock2",
            "Failed"
        ]
    );
    let states = &json["States"];
    assert_eq!(states["EmailTeam"]["Catch"][0]["Next"], "ReleaseLock2");
    assert_eq!(states["EmailTeam"]["Next"], "ReleaseLock");
    // The value is computed after the cleanup, from the variables set before it.
    assert_eq!(
        states["ReleaseLock"]["Output"],
        "{% $ack.ok and $lock.ok %}"
    );
    assert_eq!(states["ReleaseLock"]["Arguments"], "tickets");
    assert_eq!(states["ReleaseLock2"]["Next"], "Failed");
    assert_eq!(states["Failed"]["Error"], "{% $error.Error %}");
}

#[workflow]
fn timed(ticket: Ticket) {
    sleep(Duration::from_secs(ticket.delay_secs));
    sleep(Duration::from_mins(5));
    sleep_until(ticket.due_at);
    let ack = ask_human(&ticket.number, task_token())
        .wait_for_callback()
        .timeout(Duration::from_hours(1))
        .heartbeat(Duration::from_mins(10));
    if !ack.ok {
        fail!("Rejected");
    }
}

/// A timeout the macro cannot see is whole seconds or not: a constant of 1.5 s.
const SHORT_TIMEOUT: Duration = Duration::from_millis(1_500);

#[workflow]
fn hurried(ticket: Ticket) {
    let _ack = ask_human(&ticket.number, task_token())
        .wait_for_callback()
        .timeout(SHORT_TIMEOUT);
}

#[test]
fn a_timeout_computed_in_milliseconds_is_refused_not_rounded() {
    let error = hurried::definition().expect_err("1.5 s is not whole seconds");
    let message = error.to_string();
    assert!(
        message.contains("/States/AskHuman/TimeoutSeconds"),
        "{message}"
    );
    assert!(
        message.contains("1.5s is not a positive whole number of seconds"),
        "{message}"
    );
}

/// A retry policy the macro cannot see: computed from constants ASL cannot hold.
fn hasty_policy() -> Retry {
    Retry::on_all()
        .interval(SHORT_TIMEOUT)
        .max_delay(Duration::ZERO)
        .backoff_rate(0.5)
}

#[workflow]
fn hasty(ticket: Ticket) {
    let _page = page_oncall(&ticket).retry(hasty_policy());
}

#[test]
fn retry_values_asl_cannot_hold_are_refused_not_rounded() {
    let Err(sfn_dsl::Error::Build(error)) = hasty::definition() else {
        panic!("a 1.5 s retry interval builds")
    };
    let refused: Vec<(&str, &str)> = error
        .issues()
        .iter()
        .map(|issue| (issue.pointer.as_str(), issue.message.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                "/States/PageOncall/Retry/0/IntervalSeconds",
                "1.5s is not a positive whole number of seconds, which `IntervalSeconds` takes"
            ),
            (
                "/States/PageOncall/Retry/0/MaxDelaySeconds",
                "0ns is not a positive whole number of seconds, which `MaxDelaySeconds` takes"
            ),
            (
                "/States/PageOncall/Retry/0/BackoffRate",
                "0.5 is not a number of at least 1.0, which `BackoffRate` takes"
            ),
        ]
    );
    // The same policy outside a workflow is rounded, as `into_retrier` documents.
    let retrier = hasty_policy().into_retrier();
    assert_eq!(retrier.interval_seconds, Some(1));
    assert_eq!(retrier.max_delay_seconds, Some(1));
}

#[task(
    resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    heartbeat_secs = 600
)]
fn slow_review(number: &str, token: String);

#[workflow]
fn rushed(ticket: Ticket) {
    slow_review(&ticket.number, task_token())
        .wait_for_callback()
        .timeout(Duration::from_mins(5));
}

#[test]
fn a_timeout_shorter_than_the_tasks_heartbeat_is_refused() {
    let Err(sfn_dsl::Error::Build(error)) = rushed::definition() else {
        panic!("a 600 s heartbeat in a 300 s timeout builds")
    };
    let [issue] = error.issues() else {
        panic!("one issue: {error}")
    };
    assert_eq!(issue.kind.code(), "heartbeat-not-below-timeout");
    assert_eq!(issue.pointer, "/States/SlowReview/HeartbeatSeconds");
    assert!(issue.message.contains("(600)"), "{}", issue.message);
}

#[workflow]
fn tolerant(tickets: Vec<Ticket>) -> usize {
    let acks = fan_out_distributed(
        tickets,
        Distributed::new().tolerated_failure_percentage(150.0),
        |ticket: Ticket| email_team(&ticket),
    );
    acks.len()
}

#[test]
fn distributed_settings_aws_refuses_fail_the_definition() {
    let Err(sfn_dsl::Error::Build(error)) = tolerant::definition() else {
        panic!("a tolerated failure percentage of 150 builds")
    };
    assert!(
        error
            .issues()
            .iter()
            .any(|issue| issue.pointer.ends_with("/ToleratedFailurePercentage")),
        "{error}"
    );
}

#[test]
fn waits_deadlines_and_callbacks() {
    let json = machine(timed::definition());
    let states = &json["States"];
    assert_eq!(
        state_names(&json),
        [
            "WaitDelaySecs",
            "Wait5Minutes",
            "WaitUntilDueAt",
            "AskHuman",
            "CheckOk",
            "Rejected",
            "Done"
        ]
    );
    assert_eq!(states["CheckOk"]["Default"], "Done");
    // `timed` returns `()`: its output is `null`.
    assert_eq!(
        states["Done"],
        json!({"Type": "Succeed", "Output": "{% null %}"})
    );
    assert_eq!(
        states["WaitDelaySecs"]["Seconds"],
        "{% $states.input.delaySecs %}"
    );
    assert_eq!(states["Wait5Minutes"]["Seconds"], 300);
    assert_eq!(states["WaitUntilDueAt"]["Timestamp"], "{% $ticket.dueAt %}");
    let ask = &states["AskHuman"];
    assert_eq!(
        ask["Resource"],
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
    );
    assert_eq!(
        ask["Arguments"],
        json!({"number": "{% $ticket.number %}", "token": "{% $states.context.Task.Token %}"})
    );
    assert_eq!(ask["TimeoutSeconds"], 3600);
    assert_eq!(ask["HeartbeatSeconds"], 600);
    assert_eq!(
        states["Rejected"],
        json!({"Type": "Fail", "Error": "Rejected"})
    );
}

#[workflow]
fn batch(tickets: Vec<Ticket>) -> usize {
    let acks = fan_out(tickets, 5, |ticket| email_team(&ticket));
    let handled = fan_out_distributed(
        acks,
        Distributed::new().max_concurrency(100).label("acks"),
        |ack: Ack| ack.ok,
    );
    let sizes = fan_out_reader(
        Reader::json("archive", "tickets.json"),
        Distributed::new().batch(10),
        |batch: Batch<Ticket>| batch.items.len(),
    );
    handled.len() + sizes.len()
}

#[test]
fn fan_outs_become_inline_and_distributed_maps() {
    let json = machine(batch::definition());
    let states = &json["States"];
    assert_eq!(
        state_names(&json),
        ["FanOutTicket", "FanOutAck", "FanOutBatch"]
    );
    // A fan-out first reads the parameters from the execution input, so no state is needed
    // to store them.
    assert_eq!(
        states["FanOutTicket"]["Items"],
        "{% $states.context.Execution.Input %}"
    );
    assert_eq!(states["FanOutTicket"]["MaxConcurrency"], 5);
    assert_eq!(
        states["FanOutTicket"]["Assign"]["acks"],
        "{% $states.result %}"
    );
    let distributed = &states["FanOutAck"];
    assert_eq!(
        distributed["ItemProcessor"]["ProcessorConfig"],
        json!({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"})
    );
    assert_eq!(distributed["MaxConcurrency"], 100);
    assert_eq!(distributed["Label"], "acks");
    assert_eq!(distributed["Items"], "{% $acks %}");
    let reader = &states["FanOutBatch"];
    assert_eq!(
        reader["ItemReader"]["Resource"],
        "arn:aws:states:::s3:getObject"
    );
    assert_eq!(reader["ItemBatcher"], json!({"MaxItemsPerBatch": 10}));
    assert_eq!(reader.get("Items"), None);
    assert_eq!(
        reader["Output"],
        "{% $count($handled) + $count($states.result) %}"
    );
    // Each child execution counts its batch (state names are unique machine-wide: the
    // first iteration list has a `Done` already).
    let child = &reader["ItemProcessor"]["States"];
    assert_eq!(child.as_object().map(serde_json::Map::len), Some(1));
    assert_eq!(
        child["Done2"]["Output"],
        "{% $count($states.input.Items) %}"
    );
}

#[workflow]
fn shadowing(ticket: Ticket) -> bool {
    let ack = email_team(&ticket);
    let (first, second) = parallel!(
        {
            let ack = page_oncall(&ticket);
            log_ticket(&ticket);
            ack.ok
        },
        log_ticket(&ticket),
    );
    let _ = second;
    first && ack.ok
}

#[test]
fn inner_scopes_never_reassign_outer_variables() {
    let json = machine(shadowing::definition());
    let branch = &json["States"]["Parallel"]["Branches"][0]["States"];
    // The branch's `ack` shadows the outer one: it gets a name of its own.
    assert_eq!(
        branch["PageOncall"]["Assign"],
        json!({"ack_2": "{% $states.result.Payload %}"})
    );
    assert_eq!(branch["LogTicket"]["Output"], "{% $ack_2.ok %}");
    assert_eq!(
        json["States"]["EmailTeam"]["Assign"]["ack"],
        "{% $states.result.Payload %}"
    );
    // The tuple element is used once, by the output of the same state: no variable.
    assert_eq!(json["States"]["Parallel"].get("Assign"), None);
    assert_eq!(
        json["States"]["Parallel"]["Output"],
        "{% $states.result[0] and $ack.ok %}"
    );
}

#[workflow]
fn counting(ticket: Ticket) -> u32 {
    let mut rounds = 0;
    let total = loop {
        email_team(&ticket);
        rounds += 1;
        if rounds == 3 {
            break rounds * 10;
        }
        sleep(Duration::from_secs(30));
    };
    total + 1
}

#[test]
fn loops_break_with_values() {
    let json = machine(counting::definition());
    let states = &json["States"];
    assert_eq!(
        state_names(&json),
        ["Init", "EmailTeam", "CheckRounds", "Wait30Seconds", "Done"]
    );
    assert_eq!(
        states["Init"]["Assign"],
        json!({"ticket": "{% $states.input %}", "rounds": 0})
    );
    assert_eq!(
        states["CheckRounds"]["Choices"][0]["Condition"],
        "{% $rounds + 1 = 3 %}"
    );
    assert_eq!(states["Done"]["Output"], "{% ($rounds + 1) * 10 + 1 %}");
    assert_eq!(
        states["Wait30Seconds"]["Assign"],
        json!({"rounds": "{% $rounds + 1 %}"})
    );
    assert_eq!(states["Wait30Seconds"]["Next"], "EmailTeam");
}

#[workflow]
fn tally(ticket: Ticket) -> u32 {
    let mut urgent = 0;
    for label in ticket.labels {
        if label == "skip" {
            continue;
        }
        if label == "stop" {
            break;
        }
        log_ticket(&ticket);
        urgent += 1;
    }
    urgent
}

#[test]
fn for_loops_that_update_variables_become_choice_loops() {
    let json = machine(tally::definition());
    let states = &json["States"];
    assert_eq!(
        state_names(&json),
        ["Init", "ForEachLabel", "LogTicket", "Done"]
    );
    assert_eq!(
        states["Init"]["Assign"],
        json!({"urgent": 0, "label_list": "{% $states.context.Execution.Input.labels %}", "label_index": 0})
    );
    // The loop test and the body's `if`s are one Choice; `continue` and the end of the body
    // advance the index and go back to it.
    assert_eq!(
        states["ForEachLabel"]["Choices"],
        json!([
            {
                "Condition": "{% $label_index < $count($label_list) and $label_list[$label_index] = 'skip' %}",
                "Assign": {"label_index": "{% $label_index + 1 %}"},
                "Next": "ForEachLabel"
            },
            {"Condition": "{% $label_index < $count($label_list) and $label_list[$label_index] = 'stop' %}", "Next": "Done"},
            {"Condition": "{% $label_index < $count($label_list) %}", "Next": "LogTicket"}
        ])
    );
    assert_eq!(states["ForEachLabel"]["Default"], "Done");
    assert_eq!(
        states["LogTicket"]["Assign"],
        json!({"urgent": "{% $urgent + 1 %}", "label_index": "{% $label_index + 1 %}"})
    );
    assert_eq!(states["LogTicket"]["Next"], "ForEachLabel");
    assert_eq!(states["Done"]["Output"], "{% $urgent %}");
}
