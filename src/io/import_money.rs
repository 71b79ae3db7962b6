//! `kam import contracts|instalments|receipts FILE`: the money after the win
//! from a company system or a spreadsheet. Contracts are found by their
//! number (合同编号), instalments by their contract and number (期次), so a
//! re-import of the same file finds what is there and writes nothing new.
//!
//! - contracts: account, number, title, signed_on, start_on, end_on,
//!   amount, status (codes or 待签署 / 已签署 / 履行中 / 履行完毕 / 已完结 /
//!   作废; blank: signed when there is a signing date, else a draft), terms;
//! - instalments: contract, seq, label, due_on, amount, method, warn_days;
//! - receipts: contract, instalment (its seq; blank: the oldest instalment
//!   still owed, and the next for what is more), received_on, amount,
//!   method, reference.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use super::import::{ImportError, ImportOptions, ImportReport, OnDuplicate, Problem, RowError, header_of, record_meta};
use super::mapping::FieldSpec;
use super::read_rows::{Row, RowReader};
use super::stream_import::{LOOKUPS_KEPT, Tally, Writing, import_streaming};
use crate::domain::contract::end_of_time;
use crate::domain::{ContractStatus, FieldError, Money, PaymentMethod};
use crate::labels::{contract_status_label, payment_method_label};
use crate::ops::ActionKind;
use crate::store::{Linked, NewContract, NewInstalment, NewReceipt, RecordMeta, Store};

pub(super) const CONTRACT_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "account", aliases: &["customer", "company", "客户", "客户名称", "公司名称"] },
    FieldSpec { field: "number", aliases: &["contract number", "contract no", "no", "合同编号", "合同号"] },
    FieldSpec { field: "title", aliases: &["name", "subject", "合同名称", "名称"] },
    FieldSpec { field: "signed_on", aliases: &["signed", "sign date", "签约日期", "签订日期"] },
    FieldSpec { field: "start_on", aliases: &["start", "start date", "开始日期"] },
    FieldSpec { field: "end_on", aliases: &["end", "end date", "结束日期"] },
    FieldSpec { field: "amount", aliases: &["amount_cents", "value", "total", "合同金额", "金额"] },
    FieldSpec { field: "status", aliases: &["合同状态", "状态"] },
    FieldSpec { field: "terms", aliases: &["payment terms", "付款条件", "付款方式"] },
    FieldSpec { field: "notes", aliases: &["note", "remarks", "备注"] },
    FieldSpec { field: "void_reason", aliases: &["作废原因"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
    FieldSpec { field: "account_uuid", aliases: &[] },
    FieldSpec { field: "signatory_uuid", aliases: &[] },
    FieldSpec { field: "deal_uuid", aliases: &[] },
];

pub(super) const INSTALMENT_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "contract", aliases: &["contract_number", "contract number", "合同编号", "合同"] },
    FieldSpec { field: "seq", aliases: &["no", "number", "installment", "instalment", "期次", "期数"] },
    FieldSpec { field: "label", aliases: &["type", "name", "款项", "款项名称", "名称"] },
    FieldSpec { field: "due_on", aliases: &["due", "due date", "计划回款日期", "到期日", "计划日期"] },
    FieldSpec { field: "amount", aliases: &["amount_cents", "计划回款金额", "金额"] },
    FieldSpec { field: "method", aliases: &["payment method", "付款方式", "回款方式"] },
    FieldSpec { field: "warn_days", aliases: &["warning days", "提前提醒天数"] },
    FieldSpec { field: "condition", aliases: &["回款条件", "条件"] },
    FieldSpec { field: "void", aliases: &["作废"] },
    FieldSpec { field: "notes", aliases: &["note", "remarks", "备注"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
];

pub(super) const RECEIPT_FIELDS: &[FieldSpec] = &[
    FieldSpec { field: "contract", aliases: &["contract_number", "contract number", "合同编号", "合同"] },
    FieldSpec { field: "instalment", aliases: &["seq", "instalment_seq", "installment", "期次", "期数"] },
    FieldSpec { field: "received_on", aliases: &["date", "received", "回款日期", "到账日期"] },
    FieldSpec { field: "amount", aliases: &["amount_cents", "回款金额", "金额"] },
    FieldSpec { field: "method", aliases: &["payment method", "付款方式", "回款方式", "支付方式"] },
    FieldSpec { field: "reference", aliases: &["serial", "ref", "流水号", "票据号"] },
    FieldSpec { field: "notes", aliases: &["note", "remarks", "备注"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
];

fn day(text: &str) -> Option<Result<NaiveDate, FieldError>> {
    super::import_deals::parse_date(text)
}

/// An amount that must be there and above zero.
fn amount(text: &str) -> Result<Money, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::Empty);
    }
    let money = Money::parse(text)?;
    if money.cents() <= 0 { Err(FieldError::Negative) } else { Ok(money) }
}

