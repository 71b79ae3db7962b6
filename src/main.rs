//! The `kam` binary: parse the command line, run the command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kam::cli::Cli::parse();
    kam::cli::run(cli)
}
