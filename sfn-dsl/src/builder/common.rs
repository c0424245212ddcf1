//! What every state builder has in common: its name, variables, catch handlers and
//! problems, and the setters shared by several state types.

use super::arg::Request;
use super::chain::{Chain, Deferred, DeferredField, Node, NodeState, Problem, Slot};
use crate::model::StateName;
use crate::small_list::SmallList;

/// The parts of a state builder that are not fields of the model state.
#[derive(Clone, Debug, Default)]
pub(crate) struct Common {
    pub(crate) name: StateName,
    pub(crate) assign: Request,
    /// `.end()` was called: the state ends its list even if something follows.
    pub(crate) end: bool,
    /// Catch handlers, by catcher index, with the catcher's variables.
    pub(crate) catches: Vec<(usize, Request, Chain)>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) deferred: SmallList<Deferred>,
}

impl Common {
    pub(crate) fn new(name: impl Into<StateName>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Makes the catcher at `index` pass the state's input on, in the machine's language.
    pub(crate) fn keep_catch_input(&mut self, index: usize) {
        self.deferred.push(Deferred {
            into: DeferredField::CatchKeepsInput(index),
            request: Request::new(),
        });
    }

    /// The finished one-state chain, with its catch handlers after it.
    pub(crate) fn finish(self, state: NodeState) -> Chain {
        let Self {
            name,
            assign,
            end,
            catches,
            problems,
            mut deferred,
        } = self;
        if !assign.is_empty() {
            deferred.push(Deferred {
                into: DeferredField::Assign,
                request: assign,
            });
        }
        for (index, request, _) in &catches {
            if !request.is_empty() {
                deferred.push(Deferred {
                    into: DeferredField::CatchAssign(*index),
                    request: request.clone(),
                });
            }
        }
        let node = Node {
            name,
            handler: false,
            state,
            deferred,
            problems,
        };
        let mut chain = Chain::single(node, end);
        // Most states have no catch handler: their (empty) list is not even iterated.
        if !catches.is_empty() {
            for (index, _, handler) in catches {
                match chain.absorb(handler, true) {
                    Some(entry) => chain.connect(Slot::Catch(0, index), &entry),
                    None => chain.open.push(Slot::Catch(0, index)),
                }
            }
        }
        chain
    }
}

/// Generates setters shared by several state builders. Each expects the builder to have a
/// `state` field holding the model state and a `common` field holding a [`Common`].
///
/// The leading `example(...)` gives the code around each setter's doctest: the builder
/// for a state named `S` up to the setter, what follows it to make a complete state in a
/// JSONPath machine, and (if different) in a JSONata state.
macro_rules! setters {
    (example($before:literal, $after:literal); $($field:ident),* $(,)?) => {
        $crate::builder::common::setters!(example($before, $after, $after); $($field),*);
    };
    (example($before:literal, $after:literal, $after_jsonata:literal); $($field:ident),* $(,)?) => {
        $( $crate::builder::common::setters!(@ $field [$before, $after, $after_jsonata]); )*
    };
    (@comment $ex:tt) => {
        /// Free text for readers of the definition. Serialized as `Comment`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".comment(\"Checks the order\")",
            "assert_eq!(state[\"Comment\"], json!(\"Checks the order\"));")]
        pub fn comment(mut self, comment: impl Into<String>) -> Self {
            self.state.comment = Some(comment.into());
            self
        }
    };
    (@query_language $ex:tt) => {
        /// The state's own query language, overriding the machine's. Serialized as
        /// `QueryLanguage`.
        ///
        #[doc = $crate::builder::common::setter_example!(jsonata $ex,
            ".query_language(QueryLanguage::Jsonata)",
            "assert_eq!(state[\"QueryLanguage\"], json!(\"JSONata\"));")]
        pub fn query_language(mut self, language: $crate::model::QueryLanguage) -> Self {
            self.state.query_language = Some(language);
            self
        }
    };
    (@input_path $ex:tt) => {
        /// Selects the part of the input the state works on (JSONPath). Serialized as
        /// `InputPath`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".input_path(\"$.order\")",
            "assert_eq!(state[\"InputPath\"], json!(\"$.order\"));")]
        pub fn input_path(mut self, path: impl Into<$crate::model::JsonPath>) -> Self {
            self.state.input_path = Some($crate::model::Nullable::Value(path.into()));
            self
        }

        /// Gives the state `{}` as its input (JSONPath). Serialized as `"InputPath": null`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".input_path_null()",
            "assert_eq!(state.get(\"InputPath\"), Some(&json!(null)));")]
        pub fn input_path_null(mut self) -> Self {
            self.state.input_path = Some($crate::model::Nullable::Null);
            self
        }
    };
    (@output_path $ex:tt) => {
        /// Selects the part of the output passed on (JSONPath). Serialized as
        /// `OutputPath`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".output_path(\"$.summary\")",
            "assert_eq!(state[\"OutputPath\"], json!(\"$.summary\"));")]
        pub fn output_path(mut self, path: impl Into<$crate::model::JsonPath>) -> Self {
            self.state.output_path = Some($crate::model::Nullable::Value(path.into()));
            self
        }

        /// Passes `{}` on as the output (JSONPath). Serialized as `"OutputPath": null`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".output_path_null()",
            "assert_eq!(state.get(\"OutputPath\"), Some(&json!(null)));")]
        pub fn output_path_null(mut self) -> Self {
            self.state.output_path = Some($crate::model::Nullable::Null);
            self
        }
    };
    (@parameters $ex:tt) => {
        /// The effective input, as a payload template with `"key.$"` paths (JSONPath).
        /// Serialized as `Parameters`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".parameters(json!({\"id.$\": \"$.orderId\", \"source\": \"web\"}))",
            "assert_eq!(state[\"Parameters\"], json!({\"id.$\": \"$.orderId\", \"source\": \"web\"}));")]
        pub fn parameters(mut self, payload: impl Into<$crate::model::Payload>) -> Self {
            let payload = payload.into();
            $crate::builder::check::template::set_by_hand(
                &mut self.common.problems,
                "/Parameters",
                &payload,
            );
            self.state.parameters = Some(payload);
            self
        }
    };
    (@arguments $ex:tt) => {
        /// The input passed on, as JSON with `{% %}` expressions (JSONata). Serialized as
        /// `Arguments`.
        ///
        #[doc = $crate::builder::common::setter_example!(jsonata $ex,
            ".query_language(QueryLanguage::Jsonata)\n    .arguments(json!({\"id\": \"{% $states.input.orderId %}\"}))",
            "assert_eq!(state[\"Arguments\"], json!({\"id\": \"{% $states.input.orderId %}\"}));")]
        pub fn arguments(mut self, payload: impl Into<$crate::model::Payload>) -> Self {
            self.state.arguments = Some(payload.into());
            self
        }
    };
    (@result_selector $ex:tt) => {
        /// Reshapes the raw result with a payload template (JSONPath). Serialized as
        /// `ResultSelector`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".result_selector(json!({\"id.$\": \"$.Id\"}))",
            "assert_eq!(state[\"ResultSelector\"], json!({\"id.$\": \"$.Id\"}));")]
        pub fn result_selector(mut self, payload: impl Into<$crate::model::Payload>) -> Self {
            let payload = payload.into();
            $crate::builder::check::template::set_by_hand(
                &mut self.common.problems,
                "/ResultSelector",
                &payload,
            );
            self.state.result_selector = Some(payload);
            self
        }
    };
    (@result_path $ex:tt) => {
        /// Where the result is placed in the input (JSONPath). Serialized as `ResultPath`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".result_path(\"$.result\")",
            "assert_eq!(state[\"ResultPath\"], json!(\"$.result\"));")]
        pub fn result_path(mut self, path: impl Into<$crate::model::ReferencePath>) -> Self {
            self.state.result_path = Some($crate::model::Nullable::Value(path.into()));
            self
        }

        /// Discards the result and passes the input on unchanged (JSONPath). Serialized as
        /// `"ResultPath": null`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".discard_result()",
            "assert_eq!(state.get(\"ResultPath\"), Some(&json!(null)));")]
        pub fn discard_result(mut self) -> Self {
            self.state.result_path = Some($crate::model::Nullable::Null);
            self
        }
    };
    (@output $ex:tt) => {
        /// The state's output, as JSON with `{% %}` expressions (JSONata). Serialized as
        /// `Output`.
        ///
        #[doc = $crate::builder::common::setter_example!(jsonata $ex,
            ".query_language(QueryLanguage::Jsonata)\n    .output(json!({\"total\": \"{% $states.input.total %}\"}))",
            "assert_eq!(state[\"Output\"], json!({\"total\": \"{% $states.input.total %}\"}));")]
        pub fn output(mut self, payload: impl Into<$crate::model::Payload>) -> Self {
            self.state.output = Some(payload.into());
            self
        }
    };
    (@assign $ex:tt) => {
        /// Sets the workflow variable `name` when the state completes; call it once per
        /// variable. The value is written for the state's query language (see
        /// [`Arg`](crate::builder::Arg)). Serialized as an entry of `Assign`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".assign(\"attempts\", 1)\n    .assign(\"status\", \"started\")",
            "assert_eq!(state[\"Assign\"], json!({\"attempts\": 1, \"status\": \"started\"}));")]
        pub fn assign(mut self, name: impl Into<String>, value: impl Into<$crate::builder::Arg>) -> Self {
            self.common.assign.set(name, value);
            self
        }
    };
    (@end $ex:tt) => {
        /// Ends the machine, branch or iteration here, even if the chain continues.
        /// Serialized as `"End": true`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".end()",
            "assert_eq!(state[\"End\"], json!(true));\nassert_eq!(state.get(\"Next\"), None);")]
        pub fn end(mut self) -> Self {
            self.common.end = true;
            self
        }
    };
    (@retry $ex:tt) => {
        /// Adds a retrier; retriers are tried in order. Accepts an error name, an array of
        /// them, or a [`RetrierBuilder`](crate::builder::RetrierBuilder). Serialized as an
        /// entry of `Retry`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".retry(Retrier::builder([ErrorName::Timeout]).max_attempts(3))",
            "assert_eq!(state[\"Retry\"], json!([{\"ErrorEquals\": [\"States.Timeout\"], \"MaxAttempts\": 3}]));")]
        pub fn retry(mut self, retrier: impl Into<$crate::builder::RetrierBuilder>) -> Self {
            // Most states have one retrier, held inline.
            let retriers = self.state.retry.get_or_insert_default();
            let retrier = retrier.into().finish(retriers.len(), &mut self.common.problems);
            retriers.push(retrier);
            self
        }
    };
    (@catch $ex:tt) => {
        /// Adds a catcher: when an error it matches is not (or no longer) retried, the
        /// state continues with `handler`, whose states are written after the main path.
        /// Accepts an error name, an array of them, or a
        /// [`CatcherBuilder`](crate::builder::CatcherBuilder). An empty handler
        /// ([`Chain::new`](crate::builder::Chain::new)) continues with whatever follows
        /// the state. Serialized as an entry of `Catch`.
        ///
        #[doc = $crate::builder::common::setter_example!($ex,
            ".catch(ErrorName::All, PassState::builder(\"Recover\"))",
            "assert_eq!(state[\"Catch\"], json!([{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}]));")]
        pub fn catch(
            mut self,
            catcher: impl Into<$crate::builder::CatcherBuilder>,
            handler: impl Into<$crate::builder::Chain>,
        ) -> Self {
            // Most states have one catcher, held inline.
            let catchers = self.state.catch.get_or_insert_default();
            let index = catchers.len();
            let (catcher, assign, keep_input) = catcher.into().finish();
            catchers.push(catcher);
            if keep_input {
                self.common.keep_catch_input(index);
            }
            self.common.catches.push((index, assign, handler.into()));
            self
        }
    };
}

/// The `# Examples` section of a generated setter: builds state `S` with `$call` (in
/// JSONata with the `jsonata` flag), then runs `$check` on its JSON, bound to `state`.
macro_rules! setter_example {
    ([$before:literal, $after:literal, $after_jsonata:literal], $call:literal, $check:literal) => {
        $crate::builder::common::setter_example!(@ $before, $after, $call, $check)
    };
    (jsonata [$before:literal, $after:literal, $after_jsonata:literal], $call:literal, $check:literal) => {
        $crate::builder::common::setter_example!(@ $before, $after_jsonata, $call, $check)
    };
    (@ $before:literal, $after:literal, $call:literal, $check:literal) => {
        concat!(
            "# Examples\n\n```\nuse serde_json::json;\nuse sfn_dsl::prelude::*;\n\nlet built = ",
            $before,
            "\n    ",
            $call,
            $after,
            ";\nlet machine = StateMachine::builder().start(built).build()?;\n",
            "let value = machine.to_value();\nlet state = &value[\"States\"][\"S\"];\n",
            $check,
            "\n# Ok::<(), sfn_dsl::Error>(())\n```"
        )
    };
}

pub(crate) use {setter_example, setters};
