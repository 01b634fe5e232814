//! Aligned text tables that stay aligned with Vietnamese text (all text is NFC, so
//! each letter with its marks is one column wide).

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

/// How a cell is coloured on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    /// As it should be (done, on time, achieved).
    Good,
    /// Worth a look (in progress, at risk).
    Warn,
    /// Needs action (missing, overdue, off track, errors).
    Bad,
    /// Nothing to say (no data, not expected).
    Quiet,
}

/// A cell's text and how to colour it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Toned {
    /// The text.
    pub text: String,
    /// The colour, if any.
    pub tone: Option<Tone>,
}

impl Toned {
    /// A cell without colour.
    pub(crate) fn plain(text: impl Into<String>) -> Self {
        Toned {
            text: text.into(),
            tone: None,
        }
    }

    /// A coloured cell.
    pub(crate) fn new(text: impl Into<String>, tone: Tone) -> Self {
        Toned {
            text: text.into(),
            tone: Some(tone),
        }
    }
}

/// Renders rows under a header as a table no wider than `width` columns (`None`: as
/// wide as the cells need).
pub(crate) fn render(header: &[&str], rows: &[Vec<String>], width: Option<u16>) -> String {
    let rows: Vec<Vec<Toned>> = rows
        .iter()
        .map(|row| row.iter().map(Toned::plain).collect())
        .collect();
    render_toned(header, &rows, width, false)
}

/// Renders rows of coloured cells; the colours are left out unless `color` is set.
pub(crate) fn render_toned(
    header: &[&str],
    rows: &[Vec<Toned>],
    width: Option<u16>,
    color: bool,
) -> String {
    render_toned_whole(header, rows, width, color, &[], None)
}

/// Like [`render_toned`], and the columns `whole` (keywords such as `insufficient_data`)
/// are never broken across lines either; the column `roomy` (a sentence) keeps at least
/// no more than half of the width, so that the short columns beside it are not squeezed.
/// No column is made narrower than its longest word: a name (`Sở Khoa học và Công nghệ`)
/// wraps between words, never inside one.
pub(crate) fn render_toned_whole(
    header: &[&str],
    rows: &[Vec<Toned>],
    width: Option<u16>,
    color: bool,
    whole: &[usize],
    roomy: Option<usize>,
) -> String {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_header(header.iter().copied());
    match width {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for row in rows {
        table.add_row(row.iter().map(|cell| {
            let plain = Cell::new(super::visible_controls(&cell.text));
            match cell.tone {
                None => plain,
                Some(Tone::Good) => plain.fg(Color::Green),
                Some(Tone::Warn) => plain.fg(Color::Yellow),
                Some(Tone::Bad) => plain.fg(Color::Red),
                Some(Tone::Quiet) => plain.fg(Color::DarkGrey),
            }
        }));
    }
    for (i, name) in header.iter().enumerate() {
        let longest_word = std::iter::once(*name)
            .chain(
                rows.iter()
                    .filter_map(|row| row.get(i))
                    .map(|c| c.text.as_str()),
            )
            .flat_map(str::split_whitespace)
            .map(|word| word.chars().count())
            .max()
            .unwrap_or(0);
        if let Some(column) = table.column_mut(i) {
            let at_least = u16::try_from(longest_word).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(at_least)));
        }
    }
    // Ids and codes are never broken across lines.
    for i in std::iter::once(0).chain(whole.iter().copied()) {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if let Some(column) = roomy.and_then(|i| table.column_mut(i)) {
        column.set_constraint(ColumnConstraint::UpperBoundary(Width::Percentage(50)));
    }
    let mut out = table.trim_fmt();
    out.push('\n');
    out
}

/// The width tables are fitted to: `COLUMNS` when it is set, else the terminal's on
/// standard output; `None` when piped without `COLUMNS` (rows are then not wrapped, so a
/// script or a file gets every row on one line).
pub(crate) fn terminal_width() -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
    {
        return Some(columns);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return None;
    }
    let mut probe = Table::new();
    probe.set_content_arrangement(ContentArrangement::Dynamic);
    probe.width()
}
