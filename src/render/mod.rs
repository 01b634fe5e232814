//! Output forms: pure functions from data to text (or, for a form, to a workbook's bytes).

pub mod code_quality;
pub mod csv;
pub mod form;
pub mod html;
pub mod markdown;
pub mod sarif;
pub mod svg;
pub mod table;
