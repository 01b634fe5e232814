//! Output forms: pure functions from data to text (or, for a form, to a workbook's bytes).

pub mod csv;
pub mod form;
pub mod html;
pub mod markdown;
pub mod site;
pub mod svg;
pub mod table;
