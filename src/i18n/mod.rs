//! The translation table: every user-visible string in English and
//! Simplified Chinese.
//!
//! A Rust table rather than a runtime catalogue (rust-i18n): a message
//! missing in one language is a compile error, not a blank on screen, and
//! the lookup is a match with no allocation on the draw path.
//! Placeholders are written `{name}` and filled with `str::replace`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    /// `en`, `zh-CN`, `zh_CN.UTF-8`, `zh`: anything Chinese is Simplified
    /// Chinese, anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") { Lang::ZhCn } else { Lang::En }
    }

    /// `--lang` wins; then LC_ALL, LC_MESSAGES, LANG as POSIX orders them.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(tag) = flag {
            return Lang::from_tag(tag);
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var)
                && !value.is_empty()
            {
                return Lang::from_tag(&value);
            }
        }
        Lang::En
    }

    pub fn is_chinese(self) -> bool {
        self == Lang::ZhCn
    }

    /// The words about files that cannot be imported (their own table).
    pub fn file(self, msg: FileMsg) -> &'static str {
        let (en, zh) = msg.texts();
        match self {
            Lang::En => en,
            Lang::ZhCn => zh,
        }
    }

    /// The words of the management forms (their own table).
    pub fn f(self, msg: FormMsg) -> &'static str {
        let (en, zh) = msg.texts();
        match self {
            Lang::En => en,
            Lang::ZhCn => zh,
        }
    }

    pub fn t(self, msg: Msg) -> &'static str {
        let (en, zh) = msg.texts();
        match self {
            Lang::En => en,
            Lang::ZhCn => zh,
        }
    }

    /// `n` and a counted noun (a `Count…` message): "1 row", "3 rows",
    /// "3 行".
    pub fn count(self, n: i64, noun: Msg) -> String {
        let word = self.t(noun);
        let word = match word.split_once('|') {
            Some((one, _)) if n == 1 => one,
            Some((_, many)) => many,
            None => word,
        };
        format!("{n} {word}")
    }
}

/// The default segments are stored in English; shown in the user's
/// language. A firm's own segment names are shown as they are.
pub fn segment_label(lang: Lang, segment: &str) -> &str {
    let msg = match segment {
        "Government & Party" => Msg::SegmentGovernment,
        "Large enterprise" => Msg::SegmentLarge,
        "SME" => Msg::SegmentSme,
        "Finance" => Msg::SegmentFinance,
        "Education" => Msg::SegmentEducation,
        _ => return segment,
    };
    lang.t(msg)
}

/// The default lost reasons are stored in English; shown in the user's
/// language.
pub fn lost_reason_label(lang: Lang, reason: &str) -> &str {
    let msg = match reason {
        "Price" => Msg::LostPrice,
        "Lost to a competitor" => Msg::LostCompetitor,
        "No budget" => Msg::LostNoBudget,
        "Project cancelled" => Msg::LostCancelled,
        "No decision" => Msg::LostNoDecision,
        "Other" => Msg::LostOther,
        _ => return reason,
    };
    lang.t(msg)
}

/// What an undone action was, in the user's language. The journal keeps
/// an English label ("delete account 平安银行"): its known start is
/// translated, the name after it kept.
pub fn action_label(lang: Lang, label: &str) -> String {
    const ZH: &[(&str, &str)] = &[
        ("add account ", "新建客户 "),
        ("edit account ", "编辑客户 "),
        ("delete account ", "删除客户 "),
        ("add contact ", "新建联系人 "),
        ("edit contact ", "编辑联系人 "),
        ("delete contact ", "删除联系人 "),
        ("add competitor ", "新建竞争对手 "),
        ("edit competitor ", "编辑竞争对手 "),
        ("delete competitor ", "删除竞争对手 "),
        ("add need ", "新建需求 "),
        ("edit need ", "编辑需求 "),
        ("delete need ", "删除需求 "),
        ("add opportunity ", "新建销售机会 "),
        ("edit opportunity ", "编辑销售机会 "),
        ("delete opportunity ", "删除销售机会 "),
        ("import accounts ", "导入客户 "),
        ("import contacts ", "导入联系人 "),
        ("import opportunities ", "导入销售机会 "),
        ("won ", "赢单 "),
        ("lost ", "丢单 "),
        ("reopen ", "重新打开 "),
        ("add negotiation", "谈判记录"),
        ("add quote", "报价"),
        ("choose next contact", "选择下一位拜访对象"),
        ("daily report", "日报"),
        ("judge opportunity", "判断机会"),
        ("log activity", "记录活动"),
        ("move stage", "移动阶段"),
        ("no competitor known", "注明无已知竞争对手"),
    ];
    if lang == Lang::En {
        return label.to_string();
    }
    ZH.iter()
        .find_map(|(en, zh)| label.strip_prefix(en).map(|rest| [*zh, rest].concat()))
        .unwrap_or_else(|| label.to_string())
}

macro_rules! messages {
    ($enum:ident; $($name:ident => ($en:expr, $zh:expr)),+ $(,)?) => {
        /// A user-visible message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum { $($name),+ }

        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$name),+];

            /// (English, Simplified Chinese).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self { $($enum::$name => ($en, $zh)),+ }
            }
        }
    };
}

mod file_messages;
mod form_messages;
mod messages;

pub use file_messages::FileMsg;
pub use form_messages::FormMsg;
pub use messages::Msg;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_is_singular_in_english_and_the_same_word_in_chinese() {
        assert_eq!(Lang::En.count(1, Msg::CountRows), "1 row");
        assert_eq!(Lang::En.count(0, Msg::CountRows), "0 rows");
        assert_eq!(Lang::En.count(3, Msg::CountLikelyDuplicates), "3 likely duplicates");
        assert_eq!(Lang::ZhCn.count(1, Msg::CountProblems), "1 处问题");
        assert_eq!(Lang::ZhCn.count(3, Msg::CountProblems), "3 处问题");
    }

    #[test]
    fn every_message_has_both_languages() {
        let texts = Msg::ALL.iter().map(|m| (format!("{m:?}"), m.texts()));
        let texts = texts.chain(FormMsg::ALL.iter().map(|m| (format!("{m:?}"), m.texts())));
        for (msg, (en, zh)) in texts.chain(FileMsg::ALL.iter().map(|m| (format!("{m:?}"), m.texts()))) {
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{msg:?}");
            // Placeholders must agree, or one language loses a number.
            let holes = |s: &str| {
                let mut v: Vec<String> =
                    s.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h.to_string()).collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(zh), "{msg:?}");
        }
    }

    #[test]
    fn undone_actions_read_in_chinese() {
        assert_eq!(action_label(Lang::ZhCn, "delete account 平安银行"), "删除客户 平安银行");
        assert_eq!(action_label(Lang::ZhCn, "move stage"), "移动阶段");
        assert_eq!(action_label(Lang::En, "move stage"), "move stage");
        assert_eq!(action_label(Lang::ZhCn, "something new"), "something new");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Lang::ZhCn);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::detect(Some("en")), Lang::En);
    }
}