fn contract_status(text: &str) -> Option<ContractStatus> {
    let t = text.trim();
    ContractStatus::from_code_loose(t).or(match t {
        "待签署" | "草稿" | "draft" => Some(ContractStatus::Draft),
        "已签署" | "已签订" | "签订" => Some(ContractStatus::Signed),
        "履行中" | "执行中" => Some(ContractStatus::InProgress),
        "履行完毕" | "执行完毕" => Some(ContractStatus::Fulfilled),
        "已完结" | "已关闭" => Some(ContractStatus::Closed),
        "作废" | "已作废" => Some(ContractStatus::Void),
        _ => super::import::by_label(t, ContractStatus::ALL, contract_status_label),
    })
}

/// A payment method as written, to its code; blank stays blank.
pub fn payment_method(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    let method = PaymentMethod::from_code_loose(t).or(match t {
        "电汇" | "银行转账" | "转账" => Some(PaymentMethod::Wire),
        "网上转账" | "网银" => Some(PaymentMethod::Online),
        "支票" => Some(PaymentMethod::Cheque),
        "现金" => Some(PaymentMethod::Cash),
        "支付宝" => Some(PaymentMethod::Alipay),
        "微信" | "微信支付" => Some(PaymentMethod::WeChat),
        "其他" | "其它" => Some(PaymentMethod::Other),
        _ => super::import::by_label(t, PaymentMethod::ALL, payment_method_label),
    })?;
    Some(method.code().to_string())
}

pub fn import_contracts(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, CONTRACT_FIELDS, options)?;
    for needed in ["account", "title", "amount"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(needed_name(needed)));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    // Numbers seen, on a dry run (written contracts are found by theirs).
    let mut numbers_seen = HashSet::new();
    let mut accounts: HashMap<String, Option<i64>> = HashMap::new();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        if accounts.len() > LOOKUPS_KEPT {
            accounts.clear();
        }
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let number = row.get("number").trim().to_string();
        // Already here: left as it is, or (--on-duplicate update) given the
        // file's title, days, amount, terms and status.
        let existing = if number.is_empty() { None } else { store.contract_by_number(&number)? };
        let updating = existing.is_some() && options.on_duplicate == OnDuplicate::Update;
        if !number.is_empty()
            && ((existing.is_some() && !updating) || (!w.writes && !numbers_seen.insert(number.clone())))
        {
            tally.already_there += 1;
            return Ok(());
        }
        // The account by UUID (kam's own export: two accounts may share a
        // name), else by its exact name (an account typed in anew here).
        let account_uuid = row.get("account_uuid").trim().to_string();
        let account_name = row.get("account").trim().to_string();
        let name = format!("{account_uuid}\u{1f}{account_name}");
        if account_uuid.is_empty() && account_name.is_empty() {
            problem("account", Problem::NoAccount);
        } else {
            if !accounts.contains_key(&name) {
                let by_uuid = if account_uuid.is_empty() { None } else { store.account_by_uuid(&account_uuid)? };
                let found = match by_uuid {
                    Some(id) => Some(id),
                    None => store.account_named(&account_name)?.map(|a| a.id),
                };
                accounts.insert(name.clone(), found);
            }
            if accounts.get(&name).copied().flatten().is_none() {
                let missing = if account_name.is_empty() { account_uuid.clone() } else { account_name.clone() };
                problem("account", Problem::UnknownAccount(missing));
            }
        }
        let title = row.get("title").trim().to_string();
        if title.is_empty() {
            problem("title", Problem::Field(FieldError::Empty));
        }
        let money = amount(&row.get("amount")).unwrap_or_else(|e| {
            problem("amount", Problem::Field(e));
            Money::ZERO
        });
        let mut date =
            |field: &str| day(&row.get(field)).and_then(|r| r.map_err(|e| problem(field, Problem::Field(e))).ok());
        let (signed_on, start_on, end_on) = (date("signed_on"), date("start_on"), date("end_on"));
        let status_text = row.get("status");
        let status = if status_text.trim().is_empty() {
            Some(if signed_on.is_some() { ContractStatus::Signed } else { ContractStatus::Draft })
        } else {
            contract_status(&status_text)
        };
        if status.is_none() {
            problem("status", super::import::not_one_of(&status_text, ContractStatus::ALL, contract_status_label));
        }
        // The deal it was won by, when the file names it (kam's export).
        let account = accounts.get(&name).copied().flatten();
        let opportunity_id = super::import::linked_deal(store, row, account)?.unwrap_or_else(|p| {
            problem("deal_uuid", p);
            None
        });
        // Who signed, when the file links them: one of the account's own.
        let signatory_uuid = row.get("signatory_uuid").trim().to_string();
        let signatory = if signatory_uuid.is_empty() { None } else { store.contact_by_uuid(&signatory_uuid)? };
        let signatory_id = super::import::own_link(store, Linked::Contact, signatory, account, &signatory_uuid)?
            .unwrap_or_else(|p| {
                problem("signatory_uuid", p);
                None
            });
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let contract = NewContract {
            number,
            opportunity_id,
            signed_on,
            start_on,
            end_on,
            terms: row.get("terms").trim().to_string(),
            notes: row.get("notes").trim().to_string(),
            void_reason: row.get("void_reason").trim().to_string(),
            signatory_id,
            status: status.unwrap_or(ContractStatus::Draft),
            ..NewContract::draft(account.unwrap_or(0), &title, money)
        };
        match existing.filter(|_| updating) {
            // Its own links (the deal, who signed, a void reason, the
            // return visit) stay.
            Some(here) => {
                tally.updated += 1;
                if w.writes {
                    let contract = NewContract {
                        opportunity_id: contract.opportunity_id.or(here.contract.opportunity_id),
                        signatory_id: contract.signatory_id.or(here.contract.signatory_id),
                        void_reason: if map.feeds("void_reason") {
                            contract.void_reason.clone()
                        } else {
                            here.contract.void_reason.clone()
                        },
                        return_visit_on: here.contract.return_visit_on,
                        return_visit_id: here.contract.return_visit_id,
                        ..contract
                    };
                    w.batch.update_contract(here.id, &contract)?;
                }
            }
            None => {
                tally.written += 1;
                if w.writes {
                    w.batch.insert_contract(&contract, &meta)?;
                }
            }
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportContracts, path, reader, options, take, |_, _| Ok(()))
}

