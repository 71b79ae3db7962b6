//! A file to import, read once for every kind: decoded (text in any of the
//! encodings `decode` knows, or an xlsx sheet), its rows numbered as a
//! spreadsheet numbers them, its headers mapped to the kind's fields with
//! `--map`, `--set` and `--key` applied, days rewritten by `--date-format`.
//! The importers then check each row and write the good ones.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::decode::{SourceEncoding, decode};
use super::import::{ImportError, ImportOptions, ImportReport, Problem, RowError};
use super::mapping::{ColumnMap, FieldSpec, map_columns};
use crate::store::RecordMeta;

/// One data row: its spreadsheet row number and cells by field (a short
/// list: a map per row cost more memory than the cells themselves).
pub(super) struct Row {
    pub(super) number: usize,
    cells: Vec<(&'static str, String)>,
}

impl Row {
    pub(super) fn get(&self, field: &str) -> String {
        self.cells.iter().find(|(f, _)| *f == field).map(|(_, c)| c.clone()).unwrap_or_default()
    }

    fn set(&mut self, field: &'static str, value: String) {
        match self.cells.iter_mut().find(|(f, _)| *f == field) {
            Some((_, cell)) => *cell = value,
            None => self.cells.push((field, value)),
        }
    }
}

/// A file read, decoded and mapped.
pub(super) struct ReadFile {
    pub(super) rows: Vec<Row>,
    pub(super) map: ColumnMap,
    pub(super) headers: Vec<String>,
    pub(super) encoding: SourceEncoding,
    /// Rows whose cell count is wrong.
    pub(super) bad: Vec<RowError>,
}

impl ReadFile {
    /// The report of an import of this file: its rows, what was rejected
    /// and what was already here (by UUID, number or key, or twice in the
    /// file), nothing written yet.
    pub(super) fn report(&self, rejected: Vec<RowError>, already_here: usize, options: &ImportOptions) -> ImportReport {
        ImportReport {
            encoding: self.encoding,
            rows: self.rows.len() + self.bad.len(),
            written: 0,
            updated: 0,
            already_there: already_here,
            rejected,
            duplicates: Vec::new(),
            skipped_duplicates: 0,
            ignored_columns: self.map.ignored.clone(),
            dry_run: options.dry_run,
        }
    }
}

/// Whether an import writes: not on a dry run, not when rows were rejected
/// (unless told to skip them), not when nothing is left.
pub(super) fn should_write(report: &ImportReport, options: &ImportOptions, good: usize) -> bool {
    !options.dry_run && (report.rejected.is_empty() || options.skip_invalid) && good > 0
}

pub(super) fn read_rows(path: &Path, specs: &[FieldSpec], options: &ImportOptions) -> Result<ReadFile, ImportError> {
    let mut reader = RowReader::open(path, specs, options)?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row()? {
        rows.push(row);
    }
    let RowReader { map, headers, encoding, bad, .. } = reader;
    Ok(ReadFile { rows, map, headers, encoding, bad })
}

/// A file's rows one at a time, as they are read: an import that writes as
/// it reads holds one row, not the file, in memory.
pub(super) struct RowReader {
    pub(super) map: ColumnMap,
    pub(super) headers: Vec<String>,
    pub(super) encoding: SourceEncoding,
    /// Rows whose cell count is wrong, so far.
    pub(super) bad: Vec<RowError>,
    /// Rows read so far (bad ones included, blank ones not).
    pub(super) read: usize,
    key_column: Option<usize>,
    date_format: Option<String>,
    constants: Vec<(&'static str, String)>,
    source: Source,
}

/// Where a file's records come from once its header is read.
enum Source {
    /// Already read (an xlsx sheet, a JSON list).
    Records(std::vec::IntoIter<(usize, Vec<String>)>),
    /// Text, read record by record (from the file itself when it is
    /// UTF-8; else from its decoded copy).
    Text(csv::Reader<Box<dyn std::io::Read + Send>>),
}

impl RowReader {
    /// Reads the header and maps it (`--map`, `--set`, `--key`); the rows
    /// come from `next_row`.
    pub(super) fn open(path: &Path, specs: &[FieldSpec], options: &ImportOptions) -> Result<RowReader, ImportError> {
        let io = |source| ImportError::Io { path: path.to_path_buf(), source };
        let head = read_head(path).map_err(io)?;
        let (headers, source, encoding) = if head.starts_with(b"PK\x03\x04") {
            let (headers, records) = super::xlsx_in::read_sheet(path, options.sheet.as_deref())?;
            (headers, Source::Records(records.into_iter()), SourceEncoding::Xlsx)
        } else if let Some(opened) = stream_utf8(path, &head)? {
            opened
        } else {
            read_text(&std::fs::read(path).map_err(io)?)?
        };
        if let Some(twice) = repeated_header(&headers) {
            return Err(ImportError::DuplicateHeader(twice));
        }
        let mut map = map_columns(&headers, specs, &options.maps)
            .and_then(|map| map.with_constants(specs, &options.sets))
            .map_err(ImportError::Map)?;
        let key_column = match &options.key {
            Some(key) => {
                let norm = |h: &str| h.trim().trim_start_matches('\u{feff}').to_lowercase();
                let at = headers
                    .iter()
                    .position(|h| norm(h) == norm(key))
                    .ok_or_else(|| ImportError::Map(super::mapping::MapError::UnknownHeader(key.trim().to_string())))?;
                map.ignored.retain(|h| norm(h) != norm(key));
                Some(at)
            }
            None => None,
        };
        let constants = map.constants.clone();
        Ok(RowReader {
            map,
            headers,
            encoding,
            bad: Vec::new(),
            read: 0,
            key_column,
            date_format: options.date_format.clone(),
            constants,
            source,
        })
    }

