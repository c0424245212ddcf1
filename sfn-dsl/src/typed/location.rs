//! Where a typed path points: a root (the state input or a variable) and field, index and
//! wildcard steps, rendered as JSONPath or JSONata.

use std::fmt::Write as _;

use super::predicate::jsonata_string;
use crate::builder::arg::field_path::is_identifier;
use crate::expr::jsonpath::Selector;
use crate::model::{JsonPath, Jsonata};

/// Where a [`Location`] starts.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Root};
///
/// assert_eq!(Location::input().field("order").root(), &Root::Input);
/// let total = Location::variable("order").field("total");
/// let Root::Variable(name) = total.root() else { panic!("a variable") };
/// assert_eq!(name, "order");
/// assert_eq!(total.to_json_path().as_str(), "$order.total");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    /// The state input: `$` in JSONPath, `$states.input` in JSONata.
    Input,
    /// A workflow variable set by `Assign`: `$name` in both languages.
    Variable(String),
}

/// One step of a [`Location`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Segment};
///
/// let skus = Location::input().field("items").wildcard().field("sku");
/// assert_eq!(
///     skus.segments(),
///     [Segment::Field("items".into()), Segment::Wildcard, Segment::Field("sku".into())]
/// );
/// assert_eq!(skus.to_json_path().as_str(), "$.items[*].sku");
/// // JSONata maps over arrays by itself, so the wildcard step is not written before a field,
/// assert_eq!(skus.to_jsonata_text(), "$states.input.items.sku");
/// // but an index after it applies to each element: the second of every row.
/// let column = Location::input().field("matrix").wildcard().index(1);
/// assert_eq!(column.to_json_path().as_str(), "$.matrix[*][1]");
/// assert_eq!(column.to_jsonata_text(), "$states.input.matrix.$[1]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A field of an object, by its JSON name (after serde renames).
    Field(String),
    /// An element of an array.
    Index(usize),
    /// Every element of an array (`[*]` in JSONPath; JSONata's implicit mapping, written
    /// `.$` before an index or another wildcard so that they apply to each element).
    Wildcard,
}

/// A place in the JSON data of a workflow: a [`Root`] and the steps below it.
///
/// Typed paths (see [`Payload`](super::Payload)) carry a location; it renders as a JSONPath
/// for JSONPath states and as a JSONata expression for JSONata states.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::Location;
///
/// let email = Location::input().field("customer").field("e-mail");
/// assert_eq!(email.to_json_path().as_str(), "$.customer['e-mail']");
/// assert_eq!(email.to_jsonata_text(), "$states.input.customer.`e-mail`");
/// let first = Location::variable("order").field("items").index(0);
/// assert_eq!(first.to_json_path().as_str(), "$order.items[0]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    root: Root,
    segments: Vec<Segment>,
    /// How many segments lead to each value that may be absent or `null`: where an `Option`
    /// was unwrapped (`some()`). Predicates below such a value test it first.
    optional: Vec<usize>,
    /// How many segments lead to each value that serde reads otherwise than as it is in
    /// the JSON, and how: JSONata reads it the same way; JSONPath cannot.
    readings: Vec<(usize, Reading)>,
}

/// How serde reads a value that the JSON does not hold as it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Reading {
    /// `#[serde(default)]`: a missing field reads as this JSON value (its JSON text, which
    /// JSONata reads as the same value).
    Default(String),
    /// A flattened `Option<T>`: `Some` (the object holding it) only when `T`'s required
    /// fields, these JSON names, are all present; `None` (absent) otherwise.
    SomeIf(Vec<String>),
}

impl Location {
    /// The state input.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Root};
    ///
    /// let input = Location::input();
    /// assert_eq!(input.root(), &Root::Input);
    /// assert_eq!(input.to_json_path().as_str(), "$");
    /// assert_eq!(input.to_jsonata_text(), "$states.input");
    /// ```
    #[must_use]
    pub fn input() -> Self {
        Self {
            root: Root::Input,
            segments: Vec::new(),
            optional: Vec::new(),
            readings: Vec::new(),
        }
    }

