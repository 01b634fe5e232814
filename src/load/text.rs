//! Text of report files: decoding the bytes, Unicode normalisation, folding names for
//! matching, and spotting cells a spreadsheet would damage or has already damaged.

use std::borrow::Cow;
use std::str::FromStr;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

/// An encoding the user can force for files without a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forced {
    /// Windows-1258, the legacy Vietnamese code page.
    Windows1258,
}

/// The names `Forced::from_str` accepts, in the order error messages list them.
const FORCED_NAMES: [&str; 3] = ["windows-1258", "cp1258", "1258"];

impl FromStr for Forced {
    type Err = String;

    /// Accepts `windows-1258`, `cp1258` or `1258`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        if FORCED_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            Ok(Forced::Windows1258)
        } else {
            Err(crate::lang::Notice::UnknownEncoding {
                name: name.into(),
                accepted: FORCED_NAMES.join(", "),
            }
            .to_string())
        }
    }
}

/// How a file was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16 little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, with a byte-order mark.
    Utf16Be,
    /// Windows-1258, as forced by the user.
    Windows1258,
}

impl Detected {
    /// The encoding's name as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Detected::Utf8 => "UTF-8",
            Detected::Utf8Bom => "UTF-8 with BOM",
            Detected::Utf16Le => "UTF-16LE",
            Detected::Utf16Be => "UTF-16BE",
            Detected::Windows1258 => "Windows-1258",
        }
    }
}

/// The first bytes that are not valid in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBytes {
    /// 1-based physical line: the number of line feeds before the bytes, plus one.
    pub line: usize,
    /// Byte offset of the bytes in the file, counting any byte-order mark.
    pub offset: usize,
    /// The encoding the file was read in.
    pub detected: Detected,
}

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";

/// Decodes a report file: a BOM decides (UTF-8 BOM stripped; UTF-16 LE/BE BOM -> UTF-16,
/// BOM stripped); without a BOM, `forced` decides, else UTF-8 (strict: any invalid sequence
/// is an error, never replaced). UTF-16 with unpaired surrogates or odd length ->
/// `InvalidBytes`. The result is not normalised.
pub fn decode(bytes: &[u8], forced: Option<Forced>) -> Result<(String, Detected), InvalidBytes> {
    decode_borrowed(bytes, forced).map(|(text, detected)| (text.into_owned(), detected))
}

/// [`decode`], borrowing the text from `bytes` when they are UTF-8 (no copy).
pub fn decode_borrowed(
    bytes: &[u8],
    forced: Option<Forced>,
) -> Result<(Cow<'_, str>, Detected), InvalidBytes> {
    let owned = |(text, detected): (String, Detected)| (Cow::Owned(text), detected);
    if let Some(rest) = bytes.strip_prefix(BOM_UTF8) {
        decode_utf8(rest, BOM_UTF8.len(), Detected::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(BOM_UTF16LE) {
        decode_utf16(rest, BOM_UTF16LE.len(), Detected::Utf16Le).map(owned)
    } else if let Some(rest) = bytes.strip_prefix(BOM_UTF16BE) {
        decode_utf16(rest, BOM_UTF16BE.len(), Detected::Utf16Be).map(owned)
    } else {
        match forced {
            Some(Forced::Windows1258) => decode_windows_1258(bytes).map(owned),
            None => decode_utf8(bytes, 0, Detected::Utf8),
        }
    }
}

/// Strict UTF-8; `start` is the offset of `bytes` in the file.
fn decode_utf8(
    bytes: &[u8],
    start: usize,
    detected: Detected,
) -> Result<(Cow<'_, str>, Detected), InvalidBytes> {
    match utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), detected)),
        Err(e) => {
            let valid = e.valid_up_to();
            let line = 1 + bytes.get(..valid).map_or(0, line_ends);
            Err(InvalidBytes {
                line,
                offset: start + valid,
                detected,
            })
        }
    }
}

