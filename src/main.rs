//! The `kam` binary: parse the command line, run the command.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Past a file-size limit a write fails (and is said in words) instead
    // of the process being killed mid-import by SIGXFSZ: a handler that
    // only raises a flag no one reads takes the signal's place.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = kam::cli::Cli::parse();
    kam::cli::run(cli)
}
