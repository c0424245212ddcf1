//! The shadow body: functions and traits that type-check a workflow as plain Rust, never run.

use std::time::Duration;

use crate::typed::Payload;
use crate::workflow::{Retry, TaskError};

/// The never-run body of a task declared without one.
#[expect(
    clippy::panic,
    reason = "a task has no local behaviour; calling its declaration outside a workflow is a bug in the caller"
)]
pub fn task_stub(name: &str) -> ! {
    panic!("task `{name}` runs in AWS Step Functions; it has no local body")
}

/// `fail!` outside the state machine.
#[expect(
    clippy::panic,
    reason = "only reachable when a workflow body is called as plain Rust, which the macro prevents"
)]
pub fn fail(error: impl AsRef<str>, cause: impl AsRef<str>) -> ! {
    panic!("workflow failed: {}: {}", error.as_ref(), cause.as_ref())
}

/// A value of type `T` for type checking only: the workflow's shadow body reads variables
/// through it so that no value is ever moved.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
pub fn copy<T>(_value: &T) -> T {
    panic!("shadow body of a workflow called")
}

/// A value whose field the shadow body reads: `(&Probe(&value)).read_field(path, real)`
/// reads the field on the value's typed path (`path`), as the workflow's JSON template
/// does, then on the value itself (`real`), for its Rust type. Should the path have no
/// such field, the second read is typed from the first read's error and rustc reports
/// nothing more: a misspelt field is reported once, by the path, with the very diagnostic
/// the template's own read gives (rustc prints identical diagnostics once). A value without
/// typed paths is read on itself twice ([`ReadByValue`]), as plain Rust would.
#[derive(Debug)]
pub struct Probe<'a, T>(pub &'a T);

/// [`Probe`] of a value with typed paths.
pub trait ReadByPath<T: Payload> {
    /// The field `real` reads, checked first by `path`.
    #[expect(
        clippy::panic,
        reason = "the shadow body exists for type checking and is never called"
    )]
    fn read_field<P, V>(
        &self,
        _path: impl FnOnce(T::Path) -> P,
        _real: impl for<'a> FnOnce(&'a <P as Owner<T>>::Root) -> &'a V,
    ) -> V {
        panic!("shadow body of a workflow called")
    }
}

impl<T: Payload> ReadByPath<T> for Probe<'_, T> {}

/// [`Probe`] of a value without typed paths (taken when [`ReadByPath`] does not apply).
pub trait ReadByValue<T> {
    /// The field `real` reads, checked first by `path` on the value itself.
    #[expect(
        clippy::panic,
        reason = "the shadow body exists for type checking and is never called"
    )]
    fn read_field<P, V>(
        &self,
        _path: impl FnOnce(T) -> P,
        _real: impl for<'a> FnOnce(&'a <P as Owner<T>>::Root) -> &'a V,
    ) -> V {
        panic!("shadow body of a workflow called")
    }
}

impl<T> ReadByValue<T> for &Probe<'_, T> {}

/// `T`, named through the typed path read from it (see [`Probe`]): when that read failed,
/// the path is rustc's error type and so is `Root`.
pub trait Owner<T> {
    /// `T`.
    type Root;
}

impl<T, P> Owner<T> for P {
    type Root = T;
}

/// A method call the workflow macro refused (it has no JSONata translation): the shadow
/// body checks its receiver only, so that the call is reported once, by the macro. It
/// diverges, so it stands for a value of any type.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
pub fn untranslated<T: ?Sized>(_receiver: &T) -> ! {
    panic!("shadow body of a workflow called")
}

/// The result of a task call as a `Result`, for `match` in the shadow body.
pub fn task_result<T>(value: T) -> Result<T, TaskError> {
    Ok(value)
}

/// Checks a compensation against the step's result type.
pub fn compensate<R, O>(_value: &R, compensation: impl FnOnce(R) -> O) {
    let _ = compensation;
}

/// Checks a catch handler against the step's result type.
pub fn catch<R>(_value: &R, handler: impl FnOnce(TaskError) -> R) {
    let _ = handler;
}

/// Checks a retry policy.
pub fn retry(policy: &Retry) {
    let _ = policy;
}

/// Checks a duration.
pub fn duration(duration: Duration) {
    let _ = duration;
}

/// Checks a state name.
pub fn name(name: &str) {
    let _ = name;
}

/// A parallel branch's value, for type checking.
pub fn branch<T>(value: T) -> T {
    value
}

