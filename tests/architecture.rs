//! The layers, checked: the screen writes only through `ops`, `domain`
//! knows no SQL, no text and no I/O, `i18n` imports nothing from the
//! crate. A rule written down only in a document drifts; this one fails
//! the build.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub)
}

/// The code of a file without its `#[cfg(test)]` module and comments: unit
/// tests may use anything.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("read");
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Methods of `Store` that take `&mut self` (they write, or set how this
/// process writes), and every method of `Batch` (the writes of a
/// transaction), read from the store's own source so a new one is covered.
fn store_writers() -> Vec<String> {
    let mut names = Vec::new();
    for path in rust_files(&src("store")) {
        let code = code_of(&path);
        let mut in_batch = false;
        for line in code.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("impl ") {
                in_batch = trimmed.starts_with("impl Batch");
            }
            let Some(rest) = trimmed.strip_prefix("pub fn ") else { continue };
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if in_batch || rest.contains("(&mut self") {
                names.push(name);
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Setters of this process's own settings: they write nothing to the file.
const NOT_WRITES: &[&str] =
    &["set_probabilities", "set_cadences", "set_plan_rules", "set_origin", "wait_for_other_kams"];

#[test]
fn screens_write_only_through_ops() {
    let writers = store_writers();
    for expected in ["action", "batch", "undo", "redo", "insert_account", "delete_account", "save_daily_summary"] {
        assert!(writers.iter().any(|w| w == expected), "{expected} is seen as a write: {writers:?}");
    }
    let mut offences = Vec::new();
    for dir in ["tui", "cli", "io"] {
        for path in rust_files(&src(dir)) {
            let code = code_of(&path);
            for name in writers.iter().filter(|w| !NOT_WRITES.contains(&w.as_str())) {
                let call = format!(".{name}(");
                // Another type's method of the same name (a form's
                // `undo`) is not the store's: only calls on a store count.
                for (at, _) in code.match_indices(&call) {
                    let before = &code[..at];
                    let receiver: String = before
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect();
                    if receiver.ends_with("store") || receiver.ends_with("Store") {
                        offences.push(format!("{}: {receiver}{call}", path.display()));
                    }
                }
            }
            if dir == "tui" && (code.contains("Batch") || code.contains("crate::demo::generate")) {
                offences.push(format!("{}: reaches past ops (Batch or the demo generator)", path.display()));
            }
        }
    }
    assert!(offences.is_empty(), "writes outside ops:\n{}", offences.join("\n"));
}

/// In the TUI, tabs and popups answer with effects; the one place that
/// runs `ops` is `tui/command.rs`.
#[test]
fn in_the_tui_only_the_command_runner_calls_ops() {
    let mut offences = Vec::new();
    for path in rust_files(&src("tui")) {
        if path.ends_with("command.rs") {
            continue;
        }
        let code = code_of(&path);
        for (at, _) in code.match_indices("ops::") {
            let rest = &code[at + 5..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            // A call is a lower-case name followed by `(`; types are fine.
            if name.chars().next().is_some_and(|c| c.is_lowercase()) && rest[name.len()..].starts_with('(') {
                offences.push(format!("{}: ops::{name}(", path.display()));
            }
        }
    }
    assert!(offences.is_empty(), "ops called outside tui/command.rs:\n{}", offences.join("\n"));
}

#[test]
fn the_domain_knows_no_sql_no_text_and_no_io() {
    let mut offences = Vec::new();
    for path in rust_files(&src("domain")) {
        let code = code_of(&path);
        for banned in ["rusqlite", "crate::i18n", "Msg::", "std::fs", "std::io", "println!", "eprintln!"] {
            if code.contains(banned) {
                offences.push(format!("{}: {banned}", path.display()));
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn i18n_imports_nothing_from_the_crate() {
    let mut offences = Vec::new();
    for path in rust_files(&src("i18n")) {
        let code = code_of(&path);
        if code.contains("crate::") || code.contains("super::super") {
            offences.push(path.display().to_string());
        }
    }
    assert!(offences.is_empty(), "i18n uses the crate: {offences:?}");
}

#[test]
fn sql_lives_only_in_the_store() {
    let mut offences = Vec::new();
    for dir in ["tui", "cli", "io", "ops", "reports", "domain", "labels.rs", "demo"] {
        let path = src(dir);
        let files = if path.is_dir() {
            rust_files(&path)
        } else if path.exists() {
            vec![path]
        } else {
            vec![]
        };
        for file in files {
            let code = code_of(&file);
            for banned in ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "rusqlite::"] {
                if code.contains(banned) {
                    offences.push(format!("{}: {banned}", file.display()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "SQL outside the store:\n{}", offences.join("\n"));
}
