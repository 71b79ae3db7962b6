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
/// What the app starts with besides the file.
pub struct Start {
    pub config: Config,
    /// Why the config file could not be read, if it could not.
    pub config_warning: Option<String>,
    pub lang: Lang,
    pub today: NaiveDate,
    /// Problems found beside the first frame (the day's backup failing),
    /// shown on the status line when they arrive.
    pub notices: mpsc::Receiver<String>,
}

pub fn run(store: Store, start: Start) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::init();
    // Bracketed paste: a pasted text arrives as one event, not as keys.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, store, start, &stop);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// How long a burst of input is gathered before it is handled and drawn.
const GATHER: Duration = Duration::from_millis(8);

/// Events taken from the queue between two frames, at most.
const MAX_BATCH: usize = 65_536;

/// A run of plain characters longer than anyone types between two frames
/// is a paste the terminal did not bracket: into a form it goes as one
/// paste (cut to the field's limit at once), not as a megabyte of keys that
/// would keep the Ctrl-S after it waiting.
fn coalesce(events: Vec<event::Event>, into_form: bool) -> Vec<event::Event> {
    use event::{Event, KeyCode, KeyEventKind, KeyModifiers};
    const RUN: usize = 8;
    if !into_form || events.len() < RUN {
        return events;
    }
    let plain = |e: &Event| match e {
        Event::Key(k) if k.kind != KeyEventKind::Release && (k.modifiers - KeyModifiers::SHIFT).is_empty() => {
            match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            }
        }
        _ => None,
    };
    let mut out = Vec::new();
    let mut run = String::new();
    let mut run_events = Vec::new();
    let flush = |out: &mut Vec<Event>, run: &mut String, run_events: &mut Vec<Event>| {
        if run_events.len() >= RUN {
            out.push(Event::Paste(std::mem::take(run)));
            run_events.clear();
        } else {
            out.append(run_events);
            run.clear();
        }
    };
    for e in events {
        match plain(&e) {
            Some(c) => {
                run.push(c);
                run_events.push(e);
            }
            None => {
                flush(&mut out, &mut run, &mut run_events);
                out.push(e);
            }
        }
    }
    flush(&mut out, &mut run, &mut run_events);
    out
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, store: Store, start: Start, stop: &AtomicBool) -> Result<()> {
    let Start { config, config_warning, lang, today, notices } = start;
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
        // A write waiting for another program's lock is tried again (each
        // try waits at most `app::LOCK_TRY`), between frames.
        if app.is_waiting() {
            app.retry_waiting();
        }
        if let Ok(text) = notices.try_recv() {
            app.status = Some(app::Status { text, is_error: true });
        }
        terminal.draw(|frame| draw::draw(&app, frame))?;
        // Wake now and then so a signal, or another kam's write, is noticed
        // without a key press.
        let tick = if app.is_waiting() { Duration::from_millis(100) } else { Duration::from_millis(250) };
        let first = match events.recv_timeout(tick) {
            Ok(event) => event,
            Err(mpsc::RecvTimeoutError::Timeout) if app.is_waiting() => continue,
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
        };
        // Take what comes in the next few milliseconds too (a fast typist,
        // a paste streaming in) before drawing again: one frame per burst,
        // not one per key.
        let mut queued = vec![first];
        let deadline = std::time::Instant::now() + GATHER;
        while queued.len() < MAX_BATCH {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match events.recv_timeout(left) {
                Ok(event) => queued.push(event),
                Err(_) => break,
            }
        }
        for event in coalesce(queued, !app.popups.is_empty()) {
            if app.quit {
                break;
            }
            app.handle_event(&event);
        }
    }
    let _ = app.store.checkpoint();
    Ok(())
}