/// Numbers that `+` adds in a workflow (strings are joined with `format!`): `Self + Right`
/// where both are the same number type. One bound for both operands, so that a string
/// operand is one error, not one per operand: a number on the left has exactly one `Right`
/// (rustc infers it, so a mismatched right operand is a type mismatch), anything else on
/// the left has none.
#[diagnostic::on_unimplemented(
    message = "`+` in a workflow adds numbers, not `{Self}`",
    label = "not a number",
    note = "build strings with `format!(\"{{}}{{}}\", a, b)`"
)]
pub trait Number<Right> {}

macro_rules! numbers {
    ($($number:ty),*) => {$(
        #[diagnostic::do_not_recommend]
        impl Number<$number> for $number {}
    )*};
}
numbers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// `+` in the shadow body.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
pub fn add<T: Number<R>, R>(_left: T, _right: R) -> T {
    panic!("shadow body of a workflow called")
}

/// Values `<`, `>`, `<=` and `>=` order alike in Rust and in JSONata: numbers, strings and
/// timestamps. (An `Option` orders `None` first in Rust; JSONata cannot compare `null`.)
#[diagnostic::on_unimplemented(
    message = "`<`, `>`, `<=` and `>=` in a workflow compare numbers, strings or timestamps, not `{Self}`",
    label = "not a number, string or timestamp",
    note = "compare the value inside an `Option` once it is known to be there: `x.is_some() && x.unwrap_or(0) > 3`"
)]
pub trait Ordered {}

macro_rules! ordered {
    ($($ordered:ty),*) => {$(
        #[diagnostic::do_not_recommend]
        impl Ordered for $ordered {}
    )*};
}
ordered!(
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64,
    char,
    String,
    str,
    crate::typed::Timestamp
);

#[diagnostic::do_not_recommend]
impl<T: Ordered + ?Sized> Ordered for &T {}

/// The left operand of `<`, `>`, `<=` or `>=` in the shadow body, read back with `*`: the
/// comparison itself stays Rust's, with Rust's own messages for mismatched operands.
pub fn ordered<T: Ordered + ?Sized>(value: &T) -> &T {
    value
}

/// Values `!` negates alike in Rust and in JSONata: `bool` (Rust's `!` flips an integer's
/// bits, JSONata's `$not` reads a number as a truth value).
#[diagnostic::on_unimplemented(
    message = "`!` in a workflow negates a `bool`, not `{Self}`",
    label = "not a bool",
    note = "JSONata has no bitwise operators"
)]
pub trait Truth {}

#[diagnostic::do_not_recommend]
impl Truth for bool {}

/// `!` in the shadow body.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
// Returns `T`, so that an integer operand is one error, not a second mismatch.
pub fn not<T: Truth>(_value: T) -> T {
    panic!("shadow body of a workflow called")
}

/// Numbers, which `.min(..)` and `.max(..)` compare in JSONata (`$min`, `$max`).
#[diagnostic::on_unimplemented(
    message = "`.min()` and `.max()` in a workflow compare numbers, not `{Self}`",
    label = "not a number",
    note = "JSONata's `$min` and `$max` take numbers only"
)]
pub trait Extremum {}

macro_rules! extrema {
    ($($number:ty),*) => {$(
        #[diagnostic::do_not_recommend]
        impl Extremum for $number {}
    )*};
}
extrema!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// The receiver of `.min(..)` or `.max(..)` in the shadow body.
pub fn extremum<T: Extremum>(value: T) -> T {
    value
}

/// Casts that keep the value, which JSONata (one number type, no conversions) leaves as it
/// is: to a type holding every value of the source. Rust wraps the others (`300 as u8` is
/// 44, `-1i64 as u64` is 2^64 - 1), saturates a float (`-2.0 as u64` is 0), drops its
/// fraction, and turns a `char` or a `bool` into a number. The 64-bit casts between signed
/// and unsigned (`len() as i64`) and from integers to `f64` are kept: they differ only
/// beyond 2^53, which JSONata cannot hold exactly anyway.
#[diagnostic::on_unimplemented(
    message = "`as {Target}` from `{Self}` changes the value in Rust, but JSONata keeps the value as it is",
    label = "a cast that wraps, saturates, drops a fraction or converts",
    note = "cast only to a type that holds every value (`i32 as i64`, `u32 as f64`), round a float to a signed type (`x.trunc() as i64`), write `if b {{ 1 }} else {{ 0 }}` for a `bool`; a `char` has no number in JSONata"
)]
pub trait Cast<Target> {}

