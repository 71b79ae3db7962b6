//! The terminal app: tabs, forms and the event loop.

pub mod accounts;
mod accounts_update;
pub mod app;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod paged;
pub mod pipeline;
pub mod records;
pub mod reports;
pub mod theme;
pub mod visits;
pub mod widgets;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;

pub use app::App;

use crate::config::Config;
use crate::i18n::Lang;
use crate::store::Store;

/// Runs the app until the user quits or a SIGTERM / SIGHUP arrives; the
/// terminal is restored on every way out, a panic included (ratatui's hook).
pub fn run(store: Store, config: Config, config_warning: Option<String>, lang: Lang, today: NaiveDate) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::init();
    // Bracketed paste: a pasted text arrives as one event, not as keys.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, store, config, config_warning, lang, today, &stop);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: Store,
    config: Config,
    config_warning: Option<String>,
    lang: Lang,
    today: NaiveDate,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(store, lang, today, (size.width, size.height))?;
    app.config = config;
    if let Some(warning) = config_warning {
        app.status = Some(app::Status {
            text: lang.t(crate::i18n::Msg::ConfigBroken).replace("{error}", &warning),
            is_error: true,
        });
    }
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| draw::draw(&app, frame))?;
        // Wake now and then so a signal is noticed without a key press.
        if event::poll(Duration::from_millis(250))? {
            let event = event::read()?;
            app.handle_event(&event);
            // Drain what is already queued (a fast typist, a paste) before
            // drawing again.
            while !app.quit && event::poll(Duration::ZERO)? {
                app.handle_event(&event::read()?);
            }
        }
    }
    Ok(())
}
