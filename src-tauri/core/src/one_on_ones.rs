//! 1:1s: cadence per person, a queue of talking points, action items that carry forward from
//! meeting to meeting until done, meetings with shared and private notes, growth goals,
//! agenda/question templates, and the prep view that pulls it together.

use std::borrow::Cow;

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::people::{self, new_id, now_utc, parse_date, Person};

pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_NOTES_CHARS: usize = 200_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Biweekly,
    Monthly,
}

impl Cadence {
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "biweekly",
            Cadence::Monthly => "monthly",
        }
    }

    fn parse(s: &str) -> Cadence {
        match s {
            "biweekly" => Cadence::Biweekly,
            "monthly" => Cadence::Monthly,
            _ => Cadence::Weekly,
        }
    }

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

/// The cadence rule: due on the cadence date, "due soon" two days before, overdue after.
pub fn cadence_status(
    cadence: Cadence,
    last: Option<NaiveDate>,
    today: NaiveDate,
) -> CadenceStatus {
    let Some(last) = last else {
        return CadenceStatus {
            cadence,
            last_date: None,
            days_since_last: None,
            next_due: None,
            state: DueState::NeverMet,
        };
    };
    let next = cadence.next_after(last);
    let state = match (next - today).num_days() {
        d if d < 0 => DueState::Overdue,
        0 => DueState::Due,
        1 | 2 => DueState::DueSoon,
        _ => DueState::OnTrack,
    };
    CadenceStatus {
        cadence,
        last_date: Some(last.to_string()),
        days_since_last: Some((today - last).num_days()),
        next_due: Some(next.to_string()),
        state,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub person_id: String,
    pub cadence: Cadence,
    pub template_id: Option<String>,
}

fn ensure_person(conn: &Connection, person_id: &str) -> Result<Person> {
    people::get(conn, person_id)
}

pub fn settings(conn: &Connection, person_id: &str) -> Result<Settings> {
    ensure_person(conn, person_id)?;
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT cadence, template_id FROM one_on_one_settings WHERE person_id = ?1",
        )?
        .query_row([person_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (cadence, template_id) =
        row.map_or((Cadence::Weekly, None), |(c, t)| (Cadence::parse(&c), t));
    Ok(Settings {
        person_id: person_id.into(),
        cadence,
        template_id,
    })
}

pub fn set_settings(conn: &Connection, s: &Settings) -> Result<Settings> {
    ensure_person(conn, &s.person_id)?;
    if let Some(t) = &s.template_id {
        template(conn, t)?;
    }
    conn.execute(
        "INSERT INTO one_on_one_settings (person_id, cadence, template_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (person_id) DO UPDATE SET cadence = excluded.cadence, template_id = excluded.template_id",
        params![s.person_id, s.cadence.as_str(), s.template_id],
    )?;
    settings(conn, &s.person_id)
}

fn clean_text(field: &str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, "Write something first"));
    }
    if text.chars().count() > max {
        return Err(Error::invalid(field, format!("At most {max} characters")));
    }
    Ok(text.to_owned())
}

fn valid_date(field: &str, value: &str) -> Result<NaiveDate> {
    parse_date(value.trim()).ok_or_else(|| {
        Error::invalid(
            field,
            format!("\"{value}\" is not a real date (use YYYY-MM-DD)"),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Talking points

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Mine,
    Theirs,
}

impl Author {
    /// The stored (and displayed) word for the author.
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Mine => "mine",
            Author::Theirs => "theirs",
        }
    }

    fn parse(s: &str) -> Author {
        if s == "mine" {
            Author::Mine
        } else {
            Author::Theirs
        }
    }
}

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

fn point_from_row(r: &Row) -> rusqlite::Result<TalkingPoint> {
    let author: String = r.get(3)?;
    Ok(TalkingPoint {
        id: r.get(0)?,
        person_id: r.get(1)?,
        text: r.get(2)?,
        author: Author::parse(&author),
        meeting_id: r.get(4)?,
        created_at: r.get(5)?,
    })
}

/// Queues a talking point for the next 1:1 with this person.
pub fn add_talking_point(
    conn: &Connection,
    person_id: &str,
    text: &str,
    author: Author,
) -> Result<TalkingPoint> {
    ensure_person(conn, person_id)?;
    let text = clean_text("text", text, MAX_TEXT_CHARS)?;
    let id = new_id();
    let created_at = now_utc();
    let author_str = author.as_str();
    conn.execute(
        "INSERT INTO talking_points (id, person_id, text, author, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, person_id, text, author_str, created_at],
    )?;
    Ok(TalkingPoint {
        id,
        person_id: person_id.into(),
        text,
        author,
        meeting_id: None,
        created_at,
    })
}

/// Talking points waiting for the next 1:1, oldest first.
pub fn queued_points(conn: &Connection, person_id: &str) -> Result<Vec<TalkingPoint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, text, author, meeting_id, created_at FROM talking_points
         WHERE person_id = ?1 AND meeting_id IS NULL ORDER BY created_at, id",
    )?;
    let points = stmt
        .query_map([person_id], point_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(points)
}

// ---------------------------------------------------------------------------------------------
// Action items

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Me,
    Them,
}

impl Owner {
    /// The stored (and displayed) word for who owns an action item.
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Me => "me",
            Owner::Them => "them",
        }
    }

    fn parse(s: &str) -> Owner {
        if s == "me" {
            Owner::Me
        } else {
            Owner::Them
        }
    }
}

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

const ACTION_COLUMNS: &str =
    "id, person_id, text, owner, due_date, meeting_id, done_at, created_at";

fn action_from_row(r: &Row, today: NaiveDate) -> rusqlite::Result<ActionItem> {
    let owner: String = r.get(3)?;
    let due_date: Option<String> = r.get(4)?;
    let done_at: Option<String> = r.get(6)?;
    let overdue = done_at.is_none()
        && due_date
            .as_deref()
            .and_then(parse_date)
            .is_some_and(|d| d < today);
    Ok(ActionItem {
        id: r.get(0)?,
        person_id: r.get(1)?,
        text: r.get(2)?,
        owner: Owner::parse(&owner),
        due_date,
        meeting_id: r.get(5)?,
        done_at,
        created_at: r.get(7)?,
        overdue,
    })
}

pub fn add_action(conn: &Connection, new: &NewAction, today: NaiveDate) -> Result<ActionItem> {
    ensure_person(conn, &new.person_id)?;
    let text = clean_text("text", &new.text, MAX_TEXT_CHARS)?;
    let due = match new
        .due_date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => Some(valid_date("due_date", d)?.to_string()),
        None => None,
    };
    if let Some(m) = &new.meeting_id {
        let meeting = get_meeting(conn, m)?;
        if meeting.person_id != new.person_id {
            return Err(Error::invalid(
                "meeting_id",
                "That 1:1 is with someone else",
            ));
        }
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO action_items (id, person_id, text, owner, due_date, meeting_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            new.person_id,
            text,
            new.owner.as_str(),
            due,
            new.meeting_id,
            now_utc()
        ],
    )?;
    get_action(conn, &id, today)
}

pub fn get_action(conn: &Connection, id: &str, today: NaiveDate) -> Result<ActionItem> {
    conn.prepare_cached(&format!(
        "SELECT {ACTION_COLUMNS} FROM action_items WHERE id = ?1"
    ))?
    .query_row([id], |r| action_from_row(r, today))
    .optional()?
    .ok_or_else(|| Error::not_found("Action item"))
}

