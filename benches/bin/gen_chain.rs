//! Prints `sfn_benches::chain(N)`: `gen-chain N`.

use std::io::Write;

fn main() -> std::process::ExitCode {
    let Some(count) = std::env::args()
        .nth(1)
        .and_then(|text| text.parse::<usize>().ok())
    else {
        let _ = writeln!(std::io::stderr(), "usage: gen-chain N");
        return std::process::ExitCode::from(2);
    };
    let _ = std::io::stdout().write_all(sfn_benches::chain(count).as_bytes());
    std::process::ExitCode::SUCCESS
}
