//! JSONPath as AWS Step Functions reads it: Jayway syntax with the context object (`$$`) and
//! workflow variables (`$name`) as extra roots.
//!
//! ```
//! use sfn_dsl::expr::jsonpath::{self, Root, Segment, Selector};
//!
//! let path = jsonpath::parse("$$.Execution['Name']")?;
//! assert_eq!(path.root, Root::Context);
//! assert_eq!(path.segments, [
//!     Segment::Child(Selector::Name("Execution".into())),
//!     Segment::Child(Selector::Name("Name".into())),
//! ]);
//! assert_eq!(path.to_string(), "$$['Execution']['Name']");
//!
//! let query = jsonpath::parse("$.books[?(@.price < 10)].title")?;
//! assert!(!query.is_reference());
//! # Ok::<(), sfn_dsl::expr::SyntaxError>(())
//! ```

mod display;
mod filter;
mod literal;
mod parser;

pub use filter::{Comparison, Filter, FilterPath, FilterRoot, Operand, Operator, Regex};

use crate::model::{JsonPath, ReferencePath};

use super::SyntaxError;

/// Parses a Path (`$…`, `$$…` or `$name…`).
///
/// # Errors
///
/// A [`SyntaxError`] pointing at the first character that does not fit the grammar.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Root};
///
/// assert_eq!(jsonpath::parse("$total.amount")?.root, Root::Variable("total".into()));
/// assert!(jsonpath::parse("$.a[").is_err());
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
pub fn parse(text: &str) -> Result<Path, SyntaxError> {
    parser::parse_path(text)
}

/// A parsed Path: where it starts and the steps from there.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Root};
///
/// let path = jsonpath::parse("$.order.items[0].sku")?;
/// assert_eq!(path.root, Root::Input);
/// assert_eq!(path.segments.len(), 4);
/// // One node at most, so it may stand in `ResultPath` or `ItemsPath`.
/// assert!(path.is_reference());
/// assert_eq!(path.to_string(), "$['order']['items'][0]['sku']");
///
/// let skus = jsonpath::parse("$.order.items[*].sku")?;
/// assert!(!skus.is_reference() && !skus.is_definite());
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// The document the path starts from.
    pub root: Root,
    /// The steps, in order.
    pub segments: Vec<Segment>,
}

/// The document a [`Path`] starts from.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Root};
///
/// assert_eq!(jsonpath::parse("$.detail")?.root, Root::Input);
/// assert_eq!(jsonpath::parse("$$.Execution.Id")?.root, Root::Context);
/// assert_eq!(jsonpath::parse("$retries")?.root, Root::Variable("retries".into()));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    /// `$`: the state's input (or the result, depending on the field).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// One step of a [`Path`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Function, Segment, Selector};
///
/// let path = jsonpath::parse("$..prices[*].length()")?;
/// assert_eq!(path.segments, [
///     Segment::Descendant(Selector::Name("prices".into())),
///     Segment::Child(Selector::Wildcard),
///     Segment::Function(Function::Length),
/// ]);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// `.name`, `['name']`, `[0]`, `[*]`, `[1:3]`, `[?(…)]`: applies to the current nodes.
    Child(Selector),
    /// `..name`, `..[0]`, `..*`: applies to the current nodes and all their descendants.
    Descendant(Selector),
    /// `.length()` and the other Jayway functions; only as the last step.
    Function(Function),
}

/// What a [`Segment`] picks out of a node.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Segment, Selector, Slice};
///
/// let selectors: Vec<Selector> = jsonpath::parse("$['a','b'][-1][0,2][1:3]")?
///     .segments
///     .into_iter()
///     .map(|segment| match segment {
///         Segment::Child(selector) | Segment::Descendant(selector) => selector,
///         Segment::Function(function) => panic!("unexpected {}()", function.name()),
///     })
///     .collect();
/// assert_eq!(selectors, [
///     Selector::Names(vec!["a".into(), "b".into()]),
///     Selector::Index(-1),
///     Selector::Indexes(vec![0, 2]),
///     Selector::Slice(Slice { start: Some(1), end: Some(3) }),
/// ]);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Selector {
    /// One object member: `.name` or `['name']`.
    Name(String),
    /// Several object members: `['a','b']`.
    Names(Vec<String>),
    /// Every member or element: `*` or `[*]`.
    Wildcard,
    /// One array element, negative from the end: `[0]`, `[-1]`.
    Index(i64),
    /// Several array elements: `[0,2]`.
    Indexes(Vec<i64>),
    /// A range of array elements, end excluded: `[1:3]`, `[:2]`, `[-2:]`.
    Slice(Slice),
    /// The elements (or the object itself) that satisfy a predicate: `[?(@.x > 1)]`.
    Filter(Box<Filter>),
}

/// The bounds of an array slice; negative bounds count from the end.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Segment, Selector, Slice};
///
/// // The last two elements.
/// let path = jsonpath::parse("$.events[-2:]")?;
/// let Segment::Child(Selector::Slice(slice)) = path.segments[1] else { panic!("a slice") };
/// assert_eq!(slice, Slice { start: Some(-2), end: None });
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Slice {
    /// The first index, included (`None`: from the start).
    pub start: Option<i64>,
    /// The last index, excluded (`None`: to the end).
    pub end: Option<i64>,
}

