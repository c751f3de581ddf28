//! Profile changes on the kernel's revision log (area `people`, scope = the person's id), so
//! the 1:1 prep can say what changed, not only that something did.

use rusqlite::Connection;
use serde_json::{json, Map, Value};

use super::model::Person;
use crate::error::Result;
use crate::revisions::{self, Change};

const AREA: &str = "people";

/// The fields whose changes are named, with their labels. Manager-only notes are logged as
/// "edited" without their text (the log is not the place for a second copy of them).
const FIELDS: [(&str, &str); 7] = [
    ("name", "Name"),
    ("email", "Email"),
    ("title", "Title"),
    ("team", "Team"),
    ("level", "Level"),
    ("start_date", "Start date"),
    ("timezone", "Time zone"),
];

fn field(p: &Person, name: &str) -> Option<String> {
    match name {
        "name" => Some(p.name.clone()),
        "email" => p.email.clone(),
        "title" => p.title.clone(),
        "team" => p.team.clone(),
        "level" => p.level.clone(),
        "start_date" => p.start_date.clone(),
        "timezone" => p.timezone.clone(),
        _ => None,
    }
}

/// Logs what an edit changed (nothing when nothing did).
pub(super) fn record_edit(conn: &Connection, before: &Person, after: &Person) -> Result<()> {
    let mut parts = Vec::new();
    let (mut old, mut new) = (Map::new(), Map::new());
    for (name, label) in FIELDS {
        let (b, a) = (field(before, name), field(after, name));
        if b != a {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
            parts.push(format!("{label} {} → {}", show(&b), show(&a)));
            old.insert(name.into(), json!(b));
            new.insert(name.into(), json!(a));
        }
    }
    if before.notes != after.notes {
        parts.push("Notes edited".into());
    }
    if parts.is_empty() {
        return Ok(());
    }
    revisions::record(
        conn,
        &Change {
            area: AREA,
            scope: &after.id,
            entity_id: Some(&after.id),
            action: "edit",
            summary: &parts.join("; "),
            reason: None,
            before: Some(Value::Object(old).to_string()),
            after: Some(Value::Object(new).to_string()),
        },
    )?;
    Ok(())
}

/// Logs an archive or a restore.
pub(super) fn record_status(conn: &Connection, person: &Person, archived: bool) -> Result<()> {
    let (action, summary) = if archived {
        ("archive", "Archived")
    } else {
        ("restore", "Restored from the archive")
    };
    revisions::record(
        conn,
        &Change {
            area: AREA,
            scope: &person.id,
            entity_id: Some(&person.id),
            action,
            summary,
            ..Default::default()
        },
    )?;
    Ok(())
}

/// A person's profile changes after `since` (a UTC instant), oldest first, as
/// `(date, summary)`.
pub fn changes_since(
    conn: &Connection,
    person_id: &str,
    since: &str,
) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = revisions::for_entity(conn, AREA, person_id)?
        .into_iter()
        .filter(|e| e.at.as_str() > since)
        .map(|e| (e.at.get(..10).unwrap_or(&e.at).to_string(), e.summary))
        .collect();
    out.reverse();
    Ok(out)
}
