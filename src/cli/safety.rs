//! `kam backup [FILE]`, `kam restore FILE`, `kam check`: a way back for a
//! year of work (SPEC §7). `check` and `restore` never open the database
//! for writing: a damaged file is looked at, not written into.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use super::errors::Refused;
use crate::i18n::{Lang, Msg};
use crate::store::{self, Store};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write it (default: a dated file in backups/ beside the database).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to put in the database's place.
    pub file: PathBuf,
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

pub fn backup(store: &Store, args: &BackupArgs, lang: Lang) -> Result<()> {
    let dest = args.file.clone().unwrap_or_else(|| store.backup_dir().join(store::backup_name(now(), "")));
    if dest.exists() {
        anyhow::bail!(Refused(lang.t(Msg::BackupExists).replace("{path}", &dest.display().to_string())));
    }
    store.backup_to(&dest)?;
    say!("{}", lang.t(Msg::BackupWritten).replace("{path}", &dest.display().to_string()))?;
    Ok(())
}

/// Checks the file; false when it is damaged (exit status 1).
pub fn check(db: &Path, lang: Lang) -> Result<bool> {
    let report = store::check_file(db)?;
    let path = db.display().to_string();
    if report.is_sound() {
        say!("{}", lang.t(Msg::CheckSound).replace("{path}", &path))?;
        return Ok(true);
    }
    let mut what: Vec<String> = report.integrity.iter().filter(|l| *l != "ok").take(5).cloned().collect();
    if let Some((table, row, parent)) = report.foreign_keys.first() {
        what.push(
            lang.t(Msg::CheckBrokenReferences)
                .replace("{n}", &lang.count(report.foreign_keys.len() as i64, Msg::CountRecords))
                .replace("{table}", table)
                .replace("{row}", &row.to_string())
                .replace("{parent}", parent),
        );
    }
    note!("{}", lang.t(Msg::CheckDamaged).replace("{path}", &path).replace("{what}", &what.join("; ")));
    note!("{}", crate::labels::backup_advice(lang, db));
    Ok(false)
}

pub fn restore(db: &Path, args: &RestoreArgs, lang: Lang) -> Result<()> {
    let done = store::restore(db, &args.file, now())?;
    let from = args.file.display().to_string();
    let into = db.display().to_string();
    let text = match &done.set_aside {
        Some(aside) => lang
            .t(Msg::Restored)
            .replace("{from}", &from)
            .replace("{db}", &into)
            .replace("{aside}", &aside.display().to_string()),
        None => lang.t(Msg::RestoredFresh).replace("{from}", &from).replace("{db}", &into),
    };
    say!("{text}")?;
    Ok(())
}