/// Marks an action item done (or open again).
pub fn set_action_done(
    conn: &Connection,
    id: &str,
    done: bool,
    today: NaiveDate,
) -> Result<ActionItem> {
    get_action(conn, id, today)?;
    let done_at = done.then(now_utc);
    conn.execute(
        "UPDATE action_items SET done_at = ?2 WHERE id = ?1",
        params![id, done_at],
    )?;
    get_action(conn, id, today)
}

/// Open action items carry forward until done: every open item, overdue first (oldest due date
/// first), then the rest by due date, then undated ones oldest first.
pub fn open_actions(
    conn: &Connection,
    person_id: &str,
    today: NaiveDate,
) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLUMNS} FROM action_items
         WHERE person_id = ?1 AND done_at IS NULL
         ORDER BY due_date IS NULL, due_date, created_at, id"
    ))?;
    let mut items: Vec<ActionItem> = stmt
        .query_map([person_id], |r| action_from_row(r, today))?
        .collect::<rusqlite::Result<_>>()?;
    // Stable: overdue ones (already in due-date order) move to the front.
    items.sort_by_key(|a| !a.overdue);
    Ok(items)
}

// ---------------------------------------------------------------------------------------------
// Meetings

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

const MEETING_COLUMNS: &str =
    "id, person_id, date, agenda, shared_notes, private_notes, mood, energy, created_at, updated_at";

fn meeting_from_row(r: &Row) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        person_id: r.get(1)?,
        date: r.get(2)?,
        agenda: r.get(3)?,
        shared_notes: r.get(4)?,
        private_notes: r.get(5)?,
        mood: r.get(6)?,
        energy: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

pub fn get_meeting(conn: &Connection, id: &str) -> Result<Meeting> {
    conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings WHERE id = ?1"
    ))?
    .query_row([id], meeting_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found("1:1"))
}

/// A person's 1:1s, newest first.
pub fn meetings(conn: &Connection, person_id: &str) -> Result<Vec<Meeting>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings WHERE person_id = ?1 ORDER BY date DESC, created_at DESC"
    ))?;
    let list = stmt
        .query_map([person_id], meeting_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

fn last_meeting(conn: &Connection, person_id: &str) -> Result<Option<Meeting>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE person_id = ?1
             ORDER BY date DESC, created_at DESC LIMIT 1"
        ))?
        .query_row([person_id], meeting_from_row)
        .optional()?)
}

/// The agenda a new 1:1 starts with: queued talking points, open action items, template questions.
pub fn compose_agenda(
    points: &[TalkingPoint],
    actions: &[ActionItem],
    questions: &[String],
) -> String {
    let mut out = String::new();
    if !points.is_empty() {
        out.push_str("## Talking points\n");
        for p in points {
            let who = p.author.as_str();
            out.push_str(&format!("- ({who}) {}\n", p.text));
        }
    }
    if !actions.is_empty() {
        out.push_str(if out.is_empty() {
            "## Open action items\n"
        } else {
            "\n## Open action items\n"
        });
        for a in actions {
            let owner = a.owner.as_str();
            let due = a
                .due_date
                .as_deref()
                .map(|d| format!(", due {d}"))
                .unwrap_or_default();
            let overdue = if a.overdue { " (overdue)" } else { "" };
            out.push_str(&format!("- [ ] {} ({owner}{due}){overdue}\n", a.text));
        }
    }
    if !questions.is_empty() {
        out.push_str(if out.is_empty() {
            "## Questions\n"
        } else {
            "\n## Questions\n"
        });
        for q in questions {
            out.push_str(&format!("- {q}\n"));
        }
    }
    out
}

/// Starts a 1:1 (today unless `date` says otherwise): the agenda is filled from the prep, and the
/// queued talking points move into this meeting. One transaction.
pub fn start_meeting(
    conn: &mut Connection,
    person_id: &str,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<Meeting> {
    let tx = conn.transaction()?;
    let meeting = start_meeting_in(&tx, person_id, date, today)?;
    tx.commit()?;
    Ok(meeting)
}

/// `start_meeting` inside a transaction the caller owns (to save notes with it atomically).
pub fn start_meeting_in(
    tx: &Connection,
    person_id: &str,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<Meeting> {
    let date = match date.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => valid_date("date", d)?,
        None => today,
    };
    if date > today {
        return Err(Error::invalid(
            "date",
            "A 1:1 cannot be recorded in the future",
        ));
    }
    ensure_day_free(tx, person_id, date, "")?;
    let prep = prep(tx, person_id, today)?;
    let agenda = compose_agenda(
        &prep.talking_points,
        &prep.open_actions,
        &prep.suggested_questions,
    );
    let id = new_id();
    let now = now_utc();
    tx.execute(
        "INSERT INTO meetings (id, person_id, date, agenda, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, person_id, date.to_string(), agenda, now],
    )?;
    tx.execute(
        "UPDATE talking_points SET meeting_id = ?1 WHERE person_id = ?2 AND meeting_id IS NULL",
        params![id, person_id],
    )?;
    get_meeting(tx, &id)
}

/// One 1:1 per person per day (other than `except`): a second one the same day would split
/// that day's notes across two records.
fn ensure_day_free(
    conn: &Connection,
    person_id: &str,
    date: NaiveDate,
    except: &str,
) -> Result<()> {
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM meetings WHERE person_id = ?1 AND date = ?2 AND id <> ?3)",
        )?
        .query_row(params![person_id, date.to_string(), except], |r| r.get(0))?;
    if taken {
        return Err(Error::conflict(
            "date",
            format!("There is already a 1:1 on {date}; add to that one instead"),
        ));
    }
    Ok(())
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

pub fn save_notes(conn: &Connection, meeting_id: &str, input: &NotesInput) -> Result<Meeting> {
    get_meeting(conn, meeting_id)?;
    for (field, text) in [
        ("agenda", &input.agenda),
        ("shared_notes", &input.shared_notes),
        ("private_notes", &input.private_notes),
    ] {
        if text.chars().count() > MAX_NOTES_CHARS {
            return Err(Error::invalid(
                field,
                format!("At most {MAX_NOTES_CHARS} characters"),
            ));
        }
    }
    for (field, v) in [("mood", input.mood), ("energy", input.energy)] {
        if v.is_some_and(|v| !(1..=5).contains(&v)) {
            return Err(Error::invalid(field, "Pick 1 to 5"));
        }
    }
    conn.prepare_cached(
        "UPDATE meetings SET agenda = ?2, shared_notes = ?3, private_notes = ?4, mood = ?5, energy = ?6,
                updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![
        meeting_id,
        input.agenda,
        input.shared_notes,
        input.private_notes,
        input.mood,
        input.energy,
        now_utc()
    ])?;
    get_meeting(conn, meeting_id)
}

/// Moves a 1:1 to the day it really happened (a 1:1 logged a day late, say). Not in the future.
pub fn set_meeting_date(
    conn: &Connection,
    meeting_id: &str,
    date: &str,
    today: NaiveDate,
) -> Result<Meeting> {
    let meeting = get_meeting(conn, meeting_id)?;
    let date = valid_date("date", date)?;
    if date > today {
        return Err(Error::invalid(
            "date",
            "A 1:1 cannot be recorded in the future",
        ));
    }
    ensure_day_free(conn, &meeting.person_id, date, meeting_id)?;
    conn.execute(
        "UPDATE meetings SET date = ?2, updated_at = ?3 WHERE id = ?1",
        params![meeting_id, date.to_string(), now_utc()],
    )?;
    get_meeting(conn, meeting_id)
}

