//! The command line: `kam` opens the app; subcommands make the same store
//! scriptable. One file per subcommand.

// First: its macros (`say!`, `note!`) are for the files below.
#[macro_use]
mod out;
mod demo;
mod errors;
mod export;
mod import;
mod list;
mod list_activities;
mod list_money;
mod log;
mod progress_bar;
mod rep;
mod report;
mod safety;
mod visits;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::{Lang, Msg};
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "kam",
    version,
    about = "Key Account Manager: accounts, pipeline, visits and reports for key-account sales reps"
)]
pub struct Cli {
    /// The database file (default: kam.sqlite3 in your data folder).
    #[arg(long, env = "KAM_DB", global = true)]
    pub db: Option<PathBuf>,
    /// Language: en or zh-CN (default: from LANG).
    #[arg(long, global = true)]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill the database with realistic demo data.
    Demo(demo::DemoArgs),
    /// Import records of any kind from CSV (UTF-8, UTF-16 or GBK; comma, semicolon or tab), xlsx or JSON.
    Import(import::ImportArgs),
    /// Export records of a kind, or all of them, as CSV, JSON or xlsx (visits also as iCalendar).
    Export(export::ExportArgs),
    /// List records of a kind: accounts, contacts, opportunities, activities, follow-ups, contracts, visits, targets...
    List(list::ListArgs),
    /// Log one activity (the unit of the daily report).
    Log(log::LogArgs),
    /// Write a management form: daily, monthly, collections, assessment or visits
    /// (table, CSV, JSON, Markdown or xlsx).
    Report(report::ReportArgs),
    /// Show or set whose file this is.
    Rep(rep::RepArgs),
    /// Write a checked backup now (default: into backups/ beside the database).
    Backup(safety::BackupArgs),
    /// Put a backup in the database's place (the current file is kept aside).
    Restore(safety::RestoreArgs),
    /// Check the database for damage (integrity and references); exit 1 when damaged.
    Check,
}

/// The default database: `kam.sqlite3` in the platform's data folder.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kam").map(|dirs| dirs.data_dir().join("kam.sqlite3"))
}

