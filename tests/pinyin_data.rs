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

/// The full pinyin a person types for a name, told by its `cnspell`: for
/// each character the reading that starts with the letter the exchange
/// spells (长 in 长川科技 is chang, cnspell "cckj"), ü typed as v; letters
/// and digits as they are. None when the spelling does not line up.
fn typed_pinyin(name: &str, spell: &str) -> Option<String> {
    use pinyin::ToPinyinMulti;
    let letters: Vec<char> = spell.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for c in name.chars() {
        if let Some(multi) = c.to_pinyin_multi() {
            let first = *letters.get(at)?;
            let reading = multi.into_iter().map(|p| p.plain().replace('ü', "v")).find(|r| r.starts_with(first))?;
            out.push_str(&reading);
            at += 1;
        } else if c.is_ascii_alphanumeric() {
            out.extend(c.to_lowercase());
            if letters.get(at).is_some_and(|l| l.eq_ignore_ascii_case(&c)) {
                at += 1;
            }
        }
    }
    Some(out)
}

#[test]
fn every_listed_company_is_in_the_first_twenty_by_its_initials_and_its_pinyin() {
    use kam::store::{NewAccount, RecordMeta, Store};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/cn-ashare-2025/stock_basic.csv");
    let mut reader = csv::Reader::from_path(path).expect("stock_basic.csv beside the repo");
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name).expect(name);
    let (name_col, spell_col) = (col("name"), col("cnspell"));
    let companies: Vec<(String, String)> = reader
        .records()
        .map(|r| r.expect("record"))
        .map(|r| (r[name_col].to_string(), r[spell_col].to_lowercase()))
        .collect();
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("kam.sqlite3")).expect("open");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("day");
    let ids: Vec<i64> = store
        .batch(|b| {
            companies
                .iter()
                .map(|(name, _)| b.insert_account(&NewAccount::named(name), &RecordMeta::now(), today))
                .collect()
        })
        .expect("accounts");
    let mut misses = Vec::new();
    let mut checked = 0;
    for ((name, spell), id) in companies.iter().zip(&ids) {
        // The same named exceptions as above: new-listing markers, and
        // spellings of the data that are not the name's.
        let marked_new =
            (name.starts_with('N') || name.starts_with('C')) && name.chars().nth(1).is_some_and(|c| !c.is_ascii());
        if marked_new || ["丰茂股份", "珀莱雅"].contains(&name.as_str()) {
            continue;
        }
        checked += 1;
        let Some(full) = typed_pinyin(name, spell) else {
            misses.push(format!("{name} {spell}: the spelling does not line up"));
            continue;
        };
        for typed in [spell.as_str(), full.as_str()] {
            let found = store.search_accounts(typed, 20).expect("search");
            if !found.contains(id) {
                misses.push(format!("{name}: {typed}"));
            }
        }
    }
    assert!(checked > 5000, "checked {checked}");
    assert!(misses.is_empty(), "{} of {checked} not in the first 20:\n{}", misses.len(), misses.join("\n"));
}
