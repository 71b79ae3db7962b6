//! `kam demo [--scale S|M|L] [--seed N] [--force]`.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::demo::Scale;
use crate::i18n::{Lang, Msg};
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScaleArg {
    S,
    M,
    L,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// S: one rep's book (60 accounts); M: a team (5,000); L: a department over ten years (100,000).
    #[arg(long, value_enum, default_value = "s", ignore_case = true)]
    pub scale: ScaleArg,
    /// The same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Add demo data even if the database already holds data.
    #[arg(long)]
    pub force: bool,
}

pub fn run(mut store: Store, args: &DemoArgs, lang: Lang, today: NaiveDate) -> Result<()> {
    if !args.force && !store.is_empty()? {
        bail!(lang.t(Msg::CliDemoNotEmpty).replace("{path}", &store.path().display().to_string()));
    }
    let scale = match args.scale {
        ScaleArg::S => Scale::S,
        ScaleArg::M => Scale::M,
        ScaleArg::L => Scale::L,
    };
    let counts = crate::ops::load_demo(&mut store, scale, args.seed, today)?;
    say!(
        "{}",
        lang.t(Msg::CliDemoDone)
            .replace("{path}", &store.path().display().to_string())
            .replace("{accounts}", &counts.accounts.to_string())
            .replace("{contacts}", &counts.contacts.to_string())
            .replace("{opportunities}", &counts.opportunities.to_string())
            .replace("{activities}", &counts.activities.to_string())
    )?;
    Ok(())
}