pub fn import_instalments(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, INSTALMENT_FIELDS, options)?;
    for needed in ["contract", "due_on", "amount"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(needed_name(needed)));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    // Per contract: the instalments it had here before the file, by
    // number; and the numbers earlier in the file.
    let mut seqs: HashMap<i64, HashMap<u32, (i64, NewInstalment)>> = HashMap::new();
    let mut seen: HashSet<(i64, u32)> = HashSet::new();
    let mut contracts: HashMap<String, Option<i64>> = HashMap::new();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let number = row.get("contract").trim().to_string();
        if !contracts.contains_key(&number) {
            contracts.insert(number.clone(), store.contract_by_number(&number)?.map(|c| c.id));
        }
        let contract_id = contracts.get(&number).copied().flatten();
        if contract_id.is_none() {
            problem("contract", Problem::UnknownContract(number.clone()));
        }
        let due_on = match day(&row.get("due_on")) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                problem("due_on", Problem::Field(e));
                None
            }
            None => {
                problem("due_on", Problem::Field(FieldError::Empty));
                None
            }
        };
        let money = amount(&row.get("amount")).unwrap_or_else(|e| {
            problem("amount", Problem::Field(e));
            Money::ZERO
        });
        let seq_text = row.get("seq");
        let seq: Option<u32> = if seq_text.trim().is_empty() { Some(0) } else { seq_text.trim().parse().ok() };
        if seq.is_none() {
            problem("seq", Problem::UnknownValue(seq_text.clone()));
        }
        let method = payment_method(&row.get("method"));
        if method.is_none() {
            problem("method", super::import::not_one_of(&row.get("method"), PaymentMethod::ALL, payment_method_label));
        }
        let warn_text = row.get("warn_days");
        let warn_days: Option<u32> =
            if warn_text.trim().is_empty() { Some(7) } else { warn_text.trim().parse().ok().filter(|d| *d <= 365) };
        if warn_days.is_none() {
            problem("warn_days", Problem::UnknownValue(warn_text.clone()));
        }
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let (Some(contract_id), Some(due_on), Some(seq)) = (contract_id, due_on, seq) else { return Ok(()) };
        // The contract's instalments here, by seq (read once per contract).
        let here = match seqs.entry(contract_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                store
                    .instalments_of(contract_id, end_of_time())?
                    .into_iter()
                    .map(|i| (i.instalment.seq, (i.id, i.instalment)))
                    .collect(),
            ),
        };
        let last = here.keys().chain(seen.iter().filter(|(c, _)| *c == contract_id).map(|(_, s)| s)).max();
        let seq = if seq == 0 { last.copied().unwrap_or(0) + 1 } else { seq };
        if !seen.insert((contract_id, seq)) {
            tally.already_there += 1;
            return Ok(());
        }
        let mut instalment = NewInstalment::new(seq, row.get("label").trim(), due_on, money);
        instalment.method = method.unwrap_or_default();
        instalment.warn_days = warn_days.unwrap_or(7);
        instalment.condition = row.get("condition").trim().to_string();
        instalment.void = matches!(row.get("void").trim(), "true" | "1" | "是");
        instalment.notes = row.get("notes").trim().to_string();
        match here.get(&seq) {
            // Already here: left as it is, or (--on-duplicate update) given
            // the file's label, day and amount; what the file does not say
            // stays as it was.
            Some((id, was)) if options.on_duplicate == OnDuplicate::Update => {
                let feeds = |field| map.feeds(field);
                let instalment = NewInstalment {
                    method: if feeds("method") { instalment.method } else { was.method.clone() },
                    warn_days: if feeds("warn_days") { instalment.warn_days } else { was.warn_days },
                    condition: if feeds("condition") { instalment.condition } else { was.condition.clone() },
                    void: if feeds("void") { instalment.void } else { was.void },
                    notes: if feeds("notes") { instalment.notes } else { was.notes.clone() },
                    ..instalment
                };
                tally.updated += 1;
                if w.writes {
                    w.batch.update_instalment(*id, &instalment)?;
                }
            }
            Some(_) => tally.already_there += 1,
            None => {
                tally.written += 1;
                if w.writes {
                    w.batch.insert_instalment(contract_id, &instalment, &meta)?;
                }
            }
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportInstalments, path, reader, options, take, |_, _| Ok(()))
}

