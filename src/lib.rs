//! kam: a key-account manager for the terminal. The library holds
//! everything; `main.rs` only parses the command line and dispatches, so
//! tests and benches run the same code as the app.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod io;
pub mod labels;
pub mod ops;
pub mod progress;
pub mod reports;
pub mod store;
pub mod tui;
