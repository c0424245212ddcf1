//! CloudFormation's dynamic references (`{{resolve:ssm:/app/arn}}`): CloudFormation puts
//! the referenced value in their place when it deploys the template, so in a definition
//! they are deployment values, like `${Name}` placeholders. For validation each is written
//! as a placeholder of the same length, `${{resolve:…}`, so that every other place in the
//! text stays where it was; messages show the reference as written.

use std::borrow::Cow;

use crate::validate::Diagnostic;

/// What starts a dynamic reference.
const OPENING: &str = "{{resolve:";

/// `json` with each dynamic reference written as a placeholder, and the pairs
/// (placeholder, reference) to put back in messages.
pub(super) fn as_placeholders(json: &str) -> (Cow<'_, str>, Vec<(String, String)>) {
    if !json.contains(OPENING) {
        return (Cow::Borrowed(json), Vec::new());
    }
    let mut out = String::with_capacity(json.len());
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut rest = json;
    while let Some(start) = rest.find(OPENING) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        // Within one JSON string: no quote or escape before the closing braces.
        let Some(end) = from
            .find("}}")
            .filter(|end| !from[..*end].contains(['"', '\\', '\n']))
        else {
            out.push_str(OPENING);
            rest = &from[OPENING.len()..];
            continue;
        };
        let reference = &from[..end + 2];
        let placeholder = format!("${}", &reference[..reference.len() - 1]);
        out.push_str(&placeholder);
        if !pairs.iter().any(|(written, _)| *written == placeholder) {
            pairs.push((placeholder, reference.to_owned()));
        }
        rest = &from[end + 2..];
    }
    out.push_str(rest);
    (Cow::Owned(out), pairs)
}

/// Writes the references back into a diagnostic's message and hint.
pub(super) fn restore(diagnostic: &mut Diagnostic, pairs: &[(String, String)]) {
    for (placeholder, reference) in pairs {
        if diagnostic.message.contains(placeholder.as_str()) {
            diagnostic.message = diagnostic.message.replace(placeholder.as_str(), reference);
        }
        if let Some(hint) = &mut diagnostic.hint
            && hint.contains(placeholder.as_str())
        {
            *hint = hint.replace(placeholder.as_str(), reference);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::as_placeholders;

    #[test]
    fn references_become_placeholders_of_the_same_length() {
        let json = r#"{"A": "{{resolve:ssm:/app/arn}}", "B": "x-{{resolve:secretsmanager:S:SecretString:k}}-y"}"#;
        let (rewritten, pairs) = as_placeholders(json);
        assert_eq!(
            rewritten,
            r#"{"A": "${{resolve:ssm:/app/arn}", "B": "x-${{resolve:secretsmanager:S:SecretString:k}-y"}"#
        );
        assert_eq!(rewritten.len(), json.len());
        assert_eq!(
            pairs[0],
            (
                "${{resolve:ssm:/app/arn}".to_owned(),
                "{{resolve:ssm:/app/arn}}".to_owned()
            )
        );
        // Unclosed, or closed only in another string: left as written.
        for json in [
            r#"{"A": "{{resolve:ssm"}"#,
            r#"{"A": "{{resolve:x", "B": "}}"}"#,
        ] {
            assert_eq!(as_placeholders(json).0, json);
        }
    }
}
