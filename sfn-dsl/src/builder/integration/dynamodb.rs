//! Amazon DynamoDB: `dynamodb:getItem`, `putItem`, `updateItem` and `deleteItem`.
//!
//! Keys, items and attribute values use DynamoDB's typed JSON (`{"id": {"S": "42"}}`); in
//! JSONPath states, make a value dynamic with a `.$` key (`{"id": {"S.$": "$.id"}}`).

use super::request_type;
use crate::builder::{Arg, Request};

/// Setters shared by the DynamoDB requests.
macro_rules! expressions {
    ($example:literal) => {
        /// A condition that must hold for the write to happen. Serialized as
        /// `ConditionExpression`.
        ///
        #[doc = $crate::builder::integration::parameter_example!($example, ".condition_expression(\"attribute_exists(id)\")", "ConditionExpression", "\"attribute_exists(id)\"")]
        pub fn condition_expression(self, expression: impl Into<Arg>) -> Self {
            self.with("ConditionExpression", expression)
        }

        /// Placeholders for attribute names (`#name`). Serialized as
        /// `ExpressionAttributeNames`.
        ///
        #[doc = $crate::builder::integration::parameter_example!($example, ".expression_attribute_names(json!({\"#s\": \"status\"}))", "ExpressionAttributeNames", "{\"#s\": \"status\"}")]
        pub fn expression_attribute_names(self, names: impl Into<Arg>) -> Self {
            self.with("ExpressionAttributeNames", names)
        }

        /// Placeholders for attribute values (`:value`). Serialized as
        /// `ExpressionAttributeValues`.
        ///
        #[doc = $crate::builder::integration::parameter_example!($example, ".expression_attribute_values(json!({\":s\": {\"S\": \"PAID\"}}))", "ExpressionAttributeValues", "{\":s\": {\"S\": \"PAID\"}}")]
        pub fn expression_attribute_values(self, values: impl Into<Arg>) -> Self {
            self.with("ExpressionAttributeValues", values)
        }

        /// Which item attributes the call returns (`ALL_OLD`, `ALL_NEW`, …). Serialized as
        /// `ReturnValues`.
        ///
        #[doc = $crate::builder::integration::parameter_example!($example, ".return_values(\"ALL_OLD\")", "ReturnValues", "\"ALL_OLD\"")]
        pub fn return_values(self, values: impl Into<Arg>) -> Self {
            self.with("ReturnValues", values)
        }
    };
}

request_type!(
    /// Reads an item (`arn:aws:states:::dynamodb:getItem`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let get = dynamodb::GetItem::new("Orders", json!({"id": {"S.$": "$.orderId"}})).consistent_read();
    /// let machine = StateMachine::builder().start(TaskState::call("Load", get)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Load"]["Parameters"],
    ///     json!({"TableName": "Orders", "Key": {"id": {"S.$": "$.orderId"}}, "ConsistentRead": true})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    GetItem,
    "dynamodb",
    "getItem",
    "dynamodb::GetItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}))"
);

impl GetItem {
    /// Reads the item with primary key `key` from `table`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = dynamodb::GetItem::new("Orders", json!({"id": {"S": "42"}}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::dynamodb:getItem");
    /// assert_eq!(task["Parameters"], json!({"TableName": "Orders", "Key": {"id": {"S": "42"}}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(table: impl Into<Arg>, key: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("TableName", table)
                .field_static("Key", key),
        )
    }

    /// Reads the latest committed value. Serialized as `"ConsistentRead": true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = dynamodb::GetItem::new("Orders", json!({"id": {"S": "42"}}))
    ///     .consistent_read();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ConsistentRead"], true);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn consistent_read(self) -> Self {
        self.with("ConsistentRead", true)
    }

    /// Which attributes to read. Serialized as `ProjectionExpression`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = dynamodb::GetItem::new("Orders", json!({"id": {"S": "42"}}))
    ///     .projection_expression("id, total");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ProjectionExpression"], "id, total");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn projection_expression(self, expression: impl Into<Arg>) -> Self {
        self.with("ProjectionExpression", expression)
    }

    /// Placeholders for attribute names (`#name`) in the projection expression, for names
    /// that are reserved words or hold special characters. Serialized as
    /// `ExpressionAttributeNames`. (`GetItem` has no condition, so no
    /// `ConditionExpression` or `ExpressionAttributeValues`.)
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let get = dynamodb::GetItem::new("Orders", json!({"id": {"S.$": "$.orderId"}}))
    ///     .projection_expression("#s, total")
    ///     .expression_attribute_names(json!({"#s": "status"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Load", get)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Load"]["Parameters"],
    ///     json!({
    ///         "TableName": "Orders",
    ///         "Key": {"id": {"S.$": "$.orderId"}},
    ///         "ProjectionExpression": "#s, total",
    ///         "ExpressionAttributeNames": {"#s": "status"}
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn expression_attribute_names(self, names: impl Into<Arg>) -> Self {
        self.with("ExpressionAttributeNames", names)
    }
}

