//! What ktplan says outside diagnostics and reports: why it will not write a file, why it
//! cannot run, what it wrote. Each [`Notice`] carries its facts; [`vi`] and [`en`] say it,
//! each one exhaustive `match`, so a notice cannot exist in one language only. A notice
//! is said in the run's language ([`super::spoken`]), so that an error built deep down
//! (a file that cannot be written) reads in the language of the rest of the run.

use std::fmt;
use std::path::PathBuf;

use super::Lang;

/// One thing ktplan says to the person running it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A file or folder cannot be read.
    CannotRead { path: PathBuf },
    /// A file or folder cannot be created.
    CannotCreate { path: PathBuf },
    /// The current folder cannot be read.
    CannotReadCurrentFolder,
    /// `--root DIR` holds no plan.
    NoPlanAt { dir: PathBuf },
    /// No plan here or in any folder above.
    NoPlanAbove { dir: PathBuf },
    /// A document that is not text, asked for on standard output.
    NotText { document: Document },
    /// A no-clobber write found a file there.
    Exists { path: PathBuf },
    /// The file to write is one this run reads.
    ReadByRun { path: PathBuf },
    /// The file to write is a folder.
    IsFolder { path: PathBuf },
    /// The file to write is not a regular file.
    NotRegular { path: PathBuf },
    /// The system refused a write.
    CannotWrite { path: PathBuf },
    /// `import`: the file has errors.
    ImportErrors { file: String, errors: usize },
    /// `import`: the file has shifted rows (W107) or is an empty form (W109).
    ImportNeedsAccept {
        file: String,
        shifted: bool,
        empty: bool,
    },
    /// `import`: the target is there, and `--force` was not given.
    ImportTargetExists { target: String },
    /// `import`: the target is a link, a folder or a device.
    ImportTargetNotRegular { target: String },
    /// `import`: what was written.
    Imported {
        file: String,
        target: String,
        tasks: usize,
        indicators: usize,
        warnings: usize,
    },
    /// `import`: a workbook of the same unit and year is still beside the CSV.
    WorkbookStillThere { workbook: String, target: String },
    /// `site -o DIR`: DIR is not a folder.
    SiteNotAFolder { dir: PathBuf },
    /// `site -o DIR`: DIR holds files ktplan did not write.
    SiteFolderNotOurs { dir: PathBuf },
    /// `init DIR`: DIR is a file.
    InitNotAFolder { dir: PathBuf },
    /// `init DIR`: DIR holds files.
    InitNotEmpty { dir: PathBuf },
    /// `template`: a workbook form named other than `.xlsx`.
    FormNotXlsx { extension: String },
    /// `template`: `--format` and the file's name disagree.
    FormFormatAndName {
        asked: &'static str,
        named: &'static str,
    },
    /// `template`: a workbook form asked for on standard output.
    FormNeedsFile,
    /// `template`: the unit owes nothing that year.
    NoForm { unit: String, year: i32 },
    /// `schema`: neither a file nor a folder named.
    SchemaWhat,
    /// `init`: what was made, and what to do next.
    InitDone {
        dir: PathBuf,
        placeholder: Option<(&'static str, &'static str)>,
    },
    /// `init --source`: not `URL@VERSION`.
    SourceShape { text: String },
    /// `--encoding`: a name ktplan does not know.
    UnknownEncoding { name: String, accepted: String },
}

/// A document that is not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// A Word document (`report --format docx`).
    Word,
    /// A workbook (`status` or `merge --format xlsx`).
    Workbook,
}

impl Notice {
    /// The words in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi(self),
            Lang::En => en(self),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(super::spoken()))
    }
}

impl std::error::Error for Notice {}

