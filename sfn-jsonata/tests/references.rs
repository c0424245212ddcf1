//! `Expression::references` and `Expression::bindings`: what an expression reads and binds.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use sfn_jsonata::{Focus, Target, parse};

/// `(target, path, offset, focus)` of every reference, spelled compactly.
fn refs(text: &str) -> Vec<(String, Vec<String>, usize, Focus)> {
    let expression = parse(text).unwrap();
    expression
        .references()
        .into_iter()
        .map(|reference| {
            let target = match reference.target {
                Target::Variable(name) => format!("${name}"),
                Target::Function(name) => format!("${name}()"),
                Target::Context => "$".to_owned(),
                Target::Root => "$$".to_owned(),
                Target::Field(name) => name.to_owned(),
                _ => "?".to_owned(),
            };
            let path = reference.path.iter().map(ToString::to_string).collect();
            (target, path, reference.offset, reference.focus)
        })
        .collect()
}

fn targets(text: &str) -> Vec<(String, Focus)> {
    refs(text)
        .into_iter()
        .map(|(target, _, _, focus)| (target, focus))
        .collect()
}

fn t(target: &str, focus: Focus) -> (String, Focus) {
    (target.to_owned(), focus)
}

use Focus::{Input, Item};

#[test]
fn variables_keep_the_names_that_follow() {
    assert_eq!(
        refs("$states.result.Payload.total"),
        [(
            "$states".to_owned(),
            vec![
                "result".to_owned(),
                "Payload".to_owned(),
                "total".to_owned()
            ],
            0,
            Input
        )]
    );
    // The path stops at the first step that is not a name.
    assert_eq!(
        refs("$states.input.($x).y")[0].1,
        ["input".to_owned()].to_vec()
    );
    // A filter on a step does not end the path.
    assert_eq!(
        refs("$states.errorOutput[0].Cause")[0].1,
        ["errorOutput".to_owned(), "Cause".to_owned()].to_vec()
    );
}

#[test]
fn the_input_and_the_root() {
    assert_eq!(targets("$"), [t("$", Input)]);
    assert_eq!(refs("$.x")[0].1, ["x".to_owned()].to_vec());
    assert_eq!(targets("$$.x"), [t("$$", Input)]);
    assert_eq!(targets("total"), [t("total", Input)]);
    assert_eq!(targets("`order id` + 1"), [t("order id", Input)]);
    assert_eq!(targets("*"), [t("*", Input)]);
    assert_eq!(targets("**.x"), [t("**", Input), t("x", Item)]);
    // `$$` inside a filter is still the root.
    assert_eq!(targets("$a[$$.x]"), [t("$a", Input), t("$$", Item)]);
}

#[test]
fn steps_filters_groups_sorts_and_transforms_set_the_context() {
    assert_eq!(targets("$x.($ * 2)"), [t("$x", Input), t("$", Item)]);
    assert_eq!(
        targets("$order[total > 10]"),
        [t("$order", Input), t("total", Item)]
    );
    assert_eq!(
        targets("$states.input.items[price > $min].sku"),
        [t("$states", Input), t("price", Item), t("$min", Item)]
    );
    assert_eq!(
        targets("$states.input.items{type: $sum(price)}"),
        [
            t("$states", Input),
            t("type", Item),
            t("$sum()", Item),
            t("price", Item)
        ]
    );
    assert_eq!(
        targets("$states.input.items^(>price)"),
        [t("$states", Input), t("price", Item)]
    );
    assert_eq!(
        targets("$states.input ~> |items|{'checked': flag}|"),
        [t("$states", Input), t("items", Item), t("flag", Item)]
    );
    assert_eq!(
        targets("$states.input.items.{'a': a}"),
        [t("$states", Input), t("a", Item)]
    );
}

#[test]
fn constructors_conditions_and_calls_keep_the_focus() {
    assert_eq!(
        targets("{'a': total, 'b': [$, $count(items)]}"),
        [
            t("total", Input),
            t("$", Input),
            t("$count()", Input),
            t("items", Input)
        ]
    );
    assert_eq!(
        targets("$flag ? -amount : $string(x)"),
        [
            t("$flag", Input),
            t("amount", Input),
            t("$string()", Input),
            t("x", Input)
        ]
    );
    assert_eq!(
        targets("$states.input ~> $map($uppercase)"),
        [
            t("$states", Input),
            t("$map()", Input),
            t("$uppercase", Input)
        ]
    );
    // A lambda body keeps the focus of the place it is written.
    assert_eq!(
        targets("$map($states.input.xs, function($v) { $v + k })"),
        [t("$map()", Input), t("$states", Input), t("k", Input)]
    );
    assert_eq!(
        targets("$states.input.xs.(function($v) { $v + k })(1)"),
        [t("$states", Input), t("k", Item)]
    );
}

#[test]
fn names_bound_inside_are_not_reported() {
    assert_eq!(
        targets("($t := $states.input.x; $t * $t)"),
        [t("$states", Input)]
    );
    // A binding is visible in all of its block, and blocks nest.
    assert_eq!(
        targets("($f := function() { $g() }; $g := function() { 1 }; $f())"),
        []
    );
    assert_eq!(targets("($a := 1; ($b := 2); $b)"), [t("$b", Input)]);
    // A top-level binding binds in the root frame.
    assert_eq!(targets("$x := $y"), [t("$y", Input)]);
    assert_eq!(
        targets("function($n) { $n = 0 ? 1 : $loop($n - 1) }"),
        [t("$loop()", Input)]
    );
    assert_eq!(
        targets("($loop := function($n) { $n = 0 ? 1 : $loop($n - 1) }; $loop(3))"),
        []
    );
    assert_eq!(
        targets("$states.input.items@$i.orders#$j[$j > $limit].($i)"),
        [t("$states", Input), t("$limit", Item)]
    );
}

#[test]
fn offsets_point_at_the_reference() {
    let found = refs("$a + $b.c + d");
    let offsets: Vec<usize> = found.iter().map(|(_, _, offset, _)| *offset).collect();
    assert_eq!(offsets, [0, 5, 12]);
}

#[test]
fn bindings_are_listed_with_their_operator() {
    let expression = parse("($states := 1; $x := ($y := 2))").unwrap();
    let found: Vec<(&str, usize)> = expression
        .bindings()
        .iter()
        .map(|binding| (binding.name, binding.offset))
        .collect();
    assert_eq!(found, [("states", 9), ("x", 18), ("y", 25)]);
    assert!(parse("$a + 1").unwrap().bindings().is_empty());
}
