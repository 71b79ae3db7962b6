//! Store errors in the user's language, for stderr.

use crate::i18n::{Lang, Msg};
use crate::store::StoreError;

pub fn store_error(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::NotSqlite { path } => lang.t(Msg::StoreNotSqlite).replace("{path}", &path.display().to_string()),
        StoreError::NotKam { path, .. } => lang.t(Msg::StoreNotKam).replace("{path}", &path.display().to_string()),
        StoreError::Corrupt { path, detail } => {
            lang.t(Msg::StoreCorrupt).replace("{path}", &path.display().to_string()).replace("{detail}", detail)
        }
        StoreError::NewerSchema { path, found, supported } => lang
            .t(Msg::StoreNewer)
            .replace("{path}", &path.display().to_string())
            .replace("{found}", &found.to_string())
            .replace("{supported}", &supported.to_string()),
        other => format!("{}: {other}", lang.t(Msg::ErrorPrefix)),
    }
}
