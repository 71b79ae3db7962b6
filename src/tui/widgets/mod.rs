//! Drawing pieces shared by tabs and popups: text fields, the framed form,
//! the record form engine, centered popups.

pub mod form;
pub mod popup;
pub mod record_form;
pub mod sections;
pub mod text_field;
