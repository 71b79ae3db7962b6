//! How accounts are found: folded names (likely duplicates), the search
//! text kept beside each account (Chinese characters, pinyin initials, full
//! pinyin — polyphonic readings included), the full-text query built from
//! what the user types, and how the matches are ranked.

use std::borrow::Cow;

use pinyin::{ToPinyin, ToPinyinMulti};

use super::word_readings::apply_word_readings;

/// One way to read one character: a pinyin syllable (the dictionary's or a
/// known word's), or the letter or digit itself. Borrowed, as nearly all
/// are: a big import reads every name, and a string made for each
/// syllable of each was a good part of the time it spent on names.
pub(crate) type Reading = Cow<'static, str>;

/// At most this many readings of a name are kept as initials (polyphonic
/// characters multiply them; initials are short, so many fit).
const MAX_INITIALS_READINGS: usize = 12;
/// Full pinyin readings are long: the first, and the two likeliest others.
const MAX_PINYIN_READINGS: usize = 3;
/// Suffix tokens start within the first this-many characters only: people
/// type the start of a name or of a word near its start.
const MAX_SUFFIX_CHARS: usize = 8;

/// The name as compared for duplicates: full-width forms made half-width,
/// lower case, runs of space made one.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        // Chinese characters have no case; asking for it was a table
        // lookup for each of them.
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{4E00}'..='\u{9FFF}' => out.push(c),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    c.to_pinyin().is_some()
}

/// Splits folded text into search tokens: each Chinese character alone,
/// runs of letters and digits together.
pub fn tokens(text: &str) -> Vec<String> {
    let mut spaced = String::new();
    push_tokens(&fold_name(text), &mut spaced);
    spaced.split_whitespace().map(str::to_string).collect()
}

/// Writes the tokens of `folded` (see `tokens`) to `out`, a space before
/// each unless it is the first thing in `out`. (A token never holds a
/// space: it is one character, or letters and digits.)
fn push_tokens(folded: &str, out: &mut String) {
    let mut in_word = false;
    for c in folded.chars() {
        let cjk = is_cjk(c);
        if !cjk && !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        if (cjk || !in_word) && !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
        in_word = !cjk;
    }
}

/// The key accounts sort by: a Chinese character by its pinyin, anything
/// else by its folded letter, so 北京 (beijing) comes before 上海
/// (shanghai) and both fall among Latin names by letter. The name itself
/// follows, so names that read the same still have one fixed order.
pub fn sort_name(name: &str) -> String {
    sort_key(name, &syllables(name))
}

/// `sort_name` from the name's syllables, worked out once for the sort
/// key and the search text both.
fn sort_key(name: &str, syllables: &[Vec<Reading>]) -> String {
    let mut key: String = syllables.iter().filter_map(|s| s.first().map(|r| r.as_ref())).collect();
    key.push('\u{1}');
    key.push_str(name);
    key
}

/// The readings of each character that count for search: pinyin syllables
/// for Chinese (all readings of a polyphonic one), the character itself for
/// letters and digits, nothing for punctuation.
fn syllables(text: &str) -> Vec<Vec<Reading>> {
    syllables_folded(&fold_name(text))
}

/// `syllables` of text already folded (`fold_name`).
fn syllables_folded(folded: &str) -> Vec<Vec<Reading>> {
    let mut chars = Vec::with_capacity(folded.len() / 3 + 1);
    let mut syl = Vec::with_capacity(folded.len() / 3 + 1);
    for c in folded.chars() {
        match c.to_pinyin_multi() {
            Some(multi) => {
                let mut readings: Vec<Reading> = Vec::new();
                for p in multi {
                    // ü is typed v on every pinyin keyboard (lvdi: 绿地).
                    let plain = p.plain();
                    let plain =
                        if plain.contains('ü') { Cow::Owned(plain.replace('ü', "v")) } else { Cow::Borrowed(plain) };
                    if !readings.contains(&plain) {
                        readings.push(plain);
                    }
                }
                chars.push(c);
                syl.push(readings);
            }
            None if c.is_alphanumeric() => {
                chars.push(c);
                syl.push(vec![alone(c)]);
            }
            None => {}
        }
    }
    apply_word_readings(&chars, &mut syl);
    syl
}

/// A letter or digit read as itself.
fn alone(c: char) -> Reading {
    const LETTERS_AND_DIGITS: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    match LETTERS_AND_DIGITS.find(c) {
        Some(at) => Cow::Borrowed(&LETTERS_AND_DIGITS[at..at + 1]),
        None => Cow::Owned(c.to_string()),
    }
}

