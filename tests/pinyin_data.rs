//! Pinyin initials against real data: every listed Chinese company's
//! `cnspell` (its initials as the exchange data spells them) is among the
//! initials kam keeps for its name.

use kam::domain::search::search_text;

#[test]
fn every_listed_company_is_found_by_its_cnspell() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/cn-ashare-2025/stock_basic.csv");
    let mut reader = csv::Reader::from_path(path).expect("stock_basic.csv beside the repo");
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name).expect(name);
    let (name_col, spell_col) = (col("name"), col("cnspell"));
    let mut misses = Vec::new();
    let mut total = 0;
    for record in reader.records() {
        let record = record.expect("record");
        let (name, spell) = (&record[name_col], record[spell_col].to_lowercase());
        total += 1;
        // "N亚联", "C富岭": the exchange marks a new listing's first days
        // with N or C before a shortened name, while cnspell spells the
        // company's full name (亚联机械 = yljx): not findable by that name.
        let marked_new =
            (name.starts_with('N') || name.starts_with('C')) && name.chars().nth(1).is_some_and(|c| !c.is_ascii());
        // cnspell errors in the data: 丰茂股份 is spelt by its old name
        // (浙江丰茂 = zjfm); 珀 is pò, never b.
        if marked_new || ["丰茂股份", "珀莱雅"].contains(&name) {
            continue;
        }
        let text = search_text(name, "");
        if !text.initials.split(' ').any(|t| t == spell) {
            misses.push(format!("{name} {spell} [{}]", text.initials.split(' ').next().unwrap_or("")));
        }
    }
    assert!(total > 5000, "read {total} companies");
    assert!(misses.is_empty(), "{} of {total} missed:\n{}", misses.len(), misses.join("\n"));
}
