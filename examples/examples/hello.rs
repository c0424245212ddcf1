//! Prints the `hello` workflow as Amazon States Language JSON.

fn main() -> Result<(), sfn_dsl::Error> {
    let machine = sfn_examples::hello::definition()?;
    #[expect(clippy::print_stdout, reason = "an example prints its result")]
    {
        println!("{}", machine.to_json_pretty());
    }
    Ok(())
}