/// Ways to read the whole text: first each character's first reading, then
/// readings with one character read otherwise, then two; at most
/// the kind's maximum. Whole words like 重庆银行 need two changes at once.
fn readings(syllables: &[Vec<Reading>], initials_only: bool) -> Vec<Vec<&str>> {
    let max = if initials_only { MAX_INITIALS_READINGS } else { MAX_PINYIN_READINGS };
    // Borrowed from `syllables`: a name's readings are many small strings,
    // and a big import works them out for every row.
    let options: Vec<Vec<&str>> = syllables
        .iter()
        .map(|opts| {
            let mut unique: Vec<&str> = Vec::new();
            for o in opts {
                let p = if initials_only { &o[..o.chars().next().map_or(0, char::len_utf8)] } else { o.as_ref() };
                if !unique.contains(&p) {
                    unique.push(p);
                }
            }
            unique
        })
        .collect();
    let primary: Vec<&str> = options.iter().map(|o| o[0]).collect();
    let mut all = vec![primary.clone()];
    let changeable: Vec<usize> = (0..options.len()).filter(|&i| options[i].len() > 1).collect();
    'one: for &i in &changeable {
        for alt in &options[i][1..] {
            if all.len() >= max {
                break 'one;
            }
            let mut r = primary.clone();
            r[i] = alt;
            all.push(r);
        }
    }
    'two: for (n, &i) in changeable.iter().enumerate() {
        for &j in &changeable[n + 1..] {
            if all.len() >= max {
                break 'two;
            }
            let mut r = primary.clone();
            r[i] = options[i][1];
            r[j] = options[j][1];
            all.push(r);
        }
    }
    all
}

/// The search text stored beside an account, one string per full-text column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    /// Tokens of name and short name: Chinese characters one by one.
    pub chars: String,
    /// Pinyin initials: every reading, and every suffix of the first one,
    /// so "zgtl" finds 北京中国铁路.
    pub initials: String,
    /// Full pinyin: every reading, and suffixes at syllable starts of the
    /// first, so "yinhang" finds 平安银行.
    pub pinyin: String,
}

/// Everything an account stores to be found and sorted by its names: the
/// folded name (likely duplicates), the search text, the sort key. Worked
/// out apart from the write, so a big import can make these on one core
/// while the other writes.
#[derive(Debug, Clone, PartialEq)]
pub struct NameKeys {
    pub folded: String,
    pub search: SearchText,
    pub sort: String,
}

impl NameKeys {
    pub fn of(name: &str, short_name: &str) -> NameKeys {
        let folded = fold_name(name);
        let syl = syllables_folded(&folded);
        NameKeys { search: search_text_read(name, &folded, short_name, &syl), sort: sort_key(name, &syl), folded }
    }
}

pub fn search_text(name: &str, short_name: &str) -> SearchText {
    let folded = fold_name(name);
    search_text_read(name, &folded, short_name, &syllables_folded(&folded))
}

/// `search_text`, the name folded and its syllables already worked out;
/// each column written straight into its string (see `Tokens`).
fn search_text_read(name: &str, folded: &str, short_name: &str, name_syllables: &[Vec<Reading>]) -> SearchText {
    let mut chars = String::with_capacity(4 * (name.len() + short_name.len()) / 3);
    push_tokens(folded, &mut chars);
    push_tokens(&fold_name(short_name), &mut chars);
    // About the size most names' text takes.
    let mut initials = Tokens::with_capacity(160);
    let mut full = Tokens::with_capacity(384);
    // "寒武纪-U": the exchange's marker after the dash is not part of the
    // name people say, so the name before it is read too.
    let base = name.rsplit_once('-').filter(|(_, tail)| tail.chars().all(|c| c.is_ascii_alphabetic())).map(|(b, _)| b);
    // The short name is read on its own too: inside a long name its
    // characters' other readings would not fit in the name's few.
    let short = Some(short_name).filter(|s| !s.is_empty() && *s != name);
    for text in [Some(name), short, base].into_iter().flatten() {
        let read_here;
        let syl = if text == name {
            name_syllables
        } else {
            read_here = syllables(text);
            &read_here[..]
        };
        if syl.is_empty() {
            continue;
        }
        // A short name inside the name needs only its whole readings: the
        // name's own tokens start at each of its characters already.
        let suffixes = !(text == short_name && name.contains(short_name));
        for (list, initials_only) in [(&mut initials, true), (&mut full, false)] {
            for (i, reading) in readings(syl, initials_only).iter().enumerate() {
                list.push_unique(reading);
                if i == 0 && suffixes {
                    for start in 1..reading.len().min(MAX_SUFFIX_CHARS) {
                        list.push_unique(&reading[start..]);
                    }
                }
            }
        }
    }
    SearchText { chars, initials: initials.text, pinyin: full.text }
}

/// Space-separated tokens, each once, written straight into one string:
/// with a string made for each of a name's readings and suffixes, then
/// joined, a 100,000-account import spent a fifth more on its names.
struct Tokens {
    text: String,
    /// Where each token is in `text`.
    at: Vec<std::ops::Range<usize>>,
}

