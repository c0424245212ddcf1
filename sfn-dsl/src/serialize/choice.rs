//! Serialization of Choice states and rules.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::value::write_opt;
use crate::model::{ChoiceRule, ChoiceState, Comparison, Condition, NestedRule, Operand};

impl Serialize for ChoiceState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Choice")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "OutputPath", self.output_path.as_ref())?;
        map.serialize_entry("Choices", &self.choices)?;
        write_opt(&mut map, "Default", self.default.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        map.end()
    }
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_condition(&mut map, &self.condition)?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        map.serialize_entry("Next", &self.next)?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        map.end()
    }
}

impl Serialize for NestedRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_condition(&mut map, &self.condition)?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        map.end()
    }
}

fn write_condition<M: SerializeMap>(map: &mut M, condition: &Condition) -> Result<(), M::Error> {
    match condition {
        Condition::Jsonata(value) => map.serialize_entry("Condition", value),
        Condition::And(rules) => map.serialize_entry("And", rules),
        Condition::Or(rules) => map.serialize_entry("Or", rules),
        Condition::Not(rule) => map.serialize_entry("Not", rule),
        Condition::Test(test) => {
            map.serialize_entry("Variable", &test.variable)?;
            let name = test.comparison.operator_name();
            match &test.comparison {
                Comparison::String(_, operand) | Comparison::Timestamp(_, operand) => {
                    write_operand(map, &name, operand)
                }
                Comparison::StringMatches(pattern) => map.serialize_entry(&name, pattern),
                Comparison::Numeric(_, operand) => write_operand(map, &name, operand),
                Comparison::Boolean(operand) => write_operand(map, &name, operand),
                Comparison::Type(_, expected) => map.serialize_entry(&name, expected),
            }
        }
    }
}

fn write_operand<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &str,
    operand: &Operand<T>,
) -> Result<(), M::Error> {
    match operand {
        Operand::Literal(value) => map.serialize_entry(name, value),
        Operand::Path(path) => map.serialize_entry(name, path),
    }
}
