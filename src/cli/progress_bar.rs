//! The progress bar of a long command on standard error: drawn only to a
//! terminal, only once the work has taken more than a second, redrawn ten
//! times a second from `crate::progress`, and wiped when the work ends (so
//! the command's own summary line is what stays).

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Whether a bar is on the screen's last line now (a message wipes it
/// first; the bar comes back under the message at its next draw).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Wipes the bar off the current line, when one is there; `err` is
/// standard error, locked by the caller.
pub fn wipe(err: &mut impl Write) {
    if SHOWN.swap(false, Ordering::Relaxed) {
        let _ = write!(err, "\r\x1b[K");
    }
}

/// Draws while alive; dropping it stops and wipes the bar.
pub struct ProgressBar {
    stop: Arc<AtomicBool>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    /// A bar labelled `what` (e.g. "importing accounts"); nothing is drawn
    /// when standard error is not a terminal.
    pub fn start(what: String) -> ProgressBar {
        let stop = Arc::new(AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return ProgressBar { stop, drawer: None };
        }
        let stopped = Arc::clone(&stop);
        let drawer = std::thread::spawn(move || {
            let started = Instant::now();
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if started.elapsed() < Duration::from_secs(1) {
                    continue;
                }
                let (done, total) = crate::progress::now();
                let line = bar_line(&what, done, total, started.elapsed());
                // Under the lock, so a message never slips in between.
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r{line}\x1b[K");
                SHOWN.store(true, Ordering::Relaxed);
            }
            wipe(&mut std::io::stderr().lock());
        });
        ProgressBar { stop, drawer: Some(drawer) }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

/// `importing accounts [########------------]  40%  40,000/100,000  3s`,
/// or without a total, the count and the time.
/// What the bar says is being imported or exported: the kind as the
/// command line names it, in Chinese under a Chinese language.
pub fn kind_word(kind: &str, chinese: bool) -> &str {
    const ZH: &[(&str, &str)] = &[
        ("accounts", "客户"),
        ("contacts", "联系人"),
        ("opportunities", "商机"),
        ("activities", "客户活动"),
        ("contracts", "合同"),
        ("instalments", "回款计划"),
        ("receipts", "回款记录"),
        ("complaints", "投诉"),
        ("surveys", "满意度调查"),
        ("visits", "拜访计划"),
        ("targets", "目标"),
        ("all", "全部数据"),
    ];
    match ZH.iter().find(|(en, _)| *en == kind) {
        Some((_, zh)) if chinese => zh,
        _ => kind,
    }
}

fn bar_line(what: &str, done: u64, total: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs();
    match total {
        Some(total) => {
            let share = (done.min(total) as f64 / total.max(1) as f64).clamp(0.0, 1.0);
            let filled = (share * 20.0).round() as usize;
            format!(
                "{what} [{}{}] {:>3.0}%  {}/{}  {secs}s",
                "#".repeat(filled),
                "-".repeat(20 - filled),
                share * 100.0,
                grouped(done),
                grouped(total)
            )
        }
        None => format!("{what}  {}  {secs}s", grouped(done)),
    }
}

/// 100000 as 100,000.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_says_how_far_and_how_long() {
        let line = bar_line("importing accounts", 40_000, Some(100_000), Duration::from_secs(3));
        assert_eq!(line, "importing accounts [########------------]  40%  40,000/100,000  3s");
        assert_eq!(bar_line("demo", 1_234_567, None, Duration::from_secs(12)), "demo  1,234,567  12s");
    }

    #[test]
    fn every_kind_the_bar_can_name_has_its_chinese_word() {
        use clap::ValueEnum;
        let imports = crate::cli::import::ImportKind::value_variants().iter().map(|k| format!("{k:?}"));
        let exports = crate::cli::export::ExportKind::value_variants().iter().map(|k| format!("{k:?}"));
        for kind in imports.chain(exports).map(|k| k.to_lowercase()) {
            assert_eq!(kind_word(&kind, false), kind);
            assert!(!kind_word(&kind, true).is_ascii(), "{kind} has no Chinese word");
        }
    }
}
