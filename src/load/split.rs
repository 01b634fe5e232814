//! Splits CSV text into records the way csv-core reads it with its default settings:
//! fields quoted with `"`, a quote inside doubled, records ended by LF, CR or CRLF, blank
//! lines skipped, and malformed quoting read leniently (text after a closing quote joins
//! the field; a quote left open runs to the end). Unlike csv-core it copies nothing it
//! need not: a field is a slice of the text unless it holds a doubled quote or text
//! after its closing quote. As it goes it counts what the rules ask of a record: its line
//! ends and its quotes, so that no record is read twice. `tests::same_records_as_csv_core`
//! holds the two readers to the same records on every short text of the bytes that
//! matter.

use std::borrow::Cow;

/// Where a record lies in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// The offset of its first byte.
    pub start: usize,
    /// The offset just past its last byte, before the line end that closes it.
    pub end: usize,
    /// How many fields it has, including any not kept.
    pub fields: usize,
    /// The line ends inside it (in quoted fields): LF, CRLF and a CR alone each one.
    pub line_ends: usize,
    /// The quotes in it, opening, closing, doubled or stray.
    pub quotes: usize,
}

/// Reads records one after the other from a text.
pub(crate) struct Splitter<'a> {
    text: &'a str,
    delimiter: u8,
    at: usize,
    /// The bytes that stop a field that is not quoted, or that it counts: the delimiter,
    /// the line ends and the quote.
    stops: [bool; 256],
    /// What the record being read holds so far ([`Span`]).
    line_ends: usize,
    quotes: usize,
}

/// What ended a field.
enum FieldEnd {
    Delimiter,
    Record,
}

impl<'a> Splitter<'a> {
    /// A splitter at the start of `text`. `delimiter` must be an ASCII byte other than a
    /// quote or a line end, so that every field is whole characters.
    pub(crate) fn new(text: &'a str, delimiter: u8) -> Splitter<'a> {
        debug_assert!(delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n'));
        let mut stops = [false; 256];
        for b in [delimiter, b'\r', b'\n', b'"'] {
            stops[usize::from(b)] = true;
        }
        Splitter {
            text,
            delimiter,
            at: 0,
            stops,
            line_ends: 0,
            quotes: 0,
        }
    }

    /// Reads the next record, adding at most `keep` of its fields to the end of `fields`;
    /// `None` at the end of the text.
    pub(crate) fn next_record(
        &mut self,
        fields: &mut Vec<Cow<'a, str>>,
        keep: usize,
    ) -> Option<Span> {
        let most = fields.len().saturating_add(keep);
        let bytes = self.text.as_bytes();
        // Blank lines are no records.
        let skipped = bytes[self.at..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))?;
        let start = self.at + skipped;
        self.at = start;
        let mut count = 0;
        (self.line_ends, self.quotes) = (0, 0);
        loop {
            let (field, end) = self.field();
            count += 1;
            if fields.len() < most {
                fields.push(field);
            }
            if let FieldEnd::Record = end {
                break;
            }
        }
        Some(Span {
            start,
            end: self.at,
            fields: count,
            line_ends: self.line_ends,
            quotes: self.quotes,
        })
    }

    /// Reads the field at the current offset, leaving the offset after the delimiter that
    /// ends it, or at the line end (or end of text) that ends the record.
    fn field(&mut self) -> (Cow<'a, str>, FieldEnd) {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let start = self.at;
        if bytes.get(start) != Some(&b'"') {
            let end = self.unquoted_end(start);
            return (Cow::Borrowed(&text[start..end]), self.end_at(end));
        }
        // A quoted field: pieces between quotes, a doubled quote standing for one.
        self.quotes += 1;
        let mut owned: Option<String> = None;
        let (mut piece_start, mut scan) = (start + 1, start + 1);
        loop {
            let Some(stop) = memchr::memchr3(b'"', b'\n', b'\r', &bytes[scan..]).map(|i| scan + i)
            else {
                // A quote left open runs to the end of the text.
                let field = join(owned, &text[piece_start..]);
                self.at = bytes.len();
                return (field, FieldEnd::Record);
            };
            scan = stop + 1;
            match bytes[stop] {
                b'\n' => {
                    self.line_ends += 1;
                    continue;
                }
                b'\r' => {
                    // A CR before an LF is the LF's line end.
                    self.line_ends += usize::from(bytes.get(scan) != Some(&b'\n'));
                    continue;
                }
                _ => self.quotes += 1,
            }
            let quote = stop;
            let piece = &text[piece_start..quote];
            match bytes.get(quote + 1) {
                Some(b'"') => {
                    self.quotes += 1;
                    let kept = owned.get_or_insert_with(String::new);
                    kept.push_str(piece);
                    kept.push('"');
                    (piece_start, scan) = (quote + 2, quote + 2);
                }
                Some(&b) if b == self.delimiter || matches!(b, b'\r' | b'\n') => {
                    return (join(owned, piece), self.end_at(quote + 1));
                }
                None => return (join(owned, piece), self.end_at(quote + 1)),
                Some(_) => {
                    // Text after the closing quote joins the field, quotes and all, up to
                    // the delimiter or line end.
                    let end = self.unquoted_end(quote + 1);
                    let mut kept = owned.unwrap_or_default();
                    kept.push_str(piece);
                    kept.push_str(&text[quote + 1..end]);
                    return (Cow::Owned(kept), self.end_at(end));
                }
            }
        }
    }

    /// The offset of the delimiter or line end at or after `from`, or the end of the text;
    /// a quote on the way is text, and counted. Fields are short, so rather than a
    /// vectorised search (whose start costs more than such a field), eight bytes at a
    /// time are looked at in a word until one of them is a delimiter, line end or quote.
    fn unquoted_end(&mut self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = from;
        loop {
            while let Some(word) = bytes.get(at..at + 8).and_then(|w| w.try_into().ok()) {
                let stops = self.stops_in(u64::from_le_bytes(word));
                if stops != 0 {
                    // The lowest byte found is a stop (see `stops_in`).
                    at += (stops.trailing_zeros() / 8) as usize;
                    break;
                }
                at += 8;
            }
            let Some(&b) = bytes.get(at) else {
                return bytes.len();
            };
            if self.stops[usize::from(b)] {
                if b != b'"' {
                    return at;
                }
                self.quotes += 1;
            }
            at += 1;
        }
    }

    /// The high bit of each byte of `word` that may be the delimiter, a line end or a
    /// quote. The lowest one set always is; those above it may not be (a borrow from
    /// the byte below can set them), which is why only the lowest is taken.
    fn stops_in(&self, word: u64) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
        let is = |b: u8| zero_bytes(word ^ (ONES * u64::from(b)));
        is(self.delimiter) | is(b'\n') | is(b'\r') | is(b'"')
    }

