//! How often each person meets, and who is due: the cadence rule and the Today dashboard.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::model::{Cadence, CadenceStatus, DueEntry, DueState, OneOnOneSettings};
use super::{ensure_person, templates::template};
use crate::db::write;
use crate::error::Result;
use crate::preferences;
use crate::time::parse_date;

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

/// A person's settings; someone never set up meets at the default cadence from Settings.
pub fn settings(conn: &Connection, person_id: &str) -> Result<OneOnOneSettings> {
    ensure_person(conn, person_id)?;
    let row: Option<(Cadence, Option<String>)> = conn
        .prepare_cached(
            "SELECT cadence, template_id FROM one_on_one_settings WHERE person_id = ?1",
        )?
        .query_row([person_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (cadence, template_id) = match row {
        Some(row) => row,
        None => (preferences::get(conn)?.default_cadence, None),
    };
    Ok(OneOnOneSettings {
        person_id: person_id.into(),
        cadence,
        template_id,
    })
}

pub fn set_settings(conn: &Connection, s: &OneOnOneSettings) -> Result<OneOnOneSettings> {
    write(conn, |tx| {
        ensure_person(tx, &s.person_id)?;
        if let Some(t) = &s.template_id {
            template(tx, t)?;
        }
        tx.execute(
            "INSERT INTO one_on_one_settings (person_id, cadence, template_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (person_id) DO UPDATE SET cadence = excluded.cadence, template_id = excluded.template_id",
            params![s.person_id, s.cadence, s.template_id],
        )?;
        settings(tx, &s.person_id)
    })
}

/// Active people whose 1:1 is due within the week (or overdue, or never held), most urgent first.
pub fn due_this_week(conn: &Connection, today: NaiveDate) -> Result<Vec<DueEntry>> {
    let default_cadence = preferences::get(conn)?.default_cadence;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, s.cadence,
                (SELECT max(date) FROM meetings m WHERE m.person_id = p.id)
         FROM people p LEFT JOIN one_on_one_settings s ON s.person_id = p.id
         WHERE p.archived_at IS NULL",
    )?;
    let rows: Vec<(String, String, Option<Cadence>, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let week_end = today + chrono::Days::new(6);
    let mut due: Vec<DueEntry> = rows
        .into_iter()
        .map(|(person_id, name, cadence, last)| DueEntry {
            person_id,
            name,
            status: cadence_status(
                cadence.unwrap_or(default_cadence),
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
