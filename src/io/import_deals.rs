//! `kam import opportunities FILE --stage-map VALUE=STAGE`: deals from a CRM
//! export. Each row's stage value is mapped to one of the six stages, or to
//! `won` / `lost`.
//!
//! How rows are read, as `kam import --help` and the README say:
//! - a won deal sits in Maintain at 100%, its close date the day it was won;
//! - a lost deal stays off the board, kept at Close with the day it was lost;
//! - an open deal's close date is its expected close date; a blank one stays
//!   blank (the forecast leaves it out), a blank amount is 0;
//! - an engage / created date becomes the day the deal entered its stage;
//! - an account not in the file is created with `--create-accounts`, else
//!   the row is rejected; a blank account is rejected, or with
//!   `--create-accounts` filed under one account named "(no account)".

use crate::labels::Named;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};

use super::import::{
    ImportError, ImportOptions, ImportReport, KEY, OnDuplicate, Problem, RowError, header_of, record_meta,
};
use super::mapping::FieldSpec;
use super::read_rows::{Row, RowReader};
use super::stream_import::{LOOKUPS_KEPT, Tally, Writing, import_streaming};
use crate::domain::deal::{deal_amount, deal_title, win_probability};
use crate::domain::{FieldError, Money, Outcome, Stage};
use crate::store::{Imported, NewAccount, NewOpportunity, OpportunityRow, Store};

/// The account blank-account rows are filed under, on request.
pub const NO_ACCOUNT: &str = "(no account)";

pub(super) const DEAL_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "account", aliases: &["account name", "company", "customer", "客户", "客户名称", "公司名称"]
    },
    FieldSpec {
        field: "title",
        aliases: &[
            "opportunity",
            "opportunity name",
            "deal",
            "project",
            "product",
            "项目",
            "项目名称",
            "机会名称",
            "商机名称",
            "商机",
            "产品",
        ],
    },
    FieldSpec { field: "stage", aliases: &["deal stage", "status", "阶段", "销售阶段"] },
    FieldSpec {
        field: "amount",
        aliases: &["close value", "value", "expected amount", "amount cents", "金额", "预计金额"],
    },
    FieldSpec { field: "probability", aliases: &["win probability", "赢率"] },
    FieldSpec {
        field: "close_date",
        aliases: &["expected close", "expected close date", "close", "预计成交日期", "成交日期"],
    },
    FieldSpec {
        field: "entered_on", aliases: &["engage date", "created", "created date", "created on", "创建日期"]
    },
    FieldSpec { field: "lost_reason", aliases: &["reason", "丢单原因"] },
    FieldSpec { field: "uuid", aliases: &[] },
    // A dump's own columns (kam's export): the outcome beside the stage,
    // the day it closed, who won it, the account by UUID, its key and when
    // it last changed.
    FieldSpec { field: "outcome", aliases: &["结果", "赢单/丢单"] },
    FieldSpec { field: "closed_on", aliases: &["closed", "won on", "lost on", "关闭日期", "结单日期"] },
    FieldSpec { field: "lost_to", aliases: &["competitor", "lost to", "竞争对手"] },
    FieldSpec { field: "account_uuid", aliases: &[] },
    FieldSpec { field: KEY, aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
    FieldSpec { field: "updated_at", aliases: &[] },
];

/// An outcome as files write it.
fn parse_outcome(text: &str) -> Option<Outcome> {
    match text.trim().to_lowercase().as_str() {
        "open" | "进行中" | "跟进中" => Some(Outcome::Open),
        "won" | "赢单" | "成交" => Some(Outcome::Won),
        "lost" | "丢单" | "输单" => Some(Outcome::Lost),
        _ => super::import::by_label(text, Outcome::ALL, |o| o.label()),
    }
}

/// Where a stage value puts a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Stage(Stage),
    Won,
    Lost,
}