pub fn import_receipts(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let reader = RowReader::open(path, RECEIPT_FIELDS, options)?;
    for needed in ["contract", "received_on", "amount"] {
        if !reader.map.feeds(needed) {
            return Err(ImportError::MissingColumn(needed_name(needed)));
        }
    }
    let (map, headers) = (reader.map.clone(), reader.headers.clone());
    let header = |field: &str| header_of(&map, &headers, field);
    // Per contract: its instalments (id, seq, still owed), as the rows so
    // far leave them.
    let mut plans: HashMap<i64, Vec<(i64, u32, i64)>> = HashMap::new();
    let mut contracts: HashMap<String, Option<i64>> = HashMap::new();
    // The money of the rows so far: a row split over instalments is not
    // found again among the contract's receipts by its whole amount.
    let mut seen: HashSet<(i64, NaiveDate, i64, String)> = HashSet::new();
    let take = |w: &Writing<'_, '_>, row: &Row, tally: &mut Tally| -> crate::store::Result<()> {
        let store = w.store;
        let mut errors = Vec::new();
        let mut problem =
            |field: &str, p: Problem| errors.push(RowError { row: row.number, column: header(field), problem: p });
        let number = row.get("contract").trim().to_string();
        if !contracts.contains_key(&number) {
            contracts.insert(number.clone(), store.contract_by_number(&number)?.map(|c| c.id));
        }
        let contract_id = contracts.get(&number).copied().flatten();
        if contract_id.is_none() {
            problem("contract", Problem::UnknownContract(number.clone()));
        }
        let received_on = match day(&row.get("received_on")) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                problem("received_on", Problem::Field(e));
                None
            }
            None => {
                problem("received_on", Problem::Field(FieldError::Empty));
                None
            }
        };
        let money = amount(&row.get("amount")).unwrap_or_else(|e| {
            problem("amount", Problem::Field(e));
            Money::ZERO
        });
        let method = payment_method(&row.get("method"));
        if method.is_none() {
            problem("method", super::import::not_one_of(&row.get("method"), PaymentMethod::ALL, payment_method_label));
        }
        let seq_text = row.get("instalment").trim().to_string();
        let seq: Option<u32> = if seq_text.is_empty() { None } else { seq_text.parse().ok() };
        if !seq_text.is_empty() && seq.is_none() {
            problem("instalment", Problem::UnknownInstalment(seq_text.clone()));
        }
        let plan = match contract_id {
            Some(id) => {
                if let std::collections::hash_map::Entry::Vacant(e) = plans.entry(id) {
                    let rows = store.instalments_of(id, end_of_time())?;
                    e.insert(
                        rows.iter()
                            .filter(|i| !i.instalment.void)
                            .map(|i| (i.id, i.instalment.seq, i.outstanding().cents()))
                            .collect(),
                    );
                }
                plans.get_mut(&id)
            }
            None => None,
        };
        if let (Some(seq), Some(plan)) = (seq, plan.as_ref())
            && !plan.iter().any(|(_, s, _)| *s == seq)
        {
            problem("instalment", Problem::UnknownInstalment(seq_text.clone()));
        }
        let meta = record_meta(row, header, &mut errors);
        if !errors.is_empty() {
            tally.rejected.extend(errors);
            return Ok(());
        }
        let (Some(contract_id), Some(received_on), Some(plan)) = (contract_id, received_on, plan) else {
            return Ok(());
        };
        let reference = row.get("reference").trim().to_string();
        // The same money twice (a re-import): once. A receipt with its UUID
        // (kam's export) is found by it alone.
        let uuid = row.get("uuid");
        let by_uuid = if uuid.trim().is_empty() { None } else { store.receipt_by_uuid(uuid.trim())? };
        if let Some(id) = by_uuid.filter(|_| options.on_duplicate == OnDuplicate::Update) {
            // A corrected bank file: the receipt takes its day, amount,
            // method, reference and notes.
            let method = method.unwrap_or_default();
            let notes = row.get("notes").trim().to_string();
            tally.updated += 1;
            if w.writes {
                let receipt = NewReceipt {
                    contract_id,
                    instalment_id: None,
                    received_on,
                    amount: money,
                    method,
                    reference,
                    notes,
                };
                w.batch.update_receipt(id, &receipt)?;
            }
            return Ok(());
        }
        if by_uuid.is_some()
            || !seen.insert((contract_id, received_on, money.cents(), reference.clone()))
            || store.receipts_of(contract_id)?.iter().any(|r| {
                r.receipt.received_on == received_on && r.receipt.amount == money && r.receipt.reference == reference
            })
        {
            tally.already_there += 1;
            return Ok(());
        }
        let base = NewReceipt {
            contract_id,
            instalment_id: None,
            received_on,
            amount: money,
            method: method.unwrap_or_default(),
            reference,
            notes: row.get("notes").trim().to_string(),
        };
        for (n, (instalment_id, cents)) in allocate(plan, seq, money.cents()).into_iter().enumerate() {
            tally.written += 1;
            if w.writes {
                // A row split over instalments keeps its UUID on the first part.
                let meta = if n == 0 { meta } else { RecordMeta::now() };
                w.batch.insert_receipt(&NewReceipt { instalment_id, amount: Money(cents), ..base.clone() }, &meta)?;
            }
        }
        Ok(())
    };
    import_streaming(store, ActionKind::ImportReceipts, path, reader, options, take, |_, _| Ok(()))
}

