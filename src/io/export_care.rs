//! Complaints and surveys as rows of a file: the columns `kam list` and
//! `kam export` share, with what is worked out when read (whether a
//! complaint is late on the day, the NPS class of a survey).

use chrono::NaiveDate;

use super::export::{
    Cell, EXPORT_PAGE, ExportError, Format, Sink, cells_without_local_id, day_cell, sink_writer, without_local_id,
    write_pages,
};
use crate::domain::care::NpsClass;
use crate::store::{ComplaintRow, PageOrder, Store, SurveyRow};

pub const COMPLAINT_COLUMNS: &[&str] = &[
    "id",
    "number",
    "account",
    "received_on",
    "category",
    "severity",
    "respond_by",
    "late",
    "status",
    "description",
    "demand",
    "root_cause",
    "action_taken",
    "resolved_on",
    "closed_on",
    "return_visit_on",
    "return_visit_made",
    "uuid",
    "return_visit_uuid",
    "contact_uuid",
    "contract",
];

pub fn complaint_cells(k: &ComplaintRow, today: NaiveDate) -> Vec<Cell> {
    let c = &k.complaint;
    vec![
        Cell::Int(k.id),
        Cell::Text(c.number.clone()),
        Cell::Text(k.account_name.clone()),
        day_cell(Some(c.received_on)),
        Cell::Text(c.category.code().to_string()),
        Cell::Text(c.severity.code().to_string()),
        day_cell(Some(c.respond_by)),
        Cell::Bool(k.is_late(today)),
        Cell::Text(c.status.code().to_string()),
        Cell::Text(c.description.clone()),
        Cell::Text(c.demand.clone()),
        Cell::Text(c.root_cause.clone()),
        Cell::Text(c.action_taken.clone()),
        day_cell(c.resolved_on),
        day_cell(c.closed_on),
        day_cell(c.return_visit_on),
        Cell::Bool(c.return_visit_id.is_some()),
        Cell::Text(k.uuid.clone()),
        Cell::Text(k.return_visit_uuid.clone().unwrap_or_default()),
        Cell::Text(k.contact_uuid.clone().unwrap_or_default()),
        Cell::Text(k.contract_number.clone().unwrap_or_default()),
    ]
}

pub const SURVEY_COLUMNS: &[&str] = &[
    "id",
    "account",
    "surveyed_on",
    "overall",
    "nps",
    "nps_class",
    "quality",
    "delivery",
    "service",
    "response",
    "feedback",
    "follow_up",
    "return_visit",
    "uuid",
    "activity_uuid",
    "contact_uuid",
    "contract",
];

pub fn survey_cells(s: &SurveyRow) -> Vec<Cell> {
    let v = &s.survey;
    let score = |x: Option<u8>| x.map(|x| Cell::Int(i64::from(x))).unwrap_or(Cell::Text(String::new()));
    let class = v.nps.map(|n| match NpsClass::of(n) {
        NpsClass::Detractor => "detractor",
        NpsClass::Passive => "passive",
        NpsClass::Promoter => "promoter",
    });
    vec![
        Cell::Int(s.id),
        Cell::Text(s.account_name.clone()),
        day_cell(Some(v.surveyed_on)),
        Cell::Int(i64::from(v.overall)),
        score(v.nps),
        Cell::Text(class.unwrap_or_default().to_string()),
        score(v.quality),
        score(v.delivery),
        score(v.service),
        score(v.response),
        Cell::Text(v.feedback.clone()),
        Cell::Text(v.follow_up.clone()),
        Cell::Bool(v.activity_id.is_some()),
        Cell::Text(s.uuid.clone()),
        Cell::Text(s.activity_uuid.clone().unwrap_or_default()),
        Cell::Text(s.contact_uuid.clone().unwrap_or_default()),
        Cell::Text(s.contract_number.clone().unwrap_or_default()),
    ]
}

/// Every complaint in the order they were made, a page at a time. Returns how many.
pub fn export_complaints(
    store: &Store,
    format: Format,
    sink: Sink<'_>,
    today: NaiveDate,
) -> Result<usize, ExportError> {
    let w = sink_writer(format, without_local_id(COMPLAINT_COLUMNS), sink)?;
    write_pages(
        w,
        |after| store.complaints_page(PageOrder::AsMade, after, EXPORT_PAGE),
        |row| row.id,
        |row| cells_without_local_id(complaint_cells(row, today)),
    )
}

/// Every survey in the order they were made.
pub fn export_surveys(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let w = sink_writer(format, without_local_id(SURVEY_COLUMNS), sink)?;
    write_pages(
        w,
        |after| store.surveys_page(PageOrder::AsMade, after, EXPORT_PAGE),
        |row| row.id,
        |row| cells_without_local_id(survey_cells(row)),
    )
}