macro_rules! casts {
    ($($source:ty => [$($target:ty),*];)*) => {$($(
        #[diagnostic::do_not_recommend]
        impl Cast<$target> for $source {}
    )*)*};
}
casts! {
    i8 => [i8, i16, i32, i64, i128, isize, f32, f64];
    i16 => [i16, i32, i64, i128, isize, f32, f64];
    i32 => [i32, i64, i128, isize, f64];
    i64 => [i64, i128, isize, f64];
    i128 => [i128, f64];
    isize => [isize, i64, i128, f64];
    u8 => [u8, u16, u32, u64, u128, usize, i16, i32, i64, i128, isize, f32, f64];
    u16 => [u16, u32, u64, u128, usize, i32, i64, i128, isize, f32, f64];
    u32 => [u32, u64, u128, usize, i64, i128, isize, f64];
    u64 => [u64, u128, usize, i64, i128, isize, f64];
    u128 => [u128, f64];
    usize => [usize, u64, u128, i64, i128, isize, f64];
    f32 => [f32, f64];
    f64 => [f64];
}

/// The operand of an `as` cast in the shadow body.
pub fn cast_source<Target, Source: Cast<Target>>(value: Source) -> Source {
    value
}

/// Casts of a rounded float (`x.floor() as i64`), whole already: to a signed 64-bit type or
/// wider (Rust saturates a negative value to 0 in an unsigned type, and a large one in a
/// narrow type), or to a float.
#[diagnostic::on_unimplemented(
    message = "`as {Target}` from a rounded `{Self}` saturates in Rust (a negative value becomes 0 in an unsigned type), but JSONata keeps the value as it is",
    label = "a cast that saturates",
    note = "cast a rounded float to `i64`"
)]
pub trait RoundedCast<Target> {}

macro_rules! casts_rounded {
    ($($source:ty => [$($target:ty),*];)*) => {$($(
        #[diagnostic::do_not_recommend]
        impl RoundedCast<$target> for $source {}
    )*)*};
}
casts_rounded! {
    f32 => [f32, f64, i64, i128, isize];
    f64 => [f64, i64, i128, isize];
}

/// The operand of an `as` cast of a rounded float in the shadow body.
pub fn rounded_source<Target, Source: RoundedCast<Target>>(value: Source) -> Source {
    value
}

/// Floats, which `/` divides the same way in Rust and in JSONata.
#[diagnostic::on_unimplemented(
    message = "`/` on `{Self}` rounds toward zero in Rust, but JSONata divides exactly",
    label = "an integer division",
    note = "divide floats (`a as f64 / b as f64`), or write `a.div_euclid(b)` for the rounded-down quotient"
)]
pub trait Division {}

#[diagnostic::do_not_recommend]
impl Division for f32 {}

#[diagnostic::do_not_recommend]
impl Division for f64 {}

/// `/` in the shadow body.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
// The right operand is `T` itself, not an associated type: an integer division is then
// reported once, at the left operand (a projection would repeat it at the right one).
pub fn divide<T: Division>(_left: T, _right: T) -> T {
    panic!("shadow body of a workflow called")
}

/// Lists and maps, whose `.len()` counts the same in Rust and in JSONata.
#[diagnostic::on_unimplemented(
    message = "`.len()` in a workflow counts lists and maps, not `{Self}`",
    label = "not a list or map",
    note = "a string's `.len()` counts bytes in Rust but characters in JSONata: write `.chars().count()`"
)]
pub trait Length {}

#[diagnostic::do_not_recommend]
impl<T> Length for Vec<T> {}
#[diagnostic::do_not_recommend]
impl<T> Length for [T] {}
#[diagnostic::do_not_recommend]
impl<T, const N: usize> Length for [T; N] {}
#[diagnostic::do_not_recommend]
impl<T> Length for std::collections::VecDeque<T> {}
#[diagnostic::do_not_recommend]
impl<K, V> Length for std::collections::BTreeMap<K, V> {}
#[diagnostic::do_not_recommend]
impl<K, V, S> Length for std::collections::HashMap<K, V, S> {}
#[diagnostic::do_not_recommend]
impl<T> Length for std::collections::BTreeSet<T> {}
#[diagnostic::do_not_recommend]
impl<T, S> Length for std::collections::HashSet<T, S> {}
#[diagnostic::do_not_recommend]
impl<K, V, S> Length for indexmap::IndexMap<K, V, S> {}
#[diagnostic::do_not_recommend]
impl<T: Length + ?Sized> Length for &T {}

/// `.len()` in the shadow body.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
pub fn length<T: Length + ?Sized>(_value: &T) -> usize {
    panic!("shadow body of a workflow called")
}
