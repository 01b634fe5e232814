//! Escaping text from reports and plan files for what ktplan writes: control characters
//! for a terminal and for every document, and the markup of HTML and Markdown. Renderers
//! call these; none escapes text its own way.

use std::borrow::Cow;

/// The text with every control character (C0 and C1, except tab and line ends) written
/// as its escape (`\u{1b}`): a cell holding ESC or BEL can neither retitle nor clear a
/// terminal, and no document ktplan writes carries one raw (XML cannot).
pub(crate) fn visible_controls(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for HTML content and attribute values: control characters escaped as
/// [`visible_controls`] does, then `&`, `<`, `>` and quotes as entities.
pub(crate) fn html(text: &str) -> String {
    let text = visible_controls(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown paragraph or table cell: control characters escaped as
/// [`visible_controls`] does, every character Markdown could read as markup given a
/// backslash, a line that could start a block made plain, and line breaks made `<br>`
/// so that the text stays in its paragraph or cell.
pub(crate) fn markdown(text: &str) -> String {
    let text = visible_controls(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        let line = line.trim();
        // A block marker at the start of a line: `#`, `>`, `-`, `+`, `=`, `1.`, `1)`.
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let rest = &line[digits..];
        if digits > 0 && (rest.starts_with('.') || rest.starts_with(')')) {
            out.push_str(&line[..digits]);
            out.push('\\');
            push_inline(&mut out, rest);
        } else if line.starts_with(['#', '>', '-', '+', '=']) {
            out.push('\\');
            push_inline(&mut out, line);
        } else {
            push_inline(&mut out, line);
        }
    }
    out
}

/// Pushes text with every character that is markup inside a line backslashed
/// (`$` too: git hosts render `$...$` as mathematics).
fn push_inline(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_as_escapes() {
        assert_eq!(visible_controls("a\u{1b}[31mb\tc\n"), "a\\u{1b}[31mb\tc\n");
        assert_eq!(visible_controls("\u{85}"), "\\u{85}");
    }

    #[test]
    fn no_form_carries_a_control_character() {
        let cell = "Chuông\u{7} <b>và</b> \u{1b}]0;tiêu đề\u{7}";
        assert_eq!(
            html(cell),
            "Chuông\\u{7} &lt;b&gt;và&lt;/b&gt; \\u{1b}]0;tiêu đề\\u{7}"
        );
        assert_eq!(
            markdown(cell),
            "Chuông\\\\u{7} \\<b\\>và\\</b\\> \\\\u{1b}\\]0;tiêu đề\\\\u{7}"
        );
    }
}