    /// The workflow variable `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Root};
    ///
    /// let order = Location::variable("order");
    /// assert_eq!(order.root(), &Root::Variable("order".to_owned()));
    /// assert_eq!(order.to_json_path().as_str(), "$order");
    /// assert_eq!(order.to_jsonata_text(), "$order");
    /// ```
    #[must_use]
    pub fn variable(name: impl Into<String>) -> Self {
        Self {
            root: Root::Variable(name.into()),
            segments: Vec::new(),
            optional: Vec::new(),
            readings: Vec::new(),
        }
    }

    /// The root.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Root};
    ///
    /// assert_eq!(Location::input().field("id").root(), &Root::Input);
    /// assert_eq!(Location::variable("cart").index(0).root(), &Root::Variable("cart".to_owned()));
    /// ```
    #[must_use]
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// The steps below the root.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Segment};
    ///
    /// let first_sku = Location::input().field("items").index(0).field("sku");
    /// assert_eq!(
    ///     first_sku.segments(),
    ///     [Segment::Field("items".into()), Segment::Index(0), Segment::Field("sku".into())]
    /// );
    /// assert!(Location::input().segments().is_empty());
    /// ```
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    fn with(&self, segment: Segment) -> Self {
        let mut segments = self.segments.clone();
        segments.push(segment);
        Self {
            root: self.root.clone(),
            segments,
            optional: self.optional.clone(),
            readings: self.readings.clone(),
        }
    }

    /// The same place, known to hold a value that may be absent or `null` (an `Option`).
    pub(crate) fn optional(&self) -> Self {
        let mut location = self.clone();
        if !location.optional.contains(&location.segments.len()) {
            location.optional.push(location.segments.len());
        }
        location
    }

    /// The same place, holding a field that serde reads as `default` (JSON) when it is
    /// missing (`#[serde(default)]`).
    pub(crate) fn defaulted(&self, default: &serde_json::Value) -> Self {
        let mut location = self.clone();
        location.readings.push((
            location.segments.len(),
            Reading::Default(default.to_string()),
        ));
        location
    }

    /// The same place, holding a flattened `Option` of a type whose `required` fields (JSON
    /// names) must all be present for serde to read a `Some`.
    pub(crate) fn flattened_option(&self, required: Vec<String>) -> Self {
        let mut location = self.clone();
        location
            .readings
            .push((location.segments.len(), Reading::SomeIf(required)));
        location
    }

    /// The value `depth` steps below the root, read as this location reads it.
    fn prefix(&self, depth: usize) -> Self {
        Self {
            root: self.root.clone(),
            segments: self.segments.get(..depth).unwrap_or_default().to_vec(),
            optional: self
                .optional
                .iter()
                .copied()
                .filter(|&d| d < depth)
                .collect(),
            readings: self
                .readings
                .iter()
                .filter(|(d, _)| *d <= depth)
                .cloned()
                .collect(),
        }
    }

