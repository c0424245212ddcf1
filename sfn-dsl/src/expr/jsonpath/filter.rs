//! Filter predicates, `[?(…)]`: their syntax tree and parser (Jayway's filter language).

use serde_json::Value;

use super::Segment;
use super::literal;
use super::parser::{PathParser, Stop, unexpected};
use crate::expr::{SyntaxError, describe};

/// How deeply parentheses and `!` may nest inside one filter.
const MAX_NESTING: usize = 64;

/// A filter predicate, the inside of `[?(…)]`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Filter, Segment, Selector};
///
/// let path = jsonpath::parse("$.orders[?(@.paid && !(@.total > 100))]")?;
/// let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
/// let Filter::And(left, right) = filter.as_ref() else { panic!("`&&`") };
/// assert!(matches!(left.as_ref(), Filter::Exists(_)));
/// let Filter::Not(negated) = right.as_ref() else { panic!("`!`") };
/// assert!(matches!(negated.as_ref(), Filter::Compare(_)));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// `a || b`.
    Or(Box<Filter>, Box<Filter>),
    /// `a && b`.
    And(Box<Filter>, Box<Filter>),
    /// `!(a)` or `!@.x`.
    Not(Box<Filter>),
    /// `@.x`: the path selects something (a `null` value counts).
    Exists(FilterPath),
    /// `left operator right`.
    Compare(Box<Comparison>),
}

/// A comparison inside a filter, such as `@.price < 10`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::expr::jsonpath::{self, Filter, Operand, Operator, Segment, Selector};
///
/// let path = jsonpath::parse("$.books[?(@.price < 10)]")?;
/// let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
/// let Filter::Compare(comparison) = filter.as_ref() else { panic!("a comparison") };
/// assert!(matches!(comparison.left, Operand::Path(_)));
/// assert_eq!(comparison.operator, Operator::Less);
/// assert_eq!(comparison.right, Operand::Literal(json!(10)));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The left-hand side.
    pub left: Operand,
    /// The operator.
    pub operator: Operator,
    /// The right-hand side.
    pub right: Operand,
}

/// A value in a filter comparison.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::expr::jsonpath::{self, Filter, FilterRoot, Operand, Segment, Selector};
///
/// let path = jsonpath::parse("$.items[?(@.sku in ['A-1', 'B-2'])]")?;
/// let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
/// let Filter::Compare(comparison) = filter.as_ref() else { panic!("a comparison") };
/// let Operand::Path(sku) = &comparison.left else { panic!("a path") };
/// assert_eq!(sku.root, FilterRoot::Current);
/// // Single-quoted strings in an array literal are read as JSON strings.
/// assert_eq!(comparison.right, Operand::Literal(json!(["A-1", "B-2"])));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// A path from the current item (`@…`) or the document root (`$…`).
    Path(FilterPath),
    /// A literal: number, string (single or double quotes), `true`, `false`, `null`, or a JSON
    /// array or object (whose strings may also use single quotes).
    Literal(Value),
    /// A regular expression, `/pattern/flags`, for `=~`.
    Regex(Regex),
}

/// A regular expression literal of a filter.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Filter, Operand, Operator, Regex, Segment, Selector};
///
/// let path = jsonpath::parse("$.users[?(@.email =~ /.*@example\\.com/i)]")?;
/// let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
/// let Filter::Compare(comparison) = filter.as_ref() else { panic!("a comparison") };
/// assert_eq!(comparison.operator, Operator::Matches);
/// let Operand::Regex(Regex { pattern, flags }) = &comparison.right else { panic!("a regex") };
/// assert_eq!((pattern.as_str(), flags.as_str()), (".*@example\\.com", "i"));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Regex {
    /// The pattern between the slashes, as written.
    pub pattern: String,
    /// The flags after the closing slash (`i`, `m`, `s`, `x`).
    pub flags: String,
}

/// A path inside a filter.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Filter, FilterRoot, Segment, Selector};
///
/// let path = jsonpath::parse("$.items[?(@.stock.reserved)]")?;
/// let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
/// let Filter::Exists(reserved) = filter.as_ref() else { panic!("an existence test") };
/// assert_eq!(reserved.root, FilterRoot::Current);
/// assert_eq!(reserved.segments, [
///     Segment::Child(Selector::Name("stock".into())),
///     Segment::Child(Selector::Name("reserved".into())),
/// ]);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FilterPath {
    /// Where it starts.
    pub root: FilterRoot,
    /// The steps from there.
    pub segments: Vec<Segment>,
}

/// Where a [`FilterPath`] starts.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Filter, FilterRoot, Operand, Segment, Selector};
///
/// // Compare each item (`@`) with a value of the whole input (`$`).
/// let path = jsonpath::parse("$.bids[?(@.amount >= $.reserve)]")?;
/// let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
/// let Filter::Compare(comparison) = filter.as_ref() else { panic!("a comparison") };
/// let (Operand::Path(left), Operand::Path(right)) = (&comparison.left, &comparison.right) else {
///     panic!("two paths")
/// };
/// assert_eq!((left.root, right.root), (FilterRoot::Current, FilterRoot::Document));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterRoot {
    /// `@`: the item being tested.
    Current,
    /// `$`: the root of the document the whole path is applied to.
    Document,
}

