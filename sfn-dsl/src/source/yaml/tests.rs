use super::YamlDocument;
use crate::ParseIssueKind;

fn json(yaml: &str) -> String {
    match YamlDocument::parse(yaml) {
        Ok(document) => document.json().to_owned(),
        Err(error) => panic!("{yaml:?}: {error}"),
    }
}

/// The one issue of a refused text: kind, line, column and the text at its span.
fn refused(yaml: &str) -> (ParseIssueKind, usize, usize, String) {
    let error = YamlDocument::parse(yaml).expect_err("refused");
    let [issue] = error.issues() else {
        panic!("one issue: {error}");
    };
    let at = yaml
        .get(issue.span.start..issue.span.end)
        .unwrap_or_default()
        .to_owned();
    (issue.kind, issue.line, issue.column, at)
}

#[test]
fn block_and_flow_collections_keep_their_order() {
    assert_eq!(
        json("b: 1\na: [x, {c: d}]\nz:\n  - 1\n  - two\n"),
        r#"{"b":1,"a":["x",{"c":"d"}],"z":[1,"two"]}"#
    );
    assert_eq!(json("[]"), "[]");
    assert_eq!(json("{}"), "{}");
}

#[test]
fn plain_scalars_follow_the_yaml_1_2_core_schema() {
    let cases = [
        ("true", "true"),
        ("False", "false"),
        ("~", "null"),
        ("null", "null"),
        ("", "null"),
        ("yes", r#""yes""#),
        ("on", r#""on""#),
        ("12", "12"),
        ("-7", "-7"),
        ("+7", "7"),
        ("007", "7"),
        ("-0", "0"),
        ("0o17", "15"),
        ("0x1F", "31"),
        // No sign after the prefix, in YAML 1.2 as in PyYAML.
        ("0x+1F", r#""0x+1F""#),
        ("0o+7", r#""0o+7""#),
        ("18446744073709551616", "18446744073709551616"),
        ("1.5", "1.5"),
        ("1.", "1.0"),
        (".5", "0.5"),
        ("-.5e3", "-0.5e3"),
        ("+1E+2", "1E+2"),
        ("1e3", "1e3"),
        ("1_000", r#""1_000""#),
        ("12:30", r#""12:30""#),
        ("$.order.id", r#""$.order.id""#),
        (
            "arn:aws:states:::lambda:invoke",
            r#""arn:aws:states:::lambda:invoke""#,
        ),
    ];
    for (yaml, expected) in cases {
        assert_eq!(
            json(&format!("v: {yaml}")),
            format!(r#"{{"v":{expected}}}"#),
            "{yaml}"
        );
    }
}

#[test]
fn quoted_and_block_scalars_are_strings() {
    assert_eq!(json("v: 'true'"), r#"{"v":"true"}"#);
    assert_eq!(json(r#"v: "1\t2""#), r#"{"v":"1\t2"}"#);
    assert_eq!(json("v: |\n  a\n  b\n"), r#"{"v":"a\nb\n"}"#);
    assert_eq!(json("v: !!str 12"), r#"{"v":"12"}"#);
    assert_eq!(json("v: !!int '12'"), r#"{"v":12}"#);
    assert_eq!(json("v: ! 12"), r#"{"v":"12"}"#);
    // Keys are strings whatever they look like.
    assert_eq!(json("1: a\ntrue: b"), r#"{"1":"a","true":"b"}"#);
}

#[test]
fn anchors_and_aliases_are_expanded() {
    assert_eq!(
        json(
            "retry: &retry {ErrorEquals: [States.ALL], MaxAttempts: 2}\nagain: *retry\nname: &n x\nsame: *n\n"
        ),
        r#"{"retry":{"ErrorEquals":["States.ALL"],"MaxAttempts":2},"again":{"ErrorEquals":["States.ALL"],"MaxAttempts":2},"name":"x","same":"x"}"#
    );
}

#[test]
fn places_are_bytes_of_the_yaml_text() {
    let yaml = "Comment: café ☕\nStates:\n  A:\n    Type: Pass\n    Next: \"B\"\n";
    let document = YamlDocument::parse(yaml).expect("parses");
    let at = |span: crate::source::Span| &yaml[span.start..span.end];
    assert_eq!(at(document.locate("/Comment").expect("comment")), "café ☕");
    assert_eq!(
        at(document.locate("/States/A/Next").expect("next")),
        "\"B\""
    );
    assert_eq!(
        at(document.locate_key("/States/A/Next").expect("key")),
        "Next"
    );
    let span = document.locate("/States/A/Type").expect("type");
    let position = document.line_column(span.start);
    assert_eq!((position.line, position.column), (4, 11));
    assert!(document.locate("/States/A").is_some());
    assert!(document.locate("/States/B").is_none());
    // Inside a quoted string written as is: the offset counts from after the quote.
    let inside = document.locate_inside("/States/A/Next", 0).expect("inside");
    assert_eq!(at(inside), "B");
}

#[test]
fn yaml_that_json_cannot_hold_is_refused_where_it_is() {
    assert_eq!(
        refused("a: 1\nb: 2\na: 3\n"),
        (ParseIssueKind::DuplicateKey, 3, 1, "a".to_owned())
    );
    assert_eq!(
        refused("Resource: !Ref Fn\n"),
        (ParseIssueKind::Yaml, 1, 11, "!Ref Fn".to_owned())
    );
    assert_eq!(refused("a: 1\n---\nb: 2\n").0, ParseIssueKind::Yaml);
    assert_eq!(refused("? [a]\n: 1\n").0, ParseIssueKind::Yaml);
    assert_eq!(
        refused("v: .inf\n"),
        (ParseIssueKind::Yaml, 1, 4, ".inf".to_owned())
    );
    assert_eq!(refused("v: -.Inf\n").0, ParseIssueKind::Yaml);
    assert_eq!(refused("v: .nan\n").0, ParseIssueKind::Yaml);
    assert_eq!(refused("").0, ParseIssueKind::Yaml);
    assert_eq!(refused("v: *missing\n").0, ParseIssueKind::Yaml);
    assert_eq!(refused("v: !!int abc\n").0, ParseIssueKind::Yaml);
    let (kind, line, ..) = refused("a:\n  - b\n c: [\n");
    assert_eq!((kind, line > 1), (ParseIssueKind::Yaml, true));
}

#[test]
fn deep_nesting_is_refused_not_overflowing() {
    let deep = "[".repeat(100_000);
    assert_eq!(refused(&deep).0, ParseIssueKind::TooDeep);
    let fine = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(YamlDocument::parse(&fine).is_ok());
}

#[test]
fn unquoted_jsonata_is_told_to_be_quoted() {
    let error = YamlDocument::parse("Output: {% $states.input %}\n").expect_err("a bare {");
    let issue = &error.issues()[0];
    assert_eq!((issue.line, issue.column), (1, 10));
    assert!(
        issue
            .hint
            .as_deref()
            .is_some_and(|hint| hint.starts_with("quote JSONata expressions")),
        "{issue:?}"
    );
    assert_eq!(
        YamlDocument::parse("Output: \"{% $states.input %}\"\n")
            .expect("quoted")
            .json(),
        r#"{"Output":"{% $states.input %}"}"#
    );
}

#[test]
fn plain_scalars_that_yaml_1_1_reads_otherwise_are_kept() {
    let yaml = "States:\n  No: {Seconds: 010, At: 1:30, N: 1_000, E: 1e3, O: 0o17, Fine: 10, Y: y, Q: 'no', T: !!str yes}\n";
    let document = YamlDocument::parse(yaml).expect("parses");
    let found: Vec<(&str, &str, &str, bool)> = document
        .yaml_1_1_readings()
        .iter()
        .map(|r| (r.pointer.as_str(), r.text.as_str(), r.reading, r.key))
        .collect();
    assert_eq!(
        found,
        [
            ("/States/No", "No", "the boolean false", true),
            ("/States/No/Seconds", "010", "an octal number", false),
            ("/States/No/At", "1:30", "a base-60 number", false),
            ("/States/No/N", "1_000", "a number", false),
            ("/States/No/E", "1e3", "a string", false),
            ("/States/No/O", "0o17", "a string", false),
        ]
    );
    let readings = document.yaml_1_1_readings();
    assert_eq!(readings[1].read_as, "the number 10");
    assert_eq!(readings[2].read_as, "the string \"1:30\"");
    assert_eq!(&yaml[readings[1].span.start..readings[1].span.end], "010");
}

/// Binary, signed and underscored hexadecimal numbers: strings in YAML 1.2, numbers in
/// YAML 1.1. What PyYAML 6.0.3 (`yaml.safe_load`, the SAM transform's loader) reads is
/// written next to each; those it reads as YAML 1.2 does give no reading.
#[test]
fn binary_and_signed_or_underscored_hexadecimal_are_yaml_1_1_numbers() {
    let cases = [
        ("0b101", Some("a binary number")),      // PyYAML: 5
        ("-0b1", Some("a binary number")),       // -1
        ("+0b1_1", Some("a binary number")),     // 3
        ("0x_1F", Some("a hexadecimal number")), // 31
        ("0x1_0", Some("a hexadecimal number")), // 16
        ("+0x1F", Some("a hexadecimal number")), // 31
        ("-0x1f", Some("a hexadecimal number")), // -31
        ("0x_", Some("a number without digits, which fails the load")), // ValueError
        ("0b_", Some("a number without digits, which fails the load")), // ValueError
        ("0x1F", None),                          // 31, as in YAML 1.2
        ("0b", None),                            // the string "0b"
        ("0b2", None),                           // the string "0b2"
        ("0B1", None),                           // the string "0B1"
        ("0X1F", None),                          // the string "0X1F"
        ("0x1G", None),                          // the string "0x1G"
        ("-0b", None),                           // the string "-0b"
    ];
    for (text, reading) in cases {
        let yaml = format!("v: {text}\n");
        let document = YamlDocument::parse(&yaml).expect("parses");
        let found: Vec<(&str, &str)> = document
            .yaml_1_1_readings()
            .iter()
            .map(|r| (r.reading, r.read_as.as_str()))
            .collect();
        let expected_json = if text == "0x1F" {
            "31".to_owned()
        } else {
            format!("\"{text}\"")
        };
        assert_eq!(
            document.json(),
            format!(r#"{{"v":{expected_json}}}"#),
            "{text}"
        );
        let read_as = format!("the string \"{text}\"");
        assert_eq!(
            found,
            reading
                .map(|reading| (reading, read_as.as_str()))
                .into_iter()
                .collect::<Vec<_>>(),
            "{text}"
        );
    }
}

fn template_json(yaml: &str) -> String {
    match YamlDocument::parse_cloudformation(yaml) {
        Ok(document) => document.json().to_owned(),
        Err(error) => panic!("{yaml:?}: {error}"),
    }
}

#[test]
fn cloudformation_short_forms_are_read_as_long_forms() {
    assert_eq!(
        template_json("A: !Ref Fn\nB: !GetAtt Fn.Arn\nC: !Condition IsProd\n"),
        r#"{"A":{"Ref":"Fn"},"B":{"Fn::GetAtt":"Fn.Arn"},"C":{"Condition":"IsProd"}}"#
    );
    // Block and flow collections, nested tags, and a tagged mapping.
    assert_eq!(
        template_json(
            "S: !Sub\n  - 'arn:${P}:x'\n  - P: !Ref AWS::Partition\nI: !If [C, !Select [0, !GetAZs ''], {Ref: AWS::NoValue}]\nM: !Transform {Name: X}\n"
        ),
        r#"{"S":{"Fn::Sub":["arn:${P}:x",{"P":{"Ref":"AWS::Partition"}}]},"I":{"Fn::If":["C",{"Fn::Select":[0,{"Fn::GetAZs":""}]},{"Ref":"AWS::NoValue"}]},"M":{"Fn::Transform":{"Name":"X"}}}"#
    );
    // A tagged scalar is a string, whatever it looks like; core tags keep their meaning.
    assert_eq!(
        template_json("- !Ref 12\n- !!int '7'\n"),
        r#"[{"Ref":"12"},7]"#
    );
    // An anchored tagged node is repeated whole by its alias.
    assert_eq!(
        template_json("a: &arn !GetAtt F.Arn\nb: *arn\nc: &j !Join ['', [x]]\nd: *j\n"),
        r#"{"a":{"Fn::GetAtt":"F.Arn"},"b":{"Fn::GetAtt":"F.Arn"},"c":{"Fn::Join":["",["x"]]},"d":{"Fn::Join":["",["x"]]}}"#
    );
}

#[test]
fn cloudformation_short_forms_keep_their_places() {
    let yaml = "R:\n  Resource: !GetAtt Fn.Arn\n  Name: !Join\n    - ''\n    - [a, !Ref B]\n";
    let document = YamlDocument::parse_cloudformation(yaml).expect("read");
    let text = |pointer: &str| {
        let span = document.locate(pointer).expect(pointer);
        &yaml[span.start..span.end]
    };
    assert_eq!(text("/R/Resource"), "!GetAtt Fn.Arn");
    assert_eq!(text("/R/Resource/Fn::GetAtt"), "Fn.Arn");
    assert_eq!(text("/R/Name/Fn::Join/1/1"), "!Ref B");
    assert_eq!(text("/R/Name/Fn::Join/1/1/Ref"), "B");
    assert_eq!(
        document
            .line_column(document.nearest("/R/Name/Fn::Join/0", false).start)
            .line,
        4
    );
    // A verbatim argument is located character by character.
    let inside = document
        .locate_inside("/R/Resource/Fn::GetAtt", 3)
        .expect("inside");
    assert_eq!(&yaml[inside.start..inside.end], "Arn");
}

#[test]
fn definitions_still_refuse_cloudformation_tags() {
    let (kind, line, column, at) = refused("A: !Ref Fn\n");
    assert_eq!((kind, line, column), (ParseIssueKind::Yaml, 1, 4));
    assert!(at.starts_with("!Ref"), "{at}");
    // Tags from other handles are refused in templates too.
    let error = YamlDocument::parse_cloudformation("A: !!binary aGk=\n").expect_err("refused");
    assert_eq!(error.issues()[0].kind, ParseIssueKind::Yaml);
}

#[test]
fn merge_keys_copy_the_keys_a_mapping_does_not_set() {
    // SAM reads definition files with a YAML 1.1 loader, which merges `<<`.
    assert_eq!(
        json("base: &base {a: 1, b: 2}\nuse:\n  <<: *base\n  b: 3\n  c: 4\n"),
        r#"{"base":{"a":1,"b":2},"use":{"a":1,"b":3,"c":4}}"#
    );
    // Keys before the merge key, and after it; explicit keys win wherever they are.
    assert_eq!(
        json("x: &x {a: 1, b: 2}\ny: {b: 0, <<: *x, c: 3}\n"),
        r#"{"x":{"a":1,"b":2},"y":{"b":0,"a":1,"c":3}}"#
    );
    // A list of mappings: earlier ones win.
    assert_eq!(
        json("p: &p {a: 1}\nq: &q {a: 2, b: 2}\nr:\n  <<: [*p, *q]\n"),
        r#"{"p":{"a":1},"q":{"a":2,"b":2},"r":{"a":1,"b":2}}"#
    );
    // An inline mapping, and a merge inside an anchored mapping merged again.
    assert_eq!(
        json("a: {<<: {k: v}}\nb: &b {<<: {k: 1}, l: 2}\nc: {<<: *b}\n"),
        r#"{"a":{"k":"v"},"b":{"k":1,"l":2},"c":{"k":1,"l":2}}"#
    );
    // Numbers are copied as written.
    assert_eq!(
        json("n: &n {big: 18446744073709551616}\nm: {<<: *n}\n"),
        r#"{"n":{"big":18446744073709551616},"m":{"big":18446744073709551616}}"#
    );
    // A quoted `<<` is an ordinary key.
    assert_eq!(json("\"<<\": 1\n"), r#"{"<<":1}"#);
}

#[test]
fn merge_keys_are_placed_and_refused_at_their_place() {
    let yaml = "defaults: &retry\n  MaxAttempts: 3\nR:\n  <<: *retry\n  Other: 1\n";
    let document = YamlDocument::parse(yaml).expect("parses");
    let span = document.locate("/R/MaxAttempts").expect("placed");
    assert_eq!(&yaml[span.start..span.end], "*retry");
    let key = document.locate_key("/R/MaxAttempts").expect("key placed");
    assert_eq!(&yaml[key.start..key.end], "<<");
    assert!(document.locate("/R/<<").is_none());
    let (kind, line, column, at) = refused("a:\n  <<: 5\n");
    assert_eq!(
        (kind, line, column, at.as_str()),
        (ParseIssueKind::Yaml, 2, 7, "5")
    );
    let (kind, _, _, at) = refused("x: &x {a: 1}\na:\n  <<: [*x, 2]\n");
    assert_eq!((kind, at.as_str()), (ParseIssueKind::Yaml, "[*x, 2]"));
    let (kind, line, ..) = refused("x: &x {a: 1}\na:\n  <<: *x\n  <<: *x\n");
    assert_eq!((kind, line), (ParseIssueKind::DuplicateKey, 4));
}

#[test]
fn aliases_cannot_expand_without_bound() {
    // Nine levels of ten aliases each would be 10^9 items of JSON.
    let yaml = alias_tower(9);
    assert!(yaml.len() < 700, "a few hundred bytes");
    let (kind, line, _, at) = refused(&yaml);
    assert_eq!(kind, ParseIssueKind::Yaml);
    assert!(
        line > 5,
        "refused where the text grows past the limit, line {line}"
    );
    assert!(at.starts_with('*'), "at an alias: {at}");
    // Aliases that stay small are expanded as before.
    assert_eq!(
        json("a: &a [1, 2]\nb: [*a, *a]\n"),
        r#"{"a":[1,2],"b":[[1,2],[1,2]]}"#
    );
}

#[test]
fn nested_anchors_cannot_copy_without_bound() {
    // 100,000 items (about 400 kB of JSON) behind `*a4`, then `levels` nested anchors
    // around one alias of it: each anchor keeps its own copy.
    let items = alias_tower(5);
    let wrapped = |levels: usize| {
        // An anchor name may be given again; each is a node of its own.
        let opening = "&w [".repeat(levels);
        format!("{items}w: {opening}*a4{}\n", "]".repeat(levels))
    };
    // Fifty copies, 20 MB: refused.
    let (kind, line, _, _) = refused(&wrapped(50));
    assert_eq!((kind, line), (ParseIssueKind::Yaml, 6));
    // Ten are fine.
    assert!(YamlDocument::parse(&wrapped(10)).is_ok());
}

/// `levels` lines of YAML, each anchoring a list of ten aliases of the one before: the
/// last stands for 10^`levels` items.
fn alias_tower(levels: usize) -> String {
    let mut lines = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_owned()];
    lines.extend((1..levels).map(|level| {
        let aliases = vec![format!("*a{}", level - 1); 10].join(", ");
        format!("a{level}: &a{level} [{aliases}]")
    }));
    lines.join("\n") + "\n"
}

#[test]
fn an_alias_inside_its_own_anchor_is_called_recursive() {
    for (yaml, line, column) in [
        ("A: &self\n  Type: Pass\n  Result: *self\n", 3, 11),
        ("A: &self {Type: Pass, Result: *self}\n", 1, 31),
    ] {
        let error = YamlDocument::parse(yaml).expect_err("a value containing itself");
        let [issue] = error.issues() else {
            panic!("one issue: {error}");
        };
        assert!(issue.message.contains("recursive alias"), "{issue:?}");
        assert_eq!((issue.line, issue.column), (line, column), "{yaml}");
    }
    let unknown = YamlDocument::parse("A: *nowhere\n").expect_err("no such anchor");
    assert!(!unknown.to_string().contains("recursive"), "{unknown}");
}

#[test]
fn a_byte_order_mark_takes_no_column() {
    for yaml in [
        "StartAt: A\nStates: {}\n",
        "\u{feff}StartAt: A\nStates: {}\n",
    ] {
        let document = YamlDocument::parse(yaml).expect("parses");
        let position = document.line_column(document.locate("/StartAt").expect("start").start);
        assert_eq!((position.line, position.column), (1, 10), "{yaml:?}");
    }
}

/// The pointer of the one issue of a refused text.
fn refused_at(yaml: &str) -> String {
    let error = YamlDocument::parse(yaml).expect_err("refused");
    let [issue] = error.issues() else {
        panic!("one issue: {error}");
    };
    issue.pointer.clone()
}

#[test]
fn syntax_errors_are_placed_at_the_node_they_are_in() {
    let cases = [
        // The element being read, not the one before it.
        (r#"Result: [1, 2, "\ud800"]"#, "/Result/2"),
        (r#"Result: ["\ud800"]"#, "/Result/0"),
        ("Result:\n  - 1\n  - 2\n  - \"\\ud800\"\n", "/Result/2"),
        ("Result:\n  - \"\\ud800\"\n", "/Result/0"),
        ("Result: [1, {% x %}]", "/Result/1"),
        ("Result: [[1], \"\\ud800\"]", "/Result/1"),
        ("Result: [{a: 1}, \"\\ud800\"]", "/Result/1"),
        ("Result: [1, !!binary x]", "/Result/1"),
        // A value is placed at its key; a key not yet read, at its mapping.
        (r#"Result: {a: 1, b: "\ud800"}"#, "/Result/b"),
        (r#"Result: {a: 1, "\ud800": 2}"#, "/Result"),
        (r#"Result: {a: [1], "\ud800": 2}"#, "/Result"),
        (r#""\ud800": 1"#, ""),
        // A repeated key at its member, as in JSON.
        ("a: 1\nb: 2\na: 3\n", "/a"),
        ("x: &x {a: 1}\nR:\n  <<: *x\n  b: 1\n  <<: *x\n", "/R/<<"),
    ];
    for (yaml, pointer) in cases {
        assert_eq!(refused_at(yaml), pointer, "{yaml:?}");
    }
}

#[test]
fn long_tags_and_keys_are_quoted_cut() {
    let long = "x".repeat(100_000);
    let cut = format!("{}…", "x".repeat(79));
    let error = YamlDocument::parse(&format!("v: !{long} 1\n")).expect_err("a local tag");
    assert_eq!(
        error.issues()[0].message,
        format!("the tag `!{}…` has no JSON equivalent", "x".repeat(78))
    );
    // Keys of more than 1024 characters are written explicitly (`? key`).
    let error =
        YamlDocument::parse(&format!("? {long}\n: 1\n? {long}\n: 2\n")).expect_err("repeated");
    assert_eq!(
        error.issues()[0].message,
        format!("the key `{cut}` appears twice in this mapping")
    );
    assert_eq!(
        YamlDocument::parse("v: !Ref x\n")
            .expect_err("a local tag")
            .issues()[0]
            .message,
        "the tag `!Ref` has no JSON equivalent"
    );
}
