//! `kam export … --headers zh`: the column names in Chinese, for the
//! manager who opens the file in Excel. A column the importer reads gets
//! the first Chinese name the importer knows it by (so the file can be
//! imported again as it is); the others (worked out when read, like
//! 未回款) get a name of their own, never one the importer would take for
//! another field. Identity columns (uuid, …_uuid, created_at) stay as they
//! are.

use super::mapping::FieldSpec;

/// Names for the columns kam works out when read, by English name.
const DERIVED: &[(&str, &str)] = &[
    ("tier", "客户等级"),
    ("tier_pinned", "等级锁定"),
    ("no_known_competitor", "无已知竞争对手"),
    ("planned", "计划回款额"),
    ("received", "已回款"),
    ("outstanding", "未回款"),
    ("status", "状态"),
    ("days_overdue", "逾期天数"),
    ("last_received_on", "最近回款日"),
    ("as_of", "统计日"),
    ("contract_title", "合同名称"),
    ("account", "客户"),
    ("respond_by", "响应期限"),
    ("late", "是否超时"),
    ("nps_class", "NPS分类"),
    ("follow_up", "跟进"),
    ("return_visit", "是否回访"),
    ("return_visit_made", "已回访"),
    ("state", "拜访状态"),
    ("done_on", "完成日期"),
    ("deal", "商机名称"),
    ("sequence", "版本"),
    ("from_cadence", "按周期"),
    ("outcome", "结果"),
    ("lost_reason", "丢单原因"),
    ("lost_to", "输给"),
    ("void_reason", "作废原因"),
    ("title", "标题"),
];

fn norm(header: &str) -> String {
    header.trim().to_lowercase().replace(['_', '-'], " ")
}

fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The fields a kind's importer reads, by the kind's command-line name.
fn specs_of(kind: &str) -> &'static [FieldSpec] {
    match kind {
        "accounts" => super::import_accounts::ACCOUNT_FIELDS,
        "contacts" => super::import::CONTACT_FIELDS,
        "opportunities" => super::import_deals::DEAL_FIELDS,
        "activities" => super::import_activities::ACTIVITY_FIELDS,
        "contracts" => super::import_money::CONTRACT_FIELDS,
        "instalments" => super::import_money::INSTALMENT_FIELDS,
        "receipts" => super::import_money::RECEIPT_FIELDS,
        "complaints" => super::import_care::COMPLAINT_FIELDS,
        "surveys" => super::import_care::SURVEY_FIELDS,
        "visits" => super::import_visits::VISIT_FIELDS,
        "targets" => super::import_targets::TARGET_FIELDS,
        _ => &[],
    }
}

/// The Chinese names of `columns` of `kind` (as `kam export KIND` writes
/// them); a name that would come twice stays English the second time.
pub fn chinese_headers(kind: &str, columns: &[&str]) -> Vec<String> {
    let specs = specs_of(kind);
    // Whether the importer would read `name` as some field of this kind.
    let taken = |name: &str| {
        let n = norm(name);
        specs.iter().any(|s| norm(s.field) == n || s.aliases.iter().any(|a| norm(a) == n))
    };
    let mut out: Vec<String> = Vec::new();
    for column in columns {
        let own = specs.iter().find(|s| s.field == *column);
        let chinese = match own {
            Some(spec) => spec.aliases.iter().find(|a| is_chinese(a)).map(|a| a.to_string()),
            None => DERIVED.iter().find(|(c, _)| c == column).map(|(_, z)| z.to_string()).filter(|z| !taken(z)),
        };
        let name = match chinese {
            Some(name) if !out.contains(&name) => name,
            _ => column.to_string(),
        };
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_columns_take_the_importers_own_chinese_names_and_others_never_clash() {
        let names = chinese_headers("contracts", &["number", "title", "account", "amount", "received", "uuid"]);
        assert_eq!(names, ["合同编号", "合同名称", "客户", "合同金额", "已回款", "uuid"]);
        let names = chinese_headers("opportunities", &["close_date", "closed_on", "outcome"]);
        assert_eq!(names, ["预计成交日期", "关闭日期", "结果"]);
        // 状态 is the importer's name for a contract's own status: the
        // instalment's worked-out status gets it only where nothing else
        // is called so.
        assert_eq!(chinese_headers("contracts", &["status"]), ["合同状态"]);
        assert_eq!(chinese_headers("visits", &["state", "sequence"]), ["拜访状态", "版本"]);
    }
}
