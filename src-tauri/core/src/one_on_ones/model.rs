//! The 1:1 types as they cross the boundary, and the words their enums are stored as.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::Person;
use crate::stored_enum;

pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_NOTES_CHARS: usize = 200_000;
pub const MAX_TEMPLATE_NAME_CHARS: usize = 80;
pub const MAX_TEMPLATE_QUESTIONS: usize = 30;
pub const MAX_QUESTION_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Biweekly,
    Monthly,
}
stored_enum!(Cadence {
    Weekly = "weekly",
    Biweekly = "biweekly",
    Monthly = "monthly"
});

impl Cadence {
    /// The date the next 1:1 is due after one on `last`. Monthly means the same day next month
    /// (clamped to the month's end), as people schedule it.
    pub fn next_after(self, last: NaiveDate) -> NaiveDate {
        match self {
            Cadence::Weekly => last + chrono::Days::new(7),
            Cadence::Biweekly => last + chrono::Days::new(14),
            Cadence::Monthly => last.checked_add_months(Months::new(1)).unwrap_or(last),
        }
    }
}

/// Where a person stands against their cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// No 1:1 yet: due now.
    NeverMet,
    OnTrack,
    /// Due within the next two days.
    DueSoon,
    /// Due today.
    Due,
    /// Past the due date.
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CadenceStatus {
    pub cadence: Cadence,
    pub last_date: Option<String>,
    #[ts(type = "number | null")]
    pub days_since_last: Option<i64>,
    pub next_due: Option<String>,
    pub state: DueState,
}

/// A person's 1:1 settings: how often, and which agenda template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OneOnOneSettings {
    pub person_id: String,
    pub cadence: Cadence,
    pub template_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Mine,
    Theirs,
}
stored_enum!(Author {
    Mine = "mine",
    Theirs = "theirs"
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TalkingPoint {
    pub id: String,
    pub person_id: String,
    pub text: String,
    pub author: Author,
    /// The 1:1 it was brought into; `null` while queued.
    pub meeting_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Me,
    Them,
}
stored_enum!(Owner {
    Me = "me",
    Them = "them"
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActionItem {
    pub id: String,
    pub person_id: String,
    pub text: String,
    pub owner: Owner,
    pub due_date: Option<String>,
    pub meeting_id: Option<String>,
    pub done_at: Option<String>,
    pub created_at: String,
    /// Open and past its due date (relative to the day asked).
    pub overdue: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct NewAction {
    pub person_id: String,
    pub text: String,
    pub owner: Owner,
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub meeting_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Meeting {
    pub id: String,
    pub person_id: String,
    pub date: String,
    pub agenda: String,
    pub shared_notes: String,
    /// Never leaves the machine in an export unless the user explicitly asks.
    pub private_notes: String,
    pub mood: Option<u8>,
    pub energy: Option<u8>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the notes editor saves (autosave sends the whole state each time; saving is idempotent).
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct NotesInput {
    pub agenda: String,
    pub shared_notes: String,
    pub private_notes: String,
    pub mood: Option<u8>,
    pub energy: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Achieved,
    Dropped,
}
stored_enum!(GoalStatus {
    NotStarted = "not_started",
    InProgress = "in_progress",
    Achieved = "achieved",
    Dropped = "dropped"
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Goal {
    pub id: String,
    pub person_id: String,
    pub title: String,
    pub status: GoalStatus,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub questions: Vec<String>,
    /// Shipped with Leadbook (and editable like any other).
    pub builtin: bool,
    /// How many people have it assigned (a delete leaves them without one).
    pub used_by: u32,
}

/// A template as the user edits it: a name and its questions, one per entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct TemplateInput {
    pub name: String,
    pub questions: Vec<String>,
}

/// Everything a manager needs five minutes before a 1:1, in one query.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Prep {
    pub person: Person,
    pub status: CadenceStatus,
    pub template_name: Option<String>,
    pub last_meeting: Option<Meeting>,
    pub open_actions: Vec<ActionItem>,
    pub talking_points: Vec<TalkingPoint>,
    pub suggested_questions: Vec<String>,
    pub goals: Vec<Goal>,
    /// What changed since the last 1:1, one line each ("Done: …", "Goal … is now achieved").
    pub since_last: Vec<String>,
}

/// One line of the Today / This week dashboard.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DueEntry {
    pub person_id: String,
    pub name: String,
    pub status: CadenceStatus,
}

/// What a 1:1 export renders: a person's 1:1s in a date range, oldest first, with their
/// action items.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OneOnOneExport {
    pub person: Person,
    pub from: Option<String>,
    pub to: Option<String>,
    pub meetings: Vec<Meeting>,
    pub actions: Vec<ActionItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A meeting's agenda and shared notes.
    Meeting,
    /// A meeting's private notes.
    Private,
    Point,
    Action,
}
stored_enum!(NoteKind {
    Meeting = "meeting",
    Private = "private",
    Point = "point",
    Action = "action"
});

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteHit {
    pub kind: NoteKind,
    /// The meeting, talking point or action item.
    pub ref_id: String,
    pub person_id: String,
    pub person_name: String,
    pub date: String,
    /// Matched text with `\u0002`…`\u0003` around each hit (see `search::HIGHLIGHT_START`).
    pub snippet: String,
}
