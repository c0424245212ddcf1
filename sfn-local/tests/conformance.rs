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

/// A row the map lists stays a case when its recording is missing, is not JSON, lacks the
/// test or its `recorded-content`: it is reported as not runnable, with the reason.
#[test]
fn rows_with_unusable_recordings_are_not_runnable_cases() {
    let dir = std::env::temp_dir().join(format!(
        "sfn-local-conformance-unusable-{}",
        std::process::id()
    ));
    let snapshots = dir.join("snapshots");
    std::fs::create_dir_all(&snapshots).expect("scratch folder");
    std::fs::create_dir_all(dir.join("templates")).expect("scratch folder");
    std::fs::write(snapshots.join("broken.json"), "{not json").expect("write");
    std::fs::write(
        snapshots.join("other.json"),
        r#"{"t.py::T::test_other": {"recorded-content": {}}, "t.py::T::test_bare": {}}"#,
    )
    .expect("write");
    std::fs::write(
        dir.join("map.tsv"),
        "snapshot_file\ttest_id\ttemplates\n\
         gone.json\tT::test_a\tx.json\n\
         broken.json\tT::test_b\tx.json\n\
         other.json\tT::test_c\tx.json\n\
         other.json\tT::test_bare\tx.json\n\
         other.json\tT::test_other\tx.json\n",
    )
    .expect("write");
    let report = Suite::new(dir.join("templates"), snapshots, dir.join("map.tsv"))
        .run()
        .expect("the map is readable");
    let _ = std::fs::remove_dir_all(&dir);
    let cases: Vec<(&str, &str)> = report
        .cases
        .iter()
        .map(|case| match &case.verdict {
            Verdict::NotRunnable(reason) => (case.id.as_str(), reason.as_str()),
            _ => (case.id.as_str(), "runnable"),
        })
        .collect();
    // The last row's test recorded no execution history: not a case.
    assert_eq!(cases.len(), 4, "{cases:#?}");
    assert!(cases[0].0 == "gone.json::T::test_a" && cases[0].1.contains("gone.json"));
    assert!(
        cases[1].1.contains("broken.json` is not JSON"),
        "{cases:#?}"
    );
    assert!(cases[2].1.contains("has no test `T::test_c`"), "{cases:#?}");
    assert!(cases[3].1.contains("no `recorded-content`"), "{cases:#?}");
}
