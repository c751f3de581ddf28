//! Meetings: starting a 1:1 with its agenda, autosaved notes, moving and deleting.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{ActionItem, Meeting, NotesInput, TalkingPoint, MAX_NOTES_CHARS};
use super::prep::prep;
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::text;
use crate::time::{date_field, now_utc};

pub(super) const MEETING_COLUMNS: &str =
    "id, person_id, date, agenda, shared_notes, private_notes, mood, energy, created_at, updated_at";

pub(super) fn meeting_from_row(r: &Row) -> rusqlite::Result<Meeting> {
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
    let list = conn
        .prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE person_id = ?1 ORDER BY date DESC, created_at DESC"
        ))?
        .query_map([person_id], meeting_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

pub(super) fn last_meeting(conn: &Connection, person_id: &str) -> Result<Option<Meeting>> {
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
    let mut sections: Vec<String> = Vec::new();
    if !points.is_empty() {
        let mut s = String::from("## Talking points\n");
        for p in points {
            s.push_str(&format!("- ({}) {}\n", p.author.as_str(), p.text));
        }
        sections.push(s);
    }
    if !actions.is_empty() {
        let mut s = String::from("## Open action items\n");
        for a in actions {
            let due = a
                .due_date
                .as_deref()
                .map(|d| format!(", due {d}"))
                .unwrap_or_default();
            let overdue = if a.overdue { " (overdue)" } else { "" };
            s.push_str(&format!(
                "- [ ] {} ({}{due}){overdue}\n",
                a.text,
                a.owner.as_str()
            ));
        }
        sections.push(s);
    }
    if !questions.is_empty() {
        let mut s = String::from("## Questions\n");
        for q in questions {
            s.push_str(&format!("- {q}\n"));
        }
        sections.push(s);
    }
    sections.join("\n")
}

/// A 1:1 date the user gave: a real date, not in the future.
fn meeting_date(date: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = date_field("date", date)?;
    if date > today {
        return Err(Error::invalid(
            "date",
            "A 1:1 cannot be recorded in the future",
        ));
    }
    Ok(date)
}

/// Starts a 1:1 (today unless `date` says otherwise): the agenda is filled from the prep, and the
/// queued talking points move into this meeting. One transaction.
pub fn start_meeting(
    conn: &Connection,
    person_id: &str,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<Meeting> {
    write(conn, |tx| start_meeting_in(tx, person_id, date, today))
}

/// `start_meeting` inside a transaction the caller owns (to save notes with it atomically).
pub fn start_meeting_in(
    tx: &Connection,
    person_id: &str,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<Meeting> {
    let date = match date.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => meeting_date(d, today)?,
        None => today,
    };
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
/// that day's notes across two records. The unique index `meetings_person_day` stands behind
/// this check; the check is here to say it in words.
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

/// Saves the whole note state of a 1:1 (the autosave target; saving twice changes nothing).
pub fn save_notes(conn: &Connection, meeting_id: &str, input: &NotesInput) -> Result<Meeting> {
    validate_notes(input)?;
    write(conn, |tx| save_notes_in(tx, meeting_id, input))
}

fn validate_notes(input: &NotesInput) -> Result<()> {
    for (field, label, value) in [
        ("agenda", "The agenda", &input.agenda),
        ("shared_notes", "Shared notes", &input.shared_notes),
        ("private_notes", "Private notes", &input.private_notes),
    ] {
        text::prose(field, label, value, MAX_NOTES_CHARS)?;
    }
    for (field, v) in [("mood", input.mood), ("energy", input.energy)] {
        if v.is_some_and(|v| !(1..=5).contains(&v)) {
            return Err(Error::invalid(field, "Pick 1 to 5"));
        }
    }
    Ok(())
}

/// `save_notes` inside a transaction the caller owns.
pub fn save_notes_in(tx: &Connection, meeting_id: &str, input: &NotesInput) -> Result<Meeting> {
    validate_notes(input)?;
    get_meeting(tx, meeting_id)?;
    tx.prepare_cached(
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
    let meeting = get_meeting(tx, meeting_id)?;
    // #tags in the agenda and shared notes file evidence on the person's ladder (never private notes).
    crate::ladders::file_from_meeting(tx, &meeting)?;
    Ok(meeting)
}

/// Moves a 1:1 to the day it really happened (a 1:1 logged a day late, say). Not in the future.
pub fn set_meeting_date(
    conn: &Connection,
    meeting_id: &str,
    date: &str,
    today: NaiveDate,
) -> Result<Meeting> {
    let date = meeting_date(date, today)?;
    write(conn, |tx| {
        let meeting = get_meeting(tx, meeting_id)?;
        ensure_day_free(tx, &meeting.person_id, date, meeting_id)?;
        tx.execute(
            "UPDATE meetings SET date = ?2, updated_at = ?3 WHERE id = ?1",
            params![meeting_id, date.to_string(), now_utc()],
        )?;
        get_meeting(tx, meeting_id)
    })
}

/// Deletes a 1:1 started by mistake. Its talking points go back to the queue and its action
/// items stay (unlinked from it); only the meeting's own notes are lost. One transaction.
pub fn delete_meeting(conn: &Connection, meeting_id: &str) -> Result<()> {
    write(conn, |tx| {
        get_meeting(tx, meeting_id)?;
        tx.execute(
            "UPDATE talking_points SET meeting_id = NULL WHERE meeting_id = ?1",
            [meeting_id],
        )?;
        tx.execute(
            "UPDATE action_items SET meeting_id = NULL WHERE meeting_id = ?1",
            [meeting_id],
        )?;
        tx.execute("DELETE FROM meetings WHERE id = ?1", [meeting_id])?;
        Ok(())
    })
}
