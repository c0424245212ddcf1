//! The recorded task results as mocks: each task outcome event, attributed to its Task
//! state, answers that state's next invocation.

use std::collections::HashMap;

use serde_json::Value;
use sfn_dsl::StateMachine;

use super::case::{History, lower_first, owning_state};
use super::python_json;
use crate::mock::{Mock, Mocks, Response};

impl History {
    /// Whether the recorder sorted the events of Parallel branches (their ids are `[0]`).
    pub(crate) fn parallel_sorted(&self) -> bool {
        self.events
            .iter()
            .any(|event| event.get("id").is_some_and(Value::is_array))
    }

    /// The recorded task results, per Task state, in order: the mocks that replay them
    /// (with what the services answered when `.sync` and callback tasks were submitted).
    ///
    /// An event is attributed to its state by following `previousEventId` back to the
    /// state's entered event. In branches the recorder sorted (ids `[0]`, see
    /// [`super::events`]) that link is gone: there an event belongs to the one Task state
    /// entered in the same sorted run whose resource wrote it.
    ///
    /// # Errors
    ///
    /// Why the results cannot be attributed: several Task states of a sorted run could
    /// have written the same kind of event, or one state has several different results
    /// whose order the sorting lost.
    pub(crate) fn mocks(&self, machine: Option<&StateMachine>) -> Result<Mocks, String> {
        let by_id: HashMap<u64, &Value> = self
            .events
            .iter()
            .filter_map(|event| Some((event.get("id")?.as_u64()?, event)))
            .collect();
        let mut responses: Vec<(String, Vec<Recorded>)> = Vec::new();
        let mut sorted_runs: Vec<(String, std::ops::Range<usize>, Response)> = Vec::new();
        let mut submissions: Vec<(String, u64, Value)> = Vec::new();
        for (index, event) in self.events.iter().enumerate() {
            let Some(kind) = event.get("type").and_then(Value::as_str) else {
                continue;
            };
            if kind == "TaskSubmitted" {
                // The submission precedes the outcome of the same invocation.
                if let (Some(state), Some(output)) =
                    (owning_state(event, &by_id), submitted_output(event))
                {
                    let invocation = responses
                        .iter()
                        .find(|(name, _)| *name == state)
                        .map_or(0, |(_, list)| list.len() as u64);
                    submissions.push((state, invocation, output));
                }
                continue;
            }
            let Some(response) = response_of(kind, event) else {
                continue;
            };
            let state = match owning_state(event, &by_id) {
                Some(state) => state,
                None => match (machine, self.sorted_run(index)) {
                    (Some(machine), Some(run)) => {
                        let state = self.sorted_owner(run.clone(), kind, event, machine)?;
                        if let Some(other) = sorted_runs.iter().find(|(name, range, earlier)| {
                            *name == state && *range == run && *earlier != response
                        }) {
                            return Err(format!(
                                "the recorder sorted the Parallel branch events, so the order of the different results of Task state `{}` is not recorded",
                                other.0
                            ));
                        }
                        sorted_runs.push((state.clone(), run, response.clone()));
                        state
                    }
                    _ => continue,
                },
            };
            let recorded = Recorded {
                request: scheduled_request(event, &by_id),
                response,
            };
            match responses.iter_mut().find(|(name, _)| *name == state) {
                Some((_, list)) => list.push(recorded),
                None => responses.push((state, vec![recorded])),
            }
        }
        let mocks = responses
            .into_iter()
            .fold(Mocks::new(), |mocks, (state, list)| {
                mocks.state(state, paired(list))
            });
        Ok(submissions
            .into_iter()
            .fold(mocks, |mocks, (state, invocation, output)| {
                mocks.submission(&state, invocation, output)
            }))
    }

    /// The run of sorted events (ids `[0]`) around event `index`, if it is in one.
    fn sorted_run(&self, index: usize) -> Option<std::ops::Range<usize>> {
        let sorted = |event: &Value| event.get("id").is_some_and(Value::is_array);
        if !sorted(self.events.get(index)?) {
            return None;
        }
        let start = self.events[..index]
            .iter()
            .rposition(|event| !sorted(event))
            .map_or(0, |position| position + 1);
        let end = self.events[index..]
            .iter()
            .position(|event| !sorted(event))
            .map_or(self.events.len(), |position| index + position);
        Some(start..end)
    }

