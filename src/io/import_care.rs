//! `kam import complaints|surveys FILE`: what customers said, from a
//! service desk or a survey tool. The account by its exact name; a
//! complaint found again by its number, a survey by its account, day and
//! scores, so a re-import adds nothing.
//!
//! - complaints: account, number, received_on, category, severity,
//!   description, demand, root_cause, action_taken, respond_by,
//!   resolved_on, closed_on, return_visit_on, status (codes or 新建 / 处理中 / 等待客户 / 已解决 /
//!   已关闭 / 已驳回 / 重复; 产品质量 / 交付物流 / ...; 一般 / 紧急 / 特急);
//! - surveys: account, surveyed_on, overall (1-5), nps (0-10), quality,
//!   delivery, service, response, feedback.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use super::import::{ImportError, ImportOptions, ImportReport, OnDuplicate, Problem, RowError, header_of, record_meta};
use super::import::{by_label, not_one_of};
use super::mapping::FieldSpec;
use super::read_rows::{Row, RowReader};
use super::stream_import::{LOOKUPS_KEPT, Tally, Writing, import_streaming};
use crate::domain::{ComplaintCategory, ComplaintStatus, FieldError, Severity};
use crate::i18n::Msg;
use crate::labels::{complaint_category_label, complaint_status_label, severity_label};
use crate::ops::{ActionKind, CareRules};
use crate::store::{Linked, NewComplaint, NewSurvey, Store};

pub(super) const COMPLAINT_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "account", aliases: &["customer", "company", "客户", "客户名称"] },
    FieldSpec { field: "number", aliases: &["complaint number", "no", "投诉编号", "编号"] },
    FieldSpec { field: "received_on", aliases: &["date", "received", "投诉日期", "日期"] },
    FieldSpec { field: "category", aliases: &["type", "投诉类别", "类别"] },
    FieldSpec { field: "severity", aliases: &["priority", "紧急程度", "级别"] },
    FieldSpec { field: "description", aliases: &["complaint", "content", "投诉内容", "内容"] },
    FieldSpec { field: "demand", aliases: &["request", "客户诉求", "诉求"] },
    FieldSpec { field: "status", aliases: &["状态", "处理状态"] },
    FieldSpec { field: "respond_by", aliases: &["response deadline", "响应期限"] },
    FieldSpec { field: "root_cause", aliases: &["cause", "原因", "根本原因"] },
    FieldSpec { field: "action_taken", aliases: &["action", "处理措施", "措施"] },
    FieldSpec { field: "resolved_on", aliases: &["resolved", "解决日期"] },
    FieldSpec { field: "closed_on", aliases: &["closed", "关闭日期"] },
    FieldSpec { field: "return_visit_on", aliases: &["回访日期"] },
    FieldSpec { field: "return_visit_uuid", aliases: &[] },
    FieldSpec { field: "contact_uuid", aliases: &[] },
    FieldSpec { field: "contract", aliases: &["contract number", "合同编号"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
];

pub(super) const SURVEY_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "account", aliases: &["customer", "company", "客户", "客户名称"] },
    FieldSpec { field: "surveyed_on", aliases: &["date", "调查日期", "回访日期", "日期"] },
    FieldSpec { field: "overall", aliases: &["score", "satisfaction", "总体满意度", "满意度"] },
    FieldSpec { field: "nps", aliases: &["recommend", "推荐意愿"] },
    FieldSpec { field: "quality", aliases: &["产品质量"] },
    FieldSpec { field: "delivery", aliases: &["交付"] },
    FieldSpec { field: "service", aliases: &["服务"] },
    FieldSpec { field: "response", aliases: &["响应"] },
    FieldSpec { field: "feedback", aliases: &["comments", "客户反馈", "意见"] },
    FieldSpec { field: "follow_up", aliases: &["跟进措施", "改进措施"] },
    FieldSpec { field: "activity_uuid", aliases: &[] },
    FieldSpec { field: "contact_uuid", aliases: &[] },
    FieldSpec { field: "contract", aliases: &["contract number", "合同编号"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
];

/// A closed value by its code, a word a service desk writes for it, or
/// its label in either language.
fn one_of<T: Copy>(
    text: &str,
    codes: impl Fn(&str) -> Option<T>,
    words: &[(&str, T)],
    all: &[T],
    label: impl Fn(T) -> Msg,
) -> Option<T> {
    let t = text.trim();
    codes(t).or_else(|| words.iter().find(|(w, _)| *w == t).map(|(_, v)| *v)).or_else(|| by_label(t, all, label))
}

fn category(text: &str) -> Option<ComplaintCategory> {
    use ComplaintCategory as C;
    one_of(
        text,
        ComplaintCategory::from_code_loose,
        &[
            ("产品质量", C::Quality),
            ("质量", C::Quality),
            ("交付物流", C::Delivery),
            ("物流", C::Delivery),
            ("安装调试", C::Installation),
            ("服务态度", C::Service),
            ("服务", C::Service),
            ("价格", C::Price),
            ("合同条款", C::Contract),
            ("开票回款", C::Billing),
            ("其他", C::Other),
        ],
        ComplaintCategory::ALL,
        complaint_category_label,
    )
}

fn severity(text: &str) -> Option<Severity> {
    one_of(
        text,
        Severity::from_code_loose,
        &[("一般", Severity::Normal), ("紧急", Severity::Urgent), ("特急", Severity::Critical)],
        Severity::ALL,
        severity_label,
    )
}

fn status(text: &str) -> Option<ComplaintStatus> {
    use ComplaintStatus as S;
    one_of(
        text,
        ComplaintStatus::from_code_loose,
        &[
            ("新建", S::New),
            ("处理中", S::InProgress),
            ("等待客户", S::Waiting),
            ("已解决", S::Resolved),
            ("已关闭", S::Closed),
            ("已驳回", S::Rejected),
            ("重复", S::Duplicate),
        ],
        ComplaintStatus::ALL,
        complaint_status_label,
    )
}

/// A score cell: blank is None; else a number within `max`.
fn score(text: &str, min: u8, max: u8) -> Result<Option<u8>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u8>().ok().filter(|n| (min..=max).contains(n)).map(Some).ok_or(FieldError::UnknownValue)
}

