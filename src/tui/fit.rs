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

/// `text` in lines of at most `width` cells: broken at spaces where it
/// can be (English), anywhere between characters where it cannot
/// (Chinese has no spaces; a path may be longer than a line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w = word.trim_end().width();
        if used > 0 && used + w > width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && !(c == ' ' && used == width) {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                used = 0;
            }
            if c == ' ' && used == 0 {
                continue;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
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
    fn long_lines_wrap_at_spaces_and_between_wide_characters() {
        assert_eq!(wrap("Waiting for another kam to finish", 12), ["Waiting for", "another kam", "to finish"]);
        assert_eq!(wrap("保存失败：文件只读", 8), ["保存失败", "：文件只", "读"]);
        assert_eq!(wrap("/a/very/long/path/name", 10), ["/a/very/lo", "ng/path/na", "me"]);
        for line in wrap("今日备份未能完成：找不到 /tmp/t1/backups/kam-2026-11-27.sqlite3 Not a folder", 20)
        {
            assert!(line.width() <= 20, "{line}");
        }
    }

    #[test]
    fn names_give_way_to_short_names_before_being_cut() {
        assert_eq!(name_in("武汉万达建设集团有限公司", "万达建设", 24), "武汉万达建设集团有限公司");
        assert_eq!(name_in("武汉万达建设集团有限公司", "万达建设", 12), "万达建设");
        assert_eq!(name_in("武汉万达建设集团有限公司", "", 9), "武汉万达…");
        assert_eq!(fit("Harbor Freight Tools", 8), "Harbor …");
        assert_eq!(fit("abc", 3), "abc");
    }
}
