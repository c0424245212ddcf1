//! Writing a request as a payload object in the state's query language, reporting the
//! values that language cannot hold.

use super::{Loc, Lowering};
use crate::builder::arg::{Entry, Reads, Request, malformed};
use crate::builder::check;
use crate::error::{BuildIssue, BuildIssueKind};
use crate::model::{PayloadObject, QueryLanguage};
use crate::source::escape_pointer_segment;

impl Lowering {
    /// Writes a request as an object in `language`, reporting values of the other language.
    pub(super) fn request(
        &mut self,
        request: Request,
        (language, reads): (QueryLanguage, Reads),
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
    ) -> PayloadObject {
        let fields = request.into_fields();
        // Whether a JSONPath field may hold a payload template that sets a key twice; found
        // in the same pass as the other checks.
        let templates = language == QueryLanguage::JsonPath;
        let mut objects = false;
        let clean = fields.iter().all(|entry| {
            objects |= templates && check::template::may_hold_objects(&entry.arg);
            entry.arg.mismatch(language).is_none()
                && entry.arg.misplaced(language, reads).is_none()
                && entry.arg.non_finite().is_none()
                && malformed::entry(&entry.key, &entry.arg, language).is_none()
        });
        if templates && (objects || !clean) {
            check::template::request(self, &fields, loc, field);
        }
        if clean {
            // Collected in place: the request's vector becomes the object's (its entries
            // are padded to the same size). `into_entry` cannot fail once `mismatch` found
            // nothing the language cannot express and `non_finite` no float JSON cannot hold.
            return PayloadObject::from_entries(
                fields
                    .into_iter()
                    .filter_map(|entry| entry.arg.into_entry(entry.key, language).ok())
                    .collect(),
            );
        }
        let mut written = PayloadObject::with_capacity(fields.len());
        for Entry { key, arg, .. } in fields {
            if let Some(malformed) = malformed::entry(&key, &arg, language) {
                self.issues.push(
                    BuildIssue::new(
                        malformed.kind(),
                        loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                        Some(loc.name.clone()),
                        format!("`{key}` of state `{}` {}", loc.name, malformed.reason()),
                    )
                    .with_hint(malformed.hint()),
                );
                continue;
            }
            if let Some(value) = arg.non_finite() {
                let value = if value.is_nan() {
                    "NaN"
                } else if value > 0.0 {
                    "infinity"
                } else {
                    "-infinity"
                };
                self.issues.push(
                    BuildIssue::new(
                        BuildIssueKind::InvalidValue,
                        loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                        Some(loc.name.clone()),
                        format!(
                            "`{key}` of state `{}` holds {value}, which JSON cannot represent",
                            loc.name
                        ),
                    )
                    .with_hint("use a finite number, or leave the field out"),
                );
                continue;
            }
            if let Some(misplaced) = arg.misplaced(language, reads) {
                self.issues.push(
                    BuildIssue::new(
                        BuildIssueKind::UnreadableValue,
                        loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                        Some(loc.name.clone()),
                        format!("`{key}` of state `{}` {}", loc.name, misplaced.reason()),
                    )
                    .with_hint(misplaced.hint()),
                );
                continue;
            }
            let Some(needs) = arg.mismatch(language) else {
                // Cannot fail: `mismatch` found nothing the language cannot express, and
                // `non_finite` no float JSON cannot hold.
                if let Ok((key, field)) = arg.into_entry(key, language) {
                    written.insert_key(key, field);
                }
                continue;
            };
            self.issues.push(
                BuildIssue::new(
                    BuildIssueKind::QueryLanguageMismatch,
                    loc.field(&format!("{}/{}", field(), escape_pointer_segment(&key))),
                    Some(loc.name.clone()),
                    format!(
                        "`{key}` of state `{}` is {}, which only {needs} states evaluate, but the state uses {language}",
                        loc.name,
                        arg.describe()
                    ),
                )
                .with_hint(arg.mismatch_hint(language)),
            );
        }
        written
    }
}
