//! `kam log --account NAME --channel CHANNEL [--date D] [--time HH:MM]
//! --purpose T [--result T] [--contact NAME]... [--next-step T]
//! [--next-date D]`: one activity from a script, with the same rules as the
//! app's form. An account is named exactly, or by a search that finds just
//! one; several matches are refused with the candidates (exit 2), so a
//! script never logs to a guess.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use super::errors::Refused;
use crate::domain::{Channel, FieldError, parse_date, parse_time};
use crate::i18n::{Lang, Msg};
use crate::labels::{Vocabulary, field_error};
use crate::store::{AccountSuggestion, NewActivity, Store};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The account: its exact name, or a search (name, short name, pinyin)
    /// that finds only one.
    #[arg(long)]
    pub account: String,
    /// visit, phone, exhibition, technical_exchange, business_event, test_samples, email_im, other
    #[arg(long)]
    pub channel: String,
    /// 2026-11-26, today, yesterday, -1d ...
    #[arg(long, default_value = "today", allow_hyphen_values = true)]
    pub date: String,
    /// The time of day, HH:MM.
    #[arg(long)]
    pub time: Option<String>,
    /// What it was for (required).
    #[arg(long, default_value = "")]
    pub purpose: String,
    #[arg(long, default_value = "")]
    pub result: String,
    /// A contact met, by name; repeat for several.
    #[arg(long)]
    pub contact: Vec<String>,
    #[arg(long, default_value = "")]
    pub next_step: String,
    #[arg(long, allow_hyphen_values = true)]
    pub next_date: Option<String>,
}

/// How many candidates a refusal lists.
const CANDIDATES: usize = 10;

pub fn run(store: &mut Store, args: &LogArgs, lang: Lang, today: NaiveDate) -> Result<()> {
    let account = find_account(store, &args.account, lang)?;
    let Some(channel) = Channel::parse_any(&args.channel) else {
        bail!(Refused(format!("--channel: {}", field_error(lang, &FieldError::UnknownValue))));
    };
    let occurred_on =
        parse_date(&args.date, today).map_err(|e| Refused(format!("--date: {}", field_error(lang, &e))))?;
    let next_on = match &args.next_date {
        Some(d) => Some(parse_date(d, today).map_err(|e| Refused(format!("--next-date: {}", field_error(lang, &e))))?),
        None => None,
    };
    let occurred_time = match &args.time {
        Some(t) => Some(parse_time(t).map_err(|e| Refused(format!("--time: {}", field_error(lang, &e))))?),
        None => None,
    };
    if args.purpose.trim().is_empty() {
        bail!(Refused(lang.t(Msg::LogPurposeEmpty).to_string()));
    }
    let mut contact_ids = Vec::new();
    for name in &args.contact {
        let found = store.contacts_of(account.id, 500)?.into_iter().find(|c| c.fields.name == name.trim());
        match found {
            Some(c) => contact_ids.push(c.id),
            None => bail!(Refused(
                lang.t(Msg::LogNoSuchContact).replace("{name}", &account.name).replace("{contact}", name)
            )),
        }
    }
    let activity = NewActivity {
        contact_ids,
        occurred_time,
        result: args.result.trim().to_string(),
        next_step: args.next_step.trim().to_string(),
        next_on,
        ..NewActivity::new(account.id, occurred_on, channel, args.purpose.trim())
    };
    store.set_origin("log");
    let id = crate::ops::log_activity(store, &activity)?;
    say!(
        "{}",
        lang.t(Msg::LogDone)
            .replace("{channel}", lang.t(channel_phrase(channel)))
            .replace("{name}", &account.name)
            .replace("{date}", &occurred_on.format("%Y-%m-%d").to_string())
            .replace("{id}", &id.to_string())
    )?;
    Ok(())
}

/// The account `typed` names: exactly, or as the one match of a search.
fn find_account(store: &Store, typed: &str, lang: Lang) -> Result<AccountSuggestion> {
    if let Some(exact) = store.account_named(typed)? {
        return Ok(exact);
    }
    let mut found = store.suggest_accounts(typed, CANDIDATES + 1)?;
    match found.len() {
        0 => bail!(Refused(lang.t(Msg::ImportNoSuchAccount).replace("{name}", typed))),
        1 => Ok(found.remove(0)),
        n => {
            let shown = if n > CANDIDATES { format!("{CANDIDATES}+") } else { n.to_string() };
            let mut text = lang.t(Msg::LogAmbiguousAccount).replace("{name}", typed).replace("{n}", &shown);
            for candidate in found.iter().take(CANDIDATES) {
                text.push_str("\n  ");
                text.push_str(&candidate.name);
            }
            bail!(Refused(text))
        }
    }
}

fn channel_phrase(channel: Channel) -> Msg {
    match channel {
        Channel::Visit => Msg::DidVisit,
        Channel::Phone => Msg::DidPhone,
        Channel::Exhibition => Msg::DidExhibition,
        Channel::TechnicalExchange => Msg::DidTechnicalExchange,
        Channel::BusinessEvent => Msg::DidBusinessEvent,
        Channel::TestSamples => Msg::DidTestSamples,
        Channel::EmailIm => Msg::DidEmailIm,
        Channel::Other => Msg::DidOther,
    }
}
