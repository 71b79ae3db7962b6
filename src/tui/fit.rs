//! Text into a number of terminal cells: display width, not characters (a
//! Chinese character takes two). Names give way last: a long name is
//! replaced by its short name before anything is cut, and what is cut ends
//! in `…` so a cut never reads as a whole word.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` in at most `width` cells, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// An account's name in `width` cells: the full name when it fits, else
/// the short name, else the shorter of the two cut.
pub fn name_in(name: &str, short_name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_string();
    }
    let short = short_name.trim();
    if short.is_empty() {
        return fit(name, width);
    }
    fit(short, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_way_to_short_names_before_being_cut() {
        assert_eq!(name_in("武汉万达建设集团有限公司", "万达建设", 24), "武汉万达建设集团有限公司");
        assert_eq!(name_in("武汉万达建设集团有限公司", "万达建设", 12), "万达建设");
        assert_eq!(name_in("武汉万达建设集团有限公司", "", 9), "武汉万达…");
        assert_eq!(fit("Harbor Freight Tools", 8), "Harbor …");
        assert_eq!(fit("abc", 3), "abc");
    }
}