/// A filter comparison operator.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Filter, Operator, Segment, Selector};
///
/// let operator = |text: &str| -> Result<Operator, sfn_dsl::expr::SyntaxError> {
///     let path = jsonpath::parse(text)?;
///     let Segment::Child(Selector::Filter(filter)) = &path.segments[1] else { panic!("a filter") };
///     let Filter::Compare(comparison) = filter.as_ref() else { panic!("a comparison") };
///     Ok(comparison.operator)
/// };
/// assert_eq!(operator("$.tags[?(@ != 'draft')]")?, Operator::NotEqual);
/// assert_eq!(operator("$.orders[?(@.lines size 3)]")?, Operator::Size);
/// assert_eq!(Operator::AnyOf.as_str(), "anyof");
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operator {
    /// `==`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
    /// `=~`: the left string matches the regular expression entirely.
    Matches,
    /// `in`: the left value is an element of the right array.
    In,
    /// `nin`: the left value is not an element of the right array.
    NotIn,
    /// `subsetof`: every element of the left array is in the right array.
    SubsetOf,
    /// `anyof`: the arrays share an element.
    AnyOf,
    /// `noneof`: the arrays share no element.
    NoneOf,
    /// `size`: the left array or string has the right length.
    Size,
    /// `empty`: the left array or string is empty (`empty true`) or not (`empty false`).
    Empty,
    /// `contains`: the left string contains the right string, or the left array the right
    /// value.
    Contains,
}

impl Operator {
    const WORDS: [(&'static str, Self); 8] = [
        ("in", Self::In),
        ("nin", Self::NotIn),
        ("subsetof", Self::SubsetOf),
        ("anyof", Self::AnyOf),
        ("noneof", Self::NoneOf),
        ("size", Self::Size),
        ("empty", Self::Empty),
        ("contains", Self::Contains),
    ];

    /// The operator as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::jsonpath::Operator;
    ///
    /// assert_eq!(Operator::GreaterOrEqual.as_str(), ">=");
    /// assert_eq!(Operator::SubsetOf.as_str(), "subsetof");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "==",
            Self::NotEqual => "!=",
            Self::Less => "<",
            Self::LessOrEqual => "<=",
            Self::Greater => ">",
            Self::GreaterOrEqual => ">=",
            Self::Matches => "=~",
            Self::In => "in",
            Self::NotIn => "nin",
            Self::SubsetOf => "subsetof",
            Self::AnyOf => "anyof",
            Self::NoneOf => "noneof",
            Self::Size => "size",
            Self::Empty => "empty",
            Self::Contains => "contains",
        }
    }
}

/// Parses the inside of `?(…)`, leaving the cursor on the closing `)`.
pub(super) fn parse_filter(parser: &mut PathParser<'_>) -> Result<Filter, SyntaxError> {
    parse_or(parser, 0)
}

fn nesting_error(parser: &PathParser<'_>) -> SyntaxError {
    SyntaxError::new(
        parser.cursor.position(),
        format!("a filter nests more than {MAX_NESTING} levels deep"),
    )
}

fn parse_or(parser: &mut PathParser<'_>, nesting: usize) -> Result<Filter, SyntaxError> {
    if nesting > MAX_NESTING {
        return Err(nesting_error(parser));
    }
    let mut left = parse_and(parser, nesting)?;
    loop {
        parser.cursor.skip_whitespace();
        if parser.cursor.eat_str("||") {
            let right = parse_and(parser, nesting)?;
            left = Filter::Or(Box::new(left), Box::new(right));
        } else {
            return Ok(left);
        }
    }
}

fn parse_and(parser: &mut PathParser<'_>, nesting: usize) -> Result<Filter, SyntaxError> {
    let mut left = parse_unary(parser, nesting)?;
    loop {
        parser.cursor.skip_whitespace();
        if parser.cursor.eat_str("&&") {
            let right = parse_unary(parser, nesting)?;
            left = Filter::And(Box::new(left), Box::new(right));
        } else {
            return Ok(left);
        }
    }
}

fn parse_unary(parser: &mut PathParser<'_>, nesting: usize) -> Result<Filter, SyntaxError> {
    if nesting > MAX_NESTING {
        return Err(nesting_error(parser));
    }
    parser.cursor.skip_whitespace();
    if parser.cursor.peek() == Some('!') && parser.cursor.peek_second() != Some('=') {
        parser.cursor.bump();
        parser.cursor.skip_whitespace();
        // `!(…)` is one level, as the canonical text writes every negation that way.
        let inner = if parser.cursor.eat('(') {
            parenthesized(parser, nesting + 1)?
        } else {
            parse_unary(parser, nesting + 1)?
        };
        return Ok(Filter::Not(Box::new(inner)));
    }
    if parser.cursor.eat('(') {
        return parenthesized(parser, nesting + 1);
    }
    parse_relation(parser)
}

