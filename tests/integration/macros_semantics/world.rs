//! A scripted world of services for running example workflows with `sfn_local`.
//!
//! Tasks are answered by *service*, not by state name, so that the macro-written and the
//! builder-written twin of a workflow can be run against the very same mocks: a Lambda
//! task is the function it names (`${ChargePaymentFunctionArn}`), anything else is its
//! resource (`arn:aws:states:::sns:publish`). Every call is logged with the payload the
//! service received (for Lambda the `Payload`, not the invoke envelope) and the virtual
//! time it arrived at, so tests assert which services ran, in which order, with what, and
//! when.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Execution, Executor, Mock, Mocks, Response, TaskCall, Timestamp};

/// The resource of the optimised Lambda integration.
const LAMBDA_INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// A boxed answer to one call.
type Answer = Pin<Box<dyn Future<Output = Response>>>;

/// How a service answers: given the call and how many times the service was called
/// before in this run.
type Behaviour = Rc<dyn Fn(TaskCall, usize) -> Answer>;

/// One call a service received.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Call {
    /// The service: a Lambda function name or a resource ARN.
    pub(crate) service: String,
    /// The state that called it.
    pub(crate) state: String,
    /// What the service received (the `Payload` for Lambda).
    pub(crate) input: Value,
    /// Virtual seconds since the execution started.
    pub(crate) at_secs: i64,
}

/// The services of a run and the calls they received.
#[derive(Default)]
pub(crate) struct World {
    behaviours: BTreeMap<String, Behaviour>,
    log: Rc<RefCell<Vec<Call>>>,
    /// S3 objects Distributed Maps read: bucket, key, body.
    objects: Vec<(String, String, String)>,
}

/// The service a task call reaches.
fn service_of(call: &TaskCall) -> (String, Value) {
    let base = call
        .resource
        .trim_end_matches(".waitForTaskToken")
        .trim_end_matches(".sync:2")
        .trim_end_matches(".sync");
    if base == LAMBDA_INVOKE {
        let function = call.input["FunctionName"]
            .as_str()
            .unwrap_or("<no FunctionName>")
            .to_owned();
        let payload = call.input.get("Payload").cloned().unwrap_or(Value::Null);
        (function, payload)
    } else {
        (base.to_owned(), call.input.clone())
    }
}

/// Wraps the answer of a plain Lambda function in the `lambda:invoke` response envelope.
/// Callback tasks are answered by the callback itself, without an envelope.
fn envelope(call: &TaskCall, response: Response) -> Response {
    if call.resource != LAMBDA_INVOKE {
        return response;
    }
    match response {
        Response::Return(value) => Response::Return(json!({
            "ExecutedVersion": "$LATEST",
            "Payload": value,
            "StatusCode": 200,
        })),
        Response::Delayed(delay, inner) => {
            Response::Delayed(delay, Box::new(envelope(call, *inner)))
        }
        other => other,
    }
}

impl World {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The service always answers `value`.
    pub(crate) fn returns(self, service: &str, value: Value) -> Self {
        self.sequence(service, [Response::Return(value)])
    }

    /// The service always fails.
    pub(crate) fn throws(self, service: &str, error: &str, cause: &str) -> Self {
        self.sequence(service, [Response::throw(error, cause)])
    }

    /// The n-th call gets the n-th response; the last one repeats.
    pub(crate) fn sequence(
        self,
        service: &str,
        responses: impl IntoIterator<Item = Response>,
    ) -> Self {
        let responses: Vec<Response> = responses.into_iter().collect();
        assert!(!responses.is_empty(), "{service}: an empty sequence");
        self.answer(service, move |_, index| {
            responses[index.min(responses.len() - 1)].clone()
        })
    }

    /// Each answer computed from the call and its index.
    pub(crate) fn answer(
        self,
        service: &str,
        answer: impl Fn(&TaskCall, usize) -> Response + 'static,
    ) -> Self {
        self.answer_async(service, move |call, index| {
            let response = answer(&call, index);
            async move { response }
        })
    }

    /// Each answer computed by an async closure, which may sleep in virtual time and send
    /// callbacks and heartbeats.
    pub(crate) fn answer_async<F>(
        mut self,
        service: &str,
        answer: impl Fn(TaskCall, usize) -> F + 'static,
    ) -> Self
    where
        F: Future<Output = Response> + 'static,
    {
        let behaviour: Behaviour = Rc::new(move |call, index| Box::pin(answer(call, index)));
        self.behaviours.insert(service.to_owned(), behaviour);
        self
    }

    /// An S3 object for Distributed Map item readers.
    pub(crate) fn s3_object(mut self, bucket: &str, key: &str, body: String) -> Self {
        self.objects.push((bucket.to_owned(), key.to_owned(), body));
        self
    }

