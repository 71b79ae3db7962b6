//! `kam import activities FILE`: a rep's activities in bulk, as `kam log`
//! takes one — the account (by UUID, its exact name, or a search that
//! finds only one; an ambiguous name is refused with its candidates), the
//! day and time, the channel (English or Chinese words, or mapped with
//! `--channel-map VALUE=CHANNEL`), the contacts met (by name, of that
//! account), purpose, result (several lines kept exactly), next step and
//! its date. An activity already here (its UUID, or the same account, day,
//! channel and purpose) is not added again.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::import::{ImportError, ImportOptions, ImportReport, OnDuplicate, Problem, RowError, header_of, record_meta};
use super::mapping::FieldSpec;
use super::read_rows::{Row, RowReader};
use super::stream_import::{LOOKUPS_KEPT, Tally, Writing, import_streaming};
use crate::domain::{Channel, FieldError, parse_time};
use crate::labels::{Named, Vocabulary};
use crate::ops::ActionKind;
use crate::store::{NewActivity, Store};

pub(super) const ACTIVITY_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "account", aliases: &["customer", "company", "客户", "客户名称"] },
    FieldSpec { field: "account_uuid", aliases: &[] },
    FieldSpec { field: "occurred_on", aliases: &["date", "day", "日期", "拜访日期", "活动日期"] },
    FieldSpec { field: "occurred_time", aliases: &["time", "时间"] },
    FieldSpec { field: "channel", aliases: &["type", "kind", "方式", "渠道", "活动类型", "拜访方式"] },
    FieldSpec { field: "contacts", aliases: &["contact", "attendees", "联系人", "拜访对象", "参加人"] },
    FieldSpec { field: "purpose", aliases: &["subject", "目的", "事项", "拜访目的"] },
    FieldSpec { field: "result", aliases: &["outcome", "notes", "结果", "拜访结果", "情况"] },
    FieldSpec { field: "next_step", aliases: &["next", "下一步", "后续"] },
    FieldSpec { field: "next_on", aliases: &["next date", "follow up", "下次日期", "跟进日期"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
    // kam's own export: the links by UUID, and a follow-up marked done.
    FieldSpec { field: "deal_uuid", aliases: &[] },
    FieldSpec { field: "keeps_uuid", aliases: &[] },
    FieldSpec { field: "follow_up_done_on", aliases: &["跟进完成日期"] },
];

/// How many candidates an ambiguous account name is refused with.
const CANDIDATES: usize = 5;

/// The account a row names: by UUID, exactly by name, or the one account a
/// search finds; several are refused with their names.
fn account_for(
    store: &Store,
    known: &mut HashMap<String, Result<i64, Problem>>,
    uuid: &str,
    name: &str,
) -> crate::store::Result<Result<i64, Problem>> {
    let key = if uuid.is_empty() { name.to_string() } else { format!("\u{1}{uuid}") };
    if let Some(found) = known.get(&key) {
        return Ok(found.clone());
    }
    let found = if !uuid.is_empty() {
        store.account_by_uuid(uuid)?.ok_or_else(|| Problem::UnknownAccount(uuid.to_string()))
    } else if name.is_empty() {
        Err(Problem::NoAccount)
    } else if let Some(exact) = store.account_named(name)? {
        Ok(exact.id)
    } else {
        let mut found = store.suggest_accounts(name, CANDIDATES + 1)?;
        match found.len() {
            0 => Err(Problem::UnknownAccount(name.to_string())),
            1 => Ok(found.remove(0).id),
            _ => Err(Problem::AmbiguousAccount {
                name: name.to_string(),
                candidates: found.into_iter().take(CANDIDATES).map(|a| a.name).collect(),
            }),
        }
    };
    known.insert(key, found.clone());
    Ok(found)
}

/// A channel as written, or as `--channel-map` maps it.
fn channel_of(text: &str, map: &HashMap<String, Channel>) -> Option<Channel> {
    let t = text.trim();
    map.get(&t.to_lowercase()).copied().or_else(|| Channel::parse_any(t))
}

pub fn import_activities(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    channel_map: &[String],
) -> Result<ImportReport, ImportError> {
    let mut map: HashMap<String, Channel> = HashMap::new();
    for spec in channel_map {
        let (value, channel) = spec.split_once('=').ok_or_else(|| ImportError::ChannelMap(spec.clone()))?;
        let channel = Channel::parse_any(channel).ok_or_else(|| ImportError::ChannelMap(spec.clone()))?;
        map.insert(value.trim().to_lowercase(), channel);
    }
    let reader = RowReader::open(path, ACTIVITY_FIELDS, options)?;
    if !reader.map.feeds("account") && !reader.map.feeds("account_uuid") {
        return Err(ImportError::MissingColumn("account"));
    }
    if !reader.map.feeds("occurred_on") {
        return Err(ImportError::MissingColumn("occurred_on"));
    }
    let (columns, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&columns, &headers, field);
    let feeds_deal = columns.feeds("deal_uuid");
    let mut accounts: HashMap<String, Result<i64, Problem>> = HashMap::new();
    // Rows without a UUID already seen, on a dry run (written rows are
    // found in the file instead).
    let mut seen = HashSet::new();
    // The first activity this import wrote: one found at or after it came
    // from an earlier row of the same file.
    let mut first_written: Option<i64> = None;
    // Follow-ups kept of activities later in the file: linked at the end
    // (a cell: the rows add to it, the end reads it).
    let keeps_later: std::cell::RefCell<Vec<(i64, String)>> = Default::default();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let uuid = row.get("account_uuid").trim().to_string();
        // Lookups are remembered, within bounds.
        if accounts.len() > LOOKUPS_KEPT {
            accounts.clear();
        }
        let account = match account_for(store, &mut accounts, &uuid, row.get("account").trim())? {
            Ok(id) => Some(id),
            Err(p) => {
                problem(if uuid.is_empty() { "account" } else { "account_uuid" }, p);
                None
            }
        };
        let day = match super::import_deals::parse_date(&row.get("occurred_on")) {
            None => {
                problem("occurred_on", Problem::Field(FieldError::Empty));
                None
            }
            Some(r) => r.map_err(|e| problem("occurred_on", Problem::Field(e))).ok(),
        };
        let time_text = row.get("occurred_time");
        let time = if time_text.trim().is_empty() {
            None
        } else {
            parse_time(&time_text).map_err(|e| problem("occurred_time", Problem::Field(e))).ok()
        };
        let channel_text = row.get("channel");
        let channel = if channel_text.trim().is_empty() {
            Some(Channel::Other)
        } else {
            let found = channel_of(&channel_text, &map);
            if found.is_none() {
                problem("channel", super::import::not_one_of(&channel_text, Channel::ALL, |c| c.label()));
            }
            found
        };
        let next_on = super::import_deals::parse_date(&row.get("next_on"))
            .and_then(|r| r.map_err(|e| problem("next_on", Problem::Field(e))).ok());
        // The contacts met, by name among the account's own.
        let mut contact_ids = Vec::new();
        if let Some(account_id) = account {
            let names = row.get("contacts");
            for name in names.split(['、', ',', '，', ';', '；', '/']).map(str::trim).filter(|n| !n.is_empty()) {
                match store.contact_named(account_id, name)? {
                    Some(id) => contact_ids.push(id),
                    None => problem("contacts", Problem::UnknownContact(name.to_string())),
                }
            }
        }
        let opportunity_id = super::import::linked_deal(store, row, account)?.unwrap_or_else(|p| {
            problem("deal_uuid", p);
            None
        });
        let done_on = super::import_deals::parse_date(&row.get("follow_up_done_on"))
            .and_then(|r| r.map_err(|e| problem("follow_up_done_on", Problem::Field(e))).ok());
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let (Some(account_id), Some(occurred_on), Some(channel)) = (account, day, channel) else { return Ok(()) };
        let purpose = row.get("purpose").trim().to_string();
        let given_uuid = (!row.get("uuid").trim().is_empty()).then(|| meta.uuid.to_string());
        // A row with its UUID (an export's) is that activity: found by it
        // alone, as two real activities may share a day and a purpose. A row
        // without one is the same activity as one of the same account, day,
        // channel and purpose.
        let here = store.activity_logged(given_uuid.as_deref(), account_id, occurred_on, channel, &purpose)?;
        let twice = if w.writes {
            here.is_some_and(|id| first_written.is_some_and(|first| id >= first))
        } else {
            given_uuid.is_none() && !seen.insert((account_id, occurred_on, channel.code(), purpose.clone()))
        };
        // Here already: left as it is, or (--on-duplicate update) written
        // anew with the file's fields (its contacts, result, next step...).
        let updating = here.filter(|_| options.on_duplicate == OnDuplicate::Update && !twice);
        if twice || (here.is_some() && updating.is_none()) {
            tally.already_there += 1;
            return Ok(());
        }
        let mut activity = NewActivity {
            contact_ids,
            occurred_time: time,
            // The result as written, lines and all.
            result: row.get("result"),
            next_step: row.get("next_step").trim().to_string(),
            next_on,
            opportunity_id,
            ..NewActivity::new(account_id, occurred_on, channel, &purpose)
        };
        let keeps_uuid = row.get("keeps_uuid").trim().to_string();
        if let Some(here) = updating.map(|id| store.activity(id)).transpose()?.flatten() {
            // What the file does not say stays as it was: the deal, the
            // follow-up it kept.
            if !feeds_deal {
                activity.opportunity_id = here.fields.opportunity_id;
            }
            if keeps_uuid.is_empty() {
                activity.keeps_id = here.fields.keeps_id;
            }
        }
        // The follow-up it kept, when that came earlier (as in kam's own
        // export); else found once every row is in.
        let kept = if keeps_uuid.is_empty() { None } else { w.batch.find_activity(&keeps_uuid)? };
        if kept.is_some() {
            activity.keeps_id = kept;
        }
        match updating {
            Some(_) => tally.updated += 1,
            None => tally.written += 1,
        }
        if !w.writes {
            return Ok(());
        }
        let id = match updating {
            Some(id) => {
                w.batch.update_activity(id, &activity)?;
                id
            }
            None => {
                let id = w.batch.insert_activity(&activity, &meta)?;
                first_written.get_or_insert(id);
                id
            }
        };
        if kept.is_none() && !keeps_uuid.is_empty() {
            keeps_later.borrow_mut().push((id, keeps_uuid));
        }
        if done_on.is_some() {
            w.batch.set_follow_up_done(id, done_on)?;
        }
        Ok(())
    };
    let finish = |w: &Writing<'_, '_>, _: &mut Tally| -> crate::store::Result<()> {
        for (id, keeps_uuid) in keeps_later.borrow().iter() {
            if let Some(kept) = w.batch.find_activity(keeps_uuid)? {
                w.batch.set_activity_keeps(*id, kept)?;
            }
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportActivities, path, reader, options, take, finish)
}
