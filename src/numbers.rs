//! How numbers, values in their unit of measure and targets are written, in one place
//! for every output: plain in listings, tables and data (`0,94`, `≥ 40`), and as
//! documents write them in the annual report and the site (`1.234,5` in Vietnamese,
//! `1,234.5` in English; `từ 3% đến 5%`).

use crate::annual::words::Phrase;
use crate::lang::Lang;
use crate::model::{MeasureUnit, Target};

/// A number rounded to two decimals, without needless zeros and without grouping:
/// `0,94` in Vietnamese, `0.94` in English.
pub(crate) fn number(lang: Lang, value: f64) -> String {
    let text = ((value * 100.0).round() / 100.0).to_string();
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A plain number with a `%` after it for a percentage: `37%`, `2`.
pub(crate) fn with_unit(value: f64, unit: &MeasureUnit, lang: Lang) -> String {
    match unit {
        MeasureUnit::Percent => format!("{}%", number(lang, value)),
        _ => number(lang, value),
    }
}

/// A target's bound, each value written by `value`: `≥ 40`, `≤ 5`, `3–5`.
pub(crate) fn bound(target: &Target, value: impl Fn(f64) -> String) -> String {
    match (target.min, target.max) {
        (Some(min), Some(max)) => format!("{}–{}", value(min), value(max)),
        (Some(min), None) => format!("≥ {}", value(min)),
        (None, Some(max)) => format!("≤ {}", value(max)),
        (None, None) => String::new(),
    }
}

/// A target with its year, plain: `2025: ≥ 40`, `2030: 3–5` (`0,5` in Vietnamese).
pub(crate) fn target_text(target: &Target, lang: Lang) -> String {
    format!("{}: {}", target.year, bound(target, |v| number(lang, v)))
}

/// An indicator's unit of measure as a listing shows it: `%`, a count, or the plan's
/// words.
pub(crate) fn measure_unit(lang: Lang, unit: &MeasureUnit) -> String {
    match unit {
        MeasureUnit::Count => lang.pick("số lượng", "count").into(),
        other => other.as_str().to_string(),
    }
}

/// A number as documents write it, at most two decimals: `18.500,25` in Vietnamese
/// (`,` decimal mark, `.` between thousands), `18,500.25` in English.
pub(crate) fn number_words(lang: Lang, value: f64) -> String {
    let (thousands, decimal) = lang.pick(('.', ','), (',', '.'));
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let text = format!("{:.2}", rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(digit);
    }
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// A value with its unit of measure, as documents write it: `37%`, `2`,
/// `1.200 triệu đồng`.
pub(crate) fn value_words(lang: Lang, value: f64, unit: &MeasureUnit) -> String {
    let number = number_words(lang, value);
    match unit {
        MeasureUnit::Percent => format!("{number}%"),
        MeasureUnit::Count => number,
        MeasureUnit::Other(other) if other.is_empty() => number,
        MeasureUnit::Other(other) => format!("{number} {other}"),
    }
}

/// A target's bound in a document's words: `≥ 40%`, `≤ 5`, `từ 3% đến 5%`.
pub(crate) fn target_words(lang: Lang, target: &Target, unit: &MeasureUnit) -> String {
    let value = |v: f64| value_words(lang, v, unit);
    match (target.min, target.max) {
        (Some(min), Some(max)) => Phrase::Between {
            min: &value(min),
            max: &value(max),
        }
        .say(lang),
        _ => bound(target, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(number_words(Lang::Vi, 41.5), "41,5");
        assert_eq!(number_words(Lang::Vi, 18500.25), "18.500,25");
        assert_eq!(number_words(Lang::Vi, 2.0), "2");
        assert_eq!(number_words(Lang::Vi, 1234567.0), "1.234.567");
        assert_eq!(number_words(Lang::Vi, 0.333333), "0,33");
        assert_eq!(number_words(Lang::En, 18500.25), "18,500.25");
        assert_eq!(number_words(Lang::En, -0.5), "-0.5");
    }

    #[test]
    fn values_carry_their_unit_in_each_language() {
        let money = MeasureUnit::Other("triệu đồng".into());
        assert_eq!(value_words(Lang::Vi, 37.0, &MeasureUnit::Percent), "37%");
        assert_eq!(value_words(Lang::Vi, 1200.0, &money), "1.200 triệu đồng");
        assert_eq!(value_words(Lang::En, 1200.5, &money), "1,200.5 triệu đồng");
    }

    #[test]
    fn targets_read_the_same_in_listings_and_documents() {
        let range = Target {
            year: 2030,
            min: Some(3.0),
            max: Some(5.5),
        };
        let floor = Target {
            year: 2025,
            min: Some(40.0),
            max: None,
        };
        let percent = MeasureUnit::Percent;
        assert_eq!(target_text(&range, Lang::Vi), "2030: 3–5,5");
        assert_eq!(target_text(&range, Lang::En), "2030: 3–5.5");
        assert_eq!(target_words(Lang::Vi, &range, &percent), "từ 3% đến 5,5%");
        assert_eq!(target_words(Lang::En, &range, &percent), "from 3% to 5.5%");
        assert_eq!(target_words(Lang::Vi, &floor, &percent), "≥ 40%");
    }
}