/// Deletes a 1:1 started by mistake. Its talking points go back to the queue and its action
/// items stay (unlinked from it); only the meeting's own notes are lost. One transaction.
pub fn delete_meeting(conn: &mut Connection, meeting_id: &str) -> Result<()> {
    let tx = conn.transaction()?;
    get_meeting(&tx, meeting_id)?;
    tx.execute(
        "UPDATE talking_points SET meeting_id = NULL WHERE meeting_id = ?1",
        [meeting_id],
    )?;
    tx.execute(
        "UPDATE action_items SET meeting_id = NULL WHERE meeting_id = ?1",
        [meeting_id],
    )?;
    tx.execute("DELETE FROM meetings WHERE id = ?1", [meeting_id])?;
    tx.commit()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Growth goals

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Achieved,
    Dropped,
}

impl GoalStatus {
    fn as_str(self) -> &'static str {
        match self {
            GoalStatus::NotStarted => "not_started",
            GoalStatus::InProgress => "in_progress",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Dropped => "dropped",
        }
    }

    fn parse(s: &str) -> GoalStatus {
        match s {
            "in_progress" => GoalStatus::InProgress,
            "achieved" => GoalStatus::Achieved,
            "dropped" => GoalStatus::Dropped,
            _ => GoalStatus::NotStarted,
        }
    }
}

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

pub fn add_goal(conn: &Connection, person_id: &str, title: &str) -> Result<Goal> {
    ensure_person(conn, person_id)?;
    let title = clean_text("title", title, MAX_TEXT_CHARS)?;
    let id = new_id();
    let now = now_utc();
    conn.execute(
        "INSERT INTO growth_goals (id, person_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, person_id, title, now],
    )?;
    Ok(Goal {
        id,
        person_id: person_id.into(),
        title,
        status: GoalStatus::NotStarted,
        notes: String::new(),
        created_at: now.clone(),
        updated_at: now,
    })
}

pub fn set_goal_status(conn: &Connection, id: &str, status: GoalStatus) -> Result<()> {
    let n = conn.execute(
        "UPDATE growth_goals SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), now_utc()],
    )?;
    if n == 0 {
        return Err(Error::not_found("Goal"));
    }
    Ok(())
}

pub fn goals(conn: &Connection, person_id: &str) -> Result<Vec<Goal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, title, status, notes, created_at, updated_at FROM growth_goals
         WHERE person_id = ?1 ORDER BY created_at, id",
    )?;
    let list = stmt
        .query_map([person_id], |r| {
            Ok(Goal {
                id: r.get(0)?,
                person_id: r.get(1)?,
                title: r.get(2)?,
                status: GoalStatus::parse(&r.get::<_, String>(3)?),
                notes: r.get(4)?,
                created_at: r.get(5)?,
                updated_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

// ---------------------------------------------------------------------------------------------
// Templates

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

/// The templates Leadbook ships with; the user can edit them like their own.
const DEFAULT_TEMPLATES: [(&str, &str, &[&str]); 3] = [
    (
        "tpl-career-growth",
        "Career growth",
        &[
            "What part of your work lately has given you the most energy?",
            "Which skill do you want to be noticeably stronger at in six months?",
            "What would make the next step on the ladder feel within reach?",
            "Is there a project or stretch you would like me to look out for?",
        ],
    ),
    (
        "tpl-oncall-wellbeing",
        "On-call load and wellbeing",
        &[
            "How did your last on-call shift go? Any pages that should not have woken you?",
            "Is the on-call load fair across the team right now?",
            "Which toil would you automate first if you had a free week?",
            "How are you doing outside work? Anything I should know about?",
        ],
    ),
    (
        "tpl-feedback",
        "Feedback both ways",
        &[
            "What is one thing I could do differently to support you better?",
            "What is something from the last two weeks you are proud of?",
            "Here is one thing I appreciated and one thing to grow on. How does that land?",
            "Is anything getting in your way that I can unblock?",
        ],
    ),
];

/// Seeds the default templates once (a deleted or renamed default is never re-added).
pub fn ensure_default_templates(conn: &mut Connection) -> Result<()> {
    const FLAG: &str = "one_on_one_templates_seeded";
    let seeded: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [FLAG], |r| {
            r.get(0)
        })
        .optional()?;
    if seeded.is_some() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    let now = now_utc();
    for (id, name, questions) in DEFAULT_TEMPLATES {
        tx.execute(
            "INSERT INTO one_on_one_templates (id, name, questions, builtin, created_at, updated_at)
             VALUES (?1, ?2, ?3, 1, ?4, ?4)",
            params![id, name, serde_json::to_string(questions).expect("json"), now],
        )?;
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        params![FLAG, now],
    )?;
    tx.commit()?;
    Ok(())
}

const TEMPLATE_COLUMNS: &str = "id, name, questions, builtin,
    (SELECT count(*) FROM one_on_one_settings s WHERE s.template_id = t.id)";

type TemplateRow = (String, String, String, bool, u32);

fn template_from_row(r: &Row) -> rusqlite::Result<TemplateRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_template((id, name, questions, builtin, used_by): TemplateRow) -> Result<Template> {
    let questions = serde_json::from_str(&questions)
        .map_err(|e| Error::storage(format!("bad template: {e}")))?;
    Ok(Template {
        id,
        name,
        questions,
        builtin,
        used_by,
    })
}

pub fn templates(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM one_on_one_templates t ORDER BY name COLLATE NOCASE"
    ))?;
    let rows: Vec<_> = stmt
        .query_map([], template_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(to_template).collect()
}

pub fn template(conn: &Connection, id: &str) -> Result<Template> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {TEMPLATE_COLUMNS} FROM one_on_one_templates t WHERE id = ?1"
        ))?
        .query_row([id], template_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Template"))?;
    to_template(row)
}

/// A template as the user edits it: a name and its questions, one per entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct TemplateInput {
    pub name: String,
    pub questions: Vec<String>,
}

pub const MAX_TEMPLATE_NAME_CHARS: usize = 80;
pub const MAX_TEMPLATE_QUESTIONS: usize = 30;
pub const MAX_QUESTION_CHARS: usize = 500;

/// Trims the name and the questions, drops blank questions, and checks the limits.
fn clean_template(input: &TemplateInput) -> Result<(String, Vec<String>)> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "Give the template a name"));
    }
    if name.chars().count() > MAX_TEMPLATE_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!("At most {MAX_TEMPLATE_NAME_CHARS} characters"),
        ));
    }
    let questions: Vec<String> = input
        .questions
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .map(str::to_owned)
        .collect();
    if questions.is_empty() {
        return Err(Error::invalid(
            "questions",
            "Add at least one question (one per line)",
        ));
    }
    if questions.len() > MAX_TEMPLATE_QUESTIONS {
        return Err(Error::invalid(
            "questions",
            format!("At most {MAX_TEMPLATE_QUESTIONS} questions"),
        ));
    }
    if let Some(i) = questions
        .iter()
        .position(|q| q.chars().count() > MAX_QUESTION_CHARS)
    {
        return Err(Error::invalid(
            "questions",
            format!(
                "Question {} is longer than {MAX_QUESTION_CHARS} characters",
                i + 1
            ),
        ));
    }
    Ok((name.to_owned(), questions))
}

