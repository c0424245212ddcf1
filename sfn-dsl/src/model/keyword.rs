//! Enumerated string settings (`"Mode": "DISTRIBUTED"`, `"InputType": "CSV"`, …).

/// Defines an enum of ASL keywords with an `Other(String)` fallback, so that a value AWS
/// adds later (or a typo) still parses and is reported by the validator instead.
macro_rules! keyword_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $(#[$first_meta:meta])* $first:ident = $first_spelling:literal
            $(, $(#[$variant_meta:meta])* $variant:ident = $spelling:literal )* $(,)?
        }
    ) => {
        $crate::model::keyword::keyword_enum!(@define ($first = $first_spelling)
            $(#[$meta])*
            #[doc = ""]
            #[doc = "# Examples"]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("use sfn_dsl::model::", stringify!($name), ";")]
            #[doc = ""]
            #[doc = concat!("let parsed = ", stringify!($name), "::parse(", stringify!($first_spelling), ");")]
            #[doc = concat!("assert_eq!(parsed, ", stringify!($name), "::", stringify!($first), ");")]
            #[doc = concat!("assert_eq!(parsed.to_string(), ", stringify!($first_spelling), ");")]
            #[doc = "// A value AWS does not define still parses; the validator reports it."]
            #[doc = concat!("assert_eq!(", stringify!($name), "::parse(\"nope\"), ", stringify!($name), "::Other(\"nope\".to_owned()));")]
            #[doc = "```"]
            $name { $(#[$first_meta])* $first = $first_spelling $(, $(#[$variant_meta])* $variant = $spelling )* }
        );
    };
    (@define ($example:ident = $example_spelling:literal)
        $(#[$meta:meta])*
        $name:ident { $( $(#[$variant_meta:meta])* $variant:ident = $spelling:literal ),+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value AWS does not define (reported by the validator).
            Other(String),
        }

        impl $name {
            /// Every value AWS defines, spelled as in ASL.
            pub const KNOWN: &'static [&'static str] = &[$($spelling),+];

            /// The spelling used in ASL.
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("use sfn_dsl::model::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($example), ".as_str(), ", stringify!($example_spelling), ");")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::Other(\"later\".to_owned()).as_str(), \"later\");")]
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $spelling, )+
                    Self::Other(text) => text,
                }
            }

            /// Classifies a spelling (case-sensitive).
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("use sfn_dsl::model::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::parse(", stringify!($example_spelling), "), ", stringify!($name), "::", stringify!($example), ");")]
            #[doc = concat!("let other = ", stringify!($name), "::parse(&", stringify!($example_spelling), ".to_lowercase());")]
            #[doc = concat!("assert!(matches!(other, ", stringify!($name), "::Other(_))); // case-sensitive")]
            /// ```
            #[must_use]
            pub fn parse(text: &str) -> Self {
                match text {
                    $( $spelling => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use keyword_enum;