request_type!(
    /// Writes an item (`arn:aws:states:::dynamodb:putItem`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let put = dynamodb::PutItem::new("Orders", json!({"id": {"S.$": "$.orderId"}, "state": {"S": "NEW"}}))
    ///     .condition_expression("attribute_not_exists(id)");
    /// let machine = StateMachine::builder().start(TaskState::call("Save", put)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Save"]["Parameters"]["ConditionExpression"],
    ///     "attribute_not_exists(id)"
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    PutItem,
    "dynamodb",
    "putItem",
    "dynamodb::PutItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}))"
);

impl PutItem {
    /// Writes `item` into `table`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = dynamodb::PutItem::new("Orders", json!({"id": {"S.$": "$.orderId"}}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::dynamodb:putItem");
    /// assert_eq!(task["Parameters"], json!({"TableName": "Orders", "Item": {"id": {"S.$": "$.orderId"}}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(table: impl Into<Arg>, item: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("TableName", table)
                .field_static("Item", item),
        )
    }

    expressions!("dynamodb::PutItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}))");
}

request_type!(
    /// Updates an item (`arn:aws:states:::dynamodb:updateItem`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let update = dynamodb::UpdateItem::new("Orders", json!({"id": {"S.$": "$.orderId"}}), "SET #s = :s")
    ///     .expression_attribute_names(json!({"#s": "state"}))
    ///     .expression_attribute_values(json!({":s": {"S": "PAID"}}));
    /// let machine = StateMachine::builder().start(TaskState::call("Mark paid", update)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Mark paid"]["Parameters"]["UpdateExpression"],
    ///     "SET #s = :s"
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    UpdateItem,
    "dynamodb",
    "updateItem",
    "dynamodb::UpdateItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}), \"SET shipped = :yes\")"
);

impl UpdateItem {
    /// Applies `update_expression` to the item with primary key `key` in `table`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = dynamodb::UpdateItem::new("Orders", json!({"id": {"S": "42"}}), "SET shipped = :yes");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::dynamodb:updateItem");
    /// assert_eq!(task["Parameters"], json!({"TableName": "Orders", "Key": {"id": {"S": "42"}}, "UpdateExpression": "SET shipped = :yes"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(
        table: impl Into<Arg>,
        key: impl Into<Arg>,
        update_expression: impl Into<Arg>,
    ) -> Self {
        Self::from_request(
            Request::new()
                .field_static("TableName", table)
                .field_static("Key", key)
                .field_static("UpdateExpression", update_expression),
        )
    }

    expressions!(
        "dynamodb::UpdateItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}), \"SET shipped = :yes\")"
    );
}

request_type!(
    /// Deletes an item (`arn:aws:states:::dynamodb:deleteItem`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let delete = dynamodb::DeleteItem::new("Reservations", json!({"id": {"S.$": "$.reservationId"}}));
    /// let machine = StateMachine::builder().start(TaskState::call("Release", delete)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Release"]["Resource"],
    ///     "arn:aws:states:::dynamodb:deleteItem"
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    DeleteItem,
    "dynamodb",
    "deleteItem",
    "dynamodb::DeleteItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}))"
);

impl DeleteItem {
    /// Deletes the item with primary key `key` from `table`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = dynamodb::DeleteItem::new("Orders", json!({"id": {"S": "42"}}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::dynamodb:deleteItem");
    /// assert_eq!(task["Parameters"], json!({"TableName": "Orders", "Key": {"id": {"S": "42"}}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(table: impl Into<Arg>, key: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("TableName", table)
                .field_static("Key", key),
        )
    }

    expressions!("dynamodb::DeleteItem::new(\"Orders\", json!({\"id\": {\"S\": \"42\"}}))");
}
