//! A workbook's sheet as a table to import: its first row the header, the
//! rest records numbered as Excel numbers them. Numbers come as written
//! (no `.0` on whole numbers), date cells as `YYYY-MM-DD` (with the time
//! when they have one), formulas as their last value.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::import::ImportError;

/// The header and records of `sheet` (the first sheet when none).
/// A header row and the records under it, each with its row number.
pub type Table = (Vec<String>, Vec<(usize, Vec<String>)>);

pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e: calamine::XlsxError| ImportError::Xlsx(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet(wanted.to_string(), names.join(", ")))?,
        None => names.first().cloned().ok_or(ImportError::Empty)?,
    };
    let range = book.worksheet_range(&name).map_err(|e| ImportError::Xlsx(e.to_string()))?;
    // Rows are numbered from the sheet's first row, as Excel shows them.
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range.rows().enumerate();
    let Some((_, header)) = rows.next() else { return Err(ImportError::Empty) };
    let headers: Vec<String> = header.iter().map(cell_text).collect();
    let records = rows.map(|(i, row)| (first_row + i + 1, row.iter().map(cell_text).collect())).collect();
    Ok((headers, records))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
    }
}
