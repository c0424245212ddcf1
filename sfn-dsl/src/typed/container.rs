//! Typed paths of containers: sequences, optional values and string-keyed maps.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;

use indexmap::IndexMap;

use super::location::Location;
use super::node::{PathNode, Payload, ValueKind};
use super::predicate::{Predicate, guarded, type_test};
use crate::model::TypeTest;

/// The typed path of a JSON array whose elements are `T`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{ListPath, Location, Path, PathNode};
///
/// let skus: ListPath<String> = PathNode::at(Location::input().field("skus"));
/// assert_eq!(skus.index(0).to_json_path().as_str(), "$.skus[0]");
/// assert_eq!(skus.all().to_json_path().as_str(), "$.skus[*]");
/// assert_eq!(skus.is_empty().jsonata_text(), "$count($states.input.skus) = 0");
/// ```
pub struct ListPath<T> {
    location: Location,
    element: PhantomData<fn() -> T>,
}

impl<T: Payload> ListPath<T> {
    /// The element at `index`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{ListPath, Location, PathNode};
    ///
    /// let skus: ListPath<String> = PathNode::at(Location::input().field("skus"));
    /// assert_eq!(skus.index(2).to_json_path().as_str(), "$.skus[2]");
    /// assert_eq!(skus.index(2).equals("A-1").jsonata_text(), "$states.input.skus[2] = 'A-1'");
    /// ```
    #[must_use]
    pub fn index(&self, index: usize) -> T::Path {
        T::Path::at(self.location.index(index))
    }

    /// Every element (`[*]`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{ListPath, Location, PathNode};
    ///
    /// let prices: ListPath<f64> = PathNode::at(Location::input().field("prices"));
    /// assert_eq!(prices.all().to_json_path().as_str(), "$.prices[*]");
    /// ```
    #[must_use]
    pub fn all(&self) -> T::Path {
        T::Path::at(self.location.wildcard())
    }

    /// The array has no elements (JSONPath: its first element is absent).
    ///
    /// Below `some()`, a `None` has no array: the predicate is false for it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Condition, TypeTest};
    /// use sfn_dsl::typed::{ListPath, Location, PathNode};
    ///
    /// let skus: ListPath<String> = PathNode::at(Location::input().field("skus"));
    /// let rule = skus.is_empty();
    /// assert_eq!(rule.jsonata_text(), "$count($states.input.skus) = 0");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.variable.as_str(), "$.skus[0]");
    /// assert_eq!(test.comparison, Comparison::Type(TypeTest::IsPresent, false));
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> Predicate {
        let mut predicate = type_test(&self.location.index(0), TypeTest::IsPresent, false);
        // `$count(null)` is 1 and `$count` of nothing 0, so a `None` needs the type test.
        let test = format!("$count({}) = 0", self.location.to_jsonata_text());
        predicate.set_jsonata(guarded(&self.location, "array", test));
        predicate
    }

    /// The typed path of one element taken out of the array, as a root of its own (used by
    /// workflow loops, where each iteration's input is one element).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{ListPath, Location, PathNode};
    ///
    /// let skus: ListPath<String> = PathNode::at(Location::input().field("order").field("skus"));
    /// assert_eq!(skus.element_root().to_json_path().as_str(), "$");
    /// ```
    #[must_use]
    pub fn element_root(&self) -> T::Path {
        T::Path::at(Location::input())
    }
}

/// The typed path of an `Option<T>`: absent or `null` for `None`, the value of `T` for
/// `Some`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, OptionPath, PathNode};
///
/// let coupon: OptionPath<String> = PathNode::at(Location::input().field("coupon"));
/// assert_eq!(coupon.is_some().jsonata_text(), "$states.input.coupon != null");
/// assert_eq!(coupon.some().equals("XMAS").jsonata_text(), "$states.input.coupon = 'XMAS'");
/// ```
pub struct OptionPath<T> {
    location: Location,
    value: PhantomData<fn() -> T>,
}

