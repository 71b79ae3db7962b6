//! The writers behind every export and list: CSV (with a BOM, the guard
//! against formulas), JSON (an array of objects), xlsx (typed cells: money
//! as numbers, days as dates, text as text), one row at a time.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use rust_xlsxwriter::Workbook;

use super::export::{Cell, ExportError, Format, RowWriter, neutralise};

struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> RowWriter for CsvWriter<W> {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let texts: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) => neutralise(t),
                Cell::Int(n) => n.to_string(),
                Cell::Money(m) => m.full().replace(',', ""),
                Cell::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
                Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            })
            .collect();
        self.out.write_record(&texts)?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.out.flush()?;
        Ok(())
    }
}

struct JsonWriter<W: Write> {
    out: W,
    keys: Vec<String>,
    first: bool,
}

impl<W: Write> RowWriter for JsonWriter<W> {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let mut object = serde_json::Map::new();
        for (key, cell) in self.keys.iter().zip(cells) {
            let value = match cell {
                Cell::Text(t) => serde_json::Value::from(t.as_str()),
                Cell::Int(n) => serde_json::Value::from(*n),
                Cell::Money(m) => serde_json::Value::from(m.cents()),
                Cell::Bool(b) => serde_json::Value::from(*b),
                Cell::Date(d) => serde_json::Value::from(d.format("%Y-%m-%d").to_string()),
            };
            object.insert(key.clone(), value);
        }
        self.out.write_all(if self.first { b"[\n  " } else { b",\n  " })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, &object)?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

/// The workbook an xlsx writer fills: its own (saved to a file when done),
/// or one shared by several kinds (`kam export all`), a sheet each.
enum Book<'a> {
    Own(Box<Workbook>, PathBuf),
    Shared(&'a mut Workbook),
}

struct XlsxWriter<'a> {
    book: Book<'a>,
    sheet: usize,
    row: u32,
    money: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
}

impl RowWriter for XlsxWriter<'_> {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let book = match &mut self.book {
            Book::Own(book, _) => book,
            Book::Shared(book) => &mut **book,
        };
        let sheet = book.worksheet_from_index(self.sheet)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                // A string cell is never run as a formula: the text as it is.
                Cell::Text(t) => sheet.write_string(self.row, col, t)?,
                Cell::Int(n) => sheet.write_number(self.row, col, *n as f64)?,
                // A spreadsheet number for the manager's sums; exact to the
                // cent far beyond any deal size.
                Cell::Money(m) => {
                    sheet.write_number_with_format(self.row, col, m.cents() as f64 / 100.0, &self.money)?
                }
                Cell::Bool(b) => sheet.write_boolean(self.row, col, *b)?,
                // A real date the manager can sort and filter by.
                Cell::Date(d) => {
                    let date =
                        rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(self.row, col, &date, &self.date)?
                }
            };
        }
        self.row += 1;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        if let Book::Own(book, path) = &mut self.book {
            book.save(&*path)?;
        }
        Ok(())
    }
}

/// Where an export's rows go.
pub enum Sink<'a> {
    /// CSV or JSON to a stream (a file, standard output).
    Out(Box<dyn Write + 'a>),
    /// xlsx to its own file.
    XlsxFile(&'a Path),
    /// A sheet of this name in a workbook several kinds share.
    Sheet(&'a mut Workbook, &'a str),
    /// Another sink, with the column names renamed (`--headers zh`).
    Renamed(Box<Sink<'a>>, Rename<'a>),
}

/// Column names in, the names to write out.
pub type Rename<'a> = Box<dyn Fn(&[&str]) -> Vec<String> + 'a>;

/// A writer for `format` with `headers` written first. CSV and JSON go to
/// `out`; xlsx needs a file, `xlsx_path`.
pub fn writer<'a>(
    format: Format,
    headers: &[&str],
    out: Box<dyn Write + 'a>,
    xlsx_path: Option<&'a Path>,
) -> Result<Box<dyn RowWriter + 'a>, ExportError> {
    match (format, xlsx_path) {
        (Format::Xlsx, Some(path)) => sink_writer(format, headers, Sink::XlsxFile(path)),
        (Format::Xlsx, None) => Err(std::io::Error::other("xlsx needs --out FILE").into()),
        _ => sink_writer(format, headers, Sink::Out(out)),
    }
}

/// A writer for `format` into `sink`, with `headers` written first.
pub fn sink_writer<'a>(
    format: Format,
    headers: &[&str],
    sink: Sink<'a>,
) -> Result<Box<dyn RowWriter + 'a>, ExportError> {
    match (format, sink) {
        (_, Sink::Renamed(inner, rename)) => {
            let names = rename(headers);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            sink_writer(format, &names, *inner)
        }
        (Format::Csv, Sink::Out(mut out)) => {
            out.write_all(b"\xEF\xBB\xBF")?;
            let mut csv = CsvWriter { out: csv::Writer::from_writer(out) };
            csv.out.write_record(headers)?;
            Ok(Box::new(csv))
        }
        (Format::Json, Sink::Out(out)) => {
            Ok(Box::new(JsonWriter { out, keys: headers.iter().map(|h| h.to_string()).collect(), first: true }))
        }
        (Format::Xlsx, Sink::XlsxFile(path)) => {
            let book = Book::Own(Box::new(Workbook::new()), path.to_path_buf());
            xlsx_writer(book, "", headers)
        }
        (Format::Xlsx, Sink::Sheet(book, name)) => xlsx_writer(Book::Shared(book), name, headers),
        _ => Err(std::io::Error::other("this format cannot go there").into()),
    }
}

/// An xlsx writer on a new sheet of `book` (named, when a name is given),
/// its header row bold.
fn xlsx_writer<'a>(mut book: Book<'a>, name: &str, headers: &[&str]) -> Result<Box<dyn RowWriter + 'a>, ExportError> {
    let workbook = match &mut book {
        Book::Own(book, _) => book,
        Book::Shared(book) => &mut **book,
    };
    let sheet = workbook.add_worksheet();
    if !name.is_empty() {
        sheet.set_name(name)?;
    }
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    let index = workbook.worksheets().len() - 1;
    let money = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    Ok(Box::new(XlsxWriter { book, sheet: index, row: 1, money, date }))
}
