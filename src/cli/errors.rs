//! Store errors in the user's language, for stderr.

use crate::i18n::Lang;
use crate::store::StoreError;

pub fn store_error(lang: Lang, error: &StoreError) -> String {
    crate::labels::store_error(lang, error)
}

/// Input the command refuses as it stands (an ambiguous name, an empty
/// field): exit status 2, as for a usage error, and nothing written.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}