    /// The optional values at or above this location, outermost first, each with whether it
    /// is this location itself.
    pub(crate) fn optional_values(&self) -> impl Iterator<Item = (Self, bool)> + '_ {
        self.optional
            .iter()
            .map(|&depth| (self.prefix(depth), depth == self.segments.len()))
    }

    /// The fields that must be present for the flattened `Option`s at or above this
    /// location to be `Some`: a JSONPath rule cannot read them as JSONata does, so it tests
    /// them first.
    pub(crate) fn required_by_flattened_options(&self) -> Vec<Self> {
        self.readings
            .iter()
            .filter_map(|(depth, reading)| match reading {
                Reading::SomeIf(required) => Some((*depth, required)),
                Reading::Default(_) => None,
            })
            .flat_map(|(depth, required)| {
                let value = self.prefix(depth);
                required
                    .iter()
                    .map(move |name| value.field(name))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Whether the value, or one it is read from, may be absent or `null`.
    pub(crate) fn is_optional(&self) -> bool {
        !self.optional.is_empty()
    }

    /// Whether a step selects every element of an array, so that the location stands for
    /// several values.
    pub(crate) fn has_wildcard(&self) -> bool {
        self.segments.contains(&Segment::Wildcard)
    }

    /// The field `name` (its JSON name) below this location.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// let city = Location::input().field("address").field("city");
    /// assert_eq!(city.to_json_path().as_str(), "$.address.city");
    /// assert_eq!(Location::input().field("unit price").to_json_path().as_str(), "$['unit price']");
    /// ```
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        self.with(Segment::Field(name.to_owned()))
    }

    /// The array element at `index` below this location.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// let second = Location::input().field("items").index(1);
    /// assert_eq!(second.to_json_path().as_str(), "$.items[1]");
    /// assert_eq!(second.to_jsonata_text(), "$states.input.items[1]");
    /// ```
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(Segment::Index(index))
    }

    /// Every element of the array at this location.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// let ids = Location::input().field("items").wildcard().field("id");
    /// assert_eq!(ids.to_json_path().as_str(), "$.items[*].id");
    /// assert_eq!(ids.to_jsonata_text(), "$states.input.items.id");
    /// ```
    #[must_use]
    pub fn wildcard(&self) -> Self {
        self.with(Segment::Wildcard)
    }

    /// The JSON name of the last step, when it is a field.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// assert_eq!(Location::input().field("order").field("id").last_field(), Some("id"));
    /// assert_eq!(Location::input().field("items").index(0).last_field(), None);
    /// assert_eq!(Location::input().last_field(), None);
    /// ```
    #[must_use]
    pub fn last_field(&self) -> Option<&str> {
        match self.segments.last() {
            Some(Segment::Field(name)) => Some(name),
            _ => None,
        }
    }

    /// The location as a JSONPath: `$.a.b[0]`, `$var.a`, `$['odd key']`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// let path = Location::variable("order").field("lines").index(0).field("unit price");
    /// assert_eq!(path.to_json_path().as_str(), "$order.lines[0]['unit price']");
    /// ```
    #[must_use]
    pub fn to_json_path(&self) -> JsonPath {
        let mut text = match &self.root {
            Root::Input => "$".to_owned(),
            Root::Variable(name) => format!("${name}"),
        };
        for segment in &self.segments {
            match segment {
                Segment::Field(name) if is_plain_name(name) => {
                    let _ = write!(text, ".{name}");
                }
                // Quoted so that it reads back whole: `['a b']`, `["it's"]`.
                Segment::Field(name) => {
                    let _ = write!(text, "{}", Selector::Name(name.clone()));
                }
                Segment::Index(index) => {
                    let _ = write!(text, "[{index}]");
                }
                Segment::Wildcard => text.push_str("[*]"),
            }
        }
        JsonPath::new(text)
    }

    /// The steps alone as JSONata, to append to a root expression: `.a.b[0]`.
    ///
    /// A field that serde reads as its default when missing (`#[serde(default)]`) is read
    /// so (`.($exists(tags) ? tags : [])`), and a flattened `Option` is the object only when
    /// the fields its type needs are present.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// let path = Location::input().field("order").field("unit price").index(2);
    /// assert_eq!(path.jsonata_suffix(), ".order.`unit price`[2]");
    /// assert_eq!(Location::input().jsonata_suffix(), "");
    /// ```
    #[must_use]
    pub fn jsonata_suffix(&self) -> String {
        let mut text = String::new();
        self.write_readings(&mut text, 0);
        let mut segments = self.segments.iter().enumerate().peekable();
        while let Some((index, segment)) = segments.next() {
            let depth = index + 1;
            match segment {
                Segment::Field(name) => match self.default_at(depth) {
                    // serde reads a missing field as its default: so does the step, on each
                    // object it is applied to.
                    Some(default) => {
                        let field = jsonata_name(name);
                        let _ = write!(text, ".($exists({field}) ? {field} : {default})");
                    }
                    None => {
                        let _ = write!(text, ".{}", jsonata_name(name));
                    }
                },
                Segment::Index(index) => {
                    let _ = write!(text, "[{index}]");
                }
                // JSONata maps over arrays implicitly: `$x.items.sku` is every sku. An index
                // right after the wildcard would pick from the whole array (`matrix[1]`, the
                // second row), so the context step `$` makes it apply to each element
                // (`matrix.$[1]`, the second of every row), as JSONPath's `[*][1]` does.
                Segment::Wildcard => {
                    if matches!(
                        segments.peek(),
                        Some((_, Segment::Index(_) | Segment::Wildcard))
                    ) {
                        text.push_str(".$");
                    }
                }
            }
            self.write_readings(&mut text, depth);
        }
        text
    }

    /// The default of the field `depth` steps below the root, if serde gives it one.
    fn default_at(&self, depth: usize) -> Option<&str> {
        self.readings
            .iter()
            .find_map(|(at, reading)| match reading {
                Reading::Default(default) if *at == depth => Some(default.as_str()),
                _ => None,
            })
    }

    /// The steps that read the value `depth` steps below the root as a flattened `Option`:
    /// the object itself when the fields serde needs are present, nothing (`None`, as an
    /// absent `Option` is) otherwise.
    fn write_readings(&self, text: &mut String, depth: usize) {
        for (at, reading) in &self.readings {
            // With no required field, serde always reads a `Some`.
            if let (true, Reading::SomeIf(required)) = (*at == depth, reading)
                && !required.is_empty()
            {
                let all_present = required
                    .iter()
                    .map(|name| format!("$exists({})", jsonata_name(name)))
                    .collect::<Vec<_>>()
                    .join(" and ");
                let _ = write!(text, ".({all_present} ? $)");
            }
        }
    }

    /// The location as JSONata text: `$states.input.a.b`, `$var.a`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// assert_eq!(Location::input().field("order").field("id").to_jsonata_text(), "$states.input.order.id");
    /// assert_eq!(Location::variable("total").field("amount").to_jsonata_text(), "$total.amount");
    /// ```
    #[must_use]
    pub fn to_jsonata_text(&self) -> String {
        let root = match &self.root {
            Root::Input => "$states.input".to_owned(),
            Root::Variable(name) => format!("${name}"),
        };
        root + &self.jsonata_suffix()
    }

    /// The location as a JSONata expression.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Location;
    ///
    /// let expression = Location::input().field("order").field("id").to_jsonata();
    /// assert_eq!(expression.as_str().trim(), "$states.input.order.id");
    /// ```
    #[must_use]
    pub fn to_jsonata(&self) -> Jsonata {
        Jsonata::new(format!(" {} ", self.to_jsonata_text()))
    }
}

