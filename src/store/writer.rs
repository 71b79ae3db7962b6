//! Who is writing: a kam that holds the file's write lock leaves a note
//! beside it (`<file>-writer`: what it is doing, its process id, since
//! when), so another kam that has to wait can say *what* it waits for
//! ("another kam, importing, since 17:20") instead of "database is
//! locked". SQLite itself cannot say who holds a lock.
//!
//! The note is best effort: it is written after the lock is taken and
//! removed when the write ends; a note whose process is gone is ignored,
//! and failing to write one (a full disk, a read-only folder) changes
//! nothing else.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

/// Another kam's write in progress, as its note says.
#[derive(Debug, Clone, PartialEq)]
pub struct Writer {
    /// What it is doing: `import`, `demo`, `log`, `app`...
    pub origin: String,
    pub pid: u32,
    pub since: DateTime<Local>,
}

fn note_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-writer", db.display()))
}

fn note_text(origin: &str, pid: u32, since: DateTime<Local>) -> String {
    format!("{origin}\n{pid}\n{}\n", since.to_rfc3339())
}

/// Leaves this process's note; removed when the returned guard drops.
pub(super) fn announce(db: &Path, origin: &str) -> Announced {
    let text = note_text(origin, std::process::id(), Local::now());
    let path = note_path(db);
    let written = write_private(&path, &text).is_ok();
    Announced { path, text: written.then_some(text) }
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

/// This process's note, while it writes.
pub(super) struct Announced {
    path: PathBuf,
    text: Option<String>,
}

impl Drop for Announced {
    fn drop(&mut self) {
        // Only our own note goes: the next writer may already have left its.
        if let Some(text) = &self.text
            && std::fs::read_to_string(&self.path).is_ok_and(|now| &now == text)
        {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The kam writing to `db` now, if one says so and is still running.
pub fn current_writer(db: &Path) -> Option<Writer> {
    let text = std::fs::read_to_string(note_path(db)).ok()?;
    let mut lines = text.lines();
    let origin = lines.next()?.to_string();
    let pid: u32 = lines.next()?.parse().ok()?;
    let since = DateTime::parse_from_rfc3339(lines.next()?).ok()?.with_timezone(&Local);
    (pid != std::process::id() && is_running(pid)).then_some(Writer { origin, pid, since })
}

fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        // Someone else's process by that id: it exists.
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_names_the_writer_until_its_write_ends() {
        let dir = std::env::temp_dir().join(format!("kam-writer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = dir.join("kam.sqlite3");
        // Our own note is not "another kam".
        let guard = announce(&db, "import");
        assert!(note_path(&db).exists());
        assert_eq!(current_writer(&db), None);
        drop(guard);
        assert!(!note_path(&db).exists());
        // A note of a process that is gone is ignored.
        std::fs::write(note_path(&db), note_text("import", u32::MAX / 2, Local::now())).expect("note");
        assert_eq!(current_writer(&db), None);
        // A running process's note is read back (pid 1 always runs).
        let since = Local::now();
        std::fs::write(note_path(&db), note_text("demo", 1, since)).expect("note");
        let writer = current_writer(&db).expect("pid 1 runs");
        assert_eq!((writer.origin.as_str(), writer.pid), ("demo", 1));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
