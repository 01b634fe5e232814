//! Numbers in report cells, written with either decimal mark: the file's convention and
//! the parsing of one cell.

/// Which character a file uses as its decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalMark {
    /// `.` is the decimal mark (`1.5`); `,` groups digits.
    Point,
    /// `,` is the decimal mark (`1,5`); `.` groups digits.
    Comma,
}

impl DecimalMark {
    fn other(self) -> DecimalMark {
        match self {
            DecimalMark::Point => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Point,
        }
    }
}

/// A number as written in a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    /// The value as written: `41,5%` gives 41.5.
    pub value: f64,
    /// Whether the cell ended with `%`.
    pub percent: bool,
}

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// The cell is empty or blank.
    #[error("the cell is empty")]
    Empty,
    /// The cell holds something other than digits, marks, a sign and a percent sign.
    #[error("write digits with one decimal mark, e.g. 1.5 or 1,5")]
    NotANumber,
    /// Digits are grouped other than in threes.
    #[error("digit groups must have three digits, e.g. 18.500, 18,500 or 18 500")]
    BadGrouping,
    /// The number is too large to hold.
    #[error("the number is too large")]
    TooLarge,
}

/// A separator between runs of digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// A space, U+00A0 or U+202F: always a grouping mark.
    Space,
    /// `.` or `,`.
    Mark(DecimalMark),
}

/// How a cell's marks are read, before any convention is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// No decimal mark and nothing that hints at one.
    Integer,
    /// The decimal mark at this separator index, whatever the convention.
    Decimal(usize, DecimalMark),
    /// Every mark, of this kind, groups digits, whatever the convention.
    Grouped(DecimalMark),
    /// One mark followed by exactly three digits: decimal or grouping by convention.
    Ambiguous(usize, DecimalMark),
}

/// A cell split into its parts.
struct Scanned<'a> {
    negative: bool,
    percent: bool,
    /// Runs of ASCII digits, between the separators.
    groups: Vec<&'a str>,
    reading: Reading,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

/// Whether `groups` read as one integer are grouped in threes: the first group has one to
/// three digits and does not start with 0 (unless it is the only group), the others three.
fn valid_grouping(groups: &[&str]) -> bool {
    match groups.split_first() {
        None => false,
        Some((first, [])) => !first.is_empty(),
        Some((first, rest)) => {
            (1..=3).contains(&first.len())
                && !first.starts_with('0')
                && rest.iter().all(|g| g.len() == 3)
        }
    }
}

/// Whether the separators before `index` may group digits when the decimal mark is `mark`.
fn only_grouping_before(seps: &[Sep], index: usize, mark: DecimalMark) -> bool {
    seps.iter()
        .take(index)
        .all(|&s| s == Sep::Space || s == Sep::Mark(mark.other()))
}

/// Whether the separator at `index` can be the decimal mark `mark`: it is the last
/// separator, and what comes before it is a well-grouped integer.
fn valid_decimal(groups: &[&str], seps: &[Sep], index: usize, mark: DecimalMark) -> bool {
    index + 1 == seps.len()
        && only_grouping_before(seps, index, mark)
        && groups.get(..=index).is_some_and(|int| {
            // ".5": an empty integer part alone is fine.
            matches!(int, [only] if only.is_empty()) || valid_grouping(int)
        })
}

fn scan(cell: &str) -> Result<Scanned<'_>, NumberError> {
    let s = cell.trim();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end_matches(is_group_space), true),
        None => (s, false),
    };
    let (s, negative) = if let Some(rest) = s.strip_prefix('-') {
        (rest, true)
    } else if let Some(rest) = s.strip_prefix('+') {
        (rest, false)
    } else {
        (s, false)
    };
    if s.is_empty() {
        return Err(NumberError::NotANumber);
    }

    // The groups are slices of the cell: where the one being read starts.
    let mut groups = Vec::new();
    let mut start = 0;
    let mut seps = Vec::new();
    for (at, c) in s.char_indices() {
        let sep = match c {
            '0'..='9' => continue,
            '.' => Sep::Mark(DecimalMark::Point),
            ',' => Sep::Mark(DecimalMark::Comma),
            c if is_group_space(c) => Sep::Space,
            _ => return Err(NumberError::NotANumber),
        };
        // Two separators in a row, or a space before any digit.
        let after_nothing = at == start;
        if after_nothing && (!groups.is_empty() || sep == Sep::Space) {
            return Err(NumberError::NotANumber);
        }
        seps.push(sep);
        groups.push(&s[start..at]);
        start = at + c.len_utf8();
    }
    // A trailing separator, or no digit at all.
    if start == s.len() {
        return Err(NumberError::NotANumber);
    }
    groups.push(&s[start..]);

    let reading = read(&groups, &seps)?;
    Ok(Scanned {
        negative,
        percent,
        groups,
        reading,
    })
}