/// The bytes as text when they are valid UTF-8, checked with SIMD (several times faster
/// than `std::str::from_utf8` on Vietnamese text); the error, from the standard library,
/// says where the first invalid bytes are.
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// Strict UTF-16 (an unpaired surrogate or an odd byte at the end is an error, never
/// replaced), decoded by encoding_rs; `start` is the offset of `bytes` in the file.
fn decode_utf16(
    bytes: &[u8],
    start: usize,
    detected: Detected,
) -> Result<(String, Detected), InvalidBytes> {
    let encoding = match detected {
        Detected::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    decode_strictly(encoding, bytes, detected).map_err(|mut e| {
        // Count the line feeds as UTF-16 code units, and the offset in the file.
        let offset = e.offset - e.offset % 2;
        e.line = 1 + bytes[..offset]
            .chunks_exact(2)
            .filter(|u| {
                matches!(detected, Detected::Utf16Be) && *u == [0, b'\n']
                    || !matches!(detected, Detected::Utf16Be) && *u == [b'\n', 0]
            })
            .count();
        e.offset = start + offset;
        e
    })
}

/// Windows-1258, as the WHATWG Encoding Standard defines it (tone marks stay combining).
fn decode_windows_1258(bytes: &[u8]) -> Result<(String, Detected), InvalidBytes> {
    decode_strictly(encoding_rs::WINDOWS_1258, bytes, Detected::Windows1258)
}

/// `bytes` in `encoding`, without a byte-order mark and with no replacement: the first
/// malformed sequence is an error at its offset and line.
fn decode_strictly(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
    detected: Detected,
) -> Result<(String, Detected), InvalidBytes> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // A byte of any of these encodings is at most three bytes of UTF-8.
    let mut text = String::with_capacity(bytes.len().saturating_mul(3));
    let mut done = 0;
    loop {
        let rest = bytes.get(done..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        done += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok((text, detected)),
            encoding_rs::DecoderResult::OutputFull => {
                text.reserve(rest.len().saturating_sub(read).saturating_mul(3).max(4));
            }
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                let offset = done
                    .saturating_sub(usize::from(after))
                    .saturating_sub(usize::from(bad));
                return Err(InvalidBytes {
                    line: 1 + bytes.get(..offset).map_or(0, line_ends),
                    offset,
                    detected,
                });
            }
        }
    }
}

/// True for text that is UTF-16 without a byte-order mark: among its first bytes, every
/// other one is NUL and the others are not (ASCII letters, digits and punctuation, as a
/// report's header is). Read as UTF-8 it would be ids with NULs between their letters.
pub fn is_utf16_without_bom(bytes: &[u8]) -> bool {
    if bytes.starts_with(BOM_UTF16LE) || bytes.starts_with(BOM_UTF16BE) {
        return false;
    }
    let head = &bytes[..bytes.len().min(1024) & !1];
    // Text with no NUL at all, nearly every file, is not UTF-16: found at SIMD speed.
    if head.len() < 8 || memchr::memchr(0, head).is_none() {
        return false;
    }
    let units = head.len() / 2;
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // Nearly all of one half NUL, nearly none of the other.
    (odd * 10 >= units * 9 && even * 10 <= units) || (even * 10 >= units * 9 && odd * 10 <= units)
}

/// How many line ends `bytes` holds: LF, CRLF and a CR alone (old Mac exports) each one.
pub fn line_ends(bytes: &[u8]) -> usize {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .count()
}

