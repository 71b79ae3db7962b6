//! Store and file errors in the user's language, for stderr.

use crate::i18n::{FileMsg, Lang};
use crate::io::import::ImportError;
use crate::io::mapping::MapError;
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

/// Why a file could not be imported at all, in the user's language.
pub fn import_error(lang: Lang, error: &ImportError) -> String {
    let t = |msg| lang.file(msg);
    match error {
        ImportError::Io { path, source } => format!("{}: {source}", path.display()),
        ImportError::Encoding => t(FileMsg::Encoding).to_string(),
        ImportError::Csv { row, message } => {
            t(FileMsg::BadRecord).replace("{row}", &row.to_string()).replace("{error}", message)
        }
        ImportError::MissingColumn(field) => t(FileMsg::MissingColumn).replace("{field}", field),
        ImportError::StageMap(spec) => t(FileMsg::StageMap).replace("{spec}", spec),
        ImportError::ChannelMap(spec) => t(FileMsg::ChannelMap).replace("{spec}", spec),
        ImportError::Map(MapError::UnknownField(field)) => t(FileMsg::MapUnknownField).replace("{field}", field),
        ImportError::Map(MapError::BadSpec(spec)) => t(FileMsg::MapBadSpec).replace("{spec}", spec),
        ImportError::Map(MapError::UnknownHeader(header)) => t(FileMsg::MapUnknownHeader).replace("{header}", header),
        ImportError::Empty => t(FileMsg::Empty).to_string(),
        ImportError::NotATable(what) => {
            let what = if what.starts_with("JSON that") { t(FileMsg::JsonNotList) } else { what };
            t(FileMsg::NotATable).replace("{what}", what)
        }
        ImportError::Json(message) => t(FileMsg::Json).replace("{error}", message),
        ImportError::NoSuchSheet(sheet, sheets) => {
            t(FileMsg::NoSuchSheet).replace("{sheet}", sheet).replace("{sheets}", sheets)
        }
        ImportError::Xlsx(message) => t(FileMsg::Xlsx).replace("{error}", message),
        ImportError::DuplicateHeader(column) => t(FileMsg::DuplicateHeader).replace("{column}", column),
        ImportError::Nul { row, column } => {
            t(FileMsg::Nul).replace("{row}", &row.to_string()).replace("{column}", column)
        }
        ImportError::Store(e) => store_error(lang, e),
    }
}
