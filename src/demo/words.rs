//! Word pools for demo data: Chinese and English company names, people,
//! projects and the phrases of a rep's day.

pub const CN_CITIES: &[&str] = &[
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "天津", "重庆", "苏州", "长沙", "郑州",
    "青岛", "厦门", "合肥", "济南", "沈阳", "昆明",
];
pub const CN_WORDS: &[&str] = &[
    "恒通",
    "华信",
    "中联",
    "远航",
    "金桥",
    "博远",
    "新锐",
    "天成",
    "宏达",
    "瑞丰",
    "嘉禾",
    "正泰",
    "鼎盛",
    "同创",
    "汇丰",
    "启明",
    "长城",
    "东方",
    "星河",
    "万达",
    "海纳",
    "福源",
    "安泰",
    "明辉",
    "精工",
    "龙腾",
    "永信",
    "华夏",
    "盛世",
    "中铁",
    "卓越",
    "凯旋",
    "晨光",
    "云帆",
    "银河",
    "新纪元",
    "九州",
    "德润",
    "广厦",
    "翰林",
];
pub const CN_INDUSTRIES: &[&str] = &[
    "科技", "电子", "物流", "医药", "建设", "能源", "化工", "机械", "食品", "传媒", "软件", "通信", "环保", "汽车",
    "材料", "信息", "电力", "银行", "教育", "制造",
];
pub const CN_SUFFIXES: &[&str] = &["有限公司", "股份有限公司", "集团有限公司"];

pub const EN_FIRST: &[&str] = &[
    "North",
    "Blue",
    "Silver",
    "Pacific",
    "Summit",
    "Harbor",
    "Golden",
    "Iron",
    "Cedar",
    "Eagle",
    "Apex",
    "Atlas",
    "Bright",
    "Crystal",
    "Delta",
    "Evergreen",
    "Falcon",
    "Granite",
    "Horizon",
    "Keystone",
];
pub const EN_SECOND: &[&str] = &[
    "wind", "stone", "field", "bridge", "point", "line", "gate", "wave", "works", "labs", "port", "ridge", "star",
    "path", "forge",
];
pub const EN_INDUSTRIES: &[&str] =
    &["Logistics", "Systems", "Energy", "Pharma", "Foods", "Motors", "Electronics", "Software", "Materials", "Media"];
pub const EN_SUFFIXES: &[&str] = &["Ltd", "Inc", "Group", "Co", "Holdings"];
pub const EN_REGIONS: &[&str] = &["Hong Kong", "Singapore", "Shanghai", "Shenzhen", "Tokyo", "Seoul", "Sydney"];

pub const SEGMENTS: &[&str] = &["Government & Party", "Large enterprise", "SME", "Finance", "Education"];
pub const CREDIT: &[&str] = &["AAA", "AA", "A", "BBB", "BB", "B", "C"];
pub const CN_SOURCES: &[&str] = &["银行", "第三方调研", "工商登记", "合作伙伴", "老客户介绍", "网络媒体", "个人人脉"];
pub const EN_SOURCES: &[&str] =
    &["bank", "research firm", "business registry", "partner", "existing customer", "web", "network"];