impl<T: Payload> OptionPath<T> {
    /// The value when present.
    ///
    /// A predicate on it, or on a value inside it, holds only for a `Some` (as
    /// `Option::is_some_and` does): for `None`, absent or `null`, it is false, and true
    /// under [`not`](Predicate::not), in both query languages. The JSONPath rule tests
    /// presence first, because AWS fails a rule whose `Variable` selects nothing or goes
    /// through `null`, and the JSONata form tests the value's type before operators that
    /// fail on `null` (`<`, `$contains`, `$toMillis`).
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, OptionPath, PathNode};
    ///
    /// let amount: OptionPath<f64> = PathNode::at(Location::input().field("amount"));
    /// assert_eq!(
    ///     amount.some().gt(5.0).jsonata_text(),
    ///     "$type($states.input.amount) = 'number' and $states.input.amount > 5"
    /// );
    /// ```
    #[must_use]
    pub fn some(&self) -> T::Path {
        T::Path::at(self.location.optional())
    }

    /// The value is present and not `null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, OptionPath, PathNode};
    ///
    /// let coupon: OptionPath<String> = PathNode::at(Location::input().field("coupon"));
    /// let rule = coupon.is_some();
    /// assert_eq!(rule.jsonata_text(), "$states.input.coupon != null");
    /// assert!(matches!(rule.to_json_path(), Condition::And(_)));
    /// ```
    #[must_use]
    pub fn is_some(&self) -> Predicate {
        let present = type_test(&self.location, TypeTest::IsPresent, true);
        let not_null = type_test(&self.location, TypeTest::IsNull, false);
        let mut predicate = present.and(not_null);
        predicate.set_jsonata(format!("{} != null", self.location.to_jsonata_text()));
        predicate
    }

    /// The value is absent or `null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, OptionPath, PathNode};
    ///
    /// let coupon: OptionPath<String> = PathNode::at(Location::input().field("coupon"));
    /// assert_eq!(coupon.is_none().jsonata_text(), "$not($states.input.coupon != null)");
    /// ```
    #[must_use]
    pub fn is_none(&self) -> Predicate {
        let mut predicate = self.is_some().not();
        predicate.set_jsonata(format!("$not({} != null)", self.location.to_jsonata_text()));
        predicate
    }
}

/// The typed path of a JSON object with arbitrary string keys and values of type `V`.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use sfn_dsl::typed::{Payload, PathNode};
///
/// let tags = <BTreeMap<String, String> as Payload>::path();
/// assert_eq!(tags.key("cost-center").json_path().as_str(), "$['cost-center']");
/// ```
pub struct MapPath<V> {
    location: Location,
    value: PhantomData<fn() -> V>,
}

impl<V: Payload> MapPath<V> {
    /// The value under `key`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, MapPath, PathNode};
    ///
    /// let tags: MapPath<String> = PathNode::at(Location::input().field("tags"));
    /// assert_eq!(tags.key("team").to_json_path().as_str(), "$.tags.team");
    /// assert_eq!(tags.key("cost center").to_json_path().as_str(), "$.tags['cost center']");
    /// ```
    #[must_use]
    pub fn key(&self, key: &str) -> V::Path {
        V::Path::at(self.location.field(key))
    }

    /// The object has the key `key`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Condition, TypeTest};
    /// use sfn_dsl::typed::{Location, MapPath, PathNode};
    ///
    /// let tags: MapPath<String> = PathNode::at(Location::input().field("tags"));
    /// let Condition::Test(test) = tags.contains_key("team").to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.variable.as_str(), "$.tags.team");
    /// assert_eq!(test.comparison, Comparison::Type(TypeTest::IsPresent, true));
    /// ```
    #[must_use]
    pub fn contains_key(&self, key: &str) -> Predicate {
        type_test(&self.location.field(key), TypeTest::IsPresent, true)
    }
}

// The three containers share their plumbing.
macro_rules! path_plumbing {
    ($name:ident, $marker:ident, $kind:expr, $optional:expr) => {
        impl<T> Clone for $name<T> {
            fn clone(&self) -> Self {
                Self {
                    location: self.location.clone(),
                    $marker: PhantomData,
                }
            }
        }

        impl<T> fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name))
                    .field(&self.location)
                    .finish()
            }
        }

        impl<T: Payload> PathNode for $name<T> {
            const KIND: ValueKind = $kind;
            const OPTIONAL: bool = $optional;

            fn at(location: Location) -> Self {
                Self {
                    location,
                    $marker: PhantomData,
                }
            }

            fn location(&self) -> &Location {
                &self.location
            }
        }
    };
}

path_plumbing!(ListPath, element, ValueKind::Array, false);
path_plumbing!(OptionPath, value, <T::Path as PathNode>::KIND, true);
path_plumbing!(MapPath, value, ValueKind::Object, false);

impl<T: Payload> Payload for Vec<T> {
    type Path = ListPath<T>;
}

