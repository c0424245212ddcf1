//! Conformance against the AWS-recorded executions of the LocalStack suite
//! (`tests/corpus/localstack`): every recorded execution either passes or is listed in
//! `conformance/known-differences.tsv` with its reason; a listed case that passes (or is
//! no longer there) fails this test too, so the list stays exact.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use sfn_local::conformance::{Suite, Verdict};

const KNOWN: &str = "tests/conformance/known-differences.tsv";

#[test]
fn localstack_recordings() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/localstack");
    let report = Suite::new(
        corpus.join("templates"),
        corpus.join("snapshots/v2"),
        corpus.join("SNAPSHOT-MAP.tsv"),
    )
    .run()
    .expect("suite readable");
    let actual: BTreeMap<String, (String, String)> = report
        .cases
        .iter()
        .filter_map(|case| match &case.verdict {
            Verdict::Passed => None,
            Verdict::Failed(reason) => {
                Some((case.id.clone(), ("fails".to_owned(), one_line(reason))))
            }
            Verdict::NotRunnable(reason) => Some((
                case.id.clone(),
                ("not-runnable".to_owned(), one_line(reason)),
            )),
            _ => Some((case.id.clone(), ("unknown".to_owned(), String::new()))),
        })
        .collect();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(KNOWN);
    if std::env::var_os("SFN_CONFORMANCE_UPDATE").is_some() {
        let mut text = String::from("# case\tkind\treason\n");
        for (id, (kind, reason)) in &actual {
            let _ = writeln!(text, "{id}\t{kind}\t{reason}");
        }
        std::fs::write(&path, text).expect("write known differences");
    }
    let known: BTreeMap<String, (String, String)> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            Some((
                fields.next()?.to_owned(),
                (
                    fields.next()?.to_owned(),
                    fields.next().unwrap_or_default().to_owned(),
                ),
            ))
        })
        .collect();
    println!("{report}");
    if let Some(filter) = std::env::var_os("SFN_CONFORMANCE_SHOW") {
        let filter = filter.to_string_lossy();
        for case in report
            .cases
            .iter()
            .filter(|case| case.id.contains(filter.as_ref()))
        {
            println!("{}: {:?}", case.id, case.verdict);
        }
    }
    let mut problems = Vec::new();
    for (id, (kind, reason)) in &actual {
        match known.get(id) {
            None => problems.push(format!("new difference: {id} ({kind}): {reason}")),
            Some((known_kind, _)) if known_kind != kind => {
                problems.push(format!(
                    "{id}: listed as {known_kind}, now {kind}: {reason}"
                ));
            }
            Some(_) => {}
        }
    }
    for id in known.keys() {
        if !actual.contains_key(id) {
            problems.push(format!("stale entry (the case passes or is gone): {id}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn one_line(text: &str) -> String {
    let flat: String = text.replace(['\n', '\t'], " ");
    if flat.chars().count() > 300 {
        flat.chars().take(300).collect::<String>() + "…"
    } else {
        flat
    }
}
