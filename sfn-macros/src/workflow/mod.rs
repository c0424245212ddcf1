//! `#[workflow(...)]`: compiles a Rust function body to a JSONata state machine.
//!
//! Phases: `parse` (syn -> AST), `check` (rules spanning the body), `lower` (AST -> state
//! graph, with assignments riding on neighbouring states), `optimize` (merge nested
//! Choices, share identical states, drop unused assignments), `names` (final state names),
//! `render` (JSON template with holes) and `expand` (the generated module). Every phase
//! reports into one `Ctxt`, so all errors of a workflow come out at once.

mod ast;
mod check;
mod expand;
mod graph;
mod js;
mod lower;
mod names;
mod optimize;
mod parse;
mod parse_call;
mod parse_match;
mod render;
mod shadow;

use proc_macro2::TokenStream;
use syn::{LitInt, LitStr};

use crate::ctxt::{Ctxt, did_you_mean};

const NAME: &str = "name";
const TIMEOUT_SECS: &str = "timeout_secs";
const COMMENT: &str = "comment";
const KEYS: &[&str] = &[NAME, TIMEOUT_SECS, COMMENT];

/// The `#[workflow(...)]` arguments.
#[derive(Default)]
pub(crate) struct WorkflowArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) timeout_secs: Option<LitInt>,
    pub(crate) comment: Option<LitStr>,
}

/// Why AWS would refuse `name` as a state machine's name: it has 1 to 80 characters and no
/// whitespace or control characters. (Other characters AWS refuses are left to the
/// deployment, where a template may still substitute `${Stage}` in the name.)
fn machine_name_problem(name: &str) -> Option<String> {
    let length = name.chars().count();
    if !(1..=80).contains(&length) {
        return Some(format!(
            "a state machine's name has 1 to 80 characters, not {length}"
        ));
    }
    name.chars()
        .find(|c| c.is_whitespace() || c.is_control())
        .map(|c| {
            format!("a state machine's name cannot hold whitespace or control characters ({c:?})")
        })
}

fn parse_args(ctxt: &Ctxt, args: TokenStream) -> WorkflowArgs {
    let mut parsed = WorkflowArgs::default();
    let parser = syn::meta::parser(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if KEYS.contains(&key.as_str()) && !meta.input.peek(syn::Token![=]) {
            // Without this, syn reports the missing `=` on the whole attribute.
            return Err(meta.error(format!("`{key}` takes a value: `{key} = …`")));
        }
        let duplicate = match key.as_str() {
            NAME => {
                let name: LitStr = meta.value()?.parse()?;
                if let Some(problem) = machine_name_problem(&name.value()) {
                    ctxt.error_spanned_by(&name, problem);
                }
                parsed.name.replace(name).is_some()
            }
            TIMEOUT_SECS => {
                let value: LitInt = meta.value()?.parse()?;
                match value.base10_parse::<u64>() {
                    Ok(seconds) if (1..=99_999_999).contains(&seconds) => {}
                    _ => ctxt.error_spanned_by(
                        &value,
                        "`timeout_secs` is between 1 and 99999999 seconds",
                    ),
                }
                parsed.timeout_secs.replace(value).is_some()
            }
            COMMENT => parsed.comment.replace(meta.value()?.parse()?).is_some(),
            _ => {
                let hint = did_you_mean(&key, KEYS.iter().copied()).map_or_else(
                    || format!("; expected one of {}", KEYS.join(", ")),
                    |found| format!("; did you mean `{found}`?"),
                );
                ctxt.error_spanned_by(&meta.path, format!("unknown workflow key `{key}`{hint}"));
                if meta.input.peek(syn::Token![=]) {
                    let _ = meta.value()?.parse::<syn::Expr>()?;
                }
                false
            }
        };
        if duplicate {
            ctxt.error_spanned_by(&meta.path, format!("duplicate key `{key}`"));
        }
        Ok(())
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, args) {
        ctxt.push(error);
    }
    parsed
}

pub(crate) fn entry(args: TokenStream, input: TokenStream) -> TokenStream {
    let function = match syn::parse2::<syn::ItemFn>(input) {
        Ok(function) => function,
        Err(error) => return error.into_compile_error(),
    };
    let ctxt = Ctxt::new();
    let args = parse_args(&ctxt, args);
    let workflow = parse::parse(&ctxt, &function);
    check::check(&ctxt, &workflow);
    let lowered = lower::lower(&ctxt, &workflow, &function.sig.output);
    let mut graph = lowered.graph;
    optimize::optimize(&mut graph);
    let names = names::assign(&ctxt, &graph);
    let shadow = shadow::shadow(&function, &lowered.untranslated, !ctxt.has_errors());
    let tokens = match ctxt.check() {
        Ok(()) => expand::expand(&expand::Parts {
            function: &function,
            workflow: &workflow,
            args: &args,
            graph: &graph,
            names: &names,
            assertions: &lowered.assertions,
            shadow,
        }),
        Err(errors) => {
            let mut tokens = errors.into_compile_error();
            tokens.extend(expand::fallback(&function, &shadow));
            tokens
        }
    };
    crate::debug::dump("workflow", &function.sig.ident.to_string(), &tokens);
    tokens
}

#[cfg(test)]
mod tests;