/// Names are unique regardless of case, so the template picker never shows two alike.
fn ensure_unique_name(conn: &Connection, name: &str, except_id: Option<&str>) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM one_on_one_templates
             WHERE lower(name) = lower(?1) AND id IS NOT ?2",
        )?
        .query_row(params![name, except_id], |r| r.get(0))
        .optional()?;
    match taken {
        Some(_) => Err(Error::conflict(
            "name",
            format!("There is already a template called “{name}”"),
        )),
        None => Ok(()),
    }
}

/// A template by id or by name (any case), as people type it on the command line.
pub fn find_template(conn: &Connection, name_or_id: &str) -> Result<Template> {
    let wanted = name_or_id.trim().to_lowercase();
    templates(conn)?
        .into_iter()
        .find(|t| t.id == wanted || t.name.to_lowercase() == wanted)
        .ok_or_else(|| {
            Error::invalid(
                "template",
                format!("No template named “{}”", name_or_id.trim()),
            )
        })
}

pub fn create_template(conn: &Connection, input: &TemplateInput) -> Result<Template> {
    let (name, questions) = clean_template(input)?;
    ensure_unique_name(conn, &name, None)?;
    let id = new_id();
    let now = now_utc();
    conn.execute(
        "INSERT INTO one_on_one_templates (id, name, questions, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![
            id,
            name,
            serde_json::to_string(&questions).expect("json"),
            now
        ],
    )?;
    template(conn, &id)
}

/// Edits a template, the shipped ones included (they are a starting point, not fixed content).
pub fn update_template(conn: &Connection, id: &str, input: &TemplateInput) -> Result<Template> {
    template(conn, id)?;
    let (name, questions) = clean_template(input)?;
    ensure_unique_name(conn, &name, Some(id))?;
    conn.execute(
        "UPDATE one_on_one_templates SET name = ?2, questions = ?3, updated_at = ?4 WHERE id = ?1",
        params![
            id,
            name,
            serde_json::to_string(&questions).expect("json"),
            now_utc()
        ],
    )?;
    template(conn, id)
}

/// Deletes a template; people who had it assigned are left without one. Past agendas keep
/// the questions they were started with.
pub fn delete_template(conn: &Connection, id: &str) -> Result<()> {
    template(conn, id)?;
    conn.execute("DELETE FROM one_on_one_templates WHERE id = ?1", [id])?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Prep

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

pub fn prep(conn: &Connection, person_id: &str, today: NaiveDate) -> Result<Prep> {
    let person = ensure_person(conn, person_id)?;
    let settings = settings(conn, person_id)?;
    let last = last_meeting(conn, person_id)?;
    let status = cadence_status(
        settings.cadence,
        last.as_ref().and_then(|m| parse_date(&m.date)),
        today,
    );
    let template = settings
        .template_id
        .as_deref()
        .map(|t| template(conn, t))
        .transpose()?;
    let goals = goals(conn, person_id)?;
    let mut since_last = Vec::new();
    if let Some(m) = &last {
        // Name what got done (the first few); a bare count says little in a prep.
        const NAMED: usize = 3;
        let done: Vec<String> = conn
            .prepare_cached(
                "SELECT text FROM action_items WHERE person_id = ?1 AND done_at > ?2
                 ORDER BY done_at",
            )?
            .query_map(params![person_id, m.created_at], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for text in done.iter().take(NAMED) {
            since_last.push(format!("Done: {text}"));
        }
        if done.len() > NAMED {
            let more = done.len() - NAMED;
            since_last.push(format!(
                "…and {more} more action item{} done",
                if more == 1 { "" } else { "s" }
            ));
        }
        for g in goals.iter().filter(|g| g.updated_at > m.created_at) {
            let status = g.status.as_str().replace('_', " ");
            since_last.push(if g.created_at > m.created_at {
                format!("New goal “{}” ({status})", g.title)
            } else {
                format!("Goal “{}” is now {status}", g.title)
            });
        }
        // People keeps no field history, so say when, and the People page shows what. Only
        // real edits count: a person added after their (backdated) 1:1s was not edited.
        if person.updated_at > m.created_at && person.updated_at != person.created_at {
            let day = person.updated_at.get(..10).unwrap_or(&person.updated_at);
            since_last.push(format!(
                "Profile edited on {day} (title, team, level or notes)"
            ));
        }
    }
    Ok(Prep {
        status,
        template_name: template.as_ref().map(|t| t.name.clone()),
        last_meeting: last,
        open_actions: open_actions(conn, person_id, today)?,
        talking_points: queued_points(conn, person_id)?,
        suggested_questions: template.map(|t| t.questions).unwrap_or_default(),
        goals,
        since_last,
        person,
    })
}

/// One line of the Today / This week dashboard.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DueEntry {
    pub person_id: String,
    pub name: String,
    pub status: CadenceStatus,
}

/// Active people whose 1:1 is due within the week (or overdue, or never held), most urgent first.
pub fn due_this_week(conn: &Connection, today: NaiveDate) -> Result<Vec<DueEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, coalesce(s.cadence, 'weekly'),
                (SELECT max(date) FROM meetings m WHERE m.person_id = p.id)
         FROM people p LEFT JOIN one_on_one_settings s ON s.person_id = p.id
         WHERE p.archived_at IS NULL",
    )?;
    let rows: Vec<(String, String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let week_end = today + chrono::Days::new(6);
    let mut due: Vec<DueEntry> = rows
        .into_iter()
        .map(|(person_id, name, cadence, last)| DueEntry {
            person_id,
            name,
            status: cadence_status(
                Cadence::parse(&cadence),
                last.as_deref().and_then(parse_date),
                today,
            ),
        })
        .filter(|e| {
            e.status
                .next_due
                .as_deref()
                .and_then(parse_date)
                .is_none_or(|d| d <= week_end)
        })
        .collect();
    due.sort_by_key(|e| {
        (
            e.status.next_due.clone().unwrap_or_default(),
            e.name.to_lowercase(),
        )
    });
    Ok(due)
}

// ---------------------------------------------------------------------------------------------
// History (what exports render)

/// A person's 1:1s in a date range, oldest first, with their action items.
#[derive(Debug, Clone, Serialize, TS)]
pub struct History {
    pub person: Person,
    pub from: Option<String>,
    pub to: Option<String>,
    pub meetings: Vec<Meeting>,
    pub actions: Vec<ActionItem>,
}

/// Which part of a person's 1:1 history to export.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
pub struct HistoryRange {
    /// `YYYY-MM-DD`, inclusive; `null` = from the first 1:1.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive; `null` = up to today.
    pub to: Option<String>,
}

