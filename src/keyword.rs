//! One table of keywords per enum. An enum whose values are written as fixed words
//! (`department`, `not_started`, `on_track`) is declared with [`keywords!`], each value
//! beside its word; parsing, printing, serde and the JSON schema all read that table,
//! so a word is written once.

/// Declares an enum whose values each have one keyword, with:
/// - `KEYWORDS`: every value and its keyword, in declaration order;
/// - `as_str`: the value's keyword (JSON, CSV, plan files);
/// - `from_keyword`: the value a keyword names;
/// - `Serialize`, writing the keyword;
/// - `JsonSchema`, a string that is one of the keywords, each with its value's doc.
macro_rules! keywords {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $variant_doc:literal])* $variant:ident = $keyword:literal, )+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[doc = $variant_doc])* $variant, )+
        }

        impl $name {
            /// Every value and its keyword, in declaration order.
            // Not every enum is read from a keyword, nor listed.
            #[allow(dead_code)]
            $vis const KEYWORDS: &'static [($name, &'static str)] =
                &[$(($name::$variant, $keyword)),+];

            /// The keyword of this value.
            $vis fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $keyword, )+
                }
            }

            /// The value a keyword names, if any.
            #[allow(dead_code)]
            $vis fn from_keyword(keyword: &str) -> Option<$name> {
                match keyword {
                    $( $keyword => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let one_of: Vec<serde_json::Value> = vec![$(
                    serde_json::json!({
                        "const": $keyword,
                        "description": $crate::keyword::doc(&[$($variant_doc),*]),
                        "type": "string",
                    }),
                )+];
                schemars::json_schema!({
                    "description": $crate::keyword::doc(&[$($doc),*]),
                    "oneOf": one_of,
                })
            }
        }
    };
}

pub(crate) use keywords;

/// A doc comment's lines as one description, as the schema shows it.
pub(crate) fn doc(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join(" ")
}
