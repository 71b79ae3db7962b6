//! `kam import targets FILE`: the months' targets as a manager sends them —
//! month (`YYYY-MM`), sales, collections, visits, new accounts (English or
//! Chinese headers). A month that has targets already is left as it is, or
//! takes the file's with `--on-duplicate update`, so the same file can be
//! imported again and again.

use std::collections::HashSet;
use std::path::Path;

use super::import::{
    ImportError, ImportOptions, ImportReport, OnDuplicate, Problem, RowError, header_of, read_rows, record_meta,
    should_write,
};
use super::mapping::FieldSpec;
use crate::domain::{FieldError, Money, Month};
use crate::ops::ActionKind;
use crate::store::{RecordMeta, Store, Targets};

pub(super) const TARGET_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "month", aliases: &["period", "月份", "月"] },
    FieldSpec { field: "sales", aliases: &["sales target", "销售目标", "销售额", "业绩目标"] },
    FieldSpec { field: "collections", aliases: &["collection target", "回款目标", "回款额"] },
    FieldSpec { field: "visits", aliases: &["visit target", "拜访目标", "拜访次数"] },
    FieldSpec { field: "new_accounts", aliases: &["new customers", "新客户目标", "新增客户"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
    FieldSpec { field: "updated_at", aliases: &[] },
];

/// A month's targets to write, with the time they last changed when the
/// file says.
type Good = (Month, Targets, RecordMeta, Option<chrono::DateTime<chrono::Utc>>);

pub fn import_targets(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let file = read_rows(path, TARGET_FIELDS, options)?;
    if !file.map.feeds("month") {
        return Err(ImportError::MissingColumn("month"));
    }
    let header = |field: &str| header_of(&file.map, &file.headers, field);
    let mut rejected = file.bad.clone();
    let mut good: Vec<Good> = Vec::new();
    let mut already_there = 0;
    let mut updating = 0;
    let mut seen = HashSet::new();
    for row in &file.rows {
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let month_text = row.get("month");
        let month = Month::parse(month_text.trim());
        if month.is_none() {
            problem("month", Problem::UnknownValue(month_text.clone()));
        }
        let mut money = |field: &str| -> Money {
            let text = row.get(field);
            if text.trim().is_empty() {
                return Money(0);
            }
            match Money::parse(&text) {
                Ok(m) if m.cents() >= 0 => m,
                Ok(_) => {
                    problem(field, Problem::Field(FieldError::Negative));
                    Money(0)
                }
                Err(e) => {
                    problem(field, Problem::Field(e));
                    Money(0)
                }
            }
        };
        let (sales, collections) = (money("sales"), money("collections"));
        let mut count = |field: &str| -> i64 {
            let text = row.get(field);
            match text.trim() {
                "" => 0,
                t => t.parse::<i64>().ok().filter(|n| *n >= 0).unwrap_or_else(|| {
                    problem(field, Problem::UnknownValue(text.clone()));
                    0
                }),
            }
        };
        let (visits, new_accounts) = (count("visits"), count("new_accounts"));
        let updated = match row.get("updated_at").trim() {
            "" => None,
            text => crate::store::parse_timestamp(text).or_else(|| {
                problem("updated_at", Problem::NotATimestamp);
                None
            }),
        };
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            rejected.extend(errors);
            continue;
        }
        let Some(month) = month else { continue };
        if !seen.insert(month) {
            already_there += 1;
            continue;
        }
        if store.has_targets(month)? {
            if options.on_duplicate != OnDuplicate::Update {
                already_there += 1;
                continue;
            }
            updating += 1;
        }
        let targets = Targets { sales_cents: sales, collections_cents: collections, visits, new_accounts };
        good.push((month, targets, meta, updated.filter(|at| *at != meta.at)));
    }
    rejected.sort_by_key(|e| e.row);
    let mut report = file.report(rejected, 0, options);
    report.already_there = already_there;
    if should_write(&report, options, good.len()) {
        let written = crate::ops::import_records(store, ActionKind::ImportTargets, path, |b| {
            for (month, targets, meta, updated) in &good {
                b.set_targets(*month, targets, meta)?;
                if let Some(at) = updated {
                    b.set_targets_updated_at(*month, *at)?;
                }
            }
            Ok(good.len())
        })?;
        report.written = written - updating;
        report.updated = updating;
    }
    Ok(report)
}
