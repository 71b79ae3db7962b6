//! `kam import accounts|contacts FILE`: every row checked, every rejected
//! row reported with its row number, column and reason, likely duplicates
//! flagged, and all of it written as one undoable action — or nothing, on a
//! dry run or when a row is bad and the user did not ask to skip bad rows.

use std::path::{Path, PathBuf};

use super::decode::SourceEncoding;
pub use super::import_accounts::import_accounts;
use super::mapping::{FieldSpec, MapError};
pub(super) use super::read_rows::{KEY, header_of, read_rows, record_meta, should_write};
use super::read_rows::{Row, RowReader};
use super::stream_import::{Tally, Writing, import_streaming};
use crate::domain::FieldError;
use crate::domain::account::{ContactInput, validate_contact};
use crate::store::{Imported, Linked};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Import it and say so (two real companies can share a name).
    #[default]
    Keep,
    /// Leave the row out and say so.
    Skip,
    /// A record already here (same UUID or key): take the file's values.
    Update,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `HEADER=FIELD` pairs.
    pub maps: Vec<String>,
    /// `FIELD=VALUE` pairs: one value for every row.
    pub sets: Vec<String>,
    /// How the file writes its days when not year first (`%m/%d/%Y`):
    /// chrono's format; never guessed.
    pub date_format: Option<String>,
    /// An xlsx file's sheet by name (the first when none).
    pub sheet: Option<String>,
    /// The header of the file's own id column (`opportunity_id`): kept on
    /// each record, and how a row finds its record again.
    pub key: Option<String>,
    pub dry_run: bool,
    /// Write the good rows even when some are rejected.
    pub skip_invalid: bool,
    pub on_duplicate: OnDuplicate,
}

