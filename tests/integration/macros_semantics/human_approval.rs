//! Human approval (`examples/src/macros/human_approval.rs` and its builder twin
//! `examples/src/human_approval.rs`): the manager answers a task token within a day
//! (heartbeats at least hourly); on `States.Timeout` the director is asked and has two
//! days (then `Approval.TimedOut`); other errors propagate. A rejection fails with the
//! approver's comment; an approval pays the expense (retried on Lambda's transient
//! errors), and the payment is the output.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use serde_json::{Value, json};
use sfn_local::{CallbackError, Response, TaskCall};

use super::twins::Twins;
use super::world::{Run, World};

const APPROVAL: &str = "${RequestApprovalFunctionArn}";
const PAY: &str = "${PayExpenseFunctionArn}";

const HOUR: u64 = 3600;

fn twins() -> Twins {
    Twins::new(
        sfn_examples::macros::human_approval::definition(),
        sfn_examples::human_approval::definition(),
    )
}

fn expense() -> Value {
    json!({"employee": "ada", "amount": 420.5, "description": "conference"})
}

/// What one approver does with the request they receive.
#[derive(Clone)]
enum Approver {
    /// Heartbeats every `heartbeat` seconds (if any) and answers after `after` seconds
    /// with `SendTaskSuccess(decision)`.
    Decides {
        after: u64,
        heartbeat: Option<u64>,
        decision: Value,
    },
    /// Answers with `SendTaskFailure`.
    Fails {
        error: &'static str,
        cause: &'static str,
    },
    /// Never answers; heartbeats every `heartbeat` seconds while the task waits.
    Silent { heartbeat: Option<u64> },
}

fn decision(approved: bool, comment: &str) -> Value {
    json!({"approved": approved, "comment": comment})
}

/// Plays the approvers in order (manager first, then director), through the task token
/// the request carries.
async fn act(call: TaskCall, approver: Approver) -> Response {
    let token = call.input["Payload"]["token"]
        .as_str()
        .expect("the request carries the task token")
        .to_owned();
    assert_eq!(call.token.as_deref(), Some(token.as_str()));
    let callbacks = call.callbacks().clone();
    match approver {
        Approver::Decides {
            after,
            heartbeat,
            decision,
        } => {
            let mut waited = 0;
            if let Some(every) = heartbeat {
                while waited + every < after {
                    call.sleep(Duration::from_secs(every)).await;
                    waited += every;
                    callbacks
                        .send_task_heartbeat(&token)
                        .expect("the task still waits");
                }
            }
            call.sleep(Duration::from_secs(after - waited)).await;
            callbacks
                .send_task_success(&token, decision)
                .expect("the task waits for the answer");
        }
        Approver::Fails { error, cause } => {
            callbacks
                .send_task_failure(&token, error, cause)
                .expect("the task waits");
        }
        Approver::Silent { heartbeat } => {
            if let Some(every) = heartbeat {
                loop {
                    call.sleep(Duration::from_secs(every)).await;
                    if callbacks.send_task_heartbeat(&token).is_err() {
                        break;
                    }
                }
            }
        }
    }
    Response::NoResponse
}

/// The approvers answer the requests in order (the manager, then the director); the
/// payment goes through.
fn scenario(approvers: Vec<Approver>) -> World {
    World::new()
        .answer_async(APPROVAL, move |call, index| {
            act(call, approvers[index].clone())
        })
        .returns(PAY, json!({"transferId": "TR-9"}))
}

/// Runs both twins (which must behave the same); returns the macro run and the builder run.
fn execute(world: &World) -> (Run, Run) {
    twins().run(world, &expense())
}

fn request(approver: &str) -> Value {
    json!({"approver": approver, "expense": expense()})
}

/// The approval requests sent, without their tokens.
fn requests(run: &Run) -> Vec<Value> {
    run.inputs_of(APPROVAL)
        .into_iter()
        .map(|input| {
            let mut input = input.clone();
            input.as_object_mut().unwrap().remove("token");
            input
        })
        .collect()
}

/// The builder's states when `approver` decides and the payment follows.
fn builder_approved(approver: &str) -> Vec<String> {
    vec![
        approver.to_owned(),
        format!("{approver}: approved?"),
        format!("{approver}: approved"),
        "Pay expense".to_owned(),
        "Paid".to_owned(),
    ]
}

#[test]
fn the_manager_approves_within_the_day() {
    let world = scenario(vec![Approver::Decides {
        after: 2 * HOUR,
        heartbeat: Some(HOUR / 2),
        decision: decision(true, "fine"),
    }]);
    let (run, builder) = execute(&world);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(run.states(), ["AskManager", "CheckApproved", "PayExpense"]);
    assert_eq!(builder.states(), builder_approved("Manager approval"));
    assert_eq!(requests(&run), [request("manager")]);
    assert_eq!(run.inputs_of(PAY), [&expense()]);
    assert_eq!(run.seconds(), 2 * HOUR);
}

#[test]
fn a_rejection_fails_with_the_comment() {
    let world = scenario(vec![Approver::Decides {
        after: 600,
        heartbeat: None,
        decision: decision(false, "not in budget"),
    }]);
    let (run, builder) = execute(&world);
    run.assert_failed("Expense.Rejected", "not in budget");
    assert_eq!(
        run.states(),
        ["AskManager", "CheckApproved", "ExpenseRejected"]
    );
    assert_eq!(
        builder.states(),
        [
            "Manager approval",
            "Manager approval: approved?",
            "Manager approval: rejected"
        ]
    );
    assert!(run.inputs_of(PAY).is_empty());
}