impl Tokens {
    fn with_capacity(bytes: usize) -> Tokens {
        Tokens { text: String::with_capacity(bytes), at: Vec::with_capacity(32) }
    }

    /// Adds `syllables` run together, unless that is a single letter or
    /// a token already here.
    fn push_unique(&mut self, syllables: &[&str]) {
        let before = self.text.len();
        if before > 0 {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.extend(syllables.iter().copied());
        let token = &self.text[start..];
        if token.len() > 1 && !self.at.iter().any(|r| &self.text[r.clone()] == token) {
            self.at.push(start..self.text.len());
        } else {
            self.text.truncate(before);
        }
    }
}

/// The full-text query for what the user typed, or None when there is
/// nothing to search for. Only letters, digits and Chinese characters reach
/// the query, so nothing typed can break its syntax.
pub fn fts_query(typed: &str) -> Option<String> {
    let toks = tokens(&typed.replace('ü', "v"));
    if toks.is_empty() {
        return None;
    }
    Some(query_of(&toks, " *"))
}

/// The full-text query for `toks`, each phrase ending in `tail` (" *" for
/// prefixes, "" for whole tokens): the characters in a row in the name, or
/// letters and digits as initials or full pinyin.
fn query_of(toks: &[String], tail: &str) -> String {
    let phrase = toks.join(" ");
    let joined: String = toks.concat();
    if !joined.chars().all(|c| c.is_ascii_alphanumeric()) {
        return format!("search_chars : \"{phrase}\"{tail}");
    }
    if toks.len() == 1 {
        // One word, the same phrase in every column: asked once, without
        // a column filter. FTS5 keeps one index for all columns, so each
        // column-filtered phrase scanned every term with the prefix again.
        return format!("\"{joined}\"{tail}");
    }
    format!(
        "search_chars : \"{phrase}\"{tail} OR search_initials : \"{joined}\"{tail} OR search_pinyin : \"{joined}\"{tail}"
    )
}

/// The full-text query for whole tokens only (no prefixes): the names,
/// initials and pinyin that are exactly what was typed, so they are
/// ranked even when thousands of names start with it.
pub fn fts_exact_query(typed: &str) -> Option<String> {
    let toks = tokens(&typed.replace('ü', "v"));
    if toks.is_empty() {
        return None;
    }
    Some(query_of(&toks, ""))
}

/// How well an account matches what was typed, lower is better: 0 the
/// name or short name itself, 1 its whole initials, 2 a prefix of its name,
/// initials or pinyin, 3 a match further in. Works on the stored search
/// text only, so ranking a thousand candidates costs no dictionary lookups.
pub fn match_rank(typed: &str, stored: &StoredNames<'_>) -> u8 {
    let q: String = tokens(&typed.replace('ü', "v")).concat();
    if q.is_empty() {
        return 9;
    }
    let name: String = tokens(stored.name).concat();
    let short: String = tokens(stored.short_name).concat();
    if name == q || short == q {
        return 0;
    }
    // The stored initials start with the name's full readings (see
    // `search_text`): the first token sets their length.
    let mut initials = stored.initials.split(' ');
    let first = initials.next().unwrap_or("");
    let full_initials = std::iter::once(first).chain(initials.filter(|t| t.len() == first.len()));
    let mut prefix = false;
    for reading in full_initials {
        if reading == q {
            return 1;
        }
        prefix |= reading.starts_with(&q);
    }
    // The short name's own initials, read only when they could be it: as
    // many letters typed as the short name has characters.
    let short_len = fold_name(stored.short_name).chars().filter(|c| c.is_alphanumeric()).count();
    let short_syllables = if short_len == q.chars().count() { syllables(stored.short_name) } else { Vec::new() };
    if !short_syllables.is_empty() && short_syllables.len() == q.chars().count() {
        let readings = readings(&short_syllables, true);
        if readings.iter().any(|r| r.concat() == q) {
            return 1;
        }
        prefix |= readings.iter().any(|r| r.concat().starts_with(&q));
    }
    let first_pinyin = stored.pinyin.split(' ').next().unwrap_or("");
    if prefix || name.starts_with(&q) || short.starts_with(&q) || first_pinyin.starts_with(&q) { 2 } else { 3 }
}

/// An account's names and stored search text, as ranking reads them.
pub struct StoredNames<'a> {
    pub name: &'a str,
    pub short_name: &'a str,
    pub initials: &'a str,
    pub pinyin: &'a str,
}