/// What is wrong with one cell or row.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Field(FieldError),
    FieldCount {
        expected: usize,
        found: usize,
    },
    UnknownAccount(String),
    /// The file's uuid is already in this database: the same record.
    AlreadyImported,
    NotAUuid,
    NotATimestamp,
    /// A stage value no `--stage-map` names.
    UnknownStage(String),
    /// The row names no account (blank), and none may be created.
    NoAccount,
    /// No contract has this number.
    UnknownContract(String),
    /// The contract has no instalment of this number.
    UnknownInstalment(String),
    /// A value the field does not know (a UUID, a number out of place).
    UnknownValue(String),
    /// A value a closed field (a channel, a status, a payment method) does
    /// not take, with the labels of those it does (each read back in
    /// either language, as is its code).
    NotOneOf {
        value: String,
        choices: Vec<crate::i18n::Msg>,
    },
    /// A name several accounts match: which ones.
    AmbiguousAccount {
        name: String,
        candidates: Vec<String>,
    },
    /// A contact the row's account does not have.
    UnknownContact(String),
    /// A record the row links to (by the UUID or number given) that
    /// belongs to another account.
    OfAnotherAccount(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: usize,
    pub column: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DuplicateOf {
    Row(usize),
    Existing(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub row: usize,
    pub name: String,
    pub of: DuplicateOf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub encoding: SourceEncoding,
    pub rows: usize,
    pub written: usize,
    /// Rows whose record was already here and took the file's values.
    pub updated: usize,
    /// Rows whose record was already here, left as it was.
    pub already_there: usize,
    pub rejected: Vec<RowError>,
    pub duplicates: Vec<Duplicate>,
    pub skipped_duplicates: usize,
    pub ignored_columns: Vec<String>,
    pub dry_run: bool,
}

impl ImportReport {
    /// True when nothing was written because rows were bad.
    pub fn refused(&self) -> bool {
        !self.rejected.is_empty() && self.written == 0
    }

    /// How many rows had a problem (a row may have several).
    pub fn rows_rejected(&self) -> usize {
        let mut rows: Vec<usize> = self.rejected.iter().map(|e| e.row).collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the file is neither UTF-8 nor GBK text")]
    Encoding,
    #[error("row {row}: {message}")]
    Csv { row: usize, message: String },
    #[error("no column gives the {0}; name one with --map HEADER={0}")]
    MissingColumn(&'static str),
    #[error("--stage-map {0:?}: give VALUE=STAGE, STAGE being 1 to 6, a stage name, won or lost")]
    StageMap(String),
    #[error("--map: {0:?}")]
    Map(MapError),
    #[error("--channel-map {0:?}: give VALUE=CHANNEL, CHANNEL being visit, phone, exhibition, ... or its Chinese name")]
    ChannelMap(String),
    #[error("the file is empty: no header row, no rows")]
    Empty,
    #[error(
        "this is {0}, not a table: kam imports CSV (comma, semicolon or tab separated), xlsx and JSON lists of records"
    )]
    NotATable(&'static str),
    #[error("the JSON cannot be read: {0}")]
    Json(String),
    #[error("the workbook has no sheet {0:?} (it has: {1})")]
    NoSuchSheet(String, String),
    #[error("the workbook cannot be read: {0}")]
    Xlsx(String),
    #[error("row 1: the column {0:?} is there twice; rename one, or leave one out with --map \"{0}=\"")]
    DuplicateHeader(String),
    #[error("row {row}, column {column:?}: a NUL byte (the file may be binary, or text in another encoding)")]
    Nul { row: usize, column: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(super) const CONTACT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "account",
        aliases: &["account name", "company", "customer", "客户", "客户名称", "公司", "公司名称"],
    },
    FieldSpec { field: "account_uuid", aliases: &[] },
    FieldSpec { field: "name", aliases: &["contact", "contact name", "姓名", "联系人"] },
    FieldSpec { field: "title", aliases: &["position", "job title", "职务", "职位"] },
    FieldSpec { field: "phone", aliases: &["mobile", "tel", "telephone", "电话", "手机"] },
    FieldSpec { field: "email", aliases: &["e-mail", "mail", "邮箱", "电子邮件"] },
    FieldSpec { field: "role", aliases: &["decision role", "角色", "决策角色"] },
    FieldSpec { field: "personal_notes", aliases: &["notes", "personal", "备注", "个人信息"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
];

/// Imports contacts; each row names its account (by uuid or exact name).
/// Written as read (`stream_import`).
pub fn import_contacts(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, CONTACT_FIELDS, options)?;
    if !reader.map.feeds("name") {
        return Err(ImportError::MissingColumn("name"));
    }
    if !reader.map.feeds("account") && !reader.map.feeds("account_uuid") {
        return Err(ImportError::MissingColumn("account"));
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    // Keys seen, on a dry run (written rows are found by their key).
    let mut seen_keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        let mut errors = Vec::new();
        let meta = record_meta(row, header, &mut errors);
        let by_uuid = row.get("account_uuid");
        let account_id = if !by_uuid.trim().is_empty() {
            store.account_by_uuid(by_uuid.trim())?
        } else {
            store.account_named(&row.get("account"))?.map(|a| a.id)
        };
        let Some(account_id) = account_id else {
            let (column, name) =
                if by_uuid.trim().is_empty() { ("account", row.get("account")) } else { ("account_uuid", by_uuid) };
            errors.push(RowError { row: row.number, column: header(column), problem: Problem::UnknownAccount(name) });
            tally.rejected.extend(errors);
            return Ok(());
        };
        let mut input = ContactInput {
            name: row.get("name"),
            title: row.get("title"),
            phone: row.get("phone"),
            email: row.get("email"),
            role: row.get("role"),
            personal_notes: row.get("personal_notes"),
        };
        crate::labels::contact_input_codes(&mut input);
        let contact = match validate_contact(account_id, &input) {
            Ok(contact) => contact,
            Err(field_errors) => {
                errors.extend(field_errors.into_iter().map(|(f, e)| RowError {
                    row: row.number,
                    column: header(f.key()),
                    problem: Problem::Field(e),
                }));
                tally.rejected.extend(errors);
                return Ok(());
            }
        };
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        // Already here (by UUID or key)? Left as it is, or updated.
        let key = row.get(KEY);
        if !w.writes && !key.is_empty() && !seen_keys.insert(key.clone()) {
            tally.already_there += 1;
            return Ok(());
        }
        let uuid = (!row.get("uuid").trim().is_empty()).then(|| meta.uuid.to_string());
        match store.imported_record(Imported::Contact, uuid.as_deref(), Some(&key))? {
            Some(id) if options.on_duplicate == OnDuplicate::Update => {
                if w.writes {
                    w.batch.update_contact(id, &contact)?;
                }
                tally.updated += 1;
            }
            Some(_) => tally.already_there += 1,
            None => {
                if w.writes {
                    let id = w.batch.insert_contact(&contact, &meta)?;
                    if !key.is_empty() {
                        w.batch.set_external_id(Imported::Contact, id, &key)?;
                    }
                }
                tally.written += 1;
            }
        }
        Ok(())
    };
    import_streaming(store, crate::ops::ActionKind::ImportContacts, path, reader, options, take, |_, _| Ok(()))
}

/// A closed value as a file may hold it beyond its code: the label kam
/// shows for it, in either language (what an export with `--headers zh`
/// or a rep copying the screen writes).
pub(super) fn by_label<T: Copy>(text: &str, all: &[T], label: impl Fn(T) -> crate::i18n::Msg) -> Option<T> {
    let t = text.trim();
    all.iter().copied().find(|v| {
        let (en, zh) = label(*v).texts();
        en.eq_ignore_ascii_case(t) || zh == t
    })
}

/// The problem of a value `all` does not hold: it, and the labels of all.
pub(super) fn not_one_of<T: Copy>(value: &str, all: &[T], label: impl Fn(T) -> crate::i18n::Msg) -> Problem {
    Problem::NotOneOf { value: value.trim().to_string(), choices: all.iter().map(|v| label(*v)).collect() }
}

/// The deal a row links by UUID (`deal_uuid`, as kam's exports write it):
/// none when the cell is empty; the problem when no deal here has it, or
/// when it is a deal of another account than the row's (`account`).
pub(super) fn linked_deal(
    store: &Store,
    row: &super::read_rows::Row,
    account: Option<i64>,
) -> Result<Result<Option<i64>, Problem>, StoreError> {
    let uuid = row.get("deal_uuid").trim().to_string();
    if uuid.is_empty() {
        return Ok(Ok(None));
    }
    match store.imported_record(Imported::Opportunity, Some(&uuid), None)? {
        Some(id) => own_link(store, Linked::Deal, Some(id), account, &uuid),
        None => Ok(Err(Problem::UnknownValue(uuid))),
    }
}

/// A record a row links to, kept only when it is of the row's own account
/// (when that is known): a contract signed by another account's contact,
/// or a visit on another account's deal, would show in both dossiers and
/// count in the wrong one's reports. `given` is what the file named it by.
pub(super) fn own_link(
    store: &Store,
    kind: Linked,
    found: Option<i64>,
    account: Option<i64>,
    given: &str,
) -> Result<Result<Option<i64>, Problem>, StoreError> {
    let (Some(id), Some(account)) = (found, account) else { return Ok(Ok(found)) };
    Ok(match store.account_of_linked(kind, id)? {
        Some(owner) if owner != account => Err(Problem::OfAnotherAccount(given.to_string())),
        _ => Ok(Some(id)),
    })
}
