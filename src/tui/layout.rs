//! Screen geometry shared by drawing and paging: the app must know how many
//! rows a list shows before it asks the store for them.

use ratatui::layout::Rect;

/// Below this the app shows a "terminal too small" notice instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Lines per card on the board.
pub const CARD_HEIGHT: u16 = 3;

/// The tab bar, the body and the hint bar.
pub fn frame_parts(area: Rect) -> (Rect, Rect, Rect) {
    let tabs = Rect { height: area.height.min(1), ..area };
    let hints = Rect { y: area.y + area.height.saturating_sub(1), height: area.height.min(1), ..area };
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(2), ..area };
    (tabs, body, hints)
}

/// Rows of a bordered table with a header line inside `body`, less
/// `extra` lines taken above it.
pub fn table_rows(body_height: u16, extra: u16) -> usize {
    usize::from(body_height.saturating_sub(3 + extra)).max(1)
}

/// Cards per board column: borders, a three-line head, the forecast line,
/// and the filter line when there is one.
pub fn cards_per_column(body_height: u16, filter_lines: u16) -> usize {
    usize::from(body_height.saturating_sub(2 + 3 + 1 + filter_lines) / CARD_HEIGHT).max(1)
}

pub fn body_height(total_height: u16) -> u16 {
    total_height.saturating_sub(2)
}