/// A field name as a JSONata step: bare, in backquotes, or looked up when backquotes cannot
/// hold it (a lookup maps over arrays as a field step does).
fn jsonata_name(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else if name.contains('`') {
        format!("$lookup($, {})", jsonata_string(name))
    } else {
        format!("`{name}`")
    }
}

/// Whether a field name can be written after a dot in JSONPath (JSONata also quotes the
/// words it reads as values or operators: see `is_identifier`).
pub(crate) fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Location;

    /// Every field name, however awkward, is read back whole in both languages.
    #[test]
    fn awkward_field_names_read_back_whole() {
        let names = [
            "it's",
            r"C:\dir",
            r#"say "hi""#,
            "true",
            "null",
            "and",
            "a`b",
            "a b",
            "9",
        ];
        for name in names {
            let location = Location::input().field("outer").field(name);
            let path = crate::expr::jsonpath::parse(location.to_json_path().as_str())
                .unwrap_or_else(|error| panic!("{name}: {error:?}"));
            assert!(
                matches!(
                    path.segments.last(),
                    Some(crate::expr::jsonpath::Segment::Child(
                        crate::expr::jsonpath::Selector::Name(read)
                    )) if read == name
                ),
                "{name:?}: {path:?}"
            );
            let text = location.to_jsonata_text();
            let expression =
                sfn_jsonata::parse(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
            let env = sfn_jsonata::Environment::new()
                .bind("states", json!({"input": {"outer": {name: 42, "x": 1}}}));
            assert_eq!(
                expression.evaluate(None, &env).ok().flatten(),
                Some(json!(42)),
                "{name:?} as {text}"
            );
        }
    }

    fn evaluate(location: &Location, input: &serde_json::Value) -> Option<serde_json::Value> {
        let text = location.to_jsonata_text();
        let expression =
            sfn_jsonata::parse(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
        let env = sfn_jsonata::Environment::new().bind("states", json!({"input": input}));
        expression
            .evaluate(None, &env)
            .unwrap_or_else(|error| panic!("{text}: {error:?}"))
    }

    /// A `#[serde(default)]` field reads as its default when missing, and as itself (a list
    /// of one element stays a list) when present, also on each element of an array.
    #[test]
    fn defaulted_fields_read_as_serde_reads_them() {
        let tags = Location::input().field("tags").defaulted(&json!([]));
        assert_eq!(
            tags.to_jsonata_text(),
            "$states.input.($exists(tags) ? tags : [])"
        );
        assert_eq!(tags.to_json_path().as_str(), "$.tags");
        assert_eq!(evaluate(&tags, &json!({})), Some(json!([])));
        assert_eq!(evaluate(&tags, &json!({"tags": ["a"]})), Some(json!(["a"])));
        assert_eq!(
            evaluate(&tags.index(1), &json!({"tags": ["a", "b"]})),
            Some(json!("b"))
        );
        let level = Location::input()
            .field("settings")
            .defaulted(&json!({"level": 5, "odd key": ""}))
            .field("level")
            .defaulted(&json!(1));
        assert_eq!(evaluate(&level, &json!({})), Some(json!(5)));
        assert_eq!(evaluate(&level, &json!({"settings": {}})), Some(json!(1)));
        assert_eq!(
            evaluate(&level, &json!({"settings": {"level": 7}})),
            Some(json!(7))
        );
        let counts = Location::input()
            .field("items")
            .wildcard()
            .field("n")
            .defaulted(&json!(0));
        assert_eq!(
            evaluate(&counts, &json!({"items": [{"n": 2}, {}, {"n": 3}]})),
            Some(json!([2, 0, 3]))
        );
        let odd = Location::variable("x").field("a b").defaulted(&json!(""));
        assert_eq!(odd.to_jsonata_text(), "$x.($exists(`a b`) ? `a b` : \"\")");
    }

    /// A flattened `Option` is the object holding it when the fields its type needs are
    /// present, and nothing (as a missing `Option`) otherwise.
    #[test]
    fn flattened_options_are_present_with_their_fields() {
        let gift = Location::input().flattened_option(vec!["wrap".to_owned(), "to".to_owned()]);
        assert_eq!(
            gift.to_jsonata_text(),
            "$states.input.($exists(wrap) and $exists(to) ? $)"
        );
        assert_eq!(evaluate(&gift, &json!({"id": 1, "wrap": "red"})), None);
        let whole = json!({"id": 1, "wrap": "red", "to": "Ann"});
        assert_eq!(evaluate(&gift, &whole), Some(whole.clone()));
        assert_eq!(evaluate(&gift.field("to"), &whole), Some(json!("Ann")));
        assert_eq!(
            gift.field("to")
                .required_by_flattened_options()
                .iter()
                .map(|field| field.to_json_path().as_str().to_owned())
                .collect::<Vec<_>>(),
            ["$.wrap", "$.to"]
        );
        let always = Location::input().flattened_option(Vec::new());
        assert_eq!(always.to_jsonata_text(), "$states.input");
    }

    #[test]
    fn renders_both_languages() {
        let location = Location::input().field("items").wildcard().field("sku");
        assert_eq!(location.to_json_path().as_str(), "$.items[*].sku");
        assert_eq!(location.to_jsonata_text(), "$states.input.items.sku");
        let odd = Location::variable("x").field("it's");
        assert_eq!(odd.to_json_path().as_str(), r#"$x["it's"]"#);
        assert_eq!(odd.jsonata_suffix(), ".`it's`");
        let keyword = Location::input().field("true").field("a`b");
        assert_eq!(keyword.to_json_path().as_str(), "$.true['a`b']");
        assert_eq!(keyword.jsonata_suffix(), ".`true`.$lookup($, 'a`b')");
        assert_eq!(
            Location::input().field("9lives").last_field(),
            Some("9lives")
        );
    }
}
