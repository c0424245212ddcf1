//! `sleep` and `sleep_until`: Wait states.

use super::super::{Flow, Lowerer, Slot};
use super::name::named;
use crate::workflow::ast::Expr;
use crate::workflow::graph::{Kind, State, WaitFor};
use crate::workflow::js::{BinOp, Js};

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

impl<'a> Lowerer<'a> {
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
        if let Some((constructor, arg)) = duration_constructor(duration) {
            let factor = match constructor.as_str() {
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
}

/// `Duration::CONSTRUCTOR(arg)` (any path ending in the constructor's name): the name and
/// the one argument.
pub(crate) fn duration_constructor(duration: &syn::Expr) -> Option<(String, &syn::Expr)> {
    let syn::Expr::Call(call) = duration else {
        return None;
    };
    let (syn::Expr::Path(function), Some(arg), 1) =
        (&*call.func, call.args.first(), call.args.len())
    else {
        return None;
    };
    let constructor = function.path.segments.last()?.ident.to_string();
    Some((constructor, arg))
}

fn duration_inner(duration: &syn::Expr) -> &syn::Expr {
    match duration {
        syn::Expr::Call(call) => call.args.first().unwrap_or(duration),
        other => other,
    }
}
