//! Values where JSONata would lose them: a list inside an array constructor, which JSONata
//! splices into the outer array, and a missing `Option` (undefined in JSONata), which an
//! array constructor drops, an object constructor leaves out and `Assign` refuses, while Rust
//! and serde keep it as `null`.

use super::super::super::js::{Func, Hole, Js, Splice, SwitchOn};
use super::super::Hint;
use super::Tx;

/// JSONata functions whose result may be undefined where Rust has an `Option` (or an empty
/// map's keys).
const MAYBE_MISSING_FUNCTIONS: &[&str] = &["$lookup", "$keys", "$max", "$min"];

/// Whether the expression always has a value. Variables do: whatever is assigned is written
/// with [`Tx::into_stored`]. Indexing does too, as `v[i]` panics in Rust where JSONata gives
/// nothing; `first()`, `last()` and `get(..)` are marked by [`Hint::Optional`] instead.
fn always_present(js: &Js) -> bool {
    match js {
        Js::Path(..) | Js::Field(..) => false,
        Js::Call(Func::Named(name), _) => !MAYBE_MISSING_FUNCTIONS.contains(name),
        Js::Cond(_, then, otherwise) => always_present(then) && always_present(otherwise),
        Js::Switch { string, other, .. } => always_present(string) && always_present(other),
        _ => true,
    }
}

/// `$exists(x) ? x : null`.
pub(crate) fn null_if_missing(js: Js) -> Js {
    Js::Cond(
        Box::new(Js::Call(Func::Named("$exists"), vec![js.clone()])),
        Box::new(js),
        Box::new(Js::Null),
    )
}

impl Tx {
    fn maybe_missing(&self) -> bool {
        self.hint == Hint::Optional || !always_present(&self.js)
    }

    /// The typed path of a field read, whose kind tells the machine's builder what the value
    /// needs. Only there: elsewhere the typed path would require the value's type to derive
    /// `Payload` even where no field is read.
    fn field_path(&self) -> Option<&proc_macro2::TokenStream> {
        match (&self.js, &self.typed, self.hint) {
            (Js::Path(..), Some((_, path)), Hint::Unknown | Hint::String) => Some(path),
            _ => None,
        }
    }

    /// The value as it is stored (an `Assign`, an `Output`, an object field): `null` where it
    /// is missing, as serde writes `None`.
    pub(crate) fn into_stored(self) -> Js {
        if !self.maybe_missing() {
            return self.js;
        }
        let guarded = null_if_missing(self.js.clone());
        match self.field_path() {
            Some(path) => Js::Switch {
                on: SwitchOn::Present,
                typed: Hole::new(path.clone()),
                string: Box::new(self.js),
                other: Box::new(guarded),
            },
            None => guarded,
        }
    }

    /// The value as one element of an array constructor (a tuple, `[…]`, `vec![…]`): a list
    /// stays one element and a missing value is `null`.
    pub(crate) fn into_item(self) -> Js {
        let missing = self.maybe_missing();
        if !missing && (self.js.is_single() || matches!(self.hint, Hint::String | Hint::Scalar)) {
            return self.js;
        }
        if !missing && self.hint == Hint::List {
            return Js::Unspliced(Box::new(self.js), Splice::List);
        }
        let splice = if missing {
            Splice::Maybe
        } else {
            Splice::Present
        };
        let guarded = Js::Unspliced(Box::new(self.js.clone()), splice);
        match self.field_path() {
            // The value's type decides when the machine is built.
            Some(path) => Js::Switch {
                on: SwitchOn::Single,
                typed: Hole::new(path.clone()),
                string: Box::new(self.js.clone()),
                other: Box::new(Js::Switch {
                    on: SwitchOn::List,
                    typed: Hole::new(path.clone()),
                    string: Box::new(Js::Unspliced(Box::new(self.js), Splice::List)),
                    other: Box::new(guarded),
                }),
            },
            None => guarded,
        }
    }
}
