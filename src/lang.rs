//! The two languages of everything a person reads: which one a run speaks, and the
//! words it uses outside diagnostics (whose sentences live in [`crate::diag::message`]).
//!
//! What a person reads follows `--lang`, else `KTPLAN_LANG`, else the plan's
//! `language`, else Vietnamese. What goes into the repository (a form, the canonical
//! file of `import`) follows `--lang` typed on that command line, else the plan's
//! `language`: the environment changes what a person reads, never what is committed.

use anyhow::{Result, bail};

/// A language ktplan speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese: the language of the plan and of its users.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The code written in plan.toml and on the command line: `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language a code names: `vi`, `en`, or a locale such as `vi_VN.UTF-8`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let base = code.split(['_', '-', '.']).next().unwrap_or("");
        match base {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The Vietnamese or the English of a pair of words.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The languages a run was asked for, before the plan is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Choice {
    /// `--lang` typed on the command line.
    pub typed: Option<Lang>,
    /// `KTPLAN_LANG` in the environment.
    pub env: Option<Lang>,
}

impl Choice {
    /// The choice of a command line: `typed` and the environment's `KTPLAN_LANG`.
    pub fn new(typed: Option<Lang>) -> Result<Choice> {
        let env = match std::env::var("KTPLAN_LANG") {
            Ok(value) if value.trim().is_empty() => None,
            Ok(value) => match Lang::from_code(&value) {
                Some(lang) => Some(lang),
                None => {
                    bail!("KTPLAN_LANG=\"{value}\" names no language ktplan speaks: use vi or en")
                }
            },
            Err(_) => None,
        };
        Ok(Choice { typed, env })
    }

    /// The language of what a person reads, for a plan written in `plan`.
    pub fn reading(self, plan: Option<Lang>) -> Lang {
        self.typed.or(self.env).or(plan).unwrap_or_default()
    }

    /// The language of what goes into the repository, for a plan written in `plan`.
    pub fn committing(self, plan: Option<Lang>) -> Lang {
        self.typed.or(plan).unwrap_or_default()
    }
}

/// `1 lỗi` / `1 error`, `2 lỗi` / `2 errors`: Vietnamese nouns have no plural.
pub fn count(lang: Lang, n: usize, vi: &str, one: &str, many: &str) -> String {
    match lang {
        Lang::Vi => format!("{n} {vi}"),
        Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_locales_name_a_language() {
        assert_eq!(Lang::from_code("vi"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }

    #[test]
    fn the_environment_never_decides_what_is_committed() {
        let choice = Choice {
            typed: None,
            env: Some(Lang::En),
        };
        assert_eq!(choice.reading(Some(Lang::Vi)), Lang::En);
        assert_eq!(choice.committing(Some(Lang::Vi)), Lang::Vi);
        assert_eq!(choice.committing(None), Lang::Vi);
        let typed = Choice {
            typed: Some(Lang::En),
            env: Some(Lang::Vi),
        };
        assert_eq!(typed.reading(Some(Lang::Vi)), Lang::En);
        assert_eq!(typed.committing(Some(Lang::Vi)), Lang::En);
    }
}
