//! The integration tests of `ktplan`: each runs the real binary on a data repository
//! written into a temporary folder and asserts exactly what its users see.

mod builder;
mod changed;
mod check;
mod consolidate;
mod editors;
mod english;
mod formats;
mod handover;
mod honest;
mod hostile;
mod import;
mod init;
mod language;
mod office;
mod plan;
mod reports;
mod roundtrip;
mod scale;
mod shipped;
mod site;
mod spreadsheet;
mod template;
mod workbook;
mod writing;
