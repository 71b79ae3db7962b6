//! The words about files that cannot be imported as a whole (the file, its
//! header, the options naming its columns): row problems are in `Msg`.
//! (English, Simplified Chinese.)

messages! {
    FileMsg;
    Encoding => ("the file is neither UTF-8, UTF-16 nor GBK text", "文件既不是 UTF-8、UTF-16，也不是 GBK 文本"),
    BadRecord => ("row {row}: {error}", "第 {row} 行：{error}"),
    MissingColumn => (
        "no column gives the {field}; name one with --map HEADER={field}",
        "没有哪一列提供 {field}；请用 --map 表头={field} 指定"
    ),
    StageMap => (
        "--stage-map {spec}: give VALUE=STAGE, STAGE being 1 to 6, a stage name, won or lost",
        "--stage-map {spec}：请写成 值=阶段，阶段为 1 到 6、阶段名称、won 或 lost"
    ),
    ChannelMap => (
        "--channel-map {spec}: give VALUE=CHANNEL, CHANNEL being visit, phone, exhibition, ... or its Chinese name",
        "--channel-map {spec}：请写成 值=方式，方式为 visit、phone、exhibition 等或其中文名"
    ),
    MapUnknownField => ("--map: this import has no field {field}", "--map：此导入没有字段 {field}"),
    MapBadSpec => ("--map {spec}: give HEADER=FIELD", "--map {spec}：请写成 表头=字段"),
    MapUnknownHeader => ("--map: the file has no column {header}", "--map：文件中没有列 {header}"),
    Empty => ("the file is empty: no header row, no rows", "文件是空的：没有表头，也没有数据行"),
    NotATable => (
        "this is {what}, not a table: kam imports CSV (comma, semicolon or tab separated), xlsx and JSON lists of records",
        "这是{what}，不是表格：kam 可导入 CSV（逗号、分号或制表符分隔）、xlsx 和 JSON 记录列表"
    ),
    JsonNotList => ("JSON that is not a list of records", "不是记录列表的 JSON"),
    Json => ("the JSON cannot be read: {error}", "无法读取 JSON：{error}"),
    NoSuchSheet => ("the workbook has no sheet {sheet} (it has: {sheets})", "工作簿中没有工作表 {sheet}（现有：{sheets}）"),
    Xlsx => ("the workbook cannot be read: {error}", "无法读取工作簿：{error}"),
    DuplicateHeader => (
        "row 1: the column {column} is there twice; rename one, or leave one out with --map \"{column}=\"",
        "第 1 行：列 {column} 出现了两次；请改掉其中一个的名字，或用 --map \"{column}=\" 忽略其一"
    ),
    Nul => (
        "row {row}, column {column}: a NUL byte (the file may be binary, or text in another encoding)",
        "第 {row} 行，{column} 列：含 NUL 字节（文件可能是二进制，或其他编码的文本）"
    ),
}