fn day(text: &str) -> Option<Result<NaiveDate, FieldError>> {
    super::import_deals::parse_date(text)
}

/// The account a row names, looked up once per name.
pub(super) fn account_of(
    store: &Store,
    known: &mut HashMap<String, Option<i64>>,
    name: &str,
) -> crate::store::Result<Option<i64>> {
    if !known.contains_key(name) {
        known.insert(name.to_string(), store.account_named(name)?.map(|a| a.id));
    }
    Ok(known.get(name).copied().flatten())
}

pub fn import_complaints(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    rules: &CareRules,
) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, COMPLAINT_FIELDS, options)?;
    for needed in ["account", "description"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(if needed == "account" { "account" } else { "description" }));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    let mut accounts = HashMap::new();
    let mut numbers: HashSet<String> = HashSet::new();
    let today = chrono::Local::now().date_naive();
    // Numbers already in the file: a re-import finds them.
    let mut stored: HashMap<String, i64> = HashMap::new();
    let mut after = None;
    loop {
        let page = store.complaints_page(crate::store::PageOrder::AsMade, after, 1000)?;
        stored
            .extend(page.iter().filter(|k| !k.complaint.number.is_empty()).map(|k| (k.complaint.number.clone(), k.id)));
        match page.last() {
            Some(last) if page.len() == 1000 => after = Some(last.id),
            _ => break,
        }
    }
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        if accounts.len() > LOOKUPS_KEPT {
            accounts.clear();
        }
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let number = row.get("number").trim().to_string();
        // Already here: left as it is, or (--on-duplicate update) given
        // the file's status, cause, action and days.
        let existing = stored.get(&number).copied().filter(|_| !number.is_empty());
        let updating = existing.is_some() && options.on_duplicate == OnDuplicate::Update;
        if !number.is_empty() && ((existing.is_some() && !updating) || !numbers.insert(number.clone())) {
            tally.already_there += 1;
            return Ok(());
        }
        let name = row.get("account").trim().to_string();
        let account = if name.is_empty() {
            problem("account", Problem::NoAccount);
            None
        } else {
            let found = account_of(store, &mut accounts, &name)?;
            if found.is_none() {
                problem("account", Problem::UnknownAccount(name.clone()));
            }
            found
        };
        let received_on = match day(&row.get("received_on")) {
            None => today,
            Some(r) => r.map_err(|e| problem("received_on", Problem::Field(e))).unwrap_or(today),
        };
        let description = row.get("description").trim().to_string();
        if description.is_empty() {
            problem("description", Problem::Field(FieldError::Empty));
        }
        let mut pick = |field: &str, parsed: Option<_>, default, choices: &dyn Fn(&str) -> Problem| {
            let text = row.get(field);
            if text.trim().is_empty() {
                return default;
            }
            parsed.unwrap_or_else(|| {
                problem(field, choices(&text));
                default
            })
        };
        let category = pick(
            "category",
            category(&row.get("category")).map(Kind::Category),
            Kind::Category(ComplaintCategory::Other),
            &|t| not_one_of(t, ComplaintCategory::ALL, complaint_category_label),
        );
        let severity = pick(
            "severity",
            severity(&row.get("severity")).map(Kind::Severity),
            Kind::Severity(Severity::Normal),
            &|t| not_one_of(t, Severity::ALL, severity_label),
        );
        let status =
            pick("status", status(&row.get("status")).map(Kind::Status), Kind::Status(ComplaintStatus::New), &|t| {
                not_one_of(t, ComplaintStatus::ALL, complaint_status_label)
            });
        // Days a service desk's file (or kam's own export) may carry.
        let mut day_of = |field: &str| match day(&row.get(field)) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                errors.push(RowError { row: row.number, column: header(field), problem: Problem::Field(e) });
                None
            }
        };
        let (respond_by, resolved_on, closed_on, return_visit_on) =
            (day_of("respond_by"), day_of("resolved_on"), day_of("closed_on"), day_of("return_visit_on"));
        // Who, which contract and the return visit, when the file links them.
        let links = care_links(store, row, account, "return_visit_uuid")?;
        errors.extend(links.problems.iter().map(|(column, p)| RowError {
            row: row.number,
            column: header(column),
            problem: p.clone(),
        }));
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let (Kind::Category(category), Kind::Severity(severity), Kind::Status(status)) = (category, severity, status)
        else {
            return Ok(());
        };
        // A closed complaint with no days given was closed the day it came.
        let closed = matches!(status, ComplaintStatus::Closed).then_some(received_on);
        let complaint = NewComplaint {
            number,
            account_id: account.unwrap_or_default(),
            contact_id: links.contact,
            contract_id: links.contract,
            received_on,
            channel: String::new(),
            category,
            severity,
            respond_by: respond_by.unwrap_or_else(|| rules.respond_by(severity, received_on)),
            description,
            demand: row.get("demand").trim().to_string(),
            root_cause: row.get("root_cause").trim().to_string(),
            action_taken: row.get("action_taken").trim().to_string(),
            status,
            resolved_on: resolved_on.or(closed),
            closed_on: closed_on.or(closed),
            return_visit_on,
            // The return visit that closed it, when the file links one.
            return_visit_id: links.visit,
        };
        match existing.filter(|_| updating).map(|id| store.complaint(id)).transpose()?.flatten() {
            // The desk's news on a complaint already here: its own links
            // (contact, contract, return visit) stay.
            Some(here) => {
                tally.updated += 1;
                if w.writes {
                    let complaint = NewComplaint {
                        contact_id: here.complaint.contact_id,
                        contract_id: here.complaint.contract_id,
                        channel: here.complaint.channel,
                        return_visit_id: here.complaint.return_visit_id,
                        ..complaint
                    };
                    w.batch.update_complaint(here.id, &complaint)?;
                }
            }
            None => {
                tally.written += 1;
                if w.writes {
                    w.batch.insert_complaint(&complaint, &meta)?;
                }
            }
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportComplaints, path, reader, options, take, |_, _| Ok(()))
}