pub fn history(
    conn: &Connection,
    person_id: &str,
    range: &HistoryRange,
    today: NaiveDate,
) -> Result<History> {
    let person = ensure_person(conn, person_id)?;
    let day = |field: &str, v: &Option<String>| -> Result<Option<NaiveDate>> {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| valid_date(field, s))
            .transpose()
    };
    let (from, to) = (day("from", &range.from)?, day("to", &range.to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Error::invalid(
                "to",
                "The end date is before the start date",
            ));
        }
    }
    let (lo, hi) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings WHERE person_id = ?1
           AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)
         ORDER BY date, created_at"
    ))?;
    let meetings = stmt
        .query_map(params![person_id, lo, hi], meeting_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLUMNS} FROM action_items WHERE person_id = ?1
           AND (?2 IS NULL OR substr(created_at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(created_at, 1, 10) <= ?3)
         ORDER BY created_at, id"
    ))?;
    let actions = stmt
        .query_map(params![person_id, lo, hi], |r| action_from_row(r, today))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(History {
        person,
        from: lo,
        to: hi,
        meetings,
        actions,
    })
}

// ---------------------------------------------------------------------------------------------
// Search

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

#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteHit {
    pub kind: NoteKind,
    /// The meeting, talking point or action item.
    pub ref_id: String,
    pub person_id: String,
    pub person_name: String,
    pub date: String,
    /// Matched text with `\u0002`…`\u0003` around each hit (see `blueprint::HIGHLIGHT_START`).
    pub snippet: String,
}

/// How many of the newest matches get ranked. Ranking every match of a word that occurs in most
/// of 100,000 notes costs ~100 ms; the newest 500 keep search instant, and for 1:1 notes the
/// recent matches are the ones wanted.
pub const SEARCH_CANDIDATES: u32 = 500;

