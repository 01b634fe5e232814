//! Output forms: pure functions from data to text (or, for a form, to a workbook's bytes).

pub(crate) mod code_quality;
pub(crate) mod csv;
pub(crate) mod docx;
pub(crate) mod escape;
pub(crate) mod form;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod png;
pub(crate) mod sarif;
pub(crate) mod site;
pub(crate) mod svg;
pub(crate) mod table;
pub(crate) mod xlsx;

pub(crate) use escape::visible_controls;

/// The fonts of the report and its charts, first those that cover Vietnamese in full
/// (SPEC section 8): Liberation Serif 1.x lacks letters such as ệ and shares its family
/// name with 2.x, so it is not named; Tinos is the same design with every Vietnamese
/// letter.
pub(crate) const FONTS: &str = r#""Times New Roman", Tinos, "Noto Serif", "DejaVu Serif", serif"#;
