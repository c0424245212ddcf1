//! Labels written for inside Mermaid's double quotes, so that no name or condition is read
//! as Mermaid or HTML syntax.

use std::fmt::Write;

/// A label, for inside Mermaid's double quotes.
///
/// Mermaid reads the quoted text as HTML, after turning `#name;` and `#123;` into entities, so
/// each character that one of its steps would read is written as such an entity:
/// - `"` would end the string and `|` an edge label;
/// - `<` could open an HTML tag (`>` alone cannot, and stays readable in `$.total > 100`),
///   `&` an HTML entity and `#` a Mermaid one;
/// - `` ` `` right after the opening quote would make the label Markdown;
/// - `:`, in a label that holds `style` or `classDef`: Mermaid drops the `;` after
///   `style…:…#…` anywhere in a line (meant for style statements), which would spoil an entity;
/// - the second `%` of `%%`: `%%{…}%%` anywhere is a directive that configures the diagram
///   (and is removed).
///
/// Some sequences Mermaid reads only after it has decoded the entities of a node label, so
/// an entity cannot hide them; an invisible word joiner (U+2060, `#8288;`) splits them: `$$`
/// (`$$…$$` is typeset as math, as a condition comparing `$$.Execution.Name` with
/// `$$.Execution.Input` would be), `\n` (a line break), `fa:fa-` (`fa:fa-car` is drawn as a
/// Font Awesome icon in place of the text), and the placeholders Mermaid stores entities as,
/// `ﬂ°` and `¶ß`, which it decodes anywhere in the drawing.
///
/// A line break is `<br/>`, and the spaces HTML would collapse (at either end of a line, or
/// after another space) are no-break spaces, so that names that differ only in spacing still
/// look different.
pub(super) fn escape(text: &str) -> String {
    let guard_colons = text.contains("style") || text.contains("classDef");
    let mut escaped = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            escaped.push_str("<br/>");
        }
        let content_end = line.trim_end_matches(trimmed_by_mermaid).len();
        let mut previous = None;
        let mut leading = true;
        for (at, character) in line.char_indices() {
            let rest = line.get(at + character.len_utf8()..).unwrap_or_default();
            leading &= trimmed_by_mermaid(character);
            match (previous, character) {
                (None | Some(' '), ' ') => escaped.push_str("#160;"),
                (_, ' ') if at >= content_end => escaped.push_str("#160;"),
                // Other spaces JavaScript's `trim` removes, at either end of a line.
                (_, other) if trimmed_by_mermaid(other) && (leading || at >= content_end) => {
                    let _ = write!(escaped, "#{};", u32::from(other));
                }
                // Mermaid's lexer takes a line holding `direction LR` (TB, BT, RL, TD)
                // anywhere, quotes included, for a direction statement.
                (_, 'd' | 'D') if splits_direction(rest) => {
                    escaped.push(character);
                    escaped.push_str("#8288;");
                }
                (_, '"') => escaped.push_str("#quot;"),
                (_, '#') => escaped.push_str("#35;"),
                (_, '|') => escaped.push_str("#124;"),
                (_, '<') => escaped.push_str("#60;"),
                (_, '&') => escaped.push_str("#38;"),
                (_, '`') => escaped.push_str("#96;"),
                (_, ':') if rest.starts_with("fa-") => {
                    escaped.push_str(if guard_colons {
                        "#58;#8288;"
                    } else {
                        ":#8288;"
                    });
                }
                (_, ':') if guard_colons => escaped.push_str("#58;"),
                (Some('%'), '%') => escaped.push_str("#37;"),
                (_, '\\') if rest.starts_with('n') => escaped.push_str("\\#8288;"),
                (Some('$'), '$') | (Some('ﬂ'), '°') | (Some('¶'), 'ß') => {
                    escaped.push_str("#8288;");
                    escaped.push(character);
                }
                (_, other) => escaped.push(other),
            }
            previous = Some(character);
        }
    }
    escaped
}

