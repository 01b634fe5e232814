//! Output forms: pure functions from data to text.

pub mod csv;
pub mod table;
