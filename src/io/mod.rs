//! Import and export: reading the files reps already have (CSV in UTF-8 or
//! GBK, headers mapped by name) and writing what managers open (CSV with a
//! BOM, JSON, xlsx).

pub mod decode;
pub mod export;
pub mod export_care;
pub mod export_money;
pub mod export_targets;
pub mod export_visits;
pub mod headers_zh;
pub mod import;
mod import_accounts;
pub mod import_activities;
pub mod import_care;
pub mod import_deals;
pub mod import_money;
pub mod import_targets;
pub mod import_visits;
mod json_in;
pub mod mapping;
mod read_rows;
pub mod report;
pub mod report_forms;
pub mod report_visits;
mod stream_import;
mod writers;
pub mod xlsx_in;
