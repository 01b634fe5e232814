//! The floor `ktplan check` is measured against: read every `.csv` file under a folder
//! and split it into records with the csv crate, on one thread, doing nothing else.
//!
//! ```text
//! cargo run --release --example csv_floor -- REPORTS_DIR
//! ```
//!
//! Prints the number of files, records and fields, so the work cannot be optimised away.

use std::path::{Path, PathBuf};

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: csv_floor REPORTS_DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    if let Err(e) = walk(&dir, &mut files) {
        eprintln!("csv_floor: cannot read {}: {e}", dir.display());
        std::process::exit(1);
    }
    files.sort();
    let (mut records, mut fields) = (0u64, 0u64);
    let mut record = csv::ByteRecord::new();
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("csv_floor: cannot read {}: {e}", path.display());
                std::process::exit(1);
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes.as_slice());
        while let Ok(true) = reader.read_byte_record(&mut record) {
            records += 1;
            fields += record.len() as u64;
        }
    }
    println!("{} files, {records} records, {fields} fields", files.len());
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "csv") {
            out.push(path);
        }
    }
    Ok(())
}
