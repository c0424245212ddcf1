//! Telling a Terraform configuration from a definition, to say that it is not read rather
//! than report it as a broken definition.

use super::Source;

/// Why `source`, of text `text`, is not read, when it is a Terraform configuration: a
/// `.tf` or `.tf.json` file, or a JSON object with a top-level `resource`, `terraform` or
/// `provider` key and no `States`.
pub(crate) fn refusal(source: &Source, text: &str) -> Option<String> {
    let path = source.path.as_deref();
    let extension_is = |path: Option<&std::path::Path>, wanted: &str| {
        path.and_then(std::path::Path::extension)
            .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted))
    };
    // `main.tf`, or `main.tf.json`: `main.tf` once `.json` is left out.
    let by_name = extension_is(path, "tf")
        || (extension_is(path, "json")
            && extension_is(
                path.and_then(|path| path.file_stem())
                    .map(std::path::Path::new),
                "tf",
            ));
    if !by_name && !is_terraform_json(text) {
        return None;
    }
    Some(format!(
        "sfn: {} is a Terraform configuration, which sfn does not read: write the state machine's definition in a file of its own, which the configuration reads (`definition = templatefile(\"order.asl.json\", {{ … }})` or `file(\"order.asl.json\")`), and give sfn that file",
        source.name
    ))
}

/// Whether `text` is a JSON object with a top-level `resource`, `terraform` or `provider`
/// key and no `States` (Terraform's JSON syntax).
fn is_terraform_json(text: &str) -> bool {
    let keys = ["\"resource\"", "\"terraform\"", "\"provider\""];
    // Most definitions name none of them: no need to read them.
    if !text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
        || !keys.iter().any(|key| text.contains(key))
    {
        return false;
    }
    let Ok(serde_json::Value::Object(top)) =
        serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
    else {
        return false;
    };
    !top.contains_key("States")
        && ["resource", "terraform", "provider"]
            .iter()
            .any(|key| top.contains_key(*key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn terraform_files_are_told_by_name_or_by_their_json() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
        assert!(refusal(&Source::new(Path::new("main.tf")), "resource \"x\" {}").is_some());
        assert!(refusal(&Source::new(Path::new("infra/MAIN.TF.JSON")), "{}").is_some());
        let json = Source::new(Path::new("config.json"));
        assert!(refusal(&json, r#"{"resource": {"aws_sfn_state_machine": {}}}"#).is_some());
        assert!(refusal(&json, r#"{"provider": {"aws": {}}}"#).is_some());
        // A definition, even one holding those words, is read.
        assert_eq!(refusal(&json, text), None);
        let with_resource = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn", "Parameters": {"resource": 1}, "End": true}}}"#;
        assert_eq!(refusal(&json, with_resource), None);
        assert_eq!(refusal(&json, r#"{"resource": 1, "States": {}}"#), None);
    }
}
