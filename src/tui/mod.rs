//! The terminal app: tabs, forms and the event loop.

pub mod app;
pub mod command;
pub mod draw;
pub mod fit;
pub mod keymap;
pub mod layout;
pub mod paged;
pub mod popups;
pub mod tabs;
pub mod theme;
pub mod widgets;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
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
    app.set_config(config);
    if let Some(warning) = config_warning {
        app.status = Some(app::Status {
            text: lang.t(crate::i18n::Msg::ConfigBroken).replace("{error}", &warning),
            is_error: true,
        });
    }
    // A plain thread reads the terminal: when the terminal goes away, a
    // blocked (or spinning) read there cannot keep the app from noticing
    // the hang-up and quitting.
    app.store.defer_checkpoints()?;
    let (keys, events) = mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if keys.send(event).is_err() {
                break;
            }
        }
    });
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| draw::draw(&app, frame))?;
        // Wake now and then so a signal, or another kam's write, is noticed
        // without a key press.
        match events.recv_timeout(Duration::from_millis(250)) {
            Ok(event) => app.handle_event(&event),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Idle: show what another process wrote, then move the WAL
                // into the file.
                app.on_idle();
                if let Err(e) = app.store.checkpoint() {
                    app.show_error(&e);
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        // Take what is already queued (a fast typist, a paste) before
        // drawing again.
        while !app.quit {
            match events.try_recv() {
                Ok(event) => app.handle_event(&event),
                Err(_) => break,
            }
        }
    }
    let _ = app.store.checkpoint();
    Ok(())
}
