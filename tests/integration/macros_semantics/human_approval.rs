//! Human approval (`examples/src/macros/human_approval.rs`): the manager answers a task
//! token within a day (heartbeats at least hourly); on `States.Timeout` the director is
//! asked and has two days; other errors propagate. A rejection fails with the approver's
//! comment; an approval pays the expense (retried on Lambda throttling and service errors).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{CallbackError, Response, TaskCall};

use super::world::{Run, World};

const APPROVAL: &str = "${RequestApprovalFunctionArn}";
const PAY: &str = "${PayExpenseFunctionArn}";

const HOUR: u64 = 3600;

fn machine() -> StateMachine {
    sfn_examples::macros::human_approval::definition().expect("the example builds")
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

fn execute(world: &World) -> Run {
    world.run(&machine(), &expense())
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

#[test]
fn the_manager_approves_within_the_day() {
    let scenario = scenario(vec![Approver::Decides {
        after: 2 * HOUR,
        heartbeat: Some(HOUR / 2),
        decision: decision(true, "fine"),
    }]);
    let run = execute(&scenario);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(run.states(), ["AskManager", "CheckApproved", "PayExpense"]);
    assert_eq!(requests(&run), [request("manager")]);
    assert_eq!(run.inputs_of(PAY), [&expense()]);
    assert_eq!(run.seconds(), 2 * HOUR);
}

#[test]
fn a_rejection_fails_with_the_comment() {
    let scenario = scenario(vec![Approver::Decides {
        after: 600,
        heartbeat: None,
        decision: decision(false, "not in budget"),
    }]);
    let run = execute(&scenario);
    run.assert_failed("Expense.Rejected", "not in budget");
    assert_eq!(
        run.states(),
        ["AskManager", "CheckApproved", "ExpenseRejected"]
    );
    assert!(run.inputs_of(PAY).is_empty());
}

#[test]
fn a_manager_who_keeps_the_task_alive_but_never_answers_escalates_after_a_day() {
    let scenario = scenario(vec![
        Approver::Silent {
            heartbeat: Some(HOUR / 2),
        },
        Approver::Decides {
            after: HOUR,
            heartbeat: Some(HOUR / 2),
            decision: decision(true, "approved by the director"),
        },
    ]);
    let run = execute(&scenario);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(
        run.states(),
        ["AskManager", "AskDirector", "CheckApproved", "PayExpense"]
    );
    assert_eq!(requests(&run), [request("manager"), request("director")]);
    assert_eq!(run.times_of(APPROVAL), [0, 24 * 3600]);
    assert_eq!(run.seconds(), 25 * HOUR);
    assert_eq!(run.inputs_of(PAY), [&expense()]);
}

#[test]
fn a_manager_without_heartbeats_times_out_after_an_hour_and_escalates() {
    // A missed heartbeat is `States.Timeout` (as AWS reports it), so it escalates too.
    let scenario = scenario(vec![
        Approver::Silent { heartbeat: None },
        Approver::Decides {
            after: 60,
            heartbeat: None,
            decision: decision(false, "no"),
        },
    ]);
    let run = execute(&scenario);
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
}

#[test]
fn a_late_answer_is_refused() {
    // The manager keeps the task alive but lets the day pass; when the director is
    // asked, the manager's answer to the old token comes too late and is refused.
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
    let tokens = Rc::new(RefCell::new(Vec::<String>::new()));
    let refusals = Rc::new(RefCell::new(Vec::new()));
    let (seen, refused) = (Rc::clone(&tokens), Rc::clone(&refusals));
    let world = World::new()
        .returns(PAY, json!({"transferId": "TR-9"}))
        .answer_async(APPROVAL, move |call, index| {
            let token = call.token.clone().expect("a callback task has a token");
            if let Some(manager) = seen.borrow().first() {
                let late = call
                    .callbacks()
                    .send_task_success(manager, decision(false, "too late"));
                refused.borrow_mut().extend(late.err());
            }
            seen.borrow_mut().push(token);
            act(call, approvers[index].clone())
        });
    let run = world.run(&machine(), &expense());
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(run.seconds(), 26 * HOUR);
    let manager = tokens.borrow()[0].clone();
    assert_eq!(*refusals.borrow(), [CallbackError::TaskClosed(manager)]);
}

#[test]
fn a_silent_director_fails_the_execution_with_the_timeout() {
    let scenario = scenario(vec![
        Approver::Silent {
            heartbeat: Some(HOUR / 2),
        },
        Approver::Silent {
            heartbeat: Some(HOUR / 2),
        },
    ]);
    let run = execute(&scenario);
    run.assert_failed("States.Timeout", None);
    assert_eq!(run.states(), ["AskManager", "AskDirector"]);
    assert_eq!(run.seconds(), 72 * HOUR);
}

#[test]
fn other_approval_errors_propagate_unchanged() {
    let scenario = scenario(vec![Approver::Fails {
        error: "Mail.Bounced",
        cause: "mailbox full",
    }]);
    let run = execute(&scenario);
    run.assert_failed("Mail.Bounced", "mailbox full");
    assert_eq!(run.states(), ["AskManager"]);
    assert_eq!(run.inputs_of(APPROVAL).len(), 1);
}

#[test]
fn payment_is_retried_on_throttling_only() {
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
            Response::throw("Lambda.ServiceException", "oops"),
            Response::from(json!({"transferId": "TR-9"})),
        ],
    );
    let run = execute(&throttled);
    run.assert_output(&json!({"transferId": "TR-9"}));
    assert_eq!(run.times_of(PAY), [1, 2, 4]);

    let declined = scenario(approve()).throws(PAY, "Bank.Declined", "account closed");
    let run = execute(&declined);
    run.assert_failed("Bank.Declined", "account closed");
    assert_eq!(run.times_of(PAY), [1]);
}
