//! Case conversions: serde's `rename_all` rules and state names from Rust identifiers.

/// A serde `rename_all` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

pub(crate) const RULE_NAMES: &[&str] = &[
    "lowercase",
    "UPPERCASE",
    "PascalCase",
    "camelCase",
    "snake_case",
    "SCREAMING_SNAKE_CASE",
    "kebab-case",
    "SCREAMING-KEBAB-CASE",
];

impl RenameRule {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "lowercase" => Self::Lower,
            "UPPERCASE" => Self::Upper,
            "PascalCase" => Self::Pascal,
            "camelCase" => Self::Camel,
            "snake_case" => Self::Snake,
            "SCREAMING_SNAKE_CASE" => Self::ScreamingSnake,
            "kebab-case" => Self::Kebab,
            "SCREAMING-KEBAB-CASE" => Self::ScreamingKebab,
            _ => return None,
        })
    }

    /// Renames a field written in snake case, as serde does.
    pub(crate) fn apply_to_field(self, field: &str) -> String {
        match self {
            Self::Lower | Self::Snake => field.to_owned(),
            Self::Upper | Self::ScreamingSnake => field.to_ascii_uppercase(),
            Self::Pascal => pascal_from_snake(field),
            Self::Camel => {
                let pascal = pascal_from_snake(field);
                lower_first(&pascal)
            }
            Self::Kebab => field.replace('_', "-"),
            Self::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }

    /// Renames a variant written in Pascal case, as serde does.
    pub(crate) fn apply_to_variant(self, variant: &str) -> String {
        match self {
            Self::Pascal => variant.to_owned(),
            Self::Lower => variant.to_ascii_lowercase(),
            Self::Upper => variant.to_ascii_uppercase(),
            Self::Camel => lower_first(variant),
            Self::Snake => snake_from_pascal(variant),
            Self::ScreamingSnake => snake_from_pascal(variant).to_ascii_uppercase(),
            Self::Kebab => snake_from_pascal(variant).replace('_', "-"),
            Self::ScreamingKebab => snake_from_pascal(variant)
                .to_ascii_uppercase()
                .replace('_', "-"),
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_lowercase().to_string() + chars.as_str()
    })
}

/// `reserve_stock` -> `ReserveStock`.
pub(crate) fn pascal_from_snake(text: &str) -> String {
    let mut pascal = String::with_capacity(text.len());
    let mut capitalize = true;
    for c in text.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(c);
        }
    }
    pascal
}

/// `ReserveStock` -> `reserve_stock`.
pub(crate) fn snake_from_pascal(text: &str) -> String {
    let mut snake = String::with_capacity(text.len() + 4);
    for (index, c) in text.char_indices() {
        if index > 0 && c.is_uppercase() {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    snake
}

/// Rust's keywords (strict and reserved, edition 2024) that a snake-cased variant name can
/// be.
const KEYWORDS: [&str; 50] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while",
];

/// The field of a typed path that holds a variant's data (`Kind::Card` → `card`): the
/// variant's name in snake case, raw when it is a keyword (`Kind::Type` → `r#type`), and
/// with a trailing `_` for the keywords that cannot be raw (`crate`, `self`, `super`).
pub(crate) fn variant_field(variant: &syn::Ident) -> syn::Ident {
    let name = snake_from_pascal(&unraw(variant));
    let span = variant.span();
    if !KEYWORDS.contains(&name.as_str()) {
        syn::Ident::new(&name, span)
    } else if matches!(name.as_str(), "crate" | "self" | "super") {
        syn::Ident::new(&format!("{name}_"), span)
    } else {
        syn::Ident::new_raw(&name, span)
    }
}

/// An identifier's text without the `r#` of raw identifiers.
pub(crate) fn unraw(ident: &syn::Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map_or(text.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{RenameRule, pascal_from_snake, snake_from_pascal};

    #[test]
    fn serde_rules() {
        let cases = [
            (
                RenameRule::Camel,
                "order_id",
                "orderId",
                "OrderId",
                "orderId",
            ),
            (
                RenameRule::Pascal,
                "order_id",
                "OrderId",
                "OrderId",
                "OrderId",
            ),
            (
                RenameRule::Kebab,
                "order_id",
                "order-id",
                "OrderId",
                "order-id",
            ),
            (
                RenameRule::ScreamingSnake,
                "order_id",
                "ORDER_ID",
                "OrderId",
                "ORDER_ID",
            ),
            (
                RenameRule::ScreamingKebab,
                "order_id",
                "ORDER-ID",
                "OrderId",
                "ORDER-ID",
            ),
            (
                RenameRule::Lower,
                "order_id",
                "order_id",
                "OrderId",
                "orderid",
            ),
            (
                RenameRule::Upper,
                "order_id",
                "ORDER_ID",
                "OrderId",
                "ORDERID",
            ),
            (
                RenameRule::Snake,
                "order_id",
                "order_id",
                "OrderId",
                "order_id",
            ),
        ];
        for (rule, field, renamed_field, variant, renamed_variant) in cases {
            assert_eq!(rule.apply_to_field(field), renamed_field, "{rule:?}");
            assert_eq!(rule.apply_to_variant(variant), renamed_variant, "{rule:?}");
        }
    }

    #[test]
    fn identifiers() {
        assert_eq!(pascal_from_snake("reserve_stock"), "ReserveStock");
        assert_eq!(snake_from_pascal("CardPayment"), "card_payment");
    }
}