fn parse_target(text: &str) -> Option<Target> {
    let t = text.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Stage::from_number(n).map(Target::Stage);
    }
    match t.to_lowercase().as_str() {
        "won" | "赢单" | "成交" => return Some(Target::Won),
        "lost" | "丢单" | "输单" => return Some(Target::Lost),
        _ => {}
    }
    Stage::ALL
        .into_iter()
        .find(|s| {
            let (en, zh) = s.label().texts();
            en.eq_ignore_ascii_case(t) || zh == t
        })
        .map(Target::Stage)
}

/// Options of the deals importer beyond the common ones.
#[derive(Debug, Clone, Default)]
pub struct DealOptions {
    pub common: ImportOptions,
    /// `VALUE=STAGE` pairs.
    pub stage_map: Vec<String>,
    pub create_accounts: bool,
}

/// A day as files write it: `2026-11-26`, `2026/11/26`, `20261126`, with
/// or without a time after it (`2026-11-26 19:58:54`, `2026-11-26T19:58:54Z`,
/// `…+08:00`): the day as written. Day-first or month-first forms are never
/// guessed.
pub(crate) fn parse_date(text: &str) -> Option<Result<NaiveDate, FieldError>> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let (day, time) = match t.find([' ', 'T']) {
        Some(at) => (&t[..at], Some(t[at + 1..].trim())),
        None => (t, None),
    };
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y/%m/%d"))
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y%m%d"))
        .map_err(|_| FieldError::NotADate);
    Some(match time {
        Some(time) if !is_time_of_day(time) => Err(FieldError::NotADate),
        _ => date,
    })
}

/// `19:58`, `19:58:54`, `19:58:54.123`, each maybe with `Z` or `+08:00`.
fn is_time_of_day(text: &str) -> bool {
    let clock = text.trim_end_matches('Z');
    let clock = match clock.rfind(['+', '-']) {
        Some(at) if at >= 5 => &clock[..at],
        _ => clock,
    };
    let clock = clock.split('.').next().unwrap_or(clock);
    ["%H:%M:%S", "%H:%M"].iter().any(|f| chrono::NaiveTime::parse_from_str(clock, f).is_ok())
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn days_with_times_read_as_the_day_written() {
        let day = NaiveDate::from_ymd_opt(2018, 2, 26);
        for text in [
            "2018-02-26",
            "2018/02/26",
            "20180226",
            "2018-02-26 19:58:54",
            "2018-02-26T19:58:54Z",
            "2018-02-26T19:58:54.120+08:00",
            "2018-02-26 19:58",
        ] {
            assert_eq!(parse_date(text).and_then(Result::ok), day, "{text}");
        }
        for text in ["2/26/2018", "26.02.2018", "2018-02-26 soon", "2018-13-01"] {
            assert_eq!(parse_date(text), Some(Err(FieldError::NotADate)), "{text}");
        }
        assert_eq!(parse_date("  "), None);
    }
}

