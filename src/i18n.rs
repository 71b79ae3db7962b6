//! The translation table: every user-visible string in English and
//! Simplified Chinese.
//!
//! A Rust table rather than a runtime catalogue (rust-i18n): a message
//! missing in one language is a compile error, not a blank on screen, and
//! the lookup is a match with no allocation on the draw path.
//! Placeholders are written `{name}` and filled with `str::replace`.

use crate::domain::FieldError;

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
            if let Ok(value) = std::env::var(var) {
                if !value.is_empty() {
                    return Lang::from_tag(&value);
                }
            }
        }
        Lang::En
    }

    pub fn is_chinese(self) -> bool {
        self == Lang::ZhCn
    }

    pub fn t(self, msg: Msg) -> &'static str {
        let (en, zh) = msg.texts();
        match self {
            Lang::En => en,
            Lang::ZhCn => zh,
        }
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

/// A validation error as the message shown under its field.
pub fn field_error(lang: Lang, error: &FieldError) -> String {
    let msg = match error {
        FieldError::Empty => Msg::ErrRequired,
        FieldError::NotAnAmount => Msg::ErrNotAnAmount,
        FieldError::TooPrecise => Msg::ErrTooPrecise,
        FieldError::TooLarge => Msg::ErrTooLarge,
        FieldError::NotADate => Msg::ErrNotADate,
        FieldError::UnknownAccount => Msg::ErrUnknownAccount,
        FieldError::TooLong(_) => Msg::ErrTooLong,
        FieldError::UnknownValue => Msg::ErrUnknownValue,
        FieldError::Negative => Msg::ErrNegative,
        FieldError::NotAPhone => Msg::ErrNotAPhone,
        FieldError::NotAnEmail => Msg::ErrNotAnEmail,
        FieldError::NotAPercent => Msg::ErrNotAPercent,
    };
    let text = lang.t(msg);
    match error {
        FieldError::TooLong(n) => text.replace("{n}", &n.to_string()),
        _ => text.to_string(),
    }
}

macro_rules! messages {
    ($($name:ident => ($en:expr, $zh:expr)),+ $(,)?) => {
        /// A user-visible message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),+ }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),+];

            /// (English, Simplified Chinese).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self { $(Msg::$name => ($en, $zh)),+ }
            }
        }
    };
}

