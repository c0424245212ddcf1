//! `while`, `loop` and `for`: Choice loops, or a sequential Map for independent iterations.

use proc_macro2::Span;

use super::super::map::{BodyRef, MapMode};
use super::super::{Dest, Flow, LoopFrame, Lowerer, Slot};
use super::name::named;
use crate::case::pascal_from_snake;
use crate::workflow::ast::{Block, Cond};
use crate::workflow::graph::{Kind, Rule, State, Target};
use crate::workflow::js::{BinOp, Js};

impl<'a> Lowerer<'a> {
    fn loop_frame(&mut self, dest: Dest) {
        self.loops.push(LoopFrame {
            breaks: Vec::new(),
            continues: Vec::new(),
            dest,
        });
    }

    pub(super) fn while_(
        &mut self,
        cond: &'a Cond,
        body: &'a Block,
        _span: Span,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let flow = self.flush(flow);
        let (condition, bindings, base_name) = match cond {
            Cond::Expr(expr) => (self.translate(expr).js, Vec::new(), named("Check", expr)),
            Cond::Let { pat, scrutinee } => {
                let subject = self.translate(scrutinee);
                let (test, bindings) = self.pattern(pat, &subject.js, subject.typed.as_ref());
                (test, bindings, named("Check", scrutinee))
            }
        };
        if condition.as_bool() == Some(false) {
            return flow;
        }
        let mut state = State::new(
            self.scope,
            base_name,
            Kind::Choice {
                rules: vec![Rule {
                    condition,
                    next: None,
                    assign: Vec::new(),
                }],
                default: None,
            },
        );
        Self::fixed(&mut state, name);
        let (id, _) = self.push(flow, state);
        self.loop_frame(Dest::Discard);
        self.env.push(bindings.into_iter().collect());
        let body_out = self.block(body, Flow::from(Slot::Rule(id, 0)), &Dest::Discard);
        self.env.pop();
        self.join(body_out, Target::State(id));
        let frame = self.loops.pop();
        let mut exits = vec![Flow::from(Slot::Default(id))];
        if let Some(frame) = frame {
            for continued in frame.continues {
                self.join(continued, Target::State(id));
            }
            exits.extend(frame.breaks);
        }
        self.merge(exits)
    }

    pub(super) fn loop_(&mut self, body: &'a Block, _span: Span, flow: Flow, dest: &Dest) -> Flow {
        let flow = self.flush(flow);
        let first_exit = flow.exits.first().copied();
        let before = self.graph.states.len();
        self.loop_frame(dest.clone());
        let body_out = self.block(body, flow, &Dest::Discard);
        // The loop head is the first state the body created.
        let head = (before < self.graph.states.len()).then_some(Target::State(before));
        let frame = self.loops.pop();
        match head {
            Some(head) => {
                self.join(body_out, head);
                if let Some(frame) = &frame {
                    for continued in frame.continues.clone() {
                        self.join(continued, head);
                    }
                }
            }
            None => {
                if let Some(slot) = first_exit {
                    self.ctxt.error_at(
                        Span::call_site(),
                        format!("a `loop` needs a step in its body ({slot:?})"),
                    );
                }
            }
        }
        self.merge(frame.map(|frame| frame.breaks).unwrap_or_default())
    }

    pub(super) fn for_(
        &mut self,
        binder: &'a crate::workflow::ast::Binder,
        items: &'a syn::Expr,
        body: &'a Block,
        span: Span,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        // Iterations that update outer variables, leave the loop early or return run as a
        // Choice loop over an index; the others as a Map state with one iteration at a time.
        if super::loop_body::needs_choice_loop(binder, body) {
            return self.index_loop(binder, items, body, flow, name);
        }
        let spec = super::super::map::MapSpec {
            binder,
            binder_ty: None,
            items,
            body: BodyRef::Block(body),
            mode: MapMode::Sequential,
            setting: None,
        };
        let (id, entry) = self.map(spec, flow, span);
        self.seal(id, &entry);
        if let Some(name) = name
            && let Some(state) = self.graph.states.get_mut(id)
        {
            state.fixed_name = Some((name.value(), name.span()));
        }
        Flow::from(Slot::Next(id))
    }

    /// `for` as a loop: the list and an index are variables, a Choice tests the index.
    fn index_loop(
        &mut self,
        binder: &'a crate::workflow::ast::Binder,
        items: &'a syn::Expr,
        body: &'a Block,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let items_expr = items;
        let items = self.translate_items(items);
        if self.refuse_tuples_over_payload(binder, items_expr, items.typed.is_some()) {
            return Flow::dead();
        }
        let rust_item = match binder {
            crate::workflow::ast::Binder::Ident(ident) => crate::case::unraw(ident),
            _ => "item".to_owned(),
        };
        let list = self.generated_var(&format!("{rust_item}_list"));
        let index = self.generated_var(&format!("{rust_item}_index"));
        let mut flow = flow;
        flow.assign(&list, &items.js);
        flow.assign(&index, &Js::Num("0".to_owned()));
        let flow = self.flush(flow);
        let condition = Js::binary(
            BinOp::Lt,
            Js::var(&index),
            Js::Call(
                crate::workflow::js::Func::Named("$count"),
                vec![Js::var(&list)],
            ),
        );
        let mut state = State::new(
            self.scope,
            format!("ForEach{}", pascal_from_snake(&rust_item)),
            Kind::Choice {
                rules: vec![Rule {
                    condition,
                    next: None,
                    assign: Vec::new(),
                }],
                default: None,
            },
        );
        Self::fixed(&mut state, name);
        let (id, _) = self.push(flow, state);
        let element = Js::Index(Box::new(Js::var(&list)), Box::new(Js::var(&index)));
        let typed = items.typed.map(|(_, path)| {
            (
                element.clone(),
                super::super::typed_path(&quote::quote!(::sfn_dsl::__private::element(&#path))),
            )
        });
        let frame: std::collections::HashMap<_, _> = Self::item_bindings(binder, element, typed)
            .into_iter()
            .collect();
        self.loop_frame(Dest::Discard);
        self.env.push(frame);
        let out = self.block(body, Flow::from(Slot::Rule(id, 0)), &Dest::Discard);
        self.env.pop();
        let frame = self.loops.pop();
        let next = Js::binary(BinOp::Add, Js::var(&index), Js::Num("1".to_owned()));
        let mut back = vec![out];
        let mut exits = vec![Flow::from(Slot::Default(id))];
        if let Some(frame) = frame {
            back.extend(frame.continues);
            exits.extend(frame.breaks);
        }
        for mut flow in back {
            if !flow.is_dead() {
                flow.assign(&index, &next);
                self.join(flow, Target::State(id));
            }
        }
        self.merge(exits)
    }
}
