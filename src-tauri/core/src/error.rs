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
    /// The input clashes with existing data (a duplicate email, say).
    Conflict,
    /// The database could not be read or written.
    Storage,
    /// The database was written by a newer Leadbook and is left untouched.
    NewerSchema,
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
        Error {
            code: ErrorCode::InvalidInput,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn conflict(field: &str, message: impl Into<String>) -> Self {
        Error {
            code: ErrorCode::Conflict,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Error::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn storage(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Storage, message)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::storage(format!("database error: {e}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::storage(format!("file error: {e}"))
    }
}
