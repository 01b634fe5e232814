//! Output forms: pure functions from data to text.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod svg;
pub mod table;
