//! What the command line prints. A reader that went away (`kam list |
//! head -1`, `kam log … | true`) is no error: the work is done and kam
//! ends quietly with success, never with a panic after a commit.

use std::io::Write;

/// A line on standard output.
pub fn write_out(text: &str) -> std::io::Result<()> {
    // A progress bar on the terminal goes first, and stays away (its
    // lock held) until the line is out.
    let mut err = std::io::stderr().lock();
    super::progress_bar::wipe(&mut err);
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A line on standard error; if that is closed too there is no one left
/// to tell.
pub fn write_err(text: &str) {
    let mut err = std::io::stderr().lock();
    super::progress_bar::wipe(&mut err);
    let _ = writeln!(err, "{text}");
}

/// `println!` that survives a closed pipe; use with `?`.
macro_rules! say {
    ($($arg:tt)*) => { $crate::cli::out::write_out(&format!($($arg)*)) };
}

/// `eprintln!` that survives a closed pipe.
macro_rules! note {
    ($($arg:tt)*) => { $crate::cli::out::write_err(&format!($($arg)*)) };
}
