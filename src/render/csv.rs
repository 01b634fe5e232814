//! CSV for people: UTF-8 with a byte-order mark (so Excel shows the diacritics),
//! `,`-delimited, CRLF line ends.

use anyhow::Result;

/// Writes a header and rows as CSV; `bom` adds the UTF-8 byte-order mark.
pub(crate) fn render<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], bom: bool) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(AsRef::as_ref))?;
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = if bom {
        String::from("\u{feff}")
    } else {
        String::new()
    };
    out.push_str(&String::from_utf8(bytes)?);
    Ok(out)
}

/// The cell as written for a spreadsheet: text it would run as a formula (see
/// [`crate::layout::looks_like_formula`]) gets a leading `'`, which shows the text as it is.
pub(crate) fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if crate::layout::looks_like_formula(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
