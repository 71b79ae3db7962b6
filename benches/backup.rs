//! A backup at scale L (SPEC §7: within 2× of `sqlite3 FILE ".backup OUT"`).
//! Times kam's backup (the online backup API in steps, with a pause between
//! them so the app never stalls, then the quick check of the copy) beside
//! the `sqlite3` shell's `.backup` of the same file, when the shell is
//! installed.
//!
//! Run: `KAM_BENCH_DB=<file> cargo bench --bench backup`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::bench_db;
use divan::Bencher;
use kam::store::Store;

fn main() {
    divan::main();
}

fn out_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn kam_backup_verified(bencher: Bencher) {
    let store = Store::open_to_read(bench_db()).expect("open");
    let dest = out_path("bench-backup-kam.sqlite3");
    bencher.bench_local(|| store.backup_to(&dest).expect("backup"));
    let _ = std::fs::remove_file(&dest);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn sqlite3_shell_backup(bencher: Bencher) {
    let dest = out_path("bench-backup-shell.sqlite3");
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("sqlite3 is not installed: nothing to compare with");
        return;
    }
    bencher.bench_local(|| {
        let _ = std::fs::remove_file(&dest);
        let status = Command::new("sqlite3")
            .arg(bench_db())
            .arg(format!(".backup '{}'", dest.display()))
            .status()
            .expect("sqlite3");
        assert!(status.success());
    });
    let _ = std::fs::remove_file(&dest);
}
