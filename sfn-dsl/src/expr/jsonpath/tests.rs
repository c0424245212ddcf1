use serde_json::json;

use super::{
    Comparison, Filter, FilterPath, FilterRoot, Function, Operand, Operator, Path, Regex, Root,
    Segment, Selector, Slice, parse,
};
use crate::model::ReferencePath;

fn name(text: &str) -> Segment {
    Segment::Child(Selector::Name(text.to_owned()))
}

fn segments(text: &str) -> Vec<Segment> {
    parse(text).unwrap().segments
}

fn text_of(text: &str) -> String {
    parse(text).unwrap().to_string()
}

fn error(text: &str) -> (usize, String) {
    let error = parse(text).unwrap_err();
    (error.offset, error.message)
}

#[test]
fn roots() {
    assert_eq!(
        parse("$").unwrap(),
        Path {
            root: Root::Input,
            segments: vec![]
        }
    );
    assert_eq!(parse("$$").unwrap().root, Root::Context);
    assert_eq!(parse("$$.Map.Item.Value").unwrap().segments.len(), 3);
    assert_eq!(
        parse("$customer_1").unwrap().root,
        Root::Variable("customer_1".into())
    );
    assert_eq!(
        parse("$x.y[0]").unwrap(),
        Path {
            root: Root::Variable("x".into()),
            segments: vec![name("y"), Segment::Child(Selector::Index(0))]
        }
    );
}

#[test]
fn dot_and_bracket_notation() {
    assert_eq!(segments("$.store.book"), [name("store"), name("book")]);
    assert_eq!(
        segments("$['store']['book']"),
        [name("store"), name("book")]
    );
    assert_eq!(segments("$[\"a b\"]"), [name("a b")]);
    assert_eq!(
        segments("$.ledgers[0][22][315].foo"),
        [
            name("ledgers"),
            Segment::Child(Selector::Index(0)),
            Segment::Child(Selector::Index(22)),
            Segment::Child(Selector::Index(315)),
            name("foo")
        ]
    );
    // Jayway accepts a dot before a bracket.
    assert_eq!(
        segments("$.Snapshots.[0].State"),
        segments("$.Snapshots[0].State")
    );
    assert_eq!(
        segments("$.detail['flow-name']"),
        [name("detail"), name("flow-name")]
    );
    assert_eq!(
        segments("$.a-b.c_d.$e"),
        [name("a-b"), name("c_d"), name("$e")]
    );
}

