//! Finding a person the way people refer to them: by id, by email, or by a unique part of the
//! name (the CLI, imports and the palette all take such references).

use rusqlite::Connection;

use super::model::{PeopleQuery, Person};
use super::storage::list;
use crate::error::{Error, ErrorCode, Result};

/// The person `reference` names: an id or an email (any case) first; else the one person whose
/// name contains it (any case), active people before archived ones. Several matches is a
/// `conflict` that names them.
pub fn find(conn: &Connection, reference: &str) -> Result<Person> {
    let needle = reference.trim().to_lowercase();
    if needle.is_empty() {
        return Err(Error::invalid(
            "person",
            "Name a person (id, email or name)",
        ));
    }
    let all = list(
        conn,
        &PeopleQuery {
            filter: None,
            include_archived: true,
        },
    )?;
    if let Some(p) = all.iter().find(|p| {
        p.id == reference.trim()
            || p.email
                .as_deref()
                .is_some_and(|e| e.to_lowercase() == needle)
    }) {
        return Ok(p.clone());
    }
    let by_name: Vec<&Person> = all
        .iter()
        .filter(|p| p.name.to_lowercase().contains(&needle))
        .collect();
    // An exact full name wins over longer names that contain it ("Ann" vs "Joanne").
    let exact: Vec<&Person> = by_name
        .iter()
        .copied()
        .filter(|p| p.name.to_lowercase() == needle)
        .collect();
    let active: Vec<&Person> = by_name
        .iter()
        .copied()
        .filter(|p| p.archived_at.is_none())
        .collect();
    let pick = [exact, active, by_name]
        .into_iter()
        .find(|m| !m.is_empty())
        .unwrap_or_default();
    match pick.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::not_found(&format!(
            "Person \"{}\"",
            reference.trim()
        ))),
        many => Err(Error::new(
            ErrorCode::Conflict,
            format!(
                "\"{}\" matches {} people: {}. Use their email or id",
                reference.trim(),
                many.len(),
                many.iter()
                    .map(|p| match &p.email {
                        Some(e) => format!("{} <{e}>", p.name),
                        None => format!("{} ({})", p.name, p.id),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .on("person")),
    }
}
