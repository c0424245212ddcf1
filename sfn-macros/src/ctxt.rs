//! The error accumulator: every check pushes into it, and `check` combines them all.

use std::cell::RefCell;
use std::fmt::Display;

use quote::ToTokens;

/// Collects errors while parsing and checking, so that all of them are reported at once.
#[derive(Debug, Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// An error spanning `tokens`.
    pub(crate) fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// An error at `span`.
    pub(crate) fn error_at(&self, span: proc_macro2::Span, message: impl Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
    }

    /// A ready-made error.
    pub(crate) fn push(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// Whether any error was reported so far.
    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// All errors combined, if there are any.
    pub(crate) fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

/// The closest candidate to `word`, for "did you mean" hints.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // The same rule as `sfn_dsl`'s suggestions (this crate cannot depend on it): close
    // enough to be a typo (a third of the word, three edits at most), and not a rewrite of
    // the whole word.
    let length = word.chars().count();
    let limit = (length / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| {
            (
                edit_distance(&word.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, candidate)| {
            *distance <= limit && *distance < length.max(candidate.chars().count())
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Insertions, deletions, substitutions and swaps of neighbouring characters, one edit each.
fn edit_distance(left: &str, right: &str) -> usize {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    let mut before: Vec<usize> = vec![0; right.len() + 1];
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (row, left_char) in left.iter().enumerate() {
        current[0] = row + 1;
        for (column, right_char) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_char != right_char);
            let mut best = substitution
                .min(previous[column + 1] + 1)
                .min(current[column] + 1);
            if row > 0
                && column > 0
                && *left_char == right[column - 1]
                && left[row - 1] == *right_char
            {
                best = best.min(before[column - 1] + 1);
            }
            current[column + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::{Ctxt, did_you_mean};

    #[test]
    fn combines_every_error() {
        let ctxt = Ctxt::new();
        ctxt.error_at(proc_macro2::Span::call_site(), "first");
        ctxt.error_at(proc_macro2::Span::call_site(), "second");
        let error = ctxt.check().unwrap_err();
        assert_eq!(error.into_iter().count(), 2);
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("lamda", ["lambda", "resource"]),
            Some("lambda")
        );
        assert_eq!(did_you_mean("zzz", ["lambda"]), None);
        assert_eq!(did_you_mean("amuont", ["amount", "id"]), Some("amount"));
        assert_eq!(
            did_you_mean("shipping_address", ["billing_address", "shipped"]),
            None
        );
    }
}
