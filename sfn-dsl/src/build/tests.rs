//! The generator's unit tests.

use std::path::PathBuf;

use super::cargo::{is_build_script, write_cargo_warnings};
use super::{GenerateError, Generator, NameProblem};
use crate::StateMachine;
use crate::validate::{Code, Options, validate_with};

fn machine(text: &str) -> StateMachine {
    StateMachine::from_json(text).expect("valid JSON definition")
}

fn succeed(state: &str) -> StateMachine {
    machine(&format!(
        r#"{{"StartAt": "{state}", "States": {{"{state}": {{"Type": "Succeed"}}}}}}"#
    ))
}

/// A folder of this test's own: tests run in parallel.
fn scratch_dir(test: &str) -> PathBuf {
    std::env::temp_dir().join(format!("sfn-build-{test}-{}", std::process::id()))
}

/// `(code, pointer)` of each diagnostic of the first machine an `Invalid` error names.
fn first_machine_problems(error: &GenerateError) -> Vec<(Code, &str)> {
    let GenerateError::Invalid(machines) = error else {
        panic!("{error:?}")
    };
    machines[0]
        .1
        .diagnostics()
        .iter()
        .map(|diagnostic| (diagnostic.code, diagnostic.pointer.as_str()))
        .collect()
}

#[test]
fn a_name_given_twice_is_refused_before_anything_is_written() {
    let dir = scratch_dir("duplicate");
    let error = Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .machine("first", succeed("A"))
        .machine("order", succeed("A"))
        .machine("order", succeed("B"))
        .generate()
        .expect_err("a duplicate name");
    assert!(
        matches!(&error, GenerateError::DuplicateName { name, earlier } if name == "order" && earlier == "order"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "two machines are named `order`; each needs its own files"
    );
    assert!(!dir.exists(), "nothing is written, not even `first`");

    // One file on macOS and Windows, so refused everywhere.
    let error = Generator::new()
        .out_dir(&dir)
        .machine("Order", succeed("A"))
        .machine("order", succeed("B"))
        .generate()
        .expect_err("names differing only in case");
    assert!(
        matches!(&error, GenerateError::DuplicateName { name, earlier } if name == "order" && earlier == "Order"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "machine names `Order` and `order` differ only in case; they would share their files \
         on case-insensitive file systems"
    );
    assert!(!dir.exists());
}

#[test]
fn a_name_that_is_not_a_plain_file_name_is_refused_before_anything_is_written() {
    let root = scratch_dir("names");
    let dir = root.join("out");
    let cases = [
        ("../escaped", NameProblem::ParentDirectory),
        ("", NameProblem::Empty),
        ("nested/order", NameProblem::PathSeparator('/')),
        ("or\0der", NameProblem::ControlCharacter('\0')),
    ];
    for (bad_name, expected) in cases {
        let error = Generator::new()
            .out_dir(&dir)
            .machine("first", succeed("A"))
            .machine(bad_name, succeed("A"))
            .generate()
            .expect_err("a refused name");
        assert!(
            matches!(&error, GenerateError::InvalidName { name, problem } if name == bad_name && *problem == expected),
            "{bad_name:?}: {error:?}"
        );
        assert!(!root.exists(), "{bad_name:?}: nothing is written");
    }
    let error = Generator::new()
        .out_dir(&dir)
        .machine("or\0der", succeed("A"))
        .generate()
        .expect_err("a refused name");
    assert_eq!(
        error.to_string(),
        r#"machine name "or\0der" is not a plain file name: it contains the control character U+0000"#
    );
}

#[test]
fn writes_only_changed_files_and_refuses_invalid_machines() {
    let dir = scratch_dir("changed");
    let hello = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#);
    let first = Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .machine("hello", hello.clone())
        .generate()
        .expect("generated");
    assert_eq!(first.iter().filter(|file| file.changed).count(), 2);
    let again = Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .machine("hello", hello)
        .generate()
        .expect("generated");
    assert!(again.iter().all(|file| !file.changed));
    assert_eq!(
        std::fs::read_to_string(dir.join("hello.asl.yaml")).expect("yaml"),
        "StartAt: \"A\"\nStates:\n  A:\n    Type: \"Succeed\"\n"
    );

    let broken = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#);
    let error = Generator::new()
        .out_dir(&dir)
        .machine("broken", broken)
        .generate()
        .expect_err("invalid");
    assert!(matches!(&error, GenerateError::Invalid(machines) if machines[0].0 == "broken"));
    let text = format!("{error:?}");
    assert!(
        text.starts_with("invalid state machine definitions: broken\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\n  broken: error[unknown-target] at /States/A/Next: `Next` of state `A` names `B`"
        ),
        "{text}"
    );
    assert!(!dir.join("broken.asl.json").exists());
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_file_that_cannot_be_written_leaves_every_file_as_it_was() {
    let dir = scratch_dir("unwritable");
    std::fs::create_dir_all(dir.join("blocked.asl.json")).expect("a folder in the way");
    std::fs::write(dir.join("first.asl.json"), "old\n").expect("an earlier file");
    let error = Generator::new()
        .out_dir(&dir)
        .machine("first", succeed("A"))
        .machine("second", succeed("A"))
        .machine("blocked", succeed("A"))
        .generate()
        .expect_err("a folder has the last file's name");
    assert!(
        matches!(&error, GenerateError::Io { path, .. } if path.ends_with("blocked.asl.json")),
        "{error:?}"
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    left.sort();
    // No new file, no temporary file, the old file unchanged.
    assert_eq!(left, ["blocked.asl.json", "first.asl.json"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("first.asl.json")).expect("kept"),
        "old\n"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// A machine generated once with YAML, then without: its `.asl.yaml` still holds the
/// old definition, which a build script is warned of.
#[test]
fn a_yaml_file_left_from_an_earlier_run_is_warned_of() {
    let dir = scratch_dir("stale");
    let first = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#);
    let now = machine(r#"{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}"#);
    let mut lines = Vec::new();
    Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .machine("hello", first)
        .generate_to(Some(&mut lines))
        .expect("generated");
    assert!(lines.is_empty());
    Generator::new()
        .out_dir(&dir)
        .machine("hello", now)
        .generate_to(Some(&mut lines))
        .expect("generated");
    let yaml = dir.join("hello.asl.yaml");
    assert_eq!(
        String::from_utf8(lines).expect("text"),
        format!(
            "cargo:warning={} is not the machine generated now (it is written only with `.with_yaml()`) and still holds an earlier definition: delete it, or generate with `.with_yaml()`\n",
            yaml.display()
        )
    );
    // Nothing marks it as the generator's: it is left.
    assert!(yaml.is_file());
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

fn wait_for_placeholder() -> StateMachine {
    machine(
        r#"{"TimeoutSeconds": "${Timeout}", "StartAt": "W", "States": {"W": {"Type": "Wait",
            "Seconds": "${Delay}", "Comment": "${Note}", "End": true}}}"#,
    )
}

#[test]
fn yaml_writes_numeric_placeholders_as_plain_scalars() {
    let dir = scratch_dir("plain");
    Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .deny_warnings()
        .machine("wait", wait_for_placeholder())
        .generate()
        .expect("no warning: the YAML writes the placeholders plain");
    let yaml = std::fs::read_to_string(dir.join("wait.asl.yaml")).expect("yaml");
    // The `Comment` is a string: it stays quoted, so a value such as `no` stays one.
    assert_eq!(
        yaml,
        "TimeoutSeconds: ${Timeout}\nStartAt: \"W\"\nStates:\n  W:\n    Type: \"Wait\"\n    \
         Comment: \"${Note}\"\n    Seconds: ${Delay}\n    End: true\n"
    );
    // Read back, it is the same machine, and the validator finds nothing in it.
    #[cfg(feature = "yaml")]
    {
        let document = crate::source::YamlDocument::parse(&yaml).expect("readable YAML");
        let read = StateMachine::from_json(document.json()).expect("a machine");
        assert_eq!(read, wait_for_placeholder());
        assert!(crate::validate::validate_yaml_str(&yaml).is_clean());
        // After the deployment's text replacement, a number.
        let substituted = yaml.replace("${Delay}", "30").replace("${Timeout}", "60");
        let document = crate::source::YamlDocument::parse(&substituted).expect("YAML");
        assert!(
            document.json().contains(r#""Seconds":30"#),
            "{}",
            document.json()
        );
    }
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn json_alone_warns_of_quoted_placeholders() {
    let dir = scratch_dir("quoted");
    let error = Generator::new()
        .out_dir(&dir)
        .deny_warnings()
        .machine("wait", wait_for_placeholder())
        .generate()
        .expect_err("the JSON quotes the placeholders");
    let found = first_machine_problems(&error);
    assert_eq!(
        found,
        [
            (Code::QuotedPlaceholder, "/TimeoutSeconds"),
            (Code::QuotedPlaceholder, "/States/W/Seconds")
        ]
    );
    assert!(!dir.exists());
}

#[test]
fn allowed_warnings_are_left_out_and_the_yaml_still_plain() {
    let dir = scratch_dir("allowed");
    Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .deny_warnings()
        .options(Options::new().allow(Code::QuotedPlaceholder))
        .machine("wait", wait_for_placeholder())
        .generate()
        .expect("allowed");
    let yaml = std::fs::read_to_string(dir.join("wait.asl.yaml")).expect("yaml");
    assert!(yaml.contains("\n    Seconds: ${Delay}\n"), "{yaml}");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn substitution_options_apply_to_generated_machines() {
    let dir = scratch_dir("substitutions");
    let error = Generator::new()
        .out_dir(&dir)
        .with_yaml()
        .deny_warnings()
        .options(Options::new().substitutions(["Timeout", "Dleay", "Note"]))
        .machine("wait", wait_for_placeholder())
        .generate()
        .expect_err("`${Delay}` names no key");
    let found = first_machine_problems(&error);
    assert_eq!(found, [(Code::UnknownSubstitution, "/States/W/Seconds")]);
}

#[test]
fn warnings_are_cargo_warning_lines_in_a_build_script() {
    let build_script = ["OUT_DIR", "TARGET", "HOST"];
    assert!(is_build_script(|variable| build_script.contains(&variable)));
    // `cargo test` of a package with a build script sets `OUT_DIR` only.
    assert!(!is_build_script(|variable| variable == "OUT_DIR"));

    let report = validate_with(&wait_for_placeholder(), &Options::new());
    let mut out = Vec::new();
    write_cargo_warnings(&mut out, &[("wait".to_owned(), report)]).expect("written");
    let text = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[1].starts_with(
            "cargo:warning=wait: warning[quoted-placeholder] at /States/W/Seconds: `Seconds` of state `W` must be a number"
        ),
        "{text}"
    );
}