/// Full-text search over 1:1 notes, talking points and action items; best match first (among the
/// newest `SEARCH_CANDIDATES` matches), newer first among equals. `person_id` narrows it.
pub fn search(
    conn: &Connection,
    input: &str,
    person_id: Option<&str>,
    limit: u32,
) -> Result<Vec<NoteHit>> {
    let Some(query) = crate::blueprint::fts_query(input) else {
        return Ok(vec![]);
    };
    // 1. The oldest docid among the newest candidates. Docids grow as notes are written, and
    //    FTS5 walks a match list in descending docid order cheaply (no join in the plain case,
    //    or SQLite would walk note_docs instead).
    let limit = limit.clamp(1, 200);
    let (floor_sql, rank_sql) = match person_id {
        None => (
            "SELECT min(docid) FROM (SELECT rowid AS docid FROM notes_fts WHERE notes_fts MATCH ?1
                                     ORDER BY rowid DESC LIMIT ?3) WHERE ?2 IS NULL",
            "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?1 AND rowid >= ?2 AND ?3 IS NULL
             ORDER BY bm25(notes_fts), rowid DESC LIMIT ?4",
        ),
        Some(_) => (
            "SELECT min(docid) FROM (
                 SELECT f.rowid AS docid FROM notes_fts f JOIN note_docs d ON d.docid = f.rowid
                 WHERE notes_fts MATCH ?1 AND d.person_id = ?2 ORDER BY f.rowid DESC LIMIT ?3)",
            "SELECT f.rowid FROM notes_fts f JOIN note_docs d ON d.docid = f.rowid
             WHERE notes_fts MATCH ?1 AND f.rowid >= ?2 AND d.person_id = ?3
             ORDER BY bm25(notes_fts), f.rowid DESC LIMIT ?4",
        ),
    };
    let floor: Option<i64> = conn
        .prepare_cached(floor_sql)?
        .query_row(params![query, person_id, SEARCH_CANDIDATES], |r| r.get(0))?;
    let Some(floor) = floor else {
        return Ok(vec![]);
    };
    // 2. Rank only those; scores only (snippets for every candidate would dominate). Newer
    //    first among equal scores.
    let ranked: Vec<i64> = conn
        .prepare_cached(rank_sql)?
        .query_map(params![query, floor, person_id, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // 3. Details for each hit; the snippet is cut here from the text (FTS5's snippet() would
    //    re-read the whole match list of a common word for every hit).
    let words = query_words(input);
    let mut detail = conn.prepare_cached(
        "SELECT d.kind, d.ref_id, d.person_id, p.name, d.date, d.text
         FROM note_docs d JOIN people p ON p.id = d.person_id WHERE d.docid = ?1",
    )?;
    let mut hits = Vec::with_capacity(ranked.len());
    for docid in ranked {
        let hit = detail.query_row([docid], |r| {
            let kind: String = r.get(0)?;
            let text: String = r.get(5)?;
            Ok(NoteHit {
                kind: match kind.as_str() {
                    "private" => NoteKind::Private,
                    "point" => NoteKind::Point,
                    "action" => NoteKind::Action,
                    _ => NoteKind::Meeting,
                },
                ref_id: r.get(1)?,
                person_id: r.get(2)?,
                person_name: r.get(3)?,
                date: r.get(4)?,
                snippet: snippet(&text, &words, 14),
            })
        })?;
        hits.push(hit);
    }
    Ok(hits)
}

/// The lowercased words of a search, as `fts_query` splits them; the last one is a prefix.
fn query_words(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// About `width` words of `text` around the first word the search matched, each matching word
/// wrapped in `\u{2}`…`\u{3}`, with `…` where text was cut.
pub fn snippet(text: &str, words: &[String], width: usize) -> String {
    let matches = |token: &str| {
        let token = token.to_lowercase();
        words.iter().enumerate().any(|(i, w)| {
            if i + 1 == words.len() {
                token.starts_with(w.as_str())
            } else {
                token == *w
            }
        })
    };
    // Tokens as (start, end) byte ranges of alphanumeric runs.
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, text.len()));
    }
    let first = tokens
        .iter()
        .position(|&(s, e)| matches(&text[s..e]))
        .unwrap_or(0);
    let from = first.saturating_sub(width / 3);
    let to = (from + width).min(tokens.len());
    if tokens.is_empty() {
        return String::new();
    }
    let (begin, end) = (tokens[from].0, tokens[to - 1].1);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = begin;
    for &(s, e) in &tokens[from..to] {
        out.push_str(&plain_gap(&text[at..s]));
        if matches(&text[s..e]) {
            out.push('\u{2}');
            out.push_str(&text[s..e]);
            out.push('\u{3}');
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    debug_assert_eq!(at, end);
    if to < tokens.len() {
        out.push('…');
    }
    out
}

/// The text between two words of a snippet, as a reader wants it on one line: Markdown heading,
/// bullet, quote and emphasis marks dropped, line breaks shown as " · " (or a space after a
/// sentence's end).
fn plain_gap(gap: &str) -> Cow<'_, str> {
    if !gap.contains(['\n', '*', '`']) {
        return Cow::Borrowed(gap);
    }
    let strip = |part: &str| part.replace(['*', '`'], "");
    let Some((before, rest)) = gap.split_once('\n') else {
        return Cow::Owned(strip(gap));
    };
    let before = strip(before.trim_end());
    let after: String = rest
        .split('\n')
        .map(|line| {
            let line = line
                .trim_start()
                .trim_start_matches(['#', '-', '*', '+', '>']);
            strip(line.trim_start())
        })
        .collect();
    let sep = if before.ends_with(['.', ';', ':', '!', '?']) {
        " "
    } else {
        " · "
    };
    Cow::Owned(format!("{before}{sep}{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::PersonInput;
    use crate::{store, ErrorCode};

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn setup() -> (Connection, String) {
        let conn = store::open_in_memory().unwrap();
        let p = people::add(
            &conn,
            &PersonInput {
                name: "Ada".into(),
                ..Default::default()
            },
        )
        .unwrap();
        (conn, p.id)
    }

    fn action(
        conn: &Connection,
        person: &str,
        text: &str,
        due: Option<&str>,
        today: NaiveDate,
    ) -> ActionItem {
        let new = NewAction {
            person_id: person.into(),
            text: text.into(),
            owner: Owner::Them,
            due_date: due.map(str::to_owned),
            meeting_id: None,
        };
        add_action(conn, &new, today).unwrap()
    }

    #[test]
    fn cadence_rules() {
        let today = d("2026-11-26");
        let st = |c, last: &str| cadence_status(c, Some(d(last)), today).state;
        assert_eq!(
            cadence_status(Cadence::Weekly, None, today).state,
            DueState::NeverMet
        );
        assert_eq!(st(Cadence::Weekly, "2026-11-19"), DueState::Due);
        assert_eq!(st(Cadence::Weekly, "2026-11-18"), DueState::Overdue);
        assert_eq!(st(Cadence::Weekly, "2026-11-21"), DueState::DueSoon);
        assert_eq!(st(Cadence::Weekly, "2026-11-22"), DueState::OnTrack);
        assert_eq!(st(Cadence::Biweekly, "2026-11-12"), DueState::Due);
        assert_eq!(st(Cadence::Monthly, "2026-10-26"), DueState::Due);
        assert_eq!(st(Cadence::Monthly, "2026-10-27"), DueState::DueSoon);
        assert_eq!(st(Cadence::Monthly, "2026-10-30"), DueState::OnTrack);
        // Monthly from the 31st lands on the month's last day.
        assert_eq!(
            Cadence::Monthly.next_after(d("2026-01-31")),
            d("2026-02-28")
        );
        let s = cadence_status(Cadence::Weekly, Some(d("2026-11-10")), today);
        assert_eq!(
            (s.days_since_last, s.next_due.as_deref()),
            (Some(16), Some("2026-11-17"))
        );
    }

    #[test]
    fn open_actions_carry_forward_until_done_overdue_first() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        let later = action(
            &conn,
            &ada,
            "Write the DR runbook",
            Some("2026-12-10"),
            today,
        );
        let undated = action(&conn, &ada, "Pair on Terraform modules", None, today);
        let overdue = action(
            &conn,
            &ada,
            "Send the postmortem",
            Some("2026-11-20"),
            today,
        );
        let ids = |v: Vec<ActionItem>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(
            ids(open_actions(&conn, &ada, today).unwrap()),
            [overdue.id.clone(), later.id.clone(), undated.id.clone()]
        );
        assert!(open_actions(&conn, &ada, today).unwrap()[0].overdue);

        // They carry into the next meeting's agenda, and the one after, until done.
        let m1 = start_meeting(&mut conn, &ada, Some("2026-11-19"), today).unwrap();
        assert!(m1.agenda.contains("Send the postmortem"));
        set_action_done(&conn, &overdue.id, true, today).unwrap();
        let m2 = start_meeting(&mut conn, &ada, None, today).unwrap();
        assert!(
            !m2.agenda.contains("Send the postmortem"),
            "done items stop carrying forward"
        );
        assert!(
            m2.agenda.contains("Write the DR runbook")
                && m2.agenda.contains("Pair on Terraform modules")
        );
        // Reopening brings it back.
        set_action_done(&conn, &overdue.id, false, today).unwrap();
        assert_eq!(open_actions(&conn, &ada, today).unwrap().len(), 3);
    }

    #[test]
    fn start_meeting_fills_agenda_and_takes_the_queued_points() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        set_settings(
            &conn,
            &Settings {
                person_id: ada.clone(),
                cadence: Cadence::Biweekly,
                template_id: Some("tpl-feedback".into()),
            },
        )
        .unwrap();
        add_talking_point(&conn, &ada, "Promotion timeline", Author::Theirs).unwrap();
        add_talking_point(&conn, &ada, "On-call swap in December", Author::Mine).unwrap();
        let prep_before = prep(&conn, &ada, today).unwrap();
        assert_eq!(prep_before.status.state, DueState::NeverMet);
        assert_eq!(prep_before.talking_points.len(), 2);
        assert_eq!(prep_before.suggested_questions.len(), 4);

        let m = start_meeting(&mut conn, &ada, None, today).unwrap();
        assert_eq!(m.date, "2026-11-26");
        assert!(m.agenda.starts_with(
            "## Talking points\n- (theirs) Promotion timeline\n- (mine) On-call swap"
        ));
        assert!(m
            .agenda
            .contains("## Questions\n- What is one thing I could do differently"));
        let after = prep(&conn, &ada, today).unwrap();
        assert!(
            after.talking_points.is_empty(),
            "points moved into the meeting"
        );
        assert_eq!(after.status.state, DueState::OnTrack);
        assert_eq!(after.status.next_due.as_deref(), Some("2026-12-10"));
        assert_eq!(after.last_meeting.unwrap().id, m.id);
    }

    #[test]
    fn notes_save_idempotently_and_validate() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        let m = start_meeting(&mut conn, &ada, None, today).unwrap();
        let notes = NotesInput {
            agenda: m.agenda.clone(),
            shared_notes: "Agreed to split the migration".into(),
            private_notes: "Seems tired; check on-call load".into(),
            mood: Some(3),
            energy: Some(2),
        };
        let saved = save_notes(&conn, &m.id, &notes).unwrap();
        assert_eq!(
            save_notes(&conn, &m.id, &notes).unwrap().private_notes,
            saved.private_notes
        );
        let bad = NotesInput {
            mood: Some(6),
            ..notes.clone()
        };
        assert_eq!(
            save_notes(&conn, &m.id, &bad).unwrap_err().field.as_deref(),
            Some("mood")
        );
        assert_eq!(
            save_notes(&conn, "nope", &notes).unwrap_err().code,
            ErrorCode::NotFound
        );
        assert_eq!(get_meeting(&conn, &m.id).unwrap().mood, Some(3));
    }

    #[test]
    fn inputs_are_validated() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        assert_eq!(
            add_talking_point(&conn, &ada, "  ", Author::Mine)
                .unwrap_err()
                .field
                .as_deref(),
            Some("text")
        );
        assert_eq!(
            add_talking_point(&conn, "ghost", "x", Author::Mine)
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
        let bad_due = NewAction {
            person_id: ada.clone(),
            text: "x".into(),
            owner: Owner::Me,
            due_date: Some("2026-02-30".into()),
            meeting_id: None,
        };
        assert_eq!(
            add_action(&conn, &bad_due, today)
                .unwrap_err()
                .field
                .as_deref(),
            Some("due_date")
        );
        assert_eq!(
            start_meeting(&mut conn, &ada, Some("2026-11-27"), today)
                .unwrap_err()
                .field
                .as_deref(),
            Some("date")
        );
        let bad_tpl = Settings {
            person_id: ada.clone(),
            cadence: Cadence::Weekly,
            template_id: Some("nope".into()),
        };
        assert_eq!(
            set_settings(&conn, &bad_tpl).unwrap_err().code,
            ErrorCode::NotFound
        );
    }

    #[test]
    fn since_last_lists_what_changed() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        let a = action(&conn, &ada, "Draft the roadmap", None, today);
        let g = add_goal(&conn, &ada, "Lead an incident review").unwrap();
        start_meeting(&mut conn, &ada, Some("2026-11-19"), today).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        set_action_done(&conn, &a.id, true, today).unwrap();
        set_goal_status(&conn, &g.id, GoalStatus::Achieved).unwrap();
        let p = prep(&conn, &ada, today).unwrap();
        assert_eq!(
            p.since_last,
            [
                "Done: Draft the roadmap",
                "Goal “Lead an incident review” is now achieved"
            ]
        );
        // The first three done items are named, the rest counted.
        std::thread::sleep(std::time::Duration::from_millis(5));
        for text in [
            "Book the offsite",
            "Send the RFC",
            "Fix the alert",
            "Ship it",
        ] {
            let a = action(&conn, &ada, text, None, today);
            set_action_done(&conn, &a.id, true, today).unwrap();
        }
        let lines = prep(&conn, &ada, today).unwrap().since_last;
        assert_eq!(lines[0], "Done: Draft the roadmap");
        assert_eq!(lines[3], "…and 2 more action items done");
        assert!(lines[4].starts_with("Goal"), "{lines:?}");
        let mut profile = PersonInput {
            name: p.person.name.clone(),
            title: Some("Staff Engineer".into()),
            ..Default::default()
        };
        profile.email = p.person.email.clone();
        let edited = people::update(&conn, &ada, &profile).unwrap();
        let p = prep(&conn, &ada, today).unwrap();
        assert_eq!(
            p.since_last.last().unwrap(),
            &format!(
                "Profile edited on {} (title, team, level or notes)",
                &edited.updated_at[..10]
            )
        );
    }

    #[test]
    fn due_this_week_lists_due_and_overdue_people() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        let bob = people::add(
            &conn,
            &PersonInput {
                name: "Bob".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let cy = people::add(
            &conn,
            &PersonInput {
                name: "Cy".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        start_meeting(&mut conn, &ada, Some("2026-11-10"), today).unwrap(); // overdue since the 17th
        start_meeting(&mut conn, &bob, Some("2026-11-25"), today).unwrap(); // due 2 Dec: this week
        set_settings(
            &conn,
            &Settings {
                person_id: cy.clone(),
                cadence: Cadence::Monthly,
                template_id: None,
            },
        )
        .unwrap();
        start_meeting(&mut conn, &cy, Some("2026-11-20"), today).unwrap(); // due 20 Dec: not this week
        let due: Vec<(String, DueState)> = due_this_week(&conn, today)
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.status.state))
            .collect();
        assert_eq!(
            due,
            [
                ("Ada".to_string(), DueState::Overdue),
                ("Bob".to_string(), DueState::OnTrack)
            ]
        );
    }

    #[test]
    fn search_covers_notes_points_and_actions_and_follows_edits() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        let bob = people::add(
            &conn,
            &PersonInput {
                name: "Bob".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        add_talking_point(&conn, &ada, "Kubernetes upgrade worries", Author::Theirs).unwrap();
        action(&conn, &bob, "Draft the kubernetes runbook", None, today);
        let m = start_meeting(&mut conn, &ada, Some("2026-11-20"), today).unwrap();
        let notes = NotesInput {
            shared_notes: "Talked through the Kubernetes upgrade plan".into(),
            private_notes: "Considering a transfer".into(),
            ..Default::default()
        };
        save_notes(&conn, &m.id, &notes).unwrap();

        let hits = search(&conn, "kubern", None, 20).unwrap();
        let kinds: Vec<NoteKind> = hits.iter().map(|h| h.kind).collect();
        assert!(
            kinds.contains(&NoteKind::Meeting)
                && kinds.contains(&NoteKind::Point)
                && kinds.contains(&NoteKind::Action)
        );
        assert!(hits.iter().all(|h| h.snippet.contains('\u{2}')));
        assert_eq!(
            search(&conn, "kubernetes", Some(&bob), 20).unwrap().len(),
            1,
            "filter by person"
        );
        let private = search(&conn, "transfer", None, 20).unwrap();
        assert_eq!((private.len(), private[0].kind), (1, NoteKind::Private));

        // Autosave replaces the indexed text: old words stop matching.
        save_notes(
            &conn,
            &m.id,
            &NotesInput {
                shared_notes: "Only terraform now".into(),
                ..notes
            },
        )
        .unwrap();
        assert!(search(&conn, "upgrade plan", Some(&ada), 20)
            .unwrap()
            .iter()
            .all(|h| h.kind != NoteKind::Meeting));
        assert_eq!(search(&conn, "terraform", None, 20).unwrap().len(), 1);
    }

    #[test]
    fn search_ranks_denser_matches_first() {
        let (mut conn, ada) = setup();
        let today = d("2026-11-26");
        let once = start_meeting(&mut conn, &ada, Some("2026-11-01"), today).unwrap();
        let many = start_meeting(&mut conn, &ada, Some("2026-10-01"), today).unwrap();
        let with = |t: &str| NotesInput {
            shared_notes: t.into(),
            ..Default::default()
        };
        save_notes(
            &conn,
            &once.id,
            &with("We discussed the roadmap, hiring, budget, offsites and latency once"),
        )
        .unwrap();
        save_notes(&conn, &many.id, &with("latency latency latency budget")).unwrap();
        let hits = search(&conn, "latency", None, 10).unwrap();
        assert_eq!(
            hits[0].ref_id, many.id,
            "more occurrences in a shorter text rank first"
        );
    }

    #[test]
    fn snippets_highlight_whole_words_and_the_last_prefix() {
        let words = query_words("error budg");
        let text =
            "Long intro words here. The error budget burned; errors everywhere and a budgie.";
        let s = snippet(text, &words, 6);
        assert_eq!(
            s,
            "…here. The \u{2}error\u{3} \u{2}budget\u{3} burned; errors…"
        );
        assert_eq!(snippet("", &words, 6), "");
        // Markdown structure becomes one readable line.
        let notes =
            "## Talking points\n- (theirs) the **error budget**\n\n## Outcome\nDone.\n> Next: more";
        assert_eq!(
            snippet(notes, &query_words("budget"), 20),
            "Talking points · (theirs) the error \u{2}budget\u{3} · Outcome · Done. Next: more"
        );
        assert_eq!(snippet("no match at all", &words, 2), "no match…");
    }

    #[test]
    fn default_templates_are_seeded_once() {
        let mut conn = store::open_in_memory().unwrap();
        let names: Vec<String> = templates(&conn)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(
            names,
            [
                "Career growth",
                "Feedback both ways",
                "On-call load and wellbeing"
            ]
        );
        conn.execute(
            "DELETE FROM one_on_one_templates WHERE id = 'tpl-feedback'",
            [],
        )
        .unwrap();
        ensure_default_templates(&mut conn).unwrap();
        assert_eq!(
            templates(&conn).unwrap().len(),
            2,
            "a deleted default stays deleted"
        );
    }

    fn tpl(name: &str, questions: &[&str]) -> TemplateInput {
        TemplateInput {
            name: name.into(),
            questions: questions.iter().map(|q| q.to_string()).collect(),
        }
    }

    #[test]
    fn templates_are_created_cleaned_and_edited() {
        let (conn, ada) = setup();
        let t = create_template(
            &conn,
            &tpl(
                "  Onboarding  ",
                &["  How is week one going? ", "", "   ", "Who helped?"],
            ),
        )
        .unwrap();
        assert_eq!(t.name, "Onboarding");
        assert_eq!(t.questions, ["How is week one going?", "Who helped?"]);
        assert!(!t.builtin);
        assert_eq!(t.used_by, 0);

        set_settings(
            &conn,
            &Settings {
                person_id: ada.clone(),
                cadence: Cadence::Weekly,
                template_id: Some(t.id.clone()),
            },
        )
        .unwrap();
        let edited = update_template(
            &conn,
            &t.id,
            &tpl("Onboarding (30 days)", &["What surprised you?"]),
        )
        .unwrap();
        assert_eq!(edited.used_by, 1);
        let p = prep(&conn, &ada, d("2026-03-02")).unwrap();
        assert_eq!(p.template_name.as_deref(), Some("Onboarding (30 days)"));
        assert_eq!(p.suggested_questions, ["What surprised you?"]);

        // The shipped ones are editable too, and keep their builtin mark.
        let career =
            update_template(&conn, "tpl-career-growth", &tpl("Career", &["Where next?"])).unwrap();
        assert!(career.builtin);
        assert_eq!(career.questions, ["Where next?"]);
    }

    #[test]
    fn templates_are_found_by_id_or_name_in_any_case() {
        let conn = store::open_in_memory().unwrap();
        assert_eq!(
            find_template(&conn, " on-call LOAD and wellbeing ")
                .unwrap()
                .id,
            "tpl-oncall-wellbeing"
        );
        assert_eq!(
            find_template(&conn, "tpl-feedback").unwrap().name,
            "Feedback both ways"
        );
        let err = find_template(&conn, "Onboarding").unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::InvalidInput, Some("template"))
        );
    }

    #[test]
    fn template_input_is_validated() {
        let (conn, _) = setup();
        let field = |input: TemplateInput| create_template(&conn, &input).unwrap_err().field;
        assert_eq!(field(tpl("  ", &["Q?"])).as_deref(), Some("name"));
        assert_eq!(
            field(tpl(&"x".repeat(81), &["Q?"])).as_deref(),
            Some("name")
        );
        assert_eq!(
            field(tpl("Empty", &["", "  "])).as_deref(),
            Some("questions")
        );
        let many: Vec<String> = (0..31).map(|i| format!("Q{i}?")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(field(tpl("Many", &many)).as_deref(), Some("questions"));
        let long = "q".repeat(501);
        let err = create_template(&conn, &tpl("Long", &["Fine?", &long])).unwrap_err();
        assert_eq!(err.message, "Question 2 is longer than 500 characters");

        // Names are unique regardless of case, but a template may keep its own name.
        let err = create_template(&conn, &tpl("career GROWTH", &["Q?"])).unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::Conflict, Some("name"))
        );
        update_template(&conn, "tpl-career-growth", &tpl("Career growth", &["Q?"])).unwrap();
        let err =
            update_template(&conn, "tpl-feedback", &tpl("Career Growth", &["Q?"])).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert_eq!(
            update_template(&conn, "nope", &tpl("X", &["Q?"]))
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
    }

    #[test]
    fn deleting_a_template_unassigns_it_and_keeps_past_agendas() {
        let (mut conn, ada) = setup();
        set_settings(
            &conn,
            &Settings {
                person_id: ada.clone(),
                cadence: Cadence::Weekly,
                template_id: Some("tpl-feedback".into()),
            },
        )
        .unwrap();
        let m = start_meeting(&mut conn, &ada, None, d("2026-03-02")).unwrap();
        assert!(m.agenda.contains("support you better"));

        delete_template(&conn, "tpl-feedback").unwrap();
        assert_eq!(settings(&conn, &ada).unwrap().template_id, None);
        assert!(prep(&conn, &ada, d("2026-03-03"))
            .unwrap()
            .suggested_questions
            .is_empty());
        assert_eq!(get_meeting(&conn, &m.id).unwrap().agenda, m.agenda);
        assert_eq!(
            delete_template(&conn, "tpl-feedback").unwrap_err().code,
            ErrorCode::NotFound
        );
    }

    #[test]
    fn a_meeting_can_move_to_its_real_date_but_not_into_the_future() {
        let (mut conn, ada) = setup();
        let today = d("2026-03-10");
        let m = start_meeting(&mut conn, &ada, None, today).unwrap();
        let moved = set_meeting_date(&conn, &m.id, "2026-03-09", today).unwrap();
        assert_eq!(moved.date, "2026-03-09");
        assert_eq!(
            prep(&conn, &ada, today).unwrap().status.days_since_last,
            Some(1)
        );
        // Search results carry the new date too.
        save_notes(
            &conn,
            &m.id,
            &NotesInput {
                shared_notes: "kubernetes upgrade".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            search(&conn, "kubernetes", None, 10).unwrap()[0].date,
            "2026-03-09"
        );

        let err = set_meeting_date(&conn, &m.id, "2026-03-11", today).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("date"));
        let err = set_meeting_date(&conn, &m.id, "2026-02-30", today).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("date"));
        assert_eq!(get_meeting(&conn, &m.id).unwrap().date, "2026-03-09");
    }

    #[test]
    fn one_meeting_per_person_per_day() {
        let (mut conn, ada) = setup();
        let today = d("2026-03-10");
        let first = start_meeting(&mut conn, &ada, None, today).unwrap();
        add_talking_point(&conn, &ada, "Hiring plan", Author::Mine).unwrap();
        let err = start_meeting(&mut conn, &ada, None, today).unwrap_err();
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::Conflict, Some("date"))
        );
        // Nothing written: still one meeting, and the point is still queued for the next one.
        assert_eq!(meetings(&conn, &ada).unwrap().len(), 1);
        assert_eq!(queued_points(&conn, &ada).unwrap().len(), 1);

        // Another day is fine; moving it onto the first one's day is not; re-saving its own
        // date is.
        let second = start_meeting(&mut conn, &ada, Some("2026-03-03"), today).unwrap();
        let err = set_meeting_date(&conn, &second.id, &first.date, today).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        set_meeting_date(&conn, &second.id, "2026-03-03", today).unwrap();
    }

    #[test]
    fn deleting_a_meeting_requeues_its_points_and_keeps_its_actions() {
        let (mut conn, ada) = setup();
        let today = d("2026-03-10");
        add_talking_point(&conn, &ada, "Promotion timeline", Author::Theirs).unwrap();
        let m = start_meeting(&mut conn, &ada, None, today).unwrap();
        assert!(queued_points(&conn, &ada).unwrap().is_empty());
        let a = add_action(
            &conn,
            &NewAction {
                person_id: ada.clone(),
                text: "Draft the packet".into(),
                owner: Owner::Me,
                due_date: None,
                meeting_id: Some(m.id.clone()),
            },
            today,
        )
        .unwrap();

        delete_meeting(&mut conn, &m.id).unwrap();
        assert!(meetings(&conn, &ada).unwrap().is_empty());
        let queued = queued_points(&conn, &ada).unwrap();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].text, "Promotion timeline");
        let open = open_actions(&conn, &ada, today).unwrap();
        assert_eq!(
            (open[0].id.as_str(), open[0].meeting_id.as_deref()),
            (a.id.as_str(), None)
        );
        assert_eq!(
            delete_meeting(&mut conn, &m.id).unwrap_err().code,
            ErrorCode::NotFound
        );
    }
}
