//! The `ktplan` binary: parse the arguments, run the library, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = ktplan::cli::Cli::parse();
    let outcome = ktplan::run(cli);
    ktplan::report_peak_memory();
    match outcome {
        Ok(code) => code,
        Err(error) if ktplan::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
