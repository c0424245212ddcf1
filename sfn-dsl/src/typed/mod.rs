//! Typed paths into workflow data: `Order::path().customer.email` instead of the string
//! `"$.customer.email"`.
//!
//! `#[derive(Payload)]` (`sfn_dsl::Payload`, with the default `macros` feature) reads a
//! serde type's `rename`, `rename_all`, `flatten`, `skip`, `default`, `transparent` and enum
//! tagging attributes and generates a `…Path` struct mirroring the type's JSON shape (a
//! missing `default` field reads as its default in JSONata). Each leaf is a [`Path<T>`]
//! that carries the field's Rust type, so comparisons are checked by the compiler: a
//! numeric comparison on a `String` field, or a timestamp comparison on a number, does not
//! compile.
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use serde::{Deserialize, Serialize};
//! use sfn_dsl::typed::PathNode;
//! use sfn_dsl::Payload;
//!
//! #[derive(Serialize, Deserialize, Payload)]
//! #[serde(rename_all = "camelCase")]
//! struct Order {
//!     order_id: String,
//!     total: f64,
//!     customer: Customer,
//!     items: Vec<Item>,
//! }
//!
//! #[derive(Serialize, Deserialize, Payload)]
//! struct Customer {
//!     #[serde(rename = "mail")]
//!     email: String,
//! }
//!
//! #[derive(Serialize, Deserialize, Payload)]
//! struct Item {
//!     sku: String,
//! }
//!
//! let order = Order::path();
//! assert_eq!(order.customer.email.to_json_path().as_str(), "$.customer.mail");
//! assert_eq!(order.order_id.to_jsonata().to_template_string(), "{% $states.input.orderId %}");
//! assert_eq!(order.items.all().sku.to_json_path().as_str(), "$.items[*].sku");
//! assert_eq!(Order::var("order").total.gt(100.0).jsonata_text(), "$order.total > 100");
//! # }
//! ```

mod container;
mod error;
mod leaf;
mod location;
mod node;
mod predicate;
mod timestamp;

pub use container::{ListPath, MapPath, OptionPath};
pub use error::PredicateError;
pub use leaf::{Path, Scalar};
pub use location::{Location, Root, Segment};
pub use node::{PathNode, Payload, ValueKind};
pub use predicate::Predicate;
pub use timestamp::Timestamp;

pub(crate) use predicate::jsonata_string;
