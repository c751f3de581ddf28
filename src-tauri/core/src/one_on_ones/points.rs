//! Talking points: queued for the next 1:1, taken into it when it starts.

use rusqlite::{params, Connection, Row};

use super::ensure_person;
use super::model::{Author, TalkingPoint, MAX_TEXT_CHARS};
use crate::db::write;
use crate::error::Result;
use crate::ids::new_id;
use crate::text;
use crate::time::now_utc;

pub(super) const POINT_COLUMNS: &str = "id, person_id, text, author, meeting_id, created_at";

pub(super) fn point_from_row(r: &Row) -> rusqlite::Result<TalkingPoint> {
    Ok(TalkingPoint {
        id: r.get(0)?,
        person_id: r.get(1)?,
        text: r.get(2)?,
        author: r.get(3)?,
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
    let text = text::required_prose("text", "Talking point", text, MAX_TEXT_CHARS)?;
    write(conn, |tx| {
        ensure_person(tx, person_id)?;
        let point = TalkingPoint {
            id: new_id(),
            person_id: person_id.into(),
            text,
            author,
            meeting_id: None,
            created_at: now_utc(),
        };
        tx.execute(
            "INSERT INTO talking_points (id, person_id, text, author, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![point.id, point.person_id, point.text, point.author, point.created_at],
        )?;
        Ok(point)
    })
}

/// Talking points waiting for the next 1:1, oldest first.
pub fn queued_points(conn: &Connection, person_id: &str) -> Result<Vec<TalkingPoint>> {
    let points = conn
        .prepare_cached(&format!(
            "SELECT {POINT_COLUMNS} FROM talking_points
             WHERE person_id = ?1 AND meeting_id IS NULL ORDER BY created_at, id"
        ))?
        .query_map([person_id], point_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(points)
}
