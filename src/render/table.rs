//! Aligned text tables that stay aligned with Vietnamese text (all text is NFC, so
//! each letter with its marks is one column wide).

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

/// The width tables are fitted to when standard output is not a terminal.
pub const DEFAULT_WIDTH: u16 = 100;

/// Renders rows under a header as a table no wider than `width` columns.
pub fn render(header: &[&str], rows: &[Vec<String>], width: u16) -> String {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().copied());
    for row in rows {
        table.add_row(row.iter().map(String::as_str));
    }
    // Ids and codes are never broken across lines.
    if let Some(first) = table.column_mut(0) {
        first.set_constraint(ColumnConstraint::ContentWidth);
    }
    let mut out = table.trim_fmt();
    out.push('\n');
    out
}

/// The width of the terminal, or [`DEFAULT_WIDTH`] when there is none.
pub fn terminal_width() -> u16 {
    let mut probe = Table::new();
    probe.set_content_arrangement(ContentArrangement::Dynamic);
    probe.width().unwrap_or(DEFAULT_WIDTH)
}