/// Where a receipt's money goes: the named instalment; else the oldest
/// still owed, then the next, the last taking any excess; a contract with
/// no plan takes it as a whole. Updates what `plan` still owes.
fn allocate(plan: &mut [(i64, u32, i64)], seq: Option<u32>, mut cents: i64) -> Vec<(Option<i64>, i64)> {
    if let Some(seq) = seq
        && let Some(entry) = plan.iter_mut().find(|(_, s, _)| *s == seq)
    {
        entry.2 -= cents;
        return vec![(Some(entry.0), cents)];
    }
    let open: Vec<usize> = (0..plan.len()).filter(|&i| plan[i].2 > 0).collect();
    let Some(&last) = open.last().or(plan.len().checked_sub(1).as_ref()) else { return vec![(None, cents)] };
    let mut parts = Vec::new();
    for &i in &open {
        if cents <= 0 {
            break;
        }
        let take = if i == last { cents } else { cents.min(plan[i].2) };
        plan[i].2 -= take;
        parts.push((Some(plan[i].0), take));
        cents -= take;
    }
    if cents > 0 {
        plan[last].2 -= cents;
        parts.push((Some(plan[last].0), cents));
    }
    parts
}

fn needed_name(field: &str) -> &'static str {
    match field {
        "account" => "account",
        "title" => "title",
        "amount" => "amount",
        "contract" => "contract",
        "due_on" => "due_on",
        _ => "received_on",
    }
}
