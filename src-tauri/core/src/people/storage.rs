//! The roster in SQLite.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::history;
use super::model::{PeopleQuery, Person, PersonInput};
use super::rules::{validate, Valid};
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::time::{now_utc, today};

/// Who holds an email among active people. Phrased to match the partial unique index
/// `people_active_email`, so it is a lookup, not a scan (an import checks every row).
pub(super) const EMAIL_HOLDER_SQL: &str = "SELECT name FROM people
     WHERE lower(email) = lower(?1) AND archived_at IS NULL AND email IS NOT NULL AND id <> ?2";

/// Fails with `conflict` when an active person other than `except_id` has this email.
fn ensure_email_free(conn: &Connection, email: &Option<String>, except_id: &str) -> Result<()> {
    let Some(email) = email else { return Ok(()) };
    let holder: Option<String> = conn
        .prepare_cached(EMAIL_HOLDER_SQL)?
        .query_row(params![email, except_id], |r| r.get(0))
        .optional()?;
    match holder {
        Some(name) => Err(Error::conflict(
            "email",
            format!("{email} is already used by {name}"),
        )),
        None => Ok(()),
    }
}

pub(super) fn insert(conn: &Connection, v: &Valid) -> Result<String> {
    ensure_email_free(conn, &v.email, "")?;
    let id = new_id();
    let now = now_utc();
    conn.prepare_cached(
        "INSERT INTO people (id, name, email, title, team, level, start_date, timezone, notes,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        id,
        v.name,
        v.email,
        v.title,
        v.team,
        v.level,
        v.start_date,
        v.timezone,
        v.notes,
        now
    ])?;
    Ok(id)
}

/// Adds a person; returns the stored record.
pub fn add(conn: &Connection, input: &PersonInput) -> Result<Person> {
    let valid = validate(input, today())?;
    write(conn, |tx| {
        let id = insert(tx, &valid)?;
        get(tx, &id)
    })
}

/// Replaces a person's editable fields.
pub fn update(conn: &Connection, id: &str, input: &PersonInput) -> Result<Person> {
    let v = validate(input, today())?;
    write(conn, |tx| {
        let current = get(tx, id)?;
        if current.archived_at.is_none() {
            ensure_email_free(tx, &v.email, id)?;
        }
        tx.execute(
            "UPDATE people SET name = ?2, email = ?3, title = ?4, team = ?5, level = ?6,
                    start_date = ?7, timezone = ?8, notes = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                v.name,
                v.email,
                v.title,
                v.team,
                v.level,
                v.start_date,
                v.timezone,
                v.notes,
                now_utc()
            ],
        )?;
        let after = get(tx, id)?;
        history::record_edit(tx, &current, &after)?;
        Ok(after)
    })
}

/// Archives a person: hidden from the default list, nothing deleted.
pub fn archive(conn: &Connection, id: &str) -> Result<Person> {
    write(conn, |tx| {
        let person = get(tx, id)?;
        if person.archived_at.is_none() {
            tx.execute(
                "UPDATE people SET archived_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
            history::record_status(tx, &person, true)?;
        }
        get(tx, id)
    })
}

/// Restores an archived person, unless an active person now holds the same email.
pub fn restore(conn: &Connection, id: &str) -> Result<Person> {
    write(conn, |tx| {
        let person = get(tx, id)?;
        if person.archived_at.is_some() {
            ensure_email_free(tx, &person.email, id)?;
            tx.execute(
                "UPDATE people SET archived_at = NULL, updated_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
            history::record_status(tx, &person, false)?;
        }
        get(tx, id)
    })
}

const COLUMNS: &str = "id, name, email, title, team, level, start_date, timezone, notes, \
                       archived_at, created_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        title: r.get(3)?,
        team: r.get(4)?,
        level: r.get(5)?,
        start_date: r.get(6)?,
        timezone: r.get(7)?,
        notes: r.get(8)?,
        archived_at: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Person> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Person"))
}

/// Lists people sorted by name (case-insensitive), optionally filtered.
pub fn list(conn: &Connection, query: &PeopleQuery) -> Result<Vec<Person>> {
    let sql = if query.include_archived {
        format!("SELECT {COLUMNS} FROM people")
    } else {
        format!("SELECT {COLUMNS} FROM people WHERE archived_at IS NULL")
    };
    let mut people: Vec<Person> = conn
        .prepare_cached(&sql)?
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?;
    if let Some(needle) = query
        .filter
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let needle = needle.to_lowercase();
        people.retain(|p| {
            [
                Some(&p.name),
                p.email.as_ref(),
                p.title.as_ref(),
                p.team.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(&needle))
        });
    }
    people.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id.clone()));
    Ok(people)
}