messages! {
    // Tabs
    TabAccounts => ("Accounts", "客户"),
    TabPipeline => ("Pipeline", "销售漏斗"),
    TabVisits => ("Visits", "拜访"),
    TabReports => ("Reports", "报表"),

    // The six stages and what the rep does in each (SPEC §1)
    StageResearch => ("Research", "材料收集"),
    StageAnalysis => ("Analysis", "大客户分析"),
    StageFirstContact => ("First contact", "接触客户"),
    StageRelationship => ("Relationship", "建立关系"),
    StageClose => ("Close", "实现销售"),
    StageMaintain => ("Maintain", "关系维护"),
    MethodResearch => (
        "Gather material before meeting anyone: account profile, competitors, the account's projects, key people.\nSources: banks, research firms, business and tax registries, partners, existing customers, web and media, your network.\nDone when: profile filled, a competitor (or none known), a key person and a source noted.",
        "见客户之前先收集材料：客户概况、竞争对手、客户项目信息、关键人个人信息。\n来源：银行、第三方调研机构、工商与税务登记、合作伙伴、老客户、网络媒体、人脉。\n完成标准：概况已填，至少一个竞争对手（或注明未知），至少一位关键人，注明信息来源。"
    ),
    MethodAnalysis => (
        "Analyse the basic situation, credit, needs, competitors and the opportunity. Ask \"why?\" until the real need surfaces.\nDone when: credit rating set, a need recorded, the opportunity judged go / no-go.",
        "分析客户基本情况、信用、需求、竞争对手和机会。不断追问\"为什么\"，直到找到真实需求。\n完成标准：已评信用等级，已记录需求，已判断是否跟进。"
    ),
    MethodFirstContact => (
        "First touch to learn needs and show the benefit: exhibition, technical exchange, phone, business event, test and samples, on-site visit. Drop accounts with no chance; pick whom to meet next.\nDone when: a contact activity logged and the next person to meet chosen.",
        "初次接触，了解需求、展示价值：展会、技术交流、电话、商务活动、测试与样品、上门拜访。放弃没有机会的客户；确定下一步拜访对象。\n完成标准：至少记录一次接触活动，已确定下一位拜访对象。"
    ),
    MethodRelationship => (
        "Dedicated visits while interest is warm; present the product's strengths truthfully; later visits by the key-account manager.\nDone when: a visit with a decision maker is logged.",
        "趁热打铁专程拜访；如实介绍产品优势；之后由大客户经理拜访。\n完成标准：至少记录一次与决策人的拜访。"
    ),
    MethodClose => (
        "Business negotiation; record and archive every round with its attendees. Quote late: right before closing, once needs and fit are clear.\nDone when: a quote is recorded and the contract signed (won), or lost with a reason.",
        "商务谈判；每一轮谈判都记录存档（含参与人）。不要过早报价：在需求和匹配度明确后、成交前报价。\n完成标准：已记录报价，合同签订（赢单），或丢单并注明原因。"
    ),
    MethodMaintain => (
        "Winning is not the end: handle objections, manage satisfaction (surveys, complaints, return visits), run the loyalty programme, keep selling.\nOngoing: a return visit or survey every cadence period.",
        "赢单不是终点：处理异议，管理满意度（调查、投诉处理、回访），开展忠诚计划，持续销售。\n持续：每个周期至少一次回访或满意度调查。"
    ),

    // Vocabularies
    TierA => ("A", "A"),
    TierB => ("B", "B"),
    TierC => ("C", "C"),
    StatusProspect => ("Prospect", "潜在"),
    StatusActive => ("Active", "活跃"),
    StatusDormant => ("Dormant", "休眠"),
    StatusLost => ("Lost", "流失"),
    ChannelVisit => ("Visit", "拜访"),
    ChannelPhone => ("Phone", "电话"),
    ChannelExhibition => ("Exhibition", "展会"),
    ChannelTechnicalExchange => ("Tech exchange", "技术交流"),
    ChannelBusinessEvent => ("Business event", "商务活动"),
    ChannelTestSamples => ("Test & samples", "测试与样品"),
    ChannelEmailIm => ("Email / IM", "邮件/即时通讯"),
    ChannelOther => ("Other", "其他"),
    RoleDecisionMaker => ("Decision maker", "决策人"),
    RoleInfluencer => ("Influencer", "影响人"),
    RoleUser => ("User", "使用人"),
    RoleTechnical => ("Technical", "技术"),
    RoleFinance => ("Finance", "财务"),
    RoleGatekeeper => ("Gatekeeper", "把关人"),
    OutcomeOpen => ("Open", "跟进中"),
    OutcomeWon => ("Won", "赢单"),
    OutcomeLost => ("Lost", "丢单"),
    Mon => ("Mon", "周一"),
    Tue => ("Tue", "周二"),
    Wed => ("Wed", "周三"),
    Thu => ("Thu", "周四"),
    Fri => ("Fri", "周五"),
    Sat => ("Sat", "周六"),
    Sun => ("Sun", "周日"),

    // Table columns and detail
    ColName => ("Name", "名称"),
    ColSegment => ("Segment", "客户分类"),
    ColTier => ("Tier", "等级"),
    ColStatus => ("Status", "状态"),
    ColOpenPipeline => ("Open pipeline", "在途金额"),
    ColLastActivity => ("Last activity", "最近活动"),
    ColNextVisit => ("Next visit", "下次拜访"),
    ColAccount => ("Account", "客户"),
    ColContact => ("Contact", "联系人"),
    ColTime => ("Time", "时间"),
    ColWhen => ("Due", "应访"),
    ColCadence => ("Cadence", "拜访周期"),
    ColLastVisit => ("Last visit", "上次拜访"),
    DetailTitle => ("Account detail", "客户详情"),
    SectionContacts => ("Contacts", "联系人"),
    SectionOpportunities => ("Opportunities", "销售机会"),
    SectionActivities => ("Activities", "活动"),
    NoneYet => ("  none yet", "  暂无"),
    FieldShortName => ("Short name", "简称"),
    FieldRegion => ("Region", "地区"),
    FieldCredit => ("Credit rating", "信用等级"),
    FieldAnnualPurchase => ("Annual purchase", "年采购额"),
    FieldSources => ("Info sources", "信息来源"),

    // The dossier
    SegmentGovernment => ("Government & Party", "政府及党政机关"),
    SegmentLarge => ("Large enterprise", "大型企业"),
    SegmentSme => ("SME", "中小企业"),
    SegmentFinance => ("Finance", "金融"),
    SegmentEducation => ("Education", "教育"),
    FilterFound => ("{n} found", "找到 {n} 个"),
    FilterNothing => ("Nothing matches. Esc clears the filter.", "没有匹配的客户。按 Esc 清除筛选。"),
    NoAccountsYet => ("No accounts yet. Press n to add one, or import a file (kam import accounts FILE).", "还没有客户。按 n 新建，或导入文件（kam import accounts 文件）。"),
    TierPinned => ("pinned", "手动"),
    TierAuto => ("auto (by annual purchase)", "自动（按年采购额）"),
    Unset => ("(none)", "（无）"),
    FieldNotes => ("Notes", "备注"),
    FieldAddress => ("Address", "地址"),
    FieldTitle => ("Title", "职务"),
    FieldRole => ("Decision role", "决策角色"),
    FieldPhone => ("Phone", "电话"),
    FieldEmail => ("Email", "邮箱"),
    FieldPersonalNotes => ("Personal notes", "个人信息"),
    FieldOffering => ("Offering", "产品/方案"),
    FieldStrengths => ("Strengths", "优势"),
    FieldWeaknesses => ("Weaknesses", "劣势"),
    FieldStatedNeed => ("Stated need", "客户提出的需求"),
    WhyN => ("Why? {n}", "为什么 {n}"),
    WhyArrow => ("why?", "为什么？"),
    RealNeed => ("Real need", "真实需求"),
    SectionCompetitors => ("Competitors", "竞争对手"),
    SectionNeeds => ("Needs (why-chain)", "需求（追问为什么）"),
    NewAccountTitle => ("New account", "新建客户"),
    EditAccountTitle => ("Edit account", "编辑客户"),
    NewContactTitle => ("New contact", "新建联系人"),
    EditContactTitle => ("Edit contact", "编辑联系人"),
    NewCompetitorTitle => ("New competitor", "新建竞争对手"),
    EditCompetitorTitle => ("Edit competitor", "编辑竞争对手"),
    NewNeedTitle => ("New need", "新建需求"),
    EditNeedTitle => ("Edit need", "编辑需求"),
    LikelyDuplicate => (
        "Looks like a duplicate of \"{name}\". Ctrl-S again saves it anyway; Esc goes back.",
        "可能与\"{name}\"重复。再按 Ctrl-S 仍然保存；按 Esc 返回。"
    ),
    AccountAdded => ("Added {name}. c adds a contact.", "已新建 {name}。按 c 添加联系人。"),
    AccountSaved => ("Saved {name}", "已保存 {name}"),
    RecordSaved => ("Saved {name}", "已保存 {name}"),
    ConfirmDeleteAccount => (
        "Delete {name} with its contacts, opportunities and activities? y deletes (u undoes), any other key keeps it.",
        "删除 {name} 及其联系人、销售机会和活动？按 y 删除（可按 u 撤销），其他键取消。"
    ),
    ConfirmDelete => ("Delete {name}? y deletes (u undoes), any other key keeps it.", "删除 {name}？按 y 删除（可按 u 撤销），其他键取消。"),
    Deleted => ("Deleted {name}. u undoes.", "已删除 {name}。按 u 撤销。"),
    Undone => ("Undone: {label}", "已撤销：{label}"),
    NothingToUndo => ("Nothing to undo", "没有可撤销的操作"),
    HelpFilter => ("filter (name, pinyin: zgtl)", "筛选（名称、拼音：zgtl）"),
    HelpNewAccount => ("new account", "新建客户"),
    HelpEdit => ("edit", "编辑"),
    HelpDelete => ("delete (asks first; u undoes)", "删除（先确认；可撤销）"),
    HelpUndo => ("undo the last change", "撤销上一次修改"),
    HelpAddContact => ("add contact", "添加联系人"),
    HelpAddCompetitor => ("add competitor", "添加竞争对手"),
    HelpAddNeed => ("add need (why-chain)", "添加需求（追问为什么）"),
    HelpBack => ("back to the table", "返回客户列表"),
    HelpCloseDetail => ("close the detail", "关闭详情"),

    // Pipeline
    LostPrice => ("Price", "价格"),
    LostCompetitor => ("Lost to a competitor", "输给竞争对手"),
    LostNoBudget => ("No budget", "没有预算"),
    LostCancelled => ("Project cancelled", "项目取消"),
    LostNoDecision => ("No decision", "迟迟未决"),
    LostOther => ("Other", "其他"),
    DealTitle => ("Opportunity", "销售机会"),
    DealTitleField => ("Title", "名称"),
    DealStage => ("Stage", "阶段"),
    DealAmount => ("Amount", "金额"),
    DealProbability => ("Probability", "赢率"),
    DealProbabilityBlank => ("Probability % (blank: stage default)", "赢率%（空：按阶段）"),
    DealExpectedClose => ("Expected close", "预计成交"),
    DealLostReason => ("Lost reason", "丢单原因"),
    DealLostTo => ("Competitor who won", "赢单的竞争对手"),
    ChecklistTitle => ("Checklist: {stage}", "检查清单：{stage}"),
    TimelineTitle => ("Stage history", "阶段历史"),
    QuotesTitle => ("Quotes", "报价"),
    NegotiationsTitle => ("Negotiation rounds", "商务谈判记录"),
    EarlyQuoteTag => ("(quoted early)", "（过早报价）"),
    Created => ("created in", "创建于"),
    Reopened => ("reopened", "重新打开"),
    Reopen => ("Reopen", "重新打开"),
    ForcedMove => ("(forced: checklist unmet)", "（强制：清单未完成）"),
    DealKeys => (
        "p quote   m negotiation round   e edit   o outcome   < > move   j/k scroll   Esc close",
        "p 报价   m 谈判记录   e 编辑   o 结果   < > 移动阶段   j/k 滚动   Esc 关闭"
    ),
    NewDealTitle => ("New opportunity", "新建销售机会"),
    EditDealTitle => ("Edit opportunity", "编辑销售机会"),
    FieldJudgement => ("Go / no-go", "是否跟进"),
    JudgementGo => ("Go", "跟进"),
    JudgementNoGo => ("No-go", "放弃"),
    FieldNextContact => ("Meet next", "下一位拜访对象"),
    FieldOutcome => ("Outcome", "结果"),
    OutcomeTitle => ("Outcome", "设置结果"),
    QuoteTitle => ("Record a quote", "记录报价"),
    NegotiationTitle => ("Negotiation round", "商务谈判记录"),
    FieldAgreed => ("Agreed", "已达成"),
    FieldOpenPoints => ("Still open", "待解决"),
    RoleAccountManager => ("Account manager", "大客户经理"),
    RoleRep => ("Sales rep", "销售代表"),
    RoleContractAdmin => ("Contract admin", "合同管理员"),
    RoleTechnicalStaff => ("Technical", "技术人员"),
    RoleService => ("Service", "服务人员"),
    QuoteSaved => ("Quote recorded", "报价已记录"),
    NegotiationSaved => ("Negotiation round recorded", "谈判记录已保存"),
    DealWon => ("Won: {title}. It moves to Maintain: keep serving the customer.", "赢单：{title}。进入关系维护：持续服务客户。"),
    DealLost => ("Lost: {title}", "丢单：{title}"),
    DealReopened => ("Reopened: {title}", "已重新打开：{title}"),
    MovedForced => (
        "Moved \"{title}\" to {stage} with the checklist unmet: {unmet}",
        "已将\"{title}\"移至{stage}，但清单未完成：{unmet}"
    ),
    CloseNeedsOutcome => ("Close ends with an outcome: press o (won moves the deal to Maintain).", "实现销售阶段以结果结束：按 o（赢单后进入关系维护）。"),
    FilterAll => ("all", "全部"),
    BoardFilterLine => ("Segment {segment} (f)   Tier {tier} (t)", "分类 {segment}（f）   等级 {tier}（t）"),
    HelpSegmentFilter => ("next segment filter", "按分类筛选（切换）"),
    HelpTierFilter => ("next tier filter", "按等级筛选（切换）"),
    HelpBoardFilter => ("filter by account (name, pinyin); Esc clears every filter", "按客户筛选（名称、拼音）；Esc 清除全部筛选"),
    StaleTag => ("stale", "停滞"),
    ForcedTag => ("forced", "强制"),
    ForecastLine => (
        "Forecast, weighted: open {open} | closing this month {month} | this quarter {quarter}",
        "加权预测：在途 {open} | 本月预计成交 {month} | 本季度 {quarter}"
    ),
    HelpOutcome => ("outcome (won, lost)", "结果（赢单、丢单）"),
    HelpOpenDeal => ("open the deal: checklist, history, quotes", "打开机会：清单、历史、报价"),
    HelpNewDeal => ("new opportunity", "新建销售机会"),
    HelpQuote => ("record a quote", "记录报价"),
    HelpNegotiation => ("record a negotiation round", "记录谈判"),
    CheckProfile => ("account profile filled (segment, region, annual purchase)", "客户概况已填（分类、地区、年采购额）"),
    CheckCompetitor => ("a competitor noted, or none known", "至少一个竞争对手，或注明未知"),
    CheckKeyPerson => ("a key person (decision maker or influencer)", "至少一位关键人（决策人或影响人）"),
    CheckSource => ("an information source noted", "注明信息来源"),
    CheckCredit => ("credit rating set", "已评信用等级"),
    CheckNeed => ("a need recorded", "已记录需求"),
    CheckJudged => ("opportunity judged: go or no-go", "已判断机会：跟进或放弃"),
    CheckContactActivity => ("a contact activity logged", "至少记录一次接触活动"),
    CheckNextPerson => ("the next person to meet chosen", "已确定下一位拜访对象"),
    CheckDecisionMakerVisit => ("a visit with a decision maker logged", "至少一次与决策人的拜访"),
    CheckQuote => ("a quote recorded", "已记录报价"),
    CheckClosed => ("contract signed (won), or lost with a reason", "合同签订（赢单），或丢单并注明原因"),
    CheckReturnVisit => ("a return visit or survey this cadence period", "本周期内至少一次回访或满意度调查"),
    QuoteBeforeClose => (
        "Quoting before the Close stage: the method says quote late, once needs and fit are agreed. Recorded anyway.",
        "尚未到实现销售阶段就报价：方法要求在需求和匹配度明确后、成交前再报价。已照常记录。"
    ),
    QuoteBeforeNeed => (
        "No real need recorded yet (ask \"why?\" first): quoting now costs margin. Recorded anyway.",
        "尚未记录真实需求（先追问\"为什么\"）：现在报价会损失利润。已照常记录。"
    ),
    BoardDeals => ("{count} deals", "{count} 个"),
    BoardAmount => ("Amt", "金额"),
    BoardWeighted => ("Wtd", "加权"),
    BoardDaysInStage => ("{days}d", "{days}天"),
    BoardEmptyColumn => ("(empty)", "（空）"),
    BoardOpenLine => (
        "Open pipeline: {count} deals, amount {amount}, weighted {weighted}",
        "在途：{count} 个机会，金额 {amount}，加权 {weighted}"
    ),
    CardMoved => ("Moved \"{title}\" to {stage}", "已将\"{title}\"移至{stage}"),
    OnlyOpenDealsMove => ("Only open deals move between stages", "只有跟进中的机会可以换阶段"),
    NoFurtherStage => ("No stage further that way", "已经到头了"),

    // Visits
    VisitPlanTitle => ("Visit plan: due this week", "拜访计划：本周应访"),
    AgendaOverdue => ("Overdue {n}", "逾期 {n}"),
    AgendaToday => ("Today {n}", "今天 {n}"),
    AgendaRestOfWeek => ("Later this week {n}", "本周稍后 {n}"),
    OverdueDays => ("{n}d overdue", "逾期{n}天"),
    DueToday => ("today", "今天"),
    EveryNDays => ("every {n}d", "每{n}天"),
    Never => ("never", "从未"),
    NoVisitsDue => ("No visits due this week.", "本周没有应访客户。"),

    // Reports
    DailyReportTitle => ("Daily sales report", "大客户销售日报表"),
    ByChannel => ("By channel", "按方式"),
    NoActivitiesThisDay => ("No activities on this day. Press a to log one.", "当天没有活动。按 a 记录。"),
    NotWrittenYet => ("(not written yet: press D)", "（尚未填写：按 D）"),

    // Forms
    ActivityFormTitle => ("Log activity", "记录活动"),
    ActivityFormKeys => (
        "Enter next / save on last   Ctrl-S save   Tab/S-Tab field   Esc close   channel: <- ->",
        "Enter 下一项/最后一项保存   Ctrl-S 保存   Tab/S-Tab 切换   Esc 关闭   方式：<- ->"
    ),
    RecordFormKeys => (
        "Enter next / save on last   Ctrl-S save   Tab/S-Tab field   <- -> choose   Esc close",
        "Enter 下一项/最后一项保存   Ctrl-S 保存   Tab/S-Tab 切换   <- -> 选择   Esc 关闭"
    ),
    WhyChainKeys => (
        "Enter on a filled last answer asks \"why?\" again; on an empty one saves   Ctrl-S save   Esc close",
        "在最后一个已填写的回答上按 Enter 继续追问\"为什么\"；在空白处按 Enter 保存   Ctrl-S 保存   Esc 关闭"
    ),
    DailyFormTitle => ("Daily report", "日报"),
    DailyFormKeys => ("Enter next / save   Ctrl-S save   Esc close", "Enter 下一项/保存   Ctrl-S 保存   Esc 关闭"),
    FieldDate => ("Date", "日期"),
    FieldAccount => ("Account", "客户"),
    FieldChannel => ("Channel", "方式"),
    FieldPurpose => ("Purpose", "目的"),
    FieldContact => ("Met", "拜访对象"),
    FieldResult => ("Result", "结果"),
    FieldNextStep => ("Next step", "下一步"),
    FieldNextDate => ("Next date", "下次日期"),
    FieldSummary => ("Today's summary", "今日总结"),
    FieldTomorrowPlan => ("Tomorrow's plan", "明日计划"),
    ActivitySaved => ("Saved. Next entry:", "已保存。下一条："),
    ActivitiesLogged => ("{n} activities logged", "已记录 {n} 条活动"),
    DailySaved => ("Daily report saved", "日报已保存"),
    SaveFailed => ("Could not save; nothing was written. Try again.", "保存失败，未写入任何数据。请重试。"),
    TextCut => ("Text too long: cut to the field's limit", "文本过长：已截断到字段上限"),
    DiscardQuestion => ("Discard what you typed? y = discard, any other key = keep editing", "放弃已输入的内容？y 放弃，其他键继续编辑"),

    // Validation
    ErrRequired => ("required", "必填"),
    ErrNotAnAmount => ("not an amount (e.g. 12,345.67 or 1.2万)", "不是金额（例如 12,345.67 或 1.2万）"),
    ErrTooPrecise => ("at most two decimals", "最多两位小数"),
    ErrTooLarge => ("amount too large", "金额过大"),
    ErrNotADate => ("not a date (2026-11-26, today, tomorrow, +3d, -1w, fri)", "不是日期（2026-11-26、today、明天、+3d、-1w、周五）"),
    ErrUnknownAccount => ("no such account: pick one from the list", "没有这个客户：请从列表中选择"),
    ErrTooLong => ("too long (at most {n} characters)", "过长（最多 {n} 个字符）"),
    ErrUnknownValue => ("unknown value", "未知的值"),
    ErrNegative => ("must not be negative", "不能为负数"),
    ErrNotAPhone => ("not a phone number", "不是电话号码"),
    ErrNotAnEmail => ("not an email address", "不是电子邮件地址"),
    ErrNotAPercent => ("a whole percentage, 0 to 100", "0 到 100 的整数百分比"),

    // Help
    HelpTitle => ("Keys", "按键"),
    HelpClose => ("j/k scroll; any other key closes this help.", "j/k 滚动；按其他任意键关闭帮助。"),
    HelpQuit => ("quit", "退出"),
    HelpNextTab => ("next tab", "下一个标签页"),
    HelpPreviousTab => ("previous tab", "上一个标签页"),
    HelpHelp => ("help", "帮助"),
    HelpLogActivity => ("log activity", "记录活动"),
    HelpDailyReport => ("daily report", "写日报"),
    HelpUpDown => ("move down / up", "下移/上移"),
    HelpFirstLast => ("first / last", "首行/末行"),
    HelpPage => ("page down / up", "翻页"),
    HelpOpenAccount => ("detail", "详情"),
    HelpLogVisit => ("log visit", "记录拜访"),
    HelpColumns => ("columns", "切换阶段列"),
    HelpMoveCard => ("move card a stage", "移动阶段"),
    HelpDay => ("previous / next day", "前一天/后一天"),
    HelpToday => ("today", "今天"),

    // Start and status
    WelcomeTitle => ("Welcome to kam", "欢迎使用 kam"),
    WelcomeBody => (
        "This database is empty. Try kam with a rep's book of demo accounts, or start with your own.",
        "数据库是空的。可以先载入一位销售代表的演示客户试用，也可以直接录入自己的客户。"
    ),
    WelcomeDemo => ("load demo data (about 60 accounts, a year of work)", "载入演示数据（约 60 个客户，一年的工作）"),
    WelcomeEmpty => ("start empty", "从空白开始"),
    DemoLoaded => ("Demo data loaded", "演示数据已载入"),
    TooSmall => ("Terminal too small: kam needs at least {w}x{h}.", "终端窗口太小：kam 至少需要 {w}x{h}。"),
    ErrorPrefix => ("Error", "错误"),

    // Command line
    CliDemoDone => (
        "Demo data written to {path}: {accounts} accounts, {contacts} contacts, {opportunities} opportunities, {activities} activities",
        "演示数据已写入 {path}：{accounts} 个客户，{contacts} 位联系人，{opportunities} 个销售机会，{activities} 条活动"
    ),
    CliDemoNotEmpty => (
        "{path} already holds data; kam demo leaves it alone. Use --force to add demo data anyway, or --db for another file",
        "{path} 已有数据，kam demo 未做改动。如仍要加入演示数据请加 --force，或用 --db 指定另一个文件"
    ),
    CliNoDataDir => ("cannot find a data folder for this user; pass --db PATH", "找不到当前用户的数据目录；请用 --db 指定路径"),
    ConfigBroken => ("settings file not used, defaults apply: {error}", "设置文件有误，已使用默认设置：{error}"),
    ImportRejectedRow => ("row {row}, column \"{column}\": {reason}", "第 {row} 行，\"{column}\" 列：{reason}"),
    ImportWrongCellCount => ("{found} cells where the header has {expected}", "有 {found} 个单元格，表头有 {expected} 列"),
    ImportNoSuchAccount => ("no account named \"{name}\"", "没有名为\"{name}\"的客户"),
    ImportAlreadyThere => ("already in this database (same uuid)", "数据库中已有（uuid 相同）"),
    ImportNotAUuid => ("not a UUID", "不是 UUID"),
    ImportNotATimestamp => ("not a timestamp (2026-11-26T08:00:00Z)", "不是时间戳（2026-11-26T08:00:00Z）"),
    ImportUnknownStage => (
        "unknown stage \"{value}\": map it with --stage-map \"{value}=N\" (1-6, won or lost)",
        "未知阶段\"{value}\"：请用 --stage-map \"{value}=N\" 指定（1-6、won 或 lost）"
    ),
    ImportNoAccount => (
        "no account on this row; --create-accounts files such rows under \"(no account)\"",
        "此行没有客户；加 --create-accounts 可归入\"(no account)\""
    ),
    ImportDuplicate => ("row {row}: \"{name}\" looks like a duplicate of {of}", "第 {row} 行：\"{name}\" 可能与{of}重复"),
    ImportDuplicateOfRow => ("row {other}", "第 {other} 行"),
    ImportDuplicateOfExisting => ("existing account #{id}", "已有客户 #{id}"),
    ImportIgnoredColumns => ("columns not imported: {columns}", "未导入的列：{columns}"),
    ImportSummary => (
        "{file} ({encoding}): {rows} rows, {rejected} rejected, {duplicates} likely duplicates",
        "{file}（{encoding}）：{rows} 行，拒绝 {rejected} 行，疑似重复 {duplicates} 行"
    ),
    ImportSkippedDuplicates => ("{n} likely duplicates left out", "已跳过 {n} 个疑似重复"),
    ImportDryRun => ("Dry run: nothing was written.", "试运行：未写入任何数据。"),
    ImportRefused => (
        "{n} problems; nothing was written. Fix the rows, or pass --skip-invalid to import the rest.",
        "{n} 处问题，未写入任何数据。请修正这些行，或加 --skip-invalid 导入其余行。"
    ),
    ImportWritten => ("{n} imported (one action: undo with u in the app).", "已导入 {n} 条（一次操作：可在应用中按 u 撤销）。"),
    ExportDone => ("{n} records written to {path}", "已将 {n} 条记录写入 {path}"),
    ExportXlsxNeedsOut => ("xlsx is a file: pass --out FILE.xlsx", "xlsx 需要写入文件：请加 --out 文件.xlsx"),
    StoreNotSqlite => ("{path} is not a SQLite database; kam left it untouched", "{path} 不是 SQLite 数据库；kam 未做任何改动"),
    StoreNotKam => ("{path} is a database of another program; kam left it untouched", "{path} 是其他程序的数据库；kam 未做任何改动"),
    StoreCorrupt => (
        "{path} is damaged ({detail}); kam left it untouched. Restore a backup",
        "{path} 已损坏（{detail}）；kam 未做任何改动。请从备份恢复"
    ),
    StoreNewer => (
        "{path} was written by a newer kam (schema {found}; this kam knows up to {supported}); kam left it untouched. Update kam",
        "{path} 由更新版本的 kam 写入（结构版本 {found}，本版本最高支持 {supported}）；kam 未做任何改动。请升级 kam"
    ),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for msg in Msg::ALL {
            let (en, zh) = msg.texts();
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
