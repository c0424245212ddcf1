//! The workflow AST -> the state graph.

mod binding;
mod block;
mod control;
mod flow;
mod map;
mod method;
mod pattern;
mod saga;
mod step;
mod translate;

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) use control::{duration_constructor, err_value};
pub(crate) use flow::{Flow, Slot};

use super::ast::{Block, Compensation, Expr, Stmt, Workflow};
use super::graph::{self, Graph, ScopeId};
use super::js::Js;
use crate::ctxt::Ctxt;

/// A typed path value, built where it is used: a value whose type lacks typed paths is an
/// error only if the workflow reads its fields.
pub(crate) fn typed_path(init: &TokenStream) -> TokenStream {
    quote!((#init))
}

/// What the macro knows about a value's JSON kind without run-time help.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Hint {
    Unknown,
    String,
    List,
    /// A `TaskError` bound from `$states.errorOutput`, whose `Cause` may be absent.
    TaskError,
    /// An `Option` JSONata may leave undefined (`first()`, `last()`, `get(..)`).
    Optional,
    /// A number or a `bool` (a parameter's declared type).
    Scalar,
}

impl Hint {
    /// What a parameter's declared type tells.
    fn of_type(ty: &syn::Type) -> Self {
        const SCALARS: &[&str] = &[
            "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
            "f32", "f64", "bool",
        ];
        match ty {
            syn::Type::Reference(inner) => Self::of_type(&inner.elem),
            syn::Type::Paren(inner) => Self::of_type(&inner.elem),
            syn::Type::Array(_) | syn::Type::Slice(_) => Self::List,
            // A missing `Option` is `null` in the variable; a list inside one may be `null`.
            syn::Type::Path(path) if is_option_type(ty) => match option_inner(path) {
                Some(inner) if Self::of_type(inner) != Self::List => Self::of_type(inner),
                _ => Self::Unknown,
            },
            syn::Type::Path(path) if path.qself.is_none() => {
                match path
                    .path
                    .segments
                    .last()
                    .map(|segment| segment.ident.to_string())
                {
                    Some(name) if SCALARS.contains(&name.as_str()) => Self::Scalar,
                    Some(name) if name == "String" || name == "str" => Self::String,
                    Some(name)
                        if ["Vec", "VecDeque", "BTreeSet", "HashSet"].contains(&name.as_str()) =>
                    {
                        Self::List
                    }
                    _ => Self::Unknown,
                }
            }
            _ => Self::Unknown,
        }
    }
}

/// `T` in `Option<T>`.
fn option_inner(path: &syn::TypePath) -> Option<&syn::Type> {
    let segment = path.path.segments.last()?;
    match &segment.arguments {
        syn::PathArguments::AngleBracketed(arguments) => {
            arguments.args.iter().find_map(|argument| match argument {
                syn::GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
        }
        _ => None,
    }
}

/// Whether a parameter's declared type is an `Option`, which may be missing from the input.
fn is_option_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|segment| segment.ident == "Option"))
}

/// A Rust name in scope: its JSONata value and, when known, its typed path.
#[derive(Clone)]
pub(crate) struct Binding {
    /// The value's definition had an error already reported.
    pub(crate) poisoned: bool,
    pub(crate) js: Js,
    /// The root expression and the typed path (relative to it) of the value.
    pub(crate) typed: Option<(Js, TokenStream)>,
    pub(crate) hint: Hint,
}

impl Binding {
    /// A name whose definition was refused (reported): its uses report nothing more.
    pub(crate) fn refused() -> Self {
        Self {
            poisoned: true,
            js: Js::Null,
            typed: None,
            hint: Hint::Unknown,
        }
    }
}

/// Where a value goes.
#[derive(Clone)]
pub(crate) enum Dest {
    Discard,
    Var(String),
    /// Several variables from the elements of an array result (`let (a, b) = parallel!(..)`).
    Tuple(Vec<Option<String>>),
    /// The output of the state list (the workflow, a branch, an iteration).
    Output,
}

/// A compensation or cleanup registered at the top level.
pub(crate) struct Unwind<'a> {
    pub(crate) body: UnwindBody<'a>,
    /// The ASL variable holding the step's result, for compensations.
    pub(crate) result: Option<String>,
    pub(crate) result_typed: Option<TokenStream>,
    pub(crate) cleanup: bool,
}

