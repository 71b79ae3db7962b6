//! `kam import visits FILE`: a manager's plan as a file — account, date,
//! and optionally time, kind (visit, return_visit, collection,
//! complaint_follow_up, or 拜访 / 回访 / 催款 / 投诉跟进) and purpose. The
//! account by its exact name. A visit already planned for that account,
//! day and kind (or with the row's UUID) is not added again, so a weekly
//! file can be imported again and again. Visits from a file are the
//! manager's: planning from the cadence never replaces them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::import::{ImportError, ImportOptions, ImportReport, OnDuplicate, Problem, RowError, header_of, record_meta};
use super::mapping::FieldSpec;
use super::read_rows::{Row, RowReader};
use super::stream_import::{LOOKUPS_KEPT, Tally, Writing, import_streaming};
use crate::domain::visit_plan::VisitKind;
use crate::domain::{FieldError, parse_time};
use crate::ops::ActionKind;
use crate::store::{NewPlannedVisit, Store, VisitHistory, VisitLinks};

pub(super) const VISIT_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "account", aliases: &["customer", "company", "客户", "客户名称"] },
    FieldSpec {
        field: "planned_on", aliases: &["date", "day", "visit date", "计划日期", "拜访日期", "日期"]
    },
    FieldSpec { field: "at_time", aliases: &["time", "时间", "拜访时间"] },
    FieldSpec { field: "kind", aliases: &["type", "类型", "拜访类型"] },
    FieldSpec { field: "purpose", aliases: &["subject", "目的", "拜访目的", "事项"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
    // What kam's own export adds: the account by UUID, the visit's history
    // and its links by UUID (the state is worked out from them).
    FieldSpec { field: "account_uuid", aliases: &[] },
    FieldSpec { field: "moved_from", aliases: &["原计划日期"] },
    FieldSpec { field: "skip_reason", aliases: &["跳过原因"] },
    FieldSpec { field: "sequence", aliases: &["版本"] },
    FieldSpec { field: "from_cadence", aliases: &["按周期"] },
    FieldSpec { field: "deal_uuid", aliases: &[] },
    FieldSpec { field: "instalment_uuid", aliases: &[] },
    FieldSpec { field: "activity_uuid", aliases: &[] },
];

pub fn import_visits(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, VISIT_FIELDS, options)?;
    for needed in ["account", "planned_on"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(if needed == "account" { "account" } else { "planned_on" }));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    let mut accounts: HashMap<String, Option<i64>> = HashMap::new();
    let mut seen = HashSet::new();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        if accounts.len() > LOOKUPS_KEPT {
            accounts.clear();
        }
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let name = row.get("account").trim().to_string();
        let by_uuid = row.get("account_uuid").trim().to_string();
        let account = if !by_uuid.is_empty() {
            let found = store.account_by_uuid(&by_uuid)?;
            if found.is_none() {
                problem("account_uuid", Problem::UnknownAccount(by_uuid.clone()));
            }
            found
        } else if name.is_empty() {
            problem("account", Problem::NoAccount);
            None
        } else {
            let found = super::import_care::account_of(store, &mut accounts, &name)?;
            if found.is_none() {
                problem("account", Problem::UnknownAccount(name.clone()));
            }
            found
        };
        let day = match super::import_deals::parse_date(&row.get("planned_on")) {
            None => {
                problem("planned_on", Problem::Field(FieldError::Empty));
                None
            }
            Some(r) => r.map_err(|e| problem("planned_on", Problem::Field(e))).ok(),
        };
        let time_text = row.get("at_time");
        let at_time = if time_text.trim().is_empty() {
            None
        } else {
            parse_time(&time_text).map_err(|e| problem("at_time", Problem::Field(e))).ok()
        };
        let kind_text = row.get("kind");
        let kind = VisitKind::from_code(&kind_text)
            .or_else(|| super::import::by_label(&kind_text, &VisitKind::ALL, crate::labels::visit_kind))
            .unwrap_or_else(|| {
                problem("kind", super::import::not_one_of(&kind_text, &VisitKind::ALL, crate::labels::visit_kind));
                VisitKind::Visit
            });
        let moved_text = row.get("moved_from");
        let moved_from = match super::import_deals::parse_date(&moved_text) {
            None => None,
            Some(r) => r.map_err(|e| problem("moved_from", Problem::Field(e))).ok(),
        };
        let sequence_text = row.get("sequence");
        let sequence = match sequence_text.trim() {
            "" => 0,
            text => text.parse::<i64>().unwrap_or_else(|_| {
                problem("sequence", Problem::UnknownValue(sequence_text.clone()));
                0
            }),
        };
        let from_cadence = matches!(row.get("from_cadence").trim(), "true" | "1");
        let links = VisitLinks {
            activity_uuid: Some(row.get("activity_uuid").trim().to_string()),
            opportunity_uuid: Some(row.get("deal_uuid").trim().to_string()),
            instalment_uuid: Some(row.get("instalment_uuid").trim().to_string()),
        };
        let [activity_id, opportunity_id, instalment_id] = store.visit_link_ids(&links)?;
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let (Some(account_id), Some(planned_on)) = (account, day) else { return Ok(()) };
        // Planned already (a re-import: by its UUID when the file gives one,
        // else by account, day and kind), or twice in the file: once.
        let has_uuid = !row.get("uuid").trim().is_empty();
        let known = if has_uuid {
            store.planned_visit_uuid(&meta.uuid)?
        } else {
            store.visit_planned(account_id, planned_on, kind)?
        };
        if !has_uuid && !seen.insert((account_id, planned_on, kind.code())) {
            tally.already_there += 1;
            return Ok(());
        }
        if let Some(id) = known {
            // Already here: left as it is, or (--on-duplicate update) moved,
            // skipped and described as the corrected plan says.
            let here = store.planned_visit(id, planned_on)?.filter(|_| options.on_duplicate == OnDuplicate::Update);
            let change = here.map(|here| VisitChange {
                id,
                moved: (here.planned_on != planned_on || here.at_time != at_time).then_some((planned_on, at_time)),
                details: (here.kind != kind || here.purpose != row.get("purpose").trim())
                    .then(|| (kind, row.get("purpose").trim().to_string())),
                skip: Some(row.get("skip_reason").trim().to_string()).filter(|r| *r != here.skip_reason),
            });
            // A visit the file says nothing new about is just already here.
            match change.filter(|c| c.moved.is_some() || c.details.is_some() || c.skip.is_some()) {
                Some(change) => {
                    tally.updated += 1;
                    if w.writes {
                        change.write(w.batch)?;
                    }
                }
                None => tally.already_there += 1,
            }
            return Ok(());
        }
        let visit = NewPlannedVisit {
            kind,
            at_time,
            purpose: row.get("purpose").trim().to_string(),
            opportunity_id,
            instalment_id,
            from_cadence,
            ..NewPlannedVisit::visit(account_id, planned_on)
        };
        let history =
            VisitHistory { moved_from, skip_reason: row.get("skip_reason").trim().to_string(), activity_id, sequence };
        tally.written += 1;
        if w.writes {
            w.batch.insert_planned_visit_as(&visit, &history, &meta)?;
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportVisits, path, reader, options, take, |_, _| Ok(()))
}

/// What a corrected plan changes on a visit already here.
struct VisitChange {
    id: i64,
    moved: Option<(chrono::NaiveDate, Option<chrono::NaiveTime>)>,
    details: Option<(VisitKind, String)>,
    skip: Option<String>,
}

impl VisitChange {
    fn write(&self, b: &crate::store::Batch<'_>) -> crate::store::Result<()> {
        if let Some((day, time)) = self.moved {
            b.move_planned_visit(self.id, day, time)?;
        }
        if let Some((kind, purpose)) = &self.details {
            b.set_planned_visit_details(self.id, *kind, purpose)?;
        }
        if let Some(reason) = &self.skip {
            b.skip_planned_visit(self.id, reason)?;
        }
        Ok(())
    }
}
