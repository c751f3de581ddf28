//! Enums stored as text: one declaration gives the words, the SQL conversions, and an error
//! (not a silent default) when the stored word is unknown.

/// `stored_enum!(Cadence { Weekly = "weekly", Biweekly = "biweekly" })` implements `as_str`,
/// `parse`, `ALL`, `ToSql` and `FromSql` for an enum declared next to it. Reading an unknown word
/// fails with a storage error naming the enum and the word.
#[macro_export]
macro_rules! stored_enum {
    ($name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored in SQLite (and used in files and on the command line).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(word: &str) -> Option<$name> {
                match word {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let word = value.as_str()?;
                $name::parse(word).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("unknown {} \"{word}\"", stringify!($name)).into(),
                    )
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::error::{Error, ErrorCode};

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Colour {
        Red,
        Blue,
    }
    stored_enum!(Colour { Red = "red", Blue = "blue" });

    #[test]
    fn round_trips_and_refuses_unknown_words() {
        let conn = Connection::open_in_memory().unwrap();
        let back: Colour = conn
            .query_row("SELECT ?1", [Colour::Blue], |r| r.get(0))
            .unwrap();
        assert_eq!(back, Colour::Blue);
        assert_eq!(Colour::ALL, &[Colour::Red, Colour::Blue]);
        let e: Error = conn
            .query_row("SELECT 'green'", [], |r| r.get::<_, Colour>(0))
            .unwrap_err()
            .into();
        assert_eq!(e.code, ErrorCode::Storage);
        assert!(
            e.message.contains("unknown Colour \"green\""),
            "{}",
            e.message
        );
    }
}
