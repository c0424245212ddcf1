//! Procedural macros of [`sfn-dsl`](https://docs.rs/sfn-dsl).
//!
//! Do not depend on this crate directly: `sfn-dsl` re-exports its macros behind the default
//! `macros` feature, and the code they generate names `::sfn_dsl` paths.
//!
//! - `#[derive(Payload)]`: typed paths into a serde type's JSON form.
//! - `#[task(...)]`: declares a task with its typed signature and resource.
//! - `#[workflow(...)]`: compiles a Rust function body to a JSONata state machine.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use sfn_dsl::{Payload, task, workflow};
//!
//! #[derive(Serialize, Deserialize, Payload)]
//! struct Order { id: String, total: f64 }
//!
//! #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
//! fn charge(order: &Order) -> f64;
//!
//! #[workflow]
//! fn checkout(order: Order) -> f64 {
//!     charge(&order)
//! }
//!
//! let machine = checkout::definition()?;
//! assert_eq!(machine.start_at, "Charge");
//! assert_eq!(Order::path().total.gt(100.0).jsonata_text(), "$states.input.total > 100");
//! # Ok::<(), sfn_dsl::Error>(())
//! ```

mod case;
mod ctxt;
mod debug;
mod doc;
mod jsonata;
mod payload;
mod task;
mod workflow;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Derives `sfn_dsl::typed::Payload`: a `…Path` struct of typed paths that follows the
/// type's serde attributes.
///
/// # Examples
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::Payload;
///
/// #[derive(Serialize, Deserialize, Payload)]
/// #[serde(rename_all = "camelCase")]
/// struct Order {
///     order_id: String,
///     #[serde(rename = "sum")]
///     total: f64,
///     lines: Vec<Line>,
/// }
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Line { sku: String }
///
/// let order = Order::path();
/// // The paths follow serde's renames, as the JSON does.
/// assert_eq!(order.order_id.to_json_path().as_str(), "$.orderId");
/// assert_eq!(order.total.to_json_path().as_str(), "$.sum");
/// assert_eq!(order.lines.all().sku.to_json_path().as_str(), "$.lines[*].sku");
/// assert_eq!(Order::var("order").total.ge(10.0).jsonata_text(), "$order.sum >= 10");
/// ```
#[proc_macro_derive(Payload, attributes(sfn))]
pub fn derive_payload(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as syn::DeriveInput);
    payload::entry(&input).into()
}

/// Declares a task: a bodiless function whose signature types the call and whose attribute
/// names the resource.
///
/// # Examples
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Reservation { id: String }
///
/// /// Reserves stock.
/// #[task(lambda = "${ReserveFunctionArn}", timeout_secs = 60)]
/// fn reserve_inventory(sku: &str, quantity: u32) -> Reservation;
///
/// #[workflow]
/// fn reserve(sku: String) -> Reservation {
///     reserve_inventory(&sku, 2)
/// }
///
/// let machine = reserve::definition()?.to_value();
/// let state = &machine["States"]["ReserveInventory"];
/// assert_eq!(state["Comment"], "Reserves stock.");
/// assert_eq!(state["Resource"], "arn:aws:states:::lambda:invoke");
/// assert_eq!(state["Arguments"]["FunctionName"], "${ReserveFunctionArn}");
/// assert_eq!(state["TimeoutSeconds"], 60);
/// // Two parameters: the input is an object keyed by their names.
/// assert_eq!(state["Arguments"]["Payload"]["quantity"], 2);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[proc_macro_attribute]
pub fn task(args: TokenStream, input: TokenStream) -> TokenStream {
    task::entry(args.into(), input.into()).into()
}

/// Compiles a workflow function to a JSONata state machine.
///
/// # Examples
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Order { id: String, total: f64 }
///
/// #[task(resource = "arn:aws:states:::sns:publish")]
/// fn notify(message: String);
///
/// /// Thanks big spenders.
/// #[workflow(timeout_secs = 3600)]
/// fn thank(order: Order) {
///     if order.total > 100.0 {
///         notify(format!("Thank you for order {}", order.id));
///     }
/// }
///
/// // The function became a struct whose `definition()` builds the machine.
/// let machine = thank::definition()?.to_value();
/// assert_eq!(machine["TimeoutSeconds"], 3600);
/// assert_eq!(machine["QueryLanguage"], "JSONata");
/// assert_eq!(machine["States"]["Notify"]["Type"], "Task");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[proc_macro_attribute]
pub fn workflow(args: TokenStream, input: TokenStream) -> TokenStream {
    workflow::entry(args.into(), input.into()).into()
}