/// The three vocabularies a complaint row picks from, in one type so one
/// helper reads them all.
#[derive(Clone, Copy)]
enum Kind {
    Category(ComplaintCategory),
    Severity(Severity),
    Status(ComplaintStatus),
}

pub fn import_surveys(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, SURVEY_FIELDS, options)?;
    for needed in ["account", "overall"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(if needed == "account" { "account" } else { "overall" }));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    let mut accounts = HashMap::new();
    let mut seen = HashSet::new();
    let today = chrono::Local::now().date_naive();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        if accounts.len() > LOOKUPS_KEPT {
            accounts.clear();
        }
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let name = row.get("account").trim().to_string();
        let account = if name.is_empty() {
            problem("account", Problem::NoAccount);
            None
        } else {
            let found = account_of(store, &mut accounts, &name)?;
            if found.is_none() {
                problem("account", Problem::UnknownAccount(name.clone()));
            }
            found
        };
        let surveyed_on = match day(&row.get("surveyed_on")) {
            None => today,
            Some(r) => r.map_err(|e| problem("surveyed_on", Problem::Field(e))).unwrap_or(today),
        };
        let mut read = |field: &str, min: u8, max: u8| {
            score(&row.get(field), min, max).unwrap_or_else(|e| {
                problem(field, Problem::Field(e));
                None
            })
        };
        let overall = read("overall", 1, 5);
        let nps = read("nps", 0, 10);
        let (quality, delivery, service, response) =
            (read("quality", 1, 5), read("delivery", 1, 5), read("service", 1, 5), read("response", 1, 5));
        if overall.is_none() && row.get("overall").trim().is_empty() {
            problem("overall", Problem::Field(FieldError::Empty));
        }
        // Who, which contract and the visit it was asked on, when the file
        // links them.
        let links = care_links(store, row, account, "activity_uuid")?;
        errors.extend(links.problems.iter().map(|(column, p)| RowError {
            row: row.number,
            column: header(column),
            problem: p.clone(),
        }));
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let (Some(account_id), Some(overall)) = (account, overall) else { return Ok(()) };
        // A survey with its UUID (kam's export) is found by it alone: left
        // as it is, or (--on-duplicate update) given the file's answers.
        let by_uuid = match row.get("uuid").trim() {
            "" => None,
            uuid => store.survey_by_uuid(uuid)?,
        };
        // Else the same answer twice (a re-import): once.
        let known = by_uuid.is_some()
            || store
                .surveys_of(account_id, 50)?
                .iter()
                .any(|s| s.survey.surveyed_on == surveyed_on && s.survey.overall == overall && s.survey.nps == nps);
        let updating = by_uuid.filter(|_| options.on_duplicate == OnDuplicate::Update);
        if (known && updating.is_none()) || !seen.insert((account_id, surveyed_on, overall, nps)) {
            tally.already_there += 1;
            return Ok(());
        }
        let survey = NewSurvey {
            account_id,
            contact_id: links.contact,
            contract_id: links.contract,
            complaint_id: None,
            activity_id: links.visit,
            surveyed_on,
            overall,
            nps,
            quality,
            delivery,
            service,
            response,
            feedback: row.get("feedback").trim().to_string(),
            follow_up: row.get("follow_up").trim().to_string(),
        };
        match updating {
            Some(id) => {
                tally.updated += 1;
                if w.writes {
                    w.batch.update_survey(id, &survey)?;
                }
            }
            None => {
                tally.written += 1;
                if w.writes {
                    w.batch.insert_survey(&survey, &meta)?;
                }
            }
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportSurveys, path, reader, options, take, |_, _| Ok(()))
}

