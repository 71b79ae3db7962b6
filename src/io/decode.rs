//! Text from a file's bytes: UTF-8 with or without a BOM first, else
//! GB18030 (the superset of GBK that Excel on Chinese Windows writes).

use encoding_rs::GB18030;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

impl SourceEncoding {
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Decodes `bytes`, or None when they are neither UTF-8 nor GB18030.
pub fn decode(bytes: &[u8]) -> Option<(String, SourceEncoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(|t| (t.to_string(), SourceEncoding::Utf8Bom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), SourceEncoding::Utf8));
    }
    let (text, _, had_errors) = GB18030.decode(bytes);
    (!had_errors).then(|| (text.into_owned(), SourceEncoding::Gb18030))
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
}