    /// Moves past the byte at `end` that ends a field: a delimiter is consumed, a line end
    /// or the end of the text ends the record.
    fn end_at(&mut self, end: usize) -> FieldEnd {
        match self.text.as_bytes().get(end) {
            Some(&b) if b == self.delimiter => {
                self.at = end + 1;
                FieldEnd::Delimiter
            }
            _ => {
                self.at = end;
                FieldEnd::Record
            }
        }
    }
}

/// The pieces of a field read so far and its last piece, as one.
fn join<'a>(owned: Option<String>, last: &'a str) -> Cow<'a, str> {
    match owned {
        None => Cow::Borrowed(last),
        Some(mut kept) => {
            kept.push_str(last);
            Cow::Owned(kept)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record `reader` (csv-core) reads from `text`, as its fields.
    fn csv_core_records(reader: &mut csv_core::Reader, text: &str) -> Vec<Vec<String>> {
        reader.reset();
        let (mut input, mut out, mut ends) = (text.as_bytes(), vec![0u8; 4096], vec![0; 64]);
        let (mut used, mut count) = (0, 0);
        let mut records = Vec::new();
        loop {
            let (result, read, written, ended) =
                reader.read_record(input, &mut out[used..], &mut ends[count..]);
            input = &input[read..];
            (used, count) = (used + written, count + ended);
            match result {
                csv_core::ReadRecordResult::Record => {
                    let mut start = 0;
                    let fields = ends[..count]
                        .iter()
                        .map(|&end| {
                            let field = String::from_utf8(out[start..end].to_vec()).unwrap();
                            start = end;
                            field
                        })
                        .collect();
                    (used, count) = (0, 0);
                    records.push(fields);
                }
                csv_core::ReadRecordResult::End => return records,
                csv_core::ReadRecordResult::InputEmpty => {}
                full => panic!("buffers too small: {full:?}"),
            }
        }
    }

    /// Holds the splitter to csv-core on `text`, at each reader's delimiter.
    fn assert_split_as_csv_core(readers: &mut [(u8, csv_core::Reader)], text: &str) {
        for (delimiter, reader) in readers {
            assert_eq!(
                split(text, *delimiter),
                csv_core_records(reader, text),
                "{text:?} split at {:?}",
                *delimiter as char
            );
        }
    }

    fn split(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut splitter = Splitter::new(text, delimiter);
        let mut fields = Vec::new();
        let mut records = Vec::new();
        let mut last: Option<Span> = None;
        let line_ends =
            |range: std::ops::Range<usize>| crate::load::text::line_ends(&text.as_bytes()[range]);
        loop {
            fields.clear();
            let Some(span) = splitter.next_record(&mut fields, usize::MAX) else {
                break;
            };
            assert_eq!(span.fields, fields.len());
            let raw = &text.as_bytes()[span.start..span.end];
            let quotes = raw.iter().filter(|&&b| b == b'"').count();
            assert_eq!(
                (span.quotes, span.line_ends),
                (quotes, line_ends(span.start..span.end)),
                "{text:?}"
            );
            // The lines from one record's start to the next are those inside it and
            // those after its end: no line end straddles the end (`parse` counts so).
            if let Some(last) = last {
                assert_eq!(
                    line_ends(last.start..span.start),
                    last.line_ends + line_ends(last.end..span.start),
                    "{text:?}"
                );
            }
            last = Some(span);
            records.push(fields.iter().map(ToString::to_string).collect());
        }
        records
    }

    /// Every text of up to seven of the bytes a CSV reader tells apart (a letter, both
    /// delimiters, a quote, both line ends, and a two-byte letter) is split into the same
    /// records as csv-core splits it, at either delimiter: 960,000 texts, malformed ones
    /// included.
    #[test]
    fn same_records_as_csv_core() {
        let alphabet = ["a", ",", ";", "\"", "\r", "\n", "ă"];
        let mut readers =
            [b',', b';'].map(|d| (d, csv_core::ReaderBuilder::new().delimiter(d).build()));
        let mut text = String::new();
        for length in 0..=7u32 {
            for n in 0..alphabet.len().pow(length) {
                text.clear();
                let mut rest = n;
                for _ in 0..length {
                    text.push_str(alphabet[rest % alphabet.len()]);
                    rest /= alphabet.len();
                }
                assert_split_as_csv_core(&mut readers, &text);
            }
        }
    }

    /// Longer texts, where fields are read eight bytes at a time, split as csv-core
    /// splits them: 40,000 texts of up to 80 bytes drawn from the same bytes, with
    /// letters more likely, from a fixed seed.
    #[test]
    fn long_texts_split_as_csv_core_does() {
        let alphabet = [
            "a", "a", "a", "b", ",", ";", "\"", "\r", "\n", "ă", " ", "ệ",
        ];
        let mut readers =
            [b',', b';'].map(|d| (d, csv_core::ReaderBuilder::new().delimiter(d).build()));
        let mut seed: u64 = 2629;
        let mut next = |below: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or(0) % below
        };
        let mut text = String::new();
        for _ in 0..40_000 {
            text.clear();
            for _ in 0..next(80) {
                text.push_str(alphabet[next(alphabet.len())]);
            }
            assert_split_as_csv_core(&mut readers, &text);
        }
    }

    #[test]
    fn a_record_spans_its_fields_and_not_its_line_end() {
        let text = "\r\n\"a\r\nb\",c\r\n\r\nd";
        let mut splitter = Splitter::new(text, b',');
        let mut fields = Vec::new();
        let first = splitter.next_record(&mut fields, 1).unwrap();
        assert_eq!(&text[first.start..first.end], "\"a\r\nb\",c");
        assert_eq!((first.fields, fields.len()), (2, 1));
        assert_eq!(fields[0], "a\r\nb");
        fields.clear();
        let second = splitter.next_record(&mut fields, 8).unwrap();
        assert_eq!(&text[second.start..second.end], "d");
        assert!(splitter.next_record(&mut fields, 8).is_none());
    }
}