pub const CN_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高",
];
pub const CN_GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华",
    "志强", "海燕",
];
pub const EN_GIVEN: &[&str] =
    &["Anna", "Ben", "Chloe", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Kate", "Leo"];
pub const EN_FAMILY: &[&str] = &["Smith", "Tan", "Lee", "Wong", "Brown", "Lim", "Chan", "Taylor", "Ng", "Walker"];

/// (Chinese title, English title, decision role code)
pub const TITLES: &[(&str, &str, &str)] = &[
    ("总经理", "General Manager", "decision_maker"),
    ("副总裁", "Vice President", "decision_maker"),
    ("采购经理", "Procurement Manager", "influencer"),
    ("技术总监", "CTO", "technical"),
    ("IT经理", "IT Manager", "user"),
    ("财务总监", "CFO", "finance"),
    ("办公室主任", "Office Manager", "gatekeeper"),
    ("项目经理", "Project Manager", "user"),
];

pub const CN_PROJECTS: &[&str] = &[
    "ERP系统升级",
    "数据中心扩容",
    "年度耗材采购",
    "办公网络改造",
    "安防监控项目",
    "生产线自动化",
    "云平台迁移",
    "客服系统建设",
    "智慧园区",
    "设备维保合同",
    "视频会议系统",
    "供应链平台",
];
pub const EN_PROJECTS: &[&str] = &[
    "ERP upgrade",
    "Data centre expansion",
    "Annual supplies",
    "Network refresh",
    "CCTV rollout",
    "Line automation",
    "Cloud migration",
    "Contact centre",
    "Fleet telematics",
    "Service contract",
];

pub const CN_PURPOSES: &[&str] = &[
    "介绍新产品",
    "了解项目需求",
    "技术方案交流",
    "商务洽谈",
    "回访使用情况",
    "递交报价",
    "样品测试跟进",
    "拜访决策人",
    "处理投诉",
    "年度合作回顾",
];
pub const CN_RESULTS: &[&str] = &[
    "客户有兴趣，需要方案",
    "需求已明确",
    "对价格有异议",
    "同意安排测试",
    "决策人认可方案",
    "暂无预算",
    "满意度良好",
    "需要技术澄清",
];
pub const CN_NEXT: &[&str] = &["发送方案", "安排技术交流", "约见决策人", "准备报价", "跟进测试结果", "电话回访"];
pub const EN_PURPOSES: &[&str] = &[
    "Introduce new product",
    "Learn project needs",
    "Technical exchange",
    "Negotiate terms",
    "Check usage",
    "Deliver quote",
    "Follow up samples",
    "Meet decision maker",
];
pub const EN_RESULTS: &[&str] = &[
    "Interested, wants a proposal",
    "Needs are clear",
    "Pushback on price",
    "Agreed to a trial",
    "No budget this year",
    "Happy with service",
];
pub const EN_NEXT: &[&str] = &["Send proposal", "Book tech session", "Meet the CFO", "Prepare quote", "Call back"];

/// (name, offering, strength, weakness)
pub const CN_COMPETITORS: &[(&str, &str, &str, &str)] = &[
    ("华为", "整体解决方案", "品牌与渠道", "价格高"),
    ("浪潮", "服务器与云", "政府关系", "服务响应慢"),
    ("用友", "ERP 软件", "财务模块成熟", "定制能力弱"),
    ("金蝶", "云 ERP", "中小企业口碑", "大型项目经验少"),
    ("海康威视", "安防设备", "硬件齐全", "软件集成弱"),
    ("东软", "行业软件", "医疗与社保经验", "交付周期长"),
];
pub const EN_COMPETITORS: &[(&str, &str, &str, &str)] = &[
    ("Globex", "Suite licence", "Brand", "Expensive"),
    ("Initech", "Managed service", "Local support", "Thin product"),
    ("Umbrella Systems", "Hardware bundle", "Price", "Slow delivery"),
    ("Soylent Software", "Cloud platform", "Fast to deploy", "Few references"),
];
/// A stated need and the answers to "why?", the last being the real need.
pub const CN_NEEDS: &[(&str, &[&str])] = &[
    ("要一套新的 ERP", &["旧系统月结太慢", "财务要在三天内给总部出报表"]),
    ("想换一批服务器", &["机房快满了", "明年业务量翻倍", "要保证双十一不宕机"]),
    ("要做视频会议系统", &["分公司开会要出差", "差旅费今年要降三成"]),
    ("希望降低采购价格", &["集团考核成本", "利润率连续两年下滑"]),
];
pub const EN_NEEDS: &[(&str, &[&str])] = &[
    ("A new ERP", &["Month-end close takes two weeks", "The board wants numbers in three days"]),
    ("More storage", &["Data doubles every year", "Audits need seven years online"]),
    ("Lower prices", &["Cost targets from the group", "Margins fell two years running"]),
];

pub const CN_DAY_NOTES: &[&str] = &[
    "重点客户推进顺利，决策人认可方案。",
    "两家客户在等预算，需持续跟进。",
    "技术交流效果好，客户要求测试样品。",
    "报价已发出，客户反馈价格偏高。",
    "老客户回访满意度良好，有增购意向。",
];
pub const CN_PLAN_NOTES: &[&str] =
    &["上午电话回访重点客户", "准备技术方案", "下午拜访决策人", "跟进测试结果", "整理报价单", "约见财务确认付款"];
pub const EN_DAY_NOTES: &[&str] = &[
    "Good progress with the key accounts; the decision maker likes the proposal.",
    "Two accounts are waiting for budget; keep following up.",
    "The technical exchange went well; samples requested.",
    "Quote sent; the customer finds the price high.",
    "Return visit went well; they may buy more.",
];
pub const EN_PLAN_NOTES: &[&str] = &[
    "Morning: calls to the key accounts",
    "Prepare the technical proposal",
    "Afternoon: meet the decision maker",
    "Follow up the test results",
    "Finish the quote",
    "Confirm payment terms with finance",
];
