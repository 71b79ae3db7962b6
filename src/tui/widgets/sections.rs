//! A form's sections (the same ones `kam report` writes) as lines for a
//! pane of any width: columns by display width, money and counts to the
//! right. When a table is wider than the pane, money turns compact
//! (1.2M, 12.0万) first, then the columns the pane names as least needed
//! go, then the widest text column is cut with `…` — units never are.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::io::report::{ReportCell, Section};
use crate::tui::fit::{fit, wrap};
use crate::tui::theme;

/// Where each table row of each section landed among the lines.
pub struct Drawn {
    pub lines: Vec<Line<'static>>,
    /// (section, row) -> line index.
    pub rows: Vec<(usize, usize, usize)>,
}

/// The lines of `sections` in `width` cells. `drop_order[i]` lists the
/// columns of section `i` to leave out first when it does not fit (else
/// the rightmost go first); `nothing` is the line of an empty table.
pub fn section_lines(
    sections: &[Section],
    width: usize,
    chinese: bool,
    drop_order: &[Vec<usize>],
    nothing: &str,
) -> Drawn {
    let mut drawn = Drawn { lines: Vec::new(), rows: Vec::new() };
    for (n, section) in sections.iter().enumerate() {
        if n > 0 {
            drawn.lines.push(Line::raw(""));
        }
        drawn.lines.push(Line::styled(fit(&section.title, width), theme::header()));
        if section.headers.is_empty() {
            for row in &section.rows {
                let text: Vec<String> = row.iter().map(ReportCell::text).collect();
                for part in text.join(" ").lines() {
                    for piece in wrap(part, width.saturating_sub(2).max(1)) {
                        drawn.lines.push(Line::raw(format!("  {piece}")));
                    }
                }
            }
            continue;
        }
        if section.rows.is_empty() {
            drawn.lines.push(Line::styled(format!("  {nothing}"), theme::muted()));
            continue;
        }
        let order = drop_order.get(n).map(Vec::as_slice).unwrap_or(&[]);
        let table = layout(section, width.saturating_sub(2), chinese, order);
        let header = table.line(&table.headers, true);
        drawn.lines.push(Line::styled(format!("  {header}"), theme::label()));
        for (r, row) in table.rows.iter().enumerate() {
            drawn.rows.push((n, r, drawn.lines.len()));
            drawn.lines.push(Line::from(Span::raw(format!("  {}", table.line(row, false)))));
        }
    }
    drawn
}

/// A table laid out: the columns kept, their widths, the cells as text.
struct Laid {
    headers: Vec<String>,
    rows: Vec<Vec<(String, bool)>>,
    widths: Vec<usize>,
}

impl Laid {
    fn line(&self, cells: &[impl CellText], header: bool) -> String {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&self.widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let text = fit(cell.content(), *w);
            let pad = " ".repeat(w.saturating_sub(text.width()));
            if cell.right() && !header {
                out.push_str(&pad);
                out.push_str(&text)
            } else {
                out.push_str(&text);
                out.push_str(&pad)
            }
        }
        out.trim_end().to_string()
    }
}

trait CellText {
    fn content(&self) -> &str;
    fn right(&self) -> bool;
}

impl CellText for String {
    fn content(&self) -> &str {
        self
    }
    fn right(&self) -> bool {
        false
    }
}

impl CellText for (String, bool) {
    fn content(&self) -> &str {
        &self.0
    }
    fn right(&self) -> bool {
        self.1
    }
}

fn layout(section: &Section, width: usize, chinese: bool, drop_order: &[usize]) -> Laid {
    let text_of = |cell: &ReportCell, compact: bool| match cell {
        ReportCell::Money(m) if compact => m.compact(chinese),
        other => other.text(),
    };
    let measure = |compact: bool, keep: &[usize]| -> (Vec<usize>, usize) {
        let widths: Vec<usize> = keep
            .iter()
            .map(|&c| {
                let head = section.headers.get(c).map_or(0, |h| h.width());
                section
                    .rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| text_of(cell, compact).width())
                    .fold(head, usize::max)
            })
            .collect();
        let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        (widths, total)
    };
    let mut keep: Vec<usize> = (0..section.headers.len()).collect();
    let mut compact = false;
    let (mut widths, mut total) = measure(false, &keep);
    if total > width {
        compact = true;
        (widths, total) = measure(true, &keep);
    }
    // The pane's order when it gives one (the rest stay), else the
    // rightmost columns first.
    let order: Vec<usize> =
        if drop_order.is_empty() { (1..section.headers.len()).rev().collect() } else { drop_order.to_vec() };
    for column in order {
        if total <= width || keep.len() <= 2 {
            break;
        }
        keep.retain(|c| *c != column);
        (widths, total) = measure(compact, &keep);
    }
    // Still too wide: the widest text columns give way, a cell at a time,
    // down to 8 cells each.
    let text_columns: Vec<usize> = (0..keep.len())
        .filter(|&i| section.rows.iter().all(|r| r.get(keep[i]).is_none_or(|c| !c.right_aligned())))
        .collect();
    while total > width {
        let Some(&widest) = text_columns.iter().filter(|&&i| widths[i] > 8).max_by_key(|&&i| widths[i]) else { break };
        widths[widest] -= 1;
        total -= 1;
    }
    Laid {
        headers: keep.iter().map(|&c| section.headers.get(c).cloned().unwrap_or_default()).collect(),
        rows: section
            .rows
            .iter()
            .map(|r| {
                keep.iter()
                    .map(|&c| {
                        r.get(c).map_or((String::new(), false), |cell| (text_of(cell, compact), cell.right_aligned()))
                    })
                    .collect()
            })
            .collect(),
        widths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn a_wide_table_turns_compact_then_drops_what_matters_least() {
        let section = Section {
            title: "Progress".into(),
            headers: vec!["Contract".into(), "Amount".into(), "Note".into(), "Status".into()],
            rows: vec![vec![
                ReportCell::Text("HT-2026-001 显示屏产线升级".into()),
                ReportCell::Money(Money::from_yuan(1_234_567)),
                ReportCell::Text("验收延期，客户承诺月底付款".into()),
                ReportCell::Text("overdue 10 d".into()),
            ]],
        };
        let wide = section_lines(std::slice::from_ref(&section), 120, false, &[], "-");
        assert!(wide.lines[2].to_string().contains("1,234,567.00"));
        let narrow = section_lines(std::slice::from_ref(&section), 60, false, &[vec![2]], "-");
        let row = narrow.lines[2].to_string();
        assert!(row.contains("1.23M") && row.contains("overdue 10 d") && !row.contains("验收"), "{row}");
        for line in &narrow.lines {
            assert!(line.width() <= 60, "{line}");
        }
    }
}