fn vi(n: &Notice) -> String {
    use Notice::*;
    match n {
        CannotRead { path } => format!("không đọc được {}", path.display()),
        CannotCreate { path } => format!("không tạo được {}", path.display()),
        CannotReadCurrentFolder => "không đọc được thư mục hiện tại".into(),
        NoPlanAt { dir } => format!("{} không có plan/plan.toml", dir.display()),
        NoPlanAbove { dir } => format!(
            "không có plan/plan.toml trong {} hay thư mục nào phía trên; hãy chạy trong kho dữ liệu hoặc chỉ ra --root THƯ_MỤC",
            dir.display()
        ),
        NotText {
            document: Document::Word,
        } => "tài liệu Word không phải là văn bản thuần: hãy chỉ ra tệp để ghi bằng -o TỆP.docx"
            .into(),
        NotText {
            document: Document::Workbook,
        } => "sổ tính không phải là văn bản thuần: hãy chỉ ra tệp để ghi bằng -o TỆP.xlsx".into(),
        Exists { path } => format!("{} đã có", path.display()),
        ReadByRun { path } => format!(
            "không ghi {}: lần chạy này đang đọc tệp đó, ghi vào sẽ làm mất nó; hãy chọn tệp khác",
            path.display()
        ),
        IsFolder { path } => format!(
            "không ghi được {}: đó là một thư mục; hãy chỉ ra đường dẫn của một tệp",
            path.display()
        ),
        NotRegular { path } => format!(
            "không ghi được {}: đó không phải là tệp thông thường",
            path.display()
        ),
        CannotWrite { path } => format!("không ghi được {}", path.display()),
        ImportErrors { file, errors } => format!(
            "{file} có {errors} lỗi: chưa ghi gì. Hãy sửa tệp rồi nhập lại."
        ),
        ImportNeedsAccept {
            file,
            shifted,
            empty,
        } => {
            let mut what = Vec::new();
            let mut codes = Vec::new();
            if *shifted {
                what.push("W107 (các dòng bị lệch hoặc bị sắp xếp lại)");
                codes.push("W107");
            }
            if *empty {
                what.push("W109 (biểu mẫu chưa điền)");
                codes.push("W109");
            }
            format!(
                "{file} có {}: chưa ghi gì. Hãy sửa tệp; nếu tệp đúng như vậy, hãy nhập với --accept {}",
                what.join(" và "),
                codes.join(",")
            )
        }
        ImportTargetExists { target } => {
            format!("{target} đã có: chưa ghi gì (--force để thay tệp đó)")
        }
        ImportTargetNotRegular { target } => format!(
            "{target} không phải là tệp thông thường (liên kết, thư mục hoặc thiết bị): chưa ghi gì"
        ),
        Imported {
            file,
            target,
            tasks,
            indicators,
            warnings,
        } => format!(
            "đã nhập {file} vào {target}: {} dòng ({tasks} nhiệm vụ, {indicators} chỉ tiêu), {warnings} cảnh báo",
            tasks + indicators
        ),
        WorkbookStillThere { workbook, target } => format!(
            "lưu ý: {workbook} vẫn còn; mỗi đơn vị gửi một báo cáo mỗi năm, nên `ktplan check` đọc {target} chứ không đọc sổ tính: hãy xóa sổ tính"
        ),
        SiteNotAFolder { dir } => format!(
            "{} không phải là thư mục; `ktplan site -o THƯ_MỤC` ghi vào thư mục mới, hoặc thay thư mục mà nó đã ghi trước đó",
            dir.display()
        ),
        SiteFolderNotOurs { dir } => format!(
            "{} không trống và không chứa trang nào do ktplan ghi (không có {}); hãy chọn thư mục trống hoặc thư mục mới",
            dir.display(),
            crate::site::MARKER
        ),
        InitNotAFolder { dir } => format!("{} đã có và không phải là thư mục", dir.display()),
        InitNotEmpty { dir } => format!(
            "{} không trống: `ktplan init` tạo kho mới trong thư mục mới hoặc trống, không sửa tệp nào đã có",
            dir.display()
        ),
        FormNotXlsx { extension } => format!(
            "ktplan ghi biểu mẫu sổ tính dạng .xlsx, không phải .{extension}: hãy đặt tên tệp .xlsx"
        ),
        FormFormatAndName { asked, named } => format!(
            "--format {asked} sẽ ghi biểu mẫu {asked} vào tệp tên .{named}: hãy đặt tên tệp .{asked}"
        ),
        FormNeedsFile => "biểu mẫu sổ tính phải ghi ra tệp: hãy thêm -o TỆP.xlsx".into(),
        NoForm { unit, year } => format!(
            "{unit} không có nhiệm vụ hay chỉ tiêu nào năm {year}: không có biểu mẫu để điền"
        ),
        SchemaWhat => "hãy chỉ ra một tệp kế hoạch (plan, units, tasks hoặc indicators), hoặc -o THƯ_MỤC để ghi lược đồ của cả bốn".into(),
        InitDone { dir, placeholder } => {
            let mut text = format!(
                "đã tạo kho dữ liệu trong {}: hãy thay kế hoạch mẫu trong plan/*.toml bằng kế hoạch của mình (`ktplan check` giúp giữ cho đúng), rồi `git init` và commit",
                dir.display()
            );
            if let Some((url, tag)) = placeholder {
                text.push_str(&format!(
                    "\nlưu ý: các tệp CI và pre-commit cài ktplan từ một địa chỉ giữ chỗ ({url}, {tag}): hãy thay bằng kho và thẻ phiên bản của ktplan, hoặc chạy lại init với --source URL@THẺ"
                ));
            }
            text
        }
        SourceShape { text } => format!(
            "--source cần dạng URL@PHIÊN_BẢN: một địa chỉ git và một thẻ gồm chữ, số và -._+/ (ví dụ https://example.org/ktplan.git@v0.1.0); đã nhận \"{text}\""
        ),
        UnknownEncoding { name, accepted } => {
            format!("không biết bảng mã \"{name}\": các tên được nhận là {accepted}")
        }
    }
}

