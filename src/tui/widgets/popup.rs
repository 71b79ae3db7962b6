//! Centered popups drawn over the tab.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// A rectangle of at most `width` × `height` centered in `area`, never
/// larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears `area` for a popup. A wide (Chinese) character just left of the
/// area would still spill one cell into it and break the border, so it is
/// blanked too.
pub fn clear(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.y..area.y.saturating_add(area.height) {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}
