//! Text from a file's bytes: UTF-16 (Excel's "Unicode text", with its
//! byte-order mark or recognised by its zero bytes), UTF-8 with or without
//! a BOM, else GB18030 (the superset of GBK that Excel on Chinese Windows
//! writes). And which delimiter a file uses, found from its header.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
    /// Not text: an xlsx workbook's sheet.
    Xlsx,
    /// A list of records in JSON (UTF-8), as kam exports them.
    Json,
}

impl SourceEncoding {
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Utf16Le => "UTF-16 LE",
            SourceEncoding::Utf16Be => "UTF-16 BE",
            SourceEncoding::Gb18030 => "GBK/GB18030",
            SourceEncoding::Xlsx => "xlsx",
            SourceEncoding::Json => "JSON",
        }
    }
}

/// Decodes `bytes`, or None when they are neither UTF-8 nor GB18030.
pub fn decode(bytes: &[u8]) -> Option<(String, SourceEncoding)> {
    if let Some(utf16) = utf16_of(bytes) {
        let (encoding, body) = match utf16 {
            SourceEncoding::Utf16Be => (UTF_16BE, bytes.strip_prefix(b"\xFE\xFF").unwrap_or(bytes)),
            _ => (UTF_16LE, bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes)),
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        return (!had_errors).then(|| (text.into_owned(), utf16));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(|t| (t.to_string(), SourceEncoding::Utf8Bom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), SourceEncoding::Utf8));
    }
    let (text, _, had_errors) = GB18030.decode(bytes);
    (!had_errors).then(|| (text.into_owned(), SourceEncoding::Gb18030))
}

/// UTF-16 by its byte-order mark, or by the zero bytes ASCII leaves in
/// every other place (a header of Latin names: `n\0a\0m\0e\0`).
fn utf16_of(bytes: &[u8]) -> Option<SourceEncoding> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(SourceEncoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(SourceEncoding::Utf16Be);
    }
    let head = &bytes[..bytes.len().min(200) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    if zeros(1) * 10 >= half * 7 && zeros(0) == 0 {
        Some(SourceEncoding::Utf16Le)
    } else if zeros(0) * 10 >= half * 7 && zeros(1) == 0 {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

/// Whether a file whose first bytes are `head` can be read as UTF-8 as it
/// streams in (no whole-file copy): not UTF-16, and its start is UTF-8 up
/// to a character cut at the end of `head`. The BOM's length when so.
pub fn streams_as_utf8(head: &[u8]) -> Option<usize> {
    if utf16_of(head).is_some() {
        return None;
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    match std::str::from_utf8(&head[bom..]) {
        Ok(_) => Some(bom),
        // Only a character cut off by the end of `head`.
        Err(e) if e.error_len().is_none() => Some(bom),
        Err(_) => None,
    }
}

/// The delimiter of a file: comma, semicolon or tab, whichever its header
/// line holds most of outside quotes (a comma when none).
pub fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 0)).unwrap_or(0);
    if counts[best] == 0 { b',' } else { [b',', b';', b'\t'][best] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_bom_and_gbk() {
        assert_eq!(decode("名称\n".as_bytes()), Some(("名称\n".to_string(), SourceEncoding::Utf8)));
        assert_eq!(decode(b"\xEF\xBB\xBFname\n"), Some(("name\n".to_string(), SourceEncoding::Utf8Bom)));
        let (gbk, _, _) = GB18030.encode("平安银行,深圳\n");
        assert_eq!(decode(&gbk), Some(("平安银行,深圳\n".to_string(), SourceEncoding::Gb18030)));
        assert_eq!(decode(b"\xEF\xBB\xBF\xFF\xFE"), None);
    }

    #[test]
    fn reads_utf16_with_or_without_its_mark() {
        let le: Vec<u8> = "名称\t地区\n平安银行\t深圳\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let with_bom = [b"\xFF\xFE".as_slice(), &le].concat();
        assert_eq!(
            decode(&with_bom).map(|(t, e)| (t, e.name())),
            Some(("名称\t地区\n平安银行\t深圳\n".into(), "UTF-16 LE"))
        );
        let latin: Vec<u8> = "name\tregion\nAcme\tX\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&latin).map(|(_, e)| e), Some(SourceEncoding::Utf16Le));
        let be: Vec<u8> = "name;region\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be), Some(("name;region\n".into(), SourceEncoding::Utf16Be)));
    }

    #[test]
    fn the_delimiter_comes_from_the_header() {
        assert_eq!(delimiter_of("name;region;tier\na,b;c;d\n"), b';');
        assert_eq!(delimiter_of("name\tregion\n"), b'\t');
        assert_eq!(delimiter_of("\"a;b\",c\n"), b',');
        assert_eq!(delimiter_of("name\n"), b',');
    }
}
