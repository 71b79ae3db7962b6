//! A full disk and a read-only one, for real: a small tmpfs (kam's tests
//! run as root in CI and on the developers' machines; where mounting is not
//! allowed the test says so and checks nothing). On it, writing says "the
//! disk is full" or "read-only: PATH" in the user's language, once, and
//! loses nothing; reading, exporting and backing up to another disk still
//! work. (Root writes through a file's mode bits, so a read-only mount is
//! the read-only case root can meet.)

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::demo_db;

struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?.keep();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .output()
            .ok()?
            .status
            .success();
        ok.then_some(Tmpfs(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
        let _ = std::fs::remove_dir(&self.0);
    }
}

fn kam(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(db)
        .args(["--lang", lang])
        .args(args)
        .env("KAM_CONFIG", "/nonexistent/kam.toml")
        .output()
        .expect("run kam")
}

/// Fills the file system of `dir` to the last byte.
fn fill(dir: &Path) {
    let mut filler = std::fs::File::create(dir.join("filler")).expect("filler");
    let block = vec![0u8; 64 * 1024];
    use std::io::Write;
    while filler.write_all(&block).is_ok() {}
    let small = [0u8; 512];
    while filler.write_all(&small).is_ok() {}
    let one = [0u8; 1];
    while filler.write_all(&one).is_ok() {}
    let _ = filler.sync_all();
}

#[test]
fn on_a_full_disk_writing_says_so_and_reading_still_works() {
    let Some(disk) = Tmpfs::mount("16m") else {
        eprintln!("disk_full: cannot mount a tmpfs here (not root?); the full-disk test did not run");
        return;
    };
    let source = demo_db();
    let db = disk.0.join("kam.sqlite3");
    std::fs::copy(&source.path, &db).expect("copy the demo onto the small disk");
    let accounts_before = kam(&db, "en", &["list", "accounts", "--format", "csv", "--limit", "1000"]);
    assert!(accounts_before.status.success());
    fill(&disk.0);

    for (lang, words) in [("en", "disk is full"), ("zh-CN", "磁盘已满")] {
        let out =
            kam(&db, lang, &["log", "--account", "Apexstar Motors Group", "--channel", "phone", "--purpose", "x"]);
        assert!(!out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(words), "{lang}: {said}");
        assert_eq!(said.matches(words).count(), 1, "said once: {said}");
        assert!(!said.contains("disk I/O error") && !said.contains("Sqlite"), "no low-level text: {said}");
    }
    // Reading, exporting and backing up to another disk still work.
    let listed = kam(&db, "en", &["list", "accounts", "--format", "csv", "--limit", "1000"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert_eq!(listed.stdout, accounts_before.stdout, "nothing lost, nothing added");
    let elsewhere = tempfile::tempdir().expect("another disk");
    let out_file = elsewhere.path().join("accounts.csv");
    let out = kam(&db, "en", &["export", "accounts", "--out", out_file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::metadata(&out_file).expect("written").len() > 0);
    let backup = elsewhere.path().join("backup.sqlite3");
    let out = kam(&db, "en", &["backup", backup.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Space comes back: work resumes.
    std::fs::remove_file(disk.0.join("filler")).expect("free the disk");
    let out = kam(&db, "en", &["log", "--account", "Apexstar Motors Group", "--channel", "phone", "--purpose", "x"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn on_a_read_only_disk_writing_names_the_path_and_reading_still_works() {
    let Some(disk) = Tmpfs::mount("16m") else {
        eprintln!("disk_full: cannot mount a tmpfs here (not root?); the read-only test did not run");
        return;
    };
    let source = demo_db();
    let db = disk.0.join("kam.sqlite3");
    std::fs::copy(&source.path, &db).expect("copy the demo onto the small disk");
    let accounts_before = kam(&db, "en", &["list", "accounts", "--format", "csv", "--limit", "1000"]);
    assert!(accounts_before.status.success());
    let bytes_before = std::fs::read(&db).expect("read");
    let remounted = Command::new("mount").args(["-o", "remount,ro"]).arg(&disk.0).status().expect("mount");
    assert!(remounted.success(), "remount read-only");

    for (lang, words) in [("en", "read-only"), ("zh-CN", "只读")] {
        let out =
            kam(&db, lang, &["log", "--account", "Apexstar Motors Group", "--channel", "phone", "--purpose", "x"]);
        assert!(!out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(words), "{lang}: {said}");
        assert_eq!(said.matches(words).count(), 1, "said once: {said}");
        assert!(said.contains(&disk.0.display().to_string()), "names where: {said}");
        assert!(!said.contains("Sqlite") && !said.contains("attempt to write"), "no low-level text: {said}");
    }
    let listed = kam(&db, "en", &["list", "accounts", "--format", "csv", "--limit", "1000"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert_eq!(listed.stdout, accounts_before.stdout);
    let elsewhere = tempfile::tempdir().expect("another disk");
    let backup = elsewhere.path().join("backup.sqlite3");
    let out = kam(&db, "en", &["backup", backup.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Writable again: work resumes, and nothing was written meanwhile.
    let remounted = Command::new("mount").args(["-o", "remount,rw"]).arg(&disk.0).status().expect("mount");
    assert!(remounted.success(), "remount read-write");
    assert_eq!(std::fs::read(&db).expect("read"), bytes_before);
    let out = kam(&db, "en", &["log", "--account", "Apexstar Motors Group", "--channel", "phone", "--purpose", "x"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