pub fn import_opportunities(
    store: &mut Store,
    path: &Path,
    options: &DealOptions,
    today: NaiveDate,
) -> Result<ImportReport, ImportError> {
    let mut stage_map: HashMap<String, Target> = HashMap::new();
    for spec in &options.stage_map {
        let (value, stage) = spec.split_once('=').ok_or_else(|| ImportError::StageMap(spec.clone()))?;
        let target = parse_target(stage).ok_or_else(|| ImportError::StageMap(spec.clone()))?;
        stage_map.insert(value.trim().to_lowercase(), target);
    }
    let reader = RowReader::open(path, DEAL_FIELDS, &options.common)?;
    for needed in ["title", "stage"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(if needed == "title" { "title" } else { "stage" }));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    let feeds_closed_on = map.feeds("closed_on");
    // Keys seen, on a dry run (written rows are found by their key).
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut known_accounts: HashMap<String, Option<i64>> = HashMap::new();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        // Accounts looked up are remembered, within bounds.
        if known_accounts.len() > LOOKUPS_KEPT {
            known_accounts.clear();
        }
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let stage_text = row.get("stage");
        let target = stage_map.get(&stage_text.trim().to_lowercase()).copied().or_else(|| parse_target(&stage_text));
        if target.is_none() {
            problem("stage", Problem::UnknownStage(stage_text.clone()));
        }
        // A dump says the outcome beside the stage the deal reached.
        let outcome_text = row.get("outcome");
        let given_outcome = parse_outcome(&outcome_text);
        if !outcome_text.trim().is_empty() && given_outcome.is_none() {
            problem("outcome", super::import::not_one_of(&outcome_text, Outcome::ALL, |o| o.label()));
        }
        // The same rules as the deal form (crate::domain::deal).
        let title = deal_title(&row.get("title")).unwrap_or_else(|e| {
            problem("title", Problem::Field(e));
            String::new()
        });
        let amount = deal_amount(&row.get("amount"), false).unwrap_or_else(|e| {
            problem("amount", Problem::Field(e));
            Money::ZERO
        });
        let probability = win_probability(&row.get("probability")).unwrap_or_else(|e| {
            problem("probability", Problem::Field(e));
            None
        });
        let close = parse_date(&row.get("close_date"))
            .and_then(|r| r.map_err(|e| problem("close_date", Problem::Field(e))).ok());
        let closed_day =
            parse_date(&row.get("closed_on")).and_then(|r| r.map_err(|e| problem("closed_on", Problem::Field(e))).ok());
        let entered = parse_date(&row.get("entered_on"))
            .and_then(|r| r.map_err(|e| problem("entered_on", Problem::Field(e))).ok());
        // An account named by its UUID (a dump's) is found by it.
        let account_uuid = row.get("account_uuid").trim().to_string();
        if !account_uuid.is_empty() {
            let by_uuid = format!("\u{1}{account_uuid}");
            if !known_accounts.contains_key(&by_uuid) {
                known_accounts.insert(by_uuid.clone(), store.account_by_uuid(&account_uuid)?);
            }
            if known_accounts.get(&by_uuid).copied().flatten().is_none() {
                problem("account_uuid", Problem::UnknownAccount(account_uuid.clone()));
            }
        }
        let account_name = row.get("account").trim().to_string();
        let account_name = if !account_uuid.is_empty() {
            format!("\u{1}{account_uuid}")
        } else if account_name.is_empty() {
            if options.create_accounts {
                NO_ACCOUNT.to_string()
            } else {
                problem("account", Problem::NoAccount);
                String::new()
            }
        } else {
            account_name
        };
        if !account_name.is_empty() && !known_accounts.contains_key(&account_name) {
            let found = store.account_named(&account_name)?.map(|a| a.id);
            known_accounts.insert(account_name.clone(), found);
        }
        if !account_name.is_empty()
            && account_uuid.is_empty()
            && known_accounts.get(&account_name).copied().flatten().is_none()
            && !options.create_accounts
        {
            problem("account", Problem::UnknownAccount(account_name.clone()));
        }
        let mut meta = record_meta(row, header, &mut errors);
        if let Some(day) = entered {
            meta.at = Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN));
        }
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let Some(target) = target else { return Ok(()) };
        let (stage, outcome) = match (target, given_outcome) {
            (Target::Stage(s), Some(outcome)) => (s, outcome),
            (Target::Stage(s), None) => (s, Outcome::Open),
            (Target::Won, _) => (Stage::Maintain, Outcome::Won),
            (Target::Lost, _) => (Stage::Close, Outcome::Lost),
        };
        let mut deal = NewOpportunity {
            account_id: 0,
            title,
            stage,
            outcome,
            amount,
            probability: if outcome == Outcome::Won { Some(100) } else { probability },
            // A dump keeps the expected close of a closed deal too.
            expected_close_on: if outcome == Outcome::Open || feeds_closed_on { close } else { None },
            lost_reason: if outcome == Outcome::Lost {
                row.get("lost_reason").trim().to_string()
            } else {
                String::new()
            },
        };
        let closed_on = match (outcome, feeds_closed_on) {
            (Outcome::Open, _) => None,
            (_, true) => closed_day,
            (_, false) => close,
        };
        // Already here (by UUID or key)? Left as it is, or refreshed.
        let key = row.get(KEY);
        if !w.writes && !key.is_empty() && !seen_keys.insert(key.clone()) {
            tally.already_there += 1;
            return Ok(());
        }
        let uuid = (!row.get("uuid").trim().is_empty()).then(|| meta.uuid.to_string());
        match store.imported_record(Imported::Opportunity, uuid.as_deref(), Some(&key))? {
            Some(id) if options.common.on_duplicate == OnDuplicate::Update => {
                if let Some(now) = store.opportunity(id)? {
                    if w.writes {
                        refresh_deal(w.batch, &now, &deal, closed_on, today)?;
                    }
                    tally.updated += 1;
                }
            }
            Some(_) => tally.already_there += 1,
            None => {
                tally.written += 1;
                if !w.writes {
                    return Ok(());
                }
                deal.account_id = match known_accounts.get(account_name.as_str()).copied().flatten() {
                    Some(id) => id,
                    None => {
                        let named = NewAccount::named(&account_name);
                        let id = w.batch.insert_account(&named, &crate::store::RecordMeta::now(), today)?;
                        known_accounts.insert(account_name.clone(), Some(id));
                        id
                    }
                };
                let b = w.batch;
                let id = b.insert_opportunity(&deal, &meta)?;
                if let Some(day) = closed_on {
                    b.set_closed_on(id, day)?;
                }
                let lost_to = row.get("lost_to");
                if !lost_to.trim().is_empty() {
                    b.set_lost_to(id, lost_to.trim())?;
                }
                if !key.is_empty() {
                    b.set_external_id(Imported::Opportunity, id, &key)?;
                }
                let updated_at = row.get("updated_at");
                if crate::store::parse_timestamp(updated_at.trim()).is_some() {
                    b.set_opportunity_updated_at(id, updated_at.trim())?;
                }
            }
        }
        Ok(())
    };
    import_streaming(store, crate::ops::ActionKind::ImportOpportunities, path, reader, &options.common, take, |_, _| {
        Ok(())
    })
}

