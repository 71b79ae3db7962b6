//! The scale-L database the benchmarks share: built once into the target
//! folder (about 20 s), or taken from KAM_BENCH_DB.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use kam::demo::{Scale, generate};
use kam::store::Store;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

pub fn bench_db() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        if let Ok(path) = std::env::var("KAM_BENCH_DB") {
            return PathBuf::from(path);
        }
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-L.sqlite3");
        if !path.exists() {
            let partial = path.with_extension("partial");
            let _ = std::fs::remove_file(&partial);
            let mut store = Store::open(&partial).expect("open");
            generate(&mut store, Scale::L, 1, today()).expect("demo L");
            drop(store);
            std::fs::rename(&partial, &path).expect("rename");
        }
        path
    })
}
