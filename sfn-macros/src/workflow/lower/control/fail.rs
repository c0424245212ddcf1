//! Failing the workflow: a Fail state, or the saga's compensations first.

use proc_macro2::Span;

use super::super::{Flow, Lowerer};
use crate::workflow::graph::{Kind, State};
use crate::workflow::js::Js;

impl<'a> Lowerer<'a> {
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
        // Inside a saga: run the compensations, then fail with this error. A `fail!` in a
        // compensation or cleanup run by the unwind chain fails at once, as a failing call
        // there does (entering the chain again would run it again, or forever).
        if depth > 0 && self.scope == 0 && !self.building_chain {
            let var = self.error_var();
            let mut flow = flow;
            let value = Js::Object(vec![
                (crate::workflow::js::Key::Text("Error".to_owned()), error_js),
                (crate::workflow::js::Key::Text("Cause".to_owned()), cause_js),
            ]);
            flow.assign(&var, &value);
            self.join(flow, self.failure_target(depth));
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
