//! The roster rules: what a valid person is.

use std::str::FromStr;

use chrono::NaiveDate;

use super::model::{PersonInput, MAX_NAME_CHARS, MAX_NOTES_CHARS, MAX_SHORT_TEXT_CHARS};
use crate::error::{Error, Result};
use crate::text;
use crate::time::optional_date_field;

/// A validated, normalised person: trimmed text, `None` for blanks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Valid {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    pub start_date: Option<String>,
    pub timezone: Option<String>,
    pub notes: String,
}

/// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

/// Validates a person against the roster rules. `today` is the user's local date.
pub(super) fn validate(input: &PersonInput, today: NaiveDate) -> Result<Valid> {
    let name = text::required_line("name", "Name", &input.name, MAX_NAME_CHARS)?;
    let email = input
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    if let Some(e) = email {
        if !is_valid_email(e) {
            return Err(Error::invalid(
                "email",
                format!("\"{e}\" is not a valid email address"),
            ));
        }
    }
    let short = |field: &str, label: &str, v: &Option<String>| {
        text::optional_line(field, label, v.as_deref(), MAX_SHORT_TEXT_CHARS)
    };
    let title = short("title", "Title", &input.title)?;
    let team = short("team", "Team", &input.team)?;
    let level = short("level", "Level", &input.level)?;
    let start_date = optional_date_field("start_date", input.start_date.as_deref())?;
    if start_date.is_some_and(|d| d > today) {
        return Err(Error::invalid(
            "start_date",
            "Start date cannot be in the future",
        ));
    }
    let timezone = short("timezone", "Time zone", &input.timezone)?;
    if let Some(tz) = &timezone {
        if chrono_tz::Tz::from_str(tz).is_err() {
            return Err(Error::invalid(
                "timezone",
                format!("\"{tz}\" is not an IANA time zone (e.g. Europe/Berlin)"),
            ));
        }
    }
    let notes = input.notes.clone().unwrap_or_default();
    text::prose("notes", "Notes", &notes, MAX_NOTES_CHARS)?;
    Ok(Valid {
        name,
        email: email.map(str::to_owned),
        title,
        team,
        level,
        start_date: start_date.map(|d| d.to_string()),
        timezone,
        notes,
    })
}
