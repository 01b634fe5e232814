//! The report's layout, which its readers ([`crate::load::report`], the checks) and its
//! writers (the form, the canonical file, CSV for spreadsheets) both follow: the columns
//! with their names, and the text a spreadsheet would run as a formula.

/// A known report column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `task` or `indicator`.
    Kind,
    /// Task or indicator id.
    Id,
    /// The row's title, filled by the template.
    Title,
    /// A task's status.
    Status,
    /// An indicator's value.
    Value,
    /// What was done.
    Result,
    /// Problems met.
    Difficulties,
    /// What the unit asks for.
    Proposals,
    /// Anything else.
    Note,
}

impl Field {
    /// Every field, in canonical column order.
    pub const ALL: [Field; 9] = [
        Field::Kind,
        Field::Id,
        Field::Title,
        Field::Status,
        Field::Value,
        Field::Result,
        Field::Difficulties,
        Field::Proposals,
        Field::Note,
    ];

    /// The canonical English header.
    pub fn english(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Id => "id",
            Field::Title => "title",
            Field::Status => "status",
            Field::Value => "value",
            Field::Result => "result",
            Field::Difficulties => "difficulties",
            Field::Proposals => "proposals",
            Field::Note => "note",
        }
    }

    /// The Vietnamese header.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Field::Kind => "Loại",
            Field::Id => "Mã",
            Field::Title => "Nội dung",
            Field::Status => "Trạng thái",
            Field::Value => "Giá trị",
            Field::Result => "Kết quả",
            Field::Difficulties => "Khó khăn, vướng mắc",
            Field::Proposals => "Kiến nghị, đề xuất",
            Field::Note => "Ghi chú",
        }
    }

    /// Folded names that mean this column (as `load::text::fold` folds them).
    pub(crate) fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Kind => &["kind", "loai"],
            Field::Id => &["id", "ma", "maso"],
            Field::Title => &["title", "noidung", "ten"],
            Field::Status => &["status", "trangthai", "tinhtrang"],
            Field::Value => &["value", "giatri", "solieu"],
            Field::Result => &["result", "ketqua", "ketquathuchien"],
            Field::Difficulties => &["difficulties", "khokhanvuongmac", "khokhan", "vuongmac"],
            Field::Proposals => &["proposals", "kiennghidexuat", "kiennghi", "dexuat"],
            Field::Note => &["note", "ghichu"],
        }
    }
}

/// True when `s` looks like text a spreadsheet would run as a formula: after trimming, it
/// starts with `=` or `@`, or with `+` or `-` followed by something other than a space or
/// the end (bullets like "- item" and a lone "-" are fine).
pub(crate) fn looks_like_formula(s: &str) -> bool {
    let mut chars = s.trim().chars();
    match chars.next() {
        Some('=' | '@') => true,
        Some('+' | '-') => chars.next().is_some_and(|c| !c.is_whitespace()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_examples() {
        for s in [
            "=SUM(A1:A3)",
            "@foo",
            "+84 123",
            "-5",
            "  =1+1",
            "--x",
            "-item",
        ] {
            assert!(looks_like_formula(s), "{s}");
        }
        for s in [
            "- item",
            "+ item",
            "-",
            "+",
            "",
            "  ",
            "Đã xong",
            "a=b",
            "5-3",
        ] {
            assert!(!looks_like_formula(s), "{s}");
        }
    }
}
