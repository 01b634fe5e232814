//! Output forms: pure functions from data to text (or, for a form, to a workbook's bytes).

pub mod code_quality;
pub mod csv;
pub mod docx;
pub mod form;
pub mod html;
pub mod markdown;
pub mod png;
pub mod sarif;
pub mod site;
pub mod svg;
pub mod table;
pub mod xlsx;

/// The text with every control character (C0 and C1, except tab and line ends) written
/// as its escape (`\u{1b}`): no document ktplan writes carries one raw, and XML cannot.
pub fn visible_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_written_as_escapes() {
        assert_eq!(
            super::visible_controls("a\u{1b}[31mb\tc\n"),
            "a\\u{1b}[31mb\tc\n"
        );
        assert_eq!(super::visible_controls("\u{85}"), "\\u{85}");
    }
}