    /// The Task state of a sorted run that wrote a task event of `kind`.
    fn sorted_owner(
        &self,
        run: std::ops::Range<usize>,
        kind: &str,
        event: &Value,
        machine: &StateMachine,
    ) -> Result<String, String> {
        let states = machine.all_states();
        let mut candidates: Vec<&str> = Vec::new();
        for entered in &self.events[run] {
            if entered.get("type").and_then(Value::as_str) != Some("TaskStateEntered") {
                continue;
            }
            let Some(name) = entered
                .get("stateEnteredEventDetails")
                .and_then(|details| details.get("name"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            let writes = states.iter().any(|(state_name, state)| {
                state_name.as_str() == name
                    && matches!(state, sfn_dsl::State::Task(task) if writes_event(task, kind, event))
            });
            if writes && !candidates.contains(&name) {
                candidates.push(name);
            }
        }
        match candidates.as_slice() {
            [name] => Ok((*name).to_owned()),
            [] => Err(format!(
                "no Task state entered in the sorted Parallel branch events writes the recorded {kind} event"
            )),
            several => Err(format!(
                "the recorder sorted the Parallel branch events, so which of the Task states {} wrote each recorded {kind} event is not recorded",
                several
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// One recorded answer of a Task state, with the request it answered when the history
/// links the two.
struct Recorded {
    request: Option<Value>,
    response: Response,
}

/// The mock that gives a state's recorded answers back: in recorded order, or, when the
/// state was asked different things (the iterations of a Map, the branches of a
/// Parallel, which AWS records in whatever order they ran), each call the first unused
/// answer to the same request, so that every iteration gets its own results.
fn paired(recorded: Vec<Recorded>) -> Mock {
    let asked_alike = recorded
        .windows(2)
        .all(|pair| pair[0].request == pair[1].request);
    if asked_alike {
        return Mock::sequence(recorded.into_iter().map(|answer| answer.response));
    }
    let last = recorded
        .last()
        .map_or(Response::NoResponse, |answer| answer.response.clone());
    let unused = std::cell::RefCell::new(recorded.into_iter().map(Some).collect::<Vec<_>>());
    Mock::from_fn(move |call| {
        let mut unused = unused.borrow_mut();
        let same_request = unused.iter().position(|answer| {
            answer
                .as_ref()
                .is_some_and(|answer| answer.request.as_ref() == Some(&call.input))
        });
        // A request the history does not hold (a token issued locally): the next answer.
        let index = same_request.or_else(|| unused.iter().position(Option::is_some));
        index
            .and_then(|index| unused.get_mut(index)?.take())
            .map_or_else(|| last.clone(), |answer| answer.response)
    })
}

/// The request a task outcome event answered: the `parameters` (or `input`) of the
/// scheduled event its `previousEventId` links lead back to.
fn scheduled_request(event: &Value, by_id: &HashMap<u64, &Value>) -> Option<Value> {
    let mut current = event;
    for _ in 0..10_000 {
        let kind = current.get("type")?.as_str()?;
        if kind.ends_with("Scheduled") {
            let (_, details) = current
                .as_object()?
                .iter()
                .find(|(key, _)| key.ends_with("EventDetails"))?;
            let request = details.get("parameters").or_else(|| details.get("input"))?;
            return Some(match request {
                Value::String(text) => serde_json::from_str(text).ok()?,
                other => other.clone(),
            });
        }
        if kind.ends_with("StateEntered") {
            return None;
        }
        let previous = current.get("previousEventId")?.as_u64()?;
        current = by_id.get(&previous)?;
    }
    None
}

/// Whether a Task state writes task events of `kind` carrying the event's resource.
fn writes_event(task: &sfn_dsl::model::TaskState, kind: &str, event: &Value) -> bool {
    let resource = crate::executor::resource::TaskResource::classify(&task.resource);
    let family = if kind.starts_with("LambdaFunction") {
        crate::executor::resource::Family::Lambda
    } else if kind.starts_with("Activity") {
        crate::executor::resource::Family::Activity
    } else {
        crate::executor::resource::Family::Task
    };
    if resource.family != family {
        return false;
    }
    if family != crate::executor::resource::Family::Task {
        return true;
    }
    let details = event
        .as_object()
        .and_then(|fields| fields.iter().find(|(key, _)| key.ends_with("EventDetails")))
        .map(|(_, details)| details);
    let field = |name: &str| {
        details
            .and_then(|details| details.get(name))
            .and_then(Value::as_str)
    };
    field("resource").is_none_or(|recorded| recorded == resource.resource)
        && field("resourceType").is_none_or(|recorded| recorded == resource.resource_type)
}

/// What the service answered when a task was submitted (a `TaskSubmitted` event's
/// `output`), parsed as the outcomes are.
fn submitted_output(event: &Value) -> Option<Value> {
    Some(
        match event.get("taskSubmittedEventDetails")?.get("output")? {
            Value::String(text) => {
                serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))
            }
            other => other.clone(),
        },
    )
}

/// The response a task event records, if it is a task outcome.
fn response_of(kind: &str, event: &Value) -> Option<Response> {
    let key = |name: &str| -> Option<&Value> { event.get(name) };
    match kind {
        "LambdaFunctionSucceeded" | "TaskSucceeded" | "ActivitySucceeded" => {
            let details_key = format!("{}EventDetails", lower_first(kind));
            // AWS returns outputs as JSON text; the recorder parses objects and arrays
            // but keeps other values as text (`"\"HelloWorld\""` in
            // `test_sqs_wait_for_task_token_call_chain`).
            let output = match key(&details_key)?.get("output") {
                Some(Value::String(text)) => {
                    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))
                }
                Some(other) => other.clone(),
                None => Value::Null,
            };
            Some(Response::Return(output))
        }
        "LambdaFunctionFailed" | "TaskFailed" | "ActivityFailed" => {
            let details_key = format!("{}EventDetails", lower_first(kind));
            let details = key(&details_key)?;
            let error = details
                .get("error")
                .and_then(Value::as_str)
                .map(str::to_owned);
            // Lambda functions called by ARN report their error payload as Python
            // writes JSON; service integrations re-encode it compactly.
            let cause = details.get("cause").map(|cause| match cause {
                Value::String(text) => text.clone(),
                other if kind == "LambdaFunctionFailed" => python_json::dumps(other),
                other => other.to_string(),
            });
            Some(match error {
                Some(error) => Response::Throw { error, cause },
                // A callback failed without an error name.
                None => Response::Fail { error: None, cause },
            })
        }
        "LambdaFunctionTimedOut" | "TaskTimedOut" | "ActivityTimedOut" => {
            Some(Response::NoResponse)
        }
        _ => None,
    }
}
