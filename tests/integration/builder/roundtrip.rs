//! Property: any machine the builder makes survives serialize -> parse unchanged, and
//! serializes byte-identically again.

use proptest::prelude::*;
use serde_json::json;
use sfn_dsl::prelude::*;

/// The shape of a random state; names come from a small pool, so that composition has to
/// rename clashes.
#[derive(Clone, Debug)]
enum Shape {
    Pass {
        name: u8,
        result: Option<i64>,
        jsonata: bool,
    },
    Wait {
        name: u8,
        seconds: u64,
        path: bool,
    },
    Task {
        name: u8,
        retry: bool,
        catch: bool,
        timeout: Option<u64>,
        jsonata: bool,
    },
    Choice {
        name: u8,
        branches: Vec<Vec<Shape>>,
        default: Option<Vec<Shape>>,
    },
    Parallel {
        name: u8,
        branches: Vec<Vec<Shape>>,
    },
    Map {
        name: u8,
        processor: Vec<Shape>,
        concurrency: Option<u64>,
    },
}

fn name(number: u8) -> String {
    ["Alpha", "Beta", "Gamma", "Delta"][usize::from(number % 4)].to_owned()
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = prop_oneof![
        (any::<u8>(), proptest::option::of(-5i64..5), any::<bool>()).prop_map(
            |(name, result, jsonata)| Shape::Pass {
                name,
                result,
                jsonata
            }
        ),
        (any::<u8>(), 0u64..100, any::<bool>()).prop_map(|(name, seconds, path)| Shape::Wait {
            name,
            seconds,
            path
        }),
        (
            any::<u8>(),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(1u64..500),
            any::<bool>()
        )
            .prop_map(|(name, retry, catch, timeout, jsonata)| Shape::Task {
                name,
                retry,
                catch,
                timeout,
                jsonata
            }),
    ];
    leaf.prop_recursive(3, 24, 3, |inner| {
        let sequence = proptest::collection::vec(inner, 1..3);
        prop_oneof![
            (
                any::<u8>(),
                proptest::collection::vec(sequence.clone(), 1..3),
                proptest::option::of(sequence.clone())
            )
                .prop_map(|(name, branches, default)| Shape::Choice {
                    name,
                    branches,
                    default
                }),
            (
                any::<u8>(),
                proptest::collection::vec(sequence.clone(), 1..3)
            )
                .prop_map(|(name, branches)| Shape::Parallel { name, branches }),
            (any::<u8>(), sequence, proptest::option::of(0u64..10)).prop_map(
                |(name, processor, concurrency)| Shape::Map {
                    name,
                    processor,
                    concurrency
                }
            ),
        ]
    })
}

/// The states of `shapes` in a state list nested `depth` lists deep: each list assigns a
/// variable of its own (`seen0`, `seen1`, …), as an inner scope may not reuse an outer name.
fn sequence(shapes: &[Shape], depth: usize) -> Chain {
    shapes
        .iter()
        .fold(Chain::new(), |chain, shape| chain.next(state(shape, depth)))
}

