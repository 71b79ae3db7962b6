//! The command line: `kam` opens the app; subcommands make the same store
//! scriptable. One file per subcommand.

mod demo;
mod errors;

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
}

/// The default database: `kam.sqlite3` in the platform's data folder.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kam").map(|dirs| dirs.data_dir().join("kam.sqlite3"))
}

pub fn run(cli: Cli) -> ExitCode {
    let lang = Lang::detect(cli.lang.as_deref());
    let Some(path) = cli.db.clone().or_else(default_db_path) else {
        eprintln!("kam: {}", lang.t(Msg::CliNoDataDir));
        return ExitCode::from(1);
    };
    let store = match Store::open(&path) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("kam: {}", errors::store_error(lang, &e));
            return ExitCode::from(1);
        }
    };
    let today = chrono::Local::now().date_naive();
    let result = match cli.command {
        None => crate::tui::run(store, lang, today),
        Some(Command::Demo(args)) => demo::run(store, &args, lang, today),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<crate::store::StoreError>() {
                Some(store_error) => eprintln!("kam: {}", errors::store_error(lang, store_error)),
                None => eprintln!("kam: {e:#}"),
            }
            ExitCode::from(1)
        }
    }
}