/// A deal already here takes the file's values: its facts, and a new
/// stage or outcome through its history (as a move, a win, a loss).
fn refresh_deal(
    b: &crate::store::Batch<'_>,
    now: &OpportunityRow,
    deal: &NewOpportunity,
    closed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> crate::store::Result<()> {
    use crate::store::Decision;
    b.refresh_imported_opportunity(now.id, &deal.title, deal.amount, deal.expected_close_on, closed_on)?;
    let day = closed_on.unwrap_or(today);
    match (now.outcome, deal.outcome) {
        (was, is) if was == is => {
            if is == Outcome::Open && now.stage != deal.stage {
                b.move_stage(now.id, deal.stage, &crate::store::Move::default(), &crate::store::RecordMeta::now())?;
            }
        }
        (_, Outcome::Won) => b.decide(now, &Decision::Won, day)?,
        (_, Outcome::Lost) => {
            b.decide(now, &Decision::Lost { reason: deal.lost_reason.clone(), competitor: String::new() }, day)?
        }
        (_, Outcome::Open) => b.decide(now, &Decision::Reopen, day)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_values() {
        assert_eq!(parse_target("3"), Some(Target::Stage(Stage::FirstContact)));
        assert_eq!(parse_target("won"), Some(Target::Won));
        assert_eq!(parse_target("Lost"), Some(Target::Lost));
        assert_eq!(parse_target("接触客户"), Some(Target::Stage(Stage::FirstContact)));
        assert_eq!(parse_target("close"), Some(Target::Stage(Stage::Close)));
        assert_eq!(parse_target("7"), None);
        assert_eq!(parse_target("Prospecting"), None);
    }
}
