//! The error contract: every failure crosses the app/CLI boundary as `{code, message, field?}`.

use serde::Serialize;
use ts_rs::TS;

/// The small fixed set of error codes the UI and CLI understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The record asked for does not exist.
    NotFound,
    /// The input broke a validation rule; `field` names the input when there is one.
    InvalidInput,
    /// The input clashes with existing data (a duplicate email, an ambiguous name, say).
    Conflict,
    /// The database could not be read or written, or holds data this build cannot read.
    Storage,
    /// The database was written by a newer Leadbook and is left untouched.
    NewerSchema,
    /// A bug in Leadbook stopped the operation; nothing it started was written.
    Internal,
    /// The database file failed its integrity check at start; it was left untouched.
    Damaged,
}

/// An error as the user sees it: a code to branch on, a sentence to show, and the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(rename = "AppError")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, message).on(field)
    }

    pub fn conflict(field: &str, message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Conflict, message).on(field)
    }

    pub fn not_found(what: &str) -> Self {
        Error::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn storage(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Storage, message)
    }

    /// The same error, about `field`.
    pub fn on(mut self, field: &str) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same error with `line N: ` in front, as importers report the first bad row.
    pub fn at_line(self, line: u64) -> Self {
        Error::new(self.code, format!("line {line}: {}", self.message))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as Sqlite;
        match &e {
            // A UNIQUE, CHECK or foreign key rule in the schema said no: the data clashes with
            // what is stored, which is the caller's to fix, not a broken database.
            rusqlite::Error::SqliteFailure(f, detail) if f.code == Sqlite::ConstraintViolation => {
                let detail = detail.as_deref().unwrap_or("a database rule");
                Error::new(
                    ErrorCode::Conflict,
                    format!("That clashes with data already saved ({detail})"),
                )
            }
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, Sqlite::DatabaseBusy | Sqlite::DatabaseLocked) =>
            {
                Error::storage(
                    "The database is busy (another Leadbook process is writing); nothing was \
                     changed, try again in a moment",
                )
            }
            // A stored value this build cannot read (an unknown enum word, say): corruption or a
            // hand edit, reported rather than silently defaulted.
            rusqlite::Error::FromSqlConversionFailure(col, _, inner) => Error::storage(format!(
                "stored data cannot be read (column {col}): {inner}"
            )),
            _ => Error::storage(format!("database error: {e}")),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::storage(format!("file error: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_violations_are_conflicts() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x TEXT UNIQUE); INSERT INTO t VALUES ('a');")
            .unwrap();
        let e: Error = conn
            .execute("INSERT INTO t VALUES ('a')", [])
            .unwrap_err()
            .into();
        assert_eq!(e.code, ErrorCode::Conflict);
        assert!(
            e.message.contains("UNIQUE constraint failed: t.x"),
            "{}",
            e.message
        );
    }

    #[test]
    fn other_sqlite_errors_are_storage() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let e: Error = conn
            .execute("SELECT * FROM nowhere", [])
            .unwrap_err()
            .into();
        assert_eq!(e.code, ErrorCode::Storage);
    }

    #[test]
    fn at_line_prefixes_the_message_and_keeps_the_code() {
        let e = Error::invalid("name", "Name is required").at_line(7);
        assert_eq!(e.message, "line 7: Name is required");
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(e.field, None);
    }
}
