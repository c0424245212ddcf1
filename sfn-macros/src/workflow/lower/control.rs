//! Branches, loops, waits and failures.

use proc_macro2::Span;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::super::ast::{Arm, Block, Cond, Expr};
use super::super::graph::{Kind, Rule, State, Target, WaitFor};
use super::super::js::{BinOp, Hole, Js};
use super::super::parse::single_ident;
use super::{Binding, Dest, Flow, Hint, LoopFrame, Lowerer, Slot};
use crate::case::{pascal_from_snake, snake_from_pascal};

/// A name for a state testing `js`: `Check` and the last field or variable it reads.
fn subject_name(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| pascal_from_snake(&crate::case::unraw(&segment.ident))),
        syn::Expr::Field(field) => match &field.member {
            syn::Member::Named(ident) => Some(pascal_from_snake(&crate::case::unraw(ident))),
            syn::Member::Unnamed(_) => subject_name(&field.base),
        },
        syn::Expr::Binary(binary) => {
            subject_name(&binary.left).or_else(|| subject_name(&binary.right))
        }
        syn::Expr::Unary(unary) => subject_name(&unary.expr),
        syn::Expr::MethodCall(call) => subject_name(&call.receiver),
        syn::Expr::Paren(paren) => subject_name(&paren.expr),
        syn::Expr::Reference(reference) => subject_name(&reference.expr),
        syn::Expr::Call(call) => call.args.first().and_then(subject_name),
        _ => None,
    }
}

fn named(prefix: &str, expr: &syn::Expr) -> String {
    subject_name(expr).map_or_else(|| prefix.to_owned(), |subject| format!("{prefix}{subject}"))
}

/// `Wait1Hour`, `Wait90Seconds`.
fn wait_name(seconds: &str) -> String {
    let Ok(seconds) = seconds.parse::<u64>() else {
        return "Wait".to_owned();
    };
    let (amount, unit) = match seconds {
        0 => (0, "Seconds"),
        s if s % 86_400 == 0 => (s / 86_400, "Day"),
        s if s % 3_600 == 0 => (s / 3_600, "Hour"),
        s if s % 60 == 0 => (s / 60, "Minute"),
        s => (s, "Second"),
    };
    let plural = if amount == 1 || unit.ends_with('s') {
        ""
    } else {
        "s"
    };
    format!("Wait{amount}{unit}{plural}")
}

/// Whether a block is a single pure expression (usable in a JSONata conditional).
fn pure_value(expr: &Expr) -> Option<&syn::Expr> {
    match expr {
        Expr::Pure(pure) => Some(pure),
        Expr::Block(block) => match block.stmts.as_slice() {
            [
                super::super::ast::Stmt::Expr {
                    value, tail: true, ..
                },
            ] => pure_value(value),
            _ => None,
        },
        _ => None,
    }
}

fn pure_block(block: &Block) -> Option<&syn::Expr> {
    match block.stmts.as_slice() {
        [
            super::super::ast::Stmt::Expr {
                value, tail: true, ..
            },
        ] => pure_value(value),
        _ => None,
    }
}

