//! `kam rep [--name NAME]`: whose file this is (a later team sync and the
//! reports name the rep). Without `--name` it says who.

use anyhow::{Result, bail};
use clap::Args;

use crate::domain::account::{NAME_MAX, text};
use crate::i18n::{Lang, Msg};
use crate::labels::field_error;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct RepArgs {
    /// Name (or rename) the rep this file belongs to.
    #[arg(long)]
    pub name: Option<String>,
}

pub fn run(store: &mut Store, args: &RepArgs, lang: Lang) -> Result<()> {
    if let Some(name) = &args.name {
        let name = match text(name, true, NAME_MAX) {
            Ok(name) => name,
            Err(e) => bail!("--name: {}", field_error(lang, &e)),
        };
        crate::ops::set_rep_name(store, &name)?;
    }
    let rep = store.rep()?.unwrap_or(crate::store::Rep { uuid: String::new(), name: String::new() });
    let name = if rep.name.is_empty() { lang.t(Msg::RepUnnamed).to_string() } else { rep.name };
    say!("{name}  {}", rep.uuid)?;
    Ok(())
}
