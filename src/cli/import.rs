//! `kam import accounts|contacts FILE [--map HEADER=FIELD]... [--dry-run]
//! [--skip-invalid] [--on-duplicate keep|skip]`.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::config::Config;
use crate::i18n::{Lang, Msg};
use crate::io::import::{
    DuplicateOf, ImportOptions, ImportReport, OnDuplicate, Problem, import_accounts, import_contacts,
};
use crate::io::import_deals::{DealOptions, import_opportunities};
use crate::labels::field_error;
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportKind {
    Accounts,
    Contacts,
    Opportunities,
    /// By number (合同编号); the account by its exact name.
    Contracts,
    /// By contract number and seq (期次).
    Instalments,
    /// By contract number, and instalment seq when given (else the oldest
    /// instalment still owed).
    Receipts,
    /// The account by its exact name; found again by number.
    Complaints,
    /// The account by its exact name; overall 1-5, nps 0-10.
    Surveys,
    /// A manager's plan: account, date, time, kind, purpose; the account by
    /// its exact name; one visit per account, day and kind.
    Visits,
    /// Activities as `kam log` takes them: account (UUID, name or the one
    /// search match), date, time, channel, contacts, purpose, result, next
    /// step and date.
    Activities,
    /// The months' targets: month (YYYY-MM), sales, collections, visits,
    /// new_accounts; a month already set is left unless --on-duplicate update.
    Targets,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DuplicateChoice {
    /// A likely duplicate by name is imported (flagged); a record already
    /// here by UUID or --key is left as it is.
    Keep,
    /// Likely duplicates and records already here are left out.
    Skip,
    /// Records already here (by UUID or --key) take the file's values.
    Update,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub kind: ImportKind,
    pub file: PathBuf,
    /// Feed a field from a column: HEADER=FIELD (repeatable).
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub maps: Vec<String>,
    /// One value for every row: FIELD=VALUE (repeatable), e.g. --set stage=won
    /// for a file of won deals with no stage column.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub sets: Vec<String>,
    /// The file's own id column (e.g. opportunity_id): kept on each record,
    /// so importing the file again finds its rows instead of doubling them.
    #[arg(long, value_name = "COLUMN")]
    pub key: Option<String>,
    /// How the file writes its days when not year first, e.g. %m/%d/%Y or
    /// %d.%m.%Y (never guessed).
    #[arg(long, value_name = "FMT")]
    pub date_format: Option<String>,
    /// An xlsx file's sheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Check everything, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows even when some are rejected.
    #[arg(long)]
    pub skip_invalid: bool,
    /// What to do with a likely duplicate name: keep it (flagged) or skip it.
    #[arg(long, value_enum, default_value = "keep")]
    pub on_duplicate: DuplicateChoice,
    /// Opportunities: a stage value and where it goes, VALUE=STAGE (1-6, a
    /// stage name, won or lost), repeatable.
    #[arg(long = "stage-map", value_name = "VALUE=STAGE")]
    pub stage_map: Vec<String>,
    /// Activities: a channel value and the channel it means, VALUE=CHANNEL
    /// (visit, phone, 拜访, 电话...), repeatable.
    #[arg(long = "channel-map", value_name = "VALUE=CHANNEL")]
    pub channel_map: Vec<String>,
    /// Opportunities: create accounts the file names but this database lacks
    /// (and file rows with no account under "(no account)").
    #[arg(long)]
    pub create_accounts: bool,
}

/// Runs the import; Ok(false) when rows were rejected and nothing written.
pub fn run(store: &mut Store, args: &ImportArgs, config: &Config, lang: Lang, today: NaiveDate) -> Result<bool> {
    let options = ImportOptions {
        maps: args.maps.clone(),
        sets: args.sets.clone(),
        date_format: args.date_format.clone(),
        sheet: args.sheet.clone(),
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        on_duplicate: match args.on_duplicate {
            DuplicateChoice::Keep => OnDuplicate::Keep,
            DuplicateChoice::Skip => OnDuplicate::Skip,
            DuplicateChoice::Update => OnDuplicate::Update,
        },
        key: args.key.clone(),
    };
    let report = match args.kind {
        ImportKind::Accounts => import_accounts(store, &args.file, &options, |m| config.tiers.tier_for(m), today)?,
        ImportKind::Contacts => import_contacts(store, &args.file, &options)?,
        ImportKind::Opportunities => {
            let deals = DealOptions {
                common: options,
                stage_map: args.stage_map.clone(),
                create_accounts: args.create_accounts,
            };
            import_opportunities(store, &args.file, &deals, today)?
        }
        ImportKind::Contracts => crate::io::import_money::import_contracts(store, &args.file, &options)?,
        ImportKind::Instalments => crate::io::import_money::import_instalments(store, &args.file, &options)?,
        ImportKind::Receipts => crate::io::import_money::import_receipts(store, &args.file, &options)?,
        ImportKind::Complaints => {
            let rules = config.care.rules();
            crate::io::import_care::import_complaints(store, &args.file, &options, &rules)?
        }
        ImportKind::Surveys => crate::io::import_care::import_surveys(store, &args.file, &options)?,
        ImportKind::Visits => crate::io::import_visits::import_visits(store, &args.file, &options)?,
        ImportKind::Activities => {
            crate::io::import_activities::import_activities(store, &args.file, &options, &args.channel_map)?
        }
        ImportKind::Targets => crate::io::import_targets::import_targets(store, &args.file, &options)?,
    };
    print_report(&report, args, lang)?;
    // A dry run fails as the import would: when a row would be rejected
    // (unless told to skip such rows).
    // Told to skip bad rows, an import that wrote the rest (or found them
    // here already) has done what was asked.
    Ok(report.rejected.is_empty() || args.skip_invalid || (!args.dry_run && !report.refused()))
}

fn print_report(report: &ImportReport, args: &ImportArgs, lang: Lang) -> std::io::Result<()> {
    for e in &report.rejected {
        let reason = match &e.problem {
            Problem::Field(f) => field_error(lang, f),
            Problem::FieldCount { expected, found } => lang
                .t(Msg::ImportWrongCellCount)
                .replace("{found}", &found.to_string())
                .replace("{expected}", &expected.to_string()),
            Problem::UnknownAccount(name) => lang.t(Msg::ImportNoSuchAccount).replace("{name}", name),
            Problem::AlreadyImported => lang.t(Msg::ImportAlreadyThere).to_string(),
            Problem::NotAUuid => lang.t(Msg::ImportNotAUuid).to_string(),
            Problem::NotATimestamp => lang.t(Msg::ImportNotATimestamp).to_string(),
            Problem::UnknownStage(value) => lang.t(Msg::ImportUnknownStage).replace("{value}", value),
            Problem::NoAccount => lang.t(Msg::ImportNoAccount).to_string(),
            Problem::UnknownContract(value) => lang.t(Msg::ImportNoSuchContract).replace("{value}", value),
            Problem::UnknownInstalment(value) => lang.t(Msg::ImportNoSuchInstalment).replace("{value}", value),
            Problem::UnknownValue(value) => lang.t(Msg::ImportUnknownValue).replace("{value}", value),
            Problem::NotOneOf { value, choices } => lang.t(Msg::ImportNotOneOf).replace("{value}", value).replace(
                "{choices}",
                &choices.iter().map(|m| lang.t(*m)).collect::<Vec<_>>().join(if lang.is_chinese() {
                    "、"
                } else {
                    ", "
                }),
            ),
            Problem::AmbiguousAccount { name, candidates } => lang
                .t(Msg::ImportAmbiguousAccount)
                .replace("{name}", name)
                .replace("{candidates}", &candidates.join(if lang.is_chinese() { "、" } else { ", " })),
            Problem::UnknownContact(name) => lang.t(Msg::ImportNoSuchContact).replace("{name}", name),
            Problem::OfAnotherAccount(value) => lang.t(Msg::ImportOfAnotherAccount).replace("{value}", value),
        };
        note!(
            "{}",
            lang.t(Msg::ImportRejectedRow)
                .replace("{row}", &e.row.to_string())
                .replace("{column}", &e.column)
                .replace("{reason}", &reason)
        );
    }
    for d in &report.duplicates {
        let of = match d.of {
            DuplicateOf::Row(row) => lang.t(Msg::ImportDuplicateOfRow).replace("{other}", &row.to_string()),
            DuplicateOf::Existing(id) => lang.t(Msg::ImportDuplicateOfExisting).replace("{id}", &id.to_string()),
        };
        note!(
            "{}",
            lang.t(Msg::ImportDuplicate)
                .replace("{row}", &d.row.to_string())
                .replace("{name}", &d.name)
                .replace("{of}", &of)
        );
    }
    if !report.ignored_columns.is_empty() {
        note!("{}", lang.t(Msg::ImportIgnoredColumns).replace("{columns}", &report.ignored_columns.join(", ")));
    }
    let file = args.file.display().to_string();
    let summary = lang
        .t(Msg::ImportSummary)
        .replace("{file}", &file)
        .replace("{encoding}", report.encoding.name())
        .replace("{rows}", &lang.count(report.rows as i64, Msg::CountRows))
        .replace("{rejected}", &lang.count(report.rows_rejected() as i64, Msg::CountRows))
        .replace("{problems}", &lang.count(report.rejected.len() as i64, Msg::CountProblems))
        .replace("{duplicates}", &lang.count(report.duplicates.len() as i64, Msg::CountLikelyDuplicates));
    say!("{summary}")?;
    if report.already_there > 0 {
        say!("{}", lang.t(Msg::ImportAlreadyHere).replace("{n}", &report.already_there.to_string()))?;
    }
    if report.updated > 0 {
        say!("{}", lang.t(Msg::ImportUpdated).replace("{n}", &report.updated.to_string()))?;
    }
    if report.skipped_duplicates > 0 {
        let n = lang.count(report.skipped_duplicates as i64, Msg::CountLikelyDuplicates);
        say!("{}", lang.t(Msg::ImportSkippedDuplicates).replace("{n}", &n))?;
    }
    if report.dry_run {
        say!("{}", lang.t(Msg::ImportDryRun))?;
    } else if report.refused() {
        note!(
            "{}",
            lang.t(Msg::ImportRefused).replace("{n}", &lang.count(report.rejected.len() as i64, Msg::CountProblems))
        );
    } else if report.written == 0 && report.updated == 0 {
        say!("{}", lang.t(Msg::ImportNothingNew))?;
    } else {
        say!("{}", lang.t(Msg::ImportWritten).replace("{n}", &report.written.to_string()))?;
    }
    Ok(())
}
