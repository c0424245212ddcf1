//! Validation reports as SARIF 2.1.0, the static-analysis format GitHub code scanning (the
//! `github/codeql-action/upload-sarif` action), GitLab and most CI dashboards read.

use std::fmt::Write as _;

use serde_json::{Value, json};
use sfn_dsl::validate::{Code, Diagnostic, Severity};

/// One validated file for [`render`]: its name (the `uri` of its results) and its
/// diagnostics, or why it could not be read.
pub(crate) struct SarifFile<'a> {
    pub(crate) file: &'a str,
    pub(crate) result: Result<&'a [Diagnostic], &'a str>,
}

/// The SARIF log of one run of `sfn validate`: a result per diagnostic, a rule per code
/// that occurs (with its one-line summary and default level), and a tool notification per
/// file that could not be read.
pub(crate) fn render(files: &[SarifFile<'_>]) -> Value {
    let mut codes: Vec<Code> = files
        .iter()
        .filter_map(|file| file.result.ok())
        .flatten()
        .map(|diagnostic| diagnostic.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.summary()},
                "defaultConfiguration": {"level": level(code.severity())},
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut unreadable = Vec::new();
    for file in files {
        match file.result {
            Ok(diagnostics) => {
                for diagnostic in diagnostics {
                    let rule_index = codes.binary_search(&diagnostic.code).ok();
                    results.push(result(file.file, diagnostic, rule_index));
                }
            }
            Err(message) => unreadable.push(json!({
                "level": "error",
                "message": {"text": message.trim_start_matches("sfn: ")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(file.file)}}}],
            })),
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sfn",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            // Our columns count characters, not UTF-16 code units (SARIF's default).
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": unreadable.is_empty(),
                "toolExecutionNotifications": unreadable,
            }],
            "results": results,
        }],
    })
}

/// One diagnostic as a SARIF result: its code, level, message (with its hint), the file,
/// line and column, and its JSON pointer and state as logical locations.
fn result(file: &str, diagnostic: &Diagnostic, rule_index: Option<usize>) -> Value {
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str("\nhelp: ");
        message.push_str(hint);
    }
    let mut physical = json!({"artifactLocation": {"uri": uri(file)}});
    if let Some(line) = diagnostic.line {
        let mut region = json!({"startLine": line});
        if let Some(column) = diagnostic.column {
            region["startColumn"] = json!(column);
        }
        physical["region"] = region;
    }
    let pointer = if diagnostic.pointer.is_empty() {
        "/"
    } else {
        diagnostic.pointer.as_str()
    };
    let mut logical = vec![json!({"fullyQualifiedName": pointer, "kind": "member"})];
    if let Some(state) = &diagnostic.state {
        logical.push(json!({"name": state, "kind": "object"}));
    }
    let mut result = json!({
        "ruleId": diagnostic.code.as_str(),
        "level": level(diagnostic.severity),
        "message": {"text": message},
        "locations": [{"physicalLocation": physical, "logicalLocations": logical}],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    result
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A file name as a relative URI reference: `\` as `/` (Windows paths), and the characters
/// a URI reserves percent-encoded, so that `orders #2.json` stays one path.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for character in file.chars() {
        match character {
            '\\' => out.push('/'),
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(character),
            other => {
                let mut bytes = [0; 4];
                for byte in other.encode_utf8(&mut bytes).bytes() {
                    // Writing to a `String` cannot fail.
                    let _ = write!(out, "%{byte:02X}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn file_names_are_relative_uri_references() {
        assert_eq!(uri("defs/orders.asl.json"), "defs/orders.asl.json");
        assert_eq!(uri(r"defs\orders #2.json"), "defs/orders%20%232.json");
        assert_eq!(uri("café:1.json"), "caf%C3%A9%3A1.json");
    }
}