#[test]
fn a_manager_who_keeps_the_task_alive_but_never_answers_escalates_after_a_day() {
    let world = scenario(vec![
        Approver::Silent {
            heartbeat: Some(HOUR / 2),
        },
        Approver::Decides {
            after: HOUR,
            heartbeat: Some(HOUR / 2),
            decision: decision(true, "approved by the director"),
        },
    ]);
    let (run, builder) = execute(&world);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(
        run.states(),
        ["AskManager", "AskDirector", "CheckApproved", "PayExpense"]
    );
    let mut states = vec!["Manager approval".to_owned()];
    states.extend(builder_approved("Director approval"));
    assert_eq!(builder.states(), states);
    // The director gets the same expense the manager got.
    assert_eq!(requests(&run), [request("manager"), request("director")]);
    assert_eq!(run.times_of(APPROVAL), [0, 24 * 3600]);
    assert_eq!(run.seconds(), 25 * HOUR);
    assert_eq!(run.inputs_of(PAY), [&expense()]);
}

#[test]
fn a_manager_without_heartbeats_times_out_after_an_hour_and_escalates() {
    // A missed heartbeat is `States.Timeout` (as AWS reports it), so it escalates too.
    let world = scenario(vec![
        Approver::Silent { heartbeat: None },
        Approver::Decides {
            after: 60,
            heartbeat: None,
            decision: decision(false, "no"),
        },
    ]);
    let (run, builder) = execute(&world);
    run.assert_failed("Expense.Rejected", "no");
    assert_eq!(run.times_of(APPROVAL), [0, 3600]);
    assert_eq!(
        run.states(),
        [
            "AskManager",
            "AskDirector",
            "CheckApproved",
            "ExpenseRejected"
        ]
    );
    assert_eq!(
        builder.states(),
        [
            "Manager approval",
            "Director approval",
            "Director approval: approved?",
            "Director approval: rejected"
        ]
    );
}

#[test]
fn a_late_answer_is_refused() {
    // The manager keeps the task alive but lets the day pass; when the director is
    // asked, the manager's answer to the old token comes too late and is refused.
    let tokens = Rc::new(RefCell::new(Vec::<String>::new()));
    let refusals = Rc::new(RefCell::new(Vec::new()));
    let world = {
        let (seen, refused) = (Rc::clone(&tokens), Rc::clone(&refusals));
        let approvers = [
            Approver::Silent {
                heartbeat: Some(HOUR / 2),
            },
            Approver::Decides {
                after: 2 * HOUR,
                heartbeat: Some(HOUR / 2),
                decision: decision(true, "ok"),
            },
        ];
        World::new()
            .returns(PAY, json!({"transferId": "TR-9"}))
            .answer_async(APPROVAL, move |call, index| {
                let token = call.token.clone().expect("a callback task has a token");
                if index == 0 {
                    seen.borrow_mut().clear();
                }
                if let Some(manager) = seen.borrow().first() {
                    let late = call
                        .callbacks()
                        .send_task_success(manager, decision(false, "too late"));
                    refused.borrow_mut().extend(late.err());
                }
                seen.borrow_mut().push(token);
                act(call, approvers[index].clone())
            })
    };
    let (run, _) = execute(&world);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(run.seconds(), 26 * HOUR);
    // One refusal per twin, each for that run's manager token.
    let refusals = refusals.borrow();
    assert_eq!(refusals.len(), 2);
    assert!(
        refusals
            .iter()
            .all(|refusal| matches!(refusal, CallbackError::TaskClosed(_))),
        "{refusals:?}"
    );
    assert_eq!(
        *refusals.last().unwrap(),
        CallbackError::TaskClosed(tokens.borrow()[0].clone())
    );
}

#[test]
fn a_silent_director_is_approval_timed_out() {
    let world = scenario(vec![
        Approver::Silent {
            heartbeat: Some(HOUR / 2),
        },
        Approver::Silent {
            heartbeat: Some(HOUR / 2),
        },
    ]);
    let (run, builder) = execute(&world);
    run.assert_failed("Approval.TimedOut", "no decision arrived in time");
    assert_eq!(
        run.states(),
        ["AskManager", "AskDirector", "ApprovalTimedOut"]
    );
    assert_eq!(
        builder.states(),
        [
            "Manager approval",
            "Director approval",
            "Director approval: timed out"
        ]
    );
    assert_eq!(run.seconds(), 72 * HOUR);
}

#[test]
fn other_approval_errors_propagate_unchanged() {
    let world = scenario(vec![Approver::Fails {
        error: "Mail.Bounced",
        cause: "mailbox full",
    }]);
    let (run, builder) = execute(&world);
    run.assert_failed("Mail.Bounced", "mailbox full");
    assert_eq!(run.states(), ["AskManager"]);
    assert_eq!(builder.states(), ["Manager approval"]);
    assert_eq!(run.inputs_of(APPROVAL).len(), 1);
}

#[test]
fn payment_is_retried_on_transient_lambda_errors_only() {
    let approve = || {
        vec![Approver::Decides {
            after: 1,
            heartbeat: None,
            decision: decision(true, "ok"),
        }]
    };
    let throttled = scenario(approve()).sequence(
        PAY,
        [
            Response::throw("Lambda.TooManyRequestsException", "rate"),
            Response::throw("Lambda.SdkClientException", "reset"),
            Response::throw("Lambda.ServiceException", "oops"),
            Response::from(json!({"transferId": "TR-9"})),
        ],
    );
    let (run, _) = execute(&throttled);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(run.times_of(PAY), [1, 2, 4, 8]);

    let declined = scenario(approve()).throws(PAY, "Bank.Declined", "account closed");
    let (run, _) = execute(&declined);
    run.assert_failed("Bank.Declined", "account closed");
    assert_eq!(run.times_of(PAY), [1]);
}