/// A Jayway path function, written as the last step (`$.items.length()`).
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath::{self, Function, Segment};
///
/// let path = jsonpath::parse("$.items.size()")?;
/// // `size()` is another name of `length()`.
/// assert_eq!(path.segments.last(), Some(&Segment::Function(Function::Length)));
/// assert_eq!(Function::from_name("avg").map(Function::name), Some("avg"));
/// assert_eq!(Function::from_name("count"), None);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Function {
    /// `length()` (or `size()`): the number of elements, members or characters.
    Length,
    /// `min()`: the smallest number of an array.
    Min,
    /// `max()`: the largest number of an array.
    Max,
    /// `avg()`: the mean of an array of numbers.
    Avg,
    /// `stddev()`: the standard deviation of an array of numbers.
    Stddev,
    /// `sum()`: the sum of an array of numbers.
    Sum,
    /// `keys()`: the member names of an object.
    Keys,
    /// `first()`: the first element of an array.
    First,
    /// `last()`: the last element of an array.
    Last,
}

impl Function {
    /// Every function, for suggestions.
    pub const ALL: [Self; 9] = [
        Self::Length,
        Self::Min,
        Self::Max,
        Self::Avg,
        Self::Stddev,
        Self::Sum,
        Self::Keys,
        Self::First,
        Self::Last,
    ];

    /// The name as written, without parentheses.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::jsonpath::Function;
    ///
    /// assert_eq!(Function::Stddev.name(), "stddev");
    /// // Every function's name reads back as that function.
    /// assert!(Function::ALL.into_iter().all(|function| Function::from_name(function.name()) == Some(function)));
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Length => "length",
            Self::Min => "min",
            Self::Max => "max",
            Self::Avg => "avg",
            Self::Stddev => "stddev",
            Self::Sum => "sum",
            Self::Keys => "keys",
            Self::First => "first",
            Self::Last => "last",
        }
    }

    /// The function called `name` (`size` is an alias of `length`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::jsonpath::Function;
    ///
    /// assert_eq!(Function::from_name("size"), Some(Function::Length));
    /// assert_eq!(Function::from_name("keys"), Some(Function::Keys));
    /// assert_eq!(Function::from_name("Length"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        if name == "size" {
            return Some(Self::Length);
        }
        Self::ALL
            .into_iter()
            .find(|function| function.name() == name)
    }
}

impl Path {
    /// Whether the path can select at most one node: a reference path, as `ResultPath`,
    /// `ItemsPath` and the `…Path` fields require. Only member names and single indexes are
    /// allowed (no wildcards, unions, slices, filters, descendants or functions).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::jsonpath;
    ///
    /// assert!(jsonpath::parse("$.ledgers[0][22]['name'].foo")?.is_reference());
    /// assert!(!jsonpath::parse("$.a[0,1]")?.is_reference());
    /// assert!(!jsonpath::parse("$..a")?.is_reference());
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn is_reference(&self) -> bool {
        self.segments.iter().all(|segment| {
            matches!(
                segment,
                Segment::Child(Selector::Name(_) | Selector::Index(_))
            )
        })
    }

    /// Whether the path names one node for sure, in Jayway's sense: a definite path yields a
    /// single value (or an error when it matches nothing), an indefinite one a list.
    /// Member unions (`['a','b']`) in the last step are definite: they build one object.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::jsonpath;
    ///
    /// assert!(jsonpath::parse("$.order.lines[0]")?.is_definite());
    /// assert!(jsonpath::parse("$.order.lines.length()")?.is_definite());
    /// assert!(jsonpath::parse("$.order['id','total']")?.is_definite());
    /// assert!(!jsonpath::parse("$.order.lines[*].sku")?.is_definite());
    /// assert!(!jsonpath::parse("$..sku")?.is_definite());
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn is_definite(&self) -> bool {
        let last = self.segments.len().saturating_sub(1);
        self.segments
            .iter()
            .enumerate()
            .all(|(index, segment)| match segment {
                Segment::Child(Selector::Name(_) | Selector::Index(_)) | Segment::Function(_) => {
                    true
                }
                Segment::Child(Selector::Names(_)) => index == last,
                _ => false,
            })
    }
}

impl JsonPath {
    /// Parses the text as a Path.
    ///
    /// # Errors
    ///
    /// A [`SyntaxError`] when the text is not a valid Path.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::JsonPath;
    ///
    /// assert!(JsonPath::new("$.items[*].id").parse()?.segments.len() == 3);
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    pub fn parse(&self) -> Result<Path, SyntaxError> {
        parse(self.as_str())
    }
}

impl ReferencePath {
    /// Parses the text and checks that it is a reference path (one node at most).
    ///
    /// # Errors
    ///
    /// A [`SyntaxError`] when the text is not a valid Path, or when it can select several
    /// nodes (the error then points at the first offending step).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ReferencePath;
    ///
    /// assert!(ReferencePath::new("$.result").parse().is_ok());
    /// let error = ReferencePath::new("$.items[*]").parse().unwrap_err();
    /// assert_eq!(error.offset, 7);
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    pub fn parse(&self) -> Result<Path, SyntaxError> {
        parser::parse_reference_path(self.as_str())
    }
}

#[cfg(test)]
mod tests;
