//! Map states: `for` loops and fan-outs.

use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::ast::{Binder, Block, Expr};
use super::super::graph::{Kind, State, StateId};
use super::super::js::Js;
use super::{Dest, Flow, Lowerer};
use crate::case::pascal_from_snake;

/// A Map state to build.
pub(crate) struct MapSpec<'a> {
    pub(crate) binder: &'a Binder,
    pub(crate) binder_ty: Option<&'a syn::Type>,
    pub(crate) items: &'a syn::Expr,
    pub(crate) body: BodyRef<'a>,
    pub(crate) mode: MapMode,
    pub(crate) setting: Option<&'a syn::Expr>,
}

impl<'a> Lowerer<'a> {
    /// Builds a Map state (a `for` loop or a fan-out).
    #[expect(
        clippy::too_many_lines,
        reason = "items, the iteration's list, the Map state and its settings"
    )]
    pub(crate) fn map(
        &mut self,
        spec: MapSpec<'a>,
        flow: Flow,
        span: proc_macro2::Span,
    ) -> (StateId, Vec<(String, Js)>) {
        let reader = spec.mode == MapMode::Reader;
        let items = (!reader).then(|| self.translate_items(spec.items));
        let typed_items = items.as_ref().is_some_and(|items| items.typed.is_some());
        self.refuse_tuples_over_payload(spec.binder, spec.items, typed_items);
        let element_typed = match (spec.binder_ty, &items) {
            (Some(ty), _) => Some(super::typed_path(
                &quote_spanned!(ty.span()=> ::sfn_dsl::__private::root::<#ty>()),
            )),
            (None, Some(items)) => items.typed.as_ref().map(|(_, path)| {
                let path = path.clone();
                super::typed_path(&quote!(::sfn_dsl::__private::element(&#path)))
            }),
            (None, None) => None,
        };
        let binder = spec.binder;
        let body = spec.body;
        let (scope, ()) = self.nested(true, |lowerer, scope| {
            let mut flow = Flow::entry(scope);
            lowerer.env.push(std::collections::HashMap::new());
            if !matches!(binder, Binder::Wild) {
                let rust = match binder {
                    Binder::Ident(ident) => crate::case::unraw(ident),
                    _ => "item".to_owned(),
                };
                let var = lowerer.fresh_var(&rust);
                flow.assign(&var, &Js::Root("$states.input"));
                let typed = element_typed.map(|path| (Js::var(&var), path));
                for (name, binding) in Self::item_bindings(binder, Js::var(&var), typed) {
                    lowerer.bind(&name, binding);
                }
            }
            let out = match body {
                BodyRef::Block(block) => {
                    let out = lowerer.block(block, flow, &Dest::Discard);
                    lowerer.finish(out, None)
                }
                BodyRef::Expr(expr) => {
                    let out = lowerer.value(expr, flow, &Dest::Output, None);
                    lowerer.finish(out, None)
                }
            };
            let _ = out;
            lowerer.env.pop();
        });
        let distributed = matches!(spec.mode, MapMode::Distributed | MapMode::Reader);
        if distributed {
            let (reads, writes) = self.scope_vars(&[scope]);
            if let Some(outer) = reads.difference(&writes).next() {
                self.ctxt.error_at(span, format!("a Distributed Map's iterations cannot read outer variables (`{outer}`): pass what they need inside the items"));
            }
        }
        let flow = self.flush_if_read(flow, &[scope]);
        let max_concurrency = match (spec.mode, spec.setting) {
            (MapMode::Sequential, _) => Some(Js::Num("1".to_owned())),
            (MapMode::Inline, Some(setting)) => Some(self.translate(setting).js),
            _ => None,
        };
        let base_name = match (spec.mode, binder) {
            (MapMode::Sequential, Binder::Ident(ident)) => {
                format!("ForEach{}", pascal_from_snake(&crate::case::unraw(ident)))
            }
            (_, Binder::Ident(ident)) => {
                format!("FanOut{}", pascal_from_snake(&crate::case::unraw(ident)))
            }
            (MapMode::Sequential, _) => "ForEach".to_owned(),
            _ => "FanOut".to_owned(),
        };
        let mut state = State::new(
            self.scope,
            base_name,
            Kind::Map {
                items: items.map(|items| items.js),
                processor: scope,
                max_concurrency,
            },
        );
        if let Some(setting) = spec.setting {
            match spec.mode {
                MapMode::Distributed => state
                    .patch
                    .calls
                    .push(quote_spanned!(setting.span()=> .distributed(#setting))),
                MapMode::Reader => {
                    let reader = spec.items;
                    state
                        .patch
                        .calls
                        .push(quote_spanned!(reader.span()=> .reader(#reader)));
                    state
                        .patch
                        .calls
                        .push(quote_spanned!(setting.span()=> .distributed(#setting)));
                }
                MapMode::Inline | MapMode::Sequential => {}
            }
            if distributed {
                self.check_constant(setting);
                if reader {
                    self.check_constant(spec.items);
                }
            }
        }
        self.push(flow, state)
    }
}

/// A Map iteration body: a block (`for`) or an expression (a fan-out closure).
pub(crate) enum BodyRef<'a> {
    Block(&'a Block),
    Expr(&'a Expr),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum MapMode {
    Sequential,
    Inline,
    Distributed,
    Reader,
}
