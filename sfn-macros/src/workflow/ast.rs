//! The workflow body as the compiler sees it: statements and the expressions that become
//! states, with the original `syn` nodes kept for spans and for JSONata translation.

use proc_macro2::Span;
use syn::{Ident, LitStr, Type};

/// The whole `#[workflow]` function.
pub(crate) struct Workflow {
    pub(crate) ident: Ident,
    pub(crate) vis: syn::Visibility,
    pub(crate) doc: Option<String>,
    pub(crate) params: Vec<Param>,
    /// The names bound by parameters whose pattern was refused (reported).
    pub(crate) refused_params: Vec<Ident>,
    pub(crate) body: Block,
}

pub(crate) struct Param {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
}

pub(crate) struct Block {
    pub(crate) stmts: Vec<Stmt>,
}

/// `#[sfn(name = "...")]` on a statement, or `.name("...")` on a step.
pub(crate) type StateNameAttr = Option<LitStr>;

#[expect(
    clippy::large_enum_variant,
    reason = "built once per macro call; boxing would only add noise"
)]
pub(crate) enum Stmt {
    Let {
        binder: Binder,
        ty: Option<Type>,
        value: Expr,
        name: StateNameAttr,
    },
    Assign {
        target: Ident,
        value: Expr,
        name: StateNameAttr,
    },
    /// An expression statement; `tail` when it is the block's value (no semicolon, last).
    Expr {
        value: Expr,
        tail: bool,
        name: StateNameAttr,
    },
    /// `defer(|| cleanup)`.
    Defer { body: Box<Expr>, span: Span },
}

/// A pattern that binds workflow variables.
#[derive(Clone)]
pub(crate) enum Binder {
    Ident(Ident),
    Tuple(Vec<Binder>),
    Wild,
    /// A pattern the macro refused (reported): its names are declared with no value, so
    /// that their uses are not reported too.
    Refused(Vec<Ident>),
}

#[expect(
    clippy::large_enum_variant,
    reason = "built once per macro call; boxing would only add noise"
)]
pub(crate) enum Expr {
    /// Translated to JSONata.
    Pure(syn::Expr),
    /// A task call, `parallel!` or fan-out, with its options.
    Step(Step),
    If {
        cond: Cond,
        then: Block,
        otherwise: Option<Box<Expr>>,
        span: Span,
    },
    Match {
        scrutinee: syn::Expr,
        arms: Vec<Arm>,
        span: Span,
    },
    /// `match step { Ok(v) => .., Err(e) if e.error == ".." => .. }`.
    MatchResult {
        step: Box<Step>,
        ok_binder: Binder,
        ok_body: Box<Expr>,
        err_arms: Vec<ErrArm>,
    },
    For {
        binder: Binder,
        items: syn::Expr,
        body: Block,
        span: Span,
    },
    While {
        cond: Cond,
        body: Block,
        span: Span,
    },
    Loop {
        body: Block,
        span: Span,
    },
    Sleep {
        duration: syn::Expr,
    },
    SleepUntil {
        instant: syn::Expr,
    },
    Fail {
        error: syn::Expr,
        cause: Option<syn::Expr>,
        span: Span,
    },
    Return {
        value: Option<Box<Expr>>,
        span: Span,
    },
    Break {
        value: Option<Box<Expr>>,
        span: Span,
    },
    Continue {
        span: Span,
    },
    Block(Block),
    /// Reported already; lowered to nothing.
    Invalid,
}

pub(crate) enum Cond {
    Expr(syn::Expr),
    Let { pat: syn::Pat, scrutinee: syn::Expr },
}

pub(crate) struct Arm {
    pub(crate) pat: syn::Pat,
    pub(crate) guard: Option<syn::Expr>,
    pub(crate) body: Expr,
}

/// The errors an `Err` arm catches, from its guard.
pub(crate) enum Caught {
    /// No guard: every error.
    Every,
    /// `if e.error == "A" || e.error == "B"`: those names.
    Named(Vec<LitStr>),
    /// A guard the macro cannot translate, already reported: the arm is lowered only to
    /// check its body, and no other rule is applied to it (it catches neither every error
    /// nor named ones).
    Unsupported,
}

pub(crate) struct ErrArm {
    pub(crate) binder: Binder,
    pub(crate) caught: Caught,
    pub(crate) body: Expr,
    pub(crate) span: Span,
    /// `Err(e) => fail!(e.error, e.cause)`: the error propagates unchanged, so no catcher.
    pub(crate) rethrow: bool,
}

pub(crate) struct Step {
    pub(crate) kind: StepKind,
    pub(crate) options: Vec<StepOption>,
    pub(crate) span: Span,
}

#[expect(
    clippy::large_enum_variant,
    reason = "built once per macro call; boxing would only add noise"
)]
pub(crate) enum StepKind {
    Task {
        path: syn::Path,
        args: Vec<syn::Expr>,
    },
    Parallel(Vec<Expr>),
    FanOut {
        mode: FanOutMode,
        items: syn::Expr,
        binder: Binder,
        binder_ty: Option<Type>,
        body: Box<Expr>,
    },
}

pub(crate) enum FanOutMode {
    /// `fan_out(items, max_concurrency, ..)`.
    Inline(syn::Expr),
    /// `fan_out_distributed(items, options, ..)`.
    Distributed(syn::Expr),
    /// `fan_out_reader(reader, options, ..)`.
    Reader(syn::Expr),
}

pub(crate) enum StepOption {
    Retry(syn::Expr),
    Timeout(syn::Expr),
    Heartbeat(syn::Expr),
    Catch {
        binder: Binder,
        body: Box<Expr>,
    },
    Compensate(Compensation),
    WaitForCallback(Span),
    Name(LitStr),
    /// `?`: errors propagate, which is what an uncaught step does anyway.
    Try,
}

pub(crate) enum Compensation {
    /// `.compensate(release)`: the task called with the step's result.
    Task(syn::Path, Span),
    /// `.compensate(|result| body)`.
    Closure {
        binder: Binder,
        body: Box<Expr>,
        span: Span,
    },
}

impl Step {
    pub(crate) fn name(&self) -> Option<&LitStr> {
        self.options.iter().find_map(|option| match option {
            StepOption::Name(name) => Some(name),
            _ => None,
        })
    }

    pub(crate) fn callback(&self) -> Option<Span> {
        self.options.iter().find_map(|option| match option {
            StepOption::WaitForCallback(span) => Some(*span),
            _ => None,
        })
    }
}