fn state(shape: &Shape, depth: usize) -> Chain {
    let seen = format!("seen{depth}");
    match shape {
        Shape::Pass {
            name: number,
            result,
            jsonata,
        } => {
            let pass = PassState::builder(name(*number));
            match (result, jsonata) {
                (_, true) => pass
                    .query_language(QueryLanguage::Jsonata)
                    .assign(seen.as_str(), Arg::input_field("id"))
                    .output(json!({"n": "{% 1 + 1 %}"}))
                    .into(),
                // `$` in the Assign of a JSONPath Pass state with a Result is that result.
                (Some(value), false) => pass
                    .result(json!({ "value": value }))
                    .assign(seen.as_str(), Arg::result_field("value"))
                    .result_path("$.r")
                    .into(),
                (None, false) => pass.assign(seen.as_str(), Arg::input_field("id")).into(),
            }
        }
        Shape::Wait {
            name: number,
            seconds,
            path,
        } => {
            let wait = WaitState::builder(name(*number));
            if *path {
                wait.seconds_path("$.delay").into()
            } else {
                wait.seconds(*seconds).into()
            }
        }
        Shape::Task {
            name: number,
            retry,
            catch,
            timeout,
            jsonata,
        } => task(*number, *retry, *catch, *timeout, *jsonata),
        Shape::Choice {
            name: number,
            branches,
            default,
        } => {
            let mut branches = branches.iter();
            let first = branches
                .next()
                .map(|branch| sequence(branch, depth))
                .unwrap_or_default();
            let mut choice =
                ChoiceState::builder(name(*number)).when(Rule::is_present("$.a", true), first);
            for (index, branch) in branches.enumerate() {
                choice = choice.when(
                    Rule::numeric_greater_than("$.n", index),
                    sequence(branch, depth),
                );
            }
            match default {
                Some(default) => choice.otherwise(sequence(default, depth)).into(),
                // `otherwise_continue` at the end of a list would dangle.
                None => choice.otherwise(PassState::builder("Fallback")).into(),
            }
        }
        Shape::Parallel {
            name: number,
            branches,
        } => {
            let mut parallel = ParallelState::builder(name(*number))
                .branch(Chain::from(SucceedState::builder("Branch start")));
            for branch in branches {
                parallel = parallel.branch(sequence(branch, depth + 1));
            }
            parallel.result_path("$.branches").into()
        }
        Shape::Map {
            name: number,
            processor,
            concurrency,
        } => {
            let mut map = MapState::builder(name(*number))
                .items_path("$.items")
                .item_processor(sequence(processor, depth + 1));
            if let Some(limit) = concurrency {
                map = map.max_concurrency(*limit);
            }
            map.into()
        }
    }
}

fn task(number: u8, retry: bool, catch: bool, timeout: Option<u64>, jsonata: bool) -> Chain {
    let mut task = TaskState::call(
        name(number),
        lambda::Invoke::function("f").payload(Arg::input_field("x")),
    );
    if jsonata {
        task = task.query_language(QueryLanguage::Jsonata);
    }
    if let Some(timeout) = timeout {
        task = task.timeout_seconds(timeout);
    }
    if retry {
        task = task.retry(
            Retrier::builder(ErrorName::lambda_transient())
                .backoff_rate(1.5)
                .max_attempts(2),
        );
    }
    if catch {
        task = task.catch(ErrorName::All, PassState::builder("Recover"));
    }
    task.into()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn builder_machines_survive_serialize_and_parse(shapes in proptest::collection::vec(shape(), 1..5)) {
        let machine = StateMachine::builder()
            .comment("random")
            .start(sequence(&shapes, 0).next(SucceedState::builder("End")))
            .build();
        let machine = match machine {
            Ok(machine) => machine,
            Err(error) => return Err(TestCaseError::fail(format!("{error}"))),
        };
        let compact = machine.to_json();
        let parsed = StateMachine::from_json(&compact).map_err(|error| TestCaseError::fail(format!("{error}")))?;
        prop_assert_eq!(&parsed, &machine);
        prop_assert_eq!(parsed.to_json(), compact);
        let pretty = machine.to_json_pretty();
        let reparsed = StateMachine::from_json(&pretty).map_err(|error| TestCaseError::fail(format!("{error}")))?;
        prop_assert_eq!(reparsed.to_json_pretty(), pretty);
        // Written as YAML by the `build.rs` emitter and read back by the YAML reader.
        let yaml = sfn_dsl::build::to_yaml(&machine.to_value());
        let from_yaml = StateMachine::from_yaml(&yaml).map_err(|error| TestCaseError::fail(format!("{error}\n{yaml}")))?;
        prop_assert_eq!(&from_yaml, &machine);
    }
}