    /// The next row with something in it; rows of the wrong width go to
    /// `bad` and are passed over.
    pub(super) fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        let mut record = csv::StringRecord::new();
        loop {
            let (number, held) = match &mut self.source {
                Source::Records(records) => match records.next() {
                    Some((number, cells)) => (number, Some(cells)),
                    None => return Ok(None),
                },
                Source::Text(reader) => {
                    let more = reader.read_record(&mut record).map_err(|e| ImportError::Csv {
                        row: e.position().map(|p| p.record() as usize + 1).unwrap_or(0),
                        message: e.to_string(),
                    })?;
                    if !more {
                        return Ok(None);
                    }
                    (record.position().map(|p| p.record() as usize + 1).unwrap_or(0), None)
                }
            };
            let cells: Vec<&str> = match &held {
                Some(cells) => cells.iter().map(String::as_str).collect(),
                None => record.iter().collect(),
            };
            if let Some(row) = self.make_row(number, &cells)? {
                return Ok(Some(row));
            }
        }
    }

    /// A record as a row of fields; None when blank or of the wrong width.
    fn make_row(&mut self, number: usize, record: &[&str]) -> Result<Option<Row>, ImportError> {
        if record.iter().all(|c| c.trim().is_empty()) {
            return Ok(None);
        }
        self.read += 1;
        if let Some(at) = record.iter().position(|c| c.contains('\0')) {
            let column = self.headers.get(at).cloned().unwrap_or_default();
            return Err(ImportError::Nul { row: number, column });
        }
        if record.len() != self.headers.len() {
            self.bad.push(RowError {
                row: number,
                column: String::new(),
                problem: Problem::FieldCount { expected: self.headers.len(), found: record.len() },
            });
            return Ok(None);
        }
        let cells = record
            .iter()
            .zip(&self.map.fields)
            .filter_map(|(cell, field)| field.map(|f| (f, unneutralise(cell))))
            .collect();
        let mut row = Row { number, cells };
        for (field, value) in &self.constants {
            row.set(field, value.clone());
        }
        if let Some(at) = self.key_column {
            row.set(KEY, record.get(at).map(|k| k.trim().to_string()).unwrap_or_default());
        }
        if let Some(format) = &self.date_format {
            rewrite_days(&mut row.cells, format);
        }
        Ok(Some(row))
    }
}

/// The cell holding a row's `--key` value.
pub(super) const KEY: &str = "external_id";

/// A file's header row, where its records come from, and how it was read.
type Opened = (Vec<String>, Source, SourceEncoding);

/// A text file: CSV, semicolon or tab separated, in any encoding `decode`
/// knows (or a JSON list of records). Rows are numbered by record, not by
/// line, which CRLF endings and cells of several lines would put off.
fn read_text(bytes: &[u8]) -> Result<Opened, ImportError> {
    let (text, encoding) = decode(bytes).ok_or(ImportError::Encoding)?;
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.is_empty() {
        return Err(ImportError::Empty);
    }
    if body.starts_with('[') {
        // kam's own JSON export (or any list of records).
        let (headers, records) = super::json_in::read_json(body)?;
        return Ok((headers, Source::Records(records.into_iter()), SourceEncoding::Json));
    }
    if body.starts_with('{') {
        return Err(ImportError::NotATable("JSON that is not a list of records"));
    }
    // Comma, semicolon (Excel in much of Europe) or tab (Excel's "Unicode
    // text"), as the header line says.
    let delimiter = super::decode::delimiter_of(&text);
    csv_source(Box::new(std::io::Cursor::new(text.into_bytes())), delimiter, encoding)
}

/// How much of a file is read first to know what it is.
const HEAD: usize = 64 * 1024;

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD);
    std::fs::File::open(path)?.take(HEAD as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// A UTF-8 CSV read straight from the file as the rows are needed (never
/// the whole file in memory); None when the file is something else (JSON,
/// UTF-16, GBK, empty), which is read whole.
fn stream_utf8(path: &Path, head: &[u8]) -> Result<Option<Opened>, ImportError> {
    use std::io::{Seek, SeekFrom};
    let Some(bom) = super::decode::streams_as_utf8(head) else { return Ok(None) };
    let text = String::from_utf8_lossy(&head[bom..]);
    let body = text.trim_start();
    if body.is_empty() || body.starts_with(['[', '{']) {
        return Ok(None);
    }
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    // A GBK file may open with plain ASCII (English names sorted first):
    // only a file that is UTF-8 to its end streams, else it is decoded whole.
    if head.len() == HEAD && !is_utf8_to_the_end(path).map_err(io)? {
        return Ok(None);
    }
    let mut file = std::fs::File::open(path).map_err(io)?;
    file.seek(SeekFrom::Start(bom as u64)).map_err(io)?;
    let encoding = if bom > 0 { SourceEncoding::Utf8Bom } else { SourceEncoding::Utf8 };
    let file: Box<dyn std::io::Read + Send> = Box::new(std::io::BufReader::with_capacity(HEAD, file));
    csv_source(file, super::decode::delimiter_of(&text), encoding).map(Some)
}

/// Whether the whole file is UTF-8, read a block at a time (a character
/// cut by a block's end is carried into the next).
fn is_utf8_to_the_end(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut block = vec![0u8; 1 << 20];
    let mut carried = 0;
    loop {
        let read = file.read(&mut block[carried..])?;
        if read == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + read;
        match std::str::from_utf8(&block[..filled]) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                block.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// A CSV reader over `input`, its header read.
fn csv_source(
    input: Box<dyn std::io::Read + Send>,
    delimiter: u8,
    encoding: SourceEncoding,
) -> Result<Opened, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).delimiter(delimiter).from_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::Csv { row: 1, message: e.to_string() })?
        .iter()
        .map(str::to_string)
        .collect();
    Ok((headers, Source::Text(reader), encoding))
}