/// What a complaint or survey row links to, when the file says and they
/// are here: the contact (by UUID), the contract (by number), the visit
/// (by UUID, in `visit_column`); each must be of the row's account, else
/// its problem, with its column, is in `problems`.
struct CareLinks {
    contact: Option<i64>,
    contract: Option<i64>,
    visit: Option<i64>,
    problems: Vec<(&'static str, Problem)>,
}

fn care_links(
    store: &Store,
    row: &Row,
    account: Option<i64>,
    visit_column: &'static str,
) -> crate::store::Result<CareLinks> {
    let mut problems = Vec::new();
    let mut own = |column: &'static str, kind: Linked, found: Option<i64>, given: &str| {
        super::import::own_link(store, kind, found, account, given).map(|r| {
            r.unwrap_or_else(|p| {
                problems.push((column, p));
                None
            })
        })
    };
    let contact_uuid = row.get("contact_uuid").trim().to_string();
    let contact = if contact_uuid.is_empty() { None } else { store.contact_by_uuid(&contact_uuid)? };
    let contact = own("contact_uuid", Linked::Contact, contact, &contact_uuid)?;
    let number = row.get("contract").trim().to_string();
    let contract = if number.is_empty() { None } else { store.contract_by_number(&number)?.map(|c| c.id) };
    let contract = own("contract", Linked::Contract, contract, &number)?;
    let visit_uuid = row.get(visit_column).trim().to_string();
    let visit = own(visit_column, Linked::Activity, store.activity_by_uuid(&visit_uuid)?, &visit_uuid)?;
    Ok(CareLinks { contact, contract, visit, problems })
}