/// Unicode NFC; borrows `s` when it is already NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if only_plain_starters(s) {
        return Cow::Borrowed(s);
    }
    let already = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => is_nfc(s),
    };
    if already {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// True when every character of `s` lies below U+0300 or in U+1E00..=U+1EFF (Latin
/// Extended Additional, where Vietnamese's precomposed letters are): characters that
/// are starters NFC keeps as they are, so such text is already NFC. Vietnamese text
/// saved by a spreadsheet nearly always is; this answers it without the tables of a
/// full check. (A test holds the claim against those tables for every such character.)
pub fn only_plain_starters(s: &str) -> bool {
    // In UTF-8 the characters from U+0300 up start with a byte CC..FF, and those of
    // U+1E00..U+1EFF with E1 then B8..BB; continuation bytes are 80..BF, and the last
    // byte of a text is never a lead. One pass over the pairs without early exits,
    // which the compiler turns into vector code.
    let bytes = s.as_bytes();
    let last_plain = bytes.last().is_none_or(|&b| b < 0xCC);
    let nexts = bytes.get(1..).unwrap_or_default();
    last_plain
        && bytes.iter().zip(nexts).fold(true, |ok, (&lead, &next)| {
            // B8..=BB are the bytes 0b1011_10xx.
            ok & ((lead < 0xCC) | ((lead == 0xE1) & (next & 0xFC == 0xB8)))
        })
}

/// Folds a header name, alias or status for matching: drops diacritics, maps đ/Đ to d,
/// lowercases and keeps only letters and digits, so "Khó khăn, vướng mắc" folds to
/// "khokhanvuongmac" and "Hoà thành" equals "Hòa thành".
pub fn fold(s: &str) -> String {
    fold_at_most(s, usize::MAX).unwrap_or_default()
}

/// [`fold`], or `None` as soon as the folded text would pass `max` characters: a long
/// cell compared with short names is given up early.
pub fn fold_at_most(s: &str, max: usize) -> Option<String> {
    let mut out = String::with_capacity(s.len().min(max.saturating_mul(4)));
    let mut count = 0usize;
    if s.is_ascii() {
        // ASCII decomposes to itself and has no marks: lowercase the letters and digits.
        for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
            count += 1;
            if count > max {
                return None;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
        return Some(out);
    }
    for c in s.nfd() {
        for l in c.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            // U+00F0 (eth) is what legacy fonts and converters often put for đ.
            let l = match l {
                'đ' | 'ð' => 'd',
                other => other,
            };
            if l.is_alphanumeric() {
                count += 1;
                if count > max {
                    return None;
                }
                out.push(l);
            }
        }
    }
    Some(out)
}

/// True when `s` has a `?` (or a run of them) inside a word, with a letter of any script
/// right before and right after, as left where an encoding lost letters: "Ph?i h?p".
pub fn has_lost_letters(s: &str) -> bool {
    if !s.contains('?') {
        return false;
    }
    // Whether the last char that was not a '?' is a letter.
    let mut letter_before = false;
    // Whether the current run of '?' follows a letter.
    let mut in_run = false;
    for c in s.chars() {
        if c == '?' {
            in_run = in_run || letter_before;
            letter_before = false;
        } else {
            if in_run && c.is_alphabetic() {
                return true;
            }
            in_run = false;
            letter_before = c.is_alphabetic();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    /// LF, CRLF and a lone CR count one each, in a short gap between records and in a
    /// long record alike (where the search goes several bytes at a time).
    #[test]
    fn line_ends_count_each_kind_once() {
        for (bytes, ends) in [
            (&b""[..], 0),
            (b"\r\n", 1),
            (b"\n\r", 2),
            (b"\r\r\n", 2),
            (b"\r", 1),
            (b"a\rb\r\nc\nd\r", 4),
            (b"x\r\n\r\n", 2),
        ] {
            assert_eq!(super::line_ends(bytes), ends, "{bytes:?}");
            let long = [b"long line of text ".repeat(4).as_slice(), bytes].concat();
            assert_eq!(super::line_ends(&long), ends, "{long:?}");
        }
    }

    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/spreadsheet");

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{DIR}/{name}");
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    fn utf8_text() -> String {
        let (text, detected) = decode(&fixture("stc-2024.utf8.csv"), None).expect("utf8 decodes");
        assert_eq!(detected, Detected::Utf8);
        text
    }

    /// Every character `only_plain_starters` lets through is a starter that is NFC on
    /// its own, as the Unicode tables say.
    #[test]
    fn plain_starters_are_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        let plain = ('\u{0}'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}');
        for c in plain {
            let s = c.to_string();
            assert!(only_plain_starters(&s), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
        }
        for s in [
            "\u{300}",
            "e\u{301}",
            "\u{1F00}",
            "\u{2FF}\u{300}",
            "ạ\u{1DFF}",
        ] {
            assert!(!only_plain_starters(s), "{s:?}");
        }
        assert!(only_plain_starters("Kết quả thực hiện năm 2024: đạt 92,5%"));
    }

    #[test]
    fn utf8_fixture() {
        let text = utf8_text();
        assert!(text.starts_with("Loại,Mã,Nội dung,Trạng thái,Giá trị"));
        assert!(text.contains(",1.20,"));
        assert_eq!(text.matches('\n').count(), 7);
        assert!(matches!(nfc(&text), Cow::Borrowed(_)));
    }

    #[test]
    fn utf8_bom_fixture() {
        let (text, detected) =
            decode(&fixture("stc-2024.utf8-bom.csv"), None).expect("utf8 bom decodes");
        assert_eq!(detected, Detected::Utf8Bom);
        assert!(!text.starts_with('\u{FEFF}'));
        assert_eq!(text, utf8_text());
    }

    #[test]
    fn bom_wins_over_forced() {
        let (text, detected) = decode(&fixture("stc-2024.utf8-bom.csv"), Some(Forced::Windows1258))
            .expect("utf8 bom decodes");
        assert_eq!(detected, Detected::Utf8Bom);
        assert_eq!(text, utf8_text());
    }

    #[test]
    fn semicolon_fixture() {
        let (text, detected) = decode(&fixture("stc-2024.semicolon-decimal-comma.csv"), None)
            .expect("semicolon file decodes");
        assert_eq!(detected, Detected::Utf8);
        assert!(text.starts_with("Loại;Mã;Nội dung;"));
        assert!(text.contains(";1,20;"));
    }

    #[test]
    fn utf16_fixture() {
        let (text, detected) =
            decode(&fixture("stc-2024.utf16-tab.txt"), None).expect("utf16 decodes");
        assert_eq!(detected, Detected::Utf16Le);
        assert!(text.starts_with("Loại\tMã\tNội dung\t"));
        assert!(text.contains("\t1.20\t"));
        assert!(text.contains("Khó khăn, vướng mắc"));
        assert_eq!(text.matches('\n').count(), 7);
        assert_eq!(
            text.replace('\t', ","),
            utf8_text()
                .replace("\"Khó khăn, vướng mắc\"", "Khó khăn, vướng mắc")
                .replace("\"Kiến nghị, đề xuất\"", "Kiến nghị, đề xuất")
                .replace(
                    "\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên\"",
                    "Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên"
                )
                .replace(
                    "\"Đã ban hành văn bản hướng dẫn số 123/STC-QLNS, gửi 45 doanh nghiệp\"",
                    "Đã ban hành văn bản hướng dẫn số 123/STC-QLNS, gửi 45 doanh nghiệp"
                )
        );
    }

    #[test]
    fn cp1258_fixture_forced() {
        let bytes = fixture("stc-2024.cp1258.csv");
        let (text, detected) =
            decode(&bytes, Some(Forced::Windows1258)).expect("cp1258 decodes when forced");
        assert_eq!(detected, Detected::Windows1258);
        assert!(matches!(nfc(&text), Cow::Owned(_)));
        assert_eq!(nfc(&text), utf8_text());
    }

    #[test]
    fn cp1258_every_byte_decodes() {
        let all: Vec<u8> = (0..=255).collect();
        let (text, detected) = decode(&all, Some(Forced::Windows1258)).expect("all bytes map");
        assert_eq!(detected, Detected::Windows1258);
        assert_eq!(text.chars().count(), 256);
        let (text, _) =
            decode(b"Loa\xF2i,Ma\xDE,\xD0ang", Some(Forced::Windows1258)).expect("cp1258 decodes");
        assert_eq!(nfc(&text), "Loại,Mã,Đang");
    }

    #[test]
    fn cp1258_fixture_unforced() {
        let err = decode(&fixture("stc-2024.cp1258.csv"), None).expect_err("not UTF-8");
        assert_eq!(
            err,
            InvalidBytes {
                line: 1,
                offset: 3,
                detected: Detected::Utf8
            }
        );
    }

    #[test]
    fn invalid_utf8_line_three() {
        let err = decode(b"a,b\nc,d\ne,\xFFf\n", None).expect_err("invalid");
        assert_eq!(err.line, 3);
        assert_eq!(err.offset, 10);
        assert_eq!(err.detected, Detected::Utf8);
    }

    #[test]
    fn invalid_utf8_after_bom_counts_bom() {
        let err = decode(b"\xEF\xBB\xBFab\n\xC3", None).expect_err("truncated sequence");
        assert_eq!(
            err,
            InvalidBytes {
                line: 2,
                offset: 6,
                detected: Detected::Utf8Bom
            }
        );
    }

    #[test]
    fn empty_input() {
        assert_eq!(decode(b"", None), Ok((String::new(), Detected::Utf8)));
        assert_eq!(
            decode(b"", Some(Forced::Windows1258)),
            Ok((String::new(), Detected::Windows1258))
        );
        assert_eq!(
            decode(b"\xFF\xFE", None),
            Ok((String::new(), Detected::Utf16Le))
        );
    }

    #[test]
    fn utf16_odd_length() {
        let err = decode(b"\xFF\xFEa\x00\n\x00b", None).expect_err("odd length");
        assert_eq!(
            err,
            InvalidBytes {
                line: 2,
                offset: 6,
                detected: Detected::Utf16Le
            }
        );
        assert!(decode(b"\xFE\xFF\x00", None).is_err());
    }

    #[test]
    fn utf16_surrogates() {
        // U+1F600 as a pair decodes, in both byte orders.
        assert_eq!(
            decode(b"\xFF\xFE\x3D\xD8\x00\xDEx\x00", None),
            Ok(("\u{1F600}x".to_owned(), Detected::Utf16Le))
        );
        assert_eq!(
            decode(b"\xFE\xFF\xD8\x3D\xDE\x00\x00x", None),
            Ok(("\u{1F600}x".to_owned(), Detected::Utf16Be))
        );
        // A lone high surrogate, then a lone low surrogate.
        let err = decode(b"\xFF\xFEa\x00\n\x00\x3D\xD8b\x00", None).expect_err("unpaired");
        assert_eq!(
            err,
            InvalidBytes {
                line: 2,
                offset: 6,
                detected: Detected::Utf16Le
            }
        );
        let err = decode(b"\xFE\xFF\xDE\x00", None).expect_err("unpaired");
        assert_eq!(err.offset, 2);
        assert_eq!(err.line, 1);
        // A high surrogate at the very end.
        assert!(decode(b"\xFF\xFE\x3D\xD8", None).is_err());
    }

    #[test]
    fn forced_names() {
        for name in [
            "windows-1258",
            "WINDOWS-1258",
            "Windows-1258",
            "cp1258",
            "CP1258",
            "1258",
        ] {
            assert_eq!(name.parse::<Forced>(), Ok(Forced::Windows1258), "{name}");
        }
        let err = "latin1".parse::<Forced>().expect_err("unknown");
        assert!(err.contains("windows-1258"));
        assert!(err.contains("cp1258"));
        assert!(err.contains("1258"));
    }

    #[test]
    fn detected_names() {
        assert_eq!(Detected::Utf8.name(), "UTF-8");
        assert_eq!(Detected::Utf8Bom.name(), "UTF-8 with BOM");
        assert_eq!(Detected::Utf16Le.name(), "UTF-16LE");
        assert_eq!(Detected::Utf16Be.name(), "UTF-16BE");
        assert_eq!(Detected::Windows1258.name(), "Windows-1258");
    }

    #[test]
    fn nfc_composes() {
        assert!(matches!(nfc("Loại"), Cow::Borrowed("Loại")));
        assert!(matches!(nfc(""), Cow::Borrowed("")));
        let decomposed = "Loa\u{323}i";
        assert_eq!(nfc(decomposed), "Loại");
        assert!(matches!(nfc(decomposed), Cow::Owned(_)));
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("Khó khăn, vướng mắc"), "khokhanvuongmac");
        assert_eq!(fold("Hoà thành"), fold("Hòa thành"));
        assert_eq!(fold("Hoà thành"), "hoathanh");
        assert_eq!(fold("not_started"), "notstarted");
        assert_eq!(fold("STT"), "stt");
        assert_eq!(fold("Đang thực hiện"), "dangthuchien");
        assert_eq!(fold("đã hoàn thành"), "dahoanthanh");
        assert_eq!(fold("Kiến nghị, đề xuất"), "kiennghidexuat");
        assert_eq!(fold("Mã"), "ma");
        assert_eq!(fold("  Giá trị  "), "giatri");
        assert_eq!(fold("Loa\u{323}i"), "loai");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn lost_letter_examples() {
        for s in ["Ph?i h?p", "h?p", "Ng??i", "Vi?t Nam", "Гор?д"] {
            assert!(has_lost_letters(s), "{s}");
        }
        for s in [
            "Tại sao?",
            "a ? b",
            "?abc",
            "abc?",
            "Why?? Because",
            "1?2",
            "",
            "?",
            "??",
        ] {
            assert!(!has_lost_letters(s), "{s}");
        }
    }
}
