//! Store errors in the user's language, for stderr.

use crate::i18n::Lang;
use crate::store::StoreError;

pub fn store_error(lang: Lang, error: &StoreError) -> String {
    crate::labels::store_error(lang, error)
}
