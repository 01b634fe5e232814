//! Readers: plan files (TOML) and report files (CSV or workbooks), into raw data that keeps
//! where every value came from.

pub(crate) mod git;
pub(crate) mod limits;
pub(crate) mod number;
pub mod plan;
pub mod report;
pub(crate) mod schema;
pub(crate) mod split;
pub mod text;
pub mod workbook;