impl<T: Payload> Payload for VecDeque<T> {
    type Path = ListPath<T>;
}

impl<T: Payload> Payload for BTreeSet<T> {
    type Path = ListPath<T>;
}

impl<T: Payload, S> Payload for HashSet<T, S> {
    type Path = ListPath<T>;
}

impl<T: Payload> Payload for [T] {
    type Path = ListPath<T>;
}

impl<T: Payload, const N: usize> Payload for [T; N] {
    type Path = ListPath<T>;
}

impl<T: Payload> Payload for Option<T> {
    type Path = OptionPath<T>;
}

impl<V: Payload> Payload for BTreeMap<String, V> {
    type Path = MapPath<V>;
}

impl<V: Payload, S> Payload for HashMap<String, V, S> {
    type Path = MapPath<V>;
}

impl<V: Payload, S> Payload for IndexMap<String, V, S> {
    type Path = MapPath<V>;
}

impl<T: Payload + ?Sized> Payload for Box<T> {
    type Path = T::Path;
}

impl<T: Payload + ?Sized> Payload for Rc<T> {
    type Path = T::Path;
}

impl<T: Payload + ?Sized> Payload for Arc<T> {
    type Path = T::Path;
}

impl<T: Payload + ?Sized> Payload for &T {
    type Path = T::Path;
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use crate::model::{Comparison, Condition, DataTest, NestedRule, Operand, Relation, TypeTest};
    use crate::typed::{PathNode, Payload, ValueKind};

    #[test]
    fn containers_nest() {
        let path = <Vec<Option<HashMap<String, Vec<u32>>>> as Payload>::path();
        let deep = path.index(1).some().key("a").all();
        assert_eq!(deep.json_path().as_str(), "$[1].a[*]");
        // A Choice rule compares one value: a predicate on every element is refused.
        assert!(deep.gt(2).jsonata_text().starts_with("$error("));
        let first = path.index(1).some().key("a").index(0);
        assert_eq!(
            first.gt(2).jsonata_text(),
            "$type($states.input[1].a[0]) = 'number' and $states.input[1].a[0] > 2"
        );
        assert_eq!(
            <<Vec<u8> as Payload>::Path as PathNode>::KIND,
            ValueKind::Array
        );
        assert_eq!(
            <<Option<String> as Payload>::Path as PathNode>::KIND,
            ValueKind::String
        );
    }

    #[test]
    fn option_tests_render_for_json_path() {
        let coupon = <Option<String> as Payload>::path();
        assert!(
            matches!(coupon.is_some().to_json_path(), Condition::And(rules) if rules.len() == 2)
        );
        assert!(matches!(coupon.is_none().to_json_path(), Condition::Not(_)));
        assert_eq!(
            coupon.is_none().jsonata_text(),
            "$not($states.input != null)"
        );
    }

    fn rule_at(variable: &str, comparison: Comparison) -> NestedRule {
        NestedRule::from(Condition::Test(DataTest {
            variable: variable.into(),
            comparison,
        }))
    }

    /// Below `some()`, the JSONPath rule first tests that the value is there (and, above
    /// the compared value, not `null`), so that a `None` is false rather than an error.
    #[test]
    fn values_below_some_are_tested_first() {
        let codes = <Option<BTreeMap<String, String>> as Payload>::path();
        let rule = codes.some().key("code").equals("X");
        assert_eq!(
            rule.to_json_path(),
            Condition::And(vec![
                rule_at("$", Comparison::Type(TypeTest::IsPresent, true)),
                rule_at("$", Comparison::Type(TypeTest::IsNull, false)),
                rule_at(
                    "$.code",
                    Comparison::String(Relation::Equals, Operand::Literal("X".to_owned()))
                ),
            ])
        );
        assert_eq!(rule.jsonata_text(), "$states.input.code = 'X'");
        let amount = <Option<f64> as Payload>::path();
        assert_eq!(
            amount.some().gt(5.0).to_json_path(),
            Condition::And(vec![
                rule_at("$", Comparison::Type(TypeTest::IsPresent, true)),
                rule_at(
                    "$",
                    Comparison::Numeric(Relation::GreaterThan, Operand::Literal(5.into()))
                ),
            ])
        );
        // Without an `Option`, the rule stays one test.
        let total = <f64 as Payload>::path();
        assert!(matches!(total.gt(5.0).to_json_path(), Condition::Test(_)));
    }
}