/// `--date-format`: the cells of day fields (`…_on`, `…_date`, `date`)
/// written that way become `YYYY-MM-DD`; others are left for the field's
/// own check to name.
fn rewrite_days(cells: &mut [(&'static str, String)], format: &str) {
    for (field, cell) in cells.iter_mut() {
        if !(field.ends_with("_on") || field.ends_with("_date") || *field == "date") {
            continue;
        }
        let text = cell.trim();
        let day = chrono::NaiveDate::parse_from_str(text, format)
            .ok()
            .or_else(|| chrono::NaiveDateTime::parse_from_str(text, format).ok().map(|t| t.date()));
        if let Some(day) = day {
            *cell = day.format("%Y-%m-%d").to_string();
        }
    }
}

/// A header the file has twice (blank ones aside), as written.
fn repeated_header(headers: &[String]) -> Option<String> {
    let norm = |h: &str| h.trim().trim_start_matches('\u{feff}').to_lowercase();
    headers.iter().enumerate().find_map(|(i, h)| {
        let n = norm(h);
        (!n.is_empty() && headers[..i].iter().any(|o| norm(o) == n)).then(|| h.trim().to_string())
    })
}

/// Exports put a `'` before text starting with = + - @ TAB or CR so
/// spreadsheets do not run it; reading our own export back takes off
/// exactly that guard again (`export::neutralise` is its other half).
fn unneutralise(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if super::export::guarded(rest) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// The header a field came from, for messages.
pub(super) fn header_of(map: &ColumnMap, headers: &[String], field: &str) -> String {
    if map.column_of(field).is_none() && map.constants.iter().any(|(f, _)| *f == field) {
        return format!("--set {field}");
    }
    map.column_of(field)
        .and_then(|i| headers.get(i))
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .unwrap_or_else(|| field.to_string())
}

/// Identity kept from the file (an export of kam's), or new.
pub(super) fn record_meta(row: &Row, header: impl Fn(&str) -> String, errors: &mut Vec<RowError>) -> RecordMeta {
    let mut meta = RecordMeta::now();
    let uuid = row.get("uuid");
    if !uuid.trim().is_empty() {
        match uuid::Uuid::parse_str(uuid.trim()) {
            Ok(u) => meta.uuid = u,
            Err(_) => errors.push(RowError { row: row.number, column: header("uuid"), problem: Problem::NotAUuid }),
        }
    }
    let created = row.get("created_at");
    if !created.trim().is_empty() {
        match DateTime::parse_from_rfc3339(created.trim()) {
            Ok(t) => meta.at = t.with_timezone(&Utc),
            Err(_) => {
                errors.push(RowError { row: row.number, column: header("created_at"), problem: Problem::NotATimestamp })
            }
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_takes_off_exactly_the_guard_the_export_puts_on() {
        for text in ["=SUM(A1)", "+86 138", "-1", "@A1", "\tindented", "\rreturn", "'quoted", "平安银行", "'=kept"]
        {
            assert_eq!(unneutralise(&super::super::export::neutralise(text)), text, "{text:?}");
        }
    }
}
