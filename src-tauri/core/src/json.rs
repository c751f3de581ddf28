//! JSON stored in TEXT columns (lists of questions, table cells, revision snapshots).

use serde::{de::DeserializeOwned, Serialize};

use crate::error::{Error, Result};

pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::storage(format!("cannot store JSON: {e}")))
}

/// Reads stored JSON; `what` names it in the error ("template questions").
pub fn from_text<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| Error::storage(format!("stored {what} cannot be read: {e}")))
}
