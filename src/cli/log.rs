//! `kam log --account NAME --channel CHANNEL [--date D] [--purpose T]
//! [--result T] [--next-step T] [--next-date D]`: one activity from a script.

use crate::labels::Vocabulary;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use crate::domain::{Channel, parse_date};
use crate::i18n::{Lang, Msg};
use crate::labels::field_error;
use crate::store::{NewActivity, Store};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The account's exact name (or the best match of a search).
    #[arg(long)]
    pub account: String,
    /// visit, phone, exhibition, technical_exchange, business_event, test_samples, email_im, other
    #[arg(long)]
    pub channel: String,
    /// 2026-11-26, today, yesterday, -1d ...
    #[arg(long, default_value = "today")]
    pub date: String,
    #[arg(long, default_value = "")]
    pub purpose: String,
    #[arg(long, default_value = "")]
    pub result: String,
    #[arg(long, default_value = "")]
    pub next_step: String,
    #[arg(long)]
    pub next_date: Option<String>,
}

pub fn run(store: &mut Store, args: &LogArgs, lang: Lang, today: NaiveDate) -> Result<()> {
    let account = match store.account_named(&args.account)? {
        Some(a) => a.id,
        None => match store.search_accounts(&args.account, 1)?.first() {
            Some(id) => *id,
            None => bail!(lang.t(Msg::ImportNoSuchAccount).replace("{name}", &args.account)),
        },
    };
    let Some(channel) = Channel::parse_any(&args.channel) else {
        bail!("--channel: {}", field_error(lang, &crate::domain::FieldError::UnknownValue));
    };
    let occurred_on =
        parse_date(&args.date, today).map_err(|e| anyhow::anyhow!("--date: {}", field_error(lang, &e)))?;
    let next_on = match &args.next_date {
        Some(d) => Some(parse_date(d, today).map_err(|e| anyhow::anyhow!("--next-date: {}", field_error(lang, &e)))?),
        None => None,
    };
    let activity = NewActivity {
        account_id: account,
        opportunity_id: None,
        contact_id: None,
        occurred_on,
        channel,
        purpose: args.purpose.trim().to_string(),
        result: args.result.trim().to_string(),
        next_step: args.next_step.trim().to_string(),
        next_on,
    };
    store.set_origin("log");
    let id = crate::ops::log_activity(store, &activity)?;
    println!("{id}");
    Ok(())
}
