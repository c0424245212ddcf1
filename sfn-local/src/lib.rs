//! Local executor for Amazon States Language workflows (work in progress).
//!
//! The data layer is in place: JSONPath evaluation with AWS semantics ([`jsonpath`]), the
//! intrinsic functions ([`intrinsic`]) and payload templates ([`template`]), all over a
//! [`data::Scope`] and failing with [`error::RuntimeError`].
//!
//! ```
//! use serde_json::json;
//! use sfn_dsl::model::Payload;
//! use sfn_local::data::{NoVariables, Scope, SeededEntropy};
//!
//! let input = json!({"order": {"id": 7, "items": ["a", "b"]}});
//! let context = json!({"Execution": {"Name": "run-1"}});
//! let scope = Scope::new(&input, &context, &NoVariables);
//! let template = Payload::from(json!({
//!     "id.$": "$.order.id",
//!     "run.$": "$$.Execution.Name",
//!     "summary.$": "States.Format('{} items', States.ArrayLength($.order.items))"
//! }));
//! let output = sfn_local::template::evaluate(&template, &scope, &SeededEntropy::new(1))?;
//! assert_eq!(output, json!({"id": 7, "run": "run-1", "summary": "2 items"}));
//! # Ok::<(), sfn_local::error::RuntimeError>(())
//! ```

pub mod data;
pub mod error;
pub mod intrinsic;
pub mod jsonpath;
pub mod template;