pub(crate) enum UnwindBody<'a> {
    Compensation(&'a Compensation),
    Cleanup(&'a Expr),
}

struct LoopFrame {
    breaks: Vec<Flow>,
    continues: Vec<Flow>,
    dest: Dest,
}

/// Where `return` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReturnTo {
    Workflow,
    Iteration,
    Nowhere,
}

pub(crate) struct Lowerer<'a> {
    pub(crate) ctxt: &'a Ctxt,
    pub(crate) graph: Graph,
    /// Compile-time assertions the expansion emits.
    pub(crate) assertions: Vec<TokenStream>,
    env: Vec<HashMap<String, Binding>>,
    used_vars: BTreeSet<String>,
    /// The state list each variable was declared in.
    var_scopes: HashMap<String, ScopeId>,
    loops: Vec<LoopFrame>,
    pub(crate) unwind: Vec<Unwind<'a>>,
    pub(crate) scope: ScopeId,
    return_to: ReturnTo,
    /// Nesting of blocks below the workflow body (0: top level).
    depth: usize,
    /// The variable that carries the error through the unwind chain.
    pub(crate) error_var: Option<String>,
    /// Set while the unwind chain is built (its states get no saga catchers).
    building_chain: bool,
    /// Set while a cleanup is lowered on a success path: how many cleanups were
    /// registered before it (those still to run if it fails).
    pub(crate) cleanups_before: Option<usize>,
    /// See [`Lowered::untranslated`].
    pub(crate) untranslated: BTreeSet<String>,
    /// The workflow returns `Result<_, TaskError>`, so `return Err(e)` fails the execution.
    returns_task_error: bool,
}

impl<'a> Lowerer<'a> {
    fn new(ctxt: &'a Ctxt) -> Self {
        let mut graph = Graph::default();
        let scope = graph.new_scope(None);
        Self {
            ctxt,
            graph,
            assertions: Vec::new(),
            env: vec![HashMap::new()],
            used_vars: binding::RESERVED_VARS
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
            var_scopes: HashMap::new(),
            loops: Vec::new(),
            unwind: Vec::new(),
            scope,
            return_to: ReturnTo::Workflow,
            depth: 0,
            error_var: None,
            building_chain: false,
            cleanups_before: None,
            untranslated: BTreeSet::new(),
            returns_task_error: false,
        }
    }

    /// Runs a nested state list (a branch or an iteration) with its own scope.
    pub(crate) fn nested<T>(
        &mut self,
        return_to: bool,
        f: impl FnOnce(&mut Self, ScopeId) -> T,
    ) -> (ScopeId, T) {
        let scope = self.graph.new_scope(Some(self.scope));
        let saved_scope = std::mem::replace(&mut self.scope, scope);
        let saved_return = std::mem::replace(
            &mut self.return_to,
            if return_to {
                ReturnTo::Iteration
            } else {
                ReturnTo::Nowhere
            },
        );
        let saved_loops = std::mem::take(&mut self.loops);
        self.depth += 1;
        let result = f(self, scope);
        self.depth -= 1;
        self.loops = saved_loops;
        self.return_to = saved_return;
        self.scope = saved_scope;
        (scope, result)
    }
}

/// What the macro can tell about the type of a `let` value.
pub(crate) enum ValueType {
    /// An expression building the value's typed path, and its kind.
    Single(Option<TokenStream>, Hint),
    Tuple(Vec<Option<TokenStream>>),
}

impl ValueType {
    fn hint(&self) -> Hint {
        match self {
            Self::Single(_, hint) => *hint,
            Self::Tuple(_) => Hint::Unknown,
        }
    }
}

/// Whether the body's first step is a `parallel!` or a fan-out.
fn starts_nested(body: &Block) -> bool {
    let first = body.stmts.iter().find_map(|stmt| match stmt {
        Stmt::Let { value, .. } | Stmt::Expr { value, .. } | Stmt::Assign { value, .. } => {
            match value {
                Expr::Pure(_) => None,
                other => Some(other),
            }
        }
        Stmt::Defer { .. } => None,
    });
    match first {
        Some(Expr::Step(step)) => !matches!(step.kind, super::ast::StepKind::Task { .. }),
        Some(Expr::MatchResult { step, .. }) => {
            !matches!(step.kind, super::ast::StepKind::Task { .. })
        }
        Some(Expr::For { .. }) => true,
        _ => false,
    }
}

