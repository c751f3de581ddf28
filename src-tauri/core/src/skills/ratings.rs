//! Ratings: every one kept with its date; the latest per person, skill and rater is what the
//! matrix shows (kept in `skill_latest` by a trigger). And the "wants to grow this" flag.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::catalog::get_skill;
use super::model::{Rater, Rating, RatingInput, MAX_LEVEL, MAX_NOTE_CHARS};
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::people;
use crate::text;
use crate::time::{date_field, now_utc};

const RATING_COLUMNS: &str = "id, person_id, skill_id, rater, level, rated_on, note, created_at";

fn rating_from_row(r: &Row) -> rusqlite::Result<Rating> {
    Ok(Rating {
        id: r.get(0)?,
        person_id: r.get(1)?,
        skill_id: r.get(2)?,
        rater: r.get(3)?,
        level: r.get(4)?,
        rated_on: r.get(5)?,
        note: r.get(6)?,
        created_at: r.get(7)?,
    })
}

/// A level on the scale, or an error that says what the scale is.
pub(super) fn check_level(level: i64) -> Result<u8> {
    u8::try_from(level)
        .ok()
        .filter(|l| *l <= MAX_LEVEL)
        .ok_or_else(|| Error::invalid("level", format!("{level} is off the scale (0 to 4)")))
}

/// A rating date: a real date, not in the future.
pub(super) fn rating_date(value: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    let date = match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => date_field("rated_on", v)?,
        None => today,
    };
    if date > today {
        return Err(Error::invalid(
            "rated_on",
            "A rating cannot be dated in the future",
        ));
    }
    Ok(date)
}

/// Records a rating (the earlier ones stay). Only for active people and skills in use.
pub fn rate(conn: &Connection, input: &RatingInput, today: NaiveDate) -> Result<Rating> {
    let level = check_level(i64::from(input.level))?;
    let date = rating_date(input.rated_on.as_deref(), today)?;
    let note = input.note.clone().unwrap_or_default();
    text::prose("note", "Note", &note, MAX_NOTE_CHARS)?;
    write(conn, |tx| {
        let person = people::get(tx, &input.person_id)?;
        if person.archived_at.is_some() {
            return Err(Error::invalid(
                "person_id",
                format!(
                    "{} is archived; restore them to rate their skills",
                    person.name
                ),
            ));
        }
        let skill = get_skill(tx, &input.skill_id)?;
        if skill.retired_at.is_some() {
            return Err(Error::invalid(
                "skill_id",
                format!("“{}” is retired; restore it to rate it", skill.name),
            ));
        }
        let id = insert(
            tx,
            &input.person_id,
            &input.skill_id,
            input.rater,
            level,
            date,
            note.trim(),
        )?;
        get_rating(tx, &id)
    })
}

/// Inserts one rating (the trigger keeps `skill_latest`). No checks: callers validate.
pub(super) fn insert(
    tx: &Connection,
    person_id: &str,
    skill_id: &str,
    rater: Rater,
    level: u8,
    date: NaiveDate,
    note: &str,
) -> Result<String> {
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO skill_ratings (id, person_id, skill_id, rater, level, rated_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![id, person_id, skill_id, rater, level, date.to_string(), note, now_utc()])?;
    Ok(id)
}

pub fn get_rating(conn: &Connection, id: &str) -> Result<Rating> {
    conn.prepare_cached(&format!(
        "SELECT {RATING_COLUMNS} FROM skill_ratings WHERE id = ?1"
    ))?
    .query_row([id], rating_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found("Rating"))
}

/// Every rating of a person for a skill, newest first (both raters).
pub fn history(conn: &Connection, person_id: &str, skill_id: &str) -> Result<Vec<Rating>> {
    let list = conn
        .prepare_cached(&format!(
            "SELECT {RATING_COLUMNS} FROM skill_ratings WHERE person_id = ?1 AND skill_id = ?2
             ORDER BY rated_on DESC, created_at DESC"
        ))?
        .query_map(params![person_id, skill_id], rating_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

/// Sets or clears "wants to grow this" for a person and a skill.
pub fn set_wants_to_grow(
    conn: &Connection,
    person_id: &str,
    skill_id: &str,
    wants: bool,
) -> Result<()> {
    write(conn, |tx| {
        people::get(tx, person_id)?;
        get_skill(tx, skill_id)?;
        if wants {
            tx.execute(
                "INSERT INTO skill_interests (person_id, skill_id, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![person_id, skill_id, now_utc()],
            )?;
        } else {
            tx.execute(
                "DELETE FROM skill_interests WHERE person_id = ?1 AND skill_id = ?2",
                params![person_id, skill_id],
            )?;
        }
        Ok(())
    })
}

/// The manager-rating changes recorded after `since` (a UTC instant), one line each in catalog
/// order: "Infrastructure as code 2 → 3" (or "rated 3" for a first rating). Ratings that repeat
/// the level before them are not changes.
pub fn changes_since(conn: &Connection, person_id: &str, since: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.name, r.level,
                (SELECT p.level FROM skill_ratings p
                  WHERE p.person_id = r.person_id AND p.skill_id = r.skill_id AND p.rater = 'manager'
                    AND p.created_at <= ?2
                  ORDER BY p.rated_on DESC, p.created_at DESC LIMIT 1)
         FROM skill_latest r JOIN skills s ON s.id = r.skill_id
         WHERE r.person_id = ?1 AND r.rater = 'manager' AND r.created_at > ?2
         ORDER BY s.position, s.id",
    )?;
    let rows = stmt.query_map(params![person_id, since], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u8>(1)?,
            r.get::<_, Option<u8>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, now, before) = row?;
        match before {
            Some(b) if b == now => {}
            Some(b) => out.push(format!("{name} {b} → {now}")),
            None => out.push(format!("{name} rated {now}")),
        }
    }
    Ok(out)
}
