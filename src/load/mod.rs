//! Readers: plan files (TOML) and report files (CSV or workbooks), into raw data that keeps
//! where every value came from.

pub mod git;
pub mod limits;
pub mod number;
pub mod plan;
pub mod report;
pub mod schema;
pub mod text;
pub mod workbook;
