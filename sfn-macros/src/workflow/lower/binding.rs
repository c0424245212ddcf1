//! Rust names in scope and the ASL variables that hold their values.

use proc_macro2::{Span, TokenStream};

use super::super::ast::Binder;
use super::super::js::Js;
use super::{Binding, Dest, Hint, Lowerer};
use crate::ctxt::did_you_mean;

/// Names no workflow variable may take: `$states`, and the JSONata functions (with the
/// ones Step Functions adds), which a variable of the same name would hide from every
/// expression calling them (`let count = 0;` would break `$count($list)`). `error` is left
/// to the saga's variable: the macro never calls `$error()`.
pub(super) const RESERVED_VARS: &[&str] = &[
    "states",
    "abs",
    "append",
    "assert",
    "average",
    "base64decode",
    "base64encode",
    "boolean",
    "ceil",
    "contains",
    "count",
    "decodeUrl",
    "decodeUrlComponent",
    "distinct",
    "each",
    "encodeUrl",
    "encodeUrlComponent",
    "eval",
    "exists",
    "filter",
    "floor",
    "formatBase",
    "formatInteger",
    "formatNumber",
    "fromMillis",
    "hash",
    "join",
    "keys",
    "length",
    "lookup",
    "lowercase",
    "map",
    "match",
    "max",
    "merge",
    "millis",
    "min",
    "not",
    "now",
    "number",
    "pad",
    "parse",
    "parseInteger",
    "partition",
    "power",
    "random",
    "range",
    "reduce",
    "replace",
    "reverse",
    "round",
    "shuffle",
    "sift",
    "single",
    "sort",
    "split",
    "spread",
    "sqrt",
    "string",
    "substring",
    "substringAfter",
    "substringBefore",
    "sum",
    "toMillis",
    "trim",
    "type",
    "uppercase",
    "uuid",
    "zip",
];