/// Decides what the marks of a well-formed cell mean, as far as can be without a convention.
fn read(groups: &[&str], seps: &[Sep]) -> Result<Reading, NumberError> {
    let marks = || {
        seps.iter().enumerate().filter_map(|(i, s)| match s {
            Sep::Mark(m) => Some((i, *m)),
            Sep::Space => None,
        })
    };
    let Some((last_index, last_mark)) = marks().next_back() else {
        return if valid_grouping(groups) {
            Ok(Reading::Integer)
        } else {
            Err(NumberError::BadGrouping)
        };
    };
    let count = marks().filter(|(_, m)| *m == last_mark).count();
    let mixed = marks().any(|(_, m)| m != last_mark);

    if mixed {
        // With both marks, the last is the decimal mark.
        if count > 1 || last_index + 1 != seps.len() {
            return Err(NumberError::NotANumber);
        }
        return if valid_decimal(groups, seps, last_index, last_mark) {
            Ok(Reading::Decimal(last_index, last_mark))
        } else {
            Err(NumberError::BadGrouping)
        };
    }
    if count > 1 {
        // The same mark more than once groups digits.
        return if valid_grouping(groups) {
            Ok(Reading::Grouped(last_mark))
        } else {
            Err(NumberError::BadGrouping)
        };
    }

    // One mark.
    let as_decimal = valid_decimal(groups, seps, last_index, last_mark);
    let three_after = groups.get(last_index + 1).is_some_and(|g| g.len() == 3);
    let as_grouping = three_after && valid_grouping(groups);
    match (as_decimal, as_grouping) {
        (true, true) => Ok(Reading::Ambiguous(last_index, last_mark)),
        (true, false) => Ok(Reading::Decimal(last_index, last_mark)),
        (false, true) => Ok(Reading::Grouped(last_mark)),
        (false, false) => Err(NumberError::BadGrouping),
    }
}

/// What an unambiguous number tells about the file's decimal mark (`None` for ambiguous
/// numbers, plain integers and cells that are not numbers).
pub(crate) fn evidence(cell: &str) -> Option<DecimalMark> {
    match scan(cell).ok()?.reading {
        Reading::Decimal(_, mark) => Some(mark),
        Reading::Grouped(mark) => Some(mark.other()),
        Reading::Integer | Reading::Ambiguous(..) => None,
    }
}

/// The file's convention: the mark its unambiguous numbers show (the majority; a tie goes to
/// the delimiter rule), else `Comma` when the file is `;`-delimited, else `Point`.
pub(crate) fn convention<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    delimiter: u8,
) -> DecimalMark {
    let (mut point, mut comma) = (0usize, 0usize);
    for cell in cells {
        match evidence(cell) {
            Some(DecimalMark::Point) => point += 1,
            Some(DecimalMark::Comma) => comma += 1,
            None => {}
        }
    }
    match point.cmp(&comma) {
        std::cmp::Ordering::Greater => DecimalMark::Point,
        std::cmp::Ordering::Less => DecimalMark::Comma,
        std::cmp::Ordering::Equal if delimiter == b';' => DecimalMark::Comma,
        std::cmp::Ordering::Equal => DecimalMark::Point,
    }
}