impl<'a> Lowerer<'a> {
    pub(crate) fn control(
        &mut self,
        expr: &'a Expr,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        match expr {
            Expr::If {
                cond,
                then,
                otherwise,
                span,
            } => self.if_(cond, then, otherwise.as_deref(), *span, flow, dest, name),
            Expr::Match {
                scrutinee,
                arms,
                span,
            } => self.match_(scrutinee, arms, *span, flow, dest, name),
            Expr::MatchResult {
                step,
                ok_binder,
                ok_body,
                err_arms,
            } => self.match_result(step, ok_binder, ok_body, err_arms, flow, dest, name),
            Expr::For {
                binder,
                items,
                body,
                span,
            } => self.for_(binder, items, body, *span, flow, name),
            Expr::While { cond, body, span } => self.while_(cond, body, *span, flow, name),
            Expr::Loop { body, span } => self.loop_(body, *span, flow, dest),
            _ => flow,
        }
    }

    fn fixed(state: &mut State, name: Option<&syn::LitStr>) {
        if let Some(name) = name {
            state.fixed_name = Some((name.value(), name.span()));
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the parts of an `if` plus the flow context"
    )]
    fn if_(
        &mut self,
        cond: &'a Cond,
        then: &'a Block,
        otherwise: Option<&'a Expr>,
        span: Span,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let (condition, bindings, base_name) = match cond {
            Cond::Expr(expr) => (self.translate(expr).js, Vec::new(), named("Check", expr)),
            Cond::Let { pat, scrutinee } => {
                let subject = self.translate(scrutinee);
                let (test, bindings) = self.pattern(pat, &subject.js, subject.typed.as_ref());
                (test, bindings, named("Check", scrutinee))
            }
        };
        // A value-producing `if` of two plain expressions is a JSONata conditional.
        if let (
            Cond::Expr(_),
            Some(then_value),
            Some(otherwise_value),
            Dest::Var(_) | Dest::Output | Dest::Tuple(_),
        ) = (cond, pure_block(then), otherwise.and_then(pure_value), dest)
        {
            let then_js = self.translate(then_value).js;
            let otherwise_js = self.translate(otherwise_value).js;
            let js = Js::Cond(
                Box::new(condition),
                Box::new(then_js),
                Box::new(otherwise_js),
            )
            .fold();
            return self.deliver(flow, dest, js);
        }
        match condition.as_bool() {
            Some(true) => {
                self.env.push(bindings.into_iter().collect());
                let flow = self.block(then, flow, dest);
                self.env.pop();
                return flow;
            }
            Some(false) => {
                return match otherwise {
                    Some(otherwise) => self.value(otherwise, flow, dest, None),
                    None => self.unit_into(flow, dest),
                };
            }
            None => {}
        }
        let _ = span;
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
        let (id, pending) = self.push(flow, state);
        let then_flow = Flow {
            exits: vec![Slot::Rule(id, 0)],
            pending: pending.clone(),
        };
        let else_flow = Flow {
            exits: vec![Slot::Default(id)],
            pending,
        };
        self.env.push(bindings.into_iter().collect());
        let then_out = self.block(then, then_flow, dest);
        self.env.pop();
        let else_out = match otherwise {
            Some(otherwise) => self.value(otherwise, else_flow, dest, None),
            None => self.unit_into(else_flow, dest),
        };
        self.merge(vec![then_out, else_out])
    }

    /// A branch without a value (`if` without `else`).
    fn unit_into(&mut self, flow: Flow, dest: &Dest) -> Flow {
        match dest {
            Dest::Output => self.finish(flow, None),
            _ => flow,
        }
    }

    /// The test for a pattern on `subject`, and the names it binds.
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per pattern kind reads best as a table"
    )]
    pub(crate) fn pattern(
        &mut self,
        pat: &syn::Pat,
        subject: &Js,
        typed: Option<&(Js, proc_macro2::TokenStream)>,
    ) -> (Js, Vec<(String, Binding)>) {
        match pat {
            syn::Pat::Wild(_) => (Js::Bool(true), Vec::new()),
            syn::Pat::Ident(ident)
                if ident.subpat.is_none()
                    && !ident
                        .ident
                        .to_string()
                        .starts_with(|c: char| c.is_uppercase()) =>
            {
                let binding = Binding {
                    poisoned: false,
                    js: subject.clone(),
                    typed: typed.cloned(),
                    hint: Hint::Unknown,
                };
                (
                    Js::Bool(true),
                    vec![(crate::case::unraw(&ident.ident), binding)],
                )
            }
            syn::Pat::Lit(literal) => {
                let value = self.translate(&syn::Expr::Lit(literal.clone())).js;
                (Js::binary(BinOp::Eq, subject.clone(), value), Vec::new())
            }
            syn::Pat::Range(range) => {
                let mut test = Js::Bool(true);
                if let Some(start) = &range.start {
                    let start = self.translate(start).js;
                    test = Js::and(test, Js::binary(BinOp::Ge, subject.clone(), start));
                }
                if let Some(end) = &range.end {
                    let end = self.translate(end).js;
                    let op = match range.limits {
                        syn::RangeLimits::Closed(_) => BinOp::Le,
                        syn::RangeLimits::HalfOpen(_) => BinOp::Lt,
                    };
                    test = Js::and(test, Js::binary(op, subject.clone(), end));
                }
                (test.fold(), Vec::new())
            }
            syn::Pat::Or(or) => {
                let mut test = Js::Bool(false);
                for case in &or.cases {
                    let (case_test, bindings) = self.pattern(case, subject, typed);
                    if !bindings.is_empty() {
                        self.ctxt
                            .error_spanned_by(case, "or-patterns cannot bind names in a workflow");
                    }
                    test = Js::binary(BinOp::Or, test, case_test);
                }
                (test.fold(), Vec::new())
            }
            syn::Pat::Paren(paren) => self.pattern(&paren.pat, subject, typed),
            syn::Pat::Reference(reference) => self.pattern(&reference.pat, subject, typed),
            syn::Pat::Ident(ident) => self.variant_pattern(
                &syn::Path::from(ident.ident.clone()),
                pat,
                subject,
                typed,
                &[],
            ),
            syn::Pat::Path(path) => self.variant_pattern(&path.path, pat, subject, typed, &[]),
            syn::Pat::TupleStruct(tuple) => {
                let elems: Vec<&syn::Pat> = tuple.elems.iter().collect();
                self.variant_pattern(&tuple.path, pat, subject, typed, &elems)
            }
            syn::Pat::Struct(structure) => {
                let mut tests = Js::Bool(true);
                let mut bindings = Vec::new();
                let (variant_test, _) =
                    self.variant_pattern(&structure.path, pat, subject, typed, &[]);
                tests = Js::and(tests, variant_test);
                let variant_typed = typed.map(|(root, path)| {
                    let variant = structure.path.segments.last().map(|segment| {
                        quote::format_ident!(
                            "{}",
                            snake_from_pascal(&segment.ident.to_string()),
                            span = segment.ident.span()
                        )
                    });
                    (root.clone(), quote!(#path.#variant))
                });
                for field in &structure.fields {
                    let syn::Member::Named(member) = &field.member else {
                        self.ctxt.error_spanned_by(
                            &field.member,
                            "tuple fields in struct patterns are not supported",
                        );
                        continue;
                    };
                    let Some((root, path)) = &variant_typed else {
                        self.ctxt.error_spanned_by(member, "the fields of this variant have unknown JSON names: the matched value needs a type that derives `Payload`");
                        continue;
                    };
                    let field_typed = quote_spanned!(member.span()=> #path.#member);
                    let field_js = Js::Path(
                        Box::new(root.clone()),
                        Hole::new(quote!(::sfn_dsl::__private::suffix(&#field_typed))),
                    );
                    let (test, inner) =
                        self.pattern(&field.pat, &field_js, Some(&(root.clone(), field_typed)));
                    tests = Js::and(tests, test);
                    bindings.extend(inner);
                }
                (tests.fold(), bindings)
            }
            other => {
                self.ctxt.error_spanned_by(other, "this pattern has no Choice rule equivalent; use literals, ranges, enum variants, `Some`/`None` and `_`");
                (Js::Bool(false), Vec::new())
            }
        }
    }

    fn variant_pattern(
        &mut self,
        path: &syn::Path,
        pat: &syn::Pat,
        subject: &Js,
        typed: Option<&(Js, proc_macro2::TokenStream)>,
        elems: &[&syn::Pat],
    ) -> (Js, Vec<(String, Binding)>) {
        let present = Js::binary(BinOp::Ne, subject.clone(), Js::Null);
        if let Some(ident) = single_ident(path) {
            match (ident.to_string().as_str(), elems) {
                ("None", []) => return (Js::not(present), Vec::new()),
                ("Some", [inner]) => {
                    let inner_typed =
                        typed.map(|(root, typed_path)| (root.clone(), quote!(#typed_path.some())));
                    let (test, bindings) = self.pattern(inner, subject, inner_typed.as_ref());
                    return (Js::and(present, test).fold(), bindings);
                }
                _ => {}
            }
        }
        if path.segments.len() < 2 {
            self.ctxt.error_spanned_by(pat, "write enum variants with their type (`Status::Shipped`), so the macro can find the enum's serde attributes");
            return (Js::Bool(false), Vec::new());
        }
        let mut enum_path = path.clone();
        let Some(variant) = enum_path
            .segments
            .pop()
            .map(syn::punctuated::Pair::into_value)
        else {
            return (Js::Bool(false), Vec::new());
        };
        if let Some(pair) = enum_path.segments.pop() {
            enum_path.segments.push_value(pair.into_value());
        }
        let span = path.span();
        self.assertions
            .push(quote_spanned!(span=> ::sfn_dsl::__private::assert_matchable::<#enum_path>();));
        let test = Js::VariantTest {
            ty: Hole::new(quote_spanned!(span=> #enum_path)),
            variant: variant.ident.to_string(),
            subject: Box::new(subject.clone()),
        };
        let mut bindings = Vec::new();
        match elems {
            [] => {}
            [inner] => {
                let variant_field = quote::format_ident!("{}", snake_from_pascal(&variant.ident.to_string()), span = variant.ident.span());
                let Some((root, typed_path)) = typed else {
                    self.ctxt.error_spanned_by(inner, "the matched value needs a type that derives `Payload` to bind variant data");
                    return (test, bindings);
                };
                let inner_typed = quote!(#typed_path.#variant_field);
                let inner_js = Js::Path(Box::new(root.clone()), Hole::new(quote!(::sfn_dsl::__private::suffix(&#inner_typed))));
                let (inner_test, inner_bindings) = self.pattern(inner, &inner_js, Some(&(root.clone(), inner_typed)));
                bindings = inner_bindings;
                return (Js::and(test, inner_test).fold(), bindings);
            }
            _ => self.ctxt.error_spanned_by(pat, "variants with several unnamed fields cannot be matched in a workflow; use a struct variant"),
        }
        (test, bindings)
    }

    fn match_(
        &mut self,
        scrutinee: &'a syn::Expr,
        arms: &'a [Arm],
        _span: Span,
        flow: Flow,
        dest: &Dest,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let subject = self.translate(scrutinee);
        let mut rules = Vec::new();
        let mut tests = Vec::new();
        for (index, arm) in arms.iter().enumerate() {
            let (mut test, bindings) = self.pattern(&arm.pat, &subject.js, subject.typed.as_ref());
            if let Some(guard) = &arm.guard {
                self.env.push(bindings.iter().cloned().collect());
                let guard = self.translate(guard).js;
                self.env.pop();
                test = Js::and(test, guard).fold();
            }
            let last = index + 1 == arms.len();
            tests.push((test, bindings, last));
        }
        // Arms after one that always matches are unreachable; the last arm is the default.
        let mut default_arm = None;
        for (index, (test, _, last)) in tests.iter().enumerate() {
            if test.as_bool() == Some(true) || (*last && default_arm.is_none()) {
                default_arm = Some(index);
                break;
            }
        }
        for (index, (test, _, _)) in tests.iter().enumerate() {
            if Some(index) == default_arm {
                break;
            }
            if test.as_bool() != Some(false) {
                rules.push((index, test.clone()));
            }
        }
        let Some(default_index) = default_arm else {
            return flow;
        };
        // A value-producing `match` of plain expressions is a JSONata conditional.
        if matches!(dest, Dest::Var(_) | Dest::Output | Dest::Tuple(_))
            && arms.iter().all(|arm| pure_value(&arm.body).is_some())
        {
            let value_of = |lowerer: &mut Self, index: usize| -> Js {
                let bindings = tests[index].1.clone();
                lowerer.env.push(bindings.into_iter().collect());
                let value = pure_value(&arms[index].body)
                    .map_or(Js::Null, |pure| lowerer.translate(pure).js);
                lowerer.env.pop();
                value
            };
            let mut js = value_of(self, default_index);
            for (arm_index, test) in rules.iter().rev() {
                let value = value_of(self, *arm_index);
                js = Js::Cond(Box::new(test.clone()), Box::new(value), Box::new(js));
            }
            return self.deliver(flow, dest, js.fold());
        }
        if rules.is_empty() {
            let (_, bindings, _) = tests.swap_remove(default_index);
            self.env.push(bindings.into_iter().collect());
            let out = self.value(&arms[default_index].body, flow, dest, None);
            self.env.pop();
            return out;
        }
        let mut state = State::new(
            self.scope,
            named("Check", scrutinee),
            Kind::Choice {
                rules: rules
                    .iter()
                    .map(|(_, test)| Rule {
                        condition: test.clone(),
                        next: None,
                        assign: Vec::new(),
                    })
                    .collect(),
                default: None,
            },
        );
        Self::fixed(&mut state, name);
        let (id, pending) = self.push(flow, state);
        let mut outs = Vec::new();
        for (rule_index, (arm_index, _)) in rules.iter().enumerate() {
            let flow = Flow {
                exits: vec![Slot::Rule(id, rule_index)],
                pending: pending.clone(),
            };
            let bindings = tests[*arm_index].1.clone();
            self.env.push(bindings.into_iter().collect());
            outs.push(self.value(&arms[*arm_index].body, flow, dest, None));
            self.env.pop();
        }
        let flow = Flow {
            exits: vec![Slot::Default(id)],
            pending,
        };
        let bindings = tests[default_index].1.clone();
        self.env.push(bindings.into_iter().collect());
        outs.push(self.value(&arms[default_index].body, flow, dest, None));
        self.env.pop();
        self.merge(outs)
    }

    fn loop_frame(&mut self, dest: Dest) {
        self.loops.push(LoopFrame {
            breaks: Vec::new(),
            continues: Vec::new(),
            dest,
        });
    }

    fn while_(
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

    fn loop_(&mut self, body: &'a Block, _span: Span, flow: Flow, dest: &Dest) -> Flow {
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

    fn for_(
        &mut self,
        binder: &'a super::super::ast::Binder,
        items: &'a syn::Expr,
        body: &'a Block,
        span: Span,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let assigns_outer = assigns_outer_vars(body);
        if let Some(target) = assigns_outer {
            self.ctxt.error_spanned_by(target, "a `for` loop runs as a Map state, whose iterations cannot update outer variables; collect the results with `fan_out(items, 1, |item| …)` instead");
        }
        let spec = super::step::MapSpec {
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

    pub(crate) fn wait(&mut self, expr: &'a Expr, flow: Flow, name: Option<&syn::LitStr>) -> Flow {
        let (wait, base_name) = match expr {
            Expr::Sleep { duration, .. } => {
                let seconds = self.duration_seconds(duration);
                let base_name = match &seconds {
                    Js::Num(text) => wait_name(text),
                    _ => named("Wait", duration_inner(duration)),
                };
                (WaitFor::Seconds(seconds), base_name)
            }
            Expr::SleepUntil { instant, .. } => {
                let js = self.translate(instant).js;
                (WaitFor::Timestamp(js), named("WaitUntil", instant))
            }
            _ => return flow,
        };
        let mut state = State::new(self.scope, base_name, Kind::Wait(wait));
        Self::fixed(&mut state, name);
        let (id, _) = self.push(flow, state);
        Flow::from(Slot::Next(id))
    }

    /// Seconds of a `Duration` expression, as JSONata.
    pub(crate) fn duration_seconds(&mut self, duration: &syn::Expr) -> Js {
        if let syn::Expr::Call(call) = duration
            && let (syn::Expr::Path(func), Some(arg), 1) =
                (&*call.func, call.args.first(), call.args.len())
        {
            let last = func
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default();
            let factor = match last.as_str() {
                "from_secs" => Some(1),
                "from_mins" => Some(60),
                "from_hours" => Some(3_600),
                _ => None,
            };
            if let Some(factor) = factor {
                let seconds = self.translate(arg).js;
                return if factor == 1 {
                    seconds
                } else {
                    Js::binary(BinOp::Mul, seconds, Js::Num(factor.to_string())).fold()
                };
            }
        }
        self.ctxt.error_spanned_by(duration, "a workflow sleeps for whole seconds: write `Duration::from_secs(n)`, `Duration::from_mins(n)` or `Duration::from_hours(n)`");
        Js::Num("0".to_owned())
    }

    pub(crate) fn fail(
        &mut self,
        error: &'a syn::Expr,
        cause: Option<&'a syn::Expr>,
        span: Span,
        flow: Flow,
        name: Option<&syn::LitStr>,
    ) -> Flow {
        let error_js = self.translate(error).js;
        let cause_js = cause.map_or(Js::Str(String::new()), |cause| self.translate(cause).js);
        let base_name = match &error_js {
            Js::Str(text) => {
                let cleaned: String = text
                    .split(|c: char| !c.is_alphanumeric())
                    .map(|word| {
                        let mut chars = word.chars();
                        chars.next().map_or_else(String::new, |first| {
                            first.to_uppercase().collect::<String>() + chars.as_str()
                        })
                    })
                    .collect();
                if cleaned.is_empty() {
                    "Fail".to_owned()
                } else {
                    cleaned
                }
            }
            _ => "Fail".to_owned(),
        };
        let _ = span;
        let depth = self.unwind.len();
        if depth > 0 && self.scope == 0 {
            // Inside a saga: run the compensations, then fail with this error.
            let var = self.error_var();
            let mut flow = flow;
            let value = Js::Object(vec![
                (super::super::js::Key::Text("Error".to_owned()), error_js),
                (super::super::js::Key::Text("Cause".to_owned()), cause_js),
            ]);
            flow.assign(&var, &value);
            self.join(flow, Target::Unwind(depth));
            return Flow::dead();
        }
        let mut state = State::new(
            self.scope,
            base_name,
            Kind::Fail {
                error: error_js,
                cause: cause_js,
            },
        );
        Self::fixed(&mut state, name);
        let _ = self.push(flow, state);
        Flow::dead()
    }
}

fn duration_inner(duration: &syn::Expr) -> &syn::Expr {
    match duration {
        syn::Expr::Call(call) => call.args.first().unwrap_or(duration),
        other => other,
    }
}

/// The first statement of a `for` body assigning a variable declared outside it.
fn assigns_outer_vars(body: &Block) -> Option<&syn::Ident> {
    fn declared(stmts: &[super::super::ast::Stmt], names: &mut Vec<String>) {
        for stmt in stmts {
            if let super::super::ast::Stmt::Let { binder, .. } = stmt {
                collect(binder, names);
            }
        }
    }
    fn collect(binder: &super::super::ast::Binder, names: &mut Vec<String>) {
        match binder {
            super::super::ast::Binder::Ident(ident) => names.push(ident.to_string()),
            super::super::ast::Binder::Tuple(items) => {
                for item in items {
                    collect(item, names);
                }
            }
            super::super::ast::Binder::Wild => {}
        }
    }
    let mut names = Vec::new();
    declared(&body.stmts, &mut names);
    body.stmts.iter().find_map(|stmt| match stmt {
        super::super::ast::Stmt::Assign { target, .. } if !names.contains(&target.to_string()) => {
            Some(target)
        }
        _ => None,
    })
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
