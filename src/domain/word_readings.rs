//! The readings of words common in company names, which the pinyin
//! dictionary (reading each character alone) gets wrong or leaves too
//! many of: put first, or made the only one, before a name's search text
//! is worked out (`domain::search`).

use std::borrow::Cow;

use super::search::Reading;

/// Words whose reading differs from their characters' most common ones,
/// frequent in company names (the dictionary reads characters alone).
const WORD_READINGS: &[(&str, &[&str])] = &[
    ("银行", &["yin", "hang"]),
    ("重庆", &["chong", "qing"]),
    ("长沙", &["chang", "sha"]),
    ("长春", &["chang", "chun"]),
    ("长城", &["chang", "cheng"]),
    ("长江", &["chang", "jiang"]),
    ("长安", &["chang", "an"]),
    ("厦门", &["xia", "men"]),
    ("行业", &["hang", "ye"]),
    ("音乐", &["yin", "yue"]),
    ("快乐", &["kuai", "le"]),
    ("蚌埠", &["beng", "bu"]),
    ("六安", &["lu", "an"]),
    ("藏药", &["zang", "yao"]),
    ("西藏", &["xi", "zang"]),
    ("朝阳", &["chao", "yang"]),
    ("单位", &["dan", "wei"]),
    ("建行", &["jian", "hang"]),
    ("农行", &["nong", "hang"]),
    ("工行", &["gong", "hang"]),
    ("证券", &["zheng", "quan"]),
    ("传媒", &["chuan", "mei"]),
    ("调味", &["tiao", "wei"]),
    ("曾", &["zeng"]),
    // In company names these read so far more often than their
    // dictionary's first reading.
    ("长", &["chang"]),
    ("横", &["heng"]),
    ("国都", &["guo", "du"]),
    ("成都", &["cheng", "du"]),
    ("哈", &["ha"]),
    ("空调", &["kong", "tiao"]),
    ("东阿", &["dong", "e"]),
    ("阿胶", &["e", "jiao"]),
    ("重工", &["zhong", "gong"]),
    ("重型", &["zhong", "xing"]),
    ("重机", &["zhong", "ji"]),
    ("乐山", &["le", "shan"]),
    ("华夏", &["hua", "xia"]),
    ("港行", &["gang", "hang"]),
    ("晟", &["sheng"]),
    ("参林", &["shen", "lin"]),
    ("广厦", &["guang", "xia"]),
];

/// Words of company names with one reading only, though a character in
/// them has others (有 wei, 司 ci, 份 bin, 团 qiu ...). Inside these words
/// the other readings are dropped: they match nothing anyone types, and a
/// legal name (股份有限公司) would spend its few readings on them instead
/// of on the part people remember. Each reading left out is also a search
/// token less to write for every account.
const FIXED_WORDS: &[(&str, &[&str])] = &[
    ("有限", &["you", "xian"]),
    ("公司", &["gong", "si"]),
    ("股份", &["gu", "fen"]),
    ("控股", &["kong", "gu"]),
    ("集团", &["ji", "tuan"]),
    ("科技", &["ke", "ji"]),
    ("技术", &["ji", "shu"]),
    ("汽车", &["qi", "che"]),
    ("客车", &["ke", "che"]),
    ("软件", &["ruan", "jian"]),
    ("信息", &["xin", "xi"]),
    ("通信", &["tong", "xin"]),
    ("电信", &["dian", "xin"]),
    ("食品", &["shi", "pin"]),
    ("地产", &["di", "chan"]),
    ("化工", &["hua", "gong"]),
    ("机械", &["ji", "xie"]),
    ("服务", &["fu", "wu"]),
    ("能源", &["neng", "yuan"]),
    ("会计", &["kuai", "ji"]),
    ("深圳", &["shen", "zhen"]),
    ("广州", &["guang", "zhou"]),
    ("广东", &["guang", "dong"]),
    ("广西", &["guang", "xi"]),
    ("杭州", &["hang", "zhou"]),
    ("南京", &["nan", "jing"]),
    ("河南", &["he", "nan"]),
    ("湖南", &["hu", "nan"]),
    ("云南", &["yun", "nan"]),
    ("海南", &["hai", "nan"]),
    ("济南", &["ji", "nan"]),
];

/// A known word's characters, its reading, and whether it is its only one.
type KnownWord = (Vec<char>, &'static [&'static str], bool);

/// The words of `WORD_READINGS` then `FIXED_WORDS` as characters, each
/// with its reading and whether it is the only one; made once (a big import
/// reads every name against all of them).
static WORDS: std::sync::LazyLock<Vec<KnownWord>> = std::sync::LazyLock::new(|| {
    let words = WORD_READINGS.iter().map(|(w, r)| (w, r, false));
    let fixed = FIXED_WORDS.iter().map(|(w, r)| (w, r, true));
    words.chain(fixed).map(|(w, r, only)| (w.chars().collect(), *r, only)).collect()
});

/// Puts the reading of known words first for their characters (`chars`,
/// one per syllable list), and keeps only the one reading of the words in
/// `FIXED_WORDS`. A later word of the lists wins over an earlier one.
pub(crate) fn apply_word_readings(chars: &[char], syllables: &mut [Vec<Reading>]) {
    for (w, reading, only) in WORDS.iter() {
        let mut i = 0;
        while i + w.len() <= chars.len() {
            if chars[i] == w[0] && chars[i..i + w.len()] == w[..] {
                for (k, r) in reading.iter().enumerate() {
                    let options = &mut syllables[i + k];
                    if *only {
                        options.clear();
                    } else {
                        options.retain(|o| o != r);
                    }
                    options.insert(0, Cow::Borrowed(*r));
                }
                i += w.len();
            } else {
                i += 1;
            }
        }
    }
}
