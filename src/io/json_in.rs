//! A JSON file as kam exports it (an array of objects, one per record) read
//! as a table: the keys are the headers (by name: the order of a record's
//! keys means nothing in JSON). Money
//! comes as integer cents under `…_cents` keys; it is read back as the
//! plain amount under the key without `_cents`, so one set of field names
//! serves CSV, xlsx and JSON.

use serde_json::Value;

use super::import::ImportError;
use crate::domain::Money;

/// The headers and records (each with the number a spreadsheet would give
/// its row: the first object is row 2).
pub(super) type Table = (Vec<String>, Vec<(usize, Vec<String>)>);

/// Reads `text`; anything but an array of objects is not a table.
pub(super) fn read_json(text: &str) -> Result<Table, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json(e.to_string()))?;
    let Value::Array(items) = value else { return Err(ImportError::NotATable("JSON that is not a list of records")) };
    let mut headers: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for item in &items {
        let Value::Object(object) = item else {
            return Err(ImportError::NotATable("JSON that is not a list of records"));
        };
        for key in object.keys() {
            if !keys.contains(key) {
                keys.push(key.clone());
                headers.push(key.strip_suffix("_cents").unwrap_or(key).to_string());
            }
        }
    }
    let records = items
        .iter()
        .enumerate()
        .map(|(at, item)| {
            let cells = keys.iter().map(|key| cell(key, item.get(key).unwrap_or(&Value::Null))).collect();
            (at + 2, cells)
        })
        .collect();
    Ok((headers, records))
}

/// A value as the text a CSV cell would hold.
fn cell(key: &str, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if key.ends_with("_cents") => match n.as_i64() {
            Some(cents) => Money(cents).full().replace(',', ""),
            None => n.to_string(),
        },
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_come_back_as_amounts_under_the_plain_name() {
        let (headers, records) =
            read_json(r#"[{"name":"平安银行","amount_cents":-123456,"won":true,"seq":2,"note":null}]"#).expect("read");
        assert_eq!(headers, ["amount", "name", "note", "seq", "won"].map(String::from));
        assert_eq!(records, vec![(2, ["-1234.56", "平安银行", "", "2", "true"].map(String::from).to_vec())]);
        assert!(matches!(read_json(r#"{"a":1}"#), Err(ImportError::NotATable(_))));
        assert!(matches!(read_json("[1, 2]"), Err(ImportError::NotATable(_))));
        assert!(matches!(read_json("[{"), Err(ImportError::Json(_))));
    }
}
