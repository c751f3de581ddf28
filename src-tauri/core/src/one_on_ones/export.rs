//! What a 1:1 export renders: a person's 1:1s in a date range, with their action items.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::actions::{action_from_row, ACTION_COLUMNS};
use super::ensure_person;
use super::meetings::{meeting_from_row, MEETING_COLUMNS};
use super::model::OneOnOneExport;
use crate::error::Result;
use crate::time::DateRange;

pub fn for_export(
    conn: &Connection,
    person_id: &str,
    range: &DateRange,
    today: NaiveDate,
) -> Result<OneOnOneExport> {
    let person = ensure_person(conn, person_id)?;
    let (from, to) = range.bounds()?;
    let (lo, hi) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
    let meetings = conn
        .prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE person_id = ?1
               AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)
             ORDER BY date, created_at"
        ))?
        .query_map(params![person_id, lo, hi], meeting_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let actions = conn
        .prepare_cached(&format!(
            "SELECT {ACTION_COLUMNS} FROM action_items WHERE person_id = ?1
               AND (?2 IS NULL OR substr(created_at, 1, 10) >= ?2)
               AND (?3 IS NULL OR substr(created_at, 1, 10) <= ?3)
             ORDER BY created_at, id"
        ))?
        .query_map(params![person_id, lo, hi], |r| action_from_row(r, today))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(OneOnOneExport {
        person,
        from: lo,
        to: hi,
        meetings,
        actions,
    })
}
