//! Talking to cargo from a build script: `cargo:warning=` lines.

use std::path::{Path, PathBuf};

use crate::validate::Report;

/// Whether this runs as a cargo build script: cargo sets `OUT_DIR`, `TARGET` and `HOST`
/// for build scripts (`OUT_DIR` alone is also set for tests of packages that have one).
pub(super) fn is_build_script(is_set: impl Fn(&str) -> bool) -> bool {
    ["OUT_DIR", "TARGET", "HOST"].into_iter().all(is_set)
}

/// Writes each warning as a `cargo:warning=` line, which cargo shows when it builds the
/// package.
pub(super) fn write_cargo_warnings(
    out: &mut dyn std::io::Write,
    machines: &[(String, Report)],
) -> std::io::Result<()> {
    for (name, report) in machines {
        for warning in report.warnings() {
            // One line each: cargo reads the output line by line.
            let text = warning.to_string().replace(['\r', '\n'], " ");
            writeln!(out, "cargo:warning={name}: {text}")?;
        }
    }
    Ok(())
}

/// The `.asl.yaml` files in `dir` of the machines `names`, written without YAML: left
/// from an earlier run with [`Generator::with_yaml`], they hold an earlier definition.
/// (Nothing marks a file as the generator's, so they are not removed.)
pub(super) fn stale_yaml<'n>(dir: &Path, names: impl Iterator<Item = &'n str>) -> Vec<PathBuf> {
    names
        .map(|name| dir.join(format!("{name}.asl.yaml")))
        .filter(|path| path.is_file())
        .collect()
}

/// Writes a `cargo:warning=` line for each stale YAML file.
pub(super) fn write_stale_yaml_warnings(
    out: &mut dyn std::io::Write,
    stale: &[PathBuf],
) -> std::io::Result<()> {
    for path in stale {
        writeln!(
            out,
            "cargo:warning={} is not the machine generated now (it is written only with `.with_yaml()`) and still holds an earlier definition: delete it, or generate with `.with_yaml()`",
            path.display()
        )?;
    }
    Ok(())
}
