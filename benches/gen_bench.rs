//! Writes a benchmark data repository: a national-scale plan and every unit's report
//! for every year, all of them valid, so that `ktplan check` on it exits 0.
//!
//! ```text
//! cargo run --release --example gen_bench -- OUT --units 3300 --years 8 [--seed 2629]
//! ```
//!
//! The plan (`OUT/plan/*.toml`, SPEC section 3) has the province-level departments and
//! districts of 63 provinces as units (as many as `--units` asks), one group per kind
//! of unit across the country, 55 tasks in ten sections and five indicators. Every unit
//! leads a few tasks, supports the rest and reports every indicator, so each report
//! (`OUT/reports/<YYYY>/<UNIT>.csv`) has 60 rows: task rows with a status and a few
//! sentences of Vietnamese text (some with commas, quotes and line breaks, so quoted
//! and spread over several lines), and indicator rows with values that stay within
//! W104's bounds from year to year. Files come in the forms clerks save: UTF-8 with
//! and without a byte-order mark, Vietnamese or English headers, `,` or `;` (with `,`
//! decimals and a `sep=;` line), CRLF or LF, an `STT` column, a title line above the
//! header, and rows a supporting unit left as the template wrote them.
//!
//! The output depends only on the arguments: the same seed writes the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Tasks in the plan: with the five indicators, 60 rows in every report (a report
/// names each id once, so the row count is the number of ids a unit owes).
const TASKS: usize = 55;
/// The plan's first year; `--years` counts from it.
const FIRST_YEAR: i32 = 2023;
/// The plan's last year.
const LAST_YEAR: i32 = 2030;

fn main() {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen_bench: {message}");
            eprintln!("usage: gen_bench OUT [--units N] [--years Y] [--seed S]");
            std::process::exit(2);
        }
    };
    if let Err(e) = generate(&args) {
        eprintln!("gen_bench: {e}");
        std::process::exit(1);
    }
}