fn en(n: &Notice) -> String {
    use Notice::*;
    let plural = crate::diag::plural;
    match n {
        CannotRead { path } => format!("cannot read {}", path.display()),
        CannotCreate { path } => format!("cannot create {}", path.display()),
        CannotReadCurrentFolder => "cannot read the current directory".into(),
        NoPlanAt { dir } => format!("{} holds no plan/plan.toml", dir.display()),
        NoPlanAbove { dir } => format!(
            "no plan/plan.toml in {} or any folder above it; run inside a data repository or give --root DIR",
            dir.display()
        ),
        NotText {
            document: Document::Word,
        } => "a Word document is not text: give the file to write with -o FILE.docx".into(),
        NotText {
            document: Document::Workbook,
        } => "a workbook is not text: give the file to write with -o FILE.xlsx".into(),
        Exists { path } => format!("{} already exists", path.display()),
        ReadByRun { path } => format!(
            "refusing to write {}: this run reads it, and writing it would destroy it; choose another file",
            path.display()
        ),
        IsFolder { path } => format!(
            "cannot write {}: it is a folder; give the path of a file",
            path.display()
        ),
        NotRegular { path } => format!("cannot write {}: it is not a regular file", path.display()),
        CannotWrite { path } => format!("cannot write {}", path.display()),
        ImportErrors { file, errors } => format!(
            "{file} has {}: nothing was written. Fix {} and import again.",
            plural(*errors, "error", "errors"),
            if *errors == 1 { "it" } else { "them" }
        ),
        ImportNeedsAccept {
            file,
            shifted,
            empty,
        } => {
            let mut what = Vec::new();
            let mut codes = Vec::new();
            if *shifted {
                what.push("W107 (rows shifted or re-sorted)");
                codes.push("W107");
            }
            if *empty {
                what.push("W109 (a form nobody filled)");
                codes.push("W109");
            }
            format!(
                "{file} has {}: nothing was written. Fix the file; if it is right as it is, import it with --accept {}",
                what.join(" and "),
                codes.join(",")
            )
        }
        ImportTargetExists { target } => {
            format!("{target} already exists: nothing was written (--force replaces it)")
        }
        ImportTargetNotRegular { target } => format!(
            "{target} is not a regular file (a link, a folder or a device): nothing was written"
        ),
        Imported {
            file,
            target,
            tasks,
            indicators,
            warnings,
        } => format!(
            "imported {file} into {target}: {} ({}, {}), {}",
            plural(tasks + indicators, "row", "rows"),
            plural(*tasks, "task", "tasks"),
            plural(*indicators, "indicator", "indicators"),
            plural(*warnings, "warning", "warnings"),
        ),
        WorkbookStillThere { workbook, target } => format!(
            "note: {workbook} is still there; a unit sends one report a year, so `ktplan check` reads {target} and not the workbook: delete the workbook"
        ),
        SiteNotAFolder { dir } => format!(
            "{} is not a folder; `ktplan site -o DIR` writes a new folder, or replaces one it wrote before",
            dir.display()
        ),
        SiteFolderNotOurs { dir } => format!(
            "{} is not empty and holds no site written by ktplan (no {} in it); choose an empty or new folder",
            dir.display(),
            crate::site::MARKER
        ),
        InitNotAFolder { dir } => format!("{} exists and is not a folder", dir.display()),
        InitNotEmpty { dir } => format!(
            "{} is not empty: `ktplan init` makes a new repository in a new or empty folder, and changes no file that is there",
            dir.display()
        ),
        FormNotXlsx { extension } => format!(
            "ktplan writes a workbook form as .xlsx, not .{extension}: name the file .xlsx"
        ),
        FormFormatAndName { asked, named } => format!(
            "--format {asked} would write a {asked} form into a file named .{named}: name the file .{asked}"
        ),
        FormNeedsFile => "a workbook form must go to a file: add -o FILE.xlsx".into(),
        NoForm { unit, year } => {
            format!("{unit} has no task or indicator in {year}: there is no form to fill")
        }
        SchemaWhat => "name a plan file (plan, units, tasks or indicators), or give -o DIR to write the schemas of all four".into(),
        InitDone { dir, placeholder } => {
            let mut text = format!(
                "made a data repository in {}: replace the example plan in plan/*.toml with yours (`ktplan check` keeps it right), then `git init` and commit",
                dir.display()
            );
            if let Some((url, tag)) = placeholder {
                text.push_str(&format!(
                    "\nnote: the CI and pre-commit files install ktplan from a placeholder ({url}, {tag}): replace it with ktplan's repository and tag, or run init again with --source URL@TAG"
                ));
            }
            text
        }
        SourceShape { text } => format!(
            "--source takes URL@VERSION: a git URL and a tag of letters, digits and -._+/ (e.g. https://example.org/ktplan.git@v0.1.0); got \"{text}\""
        ),
        UnknownEncoding { name, accepted } => {
            format!("unknown encoding \"{name}\": accepted names are {accepted}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each() -> Vec<Notice> {
        use Notice::*;
        let path = || PathBuf::from("reports/2024/STC.csv");
        let s = |t: &str| t.to_string();
        vec![
            CannotRead { path: path() },
            CannotCreate { path: path() },
            CannotReadCurrentFolder,
            NoPlanAt { dir: path() },
            NoPlanAbove { dir: path() },
            NotText {
                document: Document::Word,
            },
            NotText {
                document: Document::Workbook,
            },
            Exists { path: path() },
            ReadByRun { path: path() },
            IsFolder { path: path() },
            NotRegular { path: path() },
            CannotWrite { path: path() },
            ImportErrors {
                file: s("a.csv"),
                errors: 2,
            },
            ImportNeedsAccept {
                file: s("a.csv"),
                shifted: true,
                empty: true,
            },
            ImportTargetExists { target: s("b.csv") },
            ImportTargetNotRegular { target: s("b.csv") },
            Imported {
                file: s("a.csv"),
                target: s("b.csv"),
                tasks: 3,
                indicators: 1,
                warnings: 0,
            },
            WorkbookStillThere {
                workbook: s("a.xlsx"),
                target: s("a.csv"),
            },
            SiteNotAFolder { dir: path() },
            SiteFolderNotOurs { dir: path() },
            InitNotAFolder { dir: path() },
            InitNotEmpty { dir: path() },
            FormNotXlsx {
                extension: s("xls"),
            },
            FormFormatAndName {
                asked: "csv",
                named: "xlsx",
            },
            FormNeedsFile,
            NoForm {
                unit: s("STC"),
                year: 2024,
            },
            SchemaWhat,
            InitDone {
                dir: path(),
                placeholder: Some(("https://x.invalid/k.git", "v0")),
            },
            SourceShape { text: s("x") },
            UnknownEncoding {
                name: s("latin9"),
                accepted: s("windows-1258"),
            },
        ]
    }

    /// Both languages say every notice, and say it differently; the Vietnamese has no
    /// English sentence in it.
    #[test]
    fn both_languages_say_every_notice() {
        for n in one_of_each() {
            let (vi, en) = (n.say(Lang::Vi), n.say(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty(), "{n:?}");
            assert_ne!(vi, en, "{n:?}");
            for word in [" the ", " is ", " not ", "cannot", " file ", "nothing"] {
                assert!(!vi.contains(word), "{word:?} in {vi}");
            }
        }
    }
}
