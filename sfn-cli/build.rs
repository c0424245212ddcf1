//! Links the `sfn` binary as a position-dependent executable on GNU/Linux.
//!
//! A position-independent `sfn` makes the dynamic loader apply about 17,000 relative
//! relocations at every start, which costs about 0.4 ms of a 1.7 ms `sfn --version` (measured
//! with `LD_DEBUG=statistics` and hyperfine). `sfn` runs once per file in editor hooks and
//! CI steps, so start-up matters; the trade is that the executable itself is not placed at a
//! random address (its libraries and heap still are). Set `SFN_PIE=1` when building to keep
//! the default position-independent executable.

fn main() {
    println!("cargo::rerun-if-env-changed=SFN_PIE");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let keep_pie = std::env::var_os("SFN_PIE").is_some_and(|value| value == "1");
    // Only GNU/Linux linkers driven by cc take `-no-pie`; elsewhere the default stays.
    if os == "linux" && env == "gnu" && !keep_pie {
        println!("cargo::rustc-link-arg-bin=sfn=-no-pie");
    }
}