/// The inside of `(…)`, after the `(`.
fn parenthesized(parser: &mut PathParser<'_>, nesting: usize) -> Result<Filter, SyntaxError> {
    let inner = parse_or(parser, nesting)?;
    parser.cursor.skip_whitespace();
    if !parser.cursor.eat(')') {
        return Err(unexpected(&parser.cursor, "`)`"));
    }
    Ok(inner)
}

fn parse_relation(parser: &mut PathParser<'_>) -> Result<Filter, SyntaxError> {
    let start = parser.cursor.position();
    let left = parse_operand(parser)?;
    parser.cursor.skip_whitespace();
    let Some(operator) = parse_operator(parser)? else {
        return match left {
            Operand::Path(path) => Ok(Filter::Exists(path)),
            Operand::Literal(_) | Operand::Regex(_) => Err(SyntaxError::new(
                start,
                "a literal alone is not a test; compare it with an operator such as `==`",
            )),
        };
    };
    parser.cursor.skip_whitespace();
    let right = parse_operand(parser)?;
    Ok(Filter::Compare(Box::new(Comparison {
        left,
        operator,
        right,
    })))
}

fn parse_operator(parser: &mut PathParser<'_>) -> Result<Option<Operator>, SyntaxError> {
    let start = parser.cursor.position();
    for (symbol, operator) in [
        ("===", None),
        ("!==", None),
        ("==", Some(Operator::Equal)),
        ("!=", Some(Operator::NotEqual)),
        ("<=", Some(Operator::LessOrEqual)),
        (">=", Some(Operator::GreaterOrEqual)),
        ("=~", Some(Operator::Matches)),
        ("<", Some(Operator::Less)),
        (">", Some(Operator::Greater)),
    ] {
        if parser.cursor.eat_str(symbol) {
            return operator.map(Some).ok_or_else(|| {
                SyntaxError::new(start, format!("the operator `{symbol}` is not supported"))
                    .with_hint(format!("use `{}`", &symbol[..2]))
            });
        }
    }
    if parser.cursor.peek() == Some('=') {
        return Err(SyntaxError::new(start, "`=` is not an operator").with_hint("use `==`"));
    }
    let rest = parser.cursor.rest();
    let word_len = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    if word.is_empty() {
        return Ok(None);
    }
    match Operator::WORDS.iter().find(|(name, _)| *name == word) {
        Some((name, operator)) => {
            parser.cursor.eat_str(name);
            Ok(Some(*operator))
        }
        None => Err(SyntaxError::new(
            start,
            format!("unknown filter operator `{word}`"),
        )),
    }
}

fn parse_operand(parser: &mut PathParser<'_>) -> Result<Operand, SyntaxError> {
    parser.cursor.skip_whitespace();
    let root = match parser.cursor.peek() {
        Some('@') => FilterRoot::Current,
        Some('$') => FilterRoot::Document,
        Some('/') => return parse_regex(parser).map(Operand::Regex),
        Some(_) => {
            return literal::parse_literal(&mut parser.cursor).map(Operand::Literal);
        }
        None => return Err(unexpected(&parser.cursor, "a path or a value")),
    };
    let start = parser.cursor.position();
    parser.cursor.bump();
    if root == FilterRoot::Document && parser.cursor.peek() == Some('$') {
        return Err(SyntaxError::new(
            start,
            "`$$` cannot be used inside a filter; use `@` or `$`",
        ));
    }
    let mut nested = parser.nested(parser.cursor.clone(), Stop::Filter)?;
    let (segments, _) = nested.segments()?;
    parser.cursor = nested.cursor;
    Ok(Operand::Path(FilterPath { root, segments }))
}

fn parse_regex(parser: &mut PathParser<'_>) -> Result<Regex, SyntaxError> {
    let open = parser.cursor.position();
    parser.cursor.bump();
    let mut pattern = String::new();
    loop {
        match parser.cursor.bump() {
            None => {
                return Err(SyntaxError::new(
                    open,
                    "the regular expression opened here is never closed with `/`",
                ));
            }
            Some('\\') => {
                pattern.push('\\');
                if let Some(next) = parser.cursor.bump() {
                    pattern.push(next);
                }
            }
            Some('/') => break,
            Some(c) => pattern.push(c),
        }
    }
    let flags_start = parser.cursor.position();
    let flags = parser.cursor.take_while(|c| c.is_ascii_alphabetic());
    if let Some(position) = flags.find(|c| !matches!(c, 'i' | 'm' | 's' | 'x')) {
        let flag = flags[position..].chars().next();
        return Err(SyntaxError::new(
            flags_start + position,
            format!("unknown regular expression flag {}", describe(flag)),
        )
        .with_hint("the flags are i, m, s and x"));
    }
    Ok(Regex {
        pattern,
        flags: flags.to_owned(),
    })
}
