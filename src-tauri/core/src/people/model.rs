//! The roster's types as they cross the boundary.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
pub const MAX_NOTES_CHARS: usize = 100_000;

/// A person on the manager's team, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    /// Free text for now ("L4", "Senior"); career ladders replace it later.
    pub level: Option<String>,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub timezone: Option<String>,
    /// Manager-only notes, never shared.
    pub notes: String,
    /// UTC instant the person was archived; `null` while active.
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the user typed when adding or editing a person. Blank optional fields mean "none".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub team: Option<String>,
    pub level: Option<String>,
    pub start_date: Option<String>,
    pub timezone: Option<String>,
    pub notes: Option<String>,
}

/// Which people to list.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct PeopleQuery {
    /// Case-insensitive text matched against name, email, title and team.
    pub filter: Option<String>,
    pub include_archived: bool,
}

/// The outcome of a roster import.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReport {
    pub added: u32,
}
