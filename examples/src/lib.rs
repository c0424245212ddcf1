//! Example workflows of sfn-dsl, one module per workflow, each exposing `definition()`.
