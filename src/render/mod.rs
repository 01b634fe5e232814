//! Output forms: pure functions from data to text (or, for a form, to a workbook's bytes).

pub mod code_quality;
pub mod csv;
pub mod docx;
pub mod escape;
pub mod form;
pub mod html;
pub mod markdown;
pub mod png;
pub mod sarif;
pub mod site;
pub mod svg;
pub mod table;
pub mod xlsx;

pub use escape::visible_controls;

/// The fonts of the report and its charts, first those that cover Vietnamese in full
/// (SPEC section 8): Liberation Serif 1.x lacks letters such as ệ and shares its family
/// name with 2.x, so it is not named; Tinos is the same design with every Vietnamese
/// letter.
pub const FONTS: &str = r#""Times New Roman", Tinos, "Noto Serif", "DejaVu Serif", serif"#;