/// Whether JavaScript's `String.prototype.trim` removes `character` (Mermaid trims labels).
fn trimmed_by_mermaid(character: char) -> bool {
    matches!(
        character,
        '\t' | '\u{b}'
            | '\u{c}'
            | ' '
            | '\u{a0}'
            | '\u{feff}'
            | '\r'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Whether the text after a `d` reads `irection` and then spaces and a direction keyword.
fn splits_direction(rest: &str) -> bool {
    let Some(word) = rest.get(..8) else {
        return false;
    };
    if !word.eq_ignore_ascii_case("irection") {
        return false;
    }
    let after = &rest[8..];
    let keyword = after.trim_start();
    keyword.len() < after.len()
        && ["TB", "BT", "RL", "LR", "TD"].iter().any(|direction| {
            keyword
                .get(..2)
                .is_some_and(|it| it.eq_ignore_ascii_case(direction))
        })
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_names_is_written_as_entities() {
        assert_eq!(
            escape("C <b> & \"q\" | #1"),
            "C #60;b> #38; #quot;q#quot; #124; #35;1"
        );
        assert_eq!(escape("$.total > 100"), "$.total > 100");
    }

    #[test]
    fn a_leading_backtick_does_not_start_a_markdown_string() {
        // `["`code`…"]` is Mermaid's Markdown string syntax, and a lexical error here.
        assert_eq!(escape("`code`"), "#96;code#96;");
    }

    #[test]
    fn mermaid_entity_placeholders_in_names_are_split() {
        // Mermaid stores `#35;` as `ﬂ°°35¶ß` and decodes those placeholders in the whole
        // drawing, after the labels are in place.
        assert_eq!(escape("para¶ßgraph"), "para¶#8288;ßgraph");
        assert_eq!(escape("ﬂ°°35¶ß"), "ﬂ#8288;°°35¶#8288;ß");
        assert_eq!(escape("Straße ¶ ﬂ"), "Straße ¶ ﬂ");
    }

    #[test]
    fn icons_math_and_escaped_line_breaks_are_not_drawn() {
        // Mermaid decodes the entities of a node label before it looks for these.
        assert_eq!(escape("fa:fa-car"), "fa:#8288;fa-car");
        assert_eq!(escape("fab:fa-github x:y"), "fab:#8288;fa-github x:y");
        assert_eq!(escape("style fa:fa-car"), "style fa#58;#8288;fa-car");
        assert_eq!(
            escape("$$.Execution.Name == $$.Execution.Input.name"),
            "$#8288;$.Execution.Name == $#8288;$.Execution.Input.name"
        );
        assert_eq!(escape("$.a == $.b"), "$.a == $.b");
        assert_eq!(escape("a\\nb \\d"), "a\\#8288;nb \\d");
    }

    #[test]
    fn a_direction_statement_inside_a_label_is_broken_up() {
        // Mermaid's lexer reads any line holding `direction LR` as a direction statement,
        // dropping the edge or node written on it.
        assert_eq!(escape("direction LR"), "d#8288;irection LR");
        assert_eq!(escape("Set Direction  td"), "Set D#8288;irection #160;td");
        assert_eq!(escape("direction up"), "direction up");
        assert_eq!(escape("directions LR"), "directions LR");
    }

    #[test]
    fn spaces_javascript_trims_are_kept_at_the_ends_of_a_line() {
        assert_eq!(escape("\u{3000}A"), "#12288;A");
        assert_eq!(escape("\u{a0}A\u{feff}"), "#160;A#65279;");
        assert_eq!(escape("\u{2028}"), "#8232;");
        // Inside a line they stay as they are.
        assert_eq!(escape("A\u{3000}B"), "A\u{3000}B");
    }

    #[test]
    fn colons_are_escaped_where_mermaid_would_read_a_style() {
        // Mermaid drops the `;` after `style…:…#…;` anywhere in a line: `style:#35;1` would
        // show as `style:#351`.
        assert_eq!(escape("style:#1;"), "style#58;#35;1;");
        assert_eq!(
            escape("lifestyle: a:\"b\""),
            "lifestyle#58; a#58;#quot;b#quot;"
        );
        assert_eq!(escape("classDef x:#y;"), "classDef x#58;#35;y;");
        assert_eq!(
            escape("arn:aws:states:::lambda:invoke"),
            "arn:aws:states:::lambda:invoke"
        );
    }

    #[test]
    fn names_cannot_hold_a_mermaid_directive() {
        // `%%{init: …}%%` anywhere in the text would configure the diagram and vanish.
        assert_eq!(
            escape("%%{init: {'theme':'forest'}}%%"),
            "%#37;{init: {'theme':'forest'}}%#37;"
        );
        assert_eq!(escape("50% off, %%%"), "50% off, %#37;#37;");
    }

    #[test]
    fn spaces_html_would_collapse_are_kept_and_line_breaks_drawn() {
        assert_eq!(escape("  both  "), "#160;#160;both#160;#160;");
        assert_eq!(escape("two  spaces"), "two #160;spaces");
        assert_eq!(escape(" "), "#160;");
        assert_eq!(escape("new\nline "), "new<br/>line#160;");
        assert_eq!(escape("one space"), "one space");
    }
}