impl Lowerer<'_> {
    pub(crate) fn lookup(&self, name: &str) -> Option<&Binding> {
        self.env.iter().rev().find_map(|frame| frame.get(name))
    }

    pub(crate) fn bound_names(&self) -> Vec<String> {
        self.env
            .iter()
            .flat_map(|frame| frame.keys().cloned())
            .collect()
    }

    pub(crate) fn unknown_name(&self, ident: &syn::Ident) {
        let name = ident.to_string();
        let names = self.bound_names();
        let hint = did_you_mean(&name, names.iter().map(String::as_str))
            .map_or_else(String::new, |found| format!("; did you mean `{found}`?"));
        self.ctxt
            .error_spanned_by(ident, format!("`{name}` is not a workflow variable{hint}"));
    }

    pub(crate) fn bind(&mut self, name: &str, binding: Binding) {
        if let Some(frame) = self.env.last_mut() {
            frame.insert(name.to_owned(), binding);
        }
    }

    /// An ASL variable name for a new Rust binding. A `let` shadowing a binding of the
    /// same block reuses its variable: the old value is never read again.
    pub(crate) fn fresh_var(&mut self, rust: &str) -> String {
        let same_block = self
            .env
            .last()
            .and_then(|frame| frame.get(rust))
            .is_some_and(|binding| binding.js == Js::var(rust));
        let var = if same_block {
            rust.to_owned()
        } else {
            self.unused_var(rust)
        };
        self.var_scopes.insert(var.clone(), self.scope);
        var
    }

    /// An ASL variable for a value the macro adds (a loop's list and index, a saga's error,
    /// a compensated step's result): never a name any other variable has, user or not, so
    /// it cannot overwrite one.
    pub(crate) fn generated_var(&mut self, base: &str) -> String {
        let var = self.unused_var(base);
        self.var_scopes.insert(var.clone(), self.scope);
        var
    }

    fn unused_var(&mut self, rust: &str) -> String {
        if self.used_vars.insert(rust.to_owned()) {
            return rust.to_owned();
        }
        let mut suffix = 2;
        loop {
            let candidate = format!("{rust}_{suffix}");
            if self.used_vars.insert(candidate.clone()) {
                return candidate;
            }
            suffix += 1;
        }
    }

    /// Binds a `let` binder to a destination, declaring its variables.
    pub(crate) fn declare(&mut self, binder: &Binder) -> (Dest, Vec<(String, String)>) {
        match binder {
            Binder::Wild => (Dest::Discard, Vec::new()),
            Binder::Refused(idents) => {
                let names = idents
                    .iter()
                    .map(|ident| {
                        let rust = crate::case::unraw(ident);
                        let var = self.fresh_var(&rust);
                        (rust, var)
                    })
                    .collect();
                (Dest::Discard, names)
            }
            Binder::Ident(ident) => {
                let rust = crate::case::unraw(ident);
                let var = self.fresh_var(&rust);
                (Dest::Var(var.clone()), vec![(rust, var)])
            }
            Binder::Tuple(items) => {
                let mut vars = Vec::new();
                let mut names = Vec::new();
                for item in items {
                    match item {
                        Binder::Ident(ident) => {
                            let rust = crate::case::unraw(ident);
                            let var = self.fresh_var(&rust);
                            names.push((rust, var.clone()));
                            vars.push(Some(var));
                        }
                        Binder::Wild | Binder::Refused(_) => vars.push(None),
                        Binder::Tuple(_) => {
                            self.ctxt.error_at(
                                Span::call_site(),
                                "nested tuple bindings are not supported in workflows",
                            );
                            vars.push(None);
                        }
                    }
                }
                (Dest::Tuple(vars), names)
            }
        }
    }

    /// Makes declared names visible, with their typed paths when known.
    pub(crate) fn bind_declared(
        &mut self,
        names: &[(String, String)],
        typed: &[Option<TokenStream>],
        hint: Hint,
    ) {
        for (index, (rust, var)) in names.iter().enumerate() {
            let typed_path = typed
                .get(index)
                .cloned()
                .flatten()
                .map(|path| (Js::var(var), path));
            self.bind(
                rust,
                Binding {
                    poisoned: false,
                    js: Js::var(var),
                    typed: typed_path,
                    hint,
                },
            );
        }
    }

    /// Refuses a tuple of names over items with a typed path: those are a payload's list
    /// or map, whose items are never tuples (a tuple is no payload), and a map's entries
    /// are JSON members, not `[key, value]` arrays. Only literal arrays of tuples
    /// (`[(a, 1), (b, 2)]`) are read by position.
    pub(crate) fn refuse_tuples_over_payload(
        &self,
        binder: &Binder,
        items: &syn::Expr,
        typed: bool,
    ) -> bool {
        if !(typed && matches!(binder, Binder::Tuple(_))) {
            return false;
        }
        self.ctxt.error_spanned_by(
            items,
            "a tuple of names reads items that are tuples, and a payload's list or map holds none: iterate with one name (`for entry in …`; a map's entries are not `(key, value)` pairs in a workflow)",
        );
        true
    }

    /// The bindings of a loop's or closure's item: a name is the item (`typed` is its
    /// typed path), a tuple of names reads the item's elements by position (Rust tuples
    /// are JSON arrays), `_` binds nothing.
    pub(crate) fn item_bindings(
        binder: &Binder,
        item: Js,
        typed: Option<(Js, TokenStream)>,
    ) -> Vec<(String, Binding)> {
        match binder {
            Binder::Wild => Vec::new(),
            Binder::Refused(idents) => idents
                .iter()
                .map(|ident| (crate::case::unraw(ident), Binding::refused()))
                .collect(),
            Binder::Ident(ident) => vec![(
                crate::case::unraw(ident),
                Binding {
                    poisoned: false,
                    js: item,
                    typed,
                    hint: Hint::Unknown,
                },
            )],
            Binder::Tuple(elements) => elements
                .iter()
                .enumerate()
                .flat_map(|(position, element)| {
                    let at = Js::Index(
                        Box::new(item.clone()),
                        Box::new(Js::Num(position.to_string())),
                    );
                    Self::item_bindings(element, at, None)
                })
                .collect(),
        }
    }

    /// The error variable of the unwind chain.
    pub(crate) fn error_var(&mut self) -> String {
        if let Some(var) = &self.error_var {
            return var.clone();
        }
        let var = self.generated_var("error");
        self.error_var = Some(var.clone());
        var
    }
}