    /// The mocks answering every Task state of `machine` through this world.
    fn mocks(&self, machine: &StateMachine) -> Mocks {
        let mut resources = Vec::new();
        collect_resources(&machine.to_value(), &mut resources);
        let mut mocks = Mocks::new();
        for resource in resources {
            let behaviours = self.behaviours.clone();
            let log = Rc::clone(&self.log);
            let mock = Mock::from_async(move |call: TaskCall| {
                let (service, input) = service_of(&call);
                let index = log
                    .borrow()
                    .iter()
                    .filter(|logged| logged.service == service)
                    .count();
                let start = Timestamp::DEFAULT_START.as_millis();
                log.borrow_mut().push(Call {
                    service: service.clone(),
                    state: call.state_name.clone(),
                    input,
                    at_secs: (call.now().as_millis() - start) / 1000,
                });
                let behaviour = behaviours.get(&service).cloned();
                async move {
                    match behaviour {
                        Some(behaviour) => {
                            let wrapped = call.clone();
                            let response = behaviour(call, index).await;
                            envelope(&wrapped, response)
                        }
                        None => Response::throw("Test.Unmocked", format!("no service {service}")),
                    }
                }
            });
            mocks = mocks.resource(resource, mock);
        }
        mocks
    }

    /// Runs `machine` on `input` against this world.
    pub(crate) fn run(&self, machine: &StateMachine, input: &Value) -> Run {
        self.log.borrow_mut().clear();
        let mut executor = Executor::new(machine.clone()).mocks(self.mocks(machine));
        for (bucket, key, body) in &self.objects {
            executor = executor.s3_object(bucket, key, body.clone());
        }
        let execution = executor.run(input.clone()).expect("the definition runs");
        Run {
            execution,
            calls: self.log.borrow().clone(),
        }
    }
}

/// Every `Resource` of a Task state, nested states included, without duplicates.
fn collect_resources(value: &Value, resources: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if object.get("Type").and_then(Value::as_str) == Some("Task")
                && let Some(resource) = object.get("Resource").and_then(Value::as_str)
                && !resources.iter().any(|known| known == resource)
            {
                resources.push(resource.to_owned());
            }
            for nested in object.values() {
                collect_resources(nested, resources);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_resources(item, resources);
            }
        }
        _ => {}
    }
}

/// One execution and the calls its services received.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) execution: Execution,
    pub(crate) calls: Vec<Call>,
}

impl Run {
    /// The services called, in order.
    pub(crate) fn services(&self) -> Vec<&str> {
        self.calls
            .iter()
            .map(|call| call.service.as_str())
            .collect()
    }

    /// The inputs `service` received, in order.
    pub(crate) fn inputs_of(&self, service: &str) -> Vec<&Value> {
        self.calls
            .iter()
            .filter(|call| call.service == service)
            .map(|call| &call.input)
            .collect()
    }

    /// When (virtual seconds after the start) `service` was called, in order.
    pub(crate) fn times_of(&self, service: &str) -> Vec<i64> {
        self.calls
            .iter()
            .filter(|call| call.service == service)
            .map(|call| call.at_secs)
            .collect()
    }

    /// The states entered, in order.
    pub(crate) fn states(&self) -> Vec<&str> {
        self.execution.states.iter().map(String::as_str).collect()
    }

    /// The virtual seconds the execution took.
    pub(crate) fn seconds(&self) -> u64 {
        self.execution.duration_ms() / 1000
    }

    /// Asserts that the execution succeeded with `output`.
    #[track_caller]
    pub(crate) fn assert_output(&self, output: &Value) {
        assert_eq!(
            (
                self.execution.status.as_str(),
                self.execution.error.as_deref(),
                self.execution.cause.as_deref()
            ),
            ("SUCCEEDED", None, None),
            "states: {:?}",
            self.execution.states
        );
        assert_eq!(
            self.execution.output.as_ref().map(numbers_as_floats),
            Some(numbers_as_floats(output))
        );
    }

    /// Asserts that the execution failed with `error` and `cause`.
    #[track_caller]
    pub(crate) fn assert_failed<'c>(&self, error: &str, cause: impl Into<Option<&'c str>>) {
        assert_eq!(
            (
                self.execution.status.as_str(),
                self.execution.error.as_deref(),
                self.execution.cause.as_deref()
            ),
            ("FAILED", Some(error), cause.into()),
            "states: {:?}",
            self.execution.states
        );
    }
}

/// `value` with every number as a float: JSONata has one number type, so `90.0` and `90`
/// are the same value (and print the same).
pub(crate) fn numbers_as_floats(value: &Value) -> Value {
    match value {
        Value::Number(number) => number
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.iter().map(numbers_as_floats).collect()),
        Value::Object(object) => Value::Object(
            object
                .iter()
                .map(|(key, item)| (key.clone(), numbers_as_floats(item)))
                .collect(),
        ),
        other => other.clone(),
    }
}
