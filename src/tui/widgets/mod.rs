//! Widgets shared by the tabs: text fields, popups, the help overlay and
//! the forms.

pub mod activity_form;
pub mod daily_form;
pub mod form;
pub mod help;
pub mod popup;
pub mod record_form;
pub mod text_field;