/// The command line.
struct Args {
    out: PathBuf,
    units: usize,
    years: i32,
    seed: u64,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut out = None;
        let (mut units, mut years, mut seed) = (40, 1, 2629);
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .ok_or_else(|| format!("{name} needs a value"))
                    .and_then(|v| v.parse::<u64>().map_err(|e| format!("{name} {v}: {e}")))
            };
            match arg.as_str() {
                "--units" => units = value("--units")? as usize,
                "--years" => years = value("--years")? as i32,
                "--seed" => seed = value("--seed")?,
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                path => out = Some(PathBuf::from(path)),
            }
        }
        let out = out.ok_or("no output folder given")?;
        if units < 2 {
            return Err("--units must be at least 2".into());
        }
        if !(1..=LAST_YEAR - FIRST_YEAR + 1).contains(&years) {
            return Err(format!(
                "--years must lie in 1..={}",
                LAST_YEAR - FIRST_YEAR + 1
            ));
        }
        Ok(Args {
            out,
            units,
            years,
            seed,
        })
    }
}

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A float in `0..1`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Provinces whose units make up the plan, in the order units are taken.
const PROVINCES: [&str; 63] = [
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Lai Châu",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

/// Departments of a province: code and name.
const DEPARTMENTS: [(&str, &str); 20] = [
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("STC", "Sở Tài chính"),
    ("SNV", "Sở Nội vụ"),
    ("SCT", "Sở Công Thương"),
    ("SXD", "Sở Xây dựng"),
    ("SYT", "Sở Y tế"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("STP", "Sở Tư pháp"),
    ("SNGV", "Sở Ngoại vụ"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo"),
    ("VPUB", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("TTRA", "Thanh tra tỉnh"),
    ("BQLKKT", "Ban Quản lý Khu kinh tế"),
    ("CTK", "Chi cục Thống kê"),
    ("BHXH", "Bảo hiểm xã hội tỉnh"),
    ("DPTTH", "Đài Phát thanh và Truyền hình"),
    ("TDH", "Trường Đại học"),
    ("LHH", "Liên hiệp các Hội Khoa học và Kỹ thuật"),
];

/// Units per province: the departments, then districts.
const PER_PROVINCE: usize = 52;

/// One unit of the generated plan.
struct Unit {
    code: String,
    name: String,
    /// Index of its kind: a department (`< DEPARTMENTS.len()`) or a district.
    kind: usize,
}

fn units(count: usize) -> Vec<Unit> {
    (0..count)
        .map(|i| {
            let (province, slot) = (i / PER_PROVINCE, i % PER_PROVINCE);
            let place = PROVINCES[province % PROVINCES.len()];
            let prefix = format!("T{:02}", province + 1);
            match DEPARTMENTS.get(slot) {
                Some((code, name)) => Unit {
                    code: format!("{prefix}_{code}"),
                    name: format!("{name} tỉnh {place}"),
                    kind: slot,
                },
                None => {
                    let n = slot - DEPARTMENTS.len() + 1;
                    Unit {
                        code: format!("{prefix}_H{n:02}"),
                        name: format!("Ủy ban nhân dân huyện số {n} tỉnh {place}"),
                        kind: DEPARTMENTS.len(),
                    }
                }
            }
        })
        .collect()
}

/// The code of the group of every unit of a kind, across the country.
fn kind_group(kind: usize) -> String {
    match DEPARTMENTS.get(kind) {
        Some((code, _)) => format!("CAC_{code}"),
        None => "CAC_HUYEN".into(),
    }
}

/// Sections of the plan: item number and heading.
const SECTIONS: [&str; 10] = [
    "Đổi mới cơ chế quản lý khoa học, công nghệ và đổi mới sáng tạo",
    "Phát triển hệ thống đổi mới sáng tạo quốc gia",
    "Thu hút, sử dụng có hiệu quả mọi nguồn lực đầu tư cho khoa học, công nghệ và đổi mới sáng tạo",
    "Phát triển hạ tầng khoa học, công nghệ và đổi mới sáng tạo",
    "Phát triển nguồn nhân lực khoa học, công nghệ và đổi mới sáng tạo",
    "Nâng cao năng lực hấp thụ công nghệ của doanh nghiệp",
    "Đẩy mạnh ứng dụng khoa học và công nghệ trong các ngành, lĩnh vực",
    "Tăng cường hợp tác quốc tế về khoa học, công nghệ và đổi mới sáng tạo",
    "Phát triển thị trường khoa học và công nghệ",
    "Tăng cường các hoạt động tôn vinh, truyền thông, nâng cao nhận thức về khoa học, công nghệ và đổi mới sáng tạo",
];

/// Verbs and objects that task titles are made of.
const TASK_VERBS: [&str; 11] = [
    "Xây dựng",
    "Hoàn thiện",
    "Triển khai",
    "Nâng cao hiệu quả",
    "Tăng cường",
    "Hỗ trợ",
    "Đẩy mạnh",
    "Rà soát, sửa đổi",
    "Phát triển",
    "Tổ chức thực hiện",
    "Ứng dụng",
];
const TASK_OBJECTS: [&str; 15] = [
    "cơ chế quản lý nhiệm vụ khoa học và công nghệ",
    "hệ sinh thái khởi nghiệp đổi mới sáng tạo",
    "quỹ phát triển khoa học và công nghệ của doanh nghiệp",
    "mạng lưới tổ chức khoa học và công nghệ công lập",
    "hạ tầng thông tin, thống kê khoa học và công nghệ",
    "chương trình hỗ trợ doanh nghiệp đổi mới công nghệ",
    "hoạt động sở hữu trí tuệ, tiêu chuẩn, đo lường, chất lượng",
    "đào tạo, bồi dưỡng nhân lực khoa học và công nghệ",
    "chuyển đổi số trong cơ quan nhà nước",
    "sàn giao dịch công nghệ và thiết bị",
    "ứng dụng công nghệ cao trong nông nghiệp",
    "hợp tác quốc tế về khoa học, công nghệ",
    "truyền thông về đổi mới sáng tạo",
    "cơ sở dữ liệu chuyên ngành",
    "đánh giá, thẩm định, giám định công nghệ",
];

struct Task {
    id: String,
    section: usize,
    title: String,
    /// The kind of unit that leads it.
    lead_kind: usize,
}

fn tasks() -> Vec<Task> {
    let mut bullets = [0usize; SECTIONS.len()];
    (0..TASKS)
        .map(|t| {
            let section = t * SECTIONS.len() / TASKS;
            bullets[section] += 1;
            Task {
                id: format!("{}.{}", section + 1, bullets[section]),
                section,
                title: format!(
                    "{} {}",
                    TASK_VERBS[t % TASK_VERBS.len()],
                    TASK_OBJECTS[(t * 7 + section) % TASK_OBJECTS.len()]
                ),
                lead_kind: t % (DEPARTMENTS.len() + 1),
            }
        })
        .collect()
}

/// id, name, unit, measure, aggregate, typical value.
const INDICATORS: [(&str, &str, &str, &str, &str, f64); 5] = [
    (
        "TFP_SHARE",
        "Tỷ lệ đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng kinh tế",
        "%",
        "level",
        "mean",
        38.0,
    ),
    (
        "STI_BUDGET_SHARE",
        "Tỷ lệ chi cho khoa học và công nghệ trong tổng chi ngân sách",
        "%",
        "level",
        "mean",
        1.4,
    ),
    (
        "STI_ENTERPRISES",
        "Số doanh nghiệp khoa học và công nghệ",
        "count",
        "flow",
        "sum",
        6.0,
    ),
    (
        "STI_SPENDING",
        "Kinh phí chi cho khoa học và công nghệ",
        "triệu đồng",
        "flow",
        "sum",
        18500.0,
    ),
    (
        "PATENTS_COMMERCIALIZED",
        "Số sáng chế được khai thác thương mại",
        "count",
        "flow",
        "sum",
        2.0,
    ),
];

fn generate(args: &Args) -> std::io::Result<()> {
    let units = units(args.units);
    let tasks = tasks();
    let plan = args.out.join("plan");
    std::fs::create_dir_all(&plan)?;
    write(&plan.join("plan.toml"), plan_toml(&units[0]))?;
    write(&plan.join("units.toml"), units_toml(&units))?;
    write(&plan.join("tasks.toml"), tasks_toml(&tasks))?;
    write(&plan.join("indicators.toml"), indicators_toml())?;
    let mut rows = 0;
    for year in FIRST_YEAR..FIRST_YEAR + args.years {
        let folder = args.out.join("reports").join(year.to_string());
        std::fs::create_dir_all(&folder)?;
        for (index, unit) in units.iter().enumerate() {
            let (text, count) = report(args.seed, year, index, unit, &tasks);
            rows += count;
            write(&folder.join(format!("{}.csv", unit.code)), text.as_bytes())?;
        }
    }
    println!(
        "wrote a plan of {} units, {} tasks and {} indicators, and {} reports of {} rows in all",
        units.len(),
        tasks.len(),
        INDICATORS.len(),
        units.len() * args.years as usize,
        rows
    );
    Ok(())
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(bytes.as_ref())?;
    file.flush()
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn plan_toml(coordinator: &Unit) -> String {
    format!(
        "# A national-scale plan written by gen_bench for benchmarks.\n\
         [plan]\n\
         id = \"569/QĐ-TTg-BENCH\"\n\
         title = \"Kế hoạch thực hiện Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030\"\n\
         issuer = \"Thủ tướng Chính phủ\"\n\
         issued = 2022-05-11\n\
         implements = \"569/QĐ-TTg\"\n\
         start_year = {FIRST_YEAR}\n\
         end_year = {LAST_YEAR}\n\
         coordinator = {}\n\
         due_before = \"11-20\"\n",
        quoted(&coordinator.code)
    )
}

fn units_toml(units: &[Unit]) -> String {
    let mut out = String::new();
    for unit in units {
        let kind = if unit.kind < DEPARTMENTS.len() {
            "department"
        } else {
            "district"
        };
        let _ = writeln!(
            out,
            "[[unit]]\ncode = {}\nname = {}\nkind = \"{kind}\"\n",
            quoted(&unit.code),
            quoted(&unit.name)
        );
    }
    for kind in 0..=DEPARTMENTS.len() {
        let members: Vec<String> = units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| quoted(&u.code))
            .collect();
        let name = match DEPARTMENTS.get(kind) {
            Some((_, name)) => format!("Các {} tỉnh, thành phố", name.to_lowercase()),
            None => "Ủy ban nhân dân các huyện".to_string(),
        };
        let _ = writeln!(
            out,
            "[[group]]\ncode = {}\nname = {}\nmembers = [{}]\n",
            quoted(&kind_group(kind)),
            quoted(&name),
            members.join(", ")
        );
    }
    let all: Vec<String> = units.iter().map(|u| quoted(&u.code)).collect();
    let _ = writeln!(
        out,
        "[[group]]\ncode = \"CA_NUOC\"\nname = \"Các bộ, ngành, địa phương\"\nmembers = [{}]",
        all.join(", ")
    );
    out
}

fn tasks_toml(tasks: &[Task]) -> String {
    let mut out = String::new();
    for (i, title) in SECTIONS.iter().enumerate() {
        let _ = writeln!(
            out,
            "[[section]]\nid = \"{}\"\ntitle = {}\n",
            i + 1,
            quoted(title)
        );
    }
    for (i, task) in tasks.iter().enumerate() {
        let schedule = match i % 4 {
            0 => "2025".to_string(),
            1 => "2024-2030".to_string(),
            _ => "recurring".to_string(),
        };
        let indicators = if i % 11 == 0 {
            format!(
                "\nindicators = [{}]",
                quoted(INDICATORS[i / 11 % INDICATORS.len()].0)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "[[task]]\nid = {}\nsection = \"{}\"\ntitle = {}\ntext = {}\nlead = [{}]\nsupport = [\"CA_NUOC\"]\nschedule = \"{schedule}\"{indicators}\n",
            quoted(&task.id),
            task.section + 1,
            quoted(&task.title),
            quoted(&format!(
                "{} trên phạm vi cả nước, bảo đảm đồng bộ, hiệu quả.",
                task.title
            )),
            quoted(&kind_group(task.lead_kind)),
        );
    }
    out
}

fn indicators_toml() -> String {
    let mut out = String::new();
    for (id, name, unit, measure, aggregate, typical) in INDICATORS {
        let targets = match unit {
            "%" => format!(
                "[ {{ year = 2025, min = {:.1} }}, {{ year = 2030, min = {:.1} }} ]",
                typical * 1.05,
                (typical * 1.2).min(100.0)
            ),
            _ => format!(
                "[ {{ year = 2030, min = {} }} ]",
                (typical * 2000.0).round()
            ),
        };
        let _ = writeln!(
            out,
            "[[indicator]]\nid = {}\nname = {}\nunit = {}\nmeasure = \"{measure}\"\naggregate = \"{aggregate}\"\nreporters = [\"CA_NUOC\"]\ntargets = {targets}\n",
            quoted(id),
            quoted(name),
            quoted(unit),
        );
    }
    out
}

/// How a file is laid out, as different clerks' spreadsheets save it.
struct Form {
    delimiter: char,
    vietnamese: bool,
    bom: bool,
    crlf: bool,
    sep_line: bool,
    title_line: bool,
    row_numbers: bool,
}

impl Form {
    fn draw(rng: &mut Rng) -> Form {
        let semicolon = rng.chance(15);
        Form {
            delimiter: if semicolon { ';' } else { ',' },
            vietnamese: rng.chance(80),
            bom: rng.chance(60),
            crlf: rng.chance(70),
            sep_line: semicolon && rng.chance(50),
            title_line: rng.chance(20),
            row_numbers: rng.chance(25),
        }
    }
}

/// One report: its text and its number of rows.
fn report(seed: u64, year: i32, index: usize, unit: &Unit, tasks: &[Task]) -> (String, usize) {
    let mut rng = Rng::new(seed, (year as u64) << 32 | index as u64);
    let form = Form::draw(&mut rng);
    let end = if form.crlf { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(40_000);
    if form.bom {
        out.push('\u{FEFF}');
    }
    if form.sep_line {
        let _ = write!(out, "sep={}{end}", form.delimiter);
    }
    if form.title_line {
        let _ = write!(
            out,
            "{}{end}",
            cell(
                &format!(
                    "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM {year} - {}",
                    unit.name.to_uppercase()
                ),
                form.delimiter
            )
        );
    }
    let header: Vec<&str> = if form.vietnamese {
        vec![
            "Loại",
            "Mã",
            "Nội dung",
            "Trạng thái",
            "Giá trị",
            "Kết quả",
            "Khó khăn, vướng mắc",
            "Kiến nghị, đề xuất",
            "Ghi chú",
        ]
    } else {
        vec![
            "kind",
            "id",
            "title",
            "status",
            "value",
            "result",
            "difficulties",
            "proposals",
            "note",
        ]
    };
    let mut line: Vec<String> = Vec::new();
    if form.row_numbers {
        line.push("STT".into());
    }
    line.extend(header.iter().map(|h| cell(h, form.delimiter)));
    push_line(&mut out, &line, form.delimiter, end);
    let mut rows = 0;
    for task in tasks {
        rows += 1;
        line.clear();
        if form.row_numbers {
            line.push(rows.to_string());
        }
        let kind = if form.vietnamese {
            "Nhiệm vụ"
        } else {
            "task"
        };
        line.push(kind.into());
        line.push(task.id.clone());
        line.push(cell(&task.title, form.delimiter));
        let leads = task.lead_kind == unit.kind;
        if !leads && rng.chance(15) {
            // A supporting unit with nothing to say leaves the template's row as it was.
            line.extend(std::iter::repeat_n(String::new(), 6));
        } else {
            let status = status(&mut rng, form.vietnamese);
            let count = 1 + rng.below(3);
            let result = sentences(&mut rng, RESULTS, count, year);
            let difficulties = if rng.chance(40) {
                let count = 1 + rng.below(2);
                sentences(&mut rng, DIFFICULTIES, count, year)
            } else {
                String::new()
            };
            let proposals = if rng.chance(30) {
                sentences(&mut rng, PROPOSALS, 1, year)
            } else {
                String::new()
            };
            let note = if rng.chance(10) {
                rng.pick(NOTES).to_string()
            } else {
                String::new()
            };
            line.push(cell(status, form.delimiter));
            line.push(String::new());
            for text in [result, difficulties, proposals, note] {
                line.push(cell(&text, form.delimiter));
            }
        }
        push_line(&mut out, &line, form.delimiter, end);
    }
    for (i, (id, name, unit_of_measure, _, _, typical)) in INDICATORS.iter().enumerate() {
        rows += 1;
        line.clear();
        if form.row_numbers {
            line.push(rows.to_string());
        }
        line.push(
            if form.vietnamese {
                "Chỉ tiêu"
            } else {
                "indicator"
            }
            .into(),
        );
        line.push((*id).into());
        line.push(cell(name, form.delimiter));
        line.push(String::new());
        let value = indicator_value(seed, index, i, year, *typical);
        let text = match *unit_of_measure {
            "count" => format!("{}", value.round()),
            "%" => format!("{value:.1}"),
            _ => format!("{value:.2}"),
        };
        let text = if form.delimiter == ';' {
            text.replace('.', ",")
        } else {
            text
        };
        line.push(cell(&text, form.delimiter));
        line.push(cell(
            &format!("Số liệu thống kê năm {year}, {}", rng.pick(SOURCES)),
            form.delimiter,
        ));
        line.extend(std::iter::repeat_n(String::new(), 3));
        push_line(&mut out, &line, form.delimiter, end);
    }
    (out, rows)
}

/// An indicator's value for a unit and year: a unit's own level, drifting a little from
/// year to year (never three times last year's, so W104 stays quiet).
fn indicator_value(seed: u64, unit: usize, indicator: usize, year: i32, typical: f64) -> f64 {
    let mut own = Rng::new(seed ^ 0xA5A5, (unit as u64) << 8 | indicator as u64);
    let level = typical * (0.6 + 0.8 * own.unit());
    let mut yearly = Rng::new(
        seed ^ 0x5A5A,
        (unit as u64) << 16 | (year as u64) << 4 | indicator as u64,
    );
    let growth = 1.0 + 0.04 * f64::from(year - FIRST_YEAR) + 0.1 * (yearly.unit() - 0.5);
    (level * growth).min(99.0)
}

fn status(rng: &mut Rng, vietnamese: bool) -> &'static str {
    let i = rng.below(10);
    match (vietnamese, i) {
        (true, 0..=4) => "Đang thực hiện",
        (true, 5..=7) => "Hoàn thành",
        (true, 8) => "Đã thực hiện",
        (true, _) => "Đang triển khai",
        (false, 0..=4) => "in_progress",
        (false, 5..=8) => "done",
        (false, _) => "in_progress",
    }
}

const RESULTS: &[&str] = &[
    "Đã ban hành Kế hoạch số {n}/KH-UBND ngày {d} về triển khai nhiệm vụ năm {y}",
    "Tổ chức {n} hội nghị, hội thảo phổ biến chính sách khoa học và công nghệ cho cán bộ, công chức",
    "Phối hợp với các đơn vị liên quan rà soát, đánh giá kết quả thực hiện các nhiệm vụ khoa học và công nghệ",
    "Hỗ trợ {n} doanh nghiệp đổi mới công nghệ, nâng cao năng suất, chất lượng sản phẩm",
    "Triển khai ứng dụng phần mềm quản lý văn bản và điều hành, tỷ lệ hồ sơ xử lý trực tuyến đạt {p}%",
    "Thẩm định {n} dự án đầu tư có sử dụng công nghệ, bảo đảm đúng quy định",
    "Đã cử {n} lượt cán bộ tham gia các lớp tập huấn về quản lý khoa học và đổi mới sáng tạo",
    "Xây dựng cơ sở dữ liệu về tổ chức, cá nhân hoạt động khoa học và công nghệ trên địa bàn",
    "Tuyên truyền trên Cổng thông tin điện tử với {n} tin, bài về hoạt động đổi mới sáng tạo",
    "Phối hợp tổ chức Ngày hội khởi nghiệp đổi mới sáng tạo \"Techfest {y}\" thu hút {n} dự án tham gia",
    "Bố trí {n} triệu đồng từ nguồn sự nghiệp khoa học; giải ngân đạt {p}% kế hoạch",
    "Hướng dẫn các doanh nghiệp đăng ký xác lập quyền sở hữu công nghiệp, nhãn hiệu tập thể",
];

const DIFFICULTIES: &[&str] = &[
    "Nguồn kinh phí bố trí cho hoạt động khoa học và công nghệ còn hạn chế",
    "Đội ngũ cán bộ làm công tác khoa học, công nghệ ở cơ sở còn mỏng, kiêm nhiệm nhiều việc",
    "Doanh nghiệp chủ yếu có quy mô nhỏ và vừa, năng lực hấp thụ công nghệ còn thấp",
    "Hạ tầng công nghệ thông tin tại một số xã vùng sâu, vùng xa chưa đáp ứng yêu cầu",
    "Việc thu thập số liệu thống kê còn chậm, chưa đồng bộ giữa các ngành",
    "Một số văn bản hướng dẫn của Trung ương ban hành chậm, gây khó khăn khi triển khai",
];

const PROPOSALS: &[&str] = &[
    "Đề nghị Bộ Khoa học và Công nghệ hỗ trợ kinh phí thực hiện các dự án thuộc Chương trình nông thôn miền núi",
    "Kiến nghị Ủy ban nhân dân tỉnh bổ sung biên chế cho bộ phận quản lý khoa học và công nghệ",
    "Đề nghị Sở Tài chính bố trí đủ kinh phí sự nghiệp khoa học theo kế hoạch đã được phê duyệt",
    "Đề xuất tổ chức các lớp tập huấn chuyên sâu về sở hữu trí tuệ cho doanh nghiệp",
    "Đề nghị sớm ban hành hướng dẫn thống nhất về chế độ báo cáo thống kê khoa học và công nghệ",
];

const NOTES: &[&str] = &[
    "Số liệu ước thực hiện đến 31/10",
    "Chi tiết tại Phụ lục kèm theo",
    "Đã báo cáo tại Văn bản số 215/BC-UBND",
    "Thực hiện lồng ghép với Chương trình chuyển đổi số",
];

const SOURCES: &[&str] = &[
    "nguồn: Chi cục Thống kê",
    "số liệu ước tính",
    "theo báo cáo quyết toán",
    "tổng hợp từ các phòng, ban",
];

/// `count` sentences joined into one cell; several become "- " bullets on their own
/// lines (as a clerk types them with Alt+Enter in Excel).
fn sentences(rng: &mut Rng, bank: &[&str], count: usize, year: i32) -> String {
    let picked: Vec<String> = (0..count)
        .map(|_| {
            let s = bank[rng.below(bank.len())];
            s.replace("{n}", &(2 + rng.below(150)).to_string())
                .replace("{p}", &(50 + rng.below(50)).to_string())
                .replace("{y}", &year.to_string())
                .replace(
                    "{d}",
                    &format!("{:02}/{:02}/{year}", 1 + rng.below(28), 1 + rng.below(10)),
                )
        })
        .collect();
    if picked.len() == 1 {
        format!("{}.", picked[0])
    } else {
        picked
            .iter()
            .map(|s| format!("- {s};"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A CSV cell: quoted when it holds the delimiter, a quote or a line break.
fn cell(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn push_line(out: &mut String, cells: &[String], delimiter: char, end: &str) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        out.push_str(c);
    }
    out.push_str(end);
}