pub fn run(cli: Cli) -> ExitCode {
    let lang = Lang::detect(cli.lang.as_deref());
    // The app needs a terminal; cron, pipes and `ssh host kam` get the
    // subcommands pointed out instead of a stack trace.
    if cli.command.is_none() {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            note!("kam: {}", lang.t(Msg::NeedsTerminal));
            return ExitCode::from(2);
        }
    }
    let config_path = std::env::var_os("KAM_CONFIG").map(PathBuf::from).or_else(crate::config::default_path);
    let Some(path) = cli.db.clone().or_else(default_db_path) else {
        note!("kam: {}", lang.t(Msg::CliNoDataDir));
        return ExitCode::from(1);
    };
    let (config, config_warning) = config_path.as_deref().map(crate::config::load).unwrap_or_default();
    // A dry run never makes a file: with no database yet, the rows are
    // checked against an empty one in a temporary folder, gone after.
    let scratch = match &cli.command {
        Some(Command::Import(args)) if args.dry_run && !path.exists() => tempfile_dir(),
        _ => None,
    };
    let path = scratch.as_ref().map_or(path, |dir| dir.join("dry-run.sqlite3"));
    // These two look at the file without opening it for writing.
    let early = match &cli.command {
        Some(Command::Check) => Some(safety::check(&path, lang)),
        Some(Command::Restore(args)) => Some(safety::restore(&path, args, lang).map(|()| true)),
        _ => None,
    };
    if let Some(result) = early {
        return exit_code(result, lang);
    }
    if let Some(warning) = &config_warning {
        note!("kam: {}", lang.t(Msg::ConfigBroken).replace("{error}", warning));
    }
    // Commands that only read open a damaged file all the same, so what can
    // still be read can be listed and exported; writing ones are refused.
    let reads = matches!(cli.command, Some(Command::List(_) | Command::Export(_) | Command::Backup(_)))
        || matches!(&cli.command, Some(Command::Report(r)) if !r.submit);
    let opened = if reads { Store::open_to_read(&path) } else { Store::open(&path) };
    let mut store = match opened {
        Ok(store) => store,
        Err(e) => {
            note!("kam: {}", errors::store_error(lang, &e));
            return ExitCode::from(1);
        }
    };
    // A command waits for another kam's long write (an import) and says
    // so, rather than failing with "locked" after a few seconds.
    if cli.command.is_some() {
        let tell = move |w: &crate::store::Writer| {
            note!("kam: {}", lang.t(Msg::CliWaiting).replace("{holder}", &crate::labels::lock_holder(lang, Some(w))));
        };
        if let Err(e) = store.wait_for_other_kams(OTHER_KAM_PATIENCE, Box::new(tell)) {
            note!("kam: {}", errors::store_error(lang, &e));
            return ExitCode::from(1);
        }
    }
    let v = &config.visits;
    store.set_cadences(v.a_every_days, v.b_every_days, v.c_every_days);
    store.set_plan_rules(v.rules());
    store.set_probabilities(config.pipeline.probabilities);
    let today = chrono::Local::now().date_naive();
    // Imports, exports and the demo show how far they are once they take
    // more than a second.
    let label = |doing: (&str, &str), what: String| {
        let chinese = lang.is_chinese();
        format!("{} {}", if chinese { doing.1 } else { doing.0 }, progress_bar::kind_word(&what, chinese))
    };
    let _bar = match &cli.command {
        Some(Command::Import(a)) => Some(label(("importing", "正在导入"), format!("{:?}", a.kind).to_lowercase())),
        Some(Command::Export(a)) => Some(label(("exporting", "正在导出"), format!("{:?}", a.kind).to_lowercase())),
        Some(Command::Demo(_)) => Some(label(("writing demo data", "正在生成演示数据"), String::new())),
        _ => None,
    }
    .map(|what| {
        crate::progress::start(None);
        progress_bar::ProgressBar::start(what.trim_end().to_string())
    });
    let result = match cli.command {
        None => {
            // The day's backup, made beside the first frame on a connection
            // of its own; and once more on quit if the day's work changed it.
            let db = path.clone();
            let now = chrono::Local::now().naive_local();
            let (tell, notices) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                if let Err(e) = crate::store::daily_backup_of(&db, now, false) {
                    let said = lang.t(Msg::BackupFailed).replace("{error}", &errors::store_error(lang, &e));
                    let _ = tell.send(said);
                }
            });
            // A new year (or a new file) gets its visit plan. A file that
            // cannot be written says so at its first real write instead.
            let _ = crate::ops::plan_ahead(&mut store, today);
            let start = crate::tui::Start { config, config_warning, lang, today, notices };
            let result = crate::tui::run(store, start).map(|()| true);
            if crate::store::changed_since_backup(&path)
                && let Err(e) = crate::store::daily_backup_of(&path, chrono::Local::now().naive_local(), true)
            {
                note!("kam: {}", errors::store_error(lang, &e));
            }
            result
        }
        Some(Command::Demo(args)) => demo::run(store, &args, lang, today).map(|()| true),
        Some(Command::Import(args)) => import::run(&mut store, &args, &config, lang, today),
        Some(Command::Export(args)) => export::run(&store, &args, lang).map(|()| true),
        Some(Command::List(args)) => list::run(&store, &args, lang, today).map(|()| true),
        Some(Command::Log(args)) => log::run(&mut store, &args, lang, today).map(|()| true),
        Some(Command::Report(args)) => report::run(&mut store, &args, lang, today, &config).map(|()| true),
        Some(Command::Rep(args)) => rep::run(&mut store, &args, lang).map(|()| true),
        Some(Command::Backup(args)) => safety::backup(&store, &args, lang).map(|()| true),
        Some(Command::Check | Command::Restore(_)) => Ok(true),
    };
    exit_code(result, lang)
}

/// How long a command waits for another kam's write to end (the biggest
/// import, or a demo at scale L, takes a minute or two).
const OTHER_KAM_PATIENCE: std::time::Duration = std::time::Duration::from_secs(600);

/// The exit status of a command, its error said on stderr.
/// A private temporary folder, removed by `ScratchDir`'s drop.
fn tempfile_dir() -> Option<ScratchDir> {
    let dir = std::env::temp_dir().join(format!("kam-dry-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    Some(ScratchDir(dir))
}

/// A folder that is removed when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn exit_code(result: anyhow::Result<bool>, lang: Lang) -> ExitCode {
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // `kam export accounts | head`: the reader left; nothing is wrong.
        Err(e) if e.chain().any(is_broken_pipe) => ExitCode::SUCCESS,
        Err(e) if e.downcast_ref::<errors::Refused>().is_some() => {
            note!("kam: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            if let Some(store_error) = e.downcast_ref::<crate::store::StoreError>() {
                note!("kam: {}", errors::store_error(lang, store_error));
            } else if let Some(import_error) = e.downcast_ref::<crate::io::import::ImportError>() {
                note!("kam: {}", errors::import_error(lang, import_error));
            } else {
                note!("kam: {e:#}");
            }
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    use crate::io::export::ExportError;
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    let csv_pipe = |c: &csv::Error| matches!(c.kind(), csv::ErrorKind::Io(io) if pipe(io));
    let json_pipe = |j: &serde_json::Error| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe);
    match e.downcast_ref::<ExportError>() {
        Some(ExportError::Io(io)) => pipe(io),
        Some(ExportError::Csv(c)) => csv_pipe(c),
        Some(ExportError::Json(j)) => json_pipe(j),
        _ => {
            e.downcast_ref::<std::io::Error>().is_some_and(pipe)
                || e.downcast_ref::<csv::Error>().is_some_and(csv_pipe)
                || e.downcast_ref::<serde_json::Error>().is_some_and(json_pipe)
        }
    }
}
