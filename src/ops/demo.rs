//! Demo data: a believable book for a new user, or a department at scale
//! for the benchmarks. Not journaled (it is not the rep's own work), and
//! marked as the demo's so that undo never takes it for the rep's.

use chrono::NaiveDate;

use crate::demo::{DemoCounts, Scale, generate};
use crate::store::{Result, Store};

pub fn load_demo(store: &mut Store, scale: Scale, seed: u64, today: NaiveDate) -> Result<DemoCounts> {
    let origin_before = store.origin().to_string();
    store.set_origin("demo");
    let counts = generate(store, scale, seed, today);
    store.set_origin(&origin_before);
    counts
}
