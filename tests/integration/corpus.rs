//! The vendored corpus of real definitions: every one parses losslessly, or is listed in
//! `tests/corpus/REJECTED.tsv` with evidence.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sfn_dsl::StateMachine;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every state machine definition of the corpus, by path relative to `tests/corpus`.
fn definitions() -> Vec<String> {
    let manifest = fs::read_to_string(corpus_dir().join("MANIFEST.tsv")).expect("manifest");
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let path = columns.next()?;
            let _source = columns.next()?;
            let kind = columns.next()?;
            matches!(kind, "asl-machine" | "asl-invalid").then(|| path.to_owned())
        })
        .collect()
}

/// `REJECTED.tsv` rows for one stage: path -> (rule, evidence).
/// The diagnostics of `code` that validating every corpus definition reports, each shown
/// by `show` with the definition's path.
fn diagnostics_of(
    code: sfn_dsl::validate::Code,
    show: impl Fn(&str, &sfn_dsl::validate::Diagnostic) -> String,
) -> Vec<String> {
    definitions()
        .into_iter()
        .flat_map(|path| {
            let text = fs::read_to_string(corpus_dir().join(&path)).expect("readable corpus file");
            sfn_dsl::validate::validate_str(&text)
                .diagnostics()
                .iter()
                .filter(|diagnostic| diagnostic.code == code)
                .map(|diagnostic| show(&path, diagnostic))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn rejected(stage: &str) -> BTreeMap<String, (String, String)> {
    let text = fs::read_to_string(corpus_dir().join("REJECTED.tsv")).expect("REJECTED.tsv");
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            match columns.as_slice() {
                [path, row_stage, rule, evidence] if *row_stage == stage => Some((
                    (*path).to_owned(),
                    ((*rule).to_owned(), (*evidence).to_owned()),
                )),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn every_definition_parses_losslessly_or_is_a_listed_rejection() {
    let expected_rejections = rejected("parse");
    let mut failures = Vec::new();
    let mut parsed = 0;
    for path in definitions() {
        let text = fs::read_to_string(corpus_dir().join(&path)).expect("readable corpus file");
        match StateMachine::from_json(&text) {
            Ok(machine) => {
                parsed += 1;
                if expected_rejections.contains_key(&path) {
                    failures.push(format!("{path}: listed in REJECTED.tsv but parses"));
                }
                let original: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
                if machine.to_value() != original {
                    failures.push(format!("{path}: parse -> serialize changed the JSON value"));
                }
                let compact = machine.to_json();
                let again = StateMachine::from_json(&compact).expect("own output parses");
                if again.to_json() != compact || again != machine {
                    failures.push(format!(
                        "{path}: serialize -> parse -> serialize is not stable"
                    ));
                }
                let pretty = machine.to_json_pretty();
                let from_pretty = StateMachine::from_json(&pretty).expect("own output parses");
                if from_pretty.to_json_pretty() != pretty {
                    failures.push(format!("{path}: pretty output is not stable"));
                }
            }
            Err(error) => match expected_rejections.get(&path) {
                Some((rule, evidence)) => {
                    assert!(
                        !evidence.trim().is_empty(),
                        "{path}: rejection without evidence"
                    );
                    let text = error.to_string();
                    assert!(
                        error.issues().iter().any(|issue| issue.kind.code() == rule),
                        "{path}: rejected for another reason than `{rule}`: {text}"
                    );
                }
                None => failures.push(format!("{path}: {error}")),
            },
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(parsed > 600, "only {parsed} definitions parsed");
}

/// `to_json` and `to_json_pretty` have a writer of their own; it must write exactly what
/// `serde_json` writes for the same machine.
#[test]
fn own_writer_matches_serde_json_on_every_definition() {
    let mut compared = 0;
    for path in definitions() {
        let text = fs::read_to_string(corpus_dir().join(&path)).expect("readable corpus file");
        let Ok(machine) = StateMachine::from_json(&text) else {
            continue;
        };
        assert_eq!(
            machine.to_json(),
            serde_json::to_string(&machine).expect("serializes"),
            "{path}"
        );
        assert_eq!(
            machine.to_json_pretty(),
            serde_json::to_string_pretty(&machine).expect("serializes"),
            "{path}"
        );
        compared += 1;
    }
    assert!(compared > 600, "only {compared} definitions compared");
}

/// The templates AWS itself refused at creation (`localstack/AWS-REJECTED.tsv`).
fn aws_rejected() -> Vec<String> {
    let text = fs::read_to_string(corpus_dir().join("localstack/AWS-REJECTED.tsv"))
        .expect("AWS-REJECTED.tsv");
    text.lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|path| !path.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_accepted_definition_validates_and_every_rejection_is_listed() {
    let mut expected_rejections = rejected("validate");
    expected_rejections.extend(rejected("parse"));
    let aws_rejected = aws_rejected();
    let mut failures = Vec::new();
    let mut valid = 0;
    for path in definitions() {
        let text = fs::read_to_string(corpus_dir().join(&path)).expect("readable corpus file");
        let report = sfn_dsl::validate::validate_str(&text);
        let errors: Vec<_> = report.errors().collect();
        match (errors.is_empty(), expected_rejections.get(&path)) {
            (true, None) => {
                valid += 1;
                if aws_rejected.contains(&path) {
                    failures.push(format!("{path}: AWS rejected it, but it validates"));
                }
            }
            (true, Some(_)) => failures.push(format!(
                "{path}: listed in REJECTED.tsv but validates without errors"
            )),
            (false, Some((rule, evidence))) => {
                if evidence.trim().is_empty() {
                    failures.push(format!("{path}: rejection without evidence"));
                }
                if !errors.iter().any(|error| error.code.as_str() == rule) {
                    failures.push(format!(
                        "{path}: rejected for another reason than `{rule}`:\n    {}",
                        report.to_string().replace('\n', "\n    ")
                    ));
                }
            }
            (false, None) => failures.push(format!(
                "{path}:\n    {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n    ")
            )),
        }
    }
    for path in &aws_rejected {
        if !definitions().contains(path) {
            failures.push(format!(
                "{path}: in AWS-REJECTED.tsv but not a corpus definition"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(valid > 550, "only {valid} definitions are valid");
}

/// `missing-request-field` is only as good as its table of required fields: a field the
/// table calls required that a working definition leaves out is a false positive. The corpus
/// holds real requests for most of the listed actions (`athena:startQueryExecution`,
/// `apigateway:invoke`, `bedrock:invokeModel` with a body or an S3 input,
/// `sagemaker:createTrainingJob`, `elasticmapreduce:addStep`, …), none of which leaves out a
/// required field.
#[test]
fn no_corpus_definition_misses_a_required_request_field() {
    let reported = diagnostics_of(
        sfn_dsl::validate::Code::MissingRequestField,
        |path, diagnostic| format!("{path}: {diagnostic}"),
    );
    assert!(reported.is_empty(), "{}", reported.join("\n"));
}

/// YAML: every definition written as YAML by `sfn_dsl::build::to_yaml` reads back as the
/// same JSON, and validating the YAML reports exactly what validating that JSON reports,
/// each problem placed on the YAML line of the value its pointer names.
#[test]
fn every_definition_written_as_yaml_reads_back_with_the_same_problems() {
    use sfn_dsl::source::YamlDocument;
    use sfn_dsl::validate::{validate_str, validate_yaml_str};

    let summary = |report: &sfn_dsl::validate::Report| {
        let mut found: Vec<(String, String, String)> = report
            .diagnostics()
            .iter()
            .map(|d| (d.code.to_string(), d.pointer.clone(), d.message.clone()))
            .collect();
        found.sort();
        found
    };
    let mut compared = 0;
    for path in definitions() {
        let text = fs::read_to_string(corpus_dir().join(&path)).expect("readable corpus file");
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let yaml = sfn_dsl::build::to_yaml(&value);
        let document = match YamlDocument::parse(&yaml) {
            Ok(document) => document,
            Err(error) => panic!("{path}: {error}\n{yaml}"),
        };
        let back: serde_json::Value =
            serde_json::from_str(document.json()).expect("the YAML's JSON is JSON");
        assert_eq!(back, value, "{path}");

        let json_report = validate_str(&serde_json::to_string(&value).expect("serializes"));
        let yaml_report = validate_yaml_str(&yaml);
        assert_eq!(summary(&yaml_report), summary(&json_report), "{path}");
        for diagnostic in yaml_report.diagnostics() {
            let span = diagnostic.span.expect("located");
            // Inside the value its pointer names (or the nearest ancestor that has one),
            // or on that member's key.
            let mut pointer = diagnostic.pointer.as_str();
            let place = loop {
                if let Some(place) = document.locate(pointer) {
                    break place;
                }
                pointer = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
            };
            let on_key = document.locate_key(pointer) == Some(span);
            let inside = place.start <= span.start && span.end <= place.end;
            assert!(
                on_key || inside,
                "{path}: {diagnostic:?} not at {place:?}\n{yaml}"
            );
            let line = yaml[..span.start].matches('\n').count() + 1;
            assert_eq!(diagnostic.line, Some(line), "{path}: {diagnostic:?}");
        }
        compared += 1;
    }
    assert!(compared > 600, "only {compared} definitions compared");
}

/// `quoted-placeholder` is right only where a definition quotes a placeholder that must
/// become a number. The one such corpus file is the JSON copy of a YAML definition whose
/// plain scalar `Seconds: ${ReminderTimeout}` substitutes a number
/// (`workflows-collection/PROVENANCE.tsv`: converted yaml->json); as JSON, deployed with
/// substitutions, it would get the string `"30"`.
#[test]
fn quoted_placeholders_are_reported_only_where_the_corpus_quotes_one() {
    let reported = diagnostics_of(
        sfn_dsl::validate::Code::QuotedPlaceholder,
        |path, diagnostic| format!("{path} {}", diagnostic.pointer),
    );
    assert_eq!(
        reported,
        [
            "workflows-collection/human-task-reminder.asl.json /States/Parallel w~1 UUID/Branches/0/States/Sleep for Reminder/Seconds"
        ]
    );
}
