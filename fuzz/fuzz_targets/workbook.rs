//! Bytes of a workbook -> the report sheet and its diagnostics, through the workbook
//! reader the binary uses (`load::workbook::read`, which measures the file with
//! `load::limits` first). The format is the one the bytes' start suggests, as `check`
//! would find it under a workbook's name. Run with `-rss_limit_mb=256`: whatever the
//! bytes, reading them must stay under the ceiling SPEC section 4 sets.

#![no_main]

use ktplan::load::workbook::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let format = if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Format::Xls
    } else if data.get(30..38) == Some(b"mimetype".as_slice()) {
        Format::Ods
    } else {
        Format::Xlsx
    };
    let (sheet, diagnostics) = read(data, format, "reports/2024/STC.xlsx");
    if let Some(sheet) = &sheet {
        assert_eq!(sheet.names.len(), sheet.columns.len());
        for record in &sheet.records {
            assert!(record.cells.len() <= sheet.names.len());
        }
    }
    if sheet.is_none() {
        assert!(diagnostics.iter().any(|d| d.is_error()));
    }
});