#[test]
fn escaped_characters() {
    // The spec's example of a reference path with escaped operator characters.
    let path = ReferencePath::new(r"$.foo\@bar.baz\[\[.\?pretty")
        .parse()
        .unwrap();
    assert_eq!(
        path.segments,
        [name("foo@bar"), name("baz[["), name("?pretty")]
    );
    // Inside quotes a backslash only keeps the quote from closing the name; AWS looks the
    // name up as written (recorded: `$['Test\""Name"']` found the key `Test\""Name"`).
    assert_eq!(segments(r#"$['Test\""Name"']"#), [name(r#"Test\""Name""#)]);
    assert_eq!(segments(r"$['it\'s']"), [name(r"it\'s")]);
}

#[test]
fn wildcards_unions_and_slices() {
    assert_eq!(
        segments("$.a.*"),
        [name("a"), Segment::Child(Selector::Wildcard)]
    );
    assert_eq!(segments("$[*][*]").len(), 2);
    assert_eq!(
        segments("$['a', 'b']"),
        [Segment::Child(Selector::Names(vec![
            "a".into(),
            "b".into()
        ]))]
    );
    assert_eq!(
        segments("$.a[0, 1]")[1],
        Segment::Child(Selector::Indexes(vec![0, 1]))
    );
    assert_eq!(segments("$.a[-1]")[1], Segment::Child(Selector::Index(-1)));
    let slice = |start, end| Segment::Child(Selector::Slice(Slice { start, end }));
    assert_eq!(segments("$.a[1:3]")[1], slice(Some(1), Some(3)));
    assert_eq!(segments("$.Rows[1:]")[1], slice(Some(1), None));
    assert_eq!(segments("$.a[:2]")[1], slice(None, Some(2)));
    assert_eq!(segments("$.a[-2:]")[1], slice(Some(-2), None));
}

#[test]
fn descendants_and_functions() {
    assert_eq!(
        segments("$..author"),
        [Segment::Descendant(Selector::Name("author".into()))]
    );
    assert_eq!(segments("$..*"), [Segment::Descendant(Selector::Wildcard)]);
    assert_eq!(
        segments("$..[0]"),
        [Segment::Descendant(Selector::Index(0))]
    );
    assert_eq!(
        segments("$.items.length()"),
        [name("items"), Segment::Function(Function::Length)]
    );
    assert_eq!(
        segments("$.items.size()")[1],
        Segment::Function(Function::Length)
    );
    assert_eq!(segments("$.n.max( )")[1], Segment::Function(Function::Max));
}

#[test]
fn filters() {
    let path = parse("$.users[?(@.status == 0)]").unwrap();
    let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else {
        panic!()
    };
    assert_eq!(
        **filter,
        Filter::Compare(Box::new(Comparison {
            left: Operand::Path(FilterPath {
                root: FilterRoot::Current,
                segments: vec![name("status")]
            }),
            operator: Operator::Equal,
            right: Operand::Literal(json!(0)),
        }))
    );
    assert_eq!(path.to_string(), "$['users'][?(@['status'] == 0)]");
    let text = |text: &str| parse(text).unwrap().to_string();
    assert_eq!(text("$[?(@.isbn)]"), "$[?(@['isbn'])]");
    assert_eq!(text("$[?(!@.isbn)]"), "$[?(!(@['isbn']))]");
    assert_eq!(
        text("$[?(@.a > 1 && (@.b == 'x' || @.c != \"y\"))]"),
        "$[?(@['a'] > 1 && (@['b'] == \"x\" || @['c'] != \"y\"))]"
    );
    assert_eq!(
        text("$[?(@.size in ['M', 'L'])]"),
        "$[?(@['size'] in [\"M\",\"L\"])]"
    );
    assert_eq!(
        text("$[?(@.name =~ /^a.*/i)]"),
        "$[?(@['name'] =~ /^a.*/i)]"
    );
    assert_eq!(
        text("$[?(@.price <= $.limit)]"),
        "$[?(@['price'] <= $['limit'])]"
    );
    assert_eq!(text("$[?(@ > 1)]"), "$[?(@ > 1)]");
    assert_eq!(
        text("$[?(@.tags contains 'x')]"),
        "$[?(@['tags'] contains \"x\")]"
    );
    assert_eq!(
        text("$[?(@.tags empty false)]"),
        "$[?(@['tags'] empty false)]"
    );
    assert_eq!(text("$[?(@.a.length() > 2)]"), "$[?(@['a'].length() > 2)]");
    assert_eq!(text("$.a[?(@.b[?(@.c)])]"), "$['a'][?(@['b'][?(@['c'])])]");
    let Segment::Child(Selector::Filter(filter)) = &segments("$[?(@.n =~ /a\\/b/)]")[0] else {
        panic!()
    };
    let Filter::Compare(comparison) = &**filter else {
        panic!()
    };
    assert_eq!(
        comparison.right,
        Operand::Regex(Regex {
            pattern: "a\\/b".into(),
            flags: String::new()
        })
    );
}

#[test]
fn reference_paths() {
    for text in [
        "$",
        "$.a",
        "$['a'][0].b",
        "$$.Execution.Input",
        "$var.x",
        "$.a[-1]",
    ] {
        assert!(parse(text).unwrap().is_reference(), "{text}");
        assert!(ReferencePath::new(text).parse().is_ok(), "{text}");
    }
    for text in [
        "$.a[*]",
        "$..a",
        "$.a[0,1]",
        "$['a','b']",
        "$.a[1:]",
        "$.a[?(@)]",
        "$.a.length()",
    ] {
        assert!(!parse(text).unwrap().is_reference(), "{text}");
    }
    let error = ReferencePath::new("$.a.b[1:2]").parse().unwrap_err();
    assert_eq!(error.offset, 5);
    assert_eq!(
        error.message,
        "a reference path selects a single node, but a slice can select several"
    );
}

#[test]
fn definiteness_follows_jayway() {
    assert!(parse("$.a[0].b").unwrap().is_definite());
    assert!(parse("$['a','b']").unwrap().is_definite());
    assert!(!parse("$['a','b'].c").unwrap().is_definite());
    assert!(!parse("$.a[*]").unwrap().is_definite());
    assert!(!parse("$.a[0,1]").unwrap().is_definite());
}

#[test]
fn errors_carry_offsets_and_hints() {
    assert_eq!(error(""), (0, "a path must start with `$`".into()));
    let hinted = parse("a.b").unwrap_err();
    assert_eq!(hinted.hint.as_deref(), Some("write $.a.b"));
    assert_eq!(
        error(" $.a"),
        (0, "a path cannot start with whitespace".into())
    );
    // Jayway trims paths; AWS ran `$$.Execution.Name ` in a sample workflow.
    assert_eq!(segments("$$.Execution.Name "), segments("$.Execution.Name"));
    assert_eq!(error("$."), (1, "a path cannot end with `.`".into()));
    assert_eq!(error("$.."), (1, "a path cannot end with `..`".into()));
    assert_eq!(
        error("$...a"),
        (3, "`...` is not valid; use `..` for descendants".into())
    );
    assert_eq!(error("$a b"), (2, "expected `.` or `[`, found ` `".into()));
    assert_eq!(
        error("$.a b"),
        (3, "a property name cannot contain whitespace".into())
    );
    assert_eq!(error("$.a["), (4, "expected a quoted name, an index, a slice, `*` or a filter `?(…)`, found the end of the text".into()));
    assert_eq!(
        error("$.a['b"),
        (4, "the name opened here is never closed with '".into())
    );
    assert_eq!(
        error("$.a['b'"),
        (7, "expected `]`, found the end of the text".into())
    );
    let unquoted = parse("$.a[b]").unwrap_err();
    assert_eq!(
        (unquoted.offset, unquoted.hint.as_deref()),
        (4, Some("write ['b']"))
    );
    assert_eq!(
        error("$.a[1:2:3]"),
        (7, "slices with a step are not supported".into())
    );
    assert_eq!(
        error("$.a[:]"),
        (5, "a slice needs a start or an end".into())
    );
    assert_eq!(
        error("$.a[99999999999999999999]"),
        (4, "the index 99999999999999999999 is out of range".into())
    );
    assert_eq!(
        error("$.a.len()"),
        (4, "unknown path function `len()`".into())
    );
    assert_eq!(
        error("$.a.length().b"),
        (12, "a function call must be the last step of a path".into())
    );
    assert_eq!(
        error("$.a.length(1)"),
        (11, "the path function `length()` takes no arguments".into())
    );
    assert_eq!(
        error("$.a)"),
        (3, "unexpected `)` in a property name".into())
    );
    assert_eq!(
        error("$1"),
        (1, "a variable name cannot start with a digit".into())
    );
    assert_eq!(
        error("$.a\\"),
        (3, "a path cannot end with a lone `\\`".into())
    );
}

#[test]
fn filter_errors() {
    assert_eq!(error("$[?(@.a = 1)]"), (8, "`=` is not an operator".into()));
    assert_eq!(
        error("$[?(@.a === 1)]"),
        (8, "the operator `===` is not supported".into())
    );
    assert_eq!(
        error("$[?(@.a like 1)]"),
        (8, "unknown filter operator `like`".into())
    );
    assert_eq!(
        error("$[?(@.a == [Failure])]"),
        (12, "`Failure` is not a value".into())
    );
    assert_eq!(
        text_of("$[?(@.Name==Receipt)]"),
        "$[?(@['Name'] == \"Receipt\")]"
    );
    assert_eq!(
        error("$[?(1)]"),
        (
            4,
            "a literal alone is not a test; compare it with an operator such as `==`".into()
        )
    );
    assert_eq!(
        error("$[?(@.a > 1]"),
        (11, "expected `)` closing the filter, found `]`".into())
    );
    assert_eq!(
        error("$[?@.a]"),
        (3, "expected `(` after `?`, found `@`".into())
    );
    assert_eq!(
        error("$[?(@.a =~ /x/q)]"),
        (14, "unknown regular expression flag `q`".into())
    );
    assert_eq!(
        error("$[?(@.a =~ /x)]"),
        (
            11,
            "the regular expression opened here is never closed with `/`".into()
        )
    );
    assert_eq!(
        error("$[?($$.a)]"),
        (
            4,
            "`$$` cannot be used inside a filter; use `@` or `$`".into()
        )
    );
    assert!(parse(&format!("$[?({}@.a{})]", "(".repeat(100), ")".repeat(100))).is_err());
    assert!(parse(&"$[?(@[?(".repeat(50)).is_err());
}

#[test]
fn parses_every_path_of_the_corpus_shapes() {
    for text in [
        "$.AutoScalingResult.AutoScalingInstances[0].AutoScalingGroupName",
        "$[1].error.Cause",
        "$.FlowConfig.Tasks[?(@.TaskType == 'Map')]",
        "$.Config.detail['flow-name']",
        "$[?(@.year <= 1999)]",
        "$.GetQueryResults.ResultSet.Rows[1:]",
        "$.[?(@.year < 1999)].name",
        "$.FlowConfig.DestinationFlowConfigList[0].DestinationConnectorProperties['S3'].S3OutputFormatConfig.FileType",
        "$.QualityResults[0]['check_status']",
    ] {
        assert!(parse(text).is_ok(), "{text}");
    }
}

#[test]
fn names_no_quote_can_hold_print_in_dot_notation() {
    // Quoted text is taken as written, so a name ending in a lone `\` or holding both quotes
    // has no bracket form; found by the round-trip property below (`$.\\`).
    for (text, canonical, segment) in [
        ("$.\\\\", "$.\\\\", "\\"),
        ("$.a\\\\", "$.a\\\\", "a\\"),
        ("$.a\\'b\\\"c", "$.a\\'b\\\"c", "a'b\"c"),
        ("$.x\\ y", "$['x y']", "x y"),
        ("$[?(@.a\\\\ == 1)]", "$[?(@.a\\\\ == 1)]", "a\\"),
        // After `..` too (cargo fuzz found `...name`), with a control character escaped.
        ("$..t\\\0s\\\\", "$..t\\\0s\\\\", "t\0s\\"),
    ] {
        assert_eq!(text_of(text), canonical, "{text}");
        assert_eq!(parse(canonical).unwrap(), parse(text).unwrap(), "{text}");
        assert!(format!("{:?}", parse(text).unwrap()).contains(&format!("{segment:?}")));
    }
    assert_eq!(text_of("$['a\\'']"), "$['a\\'']");
    assert_eq!(text_of("$['it\\'s']"), "$['it\\'s']");
}

#[test]
fn filters_print_with_the_grouping_they_were_read_with() {
    for (text, canonical) in [
        (
            "$[?(@.a || (@.b || @.c))]",
            "$[?(@['a'] || (@['b'] || @['c']))]",
        ),
        (
            "$[?(@.a || @.b || @.c)]",
            "$[?(@['a'] || @['b'] || @['c'])]",
        ),
        (
            "$[?(@.a && (@.b && @.c))]",
            "$[?(@['a'] && (@['b'] && @['c']))]",
        ),
        (
            "$[?((@.a || @.b) && @.c)]",
            "$[?((@['a'] || @['b']) && @['c'])]",
        ),
        (
            "$[?(@.a && (@.b || @.c))]",
            "$[?(@['a'] && (@['b'] || @['c']))]",
        ),
    ] {
        assert_eq!(text_of(text), canonical, "{text}");
        assert_eq!(parse(canonical).unwrap(), parse(text).unwrap(), "{text}");
    }
}

#[test]
fn a_negation_and_its_parentheses_are_one_level_of_nesting() {
    // The canonical text writes `!x` as `!(x)`; cargo fuzz found 52 `!` whose canonical
    // text nested twice as deep as the input and went over the limit.
    let bangs = |count: usize, body: &str| format!("$[?({}{body})]", "!".repeat(count));
    let deepest = bangs(64, "@.y");
    let canonical = text_of(&deepest);
    assert_eq!(parse(&canonical).unwrap(), parse(&deepest).unwrap());
    assert!(parse(&format!("$[?({}@.y{})]", "!(".repeat(64), ")".repeat(64))).is_ok());
    assert_eq!(
        error(&bangs(65, "@.y")).1,
        "a filter nests more than 64 levels deep"
    );
}

mod never_panics {
    use proptest::prelude::*;

    use super::parse;
    use crate::model::ReferencePath;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn on_any_text(text in "\\PC{0,40}") {
            let _ = parse(&text);
            let _ = ReferencePath::new(text).parse();
        }

        #[test]
        fn on_path_like_text(text in "\\$[$a-z.\\[\\]'\"*?@()<>=!&|,:0-9 /\\\\-]{0,40}") {
            if let Ok(path) = parse(&text) {
                // The canonical form parses to the same path.
                let canonical = path.to_string();
                prop_assert_eq!(parse(&canonical).ok(), Some(path), "{}", canonical);
            }
        }
    }
}
