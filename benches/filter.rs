//! The instant filter at scale L (SPEC §9: ≤ 5 ms p99 per keystroke): for a
//! spread of real account names, type the pinyin initials, the full pinyin
//! and the Chinese name one key at a time; each keystroke runs the search
//! and loads the first screen of rows, as the Accounts tab does.
//!
//! Run: `cargo bench --bench filter`. Prints median, p90, p99 and max.

mod common;

use std::time::{Duration, Instant};

use kam::domain::search::search_text;
use kam::store::{Seek, Store};

fn main() {
    let store = Store::open(common::bench_db()).expect("open");
    // Every 997th account in name order: a fixed, spread-out sample.
    let mut sample = Vec::new();
    let mut seek = Seek::First;
    while sample.len() < 100 {
        let page = store.accounts_page(&seek, 997).expect("page");
        let Some(last) = page.last() else { break };
        sample.push((last.name.clone(), last.short_name.clone()));
        seek = Seek::After(last.key());
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut misses = 0;
    for (name, short) in &sample {
        let text = search_text(name, short);
        let initials = text.initials.split(' ').next().unwrap_or_default().to_string();
        let pinyin = text.pinyin.split(' ').next().unwrap_or_default().to_string();
        for typed in [&initials, &pinyin, name] {
            let chars: Vec<char> = typed.chars().collect();
            for n in 1..=chars.len() {
                let prefix: String = chars[..n].iter().collect();
                let start = Instant::now();
                let ids = store.search_accounts(&prefix, 500).expect("search");
                let rows = store.account_rows(&ids[..ids.len().min(40)]).expect("rows");
                times.push(start.elapsed());
                if n == chars.len() && !rows.iter().any(|r| &r.name == name) {
                    misses += 1;
                }
            }
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    println!(
        "filter keystrokes: {}  median {:?}  p90 {:?}  p99 {:?}  max {:?}  (typed name not in first 40: {misses})",
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        times[times.len() - 1]
    );
}
