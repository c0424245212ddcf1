//! Compile-fail and compile-pass tests of the macros (trybuild). Each file in `ui/fail/`
//! holds one mistake and is named after it; its `.stderr` is the reviewed diagnostic.
//! Regenerate with `TRYBUILD=overwrite cargo test -p sfn-tests --test ui`, then read the
//! diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