/// A cell parsed, with what its marks say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Parsed {
    /// The number.
    pub number: Number,
    /// The cell itself does not show its decimal mark: [`evidence`] is `None`.
    pub shows_no_mark: bool,
    /// The cell has a single mark before exactly three digits (`1.234`, `1,234`) that
    /// the convention read as a thousands separator: the cell itself does not say so.
    pub grouped_by_convention: bool,
}

/// Parses a cell written with either decimal mark: a sign, digit groups separated by spaces
/// or the grouping mark, a decimal mark, and a trailing `%` are allowed. A single mark
/// followed by exactly three digits (`1.234`, `1,234`) is read by `convention`.
/// What the marks say comes with the number, so that the rules read a cell once.
pub(crate) fn parse(cell: &str, convention: DecimalMark) -> Result<Parsed, NumberError> {
    let scanned = scan(cell)?;
    let decimal = match scanned.reading {
        Reading::Integer | Reading::Grouped(_) => None,
        Reading::Decimal(index, _) => Some(index),
        Reading::Ambiguous(index, mark) => (mark == convention).then_some(index),
    };
    let mut text = String::with_capacity(cell.len() + 2);
    if scanned.negative {
        text.push('-');
    }
    text.push('0');
    for (i, group) in scanned.groups.iter().enumerate() {
        text.push_str(group);
        if Some(i) == decimal {
            text.push('.');
        }
    }
    let value: f64 = text.parse().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberError::TooLarge);
    }
    Ok(Parsed {
        number: Number {
            value,
            percent: scanned.percent,
        },
        shows_no_mark: matches!(scanned.reading, Reading::Integer | Reading::Ambiguous(..)),
        grouped_by_convention: matches!(
            scanned.reading,
            Reading::Ambiguous(_, mark) if mark != convention
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use DecimalMark::{Comma, Point};

    fn num(cell: &str, convention: DecimalMark) -> f64 {
        match parse(cell, convention).map(|p| p.number) {
            Ok(n) => {
                assert!(!n.percent, "{cell:?} is not a percentage");
                n.value
            }
            Err(e) => panic!("{cell:?} should parse: {e}"),
        }
    }

    fn both(cell: &str) -> f64 {
        let v = num(cell, Point);
        assert_eq!(
            v,
            num(cell, Comma),
            "{cell:?} should not depend on the convention"
        );
        v
    }

    #[test]
    fn unambiguous_decimals() {
        assert_eq!(both("1.5"), 1.5);
        assert_eq!(both("1,5"), 1.5);
        assert_eq!(both("1,20"), 1.2);
        assert_eq!(both("1.20"), 1.2);
        assert_eq!(both("0,5"), 0.5);
        assert_eq!(both(".5"), 0.5);
        assert_eq!(both(",5"), 0.5);
        assert_eq!(both("18.500,25"), 18500.25);
        assert_eq!(both("18,500.25"), 18500.25);
        assert_eq!(both("1.234.567,5"), 1234567.5);
        assert_eq!(both("1 234 567,5"), 1234567.5);
        assert_eq!(both("1,2345"), 1.2345);
    }

    #[test]
    fn integers_and_signs() {
        assert_eq!(both("-5"), -5.0);
        assert_eq!(both("+5"), 5.0);
        assert_eq!(both("0"), 0.0);
        assert_eq!(both("  42 "), 42.0);
        assert_eq!(both("007"), 7.0);
        assert_eq!(both("-1,5"), -1.5);
    }

    #[test]
    fn space_groups() {
        assert_eq!(both("18 500"), 18500.0);
        assert_eq!(both("18\u{00A0}500"), 18500.0);
        assert_eq!(both("18\u{202F}500"), 18500.0);
        assert_eq!(both("18 500,25"), 18500.25);
        assert_eq!(both("1 234 567"), 1234567.0);
    }

    #[test]
    fn repeated_mark_groups() {
        assert_eq!(both("1.234.567"), 1234567.0);
        assert_eq!(both("1,234,567"), 1234567.0);
    }

    #[test]
    fn single_mark_three_digits_follows_convention() {
        assert_eq!(num("1.234", Point), 1.234);
        assert_eq!(num("1.234", Comma), 1234.0);
        assert_eq!(num("1,234", Point), 1234.0);
        assert_eq!(num("1,234", Comma), 1.234);
        assert_eq!(num("18.500", Comma), 18500.0);
        assert_eq!(num("-1.234", Comma), -1234.0);
    }

    #[test]
    fn single_mark_three_digits_that_cannot_group() {
        // A leading zero group, an empty one or a long one cannot be a thousands group.
        assert_eq!(both("0,500"), 0.5);
        assert_eq!(both(".500"), 0.5);
        assert_eq!(both("1234.567"), 1234.567);
    }

    #[test]
    fn percentages() {
        let p = |cell: &str, c| parse(cell, c).expect(cell).number;
        assert_eq!(
            p("100%", Point),
            Number {
                value: 100.0,
                percent: true
            }
        );
        assert_eq!(
            p("41,5%", Point),
            Number {
                value: 41.5,
                percent: true
            }
        );
        assert_eq!(
            p("12 %", Comma),
            Number {
                value: 12.0,
                percent: true
            }
        );
        assert_eq!(
            p("12\u{00A0}%", Comma),
            Number {
                value: 12.0,
                percent: true
            }
        );
        assert_eq!(
            p("-2,5 %", Point),
            Number {
                value: -2.5,
                percent: true
            }
        );
    }

    #[test]
    fn rejects() {
        let cases = [
            ("", NumberError::Empty),
            ("   ", NumberError::Empty),
            ("abc", NumberError::NotANumber),
            ("1.2.3", NumberError::BadGrouping),
            ("1,2,3", NumberError::BadGrouping),
            ("1e5", NumberError::NotANumber),
            ("1E5", NumberError::NotANumber),
            ("--1", NumberError::NotANumber),
            ("+-1", NumberError::NotANumber),
            ("1-", NumberError::NotANumber),
            ("NaN", NumberError::NotANumber),
            ("nan", NumberError::NotANumber),
            ("inf", NumberError::NotANumber),
            ("-inf", NumberError::NotANumber),
            ("infinity", NumberError::NotANumber),
            ("1.5.", NumberError::NotANumber),
            ("1.", NumberError::NotANumber),
            ("1,", NumberError::NotANumber),
            (".", NumberError::NotANumber),
            ("-", NumberError::NotANumber),
            ("+", NumberError::NotANumber),
            ("%", NumberError::NotANumber),
            ("-%", NumberError::NotANumber),
            ("12%%", NumberError::NotANumber),
            ("%12", NumberError::NotANumber),
            ("1..5", NumberError::NotANumber),
            ("1.,5", NumberError::NotANumber),
            ("1 ,5", NumberError::NotANumber),
            ("- 5", NumberError::NotANumber),
            ("1 2", NumberError::BadGrouping),
            ("12 34", NumberError::BadGrouping),
            ("1.234,5.6", NumberError::NotANumber),
            ("1,5.234,5", NumberError::NotANumber),
            ("1.23,5", NumberError::BadGrouping),
            ("1,5 000", NumberError::BadGrouping),
            ("0.234.567", NumberError::BadGrouping),
            ("3.1.a", NumberError::NotANumber),
            ("IV.3.1", NumberError::NotANumber),
            ("١٢", NumberError::NotANumber),
            ("１２", NumberError::NotANumber),
            ("0x10", NumberError::NotANumber),
            ("1/2", NumberError::NotANumber),
        ];
        for (cell, want) in cases {
            for c in [Point, Comma] {
                assert_eq!(parse(cell, c), Err(want.clone()), "{cell:?} with {c:?}");
            }
        }
    }

    #[test]
    fn too_large() {
        let huge = "9".repeat(400);
        assert_eq!(parse(&huge, Point), Err(NumberError::TooLarge));
        let long_fraction = format!("0.{}", "1".repeat(400));
        assert!(parse(&long_fraction, Point).is_ok());
    }

    #[test]
    fn errors_have_messages() {
        for e in [
            NumberError::Empty,
            NumberError::NotANumber,
            NumberError::BadGrouping,
            NumberError::TooLarge,
        ] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn evidence_of_cells() {
        assert_eq!(evidence("1.5"), Some(Point));
        assert_eq!(evidence("1,5"), Some(Comma));
        assert_eq!(evidence("41,5%"), Some(Comma));
        assert_eq!(evidence("1,20"), Some(Comma));
        assert_eq!(evidence("1.20"), Some(Point));
        assert_eq!(evidence("18.500,25"), Some(Comma));
        assert_eq!(evidence("18,500.25"), Some(Point));
        assert_eq!(evidence("1.234.567"), Some(Comma));
        assert_eq!(evidence("1,234,567"), Some(Point));
        assert_eq!(evidence("0,500"), Some(Comma));
        assert_eq!(evidence("1.234"), None);
        assert_eq!(evidence("1,234"), None);
        assert_eq!(evidence("42"), None);
        assert_eq!(evidence("18 500"), None);
        assert_eq!(evidence(""), None);
        assert_eq!(evidence("abc"), None);
        assert_eq!(evidence("1.2.3"), None);
    }

    #[test]
    fn convention_of_files() {
        assert_eq!(convention(["1,5", "2,25", "3.5"], b','), Comma);
        assert_eq!(convention(["1.5", "2.25", "3,5"], b';'), Point);
        assert_eq!(convention(["1.234", "42", ""], b';'), Comma);
        assert_eq!(convention(["1.234", "42", ""], b','), Point);
        assert_eq!(convention(["1.234", "42"], b'\t'), Point);
        assert_eq!(convention(["1,5", "1.5"], b';'), Comma);
        assert_eq!(convention(["1,5", "1.5"], b','), Point);
        assert_eq!(convention(Vec::<&str>::new(), b';'), Comma);
        assert_eq!(convention(Vec::<&str>::new(), b','), Point);
    }

    /// What a cell's marks say comes with its number: whether the cell shows its decimal
    /// mark, and whether the convention took a lone mark for grouping.
    #[test]
    fn what_the_marks_say() {
        let says = |cell: &str, c| {
            let parsed = parse(cell, c).expect(cell);
            (parsed.shows_no_mark, parsed.grouped_by_convention)
        };
        assert_eq!(says("1.234", Point), (true, false));
        assert_eq!(says("1.234", Comma), (true, true));
        assert_eq!(says("1,234", Point), (true, true));
        assert_eq!(says("-1.234%", Comma), (true, true));
        assert_eq!(says("42", Comma), (true, false));
        assert_eq!(says("1,5", Point), (false, false));
        assert_eq!(says("1.234.567", Point), (false, false));
        assert_eq!(says("0,500", Point), (false, false));
        for cell in ["1.234", "1,5", "42", "18 500", "1.234.567", "0,500"] {
            let shows = parse(cell, Point).expect(cell).shows_no_mark;
            assert_eq!(shows, evidence(cell).is_none(), "{cell}");
        }
    }

    #[test]
    fn convention_then_parse() {
        let cells = ["1,5", "18.500", "1.234"];
        let c = convention(cells, b',');
        assert_eq!(c, Comma);
        assert_eq!(num("18.500", c), 18500.0);
        assert_eq!(num("1.234", c), 1234.0);
    }

    #[test]
    fn fixture_numbers() {
        // The value cells of the real exports.
        assert_eq!(num("1.20", convention(["1.20"], b',')), 1.2);
        assert_eq!(num("1,20", convention(["1,20"], b';')), 1.2);
        assert_eq!(num("1.20", convention(["1.20"], b'\t')), 1.2);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "\u{0301}",
            "1\u{0301}",
            "1.\u{00A0}",
            "\u{202F}1",
            "+%",
            "1%%",
            "Đ",
            "1 %",
            "𝟙",
            "1.2\n3",
            "\t1\t",
            "1\u{FEFF}",
            "-.5",
            "+,5",
            ",",
            " , ",
            "1 . 5",
        ];
        for cell in odd {
            for c in [Point, Comma] {
                let _ = parse(cell, c);
            }
            let _ = evidence(cell);
        }
        assert_eq!(both("-.5"), -0.5);
        assert_eq!(both("+,5"), 0.5);
    }
}
