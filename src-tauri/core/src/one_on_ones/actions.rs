//! Action items: they carry forward from 1:1 to 1:1 until done.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::ensure_person;
use super::meetings::get_meeting;
use super::model::{ActionItem, NewAction, MAX_TEXT_CHARS};
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::text;
use crate::time::{now_utc, optional_date_field, parse_date};

pub(super) const ACTION_COLUMNS: &str =
    "id, person_id, text, owner, due_date, meeting_id, done_at, created_at";

pub(super) fn action_from_row(r: &Row, today: NaiveDate) -> rusqlite::Result<ActionItem> {
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
        owner: r.get(3)?,
        due_date,
        meeting_id: r.get(5)?,
        done_at,
        created_at: r.get(7)?,
        overdue,
    })
}

pub fn add_action(conn: &Connection, new: &NewAction, today: NaiveDate) -> Result<ActionItem> {
    let text = text::required_prose("text", "Action item", &new.text, MAX_TEXT_CHARS)?;
    let due = optional_date_field("due_date", new.due_date.as_deref())?;
    write(conn, |tx| {
        ensure_person(tx, &new.person_id)?;
        if let Some(m) = &new.meeting_id {
            if get_meeting(tx, m)?.person_id != new.person_id {
                return Err(Error::invalid(
                    "meeting_id",
                    "That 1:1 is with someone else",
                ));
            }
        }
        let id = new_id();
        tx.execute(
            "INSERT INTO action_items (id, person_id, text, owner, due_date, meeting_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                new.person_id,
                text,
                new.owner,
                due.map(|d| d.to_string()),
                new.meeting_id,
                now_utc()
            ],
        )?;
        let action = get_action(tx, &id, today)?;
        // A #tag in the item files it as evidence on the person's ladder.
        crate::ladders::file_from_action(tx, &action)?;
        Ok(action)
    })
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
    write(conn, |tx| {
        get_action(tx, id, today)?;
        tx.execute(
            "UPDATE action_items SET done_at = ?2 WHERE id = ?1",
            params![id, done.then(now_utc)],
        )?;
        get_action(tx, id, today)
    })
}

/// Open action items carry forward until done: every open item, overdue first (oldest due date
/// first), then the rest by due date, then undated ones oldest first.
pub fn open_actions(
    conn: &Connection,
    person_id: &str,
    today: NaiveDate,
) -> Result<Vec<ActionItem>> {
    let mut items: Vec<ActionItem> = conn
        .prepare_cached(&format!(
            "SELECT {ACTION_COLUMNS} FROM action_items
             WHERE person_id = ?1 AND done_at IS NULL
             ORDER BY due_date IS NULL, due_date, created_at, id"
        ))?
        .query_map([person_id], |r| action_from_row(r, today))?
        .collect::<rusqlite::Result<_>>()?;
    // Stable: overdue ones (already in due-date order) move to the front.
    items.sort_by_key(|a| !a.overdue);
    Ok(items)
}