/// The lowered workflow.
pub(crate) struct Lowered {
    pub(crate) graph: Graph,
    pub(crate) assertions: Vec<TokenStream>,
    /// Names of the methods refused as having no JSONata translation (the shadow body
    /// leaves their calls unchecked, so that each is one error, the macro's).
    pub(crate) untranslated: BTreeSet<String>,
}

pub(crate) fn lower<'a>(
    ctxt: &'a Ctxt,
    workflow: &'a Workflow,
    returns: &syn::ReturnType,
) -> Lowered {
    let mut lowerer = Lowerer::new(ctxt);
    lowerer.returns_task_error = returns_task_error(returns);
    let mut flow = Flow::entry(0);
    let single = workflow.params.len() == 1;
    // When the first step runs nested state lists, they read the parameters straight from
    // the execution input instead of variables that no earlier state could assign.
    let from_context = starts_nested(&workflow.body);
    for param in &workflow.params {
        let rust = crate::case::unraw(&param.ident);
        let var = lowerer.fresh_var(&rust);
        let ty = &param.ty;
        let typed = typed_path(
            &quote::quote_spanned!(syn::spanned::Spanned::span(ty)=> ::sfn_dsl::__private::root::<#ty>()),
        );
        let root = if from_context {
            "$states.context.Execution.Input"
        } else {
            "$states.input"
        };
        let input = if single {
            Js::Root(root)
        } else {
            Js::Field(Box::new(Js::Root(root)), rust.clone())
        };
        let hint = Hint::of_type(ty);
        if from_context {
            lowerer.bind(
                &rust,
                Binding {
                    poisoned: false,
                    js: input.clone(),
                    typed: Some((input, typed)),
                    hint,
                },
            );
            continue;
        }
        // A missing `Option` parameter is `null`, as serde reads it (`Assign` refuses
        // undefined). From the declared type: the typed path would require the type to
        // derive `Payload` even where no field is read.
        let stored = if is_option_type(ty) && !single {
            translate::null_if_missing(input)
        } else {
            input
        };
        flow.assign(&var, &stored);
        lowerer.bind(
            &rust,
            Binding {
                poisoned: false,
                js: Js::var(&var),
                typed: Some((Js::var(&var), typed)),
                hint,
            },
        );
    }
    for ident in &workflow.refused_params {
        lowerer.bind(&crate::case::unraw(ident), Binding::refused());
    }
    let _ = lowerer.top_block(&workflow.body, flow);
    if returns_unit(returns) {
        lowerer.unit_output();
    }
    lowerer.unwind_chain();
    Lowered {
        graph: lowerer.graph,
        assertions: lowerer.assertions,
        untranslated: lowerer.untranslated,
    }
}

/// Whether the workflow function returns `Result<_, TaskError>` (any path to `TaskError`).
fn returns_task_error(returns: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = returns else {
        return false;
    };
    let syn::Type::Path(path) = &**ty else {
        return false;
    };
    let Some(result) = path.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(arguments) = &result.arguments else {
        return false;
    };
    let is_task_error = |argument: &syn::GenericArgument| {
        matches!(argument, syn::GenericArgument::Type(syn::Type::Path(error))
            if error.path.segments.last().is_some_and(|segment| segment.ident == "TaskError"))
    };
    result.ident == "Result" && arguments.args.iter().nth(1).is_some_and(is_task_error)
}

/// Whether the workflow function returns `()`.
fn returns_unit(returns: &syn::ReturnType) -> bool {
    match returns {
        syn::ReturnType::Default => true,
        syn::ReturnType::Type(_, ty) => {
            matches!(&**ty, syn::Type::Tuple(tuple) if tuple.elems.is_empty())
        }
    }
}

impl Lowerer<'_> {
    /// Gives every successful end of the machine the output `null`, the JSON of `()`:
    /// without it the output would be whatever the last state produced (a task's result).
    fn unit_output(&mut self) {
        // `{% null %}`: a bare `null` reads back as no `Output` at all.
        let null = graph::Value::Js(Js::Root("null"));
        for state in &mut self.graph.states {
            let ends = state.next == Some(graph::Target::End)
                || matches!(state.kind, graph::Kind::Succeed);
            if state.scope == 0 && ends {
                state.output = Some(null.clone());
            }
        }
    }
}