/// Ranks one account's own names against a query (computing its search
/// text first): for tests and one-off checks.
pub fn rank_names(typed: &str, name: &str, short_name: &str) -> u8 {
    let text = search_text(name, short_name);
    match_rank(typed, &StoredNames { name, short_name, initials: &text.initials, pinyin: &text.pinyin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_sort_by_pinyin_among_latin_names() {
        let mut names = vec!["上海晨光", "北京中联", "Apex", "重庆长安", "Zenith", "Bluefield"];
        names.sort_by_key(|n| sort_name(n));
        assert_eq!(names, ["Apex", "北京中联", "Bluefield", "重庆长安", "上海晨光", "Zenith"]);
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(fold_name("  ＡＢＣ　 Corp  "), "abc corp");
        assert_eq!(fold_name("三维股份"), fold_name("三维股份 "));
    }

    #[test]
    fn chinese_names_get_initials_and_pinyin() {
        let s = search_text("中国铁路", "");
        assert!(s.initials.split(' ').any(|t| t == "zgtl"), "{s:?}");
        assert!(s.pinyin.split(' ').any(|t| t == "zhongguotielu"), "{s:?}");
        assert!(s.pinyin.split(' ').any(|t| t == "tielu"), "{s:?}");
        assert_eq!(s.chars, "中 国 铁 路");
        let bank = search_text("平安银行", "");
        assert!(bank.initials.split(' ').any(|t| t == "payh"), "{bank:?}");
        assert!(bank.pinyin.split(' ').any(|t| t == "yinhang"), "{bank:?}");
    }

    #[test]
    fn polyphonic_characters_keep_their_other_readings() {
        // 重庆 is read chongqing, though 重 alone is most often zhong.
        let s = search_text("重庆啤酒", "");
        assert!(s.initials.split(' ').any(|t| t == "cqpj"), "{s:?}");
        assert!(s.pinyin.split(' ').any(|t| t.starts_with("chongqing")), "{s:?}");
    }

    #[test]
    fn the_words_of_a_legal_name_keep_their_one_reading() {
        let s = search_text("杭州长川科技股份有限公司", "长川科技");
        let initials: Vec<&str> = s.initials.split(' ').collect();
        assert!(initials.contains(&"hzcckjgfyxgs"), "{s:?}");
        // 份 bin, 有 wei, 限 wen, 司 ci, 技 qi, 杭 kang: none of them here.
        for t in &initials {
            assert!(!t.ends_with("gbyxgs") && !t.ends_with("gfwxgs") && !t.ends_with("yxgc"), "{t} in {s:?}");
            assert!(!t.starts_with("kz") && !t.contains("kq"), "{t} in {s:?}");
        }
        // The name's own polyphonic character keeps its other reading.
        assert!(initials.contains(&"zckj"), "{s:?}");
        assert!(s.pinyin.split(' ').any(|t| t == "hangzhouchangchuankejigufenyouxiangongsi"), "{s:?}");
    }

    #[test]
    fn queries_cannot_break_the_syntax() {
        assert_eq!(fts_query("  \"*()  "), None);
        assert_eq!(fts_query("中国"), Some("search_chars : \"中 国\" *".to_string()));
        // One word: the same phrase in every column, asked once.
        assert_eq!(fts_query("zgtl"), Some("\"zgtl\" *".to_string()));
        assert_eq!(fts_exact_query("zgtl"), Some("\"zgtl\"".to_string()));
        let q = fts_query("ping an").unwrap_or_default();
        assert!(q.contains("search_chars : \"ping an\" *") && q.contains("search_initials : \"pingan\" *"), "{q}");
    }

    #[test]
    fn exact_names_and_initials_rank_first() {
        assert_eq!(rank_names("平安银行", "平安银行", ""), 0);
        assert_eq!(rank_names("payh", "平安银行", ""), 1);
        assert_eq!(rank_names("cqyh", "重庆银行", ""), 1);
        assert_eq!(rank_names("pingan", "平安银行", ""), 2);
        assert_eq!(rank_names("平安", "平安银行", ""), 2);
        assert_eq!(rank_names("yh", "平安银行", ""), 3);
        // The short name's initials rank as the name's do.
        assert_eq!(rank_names("jtgf", "深圳市劲拓自动化设备股份有限公司", "劲拓股份"), 1);
    }

    #[test]
    fn v_for_u_umlaut_and_readings_names_use() {
        let lvdi = search_text("绿地控股", "");
        assert!(lvdi.pinyin.split(' ').any(|t| t == "lvdikonggu"), "{lvdi:?}");
        assert_eq!(rank_names("lvdi", "绿地控股", ""), 2);
        assert_eq!(rank_names("lüdi", "绿地控股", ""), 2);
        let cc = search_text("杭州长川科技股份有限公司", "长川科技");
        assert!(cc.pinyin.split(' ').any(|t| t == "changchuankeji"), "{cc:?}");
        assert!(cc.initials.split(' ').any(|t| t == "cckj"), "{cc:?}");
        let ejiao = search_text("东阿阿胶", "");
        assert!(ejiao.pinyin.split(' ').any(|t| t == "dongeejiao"), "{ejiao:?}");
    }
}
